"""Supplied pages: a page of a PDF made elsewhere (an advertisement) printed as a page of the
issue. This module reads and checks the file; layout/render/pdf/forms.py draws it.

The checks are those a print shop would make of the file on its own, so that a bad
advertisement stops the build at its manifest entry rather than at the press: the file is a
readable PDF, it has the page asked for, that page's trim (TrimBox, else MediaBox) is the
issue's trim size to within half a millimetre, and our preflight (layout/preflight) finds no
error on it. Findings about the file as a delivery (no PDF/X identification, no output intent,
its PDF version, its page count) do not count: the page is drawn into our PDF/X-1a file, which
carries its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.style.units import MM

TRIM_TOLERANCE = 0.5 * MM  # a designer's export rounds sizes; more is another format
# Preflight findings about the file as a whole, which the issue's own PDF/X keys replace.
DELIVERY_CODES = frozenset(
    {
        "pdfx-version",
        "pdfx-conformance",
        "pdf-version",
        "trapped",
        "info-keys",
        "output-intent",
        "output-profile",
        "characterisation",
        "page-count",
        "box-missing",  # no TrimBox: the MediaBox is taken as the trim
        "trim-size",  # other pages of the file
    }
)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in the file's user space


@dataclass(frozen=True)
class SuppliedInfo:
    """The facts about a supplied page that layout and drawing need."""

    path: Path
    index: int  # 0-based page of the file
    trim: Box  # TrimBox, else MediaBox
    bleed: Box  # BleedBox, else the MediaBox (never beyond the MediaBox)

    @property
    def width(self) -> float:
        return self.trim[2] - self.trim[0]

    @property
    def height(self) -> float:
        return self.trim[3] - self.trim[1]


def read_supplied(path: Path, page: int) -> SuppliedInfo:
    """Page `page` (1-based) of the PDF at `path`; LayoutError (no location) if the file is no
    readable PDF, lacks that page, or has a page turned by /Rotate."""
    from layout.preflight.source import open_pdf, page_box  # pikepdf only when needed

    try:
        pdf = open_pdf(path)
    except LayoutError as error:
        raise LayoutError(error.message, None, error.hint) from None
    with pdf:
        count = len(pdf.pages)
        if not 1 <= page <= count:
            pages = "1 page" if count == 1 else f"{count} pages"
            raise LayoutError(
                f"has no page {page}: it has {pages}",
                hint="give page_of_file: a page the file has",
            )
        chosen = pdf.pages[page - 1]
        media = page_box(chosen, "/MediaBox")
        if media is None:
            raise LayoutError(
                f"page {page} has no MediaBox", hint="ask the sender to export the file again"
            )
        rotate = int(chosen.obj.get("/Rotate", 0)) % 360
        if rotate:
            raise LayoutError(
                f"page {page} is turned by {rotate}° (/Rotate)",
                hint="ask for the page exported upright, at the issue's trim size",
            )
        trim = _within(page_box(chosen, "/TrimBox") or media, media)
        bleed = _within(page_box(chosen, "/BleedBox") or media, media)
        return SuppliedInfo(path, page - 1, trim, bleed)


def _within(box: Box, media: Box) -> Box:
    """`box` cut to the MediaBox: nothing outside the MediaBox is part of the page."""
    return (
        max(box[0], media[0]),
        max(box[1], media[1]),
        min(box[2], media[2]),
        min(box[3], media[3]),
    )


def size_problem(info: SuppliedInfo, width: float, height: float) -> str | None:
    """Why the page's trim is not the issue's `width` x `height` (pt), or None."""
    if abs(info.width - width) <= TRIM_TOLERANCE and abs(info.height - height) <= TRIM_TOLERANCE:
        return None
    return (
        f"its page {info.index + 1} is {_mm(info.width)} x {_mm(info.height)} mm (trim), "
        f"the issue's pages are {_mm(width)} x {_mm(height)} mm"
    )


def _mm(points: float) -> str:
    return f"{points / MM:.1f}".removesuffix(".0")


def preflight_problems(info: SuppliedInfo) -> list[tuple[str, str]]:
    """Our preflight's errors on the supplied page, as (what (detail), what to do); the
    findings about the file as a delivery (DELIVERY_CODES) and about other pages left out."""
    from layout.preflight import preflight  # pikepdf only when needed
    from layout.preflight.source import Options

    # PDF/X-1a whatever the file claims (the issue is PDF/X-1a); no Ghostscript render: the
    # ink is measured from the operators, which is quick and enough for one page
    result = preflight(info.path, Options(page_multiple=1, standard="x1a", render=False))
    problems = []
    for finding in result.findings.items:
        if finding.severity.value != "error" or finding.code in DELIVERY_CODES:
            continue
        if finding.page is not None and finding.page != info.index + 1:
            continue
        text = finding.message + (f" ({finding.detail})" if finding.detail else "")
        problems.append((text, finding.hint))
    return problems


def supplied_error(shown: str, problem: str, where: Location, hint: str = "") -> LayoutError:
    """An error about the supplied file `shown` (as written in issue.yaml), at its entry."""
    return LayoutError(f"supplied page {shown}: {problem}", where, hint)
