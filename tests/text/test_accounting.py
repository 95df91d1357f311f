"""The breaker judges every line by exactly the width, shrink and stretch it is set with.

Knuth–Plass: the glue of a break belongs to neither line. A line from junction a to b holds
boxes a..b-1 and the glue of junctions a+1..b-1, which is what justify.LineSetter places.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text.bench import ProportionalMetrics
from layout.text.items import GLUE_WORD_SPACE, INTERCHAR_STRETCH, Items, build_items
from layout.text.justify import LineSetter
from layout.text.linebreak import (
    INF,
    ORPHAN_DEMERITS,
    LineGeometry,
    Prefix,
    break_justified,
    break_ragged,
)
from layout.text.metrics import FixedMetrics
from layout.text.model import ParagraphSpec, Run

from .helpers import METRICS, TOL, compose
from .test_properties import PIECES, SETTINGS

texts = st.lists(st.sampled_from(PIECES + ["中 ", " 中", "abc ", "Word "]), min_size=1, max_size=80)
metrics_st = st.sampled_from([METRICS, FixedMetrics(latin=0.55), ProportionalMetrics()])
measures = st.sampled_from([4.0, 6.5, 10.0, 17.0, 24.0])
indents = st.sampled_from([0.0, 2.0])


def _setup(text: str, measure: float, indent: float, metrics):
    spec = ParagraphSpec(runs=(Run(text),), measure=measure, indent=indent)
    geometry = LineGeometry(measure, measure - indent, True, indent == 0)
    return build_items(spec, metrics), geometry


def _lines(ends: tuple[int, ...]) -> list[tuple[int, int]]:
    return list(zip((0, *ends[:-1]), ends, strict=True))


def _box_gaps(items: Items, a: int, b: int, glyphs) -> list[float]:
    """The blank between box k and box k+1 of the placed line (word-space glyphs included)."""
    boxes = []
    g = 0
    for k in range(b - a):
        boxes.append(glyphs[g])
        g += 1
        if k < b - a - 1 and items.glue_kind[a + 1 + k] == GLUE_WORD_SPACE:
            g += 1  # the space glyph sits in the gap
    assert g == len(glyphs)
    return [q.x - (p.x + p.width) for p, q in zip(boxes, boxes[1:], strict=False)]


def _check_line(items: Items, pre: Prefix, setter: LineSetter, a: int, b: int, x0: float):
    natural, shrink, stretch = pre.natural(a, b), pre.shrinkable(a, b), pre.stretchable(a, b)
    # natural width: set unjustified on an unlimited measure
    glyphs, right = setter.set(a, b, x0, x0 + 1e6, justify=False)
    assert right - x0 == pytest.approx(natural, abs=TOL)
    natural_gaps = _box_gaps(items, a, b, glyphs)
    # shrink: squeezed towards nothing, the line gives up exactly what the breaker counted on
    _, right = setter.set(a, b, x0, x0, justify=False)
    assert natural - (right - x0) == pytest.approx(shrink, abs=TOL)
    # stretch: at the breaker's ratio 1 every gap widens by exactly its own stretch
    if stretch > TOL:
        glyphs, right = setter.set(a, b, x0, x0 + natural + stretch, justify=True)
        assert right - x0 == pytest.approx(natural + stretch, abs=TOL)
        widened = [s - n for s, n in zip(_box_gaps(items, a, b, glyphs), natural_gaps, strict=True)]
        expected = [
            items.glue_stretch[j] + (INTERCHAR_STRETCH if items.even[j] else 0.0)
            for j in range(a + 1, b)
        ]
        assert widened == pytest.approx(expected, abs=TOL)
    else:  # nothing to stretch on the line: no junction inside it may take any
        assert all(items.glue_stretch[j] <= TOL and not items.even[j] for j in range(a + 1, b)), (
            items.text[a:b]
        )


def _check_lines(items, geometry, indent, lines) -> None:
    """_check_line for each (a, b); only a line from the paragraph start carries the indent."""
    pre = Prefix(items, geometry)
    setter = LineSetter(items, True, indent == 0)
    for a, b in lines:
        _check_line(items, pre, setter, a, b, indent if a == 0 else 0.0)


@SETTINGS
@given(texts, measures, indents, metrics_st)
def test_breaker_measures_justified_lines_as_they_are_set(pieces, measure, indent, metrics):
    items, geometry = _setup("".join(pieces), measure, indent, metrics)
    if items.n == 0:
        return
    breaks = break_justified(items, geometry) or break_justified(
        items, geometry, max_ratio=INF, orphan_demerits=ORPHAN_DEMERITS
    )
    if breaks is not None:
        _check_lines(items, geometry, indent, _lines(breaks.ends))


@SETTINGS
@given(texts, measures, indents, metrics_st)
def test_breaker_measures_ragged_lines_as_they_are_set(pieces, measure, indent, metrics):
    items, geometry = _setup("".join(pieces), measure, indent, metrics)
    if items.n == 0:
        return
    breaks = break_ragged(items, geometry, orphan_demerits=ORPHAN_DEMERITS)
    if breaks is not None:
        _check_lines(items, geometry, indent, _lines(breaks.ends))


@SETTINGS
@given(texts, measures, indents, metrics_st)
def test_every_line_from_every_break_is_measured_as_set(pieces, measure, indent, metrics):
    """Not only the chosen lines: any line between two break points the breaker weighs."""
    items, geometry = _setup("".join(pieces), measure, indent, metrics)
    if items.n == 0:
        return
    points = [0] + [j for j in range(1, items.n) if items.penalty[j] < INF] + [items.n]
    _check_lines(items, geometry, indent, [(a, b) for a in points[:6] for b in points if b > a])


# --- the colleague's examples -------------------------------------------------------------------


def test_line_starting_after_a_han_latin_gap_has_no_gap():
    items, geometry = _setup("中文 abc 中文", 10.0, 0.0, METRICS)
    pre = Prefix(items, geometry)
    # abc 中文: 1.5 + 0.25 + 2 (the gap before abc went with the break)
    assert pre.natural(2, items.n) == pytest.approx(3.75)
    assert pre.shrinkable(2, items.n) == pytest.approx(0.125)
    assert pre.stretchable(2, items.n) == pytest.approx(1 / 12 + 2 * INTERCHAR_STRETCH)


def test_exactly_fitting_url_line_is_taken_without_fallback():
    # HTTPS:// is 8 × 0.5 = 4 em after the break at the Han–Latin gap: it fits exactly
    p = compose("中文HTTPS://EXAMPLE.ORG/ABC.HTML中文", measure=4, indent=2)
    assert p.warnings == ()
    assert [line.text for line in p.lines] == [
        "中文",
        "HTTPS://",
        "EXAMPLE.",
        "ORG/",
        "ABC.HTML",
        "中文",
    ]


def test_line_after_a_word_space_is_not_credited_with_it():
    items, geometry = _setup("一二三 Word 四五六", 10.0, 0.0, METRICS)
    pre = Prefix(items, geometry)
    word = items.text.index("Word")
    assert pre.natural(word, items.n) == pytest.approx(2.0 + 0.25 + 3.0)


def test_balanced_title_breaks_at_its_phrase_space():
    p = compose("加强历史文化建筑保护利用 推动文旅融合高质量发展", measure=14, align="center")
    assert [line.text for line in p.lines] == ["加强历史文化建筑保护利用", "推动文旅融合高质量发展"]
