# C types for charstrings.py when Cython compiles it (pure-Python mode: the .py stays the reference).
import cython

# the operators and limits as C constants: the walk compares every byte with them
cdef Py_ssize_t _CALLSUBR, _RETURN, _ENDCHAR, _CALLGSUBR
cdef Py_ssize_t _HSTEM, _VSTEM, _HSTEMHM, _VSTEMHM, _HINTMASK, _CNTRMASK, _ESCAPE
cdef Py_ssize_t _MAX_DEPTH, _MAX_OPS

@cython.locals(count=Py_ssize_t)
cpdef Py_ssize_t bias(Py_ssize_t count)

cpdef Py_ssize_t operand_size(Py_ssize_t b0)

cdef class Walker:
    cdef public object gsubrs, lsubrs
    cdef public Py_ssize_t gbias, lbias
    cdef public dict gprograms, lprograms, effects
    cdef public Py_ssize_t depth, stack, stems, ops
    cdef public bint done, cleared, pure

    cpdef object glyph(self, bytes code)

    @cython.locals(i=Py_ssize_t, n=Py_ssize_t, cut=Py_ssize_t, last=Py_ssize_t, known=bint,
                   last_at=Py_ssize_t, stack=Py_ssize_t, b0=Py_ssize_t, b1=Py_ssize_t,
                   b2=Py_ssize_t, is_global=bint, number=Py_ssize_t)
    cpdef run(self, bytes code, object program)

    @cython.locals(cleared=bint, left=Py_ssize_t, outer_cleared=bint, outer_pure=bint,
                   entry=Py_ssize_t)
    cpdef call(self, bint is_global, Py_ssize_t number)

@cython.locals(gused=set, lused=dict, pending=list, in_global=bint, is_global=bint,
               local=set)
cpdef tuple called(list roots, dict gprograms, dict lprograms)

@cython.locals(k=Py_ssize_t, out=list, is_global=bint)
cpdef bytes renumbered(object program, dict gcalls, dict lcalls)
