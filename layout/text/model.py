"""Plain data the line composer hands to the page composer.

Units: a paragraph is composed at one body size; every horizontal quantity here is in em of
that size (1 em = `Paragraph.size` pt). The page composer multiplies by the size to place glyphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import NamedTuple


@dataclass(frozen=True)
class Run:
    """A stretch of paragraph text in one font role at one size scale."""

    text: str
    font: str = "body"  # a font role key from fonts/fonts.yaml: body, bold, heading, kai, ...
    scale: float = 1.0  # size relative to the paragraph size (1.0 for body text)


@dataclass(frozen=True)
class ParagraphSpec:
    """What to compose: runs plus the settings that change line breaking."""

    runs: tuple[Run, ...]
    measure: float  # line length in em
    indent: float = 2.0  # first-line indent in em
    align: str = "justify"  # justify | ragged | center | right
    # Trim the blank half of an opening bracket at a line start (CSS `text-spacing-trim`).
    trim_open_at_line_start: bool = True


class PlacedGlyph(NamedTuple):
    """One glyph (or an unbreakable cluster such as ——) placed on a line.

    A named tuple rather than a frozen dataclass: a build makes tens of thousands of these,
    and a tuple is made three times faster.
    """

    text: str  # the source characters it stands for
    x: float  # left edge of the glyph's em box from the line start, in em
    width: float  # advance actually used after compression/justification, in em
    font: str  # font role key
    scale: float = 1.0
    # How far the glyph's drawing origin is left of `x` in em: a compressed opening bracket keeps
    # its ink on the right half, so the renderer draws it at x - offset.
    offset: float = 0.0


def placed_glyphs(fields: Iterable[tuple]) -> tuple[PlacedGlyph, ...]:
    """PlacedGlyphs from plain tuples of their six fields, each made by tuple.__new__ called
    from C (the named tuple's own __new__ is a Python call a glyph): memo entries, lines set
    a stretch at a time, lines sent back from a second process."""
    return tuple(map(tuple.__new__, repeat(PlacedGlyph), fields))


@dataclass(frozen=True)
class Line:
    glyphs: tuple[PlacedGlyph, ...]
    width: float  # used width in em (== measure for justified non-final lines)
    start: int  # index of the first source character in the paragraph text
    end: int  # index after the last source character
    is_last: bool = False  # last line of the paragraph (not justified)
    indent: float = 0.0

    @property
    def text(self) -> str:
        return "".join(g.text for g in self.glyphs)


@dataclass(frozen=True)
class ComposedParagraph:
    lines: tuple[Line, ...]
    measure: float
    demerits: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
