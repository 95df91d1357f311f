# C types for breakloop.py when Cython compiles it (pure-Python mode: the .py stays the reference).
import cython

@cython.locals(i=Py_ssize_t, w=double, s=double, t=double, interchar=double, g=double, gs=double,
               gt=double, bwi=double, lsi=double, rsi=double)
cpdef tuple prefix_sums(Py_ssize_t n, list bw, list ls, list rs, list glue, list gshrink,
                        list gstretch, list even)

@cython.locals(n=Py_ssize_t, b=Py_ssize_t, a=Py_ssize_t, k=Py_ssize_t, lo=Py_ssize_t,
               eb=Py_ssize_t, best_a=Py_ssize_t, lettered=bint, limit=double, wb=double,
               sb=double, tb=double, w=double, t=double, r=double, bad=double, d=double,
               best_d=double, hw=double, hs=double, ht=double, ba=double,
               pb=double, ga=Py_ssize_t, ca=Py_ssize_t, last=bint, inf=double, eps=double,
               shrink_bad=double, stretch_bad=double, line_penalty=double, letter_stretch=double,
               letter_bad=double, unjustifiable=double, best=list, back=list, starts=list)
cpdef tuple total_fit(list points, list width, list shrink, list stretch, list head_w,
                      list head_s, list head_t, list et, list el, list pen, list after, list lg,
                      list le, double measure, double max_ratio, double orphan_demerits,
                      double letter_max_ratio)

@cython.locals(i=Py_ssize_t, count=Py_ssize_t, ci=Py_ssize_t, ri=double, ei=double, tr=double,
               li=double, sl=double, h=double, el=list, after=list)
cpdef tuple line_edges(Py_ssize_t n, list ls, list rs, list start_trim, list end_trim,
                       list chars, list hw, list hs, bint trim, bint trim_first)

@cython.locals(n=Py_ssize_t, b=Py_ssize_t, a=Py_ssize_t, k=Py_ssize_t, i=Py_ssize_t,
               lo=Py_ssize_t, spans=Py_ssize_t, least=Py_ssize_t, f=Py_ssize_t,
               lines=Py_ssize_t, j=Py_ssize_t, ca=Py_ssize_t, balance=bint,
               inf=double, eps=double, shrink_bad=double, m=double, wb=double, sb=double,
               eb=double, lb=double, hw=double, hs=double, w=double, c=double, pb=double,
               slack=double, span_b=list, opt_from=list, opt_a=list, opt_slack=list,
               opt_squeeze=list, starts=list, fewest=list, cost=list, best=list, back=list,
               layer=list, nxt=list, bk=list, backs=list, ends=list)
cpdef object ragged_fit(list points, list width, list shrink, list head_w, list head_s,
                        list et, list el, list penalty, list after, list jtext,
                        double measure, double first_measure, double orphan_demerits,
                        double unspaced, Py_ssize_t balance_max)

@cython.locals(inf=double, k=Py_ssize_t, b=Py_ssize_t, i=Py_ssize_t, a=Py_ssize_t, base=double,
               d=double, known=double)
cdef void _relax(list span_b, list opt_from, list opt_a, list cost, list before, list after,
                 list back)

@cython.locals(b=Py_ssize_t, ends=list)
cpdef tuple walk_back(list back, Py_ssize_t n)
