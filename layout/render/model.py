"""Positioned pages: everything the PDF writers need, nothing they must compute.

Coordinates are in PostScript points with the origin at the top-left corner of the trim box and
y growing downwards; the writer converts to PDF space and adds bleed. Print and proof PDFs are
written from the same `Page` objects, so their line breaks are identical.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.errors import Location

Cmyk = tuple[float, float, float, float]  # each 0..1

BLACK: Cmyk = (0.0, 0.0, 0.0, 1.0)


@dataclass(frozen=True)
class GlyphRun:
    """Glyphs of one font and size on one baseline (typically one typeset line)."""

    font: str  # font role key, resolved to a file by layout.fonts
    size: float  # pt
    baseline: float  # y of the baseline
    glyphs: tuple[tuple[str, float], ...]  # (characters, x of the glyph origin) pairs
    color: Cmyk = BLACK
    # Proof annotations: which column/line this run is (for per-column line numbers).
    tag: str = ""
    # Added to every glyph x: moving a run (placing a line in its column) is then O(1).
    x: float = 0.0

    def __reduce_ex__(self, protocol: object) -> tuple:
        # pickled as its fields, not a dict of them: half the time, for the stories and
        # content streams sent back from the second core (layout/parallel.py)
        return (
            GlyphRun,
            (self.font, self.size, self.baseline, self.glyphs, self.color, self.tag, self.x),
        )

    def positions(self) -> list[tuple[str, float]]:
        """(characters, absolute x) of each glyph."""
        dx = self.x
        return [(text, x + dx) for text, x in self.glyphs]


@dataclass(frozen=True)
class Rule:
    """A filled rectangle (fill) or a stroked line/rectangle (stroke width > 0)."""

    x: float
    y: float
    width: float
    height: float
    fill: Cmyk | None = None
    stroke: Cmyk | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True)
class ImageBox:
    """An image slot; `path` None means a marked placeholder box. `source` is where the slot
    is asked for (the @image line, the yaml key), for the messages about its image."""

    x: float
    y: float
    width: float
    height: float
    path: str | None = None
    label: str = ""
    source: Location | None = field(default=None, compare=False)
    fit: str = "crop"  # "crop": cover the box, the overflow clipped; "contain": wholly inside
    crop: str = "center"  # fit "crop": the edge kept (layout/images.py CROP_POSITIONS)
    lowres: bool = False  # the editor accepts a resolution under 150 ppi (a warning, no error)


@dataclass(frozen=True)
class SuppliedBox:
    """Page `page` (1-based) of the PDF at `path`, made elsewhere (an advertisement), drawn
    with its trim on this box and its bleed beyond it. `source` is its manifest entry."""

    x: float
    y: float
    width: float
    height: float
    path: str
    page: int = 1
    source: Location | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int  # 0 = section, 1 = article
    y: float = 0.0


@dataclass(frozen=True)
class ProofLine:
    """A body line's position, for per-column line numbers on proofs."""

    column: int
    number: int
    x: float
    baseline: float


@dataclass
class Page:
    width: float  # trim width, pt
    height: float  # trim height, pt
    label: str = ""  # printed folio / page label ("04", "封一")
    items: list[GlyphRun | Rule | ImageBox | SuppliedBox] = field(default_factory=list)
    bookmarks: list[Bookmark] = field(default_factory=list)
    proof_lines: list[ProofLine] = field(default_factory=list)
    bleed_fill: list[Rule] = field(default_factory=list)  # backgrounds that run into the bleed


@dataclass
class Document:
    pages: list[Page]
    title: str = ""
    author: str = ""
    subject: str = ""
    bleed: float = 8.503937  # 3 mm in pt
