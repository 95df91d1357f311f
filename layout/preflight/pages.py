"""Page count and placeholders: what makes a file an issue ready for the press."""

from __future__ import annotations

import pikepdf

from layout.preflight.findings import Findings
from layout.preflight.scan import PageScan


def check_page_count(pdf: pikepdf.Pdf, multiple: int, findings: Findings) -> None:
    count = len(pdf.pages)
    if count == 0:
        findings.error("page-count", "the PDF has no pages", "export the document again")
    elif multiple > 1 and count % multiple:
        short = multiple - count % multiple
        findings.error(
            "page-count",
            f"{_n(count, 'page')}, not a multiple of {multiple}: a bound issue is printed in "
            f"sheets of {multiple} pages",
            f"add {_n(short, 'page')} or remove {count % multiple}; "
            "a single advertisement page: use --any-page-count",
        )


def check_placeholders(scans: list[PageScan], claims_pdfx: bool, findings: Findings) -> int:
    """Our image placeholders (tagged by layout/render/pdf/page.py); returns how many."""
    total = 0
    for scan in scans:
        if not scan.placeholders:
            continue
        total += scan.placeholders
        detail = f"{scan.placeholders} box{'es' if scan.placeholders > 1 else ''}"
        if claims_pdfx:
            findings.error(
                "placeholder",
                "image placeholder in a file that claims PDF/X: the image is missing",
                "put the image files in place and build again; until then the PDF is a draft",
                page=scan.number,
                detail=detail,
            )
        else:
            findings.warning(
                "placeholder",
                "image placeholder: a draft, not for print",
                "put the image files in place and build again",
                page=scan.number,
                detail=detail,
            )
    return total


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
