"""The line breaker's inner loops, as plain functions over lists of numbers.

These two loops are where a build spends most of its breaking time: the prefix sums over a
paragraph's boxes and junctions, and the total-fit search over candidate lines. They are kept
apart from linebreak.py so that Cython can compile this very file (typed by breakloop.pxd:
`make compile`), with the same arithmetic in the same order; uncompiled it is the reference
that the compiled module is tested against (tests/speed/test_kernels.py). Only `layout.native`
chooses between the two.
"""

from __future__ import annotations

INF = float("inf")
EPS = 1e-9
#: Stretch of one inter-character gap at adjustment ratio 1, in em: the breaker's yardstick for
#: how loose a line looks (xeCJK's CJKglue stretches about as much).
INTERCHAR_STRETCH = 0.125
#: Letter-spacing between two characters of an over-long token at adjustment ratio 1, in em:
#: the yardstick of the last-resort letter-spacing's badness (which grows with its cube).
LETTER_STRETCH = 0.05
#: Badness weights: 100·r³ for stretch as in TeX; push-in is cheaper than push-out.
STRETCH_BADNESS = 100.0
SHRINK_BADNESS = 50.0
#: Added to every line's badness before squaring (TeX's \linepenalty): fewer lines are better.
LINE_PENALTY = 10.0
#: Badness of a justified line that has nowhere to put its slack (only in fallback passes).
UNJUSTIFIABLE_BADNESS = 1e6
#: Least badness of a line justified by letter-spacing an over-long token: its demerits (≈1e10)
#: outweigh any paragraph of regular lines within the first pass's limits (≤ 2.5e6 per line).
LETTERSPACE_BADNESS = 1e5


def prefix_sums(
    n: int,
    bw: list,
    ls: list,
    rs: list,
    glue: list,
    gshrink: list,
    gstretch: list,
    even: list,
) -> tuple[list, list, list, list, list, list]:
    """Width, shrink and stretch summed up to each junction (inside a line holding both sides),
    and the same sums taken just after the glue of junction j: what a line starting at j
    subtracts, since a break discards its glue (Knuth–Plass). Junctions 0 and n have no glue."""
    width = [0.0] * (n + 1)
    shrink = [0.0] * (n + 1)
    stretch = [0.0] * (n + 1)
    hw = [0.0] * (n + 1)
    hs = [0.0] * (n + 1)
    ht = [0.0] * (n + 1)
    w = s = t = 0.0
    interchar = INTERCHAR_STRETCH
    for i in range(n):
        if i:  # junction i sits between box i-1 and box i: inside any line holding both
            g = glue[i]
            gs = gshrink[i]
            gt = gstretch[i]
            w += g
            s += gs
            t += gt + (interchar if even[i] else 0.0)
            hw[i] = w
            hs[i] = s
            ht[i] = t
        bwi = bw[i]
        lsi = ls[i]
        rsi = rs[i]
        w += bwi
        s += lsi + rsi
        width[i + 1] = w
        shrink[i + 1] = s
        stretch[i + 1] = t
    hw[n] = w
    hs[n] = s
    ht[n] = t
    return width, shrink, stretch, hw, hs, ht


def line_edges(
    n: int,
    ls: list,
    rs: list,
    start_trim: list,
    end_trim: list,
    chars: list,
    hw: list,
    hs: list,
    trim: bool,
    trim_first: bool,
) -> tuple[list, list, list, list]:
    """What a line starting at junction a subtracts from the sums at its end (the sums just
    after its glue, hw/hs, and the trim of an opening bracket starting it: head_w, head_s),
    what a line ending with box b-1 loses (its closing mark's blank: el, of which shrink: el),
    and the characters that are not punctuation from box a to the end (one-character last
    lines). hw and hs become head_w and head_s in place."""
    el = [0.0] * n
    after = [0] * (n + 1)
    count = 0
    for i in range(n - 1, -1, -1):
        ci = chars[i]
        count += ci
        after[i] = count
    for i in range(n):
        ri = rs[i]
        ei = end_trim[i]
        el[i] = ei if ei < ri else ri  # min(): the first of two equals, as min() keeps it
        if trim and (i or trim_first):
            tr = start_trim[i]
            li = ls[i]
            sl = tr if tr < li else li
            h = hw[i]
            hw[i] = h + tr
            h = hs[i]
            hs[i] = h + sl
    return hw, hs, el, after


def total_fit(
    points: list,
    width: list,
    shrink: list,
    stretch: list,
    head_w: list,
    head_s: list,
    head_t: list,
    et: list,
    el: list,
    pen: list,
    after: list,
    lg: list | None,
    le: list | None,
    measure: float,
    max_ratio: float,
    orphan_demerits: float,
    letter_max_ratio: float,
) -> tuple[list, list]:
    """Least total demerits of a line sequence reaching each junction, and the start of its
    last line (-1: unreachable). `points` are the junctions where a line may end (the last one
    is the paragraph end n); `head_*` what a line starting at a junction subtracts from the
    sums at its end (the first line's indent folded into head_w[0])."""
    # the constants as locals: plain C numbers once compiled, faster lookups when not
    inf, eps = INF, EPS
    shrink_bad, stretch_bad, line_penalty = SHRINK_BADNESS, STRETCH_BADNESS, LINE_PENALTY
    letter_stretch, letter_bad, unjustifiable = (
        LETTER_STRETCH,
        LETTERSPACE_BADNESS,
        UNJUSTIFIABLE_BADNESS,
    )
    n = points[len(points) - 1]
    best = [inf] * (n + 1)
    back = [-1] * (n + 1)
    best[0] = 0.0
    starts = [0]  # junctions reached by a feasible line sequence, ascending
    lo = 0
    limit = measure + eps
    lettered = lg is not None
    for b in points:
        wb = width[b] - et[b - 1]
        sb = shrink[b] - el[b - 1]
        tb = stretch[b]
        eb = le[b] if lettered else 0
        # drop starts whose line to b overflows even fully shrunk: it only gets worse
        while lo < len(starts):
            a = starts[lo]
            hw = head_w[a]
            hs = head_s[a]
            if (wb - hw) - (sb - hs) > limit:
                lo += 1
            else:
                break
        best_d = inf
        best_a = -1
        last = b == n  # the last line: natural width, only a one-character line is penalised
        for k in range(lo, len(starts)):
            a = starts[k]
            # every number read into a local first: C doubles once compiled, no boxing
            hw = head_w[a]
            w = wb - hw
            if w > limit:
                hs = head_s[a]
                bad = shrink_bad * ((w - measure) / (sb - hs)) ** 3
            elif last or w >= measure - eps:
                bad = 0.0
            else:
                ht = head_t[a]
                t = tb - ht
                ga = lg[a] if lettered else 0
                if lettered and t <= eps and eb > ga:
                    # no regular gap on the line: last resort, letter-space the pieces of
                    # an over-long token (feasible at any ratio: else a fallback pass)
                    r = (measure - w) / ((eb - ga) * letter_stretch)
                    if r > letter_max_ratio:
                        continue
                    bad = letter_bad + stretch_bad * r * r * r
                elif t > eps:
                    r = (measure - w) / t
                    if r > max_ratio:
                        # later starts are shorter and stretch less: looser still, unless
                        # one of them may be letter-spaced
                        if lettered and eb > ga:
                            continue
                        break
                    bad = stretch_bad * r * r * r
                elif max_ratio < inf:
                    break
                else:
                    bad = unjustifiable * (measure - w)
            ba = best[a]
            d = ba + (line_penalty + bad) ** 2
            if last and a:
                ca = after[a]
                if ca == 1:
                    d += orphan_demerits
            if d < best_d:
                best_d = d
                best_a = a
        if not last:
            pb = pen[b]
            best_d += pb
        if best_a >= 0 and best_d < inf:
            best[b] = best_d
            back[b] = best_a
            starts.append(b)
    return best, back


def ragged_fit(
    points: list,
    width: list,
    shrink: list,
    head_w: list,
    head_s: list,
    et: list,
    el: list,
    penalty: list,
    after: list,
    jtext: list,
    measure: float,
    first_measure: float,
    orphan_demerits: float,
    unspaced: float,
    balance_max: int,
) -> tuple | None:
    """(line ends, demerits) of unjustified text, or None: the fewest lines, balanced when
    there are at most `balance_max` of them (the cost of a line is its squared slack, plus
    `unspaced` for a break between two characters rather than at a source space, plus the
    squeeze badness of a line set tighter than its measure); see linebreak.break_ragged."""
    n = points[len(points) - 1]
    inf, eps, shrink_bad = INF, EPS, SHRINK_BADNESS
    # the lines that fit: span k ends at span_b[k] and starts at opt_a[i] for i in
    # opt_from[k] .. opt_from[k + 1] - 1, with that line's slack and squeeze badness
    span_b: list = []
    opt_from: list = [0]
    opt_a: list = []
    opt_slack: list = []
    opt_squeeze: list = []
    starts = [0]
    lo = 0
    for b in points:
        wb = width[b]
        sb = shrink[b]
        eb = et[b - 1]
        lb = el[b - 1]
        while lo < len(starts):
            a = starts[lo]
            m = first_measure if a == 0 else measure
            hw = head_w[a]
            hs = head_s[a]
            if (wb - hw - eb) - (sb - hs - lb) > m + eps:
                lo += 1
            else:
                break
        if lo == len(starts):
            continue
        for k in range(lo, len(starts)):
            a = starts[k]
            m = first_measure if a == 0 else measure
            hw = head_w[a]
            w = wb - hw - eb
            opt_a.append(a)
            if w > m + eps:
                hs = head_s[a]
                opt_slack.append(0.0)
                opt_squeeze.append(shrink_bad * ((w - m) / (sb - hs - lb)) ** 3)
            else:
                opt_slack.append(m - w)
                opt_squeeze.append(0.0)
        span_b.append(b)
        opt_from.append(len(opt_a))
        starts.append(b)
    # the fewest lines reaching each junction
    fewest = [-1] * (n + 1)
    fewest[0] = 0
    spans = len(span_b)
    for k in range(spans):
        least = -1
        for i in range(opt_from[k], opt_from[k + 1]):
            f = fewest[opt_a[i]]
            if f >= 0 and (least < 0 or f < least):
                least = f
        if least >= 0:
            fewest[span_b[k]] = least + 1
    lines = fewest[n]
    if lines < 0:
        return None
    balance = lines <= balance_max
    # each option's cost
    cost = [0.0] * len(opt_a)
    for k in range(spans):
        b = span_b[k]
        for i in range(opt_from[k], opt_from[k + 1]):
            a = opt_a[i]
            pb = penalty[b]
            c = opt_squeeze[i] + pb
            if b < n and not jtext[b]:
                c += unspaced
            if b < n or balance:
                slack = opt_slack[i]
                c += slack * slack
            if b == n and a:
                ca = after[a]
                if ca == 1:
                    c += orphan_demerits
            cost[i] = c
    if not balance:
        # one pass, in place: a line's start is final before any line from it is looked at
        best = [inf] * (n + 1)
        back = [-1] * (n + 1)
        best[0] = 0.0
        _relax(span_b, opt_from, opt_a, cost, best, best, back)
        if best[n] == inf:
            return None
        return walk_back(back, n), best[n]
    # exactly `lines` lines: layer j holds the best cost of j lines ending at each junction
    layer = [inf] * (n + 1)
    layer[0] = 0.0
    backs = []
    for _ in range(lines):
        nxt = [inf] * (n + 1)
        bk = [-1] * (n + 1)
        _relax(span_b, opt_from, opt_a, cost, layer, nxt, bk)
        layer = nxt
        backs.append(bk)
    if layer[n] == inf:
        return None
    ends = [n]
    for j in range(len(backs) - 1, 0, -1):
        ends.append(backs[j][ends[len(ends) - 1]])
    ends.reverse()
    return tuple(ends), layer[n]


def walk_back(back: list, n: int) -> tuple:
    """The line ends of the best sequence reaching junction n, from each end's line start."""
    ends = []
    b = n
    while b > 0:
        ends.append(b)
        b = back[b]
    ends.reverse()
    return tuple(ends)


def _relax(
    span_b: list, opt_from: list, opt_a: list, cost: list, before: list, after: list, back: list
) -> None:
    """One more line: for each line that fits (span k from opt_a[i] to span_b[k]), the cost of
    reaching its start in `before` plus its own, kept in `after` (and its start in `back`) when
    lower than what `after` holds."""
    inf = INF
    for k in range(len(span_b)):
        b = span_b[k]
        for i in range(opt_from[k], opt_from[k + 1]):
            a = opt_a[i]
            base = before[a]
            if base < inf:
                d = base + cost[i]
                known = after[b]
                if d < known:
                    after[b] = d
                    back[b] = a
