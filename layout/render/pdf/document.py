"""Document -> PDF bytes: the print variant (PDF/X-1a:2001, crop marks) and the proof variant.

Both variants draw the same `Page` objects through the same code; a variant only adds marks,
PDF/X identification, or (later) decorations such as line numbers and a watermark.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from layout.atomic import write_bytes_atomic
from layout.errors import LayoutError
from layout.fonts.registry import FontRegistry
from layout.parallel import in_parallel
from layout.render.model import Document, GlyphRun, Page
from layout.render.pdf.content import Content
from layout.render.pdf.fonts import EmbeddedFonts
from layout.render.pdf.geometry import PageGeometry
from layout.render.pdf.images import EmbeddedImages
from layout.render.pdf.marks import draw_crop_marks
from layout.render.pdf.navigation import outline, page_labels
from layout.render.pdf.objects import Name, Raw, Ref, Stream, Text
from layout.render.pdf.page import GSTATES, collect_page, draw_page
from layout.render.pdf.writer import PdfWriter

PRODUCER = "hrb-layout"
PDFX_VERSION = "PDF/X-1a:2001"


@dataclass(frozen=True)
class OutputIntent:
    """The press condition the CMYK values are meant for; ask the print shop (C1)."""

    identifier: str = "FOGRA39"
    registry: str = "http://www.color.org"
    info: str = "Coated FOGRA39 (ISO 12647-2:2004)"


# Hook for later variants: called after a page's items, with the page, its content stream and
# geometry (proof line numbers, a watermark). Text it draws must use fonts collected in pass 1.
PageDecorator = Callable[[Page, Content, PageGeometry], None]


@dataclass(frozen=True)
class Variant:
    name: str
    crop_marks: bool
    pdfx: bool  # write the PDF/X-1a identification and OutputIntent
    decorate: PageDecorator | None = None


VARIANTS = {
    "print": Variant("print", crop_marks=True, pdfx=True),
    "proof": Variant("proof", crop_marks=False, pdfx=False),
}


def write_pdf(
    doc: Document,
    fonts: FontRegistry,
    path: Path,
    *,
    variant: str | Variant = "print",
    date: str,
    intent: OutputIntent = OutputIntent(),
    warnings: list[str] | None = None,
) -> None:
    """Write `doc` to `path` atomically (a failed run leaves any previous file in place)."""
    data = render_pdf(doc, fonts, variant=variant, date=date, intent=intent, warnings=warnings)
    write_bytes_atomic(path, data)


def render_pdf(
    doc: Document,
    fonts: FontRegistry,
    *,
    variant: str | Variant = "print",
    date: str,
    intent: OutputIntent = OutputIntent(),
    warnings: list[str] | None = None,
) -> bytes:
    """The PDF as bytes. `date` (ISO 8601, e.g. 2024-03-01) is both CreationDate and ModDate:
    the caller fixes it so that the same input always gives the same bytes.

    Problems that do not stop the output (an image below 300 ppi in print) are appended to
    `warnings` when a list is given; image files that cannot be embedded raise LayoutError."""
    chosen = _variant(variant)
    stamp = pdf_date(date)
    writer = PdfWriter()
    embedded = EmbeddedFonts(fonts)
    images = EmbeddedImages(print_variant=chosen.pdfx, warnings=warnings)
    for page in doc.pages:
        collect_page(page, embedded, images)
    embedded.prepare(writer)
    images.prepare(writer)

    pages_ref = writer.reserve()
    gstates = {name: writer.add(entries) for name, entries in sorted(GSTATES.items())}
    geometries = [
        PageGeometry.of(p.width, p.height, doc.bleed, chosen.crop_marks) for p in doc.pages
    ]
    # Content streams are independent once fonts and images are prepared: draw (and compress)
    # the second half of the pages on the other core.
    cut = _halfway(doc.pages)

    def draw(indices: range) -> list[DrawnPage]:
        return [_draw(doc.pages[i], geometries[i], embedded, images, chosen) for i in indices]

    first, second = in_parallel(lambda: draw(range(cut)), lambda: draw(range(cut, len(doc.pages))))
    page_refs = [
        _page(writer, page, geometry, drawn, embedded, images, gstates, pages_ref)
        for page, geometry, drawn in zip(doc.pages, geometries, first + second, strict=True)
    ]
    embedded.write(writer)
    images.write(writer)
    writer.set(pages_ref, {"Type": Name("Pages"), "Kids": page_refs, "Count": len(page_refs)})
    catalog = {
        "Type": Name("Catalog"),
        "Pages": pages_ref,
        "PageLabels": page_labels(doc.pages),
        "Outlines": outline(writer, doc.pages, page_refs, geometries),
    }
    if catalog["Outlines"] is not None:
        catalog["PageMode"] = Name("UseOutlines")
    if chosen.pdfx:
        catalog["OutputIntents"] = [writer.add(_output_intent(intent))]
    root = writer.add(catalog)
    info = writer.add(_info(doc, stamp, chosen))
    return writer.tobytes(root, info)


def _halfway(pages: list[Page]) -> int:
    """The page index that splits the drawing work (roughly, the glyphs) in two."""
    weights = [
        1 + sum(len(item.glyphs) for item in page.items if isinstance(item, GlyphRun))
        for page in pages
    ]
    total, running = sum(weights), 0
    for index, weight in enumerate(weights):
        running += weight
        if 2 * running >= total:
            return index + 1
    return len(pages)


@dataclass(frozen=True)
class DrawnPage:
    """A page's content stream, compressed, and the resources it names."""

    data: bytes
    fonts: tuple[str, ...]
    gstates: tuple[str, ...]


def _draw(
    page: Page,
    geometry: PageGeometry,
    fonts: EmbeddedFonts,
    images: EmbeddedImages,
    variant: Variant,
) -> DrawnPage:
    content = draw_page(page, fonts, geometry, images)
    if variant.decorate is not None:
        variant.decorate(page, content, geometry)
    if variant.crop_marks:
        draw_crop_marks(content, geometry)
    return DrawnPage(
        zlib.compress(content.tobytes(), 6),
        tuple(sorted(content.fonts)),
        tuple(sorted(content.gstates)),
    )


def _page(
    writer: PdfWriter,
    page: Page,
    geometry: PageGeometry,
    drawn: DrawnPage,
    fonts: EmbeddedFonts,
    images: EmbeddedImages,
    gstates: dict[str, Ref],
    parent: Ref,
) -> Ref:
    resources = {
        "Font": {name: fonts.ref(name) for name in drawn.fonts} or None,
        "ExtGState": {name: gstates[name] for name in drawn.gstates} or None,
        "XObject": images.resources(page),
        "ProcSet": [Name("PDF"), Name("Text"), *images.procsets(page)],
    }
    contents = Stream(drawn.data, {"Filter": Name("FlateDecode")}, compress=False)
    return writer.add(
        {
            "Type": Name("Page"),
            "Parent": parent,
            "MediaBox": geometry.media_box,
            "TrimBox": geometry.trim_box,
            "BleedBox": geometry.bleed_box,
            "Contents": writer.add(contents),
            "Resources": resources,
        }
    )


def _output_intent(intent: OutputIntent) -> dict:
    return {
        "Type": Name("OutputIntent"),
        "S": Name("GTS_PDFX"),
        "OutputConditionIdentifier": Text(intent.identifier),
        "RegistryName": Text(intent.registry),
        "Info": Text(intent.info),
    }


def _info(doc: Document, stamp: bytes, variant: Variant) -> dict:
    info = {
        "Title": Text(doc.title or "Untitled"),
        "Author": Text(doc.author) if doc.author else None,
        "Subject": Text(doc.subject) if doc.subject else None,
        "Creator": Text(PRODUCER),
        "Producer": Text(PRODUCER),
        "CreationDate": Raw(stamp),
        "ModDate": Raw(stamp),
        "Trapped": Name("False"),
    }
    if variant.pdfx:
        info["GTS_PDFXVersion"] = Text(PDFX_VERSION)
        info["GTS_PDFXConformance"] = Text(PDFX_VERSION)
    return info


def pdf_date(value: str) -> bytes:
    """ISO 8601 date or date-time -> a PDF date string; a time without zone is taken as UTC."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise LayoutError(f"not an ISO date: {value!r}", hint="write e.g. 2024-03-01") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds()) // 60
    zone = (
        "Z"
        if minutes == 0
        else f"{'+' if minutes > 0 else '-'}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"
    )
    return f"(D:{moment:%Y%m%d%H%M%S}{zone})".encode("ascii")


def _variant(variant: str | Variant) -> Variant:
    if isinstance(variant, Variant):
        return variant
    try:
        return VARIANTS[variant]
    except KeyError:
        raise LayoutError(
            f"unknown PDF variant {variant!r}", hint=f"use one of {', '.join(VARIANTS)}"
        ) from None
