"""Pages that are not flowed text: the cover (封一), the inside cover (封二), the colophon.

Their texts are single lines at fixed places, so each is checked against the room it has: a
line too wide for its place, or more lines than the page holds, is an error naming the manifest
entry, never text past the trim or quietly left out.
"""

from __future__ import annotations

from dataclasses import replace

from layout.compose.bounds import find_value, located
from layout.compose.setter import Setter
from layout.compose.slab import shift
from layout.errors import LayoutError, Location
from layout.manifest.schema import Colophon, ImageSlot, Issue, Media
from layout.render.model import ImageBox, Page, Rule
from layout.style.units import MM

MIN_CHAR_EM = 0.2  # no printed character is narrower (a cheap test before composing a long line)
MIN_IMAGE_HEIGHT = 15 * MM  # an inside-cover image slot is at least this tall
CAPTION_ROOM = 7 * MM  # below an inside-cover image: the room of its caption line
CAPTION_BASELINE = 4.5 * MM  # the caption's baseline below the image


def _text(
    setter: Setter,
    text: str,
    style: str,
    x: float,
    baseline: float,
    align: str = "left",
    width: float = 0.0,
    *,
    room: float = 0.0,
    where: Location | None = None,
    what: str = "",
) -> tuple[list, float]:
    """A single line placed at (x, baseline); align right/center within `width` from x.

    The line must be at most `room` pt wide (`width` when not given); else an error at `where`.
    """
    ts = setter.text_style(style)
    room = room or width
    least = len(text) * MIN_CHAR_EM * ts.size
    if room and least > room:  # too wide whatever its characters: not worth composing
        _too_wide(what, text, room, where, least, "at least ")
    with located(where):
        runs, w = setter.line(text, ts)
    if room and w > room + 0.01:
        _too_wide(what, text, room, where, w)
    if align == "right":
        x += width - w
    elif align == "center":
        x += (width - w) / 2
    return [shift(r, x, baseline) for r in runs], w


def _too_wide(
    what: str, text: str, room: float, where: Location | None, width: float, bound: str = ""
) -> None:
    sample = text if len(text) <= 12 else text[:12] + "…"
    raise LayoutError(
        f"{what or 'the line'} “{sample}” is {bound}{width / MM:.0f} mm wide but has room for "
        f"{room / MM:.0f} mm",
        where,
        "shorten it",
    )


def cover_page(issue: Issue, setter: Setter) -> Page:
    style = setter.style
    w, h, bleed = style.page.trim_width, style.page.trim_height, style.page.bleed
    page = Page(w, h, label="封一")
    left, right = 16 * MM, w - 16 * MM
    span, gap = right - left, 4 * MM
    cover = issue.cover
    meta = issue.meta
    if cover and cover.award:
        page.items += _text(
            setter,
            cover.award,
            "cover-award",
            left,
            16 * MM,
            room=span,
            where=cover.location,
            what="the cover's award line",
        )[0]
    # the title and the serial share their rows with the number and the year, set flush right
    number, number_w = _text(
        setter, str(meta.number), "cover-number", left, 46 * MM, "right", span, where=meta.location
    )
    year, year_w = _text(
        setter, str(meta.year), "cover-year", left, 58 * MM, "right", span, where=meta.location
    )
    room = span - number_w - gap
    magazine = issue.magazine
    where = magazine.location
    page.items += _text(
        setter,
        magazine.title,
        "cover-title",
        left,
        46 * MM,
        room=room,
        where=where,
        what="the magazine title",
    )[0]
    serial = f"总第{meta.serial}期"
    room = span - year_w - gap
    page.items += _text(
        setter,
        serial,
        "cover-serial",
        left,
        58 * MM,
        room=room,
        where=meta.location,
        what="the serial number",
    )[0]
    page.items += number
    page.items += year
    # the cover photo runs into the bleed on three sides
    photo_top, photo_bottom = 66 * MM, 218 * MM
    label = "封面图片占位"
    if cover and cover.image and cover.image.caption:
        label += f" {cover.image.caption}"
    path = None
    if cover and cover.image and not cover.image.placeholder and cover.image.path:
        path = str(cover.image.path)
    source = slot_source(cover.image) if cover and cover.image else issue.location
    box = ImageBox(-bleed, photo_top, w + 2 * bleed, photo_bottom - photo_top, path, label, source)
    page.items.append(_fitted(box, cover.image if cover else None))
    base = photo_bottom + 14 * MM
    if cover:
        lines = [(line, "cover-headline", "the cover headline") for line in cover.headline]
        if cover.subhead:
            lines.append((cover.subhead, "cover-subhead", "the cover subhead"))
        lowest = h - 18 * MM  # above the rule over the notice
        for text, style_name, what in lines:
            if base > lowest:
                raise LayoutError(
                    f"the cover has room for {_fitting(photo_bottom + 14 * MM, lowest)} headline "
                    f"and subhead lines below the photo; {len(lines)} are given",
                    cover.location,
                    "shorten the headline",
                )
            page.items += _text(
                setter, text, style_name, left, base, room=span, where=cover.location, what=what
            )[0]
            base += 11 * MM
        notice = " ".join(t for t in (cover.notice, cover.permit) if t)
        if notice:
            page.items.append(
                Rule(left, h - 16 * MM, right - left, 0.5, fill=style.color("accent"))
            )
            page.items += _text(
                setter,
                notice,
                "cover-notice",
                left,
                h - 11 * MM,
                room=span,
                where=cover.location,
                what="the cover's notice and permit",
            )[0]
    return page


def _fitting(first: float, lowest: float, step: float = 11 * MM) -> int:
    """How many lines `step` apart fit from baseline `first` down to baseline `lowest`."""
    return max(int((lowest - first) // step) + 1, 0)


def inside_cover_page(issue: Issue, setter: Setter) -> Page:
    style = setter.style
    w, h = style.page.trim_width, style.page.trim_height
    page = Page(w, h, label="封二")
    inside = issue.inside_cover
    left, width = 16 * MM, w - 32 * MM
    top = 20 * MM
    if inside and inside.heading:
        page.items += _text(
            setter,
            inside.heading,
            "title",
            left,
            top + 8 * MM,
            "center",
            width,
            where=inside.location,
            what="the inside cover's heading",
        )[0]
        top += 18 * MM
    images = inside.images if inside else ()
    count = max(len(images), 1)
    gap = 4 * MM
    # every slot keeps room for a caption line below it when any has one, so that the images
    # are of one height, and the page looks the same with placeholders as with the photos
    below = CAPTION_ROOM if any(slot.caption for slot in images) else 0.0
    each = (h - top - 20 * MM - gap * (count - 1)) / count - below
    if inside and each < MIN_IMAGE_HEIGHT:
        fit = int((h - top - 20 * MM + gap) // (MIN_IMAGE_HEIGHT + below + gap))
        raise LayoutError(
            f"the inside cover has room for {fit} images; {count} are given",
            inside.location,
            "leave some images out",
        )
    for i in range(count):
        slot = images[i] if images else None
        label = "图片占位" + (f" {slot.caption}" if slot and slot.caption else "")
        path = str(slot.path) if slot and not slot.placeholder and slot.path else None
        y = top + i * (each + below + gap)
        source = slot_source(slot) if slot else (inside.location if inside else issue.location)
        page.items.append(_fitted(ImageBox(left, y, width, each, path, label, source), slot))
        if slot and slot.caption:
            page.items += _text(
                setter,
                slot.caption,
                "caption",
                left,
                y + each + CAPTION_BASELINE,
                "center",
                width,
                where=slot.location,
                what="the inside cover's caption",
            )[0]
    return page


def _fitted(box: ImageBox, slot: ImageSlot | None) -> ImageBox:
    """The box with its slot's fit, crop position and resolution allowance."""
    if slot is None:
        return box
    return replace(box, fit=slot.fit, crop=slot.crop, lowres=slot.lowres)


def slot_source(slot: ImageSlot) -> Location:
    """Where a cover slot names its image: the value of its `file:` key (as the loader's image
    errors say), else the slot's mapping."""
    return find_value(slot.location, "file") if slot.file else slot.location


def colophon_items(
    colophon: Colophon,
    setter: Setter,
    x: float,
    top: float,
    width: float,
    bottom: float = float("inf"),
) -> list:
    """The masthead: title, motto, the committee and production fields as label/value pairs
    read row by row (left pair, then right pair), the closing line and the media block.

    Every baseline stays above `bottom` and every line within `width`: a field that would end
    below it is an error at that field, a value wider than its column an error at its field."""
    style = setter.style
    items: list = []
    base = top
    where = colophon.location

    def centred(text: str, style_name: str, baseline: float, what: str, at=where) -> list:
        _below(baseline, bottom, what, at)
        return _text(setter, text, style_name, x, baseline, "center", width, where=at, what=what)[0]

    if colophon.title:
        items += centred(colophon.title, "colophon-title", base, "the colophon title")
        base += 9 * MM
    if colophon.motto:
        items += centred(colophon.motto, "colophon-motto", base, "the colophon motto")
        base += 10 * MM
    if colophon.heading:
        items.append(Rule(x, base - 5 * MM, width, 0.5, fill=style.color("accent")))
        items += centred(
            colophon.heading, "colophon-heading", base + 1 * MM, "the colophon heading"
        )
        base += 10 * MM
    label_ts = setter.text_style("colophon-label")
    pitch = label_ts.size * 1.75
    half = (width - 6 * MM) / 2
    # values line up one em after the longest label (编辑部主任 is five characters)
    label_w = 0.0
    for f in colophon.fields:
        with located(f.location):
            label_w = max(label_w, setter.line(f.label, label_ts)[1])
    label_w += label_ts.size
    fields = list(colophon.fields)
    for row_start in range(0, len(fields), 2):
        row_lines = 1
        for column, field in enumerate(fields[row_start : row_start + 2]):
            last = base + (max(len(field.value), 1) - 1) * pitch
            if last > bottom:
                raise LayoutError(
                    f"the colophon page holds {row_start + column} of its {len(fields)} fields: "
                    "this one and those after it do not fit",
                    field.location,
                    "remove fields or shorten their values",
                )
            fx = x + column * (half + 6 * MM)
            items += _text(
                setter,
                field.label,
                "colophon-label",
                fx,
                base,
                room=label_w,
                where=field.location,
                what="the colophon label",
            )[0]
            for i, value in enumerate(field.value):
                items += _text(
                    setter,
                    value,
                    "colophon-value",
                    fx + label_w,
                    base + i * pitch,
                    room=half - label_w,
                    where=field.location,
                    what="the colophon value",
                )[0]
            row_lines = max(row_lines, len(field.value))
        base += row_lines * pitch + 0.6 * pitch
    if colophon.closing:
        base += 0.5 * pitch
        items += _text(
            setter,
            colophon.closing,
            "colophon-value",
            x,
            base,
            "center",
            width,
            where=where,
            what="the colophon's closing line",
        )[0]
        _below(base, bottom, "the colophon's closing line", where)
        base += 2 * pitch
    media = colophon.media
    if media:
        items += _media_items(media, setter, x, base, width, bottom, pitch)
    return items


def _media_items(
    media: Media, setter: Setter, x: float, base: float, width: float, bottom: float, pitch: float
) -> list:
    """The media block under the colophon: a heading, code boxes with their names, a footer."""
    items: list = [Rule(x, base - pitch, width, 0.5, fill=setter.style.color("accent"))]
    where = media.location
    if media.heading:
        _below(base + 0.5 * pitch, bottom, "the media heading", where)
        items += _text(
            setter,
            media.heading,
            "colophon-heading",
            x,
            base + 0.5 * pitch,
            "center",
            width,
            where=where,
            what="the media heading",
        )[0]
        base += 2 * pitch
    box = 16 * MM
    per_row = 2
    for i, item in enumerate(media.items):  # a QR code (or a placeholder box) for each
        cx = x + (i % per_row) * (width / per_row) + (width / per_row - box) / 2
        cy = base + (i // per_row) * (box + 2.4 * pitch)
        _below(cy + box + pitch, bottom, "the media items", where)
        path = str(item.path) if item.path else None
        items.append(ImageBox(cx, cy, box, box, path, "二维码", item.location))
        items += _text(
            setter,
            item.name,
            "colophon-value",
            cx - box,
            cy + box + pitch,
            "center",
            3 * box,
            room=width / per_row,
            where=where,
            what="the media item",
        )[0]
    rows = -(-len(media.items) // per_row)
    base += rows * (box + 2.4 * pitch) + pitch
    for line in media.footer:
        _below(base, bottom, "the media footer", where)
        items += _text(
            setter,
            line,
            "colophon-value",
            x,
            base,
            "center",
            width,
            where=where,
            what="the media footer",
        )[0]
        base += pitch
    return items


def _below(baseline: float, bottom: float, what: str, where: Location | None) -> None:
    if baseline > bottom:
        raise LayoutError(
            f"the colophon page is full: {what} would be set too close to the foot of the page",
            where,
            "remove colophon fields or shorten their values",
        )
