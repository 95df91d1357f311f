"""Slabs: blocks of positioned items that occupy a whole number of grid rows.

Everything the page composer places (a body line, a title block, an image slot with its
caption, a sidebar box) becomes a `Slab` first: its items are positioned relative to the slab's
top-left corner (x from the left edge of its column or region, y from the top of its first
row's em box). Placing a slab is then a translation, and the grid stays intact because a slab's
height is always `rows` x the line pitch.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from layout.errors import Location
from layout.render.model import GlyphRun, ImageBox, Rule

Item = GlyphRun | Rule | ImageBox


@dataclass
class Slab:
    rows: int
    items: list[Item] = field(default_factory=list)
    body_line: bool = False  # a body text line (numbered on proofs)
    kind: str = ""  # what it holds, for traces: line, title, image, box, ...
    # Where its text comes from (the block's or head line's position): errors about the slab
    # (too tall, not placed) and the accounting of placed characters name it.
    location: Location | None = None
    # The items as last placed: (x, y, the items list, its length, the placed items). A slab
    # kept between builds (`layout watch`) mostly lands where it landed before.
    placed: tuple | None = field(default=None, compare=False, repr=False)

    def __reduce_ex__(self, protocol: object) -> tuple:
        # pickled as its fields (a story sent back from the second core is thousands of
        # slabs), without the placement kept for `layout watch`
        return (Slab, (self.rows, self.items, self.body_line, self.kind, self.location))


def shift(item: Item, dx: float, dy: float) -> Item:
    """The same item moved by (dx, dy)."""
    if isinstance(item, GlyphRun):  # most items: built directly (replace() is 3x slower)
        return GlyphRun(
            item.font,
            item.size,
            item.baseline + dy,
            item.glyphs,
            item.color,
            item.tag,
            item.x + dx,
        )
    return dataclasses.replace(item, x=item.x + dx, y=item.y + dy)


def place(slab: Slab, x: float, y: float) -> tuple[Item, ...]:
    """The slab's items in page coordinates, its top-left corner at (x, y): the same objects
    as the last time it was placed there (unless its items changed since)."""
    last = slab.placed
    items = slab.items
    if last is not None and last[:2] == (x, y) and last[2] is items and last[3] == len(items):
        return last[4]
    placed = tuple([shift(item, x, y) for item in items])
    slab.placed = (x, y, items, len(items), placed)
    return placed
