"""Where the type area and its columns and rows sit on a page."""

from __future__ import annotations

from dataclasses import dataclass

from layout.style.sheet import Grid, Style

# Noto CJK's ideographic em box runs from 0.88 em above the baseline to 0.12 em below it
# (BASE table ideo = -120/1000): a glyph whose em box top is at y has its baseline at y + 0.88 em.
IDEO_ASCENT = 0.88


@dataclass(frozen=True)
class Frame:
    """The type area of one page: left/top in trim coordinates (pt, y down)."""

    left: float
    top: float
    grid: Grid

    @property
    def width(self) -> float:
        return self.grid.width

    def column_left(self, column: int) -> float:
        return self.left + self.grid.column_x(column)

    def row_top(self, row: int) -> float:
        return self.top + row * self.grid.pitch


def frame_for(style: Style, recto: bool, columns: int = 0) -> Frame:
    """The type area of a right-hand (recto, odd folio) or left-hand page."""
    grid = style.grid_for(columns or style.grid.columns)
    page = style.page
    left = page.inner if recto else page.outer
    return Frame(left=left, top=page.top, grid=grid)


def baseline_offset(size: float) -> float:
    """Distance from the top of a line's em box to its baseline."""
    return IDEO_ASCENT * size
