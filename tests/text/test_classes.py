"""The clreq / GB15834 tables and the pure functions over them."""

from __future__ import annotations

import pytest

from layout.text.classes import (
    CLOSING,
    CONNECTORS,
    MIDDLE_DOTS,
    NO_LINE_END,
    NO_LINE_START,
    OPENING,
    PAUSE,
    SOLIDI,
    STOP,
    CharClass,
    blanks,
    break_allowed,
    char_class,
    han_latin_adjacent,
    is_token_char,
    may_end_line,
    may_start_line,
    stretchable_between,
)

# clreq `basic` + GB-style, spelled out independently of the module's tables
CLREQ_NO_START = "、，；：。．！？‼⁇”’）〕】〗］｝》〉」』～–-·・‧／/"
CLREQ_NO_END = "“‘（〔【〖［｛《〈「『／/"


@pytest.mark.parametrize("c", CLREQ_NO_START)
def test_clreq_line_start_prohibitions_are_in_the_table(c):
    assert c in NO_LINE_START
    assert not may_start_line(c)


@pytest.mark.parametrize("c", CLREQ_NO_END)
def test_clreq_line_end_prohibitions_are_in_the_table(c):
    assert c in NO_LINE_END
    assert not may_end_line(c)


def test_ooxml_omissions_are_not_copied():
    # speedata/OOXML lists miss these; clreq basic has them
    for c in "”’》」』】〉":
        assert c in NO_LINE_START
    for c in "“‘":
        assert c in NO_LINE_END


@pytest.mark.parametrize(
    ("chars", "cls"),
    [
        (OPENING, CharClass.OPEN),
        (CLOSING, CharClass.CLOSE),
        (PAUSE, CharClass.COMMA),
        (STOP, CharClass.STOP),
        (MIDDLE_DOTS, CharClass.MIDDLE),
        ("—–～", CharClass.CONNECTOR),
        ("／", CharClass.SOLIDUS),
        ("…⋯⸺", CharClass.LONG),
        ("汉字龘〇々あア한", CharClass.HAN),
        ("abcXYZéß", CharClass.LATIN),
        ("0123456789", CharClass.DIGIT),
        (",.;:!?()-/%#@°", CharClass.NARROW),
        ("□■※％ＡＢ１\u3000", CharClass.WIDE),  # U+3000 is a full-width blank box
        (" \t", CharClass.SPACE),
    ],
)
def test_char_class(chars, cls):
    for c in chars:
        assert char_class(c) is cls, c


@pytest.mark.parametrize("c", OPENING)
def test_opening_brackets_have_a_left_blank(c):
    assert blanks(char_class(c), 1.0) == (0.5, 0.0)


@pytest.mark.parametrize("c", CLOSING + PAUSE + STOP)
def test_closing_and_pause_marks_have_a_right_blank(c):
    assert blanks(char_class(c), 1.0) == (0.0, 0.5)


@pytest.mark.parametrize("c", MIDDLE_DOTS)
def test_middle_dots_have_a_quarter_each_side(c):
    assert blanks(char_class(c), 1.0) == (0.25, 0.25)


@pytest.mark.parametrize("c", OPENING + CLOSING + PAUSE + STOP + MIDDLE_DOTS)
def test_proportional_marks_have_no_blank(c):
    # a Latin-font curly quote (0.33 em) is not a CJK bracket body
    assert blanks(char_class(c), 0.33) == (0.0, 0.0)


@pytest.mark.parametrize("c", "汉—…（》")
def test_scaled_blanks_follow_the_advance(c):
    left, right = blanks(char_class(c), 0.8, scale=0.8)
    assert left + right in (0.0, 0.4)


@pytest.mark.parametrize("c", sorted(NO_LINE_START))
def test_break_before_a_no_line_start_char_is_prohibited(c):
    assert not break_allowed("汉", c)
    assert not break_allowed("汉", c, spaced=True)


@pytest.mark.parametrize("c", sorted(NO_LINE_END))
def test_break_after_a_no_line_end_char_is_prohibited(c):
    assert not break_allowed(c, "汉")
    assert not break_allowed(c, "汉", spaced=True)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("汉", "字"),
        ("汉", "a"),
        ("a", "汉"),
        ("。", "汉"),
        ("”", "“"),
        ("，", "（"),
        ("汉", "（"),
        ("…", "汉"),
    ],
)
def test_break_allowed_between_ordinary_pairs(a, b):
    assert break_allowed(a, b)


@pytest.mark.parametrize(("a", "b"), [("a", "b"), ("1", "2"), ("a", "."), ("x", "-")])
def test_no_break_inside_latin_tokens(a, b):
    assert not break_allowed(a, b)
    if b not in NO_LINE_START:
        assert break_allowed(a, b, spaced=True)


def test_token_chars():
    assert all(is_token_char(c) for c in "abc123.,-/@")
    assert not any(is_token_char(c) for c in "汉，“—…")


@pytest.mark.parametrize(("a", "b"), [("汉", "a"), ("A", "汉"), ("汉", "1"), ("9", "字")])
def test_han_latin_adjacency(a, b):
    assert han_latin_adjacent(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("，", "a"), ("a", "。"), ("“", "A"), ("汉", "字"), ("a", "b"), ("汉", "."), ("%", "汉")],
)
def test_no_han_latin_glue_next_to_punctuation(a, b):
    assert not han_latin_adjacent(a, b)


@pytest.mark.parametrize("c", CONNECTORS + SOLIDI)
def test_no_even_spacing_around_connectors_and_solidi(c):
    assert not stretchable_between("汉", c)
    assert not stretchable_between(c, "汉")


def test_even_spacing_between_han_and_marks():
    assert stretchable_between("汉", "字")
    assert stretchable_between("汉", "，")
    assert not stretchable_between("a", "b")


def test_junction_kind_keeps_everything_the_junction_rules_see():
    """Pairs of characters and pairs of their kinds get the same break, spacing and glue
    decisions (items.py caches junctions by kind), over every listed mark and a spread of
    Han, kana, hangul, Latin, digits and full-width forms."""
    from layout.text.classes import (
        _EXPLICIT,
        _TIED,
        NO_LINE_END,
        NO_LINE_START,
        PLAIN_HAN,
        break_allowed,
        han_latin_adjacent,
        junction_kind,
        stretchable_between,
    )

    listed = set(_EXPLICIT) | NO_LINE_START | NO_LINE_END | _TIED
    spread = set("政协一丁々〆〇ぁあゝゞァアーヶ㐀丽가aZ09 ＡＡ１□※★é")
    spread |= {chr(0x4E00 + 997 * k) for k in range(21)} | {"\U00020000", "\U0002a6d6"}
    chars = sorted(listed | spread)
    assert junction_kind("政") == PLAIN_HAN == junction_kind("丁")
    for a in chars:
        for b in chars:
            ka, kb = junction_kind(a), junction_kind(b)
            assert han_latin_adjacent(a, b) == han_latin_adjacent(ka, kb), (a, b)
            assert stretchable_between(a, b) == stretchable_between(ka, kb), (a, b)
            for spaced in (False, True):
                assert break_allowed(a, b, spaced) == break_allowed(ka, kb, spaced), (a, b)
