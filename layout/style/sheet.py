"""The style sheet as plain data: page geometry, the character grid, text styles, colours.

A style sheet is content-free: an issue picks one by name (`issue.style` in issue.yaml) and the
page composer reads nothing else about looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cmyk = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageGeometry:
    trim_width: float  # pt
    trim_height: float
    bleed: float
    top: float  # margin from the trim edge to the top of the type area
    inner: float  # spine-side margin
    outer: float


@dataclass(frozen=True)
class Grid:
    """The type area as an integer character grid (clreq 版心)."""

    body_size: float  # pt; 1 grid em
    chars: int  # characters per column line
    columns: int
    gutter: float  # em between columns
    lines: int  # lines per column
    pitch: float  # pt from baseline to baseline

    @property
    def column_width(self) -> float:
        return self.chars * self.body_size

    @property
    def width(self) -> float:
        return self.columns * self.column_width + (self.columns - 1) * self.gutter * self.body_size

    @property
    def height(self) -> float:
        """From the top of the first line's em box to the bottom of the last line's em box."""
        return (self.lines - 1) * self.pitch + self.body_size

    def column_x(self, index: int) -> float:
        """Left edge of column `index` relative to the type area."""
        return index * (self.column_width + self.gutter * self.body_size)


@dataclass(frozen=True)
class TextStyle:
    font: str  # font role key (fonts/fonts.yaml)
    size: float  # pt
    color: str = "text"  # colour name in Style.colors
    align: str = "justify"  # justify | ragged | center | right | left
    indent: float = 0.0  # first-line indent in em of this style's size
    pitch: float = 0.0  # baseline distance for multi-line blocks; 0 = the grid pitch
    space_before: int = 0  # whole grid lines
    space_after: int = 0
    # Trim the blank half of an opening bracket at a line start (clreq: "may"; off keeps every
    # line's first glyph on the column edge, as mainland books set 全角式).
    trim_opening: bool = False


@dataclass(frozen=True)
class SectionVariant:
    columns: int = 0  # 0 = the grid's columns
    per_page: int = 0  # articles that share a page (动态: 2); 0 = no rule
    new_page: bool = True  # the section starts on a new page


@dataclass(frozen=True)
class RunningHead:
    height: float  # pt from the top of the band to the type area
    rule: float  # rule thickness
    chinese: str  # text style name for the section name
    english: str  # text style name for the English name
    folio: str  # text style name for the folio


@dataclass(frozen=True)
class PressSettings:
    """The press the CMYK is meant for (layout/color/press.py names the conditions), the most
    ink the colours may put down, and how photos are converted to it."""

    condition: str = "fogra39"
    ink_limit: float = 300.0  # total area coverage, % (C + M + Y + K)
    intent: str = "perceptual"  # or relative-colorimetric
    black_point_compensation: bool = True


@dataclass(frozen=True)
class Style:
    name: str
    page: PageGeometry
    grid: Grid
    text: dict[str, TextStyle]
    colors: dict[str, Cmyk]
    running_head: RunningHead
    sections: dict[str, SectionVariant] = field(default_factory=dict)
    three_column_gutter: float = 2.0
    press: PressSettings = field(default_factory=PressSettings)

    def color(self, name: str) -> Cmyk:
        return self.colors[name]

    def grid_for(self, columns: int) -> Grid:
        """The grid for a section set in `columns` columns: same type-area width, whole chars."""
        g = self.grid
        if columns == g.columns:
            return g
        total_em = g.width / g.body_size
        gutter = self.three_column_gutter
        chars = int((total_em - (columns - 1) * gutter) // columns)
        gutter = (total_em - columns * chars) / (columns - 1) if columns > 1 else 0.0
        return Grid(g.body_size, chars, columns, gutter, g.lines, g.pitch)
