"""layout.content.charcheck: the character table against an independent definition, over
every code point, and the scanners' columns and cleaning."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from layout.content import charcheck as cc

BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
INVISIBLE = {0x00AD, 0x034F, 0x200B, 0x200C, 0x200D, *range(0x2060, 0x2065), 0xFEFF}
VARIATION = {*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)}


def expected_action(code: int) -> str | None:
    """What the brief asks for each code point, written from Unicode properties."""
    char = chr(code)
    category = unicodedata.category(char)
    if code == 0x09:
        return cc.SPACE
    if code == 0x0A:
        return None
    if code in BIDI or category in ("Cc", "Cs", "Co", "Zl", "Zp"):
        return cc.ERROR
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:  # noncharacters
        return cc.ERROR
    if code in INVISIBLE or code in VARIATION or 0xE0000 <= code <= 0xE007F:
        return cc.REMOVE
    return None


def test_table_is_sorted_and_disjoint() -> None:
    for (_, last, _), (first, _, _) in zip(cc.TABLE, cc.TABLE[1:], strict=False):
        assert last < first


def test_every_code_point_is_classified_as_specified() -> None:
    wrong = []
    for code in range(0x110000):
        kind = cc.classify(chr(code))
        if (kind.action if kind else None) != expected_action(code):
            wrong.append(f"U+{code:04X}")
    assert wrong == []


def test_every_control_has_its_formal_alias_as_name() -> None:
    for code in [*range(0x20), *range(0x7F, 0xA0)]:
        name = cc.char_name(chr(code))
        assert unicodedata.lookup(name) == chr(code), name


def test_describe() -> None:
    assert cc.describe("\u200b") == "U+200B ZERO WIDTH SPACE"
    assert cc.describe("\x00") == "U+0000 NULL"
    assert cc.describe("\ue000") == "U+E000"  # private use: no name
    assert cc.describe("\U000e0100") == "U+E0100 VARIATION SELECTOR-17"


def test_check_text_positions_and_cleaning() -> None:
    text = "甲\u200b乙\t丙\x00丁\r\n\t缩进\t\r\n尾"
    cleaned, findings = cc.check_text(text)
    # the zero-width space goes, the inner tab becomes a space, NUL stands in as U+FFFD;
    # the indenting and trailing tabs and the CRLF stay as they are
    assert cleaned == "甲乙 丙\ufffd丁\r\n\t缩进\t\r\n尾"
    assert [(f.char, f.line, f.column, f.is_error) for f in findings] == [
        ("\u200b", 1, 2, False),
        ("\t", 1, 4, False),
        ("\x00", 1, 6, True),
    ]
    assert findings[0].message == (
        "invisible character U+200B ZERO WIDTH SPACE removed "
        "(delete it: it is invisible and the fonts have no glyph)"
    )
    assert findings[2].message == "control character U+0000 NULL"


def test_lone_carriage_return_inside_a_line_is_an_error() -> None:
    _, findings = cc.check_text("甲\r乙\n")
    assert [(f.line, f.column, f.kind) for f in findings] == [(1, 2, cc.CONTROL)]


def test_tabs_are_left_to_yaml_when_asked() -> None:
    assert cc.check_text("key:\tvalue\t# x", tabs=False) == ("key:\tvalue\t# x", [])


def test_variation_selector_after_han_is_removed() -> None:
    cleaned, findings = cc.check_text("葛\U000e0100洪\ufe0f")
    assert cleaned == "葛洪"
    assert [(f.column, f.kind) for f in findings] == [(2, cc.VARIATION), (4, cc.VARIATION)]


@given(st.text(max_size=200))
def test_cleaned_text_holds_nothing_flagged(text: str) -> None:
    cleaned, findings = cc.check_text(text)
    removed = sum(f.kind.action == cc.REMOVE for f in findings)
    assert len(cleaned) == len(text) - removed
    for line in cleaned.split("\n"):
        body = line.removesuffix("\r")
        for char in body.strip():  # the edges may keep indenting tabs
            assert cc.classify(char) is None, char
    # a second pass finds only what the first replaced with U+FFFD: nothing
    assert cc.check_text(cleaned)[1] == []


ORDINARY = st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Zl", "Zp"))


@given(st.text(alphabet=ORDINARY, max_size=100))
def test_ordinary_text_is_untouched(text: str) -> None:
    assert cc.check_text(text) == (text, [])


def test_a_tab_before_a_control_character_is_inside_the_line() -> None:
    # Python counts U+001F as whitespace; it is an error here, so the tab before it is text
    cleaned, findings = cc.check_text("0\t\x1f")
    assert cleaned == "0 \ufffd"
    assert [(f.column, f.kind) for f in findings] == [(2, cc.TAB), (3, cc.CONTROL)]
