"""Paragraphs of several runs: fonts, scales and source indices carry through."""

from __future__ import annotations

import time

from layout.text.compose import compose_paragraph
from layout.text.model import ParagraphSpec, Run

from .helpers import METRICS, TOL


def test_fonts_and_source_indices_follow_the_runs():
    spec = ParagraphSpec(
        runs=(Run("普通文字", "body"), Run("加粗ABC", "bold"), Run("DEF楷体", "kai")),
        measure=20,
        indent=0,
    )
    (line,) = compose_paragraph(spec, METRICS).lines
    fonts = [(g.text, g.font) for g in line.glyphs]
    assert ("加", "bold") in fonts and ("楷", "kai") in fonts
    # a word split across runs is two boxes that never break apart
    assert ("ABC", "bold") in fonts and ("DEF", "kai") in fonts
    assert (line.start, line.end) == (0, 14)


def test_scaled_run_widths():
    spec = ParagraphSpec(runs=(Run("甲乙"), Run("注", scale=0.5)), measure=20, indent=0)
    (line,) = compose_paragraph(spec, METRICS).lines
    assert line.glyphs[-1].width == 0.5 and line.glyphs[-1].scale == 0.5


def test_word_across_runs_is_not_broken():
    spec = ParagraphSpec(
        runs=(Run("一二三四五六七八hello"), Run("world九十")), measure=10, indent=0
    )
    p = compose_paragraph(spec, METRICS)
    for line, nxt in zip(p.lines, p.lines[1:], strict=False):
        assert not (line.text.endswith("hello") and nxt.text.startswith("world"))
    assert all(line.width <= 10 + TOL for line in p.lines)


def test_throughput_guard():
    # a loose guard (the bench script measures the seed): 20,000 characters well under 2 s
    text = "习近平总书记在全国两会期间出席一系列重要会议和活动，发表“重要讲话”（2024年3月）。" * 20
    spec = ParagraphSpec(runs=(Run(text),), measure=24)
    start = time.process_time()
    for _ in range(12):
        compose_paragraph(spec, METRICS)
    assert time.process_time() - start < 2.0
