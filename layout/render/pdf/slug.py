"""The slug of a draft: one line outside the trim and the bleed, below the page, between the
crop marks, that says the PDF is not for the press and why.

It lies in the MediaBox only (the paper beyond the BleedBox that the guillotine cuts away), so
it can never print on the finished page, and a preflight that looks inside the BleedBox does not
see it.
"""

from __future__ import annotations

from typing import Protocol

from layout.render.model import BLACK, GlyphRun
from layout.render.pdf.content import Content
from layout.render.pdf.fonts import EmbeddedFonts
from layout.render.pdf.geometry import MARK_GAP, PageGeometry
from layout.render.pdf.text import draw_glyph_run

SLUG_ROLE = "sans"
SLUG_SIZE = 6.0
SLUG_INDENT = 20.0  # pt from the trim's left edge: clear of the vertical crop mark
DRAFT_WORD = "样稿"


class MissingCount(Protocol):
    images: int
    pages: int


def draft_slug(missing: MissingCount) -> str:
    """The draft's note: 样稿, not for the press, and how many images are missing."""
    return (
        f"{DRAFT_WORD} DRAFT · 不可付印 · 缺图 {missing.images} 幅（{missing.pages} 页有占位框）"
        " · 图片齐全后才写印刷 PDF/X"
    )


def slug_text(slug: str, label: str) -> str:
    """The slug as printed on the page labelled `label`."""
    return f"{slug} · {label}" if label else slug


def draw_slug(content: Content, fonts: EmbeddedFonts, geometry: PageGeometry, text: str) -> None:
    """`text` below the bottom bleed edge, starting SLUG_INDENT into the page's width; glyphs
    that would pass the right-hand crop mark are left out."""
    # the em box's top lies MARK_GAP below the BleedBox: the baseline one size further down
    baseline = geometry.height + geometry.bleed + MARK_GAP + SLUG_SIZE
    x, right = SLUG_INDENT, geometry.width - 4.0
    glyphs = []
    for char in text:
        advance = fonts.advance(SLUG_ROLE, char) * SLUG_SIZE
        if x + advance > right:
            break
        glyphs.append((char, x))
        x += advance
    if not glyphs:
        return
    content.gstate("OP")  # black type overprints, as the page's own
    run = GlyphRun(SLUG_ROLE, SLUG_SIZE, baseline, tuple(glyphs), color=BLACK)
    draw_glyph_run(content, fonts, run, geometry)
