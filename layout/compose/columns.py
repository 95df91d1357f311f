"""Distribute a story's stream of grid rows over columns.

The stream is a sequence of `Piece`s, each a whole number of grid rows: a body line is one row,
a subhead or an image slot several. Filling is a pure function of row counts so that it can be
tested without fonts. Rules (clreq page design, magazine practice):
- a column holds at most its capacity in rows;
- no paragraph leaves a single line alone at the bottom (orphan) or top (widow) of a column;
- a heading never ends a column (keep with next);
- at the end of a story the columns are balanced: the smallest height that takes everything.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    rows: int  # grid rows occupied (1 for a text line)
    group: int = -1  # paragraph id; pieces of one paragraph share it (-1: not a paragraph line)
    index: int = 0  # line index within the paragraph
    size: int = 1  # lines in the paragraph
    keep_with_next: bool = False  # headings and image captions above text

    def __reduce_ex__(self, protocol: object) -> tuple:
        # pickled as its fields: a story sent back from the second core has one a line
        return (Piece, (self.rows, self.group, self.index, self.size, self.keep_with_next))


def can_break_after(pieces: list[Piece], i: int, stop: int | None = None) -> bool:
    """May a column end after piece i (so that piece i + 1 starts the next column)? The pieces
    end at `stop` (default: all of them): a span across the columns follows there."""
    if i < 0 or i >= (len(pieces) if stop is None else stop) - 1:
        return True
    here, after = pieces[i], pieces[i + 1]
    if here.keep_with_next:
        return False
    if here.group >= 0 and here.group == after.group:
        if here.index == 0 and here.size > 1:
            return False  # would orphan the paragraph's first line
        if after.index == after.size - 1 and after.size > 1:
            return False  # would widow its last line
    return True


def fill_column(pieces: list[Piece], start: int, capacity: int, stop: int | None = None) -> int:
    """Index of the first piece that does not go into a column of `capacity` rows from `start`.

    Prefers the last legal break that fits; if none fits (a paragraph cannot be split legally
    within the column), breaks at the last position that fits so that no row is lost.
    """
    stop = len(pieces) if stop is None else stop
    used, end = 0, start
    while end < stop and used + pieces[end].rows <= capacity:
        used += pieces[end].rows
        end += 1
    if end >= stop or end == start:
        return end
    for candidate in range(end, start, -1):
        if can_break_after(pieces, candidate - 1, stop):
            return candidate
    return end


def fill_columns(
    pieces: list[Piece], start: int, capacities: list[int], stop: int | None = None
) -> list[tuple[int, int]]:
    """Fill columns of the given capacities with the pieces up to `stop` (default: all);
    returns (first, end) piece ranges per column."""
    ranges = []
    for capacity in capacities:
        end = fill_column(pieces, start, capacity, stop)
        ranges.append((start, end))
        start = end
    return ranges


def rows_of(pieces: list[Piece], first: int, end: int) -> int:
    return sum(p.rows for p in pieces[first:end])


def balance(
    pieces: list[Piece],
    start: int,
    columns: int,
    capacity: int,
    reserved: int = 0,
    stop: int | None = None,
) -> tuple[list[tuple[int, int]], int] | None:
    """Balanced columns for the rest of the stream (up to `stop`: where an image spanning the
    columns follows) and their height, or None if it does not fit on this page.

    `reserved` rows at the top of the last column are taken by floats (images, boxes). Tries
    heights from the ideal (total / columns) up to the capacity and takes the first that places
    everything, so the first column is the longest and the others end level with or above it.
    """
    # Only what could fit on the page is looked at: the rest of a long story is not summed on
    # every page, so pouring a story costs time in proportion to its length.
    stop = len(pieces) if stop is None else stop
    limit = columns * capacity
    total, tallest = reserved, 0
    for index in range(start, stop):  # (islice would walk from the first piece)
        rows = pieces[index].rows
        total += rows
        tallest = max(tallest, rows)
        if total > limit and total > 0:  # more rows than the columns hold: it does not fit
            return None
    if total == 0:
        return [(start, start)] * columns, 0
    lowest = max(-(-total // columns), tallest, reserved)
    for height in range(lowest, capacity + 1):
        capacities = [height] * columns
        capacities[-1] -= reserved
        ranges = fill_columns(pieces, start, capacities, stop)
        if ranges[-1][1] == stop:
            return ranges, height
    return None
