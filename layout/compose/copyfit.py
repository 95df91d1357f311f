"""Copy-fitting: how far an article is from its planned space, and what would land it.

Counts are column-rows (a line of one column is one; a head or a photo across two columns
counts each row twice), the unit of the fit report. Everything here is a pure function of a
story's slabs and numbers, so that a remedy can be tested by applying it and building again.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.slab import Slab
from layout.compose.story import AutoImage, Story, slab_chars
from layout.errors import Location
from layout.render.model import GlyphRun, ImageBox
from layout.style.sheet import Grid

MAX_CUTS = 6  # paragraphs named in one cut remedy
MIN_PHOTO_ROWS = 4  # a photo shorter than this is no longer a photo


@dataclass(frozen=True)
class Cut:
    """Characters to cut from one paragraph: as many as its last line holds, plus one, so that
    the paragraph loses that line."""

    location: Location | None
    chars: int


@dataclass(frozen=True)
class Remedy:
    kind: str  # "cut", "photo", "title", "add"
    rows: int  # column-rows it saves (negative: gives)
    text: str  # what to do, in the editor's words
    cuts: tuple[Cut, ...] = ()
    photo: Location | None = None  # the @image line to change
    photo_rows: tuple[int, int] | None = None  # its rows now and after


def choose_rows(images: list[AutoImage], delta: int) -> dict[tuple[str, int], int]:
    """Rows for the lines=auto photos of an article `delta` column-rows short of its planned
    space (negative: over it), each within its range: row by row in turn, growing while the
    article stays within the plan, shrinking until it fits (or the ranges end)."""
    rows = {image.key: image.rows for image in images}
    step = 1 if delta > 0 else -1
    moved = True
    while delta and moved:
        moved = False
        for image in images:
            new = rows[image.key] + step
            if not image.low <= new <= image.high:
                continue
            if step > 0 and image.weight > delta:  # would run past the plan
                continue
            rows[image.key] = new
            delta -= step * image.weight
            moved = True
            if delta == 0 or (step < 0 and delta > 0):
                return rows
    return rows


def remedies(story: Story, difference: int, columns: int, grid: Grid) -> list[Remedy]:
    """What would bring an article `difference` column-rows over its plan (negative: under)
    to it: cuts, a shorter photo, a title on fewer lines; for a short one, what to add."""
    if difference > 0:
        found = [cut_remedy(story, difference), *photo_remedies(story, difference, columns, grid)]
        found.append(title_remedy(story, difference, columns))
        return [r for r in found if r is not None]
    if difference < 0:
        return [add_remedy(story, -difference, columns, grid)]
    return []


def cut_remedy(story: Story, rows: int) -> Remedy | None:
    """Characters to cut, cheapest first: a paragraph's short last line goes for its characters
    plus one; after that, each further line of a paragraph for a full line's characters."""
    full = story.line_chars
    offers: list[tuple[int, int, int]] = []  # (characters, order, paragraph's last piece)
    for index, piece in enumerate(story.pieces):
        if piece.group >= 0 and piece.index == piece.size - 1 and piece.size > 1:
            offers.append((slab_chars(story.stream[index]) + 1, 0, index))
            offers += [(full, k, index) for k in range(1, piece.size - 1)]
    if len(offers) < rows:
        return None
    by_paragraph: dict[int, int] = {}
    for chars, _, index in sorted(offers)[:rows]:
        by_paragraph[index] = by_paragraph.get(index, 0) + chars
    cuts = tuple(Cut(story.stream[i].location, by_paragraph[i]) for i in sorted(by_paragraph))
    total = sum(cut.chars for cut in cuts)
    places = ", ".join(_at(cut.location, cut.chars) for cut in cuts[:MAX_CUTS])
    more = f" and {len(cuts) - MAX_CUTS} more" if len(cuts) > MAX_CUTS else ""
    return Remedy(
        "cut",
        rows,
        f"cut {total} characters at the ends of {_count(len(cuts), 'paragraph')}: {places}{more}",
        cuts=cuts,
    )


def photo_remedies(story: Story, rows: int, columns: int, grid: Grid) -> list[Remedy]:
    """A photo made shorter: one row of a photo across the columns saves `columns`."""
    found = []
    for slab, weight in _photos(story, columns):
        box = next(item for item in slab.items if isinstance(item, ImageBox))
        image_rows = _image_rows(slab, grid)
        need = -(-rows // weight)
        if image_rows - need < MIN_PHOTO_ROWS:
            continue
        crop = need / image_rows
        # a contained photo is shown whole, only smaller; a cropped one loses more of its height
        effect = (
            "shown smaller"
            if box.fit == "contain"
            else f"about {crop:.0%} more of its height cropped"
        )
        found.append(
            Remedy(
                "photo",
                need * weight,
                f"make the photo at {_at(box.source)} {_count(need, 'line')} shorter "
                f"(lines={image_rows - need}; {effect})",
                photo=box.source,
                photo_rows=(image_rows, image_rows - need),
            )
        )
    return found[:1]


def title_remedy(story: Story, rows: int, columns: int) -> Remedy | None:
    """A title of several display lines set on one saves its other lines' rows."""
    title = next((slab for slab in story.head if slab.kind == "title"), None)
    if title is None:
        return None
    baselines = sorted({round(i.baseline, 1) for i in title.items if isinstance(i, GlyphRun)})
    if len(baselines) < 2:
        return None
    per_line = max(1, title.rows // len(baselines))
    saved = per_line * (len(baselines) - 1) * columns
    part = "" if saved >= rows else f" of the {rows}: with another remedy"
    return Remedy(
        "title",
        saved,
        f"set the title on one line instead of {len(baselines)} (saves about {saved}{part})",
    )


def add_remedy(story: Story, rows: int, columns: int, grid: Grid) -> Remedy:
    """An article short of its plan: about `rows` lines of text to add, or a taller photo."""
    chars = story.line_chars
    photos = _photos(story, columns)
    text = f"add about {rows * chars} characters ({_count(rows, 'line')})"
    for slab, weight in photos[:1]:
        box = next(item for item in slab.items if isinstance(item, ImageBox))
        need = -(-rows // weight)
        if need <= _image_rows(slab, grid) // 2:  # a photo half again as tall at most
            text += f", or make the photo at {_at(box.source)} {_count(need, 'line')} taller"
    return Remedy("add", -rows, text)


def _photos(story: Story, columns: int) -> list[tuple[Slab, int]]:
    """The photo slabs of a story with the column-rows one of their rows is worth."""
    wide = [(s, columns) for s in story.head if s.kind == "image"]
    wide += [(s, columns) for _, s in story.spans if s.kind == "image"]
    narrow = [(s, 1) for _, s in story.floats if s.kind == "image"]
    narrow += [(s, 1) for s in story.stream if s.kind == "image"]
    return sorted(wide, key=lambda p: -p[0].rows) + sorted(narrow, key=lambda p: -p[0].rows)


def _image_rows(slab: Slab, grid: Grid) -> int:
    """The rows of the picture itself (its slab also holds the caption and a white row): its
    box is (rows - 1) pitches and one em box high."""
    box = next(item for item in slab.items if isinstance(item, ImageBox))
    return round((box.height - grid.body_size) / grid.pitch) + 1


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _at(where: Location | None, chars: int | None = None) -> str:
    if where is None:
        return "?"
    place = f"{where.path.name}:{where.line}"
    return f"{place} ({chars})" if chars is not None else place
