"""Glyph runs -> BT/ET blocks whose TJ adjustments put every glyph at its given x.

After showing a glyph, a viewer moves the pen by the glyph's /W width; a TJ number `a` then
moves it back by a/1000 em. The pen position that the viewer will compute is tracked with the
rounded numbers actually written, so rounding never accumulates along a line.
"""

from __future__ import annotations

from layout.native import kernel
from layout.render.model import GlyphRun
from layout.render.pdf.content import Content
from layout.render.pdf.fonts import EmbeddedFonts
from layout.render.pdf.geometry import PageGeometry

_loop = kernel("layout.render.pdf.tjloop")  # compiled by `make compile` when it can be


def draw_glyph_run(
    content: Content, fonts: EmbeddedFonts, run: GlyphRun, geometry: PageGeometry
) -> None:
    if not run.glyphs:
        return
    name = fonts.resource_name(run.font)
    size = run.size
    dx = run.x
    start = geometry.x(run.glyphs[0][1] + dx)
    # the inner loop of the whole writer (a compiled kernel): geometry.x(v) is margin + v
    array = _loop.tj_array(
        run.glyphs,
        dx,
        geometry.margin,
        start,
        size,
        fonts.strings_for(run.font),
        fonts.codes,
        run.font,
    )
    content.fill_color(run.color)
    content.text(name, size, start, geometry.y(run.baseline), array)
