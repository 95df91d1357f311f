"""Shared helpers for the line-composer tests."""

from __future__ import annotations

from layout.text.compose import compose_paragraph
from layout.text.metrics import FixedMetrics
from layout.text.model import ComposedParagraph, ParagraphSpec, Run

METRICS = FixedMetrics(latin=0.5)
TOL = 1e-6
HAN = "一二三四五六七八九十"


def compose(
    text: str,
    measure: float = 10.0,
    indent: float = 0.0,
    align: str = "justify",
    trim: bool = True,
    metrics=METRICS,
) -> ComposedParagraph:
    spec = ParagraphSpec(
        runs=(Run(text),),
        measure=measure,
        indent=indent,
        align=align,
        trim_open_at_line_start=trim,
    )
    return compose_paragraph(spec, metrics)


def glyph(p: ComposedParagraph, text: str, occurrence: int = 0):
    """The line number and the `occurrence`-th glyph whose text is `text`."""
    seen = 0
    for n, line in enumerate(p.lines):
        for g in line.glyphs:
            if g.text == text:
                if seen == occurrence:
                    return n, g
                seen += 1
    raise AssertionError(f"no glyph {text!r} in {[ln.text for ln in p.lines]}")


def line_texts(p: ComposedParagraph) -> list[str]:
    return [line.text for line in p.lines]
