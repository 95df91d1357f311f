"""The build's last step, shared by `layout build` and `layout watch`: the issue's PDF written
beside report.html, or, when the build fails, a report that shows the errors.

The PDF is the print PDF (PDF/X-1a for the style's press condition, or the one named by
`--press`) when every image slot has its image, and the draft otherwise (layout/render/pdf).
Both files are written atomically: a failed build leaves the last good PDF in place, and the
report says that the pages it shows are that PDF's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from layout.atomic import write_output
from layout.errors import LayoutError
from layout.render.pdf import Missing, missing_images, render_pdf

if TYPE_CHECKING:
    from collections.abc import Callable

    from layout.color.ready import Press
    from layout.pipeline import Composed
    from layout.render.pdf.document import KeptPages

PDF_NAME = "issue.pdf"


@dataclass(frozen=True)
class Published:
    """What the output step wrote."""

    path: Path
    pages: int
    missing: Missing  # placeholders left: the PDF is a draft when there are any
    condition: str  # the press condition's identifier, e.g. FOGRA39
    pdf: bytes = field(default=b"", repr=False)  # what was written (for a report made later)

    @property
    def kind(self) -> str:
        return "draft" if self.missing else f"print PDF (PDF/X-1a, {self.condition})"

    def draft_notice(self) -> str:
        """What the editor is told when the PDF written is a draft ("" for a print PDF)."""
        if not self.missing:
            return ""
        images = "1 image is" if self.missing.images == 1 else f"{self.missing.images} images are"
        pages = "1 page" if self.missing.pages == 1 else f"{self.missing.pages} pages"
        return (
            f"wrote a draft, not a print PDF: {images} missing (placeholders on {pages}); "
            "the print PDF is written when every slot has its image"
        )


def press_for(composed: Composed, override: str | None = None) -> Callable[[], Press]:
    """The press condition of the build: its name is checked now (an unknown one is an error
    whatever the PDF), its ICC profile found (or built once) when the PDF first needs it: a
    draft without photos never does, and spares loading Pillow and LittleCMS."""
    from layout.color.press import press_condition

    settings = composed.style.press
    press_condition(override or settings.condition)

    @cache
    def ready() -> Press:
        from layout.color.ready import ready_press

        return ready_press(settings, override)

    return ready


def publish(
    composed: Composed,
    out_dir: Path,
    press: Callable[[], Press],
    *,
    report: bool = True,
    reuse: KeptPages | None = None,
) -> Published:
    """Write out_dir/issue.pdf (and report.html beside it unless `report` is False).

    `reuse` is render_pdf's: content streams kept from the last build (layout/watch.py).
    The composition's accounting, when it was left to this step (`result.verify`), runs
    while the pages are drawn; what it raises stops the PDF before it is written."""
    document = composed.result.document
    meta = composed.issue.meta
    date = meta.print_date.isoformat() if meta.print_date else "2000-01-01"
    path = out_dir / PDF_NAME
    data = render_pdf(
        document,
        composed.fonts,
        variant="print",
        date=date,
        press=press,
        reuse=reuse,
        alongside=composed.result.verify,
    )
    write_output(path, data, "the PDF")  # disk full & co. are one-line errors; the old PDF stays
    if report:
        from layout.report import write_report

        write_report(path, data, composed)
    missing = missing_images(document)
    condition = "" if missing else press().condition.identifier  # a print PDF has its press
    return Published(path, len(document.pages), missing, condition, data)


def report_failure(out_dir: Path, error: LayoutError, issue: Path) -> str:
    """Write report.html for a build that failed: its errors, and the pages of the last good
    PDF when there is one. Returns "" or, when the report cannot be written, a line saying so
    (the build's own errors are what the editor must see first)."""
    from layout.compose.report import flatten
    from layout.report import write_failure_report

    try:
        errors = [str(e) for e in flatten(error)]
        write_failure_report(out_dir / PDF_NAME, errors, title=issue.resolve().name)
    except LayoutError as trouble:
        return f"the report of the failed build was not written: {trouble}"
    return ""
