"""Compose a paragraph of CJK text into lines: the line composer's public entry point.

    compose_paragraph(spec, metrics) -> ComposedParagraph

Units are em of the paragraph size. Every line's glyph x positions count from the column's
left edge (so the first line's glyphs start at `indent`) and `Line.width` is where the last
glyph box ends: exactly `measure` for justified non-final lines.

Source characters: every character of the runs appears in exactly one `PlacedGlyph.text`,
in order, except spaces that the layout consumes: spaces between Han and Latin become the
Han–Latin gap (no glyph), and spaces at a line break or at the paragraph's edges vanish.
Spaces between Latin words (or between two Han characters) stay as a glyph of the space
characters whose width is the justified space. `Line.start`/`Line.end` are the source span
from the first to the last glyph of the line; consumed spaces at breaks fall between spans.
U+3000 IDEOGRAPHIC SPACE is not such a space: it is content, a fixed 1 em blank glyph set like a
Han character (breaks around it, even spacing beside it, kept at line starts and ends).

Breaking runs in passes, each tried only when the previous one found no line sequence:
  1. clreq rules strict: prohibited breaks ∞, stretch ratio ≤ 2.5, no one-character last line;
     a line with no stretchable gap at all, made of pieces of a URL or path longer than the
     measure, is letter-spaced between those characters (feasible, but costlier than any
     regular line; ordinary Latin words are never letter-spaced);
     when that finds nothing, it is tried again with URL-like tokens that fit the measure
     (`://`, `www.`, `@` before a dot, two or more `/`) split and spaceable the same way, but
     letter-spaced no looser than the stretch limit (2.5 × LETTER_STRETCH = 0.125 em a gap):
     a short URL alone on a line must not be spread across it (pass 2 tries the same first);
  2. any stretch, a one-character last line only when unavoidable (it costs heavily);
  3. emergency: prohibited positions and breaks inside Latin tokens become expensive instead
     of impossible, so a line never overflows the measure and no character is dropped.
The pass used is reported in `ComposedParagraph.warnings`.
"""

from __future__ import annotations

from layout.errors import LayoutError
from layout.text.items import Items, build_items
from layout.text.justify import LineSetter
from layout.text.linebreak import (
    INF,
    MAX_STRETCH_RATIO,
    ORPHAN_DEMERITS,
    Breaks,
    LineGeometry,
    break_justified,
    break_ragged,
)
from layout.text.metrics import Metrics
from layout.text.model import ComposedParagraph, Line, ParagraphSpec

ALIGNMENTS = ("justify", "ragged", "center", "right")


def compose_paragraph(spec: ParagraphSpec, metrics: Metrics) -> ComposedParagraph:
    """Break and justify `spec` into lines (clreq / GB15834 rules)."""
    _check(spec)
    geometry = LineGeometry(
        measure=spec.measure,
        first_measure=spec.measure - spec.indent,
        trim_open=spec.trim_open_at_line_start,
        # an indented first line keeps its bracket's full width; an unindented one is a line start
        trim_open_first=spec.trim_open_at_line_start and spec.indent == 0,
    )
    items = build_items(spec, metrics)
    if items.n == 0:
        return ComposedParagraph(lines=(), measure=spec.measure)
    warnings: list[str] = []
    breaks = _break(items, spec, geometry)
    split = None
    if breaks is None and spec.align == "justify":
        # second try of each pass: URL-like tokens that fit may break after / . - @ too, and
        # be letter-spaced no looser than the stretch limit
        split = build_items(spec, metrics, split_urls=True)
        if split.n > items.n:
            breaks = _break(split, spec, geometry, letter_max_ratio=MAX_STRETCH_RATIO)
        else:
            split = None
        if breaks is not None:
            items = split
    if breaks is None:
        warnings.append("no line sequence fits within clreq limits: stretched beyond the limit")
        if split is not None:
            breaks = _break(split, spec, geometry, relaxed=True, letter_max_ratio=MAX_STRETCH_RATIO)
            if breaks is not None:
                items = split
        if breaks is None:
            breaks = _break(items, spec, geometry, relaxed=True)
    if breaks is None:
        warnings.append("emergency breaks: a prohibited position or inside an unbreakable token")
        items = build_items(spec, metrics, emergency=True)
        breaks = _break(items, spec, geometry, relaxed=True)
    if breaks is None:  # only when a single glyph is wider than the measure
        warnings.append("a glyph is wider than the measure: one glyph per line, overfull")
        breaks = Breaks(tuple(range(1, items.n + 1)), INF)
    lines = _set_lines(items, spec, geometry, breaks.ends)
    return ComposedParagraph(
        lines=lines, measure=spec.measure, demerits=breaks.demerits, warnings=tuple(warnings)
    )


def _check(spec: ParagraphSpec) -> None:
    if spec.align not in ALIGNMENTS:
        raise LayoutError(
            f"unknown paragraph alignment {spec.align!r}",
            hint="use one of " + ", ".join(ALIGNMENTS),
        )
    if spec.measure <= 0 or spec.indent < 0 or spec.indent >= spec.measure:
        raise LayoutError(
            f"cannot compose a paragraph at measure {spec.measure} em with indent {spec.indent} em",
            hint="the measure must be positive and wider than the first-line indent",
        )


def _break(
    items: Items,
    spec: ParagraphSpec,
    geometry: LineGeometry,
    relaxed: bool = False,
    letter_max_ratio: float = INF,
) -> Breaks | None:
    orphan = ORPHAN_DEMERITS if relaxed else INF
    if spec.align == "justify":
        if relaxed:
            return break_justified(
                items,
                geometry,
                max_ratio=INF,
                orphan_demerits=orphan,
                letter_max_ratio=letter_max_ratio,
            )
        return break_justified(items, geometry, letter_max_ratio=letter_max_ratio)
    return break_ragged(items, geometry, orphan_demerits=orphan)


def _set_lines(
    items: Items, spec: ParagraphSpec, geometry: LineGeometry, ends: tuple[int, ...]
) -> tuple[Line, ...]:
    setter = LineSetter(items, geometry.trim_open, geometry.trim_open_first)
    justified = spec.align == "justify"
    lines = []
    a = 0
    for number, b in enumerate(ends):
        is_last = number == len(ends) - 1
        indent = spec.indent if a == 0 else 0.0
        glyphs, right = setter.set(
            a, b, indent, spec.measure, justify=justified and not is_last, align=spec.align
        )
        lines.append(
            Line(
                glyphs=glyphs,
                width=right,
                start=items.src0[a],
                end=items.src1[b - 1],
                is_last=is_last,
                indent=indent,
            )
        )
        a = b
    return tuple(lines)
