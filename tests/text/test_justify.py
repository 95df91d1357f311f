"""Slack distribution on one line, in clreq priority order (LineSetter on chosen boxes)."""

from __future__ import annotations

import pytest

from layout.text.items import build_items
from layout.text.justify import LineSetter
from layout.text.model import ParagraphSpec, Run

from .helpers import METRICS


def set_line(text: str, measure: float, justify: bool = True):
    items = build_items(ParagraphSpec(runs=(Run(text),), measure=40, indent=0), METRICS)
    glyphs, right = LineSetter(items, True, True).set(0, items.n, 0.0, measure, justify)
    return glyphs, right


def gap(glyphs, k):
    """Space between glyph k and glyph k+1."""
    return glyphs[k + 1].x - (glyphs[k].x + glyphs[k].width)


def test_shrink_takes_brackets_before_pause_marks():
    # natural: 甲（乙）丙，丁 = 1+1+1+1+1+1+1 = 7 em; 0.5 em to take
    g, right = set_line("甲（乙）丙，丁", 6.5)
    assert right == pytest.approx(6.5)
    assert g[1].width + g[3].width == pytest.approx(1.5)  # brackets gave 0.25 each
    assert g[1].offset == pytest.approx(0.25)  # ink of （ stays put
    assert g[5].width == pytest.approx(1.0)  # the comma untouched


def test_shrink_takes_pause_marks_before_han_latin():
    g, right = set_line("甲，乙ABC丙", 6.25)  # natural 1+1+1+.25+1.5+.25+1 = 6
    assert right == pytest.approx(6.25)  # no shrink: stretch the Han–Latin gaps first
    g, right = set_line("甲，乙ABC丙", 5.75)
    assert g[1].width == pytest.approx(0.75)
    assert gap(g, 2) == pytest.approx(0.25)


def test_han_latin_shrinks_to_an_eighth_after_pause_marks():
    g, right = set_line("甲，乙ABC丙", 5.25)  # comma gives ½, the gaps ⅛ each
    assert right == pytest.approx(5.25)
    assert g[1].width == pytest.approx(0.5)
    assert gap(g, 2) == pytest.approx(0.125) and gap(g, 3) == pytest.approx(0.125)


def test_stop_marks_shrink_last():
    g, _ = set_line("甲。乙，丙", 4.5)  # ，gives ½ first; 。 untouched
    assert g[3].width == pytest.approx(0.5) and g[1].width == pytest.approx(1.0)
    g, _ = set_line("甲。乙，丙", 4.25)
    assert g[1].width == pytest.approx(0.75)


@pytest.mark.parametrize("dot", [c for c in "·・‧" if METRICS.advance("body", c) == 1])
def test_middle_dot_shrinks_a_quarter_each_side(dot):
    g, right = set_line("甲" + dot + "乙", 2.5)
    assert right == pytest.approx(2.5)
    assert g[1].width == pytest.approx(0.5)
    assert g[1].offset == pytest.approx(0.25)


def test_word_spaces_shrink_first_to_a_quarter():
    # FixedMetrics space = ½ em; natural 甲（Key␣word）= 1+1+1.5+.5+2+½ (line end) = 6.5
    g, _ = set_line("甲（Key word）", 6.25)
    space = [x for x in g if x.text == " "][0]
    assert space.width == pytest.approx(0.25)
    assert g[1].width == pytest.approx(1.0)


def test_stretch_han_latin_to_a_third_then_even():
    g, right = set_line("甲ABC乙丙", 5.0 + 2 / 12)
    assert gap(g, 0) == pytest.approx(1 / 3) and gap(g, 1) == pytest.approx(1 / 3)
    assert gap(g, 2) == pytest.approx(0)
    g, right = set_line("甲ABC乙丙", 5.5)
    assert right == pytest.approx(5.5)
    extra = gap(g, 2)
    assert extra > 0
    assert gap(g, 0) == pytest.approx(1 / 3 + extra)


def test_word_spaces_stretch_to_half_first():
    g, _ = set_line("ab cd", 2.5)  # space is already ½: goes straight to even spacing
    assert g[1].width == pytest.approx(0.5)


def test_even_stretch_never_inside_long_marks_or_words():
    g, right = set_line("甲——乙abc丙", 9)
    assert right == pytest.approx(9)
    dash = [x for x in g if x.text == "——"][0]
    word = [x for x in g if x.text == "abc"][0]
    assert dash.width == 2.0 and word.width == 1.5


def test_no_even_stretch_next_to_connectors():
    g, right = set_line("甲—乙丙", 5)
    assert gap(g, 0) == pytest.approx(0) and gap(g, 1) == pytest.approx(0)
    assert gap(g, 2) == pytest.approx(1)


def test_unjustifiable_line_stays_left():
    g, right = set_line("abcdef", 5)
    assert right == pytest.approx(3) and g[0].x == 0


def test_ragged_keeps_natural_widths():
    g, right = set_line("甲乙，", 10, justify=False)
    assert right == pytest.approx(2.5)  # the final comma trimmed to ½
