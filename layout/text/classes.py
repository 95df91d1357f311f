"""Character classes for simplified-Chinese line composition, as data plus pure functions.

The tables follow W3C clreq (`basic` line-start/line-end prohibition plus the GB rule for the
solidus) and GB/T 15834—2011 §5.1 (glyph positions of punctuation in the em box). Everything the
composer knows about a character comes from here: which class it is in, where its blank half
sits, whether a line may start or end with it, and whether a line may break between two
characters.
"""

from __future__ import annotations

import unicodedata
from enum import IntEnum
from functools import cache


class CharClass(IntEnum):
    HAN = 0  # ideographs, kana, hangul, 〇 々: one box each, Han–Latin glue next to letters/digits
    OPEN = 1  # opening brackets and quotes: blank on the left
    CLOSE = 2  # closing brackets and quotes: blank on the right
    COMMA = 3  # ，、；： pause marks, ink lower left, blank on the right
    STOP = 4  # 。．？！ stop marks, blank on the right, compressed last (clreq reduction step 7)
    MIDDLE = 5  # interpuncts: ink centred, a quarter-em blank each side
    LONG = 6  # —— …… ⸺ ⋯⋯: unbreakable, never stretched inside
    CONNECTOR = 7  # single — (一字线), – , ～ : fixed, no line start, no even spacing around
    SOLIDUS = 8  # ／ / : neither at line start nor at line end (GB15834 §5.1.9)
    WIDE = 9  # other full-width or ambiguous symbols (□ ■ ※ ％ ...), U+3000 blank: one box each
    LATIN = 10  # letters of alphabetic scripts
    DIGIT = 11  # decimal digits
    NARROW = 12  # any other narrow character (ASCII punctuation, symbols): part of a Latin token
    SPACE = 13


# --- clreq / GB15834 tables -------------------------------------------------------------------

#: Opening brackets and quotes; curly quotes count as CJK brackets (as Typst's CJ segmenter does).
OPENING = "“‘（〔【〖［｛《〈「『"
#: Closing brackets and quotes.
CLOSING = "”’）〕】〗］｝》〉」』"
#: Pause marks (顿号 逗号 分号 冒号): GB position lower left, blank right.
PAUSE = "、，；："
#: Stop marks (句号 问号 叹号 and the full-width full stop); stacked ‼ ⁇ count as one mark.
STOP = "。．？！‼⁇"
#: Interpuncts (间隔号).
MIDDLE_DOTS = "·・‧"
#: Characters whose repetition forms an unbreakable long mark: 破折号 —— and 省略号 …… (also ⋯⋯).
LONG_MARK_CHARS = "—…⋯⸺"
#: Long marks that are complete on their own (a single ⸺ is already the two-em dash).
SELF_LONG = "…⋯⸺"
#: Connectors (连接号): 一字线 — (single), en dash, hyphen-minus, wave dash.
CONNECTORS = "—–-～"
#: Solidus (分隔号), full-width and ASCII.
SOLIDI = "／/"
#: Postfix signs that belong to the number before them (trade practice, UAX #14 class PO).
POSTFIX = "％‰℃°′″"
#: U+3000 IDEOGRAPHIC SPACE: not a space but a full-width blank box, content like a Han character
#: (pads 刘　森 to the three cells of 许舜尧): always 1 em, never stretched or shrunk, no Han–Latin
#: glue beside it, breaks around it as around a Han character, kept at a line's start and end.
IDEOGRAPHIC_SPACE = "\u3000"

#: Must not start a line: clreq `basic` (pause/stop marks, closing brackets and quotes,
#: connectors, interpuncts) + the GB solidus rule + postfix signs + ASCII closing punctuation.
NO_LINE_START: frozenset[str] = frozenset(
    PAUSE + STOP + CLOSING + "～–-" + "—" + MIDDLE_DOTS + SOLIDI + POSTFIX + ",.;:?!)]}%"
)
#: Must not end a line: clreq `basic` (opening brackets and quotes) + GB solidus + ASCII openers.
NO_LINE_END: frozenset[str] = frozenset(OPENING + SOLIDI + "([{")
#: `strict` level additions (two-em dash, ellipsis at line start); not applied by default.
STRICT_NO_LINE_START: frozenset[str] = frozenset(LONG_MARK_CHARS)

#: Where the blank of a full-width mark sits, as (left, right) fractions of its advance.
BLANKS: dict[CharClass, tuple[float, float]] = {
    CharClass.OPEN: (0.5, 0.0),
    CharClass.CLOSE: (0.0, 0.5),
    CharClass.COMMA: (0.0, 0.5),
    CharClass.STOP: (0.0, 0.5),
    CharClass.MIDDLE: (0.25, 0.25),
}
#: A mark narrower than this (in em of its own size) is a proportional glyph: it has no blank.
FULL_WIDTH_MIN = 0.75

#: clreq reduction order (lower shrinks first); the line-end mark (step 1) is trimmed at the break.
SHRINK_PRIORITY: dict[CharClass, int] = {
    CharClass.MIDDLE: 3,
    CharClass.OPEN: 4,
    CharClass.CLOSE: 4,
    CharClass.COMMA: 5,
    CharClass.STOP: 7,
}
WORD_SPACE_PRIORITY = 2
HAN_LATIN_PRIORITY = 6

#: Marks whose right blank a line end removes (GB15834 §5.1.10: a line-end mark takes ½ em).
END_TRIMMED = frozenset({CharClass.CLOSE, CharClass.COMMA, CharClass.STOP})
#: Marks whose left blank a line start may remove (`trim_open_at_line_start`).
START_TRIMMED = frozenset({CharClass.OPEN})
#: Classes that take part in adjacent-punctuation compression (clreq 3.1.6.1).
COMPRESSIBLE = frozenset(BLANKS)

# Han–Latin spacing (clreq 3.5 / Typst `add_cjk_latin_spacing`), in em.
HAN_LATIN_GAP = 0.25
HAN_LATIN_MIN = 0.125
HAN_LATIN_MAX = 1 / 3
# Latin inter-word spaces: clreq reduction minimum and expansion maximum, in em.
WORD_SPACE_MIN = 0.25
WORD_SPACE_MAX = 0.5

#: Where an over-long Latin token (URL, e-mail address) may break: after these characters.
TOKEN_BREAK_AFTER = frozenset("/.-@_?&=#")


def is_url_like(token: str) -> bool:
    """A URL, host name, e-mail address or path: breakable after / . - @ as a last resort.

    `://`, `www.`, an `@` with a dot after it, or two or more `/`. Ordinary words (don’t,
    co-operate, 3.5%, 10.0.0.0/8) are not.
    """
    if "://" in token or "www." in token.lower():
        return True
    at = token.find("@")
    if at >= 0 and "." in token[at + 1 :]:
        return True
    return token.count("/") >= 2


def _table() -> dict[str, CharClass]:
    table: dict[str, CharClass] = {}
    for chars, cls in (
        (OPENING, CharClass.OPEN),
        (CLOSING, CharClass.CLOSE),
        (PAUSE, CharClass.COMMA),
        (STOP, CharClass.STOP),
        (MIDDLE_DOTS, CharClass.MIDDLE),
        (CONNECTORS, CharClass.CONNECTOR),
        (SOLIDI, CharClass.SOLIDUS),
        (SELF_LONG, CharClass.LONG),
        ("％‰℃", CharClass.WIDE),
    ):
        for c in chars:
            table[c] = cls
    for c in "-/°′″":  # ASCII hyphen and slash, degree and prime signs live inside Latin tokens
        table[c] = CharClass.NARROW
    table[IDEOGRAPHIC_SPACE] = CharClass.WIDE  # a blank box, not a space (str.isspace says yes)
    return table


_EXPLICIT = _table()


def _is_han(o: int) -> bool:
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or 0x3040 <= o <= 0x30FA  # kana (30FB ・ is an interpunct)
        or 0x30FC <= o <= 0x30FF
        or 0xAC00 <= o <= 0xD7AF
        or 0x2E80 <= o <= 0x2FDF
        or o in (0x3005, 0x3006, 0x3007)
    )


@cache
def char_class(c: str) -> CharClass:
    """The composition class of one character."""
    cls = _EXPLICIT.get(c)
    if cls is not None:
        return cls
    if c.isspace():
        return CharClass.SPACE
    o = ord(c)
    if _is_han(o):
        return CharClass.HAN
    if "0" <= c <= "9":
        return CharClass.DIGIT
    width = unicodedata.east_asian_width(c)
    if width in ("W", "F"):
        return CharClass.WIDE  # full-width letters, digits and symbols: boxes like Han
    if c.isalpha():
        return CharClass.LATIN
    if c.isdigit():
        return CharClass.DIGIT
    if width == "A" and unicodedata.category(c)[0] in "SP":
        return CharClass.WIDE  # □ ■ ※ ★: full width in a CJK font
    return CharClass.NARROW


TOKEN_CLASSES = frozenset({CharClass.LATIN, CharClass.DIGIT, CharClass.NARROW})
_TIED = frozenset(CONNECTORS + SOLIDI)


def is_token_char(c: str) -> bool:
    """True for characters that join neighbours into one unbreakable Latin token."""
    return char_class(c) in TOKEN_CLASSES


def is_latin_alnum(c: str) -> bool:
    """Latin letters and digits: the Western side of Han–Latin spacing."""
    return char_class(c) in (CharClass.LATIN, CharClass.DIGIT)


def han_latin_adjacent(prev: str, next_: str) -> bool:
    """Whether Han–Latin glue belongs between `prev` and `next_` (no glue next to punctuation)."""
    a, b = char_class(prev), char_class(next_)
    return (a is CharClass.HAN and b in (CharClass.LATIN, CharClass.DIGIT)) or (
        b is CharClass.HAN and a in (CharClass.LATIN, CharClass.DIGIT)
    )


def may_start_line(c: str) -> bool:
    return c not in NO_LINE_START


def may_end_line(c: str) -> bool:
    return c not in NO_LINE_END


def break_allowed(prev: str, next_: str, spaced: bool = False) -> bool:
    """May a line break fall between the characters `prev` and `next_`?

    `spaced` says a space separates them in the source (a space lets Latin words break).
    Prohibition wins over the space: `abc ，` still keeps the comma off the line start.
    """
    if next_ in NO_LINE_START or prev in NO_LINE_END:
        return False
    if spaced:
        return True
    return not (is_token_char(prev) and is_token_char(next_))


def stretchable_between(prev: str, next_: str) -> bool:
    """May even inter-character spacing widen the gap between `prev` and `next_`?

    Not inside Latin words (they are one box anyway, except across run boundaries) and not
    around connectors and solidi, which must stay tied to their operands (clreq 3.8).
    """
    if is_token_char(prev) and is_token_char(next_):
        return False
    return prev not in _TIED and next_ not in _TIED


#: The character that stands for every plain Han character in `junction_kind`.
PLAIN_HAN = "一"


@cache
def junction_kind(c: str) -> str:
    """What `break_allowed`, `stretchable_between` and `han_latin_adjacent` see of `c`.

    They look at a character's class and at whether it is in NO_LINE_START, NO_LINE_END or
    the connectors and solidi; every Han character outside those sets is alike to them and is
    PLAIN_HAN here. A junction's glue and penalty are then cached per pair of kinds instead of
    per pair of characters, which in Chinese text rarely repeat.
    """
    if char_class(c) is CharClass.HAN and c not in NO_LINE_START and c not in NO_LINE_END:
        return PLAIN_HAN if c not in _TIED else c
    return c


def blanks(cls: CharClass, advance: float, scale: float = 1.0) -> tuple[float, float]:
    """The (left, right) blank of a mark in em, or (0, 0) for proportional glyphs."""
    fractions = BLANKS.get(cls)
    if fractions is None or advance < FULL_WIDTH_MIN * scale:
        return (0.0, 0.0)
    return (fractions[0] * advance, fractions[1] * advance)


def is_punctuation(cls: CharClass) -> bool:
    """Marks that do not count as a character when looking for one-character last lines."""
    return cls in (
        CharClass.OPEN,
        CharClass.CLOSE,
        CharClass.COMMA,
        CharClass.STOP,
        CharClass.MIDDLE,
        CharClass.LONG,
        CharClass.CONNECTOR,
        CharClass.SOLIDUS,
    )
