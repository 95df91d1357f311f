"""Glyph runs -> BT/ET blocks whose TJ adjustments put every glyph at its given x.

After showing a glyph, a viewer moves the pen by the glyph's /W width; a TJ number `a` then
moves it back by a/1000 em. The pen position that the viewer will compute is tracked with the
rounded numbers actually written, so rounding never accumulates along a line.
"""

from __future__ import annotations

from layout.render.model import GlyphRun
from layout.render.pdf.content import Content
from layout.render.pdf.fonts import EmbeddedFonts
from layout.render.pdf.geometry import PageGeometry

TJ_PLACES = 3  # thousandths of a thousandth of an em: exact to far below 0.01 pt


def draw_glyph_run(
    content: Content, fonts: EmbeddedFonts, run: GlyphRun, geometry: PageGeometry
) -> None:
    if not run.glyphs:
        return
    name = fonts.resource_name(run.font)
    size = run.size
    dx = run.x
    start = geometry.x(run.glyphs[0][1] + dx)
    pen = start
    tj: list[bytes | float] = []
    codes = bytearray()
    # the inner loop of the whole writer: geometry.x and fonts.codes taken apart (the same
    # arithmetic, in the same order, so the same bytes)
    margin = geometry.margin  # geometry.x(v) is margin + v
    known = fonts.strings_for(run.font)
    font = run.font
    for chars, x in run.glyphs:
        target = margin + (x + dx)
        kern = round((pen - target) * 1000 / size, TJ_PLACES)
        if kern:
            if codes:
                tj.append(bytes(codes))
                codes.clear()
            tj.append(kern)
            pen -= kern * size / 1000
        string, widths = known.get(chars) or fonts.codes(font, chars)
        codes += string
        for width in widths:
            pen += width * size / 1000
    if codes:
        tj.append(bytes(codes))
    content.fill_color(run.color)
    content.text(name, size, start, geometry.y(run.baseline), tj)
