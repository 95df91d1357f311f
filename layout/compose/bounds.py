"""The limits that keep page composition finite, and errors that name where they are broken.

The page composer pours slabs into columns page after page. It ends because every page that
starts empty takes something, and it can only if every slab fits an empty page: a column-wide
slab at most a column tall, an article head at most a page tall less the body lines that must
follow it. These limits are checked where the slabs are made, so that an oversized block is an
error naming its source (`file:line:column`) rather than an endless loop or text off the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from layout.compose.slab import Slab
from layout.errors import LayoutError, Location
from layout.fonts.errors import MissingGlyphError, with_location

MIN_BODY_ROWS = 3  # a head keeps at least three body lines with it on its page
MAX_BLANK_PAGES = 8  # a pinned article may leave at most this many pages empty before it

# What a slab is, in the words of the markup (for messages), and what to do when it is too tall.
WHAT = {
    "series": ("the @series line", "shorten it"),
    "title": ("the title (# lines)", "shorten the title; body text goes below the head"),
    "kicker": ("the kicker (> lines)", "shorten the kicker"),
    "byline": ("the @byline", "shorten the byline; a long note belongs in the body"),
    "author": ("the @author line", "shorten it"),
    "date": ("the @date line", "shorten it"),
    "image": (
        "the image slot with its caption",
        "give it fewer lines= or a shorter caption (a slot keeps a blank row below it)",
    ),
    "box": ("the box", "shorten the box text or split it into two boxes"),
    "num": ("the @num mark", "shorten it: a section number is a few characters"),
    "subhead": ("the subhead", "shorten it"),
    "band": ("the 【…】 subhead", "shorten it"),
    "chapter": ("the ### heading", "shorten it"),
    "org": ("the @org line", "shorten it"),
    "unit": ("the @unit line", "shorten it"),
    "work": ("the @work title", "shorten it"),
    "artist": ("the @artist line", "shorten it"),
    "toc-entry": ("the contents entry", "shorten its toc_title / toc_subtitle lines"),
    "toc-section": ("the contents section label", "shorten the section name"),
}


def describe(slab: Slab) -> tuple[str, str]:
    """(what the slab is, what to do when it is too tall)."""
    return WHAT.get(slab.kind, (f"this {slab.kind or 'block'}", "shorten it"))


def check_column_slab(slab: Slab, lines: int) -> None:
    """A slab that goes into one column must fit an empty column."""
    if slab.rows > lines:
        what, hint = describe(slab)
        raise LayoutError(
            f"{what} is {slab.rows} lines tall but a column holds {lines}", slab.location, hint
        )


def check_head(head: list[Slab], lines: int) -> None:
    """An article head (spanning the columns) must leave MIN_BODY_ROWS rows of an empty page;
    the error names the head part at which it runs out of room."""
    room = lines - MIN_BODY_ROWS
    total = 0
    for slab in head:
        total += slab.rows
        if total > room:
            what, hint = describe(slab)
            upto = f" ({total} with the head above it)" if total > slab.rows else ""
            raise LayoutError(
                f"{what} is {slab.rows} lines tall{upto}, but a page holds {room} lines above "
                f"the {MIN_BODY_ROWS} body lines that must follow the head",
                slab.location,
                hint,
            )


@contextmanager
def located(location: Location | None) -> Iterator[None]:
    """Give an error raised without a position (a character no font has, a measure the line
    composer refuses) the position of the text being set; a missing character is searched in
    the source from there, so the error points at the character itself."""
    try:
        yield
    except LayoutError as error:
        if error.location is not None or location is None:
            raise
        where = location
        if isinstance(error, MissingGlyphError):
            where = find_char(location, error.char)
        raise with_location(error, where) from None


def find_char(start: Location, char: str) -> Location:
    """The first occurrence of `char` in the file at or after `start`; `start` if none."""
    try:
        text = start.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError):
        return start
    lines = text.split("\n")
    first = max(start.line, 1) - 1
    for index in range(first, len(lines)):
        skip = max(start.column - 1, 0) if index == first else 0
        column = lines[index].find(char, skip)
        if column >= 0:
            return Location(start.path, index + 1, column + 1)
    return start


def find_key(start: Location, key: str) -> Location:
    """Where `key:` is first written in the YAML file at or after `start` (an entry's mapping):
    errors about a value point at its key. `start` if it cannot be found."""
    try:
        lines = start.path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError, ValueError):
        return start
    pattern = re.compile(rf"(?<![\w-]){re.escape(key)}\s*:")
    first = max(start.line, 1) - 1
    for index in range(first, len(lines)):
        skip = max(start.column - 1, 0) if index == first else 0
        found = pattern.search(lines[index], skip)
        if found:
            return Location(start.path, index + 1, found.start() + 1)
    return start


def find_value(start: Location, key: str) -> Location:
    """Where the value of `key:` begins in the YAML file (errors about a value point at it, as
    the loader's do); the key itself when the value is not on its line."""
    at = find_key(start, key)
    try:
        line = at.path.read_text(encoding="utf-8").split("\n")[at.line - 1]
    except (OSError, UnicodeDecodeError, ValueError, IndexError):
        return at
    found = re.compile(rf"{re.escape(key)}\s*:[ \t]*").match(line, max(at.column - 1, 0))
    if found is None or found.end() >= len(line):
        return at
    return Location(at.path, at.line, found.end() + 1)
