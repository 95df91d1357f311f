"""Choose where lines break: total-fit (Knuth–Plass) for justified text, balance for ragged.

Both breakers run over the junctions of `Items` with prefix sums, so judging a candidate line
from junction `a` to junction `b` is a handful of subtractions. Candidates are pruned from both
sides: a start that already overflows the line stays overflowing for every later end (widths
only grow), and a start that leaves the line too loose only gets looser further right, so each
junction looks at the few starts that make a feasible line, not at the whole paragraph.

Edges of a line (GB15834 §5.1.10, clreq 3.1.6.3): glue at the break disappears, a closing or
pause/stop mark ending the line loses its right blank, and an opening bracket starting it may
lose its left blank. Both are known per junction, so they enter the prefix arithmetic exactly.
As in Knuth–Plass, the glue of a break belongs to neither line: a line from junction a to b
holds boxes a..b-1 and the glue of junctions a+1..b-1, exactly what justify.LineSetter sets, so
the breaker's width, shrink and stretch of every line are the ones the line is set with.

Badness prefers push-in (shrinking punctuation blanks) to push-out (widening inter-character
space), as clreq asks: shrink costs half of what the same stretch ratio costs.

Last resort: a justified line with no stretchable gap at all (only pieces of a URL or path that
is longer than the measure) may spread its slack as letter-spacing between the characters of
those pieces. Its badness starts at LETTERSPACE_BADNESS, so every regular solution is preferred,
but it is finite: such a line is feasible and needs no fallback pass.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.text.items import INTERCHAR_STRETCH, LETTER_STRETCH, Items, letter_join

INF = float("inf")
EPS = 1e-9
#: Largest stretch ratio for a line in the first pass (0.3 em extra per Han gap).
MAX_STRETCH_RATIO = 2.5
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
#: Demerits of a last line holding one character when it cannot be avoided otherwise.
ORPHAN_DEMERITS = 1e8
#: Ragged text is balanced over the minimal number of lines up to this many lines.
BALANCE_MAX_LINES = 12
#: Cost (in em² of slack) of a ragged break between two characters rather than at a source
#: space: a title breaks at its phrase space (加强…利用 推动…发展) unless that is 2 em less even.
UNSPACED_RAGGED_BREAK = 4.0


@dataclass(frozen=True, slots=True)
class LineGeometry:
    """The measures a paragraph is broken into, in em."""

    measure: float
    first_measure: float  # measure minus the first-line indent
    trim_open: bool  # trim opening brackets at line starts
    trim_open_first: bool  # ... including the first line


@dataclass(frozen=True, slots=True)
class Breaks:
    """Junction indices ending each line (the last one is `n`) and their total demerits."""

    ends: tuple[int, ...]
    demerits: float


class Prefix:
    """Prefix sums and line-edge corrections over the boxes and junctions of `Items`."""

    __slots__ = (
        "width",
        "shrink",
        "stretch",
        "st",
        "sl",
        "et",
        "el",
        "chars_after",
        "penalty",
        "head_w",
        "head_s",
        "head_t",
        "lg",
        "le",
    )

    def __init__(self, items: Items, geometry: LineGeometry) -> None:
        n = items.n
        width = [0.0] * (n + 1)
        shrink = [0.0] * (n + 1)
        stretch = [0.0] * (n + 1)
        w = s = t = 0.0
        glue, gshrink, gstretch, even = (
            items.glue,
            items.glue_shrink,
            items.glue_stretch,
            items.even,
        )
        # the same sums taken just after the glue of junction j (0 and n have none): what a line
        # starting at junction j subtracts, since a break discards its glue (Knuth–Plass)
        hw = [0.0] * (n + 1)
        hs = [0.0] * (n + 1)
        ht = [0.0] * (n + 1)
        bw, ls, rs = items.width, items.lshrink, items.rshrink
        for i in range(n):
            if i:  # junction i sits between box i-1 and box i: inside any line holding both
                w += glue[i]
                s += gshrink[i]
                t += gstretch[i] + (INTERCHAR_STRETCH if even[i] else 0.0)
                hw[i], hs[i], ht[i] = w, s, t
            w += bw[i]
            s += ls[i] + rs[i]
            width[i + 1], shrink[i + 1], stretch[i + 1] = w, s, t
        hw[n], hs[n], ht[n] = w, s, t
        self.width, self.shrink, self.stretch = width, shrink, stretch
        # a line starting with box a / ending with box b-1 loses these widths and shrinks
        trim = geometry.trim_open
        self.st = [tr if trim else 0.0 for tr in items.start_trim] + [0.0]
        self.sl = [min(ls[i], self.st[i]) for i in range(n)] + [0.0]
        if n and not geometry.trim_open_first:
            self.st[0] = self.sl[0] = 0.0
        self.et = list(items.end_trim)
        self.el = [min(rs[i], self.et[i]) for i in range(n)]
        # characters that are not punctuation from box a to the end (one-character last lines)
        after = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            after[i] = after[i + 1] + items.chars[i]
        self.chars_after = after
        self.penalty = items.penalty
        # what a line starting at junction a subtracts from the sums at its end: the sums just
        # after the glue of junction a, and the trim of an opening bracket starting the line
        self.head_w = [h + tr for h, tr in zip(hw, self.st, strict=True)]
        self.head_s = [h + tr for h, tr in zip(hs, self.sl, strict=True)]
        self.head_t = ht
        # letter-spacing gaps of over-long tokens: a line from junction a to b holds le[b] - lg[a]
        # (lg counts junctions up to and including its index, le leaves out a break inside a token)
        self.lg: list[int] | None = None
        self.le: list[int] | None = None
        if items.letters:
            lg = [0] * (n + 1)
            le = [0] * (n + 1)
            letters = items.letters
            count = 0
            for i in range(1, n + 1):
                adv = letters.get(i - 1)
                if adv is not None:
                    count += len(adv) - 1
                le[i] = count
                if i < n and letter_join(items, i):
                    count += 1
                lg[i] = count
            self.lg, self.le = lg, le

    def letter_gaps(self, a: int, b: int) -> int:
        """Gaps between characters of over-long tokens on the line from junction a to b."""
        return self.le[b] - self.lg[a] if self.lg is not None else 0

    def natural(self, a: int, b: int) -> float:
        """Natural width of the line holding boxes a..b-1, edges trimmed, no glue at its breaks."""
        return self.width[b] - self.head_w[a] - self.et[b - 1]

    def shrinkable(self, a: int, b: int) -> float:
        """How much the line from junction a to b may shrink (blanks and glue inside it)."""
        return self.shrink[b] - self.head_s[a] - self.el[b - 1]

    def stretchable(self, a: int, b: int) -> float:
        """Stretch of the line at ratio 1: priority glue plus one INTERCHAR_STRETCH per even gap."""
        return self.stretch[b] - self.head_t[a]


def break_points(items: Items) -> list[int]:
    """Junctions where a line may end: finite penalty, and always the paragraph end."""
    n = items.n
    pen = items.penalty
    return [j for j in range(1, n) if pen[j] < INF] + [n]


def break_justified(
    items: Items,
    geometry: LineGeometry,
    max_ratio: float = MAX_STRETCH_RATIO,
    orphan_demerits: float = INF,
    letter_max_ratio: float = INF,
) -> Breaks | None:
    """Total-fit breaking for justified text, or None when no line sequence fits.

    `max_ratio` bounds how loose a non-final line may be; `orphan_demerits` is charged for a
    last line holding a single character (∞ forbids it). `letter_max_ratio` bounds the
    letter-spacing of a line, in LETTER_STRETCH units (unbounded for over-long tokens, which
    have no other way to go; bounded when URLs that fit were split only to avoid a loose line).
    """
    n = items.n
    pre = Prefix(items, geometry)
    stretch, et, el, pen, after = pre.stretch, pre.et, pre.el, pre.penalty, pre.chars_after
    lg, le = pre.lg, pre.le
    measure = geometry.measure
    # what a line starting at junction a subtracts from the prefix sums at its end; the first
    # line's indent is folded in, so every line compares with the same measure
    head_w = list(pre.head_w)
    head_s, head_t = pre.head_s, pre.head_t
    head_w[0] -= measure - geometry.first_measure
    limit = measure + EPS
    best = [INF] * (n + 1)
    back = [-1] * (n + 1)
    best[0] = 0.0
    starts = [0]  # junctions reached by a feasible line sequence, ascending
    lo = 0
    for b in break_points(items):
        wb = pre.width[b] - et[b - 1]
        sb = pre.shrink[b] - el[b - 1]
        tb = stretch[b]
        eb = le[b] if le is not None else 0
        # drop starts whose line to b overflows even fully shrunk: it only gets worse
        while lo < len(starts) and (wb - head_w[starts[lo]]) - (sb - head_s[starts[lo]]) > limit:
            lo += 1
        best_d, best_a = INF, -1
        if b == n:  # the last line: natural width, only a one-character line is penalised
            for a in starts[lo:]:
                w = wb - head_w[a]
                bad = SHRINK_BADNESS * ((w - measure) / (sb - head_s[a])) ** 3 if w > limit else 0
                d = best[a] + (LINE_PENALTY + bad) ** 2
                if a and after[a] == 1:
                    d += orphan_demerits
                if d < best_d:
                    best_d, best_a = d, a
        else:
            for a in starts[lo:]:
                w = wb - head_w[a]
                if w > limit:
                    bad = SHRINK_BADNESS * ((w - measure) / (sb - head_s[a])) ** 3
                elif w >= measure - EPS:
                    bad = 0.0
                else:
                    t = tb - head_t[a]
                    if lg is not None and t <= EPS and eb > lg[a]:
                        # no regular gap on the line: last resort, letter-space the pieces of
                        # an over-long token (feasible at any ratio: else a fallback pass)
                        r = (measure - w) / ((eb - lg[a]) * LETTER_STRETCH)
                        if r > letter_max_ratio:
                            continue
                        bad = LETTERSPACE_BADNESS + STRETCH_BADNESS * r * r * r
                    elif t > EPS:
                        r = (measure - w) / t
                        if r > max_ratio:
                            # later starts are shorter and stretch less: looser still, unless
                            # one of them may be letter-spaced
                            if lg is not None and eb > lg[a]:
                                continue
                            break
                        bad = STRETCH_BADNESS * r * r * r
                    elif max_ratio < INF:
                        break
                    else:
                        bad = UNJUSTIFIABLE_BADNESS * (measure - w)
                d = best[a] + (LINE_PENALTY + bad) ** 2
                if d < best_d:
                    best_d, best_a = d, a
            best_d += pen[b]
        if best_a >= 0 and best_d < INF:
            best[b], back[b] = best_d, best_a
            starts.append(b)
    if best[n] == INF:
        return None
    return Breaks(_walk_back(back, n), best[n])


def break_ragged(
    items: Items, geometry: LineGeometry, orphan_demerits: float = INF
) -> Breaks | None:
    """Breaks for unjustified text: the fewest lines, as equal in length as possible.

    Titles and captions look best balanced: with the line count fixed at its minimum, the sum
    of squared slack is smallest exactly when the line lengths vary least. Long ragged
    paragraphs (more than BALANCE_MAX_LINES lines) only minimise the slack of non-final lines.
    A break at a source space (a title's phrase boundary) is preferred by UNSPACED_RAGGED_BREAK.
    """
    n = items.n
    pre = Prefix(items, geometry)
    points = break_points(items)
    spans = _ragged_spans(pre, points, geometry)
    if spans is None:
        return None
    fewest = _fewest_lines(spans, n)
    if fewest is None:
        return None
    balance = fewest <= BALANCE_MAX_LINES
    after = pre.chars_after
    jtext = items.jtext

    def cost(a: int, b: int, slack: float, squeeze: float) -> float:
        c = squeeze + pre.penalty[b]
        if b < n and not jtext[b]:
            c += UNSPACED_RAGGED_BREAK
        if b < n or balance:
            c += slack * slack
        if b == n and a and after[a] == 1:
            c += orphan_demerits
        return c

    if not balance:
        best = [INF] * (n + 1)
        back = [-1] * (n + 1)
        best[0] = 0.0
        for b, options in spans:
            for a, slack, squeeze in options:
                if best[a] < INF:
                    d = best[a] + cost(a, b, slack, squeeze)
                    if d < best[b]:
                        best[b], back[b] = d, a
        if best[n] == INF:
            return None
        return Breaks(_walk_back(back, n), best[n])
    # exactly `fewest` lines: layer k holds the best cost of k lines ending at each junction
    layer = {0: 0.0}
    backs: list[dict[int, int]] = []
    for _ in range(fewest):
        nxt: dict[int, float] = {}
        bk: dict[int, int] = {}
        for b, options in spans:
            for a, slack, squeeze in options:
                base = layer.get(a)
                if base is not None and base < INF:
                    d = base + cost(a, b, slack, squeeze)
                    if d < nxt.get(b, INF):
                        nxt[b], bk[b] = d, a
        layer = nxt
        backs.append(bk)
    if layer.get(n, INF) == INF:
        return None
    ends = [n]
    for bk in reversed(backs[1:]):
        ends.append(bk[ends[-1]])
    return Breaks(tuple(reversed(ends)), layer[n])


def _ragged_spans(pre: Prefix, points: list[int], geometry: LineGeometry):
    """For each break junction b: the starts a that fit, with (slack, squeeze badness)."""
    spans = []
    starts = [0]
    lo = 0
    for b in points:
        while lo < len(starts):
            a = starts[lo]
            m = geometry.first_measure if a == 0 else geometry.measure
            if pre.natural(a, b) - pre.shrinkable(a, b) > m + EPS:
                lo += 1
            else:
                break
        options = []
        for a in starts[lo:]:
            m = geometry.first_measure if a == 0 else geometry.measure
            w = pre.natural(a, b)
            if w > m + EPS:
                squeeze = SHRINK_BADNESS * ((w - m) / pre.shrinkable(a, b)) ** 3
                options.append((a, 0.0, squeeze))
            else:
                options.append((a, m - w, 0.0))
        if options:
            spans.append((b, options))
            starts.append(b)
    return spans


def _fewest_lines(spans, n: int) -> int | None:
    fewest = {0: 0}
    for b, options in spans:
        k = min((fewest[a] for a, _, _ in options if a in fewest), default=None)
        if k is not None:
            fewest[b] = k + 1
    return fewest.get(n)


def _walk_back(back: list[int], n: int) -> tuple[int, ...]:
    ends = []
    b = n
    while b > 0:
        ends.append(b)
        b = back[b]
    return tuple(reversed(ends))
