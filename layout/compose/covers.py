"""Pages that are not flowed text: the cover (封一), the inside cover (封二), the colophon."""

from __future__ import annotations

from layout.compose.setter import Setter
from layout.compose.slab import shift
from layout.manifest.schema import Colophon, Issue
from layout.render.model import ImageBox, Page, Rule
from layout.style.units import MM


def _text(
    setter: Setter,
    text: str,
    style: str,
    x: float,
    baseline: float,
    align: str = "left",
    width: float = 0.0,
) -> tuple[list, float]:
    """A single line placed at (x, baseline); align right/center within `width` from x."""
    ts = setter.text_style(style)
    runs, w = setter.line(text, ts)
    if align == "right":
        x += width - w
    elif align == "center":
        x += (width - w) / 2
    return [shift(r, x, baseline) for r in runs], w


def cover_page(issue: Issue, setter: Setter) -> Page:
    style = setter.style
    w, h, bleed = style.page.trim_width, style.page.trim_height, style.page.bleed
    page = Page(w, h, label="封一")
    left, right = 16 * MM, w - 16 * MM
    cover = issue.cover
    if cover and cover.award:
        page.items += _text(setter, cover.award, "cover-award", left, 16 * MM)[0]
    items, title_w = _text(setter, issue.magazine.title, "cover-title", left, 46 * MM)
    page.items += items
    page.items += _text(setter, f"总第{issue.meta.serial}期", "cover-serial", left, 58 * MM)[0]
    page.items += _text(
        setter, str(issue.meta.number), "cover-number", left, 46 * MM, "right", right - left
    )[0]
    page.items += _text(
        setter, str(issue.meta.year), "cover-year", left, 58 * MM, "right", right - left
    )[0]
    # the cover photo runs into the bleed on three sides
    photo_top, photo_bottom = 66 * MM, 218 * MM
    label = "封面图片占位"
    if cover and cover.image and cover.image.caption:
        label += f" {cover.image.caption}"
    path = None
    if cover and cover.image and not cover.image.placeholder and cover.image.path:
        path = str(cover.image.path)
    page.items.append(
        ImageBox(-bleed, photo_top, w + 2 * bleed, photo_bottom - photo_top, path, label)
    )
    base = photo_bottom + 14 * MM
    if cover:
        for line in cover.headline:
            page.items += _text(setter, line, "cover-headline", left, base)[0]
            base += 11 * MM
        if cover.subhead:
            page.items += _text(setter, cover.subhead, "cover-subhead", left, base)[0]
        notice = " ".join(t for t in (cover.notice, cover.permit) if t)
        if notice:
            page.items.append(
                Rule(left, h - 16 * MM, right - left, 0.5, fill=style.color("accent"))
            )
            page.items += _text(setter, notice, "cover-notice", left, h - 11 * MM)[0]
    return page


def inside_cover_page(issue: Issue, setter: Setter) -> Page:
    style = setter.style
    w, h = style.page.trim_width, style.page.trim_height
    page = Page(w, h, label="封二")
    inside = issue.inside_cover
    left, width = 16 * MM, w - 32 * MM
    top = 20 * MM
    if inside and inside.heading:
        page.items += _text(setter, inside.heading, "title", left, top + 8 * MM, "center", width)[0]
        top += 18 * MM
    images = inside.images if inside else ()
    count = max(len(images), 1)
    gap = 4 * MM
    each = (h - top - 20 * MM - gap * (count - 1)) / count
    for i in range(count):
        slot = images[i] if images else None
        label = "图片占位" + (f" {slot.caption}" if slot and slot.caption else "")
        path = str(slot.path) if slot and not slot.placeholder and slot.path else None
        page.items.append(ImageBox(left, top + i * (each + gap), width, each, path, label))
    return page


def colophon_items(colophon: Colophon, setter: Setter, x: float, top: float, width: float) -> list:
    """The masthead: title, motto, the committee and production fields as label/value pairs
    read row by row (left pair, then right pair), the closing line and the media block."""
    style = setter.style
    items: list = []
    base = top
    if colophon.title:
        items += _text(setter, colophon.title, "colophon-title", x, base, "center", width)[0]
        base += 9 * MM
    if colophon.motto:
        items += _text(setter, colophon.motto, "colophon-motto", x, base, "center", width)[0]
        base += 10 * MM
    if colophon.heading:
        items.append(Rule(x, base - 5 * MM, width, 0.5, fill=style.color("accent")))
        items += _text(
            setter, colophon.heading, "colophon-heading", x, base + 1 * MM, "center", width
        )[0]
        base += 10 * MM
    label_ts = setter.text_style("colophon-label")
    pitch = label_ts.size * 1.75
    half = (width - 6 * MM) / 2
    # values line up one em after the longest label (编辑部主任 is five characters)
    label_w = max((setter.line(f.label, label_ts)[1] for f in colophon.fields), default=0.0)
    label_w += label_ts.size
    fields = list(colophon.fields)
    for row_start in range(0, len(fields), 2):
        row_lines = 1
        for column, field in enumerate(fields[row_start : row_start + 2]):
            fx = x + column * (half + 6 * MM)
            items += _text(setter, field.label, "colophon-label", fx, base)[0]
            for i, value in enumerate(field.value):
                items += _text(setter, value, "colophon-value", fx + label_w, base + i * pitch)[0]
            row_lines = max(row_lines, len(field.value))
        base += row_lines * pitch + 0.6 * pitch
    if colophon.closing:
        base += 0.5 * pitch
        items += _text(setter, colophon.closing, "colophon-value", x, base, "center", width)[0]
        base += 2 * pitch
    media = colophon.media
    if media:
        items.append(Rule(x, base - pitch, width, 0.5, fill=style.color("accent")))
        if media.heading:
            items += _text(
                setter, media.heading, "colophon-heading", x, base + 0.5 * pitch, "center", width
            )[0]
            base += 2 * pitch
        box = 16 * MM
        per_row = 2
        for i, name in enumerate(media.items):
            cx = x + (i % per_row) * (width / per_row) + (width / per_row - box) / 2
            cy = base + (i // per_row) * (box + 2.4 * pitch)
            items.append(ImageBox(cx, cy, box, box, None, "二维码"))
            items += _text(
                setter, name, "colophon-value", cx - box, cy + box + pitch, "center", 3 * box
            )[0]
        rows = -(-len(media.items) // per_row)
        base += rows * (box + 2.4 * pitch) + pitch
        for line in media.footer:
            items += _text(setter, line, "colophon-value", x, base, "center", width)[0]
            base += pitch
    return items
