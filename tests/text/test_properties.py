"""Properties of the composer on random mixes of Han, punctuation, Latin, digits and spaces."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.text.classes import break_allowed
from layout.text.items import build_items
from layout.text.model import ParagraphSpec, Run

from .helpers import METRICS, TOL, compose

PIECES = (
    list("中文字体排版测试汉")
    + list("，。、；：？！“”‘’（）《》【】·—～")
    + [
        "——",
        "……",
        "abc",
        "Word",
        "x",
        "2024",
        "7",
        " ",
        "  ",
        "https://a.example/b.c",
        "3.5%",
        "\u3000",  # a full-width blank: content, never dropped
        "刘\u3000森",
    ]
)

texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=80).map("".join)
measures = st.sampled_from([4.0, 6.5, 10.0, 17.0, 24.0])
aligns = st.sampled_from(["justify", "justify", "ragged", "center", "right"])
indents = st.sampled_from([0.0, 2.0])

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _stretchable(text: str, measure: float, line) -> bool:
    """Whether the line has a junction that may take stretch (else it cannot be justified)."""
    items = build_items(ParagraphSpec(runs=(Run(text),), measure=measure), METRICS)
    a = items.src0.index(line.start) if line.start in items.src0 else None
    b = items.src1.index(line.end) + 1 if line.end in items.src1 else None
    if a is None or b is None:
        return True
    return any(items.even[j] or items.glue_stretch[j] > 0 for j in range(a + 1, b))


@SETTINGS
@given(texts, measures, aligns, indents)
def test_every_character_once_in_order(text, measure, align, indent):
    p = compose(text, measure=measure, indent=indent, align=align)
    out = "".join(line.text for line in p.lines)
    assert out.replace(" ", "") == text.replace(" ", "")
    # spaces are only ever dropped, never invented
    assert out.count(" ") <= text.count(" ")
    spans = [(line.start, line.end) for line in p.lines]
    for (_, e0), (s1, _) in zip(spans, spans[1:], strict=False):
        assert e0 <= s1 and text[e0:s1].strip() == ""
    for line in p.lines:
        assert line.text.replace(" ", "") == text[line.start : line.end].replace(" ", "")


@SETTINGS
@given(texts, measures, aligns, indents)
def test_no_line_wider_than_the_measure(text, measure, align, indent):
    p = compose(text, measure=measure, indent=indent, align=align)
    for line in p.lines:
        assert line.width <= measure + TOL
        for g in line.glyphs:
            assert g.x >= line.indent - TOL
            assert g.x + g.width <= measure + TOL
            assert g.width >= -TOL


@SETTINGS
@given(texts, measures, indents)
def test_justified_lines_fill_the_measure(text, measure, indent):
    p = compose(text, measure=measure, indent=indent)
    if any("emergency" in w for w in p.warnings):
        return  # tokens split between letters cannot take even spacing
    for line in p.lines[:-1]:
        if abs(line.width - measure) > TOL:
            assert not _stretchable(text, measure, line), (line.text, line.width)
        xs = [g.x for g in line.glyphs]
        assert xs == sorted(xs)


@SETTINGS
@given(texts, measures, aligns, indents)
def test_no_prohibited_break_when_a_legal_one_exists(text, measure, align, indent):
    p = compose(text, measure=measure, indent=indent, align=align)
    if any("emergency" in w for w in p.warnings):
        return
    for line, nxt in zip(p.lines, p.lines[1:], strict=False):
        between = text[line.end : nxt.start]
        prev_char, next_char = text[line.end - 1], text[nxt.start]
        split_token = not between and prev_char.isascii() and next_char.isascii()
        if split_token:
            continue  # an over-long token broken after / . - @
        assert break_allowed(prev_char, next_char, spaced=bool(between)), (line.text, nxt.text)
