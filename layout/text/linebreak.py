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

from layout.native import kernel
from layout.text.breakloop import INF
from layout.text.items import Items, letter_join

_loops = kernel("layout.text.breakloop")  # compiled by `make compile` when it can be

#: Largest stretch ratio for a line in the first pass (0.3 em extra per Han gap).
MAX_STRETCH_RATIO = 2.5
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
        width, shrink, stretch, hw, hs, ht = _loops.prefix_sums(
            n,
            items.width,
            items.lshrink,
            items.rshrink,
            items.glue,
            items.glue_shrink,
            items.glue_stretch,
            items.even,
        )
        self.width, self.shrink, self.stretch = width, shrink, stretch
        self.head_w, self.head_s, self.el, self.chars_after = _loops.line_edges(
            n,
            items.lshrink,
            items.rshrink,
            items.start_trim,
            items.end_trim,
            items.chars,
            hw,
            hs,
            geometry.trim_open,
            geometry.trim_open_first,
        )
        self.head_t = ht
        self.et = items.end_trim
        self.penalty = items.penalty
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
    # what a line starting at junction a subtracts from the prefix sums at its end; the first
    # line's indent is folded in, so every line compares with the same measure
    head_w = list(pre.head_w)
    head_w[0] -= geometry.measure - geometry.first_measure
    best, back = _loops.total_fit(
        break_points(items),
        pre.width,
        pre.shrink,
        pre.stretch,
        head_w,
        pre.head_s,
        pre.head_t,
        pre.et,
        pre.el,
        pre.penalty,
        pre.chars_after,
        pre.lg,
        pre.le,
        geometry.measure,
        max_ratio,
        orphan_demerits,
        letter_max_ratio,
    )
    if best[n] == INF:
        return None
    return Breaks(_loops.walk_back(back, n), best[n])


def break_ragged(
    items: Items, geometry: LineGeometry, orphan_demerits: float = INF
) -> Breaks | None:
    """Breaks for unjustified text: the fewest lines, as equal in length as possible.

    Titles and captions look best balanced: with the line count fixed at its minimum, the sum
    of squared slack is smallest exactly when the line lengths vary least. Long ragged
    paragraphs (more than BALANCE_MAX_LINES lines) only minimise the slack of non-final lines.
    A break at a source space (a title's phrase boundary) is preferred by UNSPACED_RAGGED_BREAK.
    """
    pre = Prefix(items, geometry)
    found = _loops.ragged_fit(
        break_points(items),
        pre.width,
        pre.shrink,
        pre.head_w,
        pre.head_s,
        pre.et,
        pre.el,
        pre.penalty,
        pre.chars_after,
        items.jtext,
        geometry.measure,
        geometry.first_measure,
        orphan_demerits,
        UNSPACED_RAGGED_BREAK,
        BALANCE_MAX_LINES,
    )
    return None if found is None else Breaks(*found)
