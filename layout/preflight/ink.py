"""Total ink (total area coverage) against the press's limit, 300 % by default.

First from the operators: every colour that paints inside the printed area (crop marks in
registration colour lie outside and do not count). Then, for pages with images, shadings or
overprinting (where inks of several layers add up), from a Ghostscript render. A page over the
limit is reported once, from the operators when they already tell it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from layout.preflight.findings import Findings
from layout.preflight.render import RenderError, RenderPage, measure
from layout.preflight.scan import PageScan
from layout.preflight.source import Options, page_box, printed_area

MM = 72 / 25.4
HINT = "lower the colour's total, e.g. rich black 40/30/30/100, or convert with the press profile"
_RENDER_SLACK = 0.5  # per cent: 8-bit plates round to 0.4 %


@dataclass(frozen=True)
class InkSummary:
    operators: float  # the highest total of a colour painted, per cent
    rendered: float | None  # the highest total in the render; None: no page was rendered
    rendered_pages: int


def check_ink(
    pdf: pikepdf.Pdf, path: Path, scans: list[PageScan], options: Options, findings: Findings
) -> InkSummary:
    limit = options.ink_limit
    over: set[int] = set()
    highest = 0.0
    for scan in scans:
        paint = scan.max_paint
        if paint is None:
            continue
        highest = max(highest, paint.ink)
        if paint.ink > limit + 0.05:
            over.add(scan.number)
            values = "/".join(f"{100 * v:g}" for v in paint.values)
            findings.error(
                "ink-limit",
                f"total ink over the limit of {limit:g} %",
                HINT,
                page=scan.number,
                detail=f"{paint.what} {values} in {paint.space} = {paint.ink:.0f} %",
            )
    wanted = [s.number for s in scans if s.needs_render(limit)]
    if not options.render or not wanted:
        return InkSummary(highest, None, 0)
    pages = [_render_page(pdf.pages[n - 1], n) for n in wanted]
    try:
        measured = measure(path, pages, options.render_dpi, options.timeout, limit)
    except RenderError as error:
        findings.warning(
            "ink-render",
            f"the ink of images, shadings and overprint was not measured: {error}",
            "install Ghostscript: apt-get install ghostscript",
        )
        return InkSummary(highest, None, 0)
    for ink, page in zip(measured, pages, strict=True):
        if ink.maximum > limit + _RENDER_SLACK and ink.page not in over:
            findings.error(
                "ink-limit",
                f"total ink over the limit of {limit:g} %",
                HINT,
                page=ink.page,
                detail=f"{ink.maximum:.0f} % in a {options.render_dpi} dpi render"
                + _where(ink.where, pdf.pages[page.number - 1], page),
            )
    return InkSummary(highest, max(i.maximum for i in measured), len(measured))


def _render_page(page: pikepdf.Page, number: int) -> RenderPage:
    media = page_box(page, "/MediaBox") or (0.0, 0.0, 612.0, 792.0)
    printed = printed_area(page) or media
    rotate = int(page.obj.get("/Rotate", 0) or 0)
    return RenderPage(number, media, printed, rotate)


def _where(where: tuple[float, float] | None, page: pikepdf.Page, render: RenderPage) -> str:
    """`, from 12 mm right and 40 mm down of the trim's top-left corner`."""
    if where is None:
        return ""
    trim = page_box(page, "/TrimBox") or render.printed
    dx = (trim[0] - render.printed[0]) / MM
    dy = (render.printed[3] - trim[3]) / MM
    return f", from {where[0] - dx:.0f} mm right and {where[1] - dy:.0f} mm down of the trim corner"
