"""Turn a paragraph's runs into boxes and junctions, the material the line breaker works on.

A paragraph becomes `n` boxes (a Han character, a punctuation mark, a Latin word or number, a
long mark such as ——) and `n + 1` junctions: junction `j` sits before box `j`, so junction 0 is
the paragraph start and junction `n` its end. A junction carries the glue between its two boxes
(Han–Latin space, a Latin word space, or nothing), how much that glue may shrink and stretch, and
the penalty for breaking there (∞ where clreq forbids it).

A Latin token wider than the measure (a URL, a path, an e-mail address) is split into pieces
that may break after / . - @; `letters` keeps the character advances of those pieces. Their
characters are the only place letter-spacing may ever go, and only as a last resort: on a
justified line with no other stretchable gap (see linebreak.LETTERSPACE_BADNESS).
A URL-like token that fits the measure (classes.is_url_like) is split the same way only with
`split_urls`: the second try of the first pass, when no line sequence of whole tokens fits
without a badly loose line.

U+3000 IDEOGRAPHIC SPACE is a box, not a space: a fixed 1 em blank (classes.IDEOGRAPHIC_SPACE).

A punctuation mark's blank half is not glue but part of the box: `lblank`/`rblank` say how much
of the box is blank, `lshrink`/`rshrink` how much of that blank justification may take away, and
`start_trim`/`end_trim` how much a line start/end removes (GB15834 §5.1.10).

Everything is kept in parallel lists: the breaker evaluates hundreds of thousands of candidate
lines per document and reads these by index.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from itertools import islice

from layout.text.breakloop import INTERCHAR_STRETCH, LETTER_STRETCH
from layout.text.classes import (
    COMPRESSIBLE,
    END_TRIMMED,
    HAN_LATIN_GAP,
    HAN_LATIN_MAX,
    HAN_LATIN_MIN,
    HAN_LATIN_PRIORITY,
    IDEOGRAPHIC_SPACE,
    LONG_MARK_CHARS,
    NO_LINE_END,
    NO_LINE_START,
    SELF_LONG,
    SHRINK_PRIORITY,
    START_TRIMMED,
    TOKEN_BREAK_AFTER,
    TOKEN_CLASSES,
    WORD_SPACE_MAX,
    WORD_SPACE_MIN,
    WORD_SPACE_PRIORITY,
    CharClass,
    blanks,
    break_allowed,
    char_class,
    han_latin_adjacent,
    is_punctuation,
    is_url_like,
    junction_kind,
    stretchable_between,
)
from layout.text.metrics import Metrics
from layout.text.model import ParagraphSpec

INF = float("inf")
#: Penalty for breaking an over-long Latin token (URL, e-mail) after / . - @.
TOKEN_BREAK_PENALTY = 50.0
#: Penalty for breaking an unbreakable token between arbitrary characters (last resort).
CHAR_BREAK_PENALTY = 5000.0
#: Penalty for breaking at a prohibited position in the emergency pass.
EMERGENCY_PENALTY = 100000.0

GLUE_NONE = 0
GLUE_HAN_LATIN = 1
GLUE_WORD_SPACE = 2


@dataclass(slots=True)
class Items:
    """Boxes 0..n-1 and junctions 0..n of one paragraph, in parallel lists."""

    # boxes
    text: list[str] = field(default_factory=list)
    src0: list[int] = field(default_factory=list)
    src1: list[int] = field(default_factory=list)
    font: list[str] = field(default_factory=list)
    scale: list[float] = field(default_factory=list)
    cls: list[CharClass] = field(default_factory=list)
    width: list[float] = field(default_factory=list)  # natural width after pair compression
    offset: list[float] = field(default_factory=list)  # blank removed on the left by compression
    lblank: list[float] = field(default_factory=list)
    rblank: list[float] = field(default_factory=list)
    lshrink: list[float] = field(default_factory=list)
    rshrink: list[float] = field(default_factory=list)
    start_trim: list[float] = field(default_factory=list)
    end_trim: list[float] = field(default_factory=list)
    chars: list[int] = field(default_factory=list)  # characters that are not punctuation
    # classes.junction_kind of each box's first and last character (what its junctions see)
    first_kind: list[str] = field(default_factory=list)
    last_kind: list[str] = field(default_factory=list)
    # junctions
    jtext: list[str] = field(default_factory=list)  # source spaces at the junction
    jsrc: list[int] = field(default_factory=list)  # source index of those spaces
    glue: list[float] = field(default_factory=list)
    glue_shrink: list[float] = field(default_factory=list)
    glue_stretch: list[float] = field(default_factory=list)  # priority stretch (spaces, Han–Latin)
    glue_kind: list[int] = field(default_factory=list)
    even: list[bool] = field(default_factory=list)  # takes even inter-character spacing
    penalty: list[float] = field(default_factory=list)
    allowed: list[bool] = field(default_factory=list)  # clreq allows a break here
    tied: list[float] = field(default_factory=list)  # per box: penalty of a split inside a token
    # per box, only for pieces of a token wider than the measure: each character's advance in em
    letters: dict[int, tuple[float, ...]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.text)


def build_items(
    spec: ParagraphSpec, metrics: Metrics, emergency: bool = False, split_urls: bool = False
) -> Items:
    """Segment, measure and join the runs of `spec`.

    `emergency` is the last-resort pass: every Latin token may break between any two characters
    and prohibited positions get a large finite penalty instead of ∞. `split_urls` treats
    URL-like tokens that fit the measure as over-long ones: breakable after / . - @ and, as a
    last resort, letter-spaced.
    """
    cache = _cache_for(metrics)
    items = Items()
    rows = _segment(spec, items, cache, emergency, split_urls)
    if rows:
        _unpack_boxes(items, rows)
        _compress_adjacent_marks(items)
        _join(items, cache, emergency)
    return items


# --- segmentation ------------------------------------------------------------------------------

# A box row: everything about a box that does not depend on where it stands in the text.
# (text, font, scale, cls, width, lblank, rblank, start_trim, end_trim, chars, first, last):
# first/last are classes.junction_kind of the box's first and last characters
BoxRow = tuple[str, str, float, CharClass, float, float, float, float, float, int, str, str]


def _segment(
    spec: ParagraphSpec, items: Items, cache: _MetricsCache, emergency: bool, split_urls: bool
):
    """Cut the runs into box rows; record where each box starts and the spaces before it."""
    rows: list[BoxRow] = []
    src0 = items.src0
    jtext, jsrc = items.jtext, items.jsrc
    jtext.append("")
    jsrc.append(0)
    tied = items.tied  # per box: penalty of the split inside a token before it, or -1
    base = 0
    for text, font, scale in _drawn_runs(spec, cache):
        single = cache.single_for(font, scale)
        n = len(text)
        # the common case, a Han character or a mark seen before: stretches of them are added
        # a list at a time; anything else is cut one box (or one space) at a time by _cut_one
        found = [single.get(c) for c in text]
        i = 0
        while i < n:
            try:
                j = found.index(None, i)
            except ValueError:
                j = n
            if j > i:
                rows += found[i:j]
                src0 += range(base + i, base + j)
                tied += [-1.0] * (j - i)
                jtext += [""] * (j - i)
                jsrc += range(base + i + 1, base + j + 1)
                i = j
            if i < n:
                i = _cut_one(
                    text,
                    i,
                    base,
                    font,
                    scale,
                    single,
                    rows,
                    items,
                    cache,
                    spec,
                    emergency,
                    split_urls,
                )
        base += n
    return rows


def _cut_one(
    text: str,
    i: int,
    base: int,
    font: str,
    scale: float,
    single: dict[str, BoxRow],
    rows: list[BoxRow],
    items: Items,
    cache: _MetricsCache,
    spec: ParagraphSpec,
    emergency: bool,
    split_urls: bool,
) -> int:
    """Add the box (or the spaces) starting at text[i]; returns where the next one starts.
    `single` is cache.single_for(font, scale), which learns the single characters met here."""
    n = len(text)
    jtext, jsrc, tied = items.jtext, items.jsrc, items.tied
    c = text[i]
    row = single.get(c)
    if row is not None:  # made by an earlier box of this run
        _add(rows, items, row, base + i)
        return i + 1
    cls = char_class(c)
    if cls is CharClass.SPACE:
        j = i + 1
        while j < n and char_class(text[j]) is CharClass.SPACE:
            j += 1
        if not jtext[-1]:
            jsrc[-1] = base + i
        jtext[-1] += text[i:j]
        return j
    if cls in TOKEN_CLASSES:
        j = _token_end(text, i)
        pieces, long = _split_token(
            text[i:j], font, scale, cache.advance, spec.measure, emergency, split_urls
        )
        k = i
        for piece, pen in pieces:
            row = _box_row(piece, font, scale, CharClass.LATIN, cache)
            _add(rows, items, row, base + k)
            tied[-1] = pen
            if long:  # the only characters letter-spacing may ever reach
                adv = cache.advance
                items.letters[len(rows) - 1] = tuple(adv(font, c) * scale for c in piece)
            k += len(piece)
        return j
    j = i + 1
    if c in LONG_MARK_CHARS:
        while j < n and text[j] == c:
            j += 1
        if j - i > 1 or c in SELF_LONG:
            cls = CharClass.LONG
        if emergency and j - i > 1:  # last resort: a long mark may split too
            for k in range(i, j):
                _add(rows, items, _box_row(c, font, scale, cls, cache), base + k)
                tied[-1] = -1.0 if k == i else CHAR_BREAK_PENALTY
            return j
    row = _box_row(text[i:j], font, scale, cls, cache)
    if j == i + 1 and c not in LONG_MARK_CHARS:
        single[c] = row
    _add(rows, items, row, base + i)
    return j


def _drawn_runs(spec: ParagraphSpec, cache: _MetricsCache):
    """(text, font, scale) of each run, cut where a character is drawn by a fallback font: its
    stretch takes the fallback role (`body/han-ext`), so that boxes, glyphs and the PDF font all
    follow it. Source offsets are unchanged: the pieces add up to the run."""
    for run in spec.runs:
        text, font, scale = run.text, run.font, run.scale
        own = cache.own.get(font)
        if own is None:
            own = cache.own[font] = set()
        new = set(text) - own
        if new:
            drawn = {c: cache.draws(font, c) for c in new}
            own.update(c for c, role in drawn.items() if role == font)
            if any(role != font for role in drawn.values()):
                yield from _cut(text, font, scale, drawn)
                continue
        yield text, font, scale


def _cut(text: str, font: str, scale: float, drawn: dict[str, str]):
    """`text` in maximal pieces of one drawing role each."""
    start, current = 0, drawn.get(text[0], font)
    for i in range(1, len(text)):
        role = drawn.get(text[i], font)
        if role != current:
            yield text[start:i], current, scale
            start, current = i, role
    yield text[start:], current, scale


def _add(rows: list[BoxRow], items: Items, row: BoxRow, src: int) -> None:
    rows.append(row)
    items.src0.append(src)
    items.tied.append(-1.0)
    items.jtext.append("")  # the junction after the box; spaces that follow land here
    items.jsrc.append(src + len(row[0]))


def _box_row(text: str, font: str, scale: float, cls: CharClass, cache) -> BoxRow:
    """Width, GB blanks and line-edge trims of a box (clreq 3.1.6: blanks are halves of marks)."""
    width = _width(text, font, scale, cache.advance)  # (asked anyway: a missing glyph is an error)
    if text == IDEOGRAPHIC_SPACE:
        width = scale  # a full-width blank is 1 em whatever the font says
    left, right = blanks(cls, width, scale)
    return (
        text,
        font,
        scale,
        cls,
        width,
        left,
        right,
        left if cls in START_TRIMMED else 0.0,
        right if cls in END_TRIMMED else 0.0,
        _characters(text, cls),
        junction_kind(text[0]),
        junction_kind(text[-1]),
    )


def _unpack_boxes(items: Items, rows: list[BoxRow]) -> None:
    """Rows to the parallel lists the breaker indexes (one C-level transpose)."""
    columns = [list(col) for col in zip(*rows, strict=True)]
    (
        items.text,
        items.font,
        items.scale,
        items.cls,
        items.width,
        items.lblank,
        items.rblank,
        items.start_trim,
        items.end_trim,
        items.chars,
        items.first_kind,
        items.last_kind,
    ) = columns
    items.lshrink = list(items.lblank)
    items.rshrink = list(items.rblank)
    items.offset = [0.0] * len(rows)
    items.src1 = [s + len(t) for s, t in zip(items.src0, items.text, strict=True)]


def _token_end(text: str, i: int) -> int:
    """End of the Latin token starting at `i` (letters, digits, ASCII marks; don’t keeps its ’)."""
    n = len(text)
    j = i + 1
    while j < n:
        d = text[j]
        if char_class(d) in TOKEN_CLASSES:
            j += 1
        elif (
            d == "’"
            and j + 1 < n
            and char_class(text[j - 1]) is CharClass.LATIN
            and char_class(text[j + 1]) is CharClass.LATIN
        ):
            j += 1  # an apostrophe inside a word, not a closing quote
        else:
            break
    return j


def _split_token(
    token: str,
    font: str,
    scale: float,
    advance,
    measure: float,
    emergency: bool,
    split_urls: bool = False,
):
    """Pieces of a token as (text, penalty of the break before it; -1 for the first piece), and
    whether its pieces may be letter-spaced (the token is over-long, or a URL split on request).

    A token is one unbreakable box unless it is wider than the measure (or `split_urls` and it
    is URL-like): then it breaks after / . - @ (URLs, e-mail addresses), and a piece still too
    wide breaks between any characters. The emergency pass splits every token between any two
    characters.
    """
    long = _width(token, font, scale, advance) > measure
    if emergency:
        return [(c, -1.0 if k == 0 else CHAR_BREAK_PENALTY) for k, c in enumerate(token)], long
    if not long and not (split_urls and is_url_like(token)):
        return [(token, -1.0)], False
    pieces: list[tuple[str, float]] = []
    start = 0
    for k, c in enumerate(token):
        if c in TOKEN_BREAK_AFTER and k + 1 < len(token):
            pieces.append((token[start : k + 1], TOKEN_BREAK_PENALTY))
            start = k + 1
    pieces.append((token[start:], TOKEN_BREAK_PENALTY))
    out: list[tuple[str, float]] = []
    for piece, pen in pieces:
        if _width(piece, font, scale, advance) <= measure:
            out.append((piece, pen))
        else:  # between any two characters, but a line still neither starts with ’ , ) ... nor
            # ends with ( ...
            out.extend(
                (c, pen if k == 0 else _char_break_penalty(piece[k - 1], c))
                for k, c in enumerate(piece)
            )
    out[0] = (out[0][0], -1.0)
    return out, True


def _char_break_penalty(prev: str, nxt: str) -> float:
    if nxt in NO_LINE_START or prev in NO_LINE_END:
        return INF
    return CHAR_BREAK_PENALTY


def _width(text: str, font: str, scale: float, advance) -> float:
    return sum(advance(font, c) for c in text) * scale


def _characters(text: str, cls: CharClass) -> int:
    """How many characters of the box count against a one-character last line (孤字)."""
    if cls is CharClass.LATIN:  # a token: its ASCII marks are punctuation too
        return sum(1 for c in text if c not in NO_LINE_START and c not in NO_LINE_END)
    if text == IDEOGRAPHIC_SPACE:  # a blank is no character: 　字 alone is still 孤字
        return 0
    return 0 if is_punctuation(cls) else len(text)


# --- punctuation blanks ------------------------------------------------------------------------


def _compress_adjacent_marks(items: Items) -> None:
    """Set two adjacent full-width marks in 1.5 em (clreq 3.1.6.1: 。” ”（ ）。 ，“ ““ ...).

    The blank between the two inks shrinks by ½ em: the first mark's right blank goes if it has
    one (it would go at a line end anyway, so a break between them changes nothing), otherwise
    the second mark's left blank. What remains between the inks is fixed, so the pair keeps
    1.5 em however hard the line is squeezed.
    """
    cls, text = items.cls, items.jtext
    for i in range(1, len(cls)):
        if cls[i - 1] not in COMPRESSIBLE or cls[i] not in COMPRESSIBLE or text[i]:
            continue
        a, b = i - 1, i
        if items.rblank[a] > 0:
            removed = min(items.rblank[a], 0.5 * items.scale[a])
            items.width[a] -= removed
            items.rblank[a] -= removed
            items.rshrink[a] = 0.0
            items.end_trim[a] = min(items.end_trim[a], items.rblank[a])
            items.lshrink[b] = 0.0
        elif items.lblank[b] > 0:
            removed = min(items.lblank[b], 0.5 * items.scale[b])
            items.width[b] -= removed
            items.offset[b] += removed
            items.lblank[b] -= removed
            items.lshrink[b] = 0.0
            items.start_trim[b] = min(items.start_trim[b], items.lblank[b])
            items.rshrink[a] = 0.0


# --- junctions ---------------------------------------------------------------------------------

# A junction row: (glue, shrink, stretch, kind, even, penalty, allowed)
JunctionRow = tuple[float, float, float, int, bool, float, bool]
_EDGE: JunctionRow = (0.0, 0.0, 0.0, GLUE_NONE, False, 0.0, True)


def _join(items: Items, cache: _MetricsCache, emergency: bool) -> None:
    """Glue, stretchability and break penalty of every junction.

    Junction 0 and n are the paragraph's edges: no glue, and spaces there are dropped. The
    row of an inner junction depends only on the kinds of the characters on either side,
    whether a space stands between them, and the font (classes.junction_kind), so rows are
    cached by that key and looked up for the whole paragraph at once.
    """
    n = items.n
    pairs = cache.pairs
    keys = list(
        zip(
            items.last_kind[: n - 1],
            items.first_kind[1:],
            map(bool, items.jtext[1:n]),
            items.font[: n - 1],
            items.scale[: n - 1],
            strict=True,
        )
    )
    rows = [_EDGE, *map(pairs.get, keys), _EDGE]
    advance = cache.advance
    k = 0
    while True:  # rows not cached yet (junction k is keys[k - 1])
        try:
            k = rows.index(None, k + 1)
        except ValueError:
            break
        key = keys[k - 1]
        row = pairs.get(key)
        if row is None:
            row = pairs[key] = _junction_row(*key, advance)
        rows[k] = row
    tied, jtext = items.tied, items.jtext
    if max(tied, default=-1.0) >= 0:  # inside an over-long token: breakable, nothing else
        for j in range(1, n):
            if tied[j] >= 0 and not jtext[j]:
                rows[j] = (0.0, 0.0, 0.0, GLUE_NONE, False, tied[j], True)
    (
        items.glue,
        items.glue_shrink,
        items.glue_stretch,
        items.glue_kind,
        items.even,
        items.penalty,
        items.allowed,
    ) = (list(col) for col in zip(*rows, strict=True))
    if emergency:
        items.penalty = [EMERGENCY_PENALTY if p == INF else p for p in items.penalty]


def _junction_row(
    prev: str, nxt: str, spaced: bool, font: str, scale: float, advance
) -> JunctionRow:
    """The row of a junction between the characters `prev` and `nxt` (or their kinds)."""
    allowed = break_allowed(prev, nxt, spaced)
    penalty = 0.0 if allowed else INF
    even = spaced or stretchable_between(prev, nxt)
    if han_latin_adjacent(prev, nxt):
        # a source space between Han and Latin becomes this glue (xeCJK's xCJKecglue)
        return (
            HAN_LATIN_GAP * scale,
            (HAN_LATIN_GAP - HAN_LATIN_MIN) * scale,
            (HAN_LATIN_MAX - HAN_LATIN_GAP) * scale,
            GLUE_HAN_LATIN,
            even,
            penalty,
            allowed,
        )
    if spaced:
        space = advance(font, " ") * scale
        return (
            space,
            max(0.0, space - WORD_SPACE_MIN * scale),
            max(0.0, WORD_SPACE_MAX * scale - space),
            GLUE_WORD_SPACE,
            even,
            penalty,
            allowed,
        )
    return (0.0, 0.0, 0.0, GLUE_NONE, even, penalty, allowed)


def letter_join(items: Items, j: int) -> bool:
    """Is junction `j` between two pieces of one over-long token (a letter-spacing gap)?"""
    return j in items.letters and items.tied[j] >= 0 and not items.jtext[j]


def shrink_priority(cls: CharClass) -> int:
    """clreq reduction step of a mark's blank (word spaces 2, Han–Latin 6)."""
    return SHRINK_PRIORITY.get(cls, 99)


__all__ = [
    "GLUE_HAN_LATIN",
    "GLUE_NONE",
    "GLUE_WORD_SPACE",
    "HAN_LATIN_PRIORITY",
    "INTERCHAR_STRETCH",
    "Items",
    "LETTER_STRETCH",
    "WORD_SPACE_PRIORITY",
    "build_items",
    "letter_join",
    "shrink_priority",
]


# --- per-metrics caches --------------------------------------------------------------------------


class _MetricsCache:
    """What one metrics object has told us: advances, box rows of single characters, junctions.

    Everything cached is a pure function of (character(s), font, scale) and the metrics, so a
    document's thousands of paragraphs measure each distinct character once.
    """

    __slots__ = ("advances", "single", "pairs", "advance", "own", "draws", "__weakref__")

    def __init__(self, metrics: Metrics) -> None:
        self.advances: dict[tuple[str, str], float] = {}
        self.single: dict[tuple[str, float], dict[str, BoxRow]] = {}
        self.pairs: dict[tuple, JunctionRow] = {}
        # per font role: the characters its own face draws (a set difference finds the new
        # ones of a run at C speed), and the role that draws each character it does not
        self.own: dict[str, set[str]] = {}
        self.draws = metrics.draws
        advances, measure = self.advances, metrics.advance

        def advance(font: str, c: str) -> float:
            w = advances.get((font, c))
            if w is None:
                w = advances[(font, c)] = measure(font, c)
            return w

        self.advance = advance

    def single_for(self, font: str, scale: float) -> dict[str, BoxRow]:
        """Rows of single characters (Han, marks) in `font` at `scale`, by character."""
        rows = self.single.get((font, scale))
        if rows is None:
            rows = self.single[(font, scale)] = {}
        return rows


_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _cache_for(metrics: Metrics) -> _MetricsCache:
    try:
        cache = _CACHES.get(metrics)
    except TypeError:  # not weak-referenceable: a cache for this paragraph only
        return _MetricsCache(metrics)
    if cache is None:
        cache = _CACHES[metrics] = _MetricsCache(metrics)
    return cache


# --- the character table: these caches as plain data, kept between builds -------------------

TABLE_FORMAT = 2
_CLASSES = tuple(CharClass)  # by value: IntEnum members do not marshal
_STR, _FLOAT, _INT = frozenset((str,)), frozenset((float,)), frozenset((int,))
_BOOL, _TUPLE, _DICT = frozenset((bool,)), frozenset((tuple,)), frozenset((dict,))
_ROW_TYPES = (_STR, _STR, _FLOAT, _INT, _FLOAT, _FLOAT, _FLOAT, _FLOAT, _FLOAT, _INT, _STR, _STR)


def character_table(metrics: Metrics, since: TableMark | None = None) -> tuple:
    """What the composer has measured with `metrics` (since `since`, a table_mark), as plain
    data (marshal writes it): the advances, the box rows of single characters and the junction
    rows (compose/chartable.py keeps it between builds; a second core sends back its part)."""
    cache = _cache_for(metrics)
    advances, rows_at, pairs = since if since is not None else (0, {}, 0)
    single = {
        key: {c: (*row[:3], int(row[3]), *row[4:]) for c, row in islice(rows.items(), at, None)}
        for key, rows in cache.single.items()
        if len(rows) > (at := rows_at.get(key, 0))
    }
    return (
        TABLE_FORMAT,
        dict(islice(cache.advances.items(), advances, None)),
        single,
        dict(islice(cache.pairs.items(), pairs, None)),
    )


# How far the caches had grown: they only ever grow, in insertion order (character_table).
TableMark = tuple[int, dict[tuple[str, float], int], int]


def table_mark(metrics: Metrics) -> TableMark:
    cache = _cache_for(metrics)
    single = {key: len(rows) for key, rows in cache.single.items()}
    return len(cache.advances), single, len(cache.pairs)


def table_size(metrics: Metrics) -> int:
    """How many things the table of `metrics` holds (it grows as characters are met)."""
    cache = _cache_for(metrics)
    return len(cache.advances) + sum(map(len, cache.single.values())) + len(cache.pairs)


def load_character_table(metrics: Metrics, data: object) -> bool:
    """Take `data` (character_table's) into the caches of `metrics`; False, taking nothing,
    when it is not of that shape. Its values are measurements of these fonts by this code (the
    caller keys the table by both), so the shape is all there is to check."""
    if not _table_shape(data):
        return False
    _, advances, single, pairs = data  # type: ignore[misc]
    cache = _cache_for(metrics)
    # (a key known already keeps its place: the caches only grow, as table_mark counts)
    cache.advances.update(advances)
    classes = _CLASSES
    for (font, scale), rows in single.items():
        cache.single_for(font, scale).update(
            {c: (*row[:3], classes[row[3]], *row[4:]) for c, row in rows.items()}
        )
        # a single character's row is made only for a run its role's own face draws
        own = cache.own.get(font)
        if own is None:
            own = cache.own[font] = set()
        own.update(rows)
    cache.pairs.update(pairs)
    return True


def _table_shape(data: object) -> bool:
    """Types checked column by column, in C (a table holds a few thousand rows)."""
    if type(data) is not tuple or len(data) != 4 or data[0] != TABLE_FORMAT:
        return False
    _, advances, single, pairs = data
    if not all(type(d) is dict for d in (advances, single, pairs)):
        return False
    keys = list(advances)
    if not (_typed(keys, 2, (_STR, _STR)) and set(map(type, advances.values())) <= _FLOAT):
        return False
    if not _typed(list(single), 2, (_STR, _FLOAT)) or set(map(type, single.values())) - _DICT:
        return False
    for (font, scale), rows in single.items():
        if set(map(type, rows)) - _STR or not _typed(list(rows.values()), 12, _ROW_TYPES):
            return False
        columns = list(zip(*rows.values(), strict=True))
        texts, fonts, scales, classes = columns[:4] if columns else ((), (), (), ())
        if (
            list(texts) != list(rows)
            or fonts.count(font) != len(fonts)
            or scales.count(scale) != len(scales)
            or not all(0 <= c < len(_CLASSES) for c in classes)
        ):
            return False
    pair_keys = (_STR, _STR, _BOOL, _STR, _FLOAT)
    pair_rows = (_FLOAT, _FLOAT, _FLOAT, _INT, _BOOL, _FLOAT, _BOOL)
    return _typed(list(pairs), 5, pair_keys) and _typed(list(pairs.values()), 7, pair_rows)


def _typed(rows: list, width: int, types: tuple) -> bool:
    """Every row a tuple of `width` fields, each column of the types given."""
    if set(map(type, rows)) - _TUPLE or set(map(len, rows)) - {width}:
        return False
    if not rows:
        return True
    columns = zip(*rows, strict=True)
    return all(set(map(type, c)) <= kinds for c, kinds in zip(columns, types, strict=True))
