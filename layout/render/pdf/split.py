"""The split cover: 封一, 封二, 封三 and 封四 as one PDF (cover.pdf) and the inside pages as
another (text.pdf), for a cover printed on heavier stock.

Both are written from the issue's positioned pages, by the same writer as issue.pdf (only the
pages differ: `render_pdf(select=...)`), so each page is the issue's page to the glyph, with its
bleed, crop marks, boxes and the PDF/X-1a output intent. The cover is the four cover pages in
their printing order, as a print shop imposes a cover: outside (封一), inside front (封二),
inside back (封三), outside back (封四). The issue's page count is a multiple of 4 (saddle
stitching), so the text pages are too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from layout.atomic import write_output
from layout.errors import LayoutError
from layout.fonts.registry import FontRegistry
from layout.render.model import Document
from layout.render.pdf.document import missing_images, render_pdf

if TYPE_CHECKING:
    from collections.abc import Callable

    from layout.color.ready import Press
    from layout.pipeline import Composed

COVER_LABELS = ("封一", "封二", "封三", "封四")
COVER_FILE, TEXT_FILE = "cover.pdf", "text.pdf"


@dataclass(frozen=True)
class Split:
    """Indices into the document's pages: the cover's, in COVER_LABELS order, and the text's."""

    cover: tuple[int, ...]
    text: tuple[int, ...]


def split_cover(doc: Document) -> Split:
    """The cover pages (by their labels) and the others, in order; LayoutError when the
    document lacks a cover page or its text pages are no multiple of 4."""
    by_label = {page.label: index for index, page in enumerate(doc.pages)}
    absent = [label for label in COVER_LABELS if label not in by_label]
    if absent:
        raise LayoutError(
            f"no split cover: the issue has no page {', '.join(absent)}",
            hint="build without --split-cover",
        )
    cover = tuple(by_label[label] for label in COVER_LABELS)
    text = tuple(index for index in range(len(doc.pages)) if index not in cover)
    if len(text) % 4:
        raise LayoutError(
            f"no split cover: {len(text)} text pages, not a multiple of 4",
            hint="the issue's pages are printed in sheets of 4",
        )
    return Split(cover, text)


def render_split(
    doc: Document,
    fonts: FontRegistry,
    *,
    date: str,
    press: Press | Callable[[], Press] | None = None,
    warnings: list[str] | None = None,
) -> dict[str, bytes]:
    """{"cover.pdf": ..., "text.pdf": ...}: the print variant of each part (the draft when the
    issue still has placeholders, in either part)."""
    split = split_cover(doc)
    return {
        name: render_pdf(
            doc,
            fonts,
            variant="print",
            date=date,
            press=press,
            warnings=warnings,
            select=pages,
        )
        for name, pages in ((COVER_FILE, split.cover), (TEXT_FILE, split.text))
    }


def write_split(composed: Composed, folder: Path, press: Press | Callable[[], Press]) -> str:
    """Write cover.pdf and text.pdf of the composed issue into `folder`, dated as issue.pdf
    (layout/publish.py); returns the line that tells the editor.

    Both files are rendered before either is written, so an error leaves both as they were;
    each is then written atomically (layout/atomic.py)."""
    doc, meta = composed.result.document, composed.issue.meta
    date = meta.print_date.isoformat() if meta.print_date else "2000-01-01"
    parts = render_split(doc, composed.fonts, date=date, press=press)
    for name, data in parts.items():
        write_output(folder / name, data, f"the {name.removesuffix('.pdf')} PDF")
    split = split_cover(doc)
    kind = "draft" if missing_images(doc) else "print PDF/X-1a"
    text = [doc.pages[index].label for index in split.text]
    return (
        f"wrote {folder / COVER_FILE} ({kind}, 4 pages: {' '.join(COVER_LABELS)}) and "
        f"{folder / TEXT_FILE} ({kind}, {len(text)} pages: {text[0]}-{text[-1]}) "
        "for a cover on other stock"
    )
