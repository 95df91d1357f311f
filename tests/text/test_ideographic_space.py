"""U+3000 IDEOGRAPHIC SPACE is a full-width blank: a fixed 1 em box, content like Han."""

from __future__ import annotations

import pytest

from layout.text.classes import CharClass, break_allowed, char_class
from layout.text.items import GLUE_NONE, build_items
from layout.text.model import ParagraphSpec, Run

from .helpers import METRICS, TOL, compose, line_texts
from .test_justify import set_line

BLANK = "\u3000"


class HalfWidthBlankMetrics:
    """A font whose U+3000 is (wrongly) narrow: the blank stays 1 em anyway."""

    def advance(self, font: str, char: str) -> float:
        return 0.5 if char == BLANK else METRICS.advance(font, char)

    def has_glyph(self, font: str, char: str) -> bool:
        return True

    def draws(self, font: str, text: str) -> str:
        return font


def _items(text: str, metrics=METRICS, measure: float = 40.0):
    return build_items(ParagraphSpec(runs=(Run(text),), measure=measure, indent=0), metrics)


def _blanks(p):
    return [(n, g) for n, line in enumerate(p.lines) for g in line.glyphs if g.text == BLANK]


def test_it_is_a_box_not_a_space():
    assert char_class(BLANK) is CharClass.WIDE
    items = _items("刘" + BLANK + "森")
    assert items.text == ["刘", BLANK, "森"]
    assert items.width == [1.0, 1.0, 1.0]
    assert items.lshrink[1] == items.rshrink[1] == 0.0
    assert items.glue == [0.0] * 4 and items.glue_shrink == [0.0] * 4
    assert items.glue_stretch == [0.0] * 4


@pytest.mark.parametrize("metrics", [METRICS, HalfWidthBlankMetrics()])
def test_name_padded_to_three_cells_lines_up(metrics):
    padded = compose("刘" + BLANK + "森", measure=10, align="ragged", metrics=metrics)
    full = compose("许舜尧", measure=10, align="ragged", metrics=metrics)
    assert padded.lines[0].width == pytest.approx(full.lines[0].width) == pytest.approx(3.0)
    assert [g.x for g in padded.lines[0].glyphs] == pytest.approx(
        [g.x for g in full.lines[0].glyphs]
    )


def test_scaled_run_blank_is_one_em_of_its_size():
    items = build_items(
        ParagraphSpec(runs=(Run("注" + BLANK + "释", scale=0.8),), measure=10, indent=0), METRICS
    )
    assert items.width[1] == pytest.approx(0.8)


@pytest.mark.parametrize("latin", ["abc", "2024", "x"])
def test_no_han_latin_glue_beside_it(latin):
    for text in (BLANK + latin, latin + BLANK, "中" + BLANK + latin + BLANK + "文"):
        items = _items(text)
        assert all(g == 0.0 for g in items.glue), (text, items.glue)
        assert all(k == GLUE_NONE for k in items.glue_kind)
    # a source space next to it is an ordinary space between a blank box and a word, not Han–Latin
    items = _items("中" + BLANK + " abc")
    assert items.glue[2] == pytest.approx(METRICS.advance("body", " "))


def test_breaks_around_it_like_a_han_character():
    for other in "中abc1":
        assert break_allowed(BLANK, other) is break_allowed("中", other)
        assert break_allowed(other, BLANK) is break_allowed(other, "中")
    # closing marks still may not start a line after it, opening ones not end one before it
    assert not break_allowed(BLANK, "，") and not break_allowed("“", BLANK)
    items = _items("中" + BLANK + "文")
    assert items.penalty[1] == items.penalty[2] == 0.0


def test_kept_at_line_end_and_line_start():
    p = compose("一二三" + BLANK + "四五六七八九", measure=4)
    assert line_texts(p) == ["一二三" + BLANK, "四五六七", "八九"]
    p = compose("一二三四" + BLANK + "五六七八九十", measure=4)
    assert line_texts(p) == ["一二三四", BLANK + "五六七", "八九十"]
    ((n, g),) = _blanks(p)
    assert n == 1 and g.x == pytest.approx(0.0) and g.width == pytest.approx(1.0)
    # every source character is still there
    assert "".join(line_texts(p)) == "一二三四" + BLANK + "五六七八九十"


def test_leading_blanks_of_a_paragraph_stay():
    p = compose(BLANK * 2 + "一二三", measure=10, indent=0, align="ragged")
    assert line_texts(p) == [BLANK * 2 + "一二三"]
    assert p.lines[0].width == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("一二三" + BLANK + "四五", 8.0),  # stretched: 6 em on an 8 em line
        ("一，二，三" + BLANK + "四", 6.5),  # squeezed: 7 em, the comma blanks give ½ em
        ("中" + BLANK + "abc def" + BLANK + "文", 10.0),  # word space beside the blanks
    ],
)
def test_never_stretched_or_shrunk(text, measure):
    glyphs, right = set_line(text, measure)
    assert right == pytest.approx(measure, abs=TOL)
    blanks = [g for g in glyphs if g.text == BLANK]
    assert blanks and all(g.width == pytest.approx(1.0) for g in blanks)
    # the slack went into the gaps (or the comma blanks), evenly beside the blank as beside Han
    if right > sum(g.width for g in glyphs):
        gaps = [b.x - (a.x + a.width) for a, b in zip(glyphs, glyphs[1:], strict=False)]
        assert max(gaps) > 0


def test_blank_is_no_character_for_the_orphan_rule():
    # 一…九 fill the measure; a last line of 　十 would still be a one-character line (孤字)
    p = compose("一二三四五六七八九" + BLANK + "十", measure=9)
    assert p.warnings == ()
    assert len([c for c in line_texts(p)[-1] if c != BLANK]) >= 2
