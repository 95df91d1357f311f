"""Annotations inside the trim: comments, links, form fields and stamps print (or not) at the
whim of the RIP, so PDF/X keeps them out of the printed area. Printer's marks and trap networks
are the exceptions the standard makes."""

from __future__ import annotations

import pikepdf

from layout.preflight.findings import Findings
from layout.preflight.source import as_box, page_box

ALLOWED = {"/PrinterMark", "/TrapNet", "/Popup"}


def check_annotations(pdf: pikepdf.Pdf, findings: Findings) -> None:
    for number, page in enumerate(pdf.pages, start=1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        trim = page_box(page, "/TrimBox") or page_box(page, "/MediaBox")
        for annot in annots:
            if not isinstance(annot, pikepdf.Dictionary):
                continue
            subtype = str(annot.get("/Subtype", "/(none)"))
            rect = as_box(annot.get("/Rect"))
            if subtype in ALLOWED or rect is None or trim is None or not _overlaps(rect, trim):
                continue
            findings.error(
                "annotation-in-trim",
                f"a {subtype[1:]} annotation lies inside the trim",
                "remove or flatten comments, links, form fields and stamps before print",
                page=number,
            )


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[2] > b[0] and a[0] < b[2] and a[3] > b[1] and a[1] < b[3]
