"""The preflight of one PDF: open it, scan every page once, run each family of checks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from layout.preflight.annotations import check_annotations
from layout.preflight.boxes import check_boxes
from layout.preflight.colours import check_colour_spaces
from layout.preflight.findings import Findings
from layout.preflight.fonts import check_fonts
from layout.preflight.identification import (
    check_identification,
    check_output_intent,
    identify,
)
from layout.preflight.images import check_images
from layout.preflight.ink import InkSummary, check_ink
from layout.preflight.pages import check_page_count, check_placeholders
from layout.preflight.scan import MAX_OPERATORS, PageScan, Scanner
from layout.preflight.source import Options, open_pdf, pdf_version, printed_area
from layout.preflight.transparency import check_transparency


@dataclass
class Summary:
    """Facts about the file for the report's head."""

    path: Path
    size: int = 0  # bytes
    sha256: str = ""
    pages: int = 0
    pdf_version: str = ""
    declared: str | None = None  # the PDF/X the file claims, as it claims it
    standard: str = "x1a"  # the rules applied
    intent: str = ""
    fonts: int = 0
    images: int = 0
    placeholders: int = 0
    spots: list[str] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # page -> its label where it differs
    ink: InkSummary = InkSummary(0.0, None, 0)
    ink_limit: float = 300.0


@dataclass
class Result:
    summary: Summary
    findings: Findings

    @property
    def passed(self) -> bool:
        return not any(f.severity.value == "error" for f in self.findings.items)


def preflight(path: Path, options: Options | None = None) -> Result:
    """Check the PDF at `path`; a file that cannot be opened raises LayoutError."""
    options = options or Options()
    data = _digest(path)
    with open_pdf(path) as pdf:
        summary = Summary(path, size=data[0], sha256=data[1], ink_limit=options.ink_limit)
        findings = Findings()
        _check(pdf, path, options, summary, findings)
    return Result(summary, findings)


def _check(
    pdf: pikepdf.Pdf, path: Path, options: Options, summary: Summary, findings: Findings
) -> None:
    if repairs := pdf.get_warnings():
        findings.warning(
            "damaged",
            "the file is damaged; the reader repaired it",
            "ask for a new export: a RIP may not repair it the same way",
            detail=str(repairs[0])[:200],
        )
    claim = identify(pdf)
    standard = options.standard if options.standard != "auto" else claim.standard or "x1a"
    summary.pages, summary.pdf_version = len(pdf.pages), pdf_version(pdf)
    summary.labels = page_labels(pdf)
    summary.declared, summary.standard = claim.label, standard
    check_identification(pdf, claim, standard, summary.pdf_version, findings)
    summary.intent = check_output_intent(pdf, standard, findings)
    check_boxes(pdf, findings)
    scans = _scan(pdf, findings)
    summary.fonts = check_fonts(scans, findings)
    summary.spots = check_colour_spaces(scans, standard, findings)
    summary.ink = check_ink(pdf, path, scans, options, findings)
    summary.images = check_images(scans, findings)
    check_transparency(scans, standard, findings)
    check_annotations(pdf, findings)
    check_page_count(pdf, options.page_multiple, findings)
    summary.placeholders = check_placeholders(scans, claim.label is not None, findings)


def _scan(pdf: pikepdf.Pdf, findings: Findings) -> list[PageScan]:
    scans = []
    for number, page in enumerate(pdf.pages, start=1):
        scan = Scanner(number, printed_area(page)).run(page)
        if scan.incomplete:
            findings.warning(
                "content",
                f"more than {MAX_OPERATORS:,} drawing operators: the page was checked in part",
                "check this page's colours, fonts and images in Acrobat too",
                page=number,
            )
        for problem in scan.problems:
            findings.error(
                "content",
                "the page's content cannot be read in full",
                "ask for a new export: a RIP may fail on this page too",
                page=number,
                detail=problem,
            )
        scans.append(scan)
    return scans


def page_labels(pdf: pikepdf.Pdf) -> dict[int, str]:
    """Page labels (封一, 封二, 01, ...) where they differ from the page numbers."""
    if "/PageLabels" not in pdf.Root:
        return {}
    labels = {}
    for number, page in enumerate(pdf.pages, start=1):
        try:
            label = page.label
        except (pikepdf.PdfError, ValueError, TypeError):
            continue
        if label and label != str(number):
            labels[number] = label
    return labels


def _digest(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of the file, naming exactly what was checked in the report."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0, ""  # open_pdf says why
    return len(data), hashlib.sha256(data).hexdigest()
