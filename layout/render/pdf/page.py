"""One page's content stream: backgrounds, items in order, then marks."""

from __future__ import annotations

from operator import itemgetter

from layout.render.model import BLACK, Cmyk, GlyphRun, ImageBox, Page, Rule, SuppliedBox
from layout.render.pdf.content import Content
from layout.render.pdf.fonts import EmbeddedFonts
from layout.render.pdf.geometry import PageGeometry
from layout.render.pdf.images import EmbeddedImages
from layout.render.pdf.objects import Name, serialize
from layout.render.pdf.text import draw_glyph_run

# Graphics states: pure-K text and rules overprint (no knock-out halo when plates shift);
# everything else knocks out.
GSTATES = {
    "OP": {"Type": Name("ExtGState"), "OP": True, "op": True, "OPM": 1},
    "KO": {"Type": Name("ExtGState"), "OP": False, "op": False},
}

PLACEHOLDER_ROLE = "sans"  # font of an image placeholder's label
PLACEHOLDER_SIZE = 7.0
PLACEHOLDER_GREY: Cmyk = (0.0, 0.0, 0.0, 0.5)
# Marked-content tag around a placeholder's drawing: `layout preflight` finds placeholders by it
# (a PDF that claims PDF/X must hold none).
PLACEHOLDER_TAG = "HrbPlaceholder"


_CHARS = itemgetter(0)  # of a (chars, x) glyph


def collect_page(
    page: Page,
    fonts: EmbeddedFonts,
    images: EmbeddedImages | None = None,
    *,
    glyph_runs: bool = True,
) -> None:
    """Pass 1: tell `fonts` every glyph and `images` every image file this page will draw
    (`glyph_runs=False`: the caller tells the glyph runs' characters, from page_texts)."""
    texts: dict[str, set[str]] = {}  # the glyph runs' texts by font role, told at the end
    for item in page.items:
        if isinstance(item, GlyphRun):
            if glyph_runs:
                found = texts.get(item.font)
                if found is None:
                    found = texts[item.font] = set()
                found.update(map(_CHARS, item.glyphs))
        elif isinstance(item, ImageBox):
            if images is not None and images.collect(page, item):
                continue
            if label := _label(item, fonts):
                fonts.collect(PLACEHOLDER_ROLE, label)
        elif isinstance(item, SuppliedBox) and images is not None:
            images.forms.collect(item)
    for role, found in texts.items():
        fonts.collect_texts(role, found)


def page_texts(page: Page) -> tuple[tuple[str, str], ...]:
    """The characters of the page's glyph runs, by font role (what collect_page tells the
    fonts of them), for a caller that keeps them with the page (layout/watch.py)."""
    chars: dict[str, set[str]] = {}
    for item in page.items:
        if isinstance(item, GlyphRun):
            chars.setdefault(item.font, set()).update("".join(map(_CHARS, item.glyphs)))
    return tuple((role, "".join(sorted(found))) for role, found in sorted(chars.items()))


def draw_page(
    page: Page,
    fonts: EmbeddedFonts,
    geometry: PageGeometry,
    images: EmbeddedImages | None = None,
) -> Content:
    content = Content()
    for rule in page.bleed_fill:
        draw_rule(content, rule, geometry)
    for item in page.items:
        if isinstance(item, GlyphRun):
            _overprint(content, item.color)
            draw_glyph_run(content, fonts, item, geometry)
        elif isinstance(item, Rule):
            draw_rule(content, item, geometry)
        elif isinstance(item, ImageBox):
            if images is None or not images.draw(content, item, geometry):
                draw_placeholder(content, fonts, item, geometry)
        elif isinstance(item, SuppliedBox) and images is not None:
            images.forms.draw(content, item, geometry)
    return content


def draw_rule(content: Content, rule: Rule, geometry: PageGeometry) -> None:
    x, y = geometry.x(rule.x), geometry.y(rule.y + rule.height)
    if rule.fill is not None:
        _overprint(content, rule.fill)
        content.fill_color(rule.fill)
        content.rect(x, y, rule.width, rule.height)
        content.fill()
    if rule.stroke is not None and rule.stroke_width > 0:
        _overprint(content, rule.stroke)
        content.stroke_color(rule.stroke)
        content.line_width(rule.stroke_width)
        if rule.height == 0 or rule.width == 0:  # a line, not a box
            content.line(x, y, x + rule.width, y + rule.height)
        else:
            content.rect(x, y, rule.width, rule.height)
        content.stroke()


def draw_placeholder(
    content: Content, fonts: EmbeddedFonts, box: ImageBox, geometry: PageGeometry
) -> None:
    """An image slot on proofs and drafts: a thin box with a cross and its label."""
    x0, y0 = geometry.x(box.x), geometry.y(box.y + box.height)
    x1, y1 = x0 + box.width, y0 + box.height
    content.op(serialize(Name(PLACEHOLDER_TAG)), b"BMC")
    content.gstate("KO")
    content.stroke_color(PLACEHOLDER_GREY)
    content.line_width(0.5)
    content.rect(x0, y0, box.width, box.height)
    content.line(x0, y0, x1, y1)
    content.line(x0, y1, x1, y0)
    content.stroke()
    if label := _label(box, fonts):
        glyphs = []
        x = max(box.x, 0.0) + 4.0  # a box that bleeds keeps its label inside the trim
        for char in label:
            glyphs.append((char, x))
            x += fonts.advance(PLACEHOLDER_ROLE, char) * PLACEHOLDER_SIZE
        run = GlyphRun(
            font=PLACEHOLDER_ROLE,
            size=PLACEHOLDER_SIZE,
            baseline=max(box.y, 0.0) + 4.0 + PLACEHOLDER_SIZE,
            glyphs=tuple(glyphs),
            color=PLACEHOLDER_GREY,
        )
        draw_glyph_run(content, fonts, run, geometry)
    content.op(b"EMC")


def _label(box: ImageBox, fonts: EmbeddedFonts) -> str:
    """The slot's label as the label font can print it: a file name may hold any character,
    and a label is a note to the editor, not text of the issue, so a character the font
    lacks is shown as `?` rather than stopping the build."""
    text = box.label or (box.path.rsplit("/", 1)[-1] if box.path else "")
    face = fonts.registry.face(PLACEHOLDER_ROLE)
    return "".join(char if face.glyph(char) is not None else "?" for char in text)


def _overprint(content: Content, color: Cmyk) -> None:
    content.gstate("OP" if color == BLACK else "KO")
