"""Opening the PDF and reading what every check needs: the options, the page boxes."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from layout.errors import LayoutError, Location
from layout.preflight.scan import Box

# Page boxes that a page inherits from the page tree when it has none of its own.
INHERITABLE = ("/MediaBox", "/CropBox")
STANDARDS = ("auto", "x1a", "x3", "x4")


@dataclass(frozen=True)
class Options:
    ink_limit: float = 300.0  # per cent, total area coverage
    page_multiple: int = 4  # 1: any page count (a single advertisement page)
    standard: str = "auto"  # auto: as the file declares, PDF/X-1a when it declares none
    render: bool = True  # measure ink in a Ghostscript render where the operators cannot tell
    render_dpi: int = 72
    timeout: float = 300.0  # seconds for the Ghostscript render


def open_pdf(path: Path) -> pikepdf.Pdf:
    """The PDF at `path`, or a LayoutError saying why it cannot be read."""
    where = Location(path)
    if not path.exists():
        raise LayoutError("no such file", where, "give the path of a PDF")
    if path.is_dir():
        raise LayoutError("is a folder, not a PDF", where, "give the path of a PDF file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pikepdf.open(path)
    except pikepdf.PasswordError:
        raise LayoutError(
            "the PDF is protected by a password",
            where,
            "ask the sender for an unprotected file: PDF/X forbids encryption",
        ) from None
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as error:
        raise LayoutError(
            f"not a readable PDF: {_short(error).replace(str(path) + ': ', '')}",
            where,
            "the file is damaged or not a PDF: ask the sender to export it again",
        ) from None


def pdf_version(pdf: pikepdf.Pdf) -> str:
    """The version in force: the header's, or the catalog's /Version when it is higher."""
    version = pdf.pdf_version
    override = pdf.Root.get("/Version")
    if isinstance(override, pikepdf.Name) and _as_tuple(str(override)[1:]) > _as_tuple(version):
        return str(override)[1:]
    return version


def _as_tuple(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return (0,)


def page_box(page: pikepdf.Page, name: str) -> Box | None:
    """The page's box `name` (/MediaBox, /TrimBox, ...) normalised (x0 < x1, y0 < y1), or None
    when the page has none (MediaBox and CropBox are looked up in the page tree too)."""
    value = page.obj.get(name)
    if value is None and name in INHERITABLE:
        node, depth = page.obj.get("/Parent"), 0
        while isinstance(node, pikepdf.Dictionary) and depth < 64 and value is None:
            value = node.get(name)
            node, depth = node.get("/Parent"), depth + 1
    return as_box(value)


def as_box(value: object) -> Box | None:
    if not isinstance(value, pikepdf.Array) or len(value) != 4:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def printed_area(page: pikepdf.Page) -> Box | None:
    """What reaches the paper after trimming, with its bleed: BleedBox, else TrimBox, else
    MediaBox. Marks outside it (crop marks in registration colour) do not count for ink."""
    for name in ("/BleedBox", "/TrimBox", "/MediaBox"):
        box = page_box(page, name)
        if box is not None:
            return box
    return None


def _short(error: BaseException) -> str:
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    return first if len(first) <= 200 else first[:200] + "…"
