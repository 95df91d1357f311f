"""Page boxes and the change from layout coordinates (top-left of the trim box, y down, pt)
to PDF user space (bottom-left of the MediaBox, y up)."""

from __future__ import annotations

from dataclasses import dataclass

# Crop marks start this far outside the BleedBox ("print marks may not reach the bleed area")
# and are this long; the MediaBox leaves a little paper beyond their ends.
MARK_GAP = 2.0
MARK_LENGTH = 14.0
MARK_MARGIN = 3.0


@dataclass(frozen=True)
class PageGeometry:
    width: float  # trim width
    height: float  # trim height
    bleed: float
    margin: float  # MediaBox edge to trim edge: the bleed, plus room for marks when drawn

    @classmethod
    def of(cls, width: float, height: float, bleed: float, crop_marks: bool) -> PageGeometry:
        margin = bleed + (MARK_GAP + MARK_LENGTH + MARK_MARGIN if crop_marks else 0.0)
        return cls(width, height, bleed, margin)

    def x(self, x: float) -> float:
        return self.margin + x

    def y(self, y: float) -> float:
        return self.margin + self.height - y

    @property
    def media_box(self) -> list[float]:
        return [0, 0, self.width + 2 * self.margin, self.height + 2 * self.margin]

    @property
    def trim_box(self) -> list[float]:
        return self._outset(0.0)

    @property
    def bleed_box(self) -> list[float]:
        return self._outset(self.bleed)

    def _outset(self, by: float) -> list[float]:
        m = self.margin
        return [m - by, m - by, m + self.width + by, m + self.height + by]
