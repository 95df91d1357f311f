"""`layout preflight FILE.pdf`: check a print PDF as the print shop's preflight would.

For our own PDFs and for pages from elsewhere (a client's advertisement): PDF/X identification
and output intent, page boxes, fonts, colour spaces, total ink, image resolution, transparency,
annotations in the trim, page count, image placeholders. A plain-text summary on stdout and an
HTML report (beside the PDF unless --html says where). Exit status 0 only without errors, 2 with
errors or when the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layout.preflight.source import STANDARDS, Options

EXIT_ERRORS = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("pdf", type=Path, help="the PDF to check")
    parser.add_argument(
        "--ink-limit",
        type=_ink_limit,
        default=300.0,
        metavar="PERCENT",
        help="maximum total ink (total area coverage) in per cent (default 300)",
    )
    parser.add_argument(
        "--any-page-count",
        action="store_true",
        help="do not require a multiple of 4 pages (a single advertisement page, a cover alone)",
    )
    parser.add_argument(
        "--standard",
        choices=STANDARDS,
        default="auto",
        help="the rules to apply: as the file declares (auto; PDF/X-1a if it declares none)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--html",
        type=Path,
        metavar="FILE",
        help="where to write the HTML report (default: beside the PDF, NAME.preflight.html)",
    )
    where.add_argument("--no-html", action="store_true", help="write no HTML report")
    parser.add_argument(
        "--no-render",
        action="store_true",
        help="do not render pages with Ghostscript to measure the ink of images and overprint",
    )


def run(args: argparse.Namespace) -> int:
    from layout.preflight import preflight
    from layout.preflight.report_html import write_html_report
    from layout.preflight.report_text import text_report

    options = Options(
        ink_limit=args.ink_limit,
        page_multiple=1 if args.any_page_count else 4,
        standard=args.standard,
        render=not args.no_render,
    )
    result = preflight(args.pdf, options)
    sys.stdout.write(text_report(result, str(args.pdf)))
    sys.stdout.flush()  # the findings are out even if the report cannot be written
    report = None if args.no_html else args.html or html_beside(args.pdf)
    if report is not None:
        write_html_report(result, report)
        print(f"report: {report}")
    return 0 if result.passed else EXIT_ERRORS


def html_beside(pdf: Path) -> Path:
    """issue.pdf -> issue.preflight.html, in the PDF's folder."""
    stem = pdf.name[:-4] if pdf.name.lower().endswith(".pdf") else pdf.name
    return pdf.with_name(f"{stem}.preflight.html")


def _ink_limit(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 400:
        raise argparse.ArgumentTypeError("give a per cent between 0 and 400, e.g. 300")
    return value
