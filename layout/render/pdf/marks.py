"""Crop marks: hairlines on the trim lines, outside the BleedBox, in registration colour."""

from __future__ import annotations

from layout.render.pdf.content import Content
from layout.render.pdf.geometry import MARK_GAP, MARK_LENGTH, PageGeometry

# Registration colour prints on all four plates, so the marks show on every film/plate.
REGISTRATION = (1.0, 1.0, 1.0, 1.0)
HAIRLINE = 0.25


def draw_crop_marks(content: Content, geometry: PageGeometry) -> None:
    g = geometry
    left, bottom = g.margin, g.margin
    right, top = g.margin + g.width, g.margin + g.height
    near = g.bleed + MARK_GAP  # distance from the trim line to the mark's inner end
    far = near + MARK_LENGTH
    content.gstate("KO")  # registration marks must knock out, not overprint
    content.stroke_color(REGISTRATION)
    content.line_width(HAIRLINE)
    for x, dx in ((left, -1), (right, 1)):
        for y, dy in ((bottom, -1), (top, 1)):
            content.line(x + dx * near, y, x + dx * far, y)  # horizontal, on the trim line y
            content.line(x, y + dy * near, x, y + dy * far)  # vertical, on the trim line x
    content.stroke()
