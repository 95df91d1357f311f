"""Document -> PDF bytes: the print variant (PDF/X-1a:2001, crop marks), its draft, and the
proof variant.

All variants draw the same `Page` objects through the same code; a variant only adds marks,
PDF/X identification, a slug, or decorations such as line numbers and a watermark.

A PDF that claims PDF/X never holds a placeholder: asked for the print variant of a document
with image slots still empty, the writer writes the draft instead, which has the print PDF's
marks and CMYK but no PDF/X keys and no output intent, and says `样稿` and how many images are
missing in the slug (outside the bleed, between the crop marks). `missing_images` tells the
caller which of the two it gets.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from layout.atomic import write_bytes_atomic
from layout.errors import LayoutError
from layout.fonts.registry import FontRegistry
from layout.parallel import from_both_ends
from layout.render.model import Document, ImageBox, Page
from layout.render.pdf.content import Content
from layout.render.pdf.fonts import EmbeddedFonts
from layout.render.pdf.geometry import PageGeometry
from layout.render.pdf.images import EmbeddedImages
from layout.render.pdf.marks import draw_crop_marks
from layout.render.pdf.navigation import outline, page_labels
from layout.render.pdf.objects import Name, Raw, Ref, Stream, Text
from layout.render.pdf.page import GSTATES, collect_page, draw_page
from layout.render.pdf.slug import SLUG_ROLE, draft_slug, draw_slug, slug_text
from layout.render.pdf.writer import PdfWriter

if TYPE_CHECKING:
    from layout.color.ready import Press

PRODUCER = "hrb-layout"
# ISO 15930-1: the version key names the standard, the conformance key the level within it
PDFX_VERSION = "PDF/X-1:2001"
PDFX_CONFORMANCE = "PDF/X-1a:2001"


@dataclass(frozen=True)
class OutputIntent:
    """The press condition the CMYK values are meant for (layout/color/press.py), with its ICC
    profile (embedded as DestOutputProfile when given)."""

    identifier: str = "FOGRA39"
    registry: str = "http://www.color.org"
    info: str = "Coated FOGRA39 (ISO 12647-2:2004)"
    profile: bytes | None = None

    @classmethod
    def of(cls, press: Press) -> OutputIntent:
        condition = press.condition
        return cls(condition.identifier, condition.registry, condition.info, press.profile.data)


@dataclass(frozen=True)
class Missing:
    """The image slots of a document still without their image."""

    images: int
    pages: int

    def __bool__(self) -> bool:
        return self.images > 0


def missing_images(doc: Document) -> Missing:
    """How many placeholders the document holds, and on how many pages."""
    counts = [
        sum(1 for item in page.items if isinstance(item, ImageBox) and not item.path)
        for page in doc.pages
    ]
    return Missing(sum(counts), sum(1 for count in counts if count))


# Hook for later variants: called after a page's items, with the page, its content stream and
# geometry (proof line numbers, a watermark). Text it draws must use fonts collected in pass 1.
PageDecorator = Callable[[Page, Content, PageGeometry], None]


class KeptPages(Protocol):
    """What `layout watch` keeps of the last build's pages (layout/watch.py PageStreams): each
    page's characters by font role (page.py page_texts), asked first, and then the content
    streams, calling `draw(indices)` for the pages it does not keep."""

    def page_texts(self, pages: list[Page]) -> list[tuple[tuple[str, str], ...]]: ...

    def __call__(
        self, pages: list[Page], geometries: list[PageGeometry], context: tuple, draw: Callable
    ) -> list: ...


class Decorations(Protocol):
    """Proof decorations (layout.render.pdf.proof): `margin` more paper around the trim, the
    text they draw told to the fonts in pass 1, drawing under (wrapped in q/Q) and over each
    page's items."""

    margin: float

    def collect(self, page: Page, fonts: EmbeddedFonts) -> None: ...

    def under(
        self, page: Page, content: Content, geometry: PageGeometry, fonts: EmbeddedFonts
    ) -> None: ...

    def over(
        self, page: Page, content: Content, geometry: PageGeometry, fonts: EmbeddedFonts
    ) -> None: ...


@dataclass(frozen=True)
class Variant:
    name: str
    crop_marks: bool
    pdfx: bool  # write the PDF/X-1a identification and OutputIntent
    decorate: PageDecorator | None = None
    press: bool = False  # photos converted to the press's CMYK (print and draft)
    slug: bool = False  # the draft's note in the slug
    decorations: Decorations | None = None  # proofs


VARIANTS = {
    "print": Variant("print", crop_marks=True, pdfx=True, press=True),
    "draft": Variant("draft", crop_marks=True, pdfx=False, press=True, slug=True),
    "proof": Variant("proof", crop_marks=False, pdfx=False),
}


def write_pdf(
    doc: Document,
    fonts: FontRegistry,
    path: Path,
    *,
    variant: str | Variant = "print",
    date: str,
    press: Press | Callable[[], Press] | None = None,
    warnings: list[str] | None = None,
) -> None:
    """Write `doc` to `path` atomically (a failed run leaves any previous file in place)."""
    data = render_pdf(doc, fonts, variant=variant, date=date, press=press, warnings=warnings)
    write_bytes_atomic(path, data)


def render_pdf(
    doc: Document,
    fonts: FontRegistry,
    *,
    variant: str | Variant = "print",
    date: str,
    press: Press | Callable[[], Press] | None = None,
    warnings: list[str] | None = None,
    reuse: KeptPages | None = None,
    select: Sequence[int] | None = None,
    alongside: Callable[[], None] | None = None,
) -> bytes:
    """The PDF as bytes. `date` (ISO 8601, e.g. 2024-03-01) is both CreationDate and ModDate:
    the caller fixes it so that the same input always gives the same bytes.

    `press` (layout.color.ready.ready_press) is the condition of the output intent and of the
    photos' conversion, or a function that makes it, called only when the PDF needs it; None:
    the default style's (FOGRA39), found when first needed. The print
    variant of a document with placeholders is written as the draft (see the module's doc).

    Problems that do not stop the output (an image below 300 ppi in print) are appended to
    `warnings` when a list is given; image files that cannot be embedded raise LayoutError.

    `reuse`, when given, tells each page's characters and returns the pages' content streams,
    calling `draw(indices)` for those it does not keep (layout/watch.py).

    `select` (indices into doc.pages, in the order wanted) writes only those pages (the split
    cover, layout/render/pdf/split.py); whether the file is the draft, and the draft's count
    of missing images, are the whole document's: a part of an unfinished issue is a draft.

    `alongside` is the caller's work to do on the second core while the pages are drawn (the
    build's last check of its composition); what it raises stops the PDF."""
    chosen = _variant(variant)
    missing = missing_images(doc)
    if chosen.pdfx and missing:
        chosen = VARIANTS["draft"]
    if select is not None:
        doc = replace(doc, pages=[doc.pages[index] for index in select])
    stamp = pdf_date(date)
    writer = PdfWriter()
    embedded = EmbeddedFonts(fonts)
    get_press = cache(lambda: _resolve(press))
    images = EmbeddedImages(print_variant=chosen.press, warnings=warnings, press=get_press)
    slug = draft_slug(missing) if chosen.slug else ""
    # `layout watch` keeps each page's characters: collecting them is a tenth of a rebuild
    known = reuse.page_texts(doc.pages) if reuse is not None else None
    for index, page in enumerate(doc.pages):
        collect_page(page, embedded, images, glyph_runs=known is None)
        if known is not None:
            for role, chars in known[index]:
                embedded.collect(role, chars)
        if slug:
            embedded.collect(SLUG_ROLE, slug_text(slug, page.label))
    if chosen.decorations is not None:
        for page in doc.pages:
            chosen.decorations.collect(page, embedded)
    embedded.prepare(writer)
    images.prepare(writer)

    pages_ref = writer.reserve()
    gstates = {name: writer.add(entries) for name, entries in sorted(GSTATES.items())}
    geometries = [
        PageGeometry.of(p.width, p.height, doc.bleed, chosen.crop_marks) for p in doc.pages
    ]
    if chosen.decorations is not None:
        extra = chosen.decorations.margin
        geometries = [replace(g, margin=g.margin + extra) for g in geometries]

    def draw(indices: range) -> list[DrawnPage]:
        return [_draw(doc.pages[i], geometries[i], embedded, images, chosen, slug) for i in indices]

    def write_fonts() -> None:
        # their glyphs are known since prepare(): written, and serialised, before any page
        writer.settle(embedded.write(writer))

    if reuse is None:
        streams = _draw_on_both_cores(len(doc.pages), draw, write_fonts, alongside)
    else:  # `layout watch` (layout/watch.py): unchanged pages keep their content streams
        if alongside is not None:
            alongside()
        streams = reuse(doc.pages, geometries, (embedded, images, chosen, slug), draw)
        write_fonts()
    page_refs = [
        _page(writer, page, geometry, drawn, embedded, images, gstates, pages_ref)
        for page, geometry, drawn in zip(doc.pages, geometries, streams, strict=True)
    ]
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
        intent = OutputIntent.of(get_press())
        catalog["OutputIntents"] = [writer.add(_output_intent(writer, intent))]
    root = writer.add(catalog)
    info = writer.add(_info(doc, stamp, chosen))
    return writer.tobytes(root, info)


def _draw_on_both_cores(
    count: int,
    draw: Callable[[range], list[DrawnPage]],
    write_fonts: Callable[[], None],
    alongside: Callable[[], None] | None,
) -> list[DrawnPage]:
    """Every page's content stream. Content streams are independent once fonts and images are
    prepared: the other core runs the caller's `alongside` and draws (and compresses) pages
    from the last one back, while this one writes the fonts and draws from the first one on
    (parallel.from_both_ends; task `count` is `alongside`, which the other core starts with)."""
    drawn: list[DrawnPage | None] = [None] * (count + 1)  # the last: alongside's place

    def task(i: int) -> DrawnPage | None:
        if i < count:
            return draw(range(i, i + 1))[0]
        if alongside is not None:
            alongside()
        return None

    def here(i: int) -> None:
        drawn[i] = task(i)

    _, theirs = from_both_ends(count + 1, here, task, write_fonts)
    for i, page in theirs.items():
        drawn[i] = page
    return drawn[:count]  # type: ignore[return-value]  # every page drawn here or there


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
    slug: str = "",
) -> DrawnPage:
    under = Content()
    if variant.decorations is not None:
        variant.decorations.under(page, under, geometry, fonts)
    content = draw_page(page, fonts, geometry, images)
    if variant.decorate is not None:
        variant.decorate(page, content, geometry)
    if variant.decorations is not None:
        variant.decorations.over(page, content, geometry, fonts)
        content.fonts |= under.fonts
        content.gstates |= under.gstates
    prefix = under.tobytes() if variant.decorations is not None else b""
    if variant.crop_marks:
        draw_crop_marks(content, geometry)
    if slug:
        draw_slug(content, fonts, geometry, slug_text(slug, page.label))
    return DrawnPage(
        zlib.compress(prefix + content.tobytes(), 6),
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


def _output_intent(writer: PdfWriter, intent: OutputIntent) -> dict:
    entries = {
        "Type": Name("OutputIntent"),
        "S": Name("GTS_PDFX"),
        "OutputConditionIdentifier": Text(intent.identifier),
        "OutputCondition": Text(intent.info),
        "RegistryName": Text(intent.registry),
        "Info": Text(intent.info),
    }
    if intent.profile is not None:
        profile = Stream(intent.profile, {"N": 4})
        entries["DestOutputProfile"] = writer.add(profile)
    return entries


def _resolve(press: Press | Callable[[], Press] | None) -> Press:
    """The press: given, made when first needed (a draft without photos never needs its ICC
    profile), or the default style's."""
    if press is None:
        return _default_press()
    return press() if callable(press) else press


def _default_press() -> Press:
    """The default style's press (FOGRA39), for callers that name none."""
    from layout.color.ready import ready_press
    from layout.style.sheet import PressSettings

    return ready_press(PressSettings())


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
        info["GTS_PDFXConformance"] = Text(PDFX_CONFORMANCE)
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
