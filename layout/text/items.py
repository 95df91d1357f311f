"""Turn a paragraph's runs into boxes and junctions, the material the line breaker works on.

A paragraph becomes `n` boxes (a Han character, a punctuation mark, a Latin word or number, a
long mark such as ——) and `n + 1` junctions: junction `j` sits before box `j`, so junction 0 is
the paragraph start and junction `n` its end. A junction carries the glue between its two boxes
(Han–Latin space, a Latin word space, or nothing), how much that glue may shrink and stretch, and
the penalty for breaking there (∞ where clreq forbids it).

A punctuation mark's blank half is not glue but part of the box: `lblank`/`rblank` say how much
of the box is blank, `lshrink`/`rshrink` how much of that blank justification may take away, and
`start_trim`/`end_trim` how much a line start/end removes (GB15834 §5.1.10).

Everything is kept in parallel lists: the breaker evaluates hundreds of thousands of candidate
lines per document and reads these by index.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from layout.text.classes import (
    COMPRESSIBLE,
    END_TRIMMED,
    HAN_LATIN_GAP,
    HAN_LATIN_MAX,
    HAN_LATIN_MIN,
    HAN_LATIN_PRIORITY,
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
    stretchable_between,
)
from layout.text.metrics import Metrics
from layout.text.model import ParagraphSpec

INF = float("inf")
#: Stretch of one inter-character gap at adjustment ratio 1, in em: the breaker's yardstick for
#: how loose a line looks (xeCJK's CJKglue stretches about as much).
INTERCHAR_STRETCH = 0.125
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

    @property
    def n(self) -> int:
        return len(self.text)


def build_items(spec: ParagraphSpec, metrics: Metrics, emergency: bool = False) -> Items:
    """Segment, measure and join the runs of `spec`.

    `emergency` is the last-resort pass: every Latin token may break between any two characters
    and prohibited positions get a large finite penalty instead of ∞.
    """
    items = Items()
    advance = _advance_cache(metrics)
    _segment(spec, items, advance, emergency)
    _apply_blanks(items)
    _compress_adjacent_marks(items)
    _join(items, advance, emergency)
    return items


# --- segmentation ------------------------------------------------------------------------------


def _segment(spec: ParagraphSpec, items: Items, advance, emergency: bool) -> None:
    """Cut the runs into boxes and record the spaces before each box (junction text)."""
    split_width = INF if emergency else spec.measure
    items.jtext.append("")
    items.jsrc.append(0)
    base = 0
    tied = items.tied  # per box: penalty of the split inside a token before it, or -1
    for run in spec.runs:
        text, font, scale = run.text, run.font, run.scale
        n = len(text)
        i = 0
        while i < n:
            c = text[i]
            cls = char_class(c)
            if cls is CharClass.SPACE:
                j = i + 1
                while j < n and char_class(text[j]) is CharClass.SPACE:
                    j += 1
                if not items.jtext[-1]:
                    items.jsrc[-1] = base + i
                items.jtext[-1] += text[i:j]
                i = j
                continue
            if cls in TOKEN_CLASSES:
                j = _token_end(text, i)
                pieces = _split_token(text[i:j], font, scale, advance, split_width, emergency)
                k = i
                for piece, pen in pieces:
                    _add_box(items, piece, base + k, font, scale, CharClass.LATIN, advance)
                    tied.append(pen)
                    k += len(piece)
                i = j
                continue
            j = i + 1
            if c in LONG_MARK_CHARS:
                while j < n and text[j] == c:
                    j += 1
                if j - i > 1 or c in SELF_LONG:
                    cls = CharClass.LONG
                if emergency and j - i > 1:  # last resort: a long mark may split too
                    for k in range(i, j):
                        _add_box(items, c, base + k, font, scale, cls, advance)
                        tied.append(-1.0 if k == i else CHAR_BREAK_PENALTY)
                    i = j
                    continue
            _add_box(items, text[i:j], base + i, font, scale, cls, advance)
            tied.append(-1.0)
            i = j
        base += n


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


def _split_token(token: str, font: str, scale: float, advance, measure: float, emergency: bool):
    """Pieces of a token as (text, penalty of the break before it; -1 for the first piece).

    A token is one unbreakable box unless it is wider than the measure: then it breaks after
    / . - @ (URLs, e-mail addresses), and a piece still too wide breaks between any characters.
    """
    if emergency:
        return [(c, -1.0 if k == 0 else CHAR_BREAK_PENALTY) for k, c in enumerate(token)]
    if _width(token, font, scale, advance) <= measure:
        return [(token, -1.0)]
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
        else:
            out.extend((c, pen if k == 0 else CHAR_BREAK_PENALTY) for k, c in enumerate(piece))
    out[0] = (out[0][0], -1.0)
    return out


def _width(text: str, font: str, scale: float, advance) -> float:
    return sum(advance(font, c) for c in text) * scale


def _add_box(items: Items, text: str, src: int, font: str, scale: float, cls, advance) -> None:
    items.text.append(text)
    items.src0.append(src)
    items.src1.append(src + len(text))
    items.font.append(font)
    items.scale.append(scale)
    items.cls.append(cls)
    items.width.append(_width(text, font, scale, advance))
    items.chars.append(_characters(text, cls))
    items.jtext.append("")  # the junction after the box; spaces that follow land here
    items.jsrc.append(src + len(text))


def _characters(text: str, cls: CharClass) -> int:
    """How many characters of the box count against a one-character last line (孤字)."""
    if cls is CharClass.LATIN:  # a token: its ASCII marks are punctuation too
        return sum(1 for c in text if c not in NO_LINE_START and c not in NO_LINE_END)
    return 0 if is_punctuation(cls) else len(text)


# --- punctuation blanks ------------------------------------------------------------------------


def _apply_blanks(items: Items) -> None:
    """Give every full-width mark its blank halves (GB positions) and line-edge trims."""
    for i, cls in enumerate(items.cls):
        left, right = blanks(cls, items.width[i], items.scale[i])
        items.offset.append(0.0)
        items.lblank.append(left)
        items.rblank.append(right)
        items.lshrink.append(left)
        items.rshrink.append(right)
        items.start_trim.append(left if cls in START_TRIMMED else 0.0)
        items.end_trim.append(right if cls in END_TRIMMED else 0.0)


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


def _join(items: Items, advance, emergency: bool) -> None:
    """Glue, stretchability and break penalty of every junction."""
    n = items.n
    tied = items.tied
    # the paragraph's edges: no glue, spaces there are dropped
    for _ in range(n + 1):
        items.glue.append(0.0)
        items.glue_shrink.append(0.0)
        items.glue_stretch.append(0.0)
        items.glue_kind.append(GLUE_NONE)
        items.even.append(False)
        items.penalty.append(0.0)
        items.allowed.append(True)
    for j in range(1, n):
        prev, nxt = items.text[j - 1][-1], items.text[j][0]
        spaced = bool(items.jtext[j])
        if tied[j] >= 0 and not spaced:
            items.penalty[j] = tied[j]  # inside an over-long token
            continue
        allowed = break_allowed(prev, nxt, spaced)
        items.allowed[j] = allowed
        if not allowed:
            items.penalty[j] = EMERGENCY_PENALTY if emergency else INF
        items.even[j] = spaced or stretchable_between(prev, nxt)
        scale = items.scale[j - 1]
        if han_latin_adjacent(prev, nxt):
            # a source space between Han and Latin becomes this glue (xeCJK's xCJKecglue)
            items.glue[j] = HAN_LATIN_GAP * scale
            items.glue_shrink[j] = (HAN_LATIN_GAP - HAN_LATIN_MIN) * scale
            items.glue_stretch[j] = (HAN_LATIN_MAX - HAN_LATIN_GAP) * scale
            items.glue_kind[j] = GLUE_HAN_LATIN
        elif spaced:
            space = advance(items.font[j - 1], " ") * scale
            items.glue[j] = space
            items.glue_shrink[j] = max(0.0, space - WORD_SPACE_MIN * scale)
            items.glue_stretch[j] = max(0.0, WORD_SPACE_MAX * scale - space)
            items.glue_kind[j] = GLUE_WORD_SPACE


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
    "WORD_SPACE_PRIORITY",
    "build_items",
    "shrink_priority",
]


# --- advance cache -----------------------------------------------------------------------------

_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _advance_cache(metrics: Metrics):
    """`advance(font, char)` memoised per metrics object: fonts answer each pair once."""
    try:
        cache = _CACHES.get(metrics)
    except TypeError:  # not weak-referenceable: cache for this paragraph only
        cache = None
    if cache is None:
        cache = {}
        try:
            _CACHES[metrics] = cache
        except TypeError:
            pass
    get = cache.get
    measure = metrics.advance

    def advance(font: str, c: str) -> float:
        key = (font, c)
        w = get(key)
        if w is None:
            w = cache[key] = measure(font, c)
        return w

    return advance
