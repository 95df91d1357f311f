"""`layout build ISSUE_DIR`: lay out an issue and write output/<issue>/issue.pdf."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from layout.compose.document import BuildResult, FitRow
from layout.errors import LayoutError
from layout.fit_columns import fit_help
from layout.pipeline import compose_folder
from layout.publish import press_for, publish, report_failure
from layout.render.pdf.split import write_split

OUTPUT_ROOT = Path("output")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("issue", type=Path, help="the issue folder, e.g. issues/2024-03")
    parser.add_argument("-o", "--output", type=Path, help="output folder (default output/<issue>)")
    parser.add_argument("--quiet", action="store_true", help="no fit report")
    parser.add_argument(
        "--no-report",
        action="store_true",
        help="no report.html (page thumbnails, fit table, warnings) beside the PDF",
    )
    parser.epilog = FIT_HELP
    parser.formatter_class = _HelpWithFitColumns
    parser.add_argument(
        "--no-cache", action="store_true", help="compose every paragraph afresh (no memo)"
    )
    parser.add_argument(
        "--press",
        metavar="CONDITION",
        help="the press condition, instead of the style's press.condition: "
        "fogra39 or japan-color-2001-coated",
    )
    parser.add_argument(
        "--split-cover",
        action="store_true",
        help="also write cover.pdf (封一 封二 封三 封四) and text.pdf (the inside pages) "
        "beside issue.pdf, for a cover printed on heavier stock",
    )


FIT_HELP = "(the fit report's columns)"  # replaced by fit_help() when --help is printed


class _HelpWithFitColumns(argparse.RawDescriptionHelpFormatter):
    """--help's epilog, the fit report's columns, made only when help is printed (wrapping it
    would cost every build)."""

    def add_text(self, text: str | None) -> None:
        super().add_text(fit_help() if text == FIT_HELP else text)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out_dir = args.output or OUTPUT_ROOT / args.issue.resolve().name
    try:
        # the last check of the composition runs as the PDF is drawn, on the second core
        composed = compose_folder(args.issue, use_memo=not args.no_cache, account=False)
    except LayoutError as error:
        # report.html shows the errors (and the last good PDF's pages)
        if not args.no_report and args.issue.is_dir():
            trouble = report_failure(out_dir, error, args.issue)
            if trouble:
                print(trouble, file=sys.stderr)
        raise
    result = composed.result
    # every warning, the images' included (`file:line:column: warning: ...`): the writer's own
    # image warnings would only repeat them without their positions
    for warning in composed.warnings:
        print(warning, file=sys.stderr)
    press = press_for(composed, args.press)
    written = publish(composed, out_dir, press, report=not args.no_report)
    if args.split_cover:  # the same pages as cover.pdf and text.pdf (layout/render/pdf/split.py)
        print(write_split(composed, out_dir, press))
    if written.missing:
        print(written.draft_notice(), file=sys.stderr)
    composed.save_caches()
    if not args.quiet:
        print(fit_report(result))
    elapsed = time.perf_counter() - started
    print(
        f"wrote {written.path} ({written.kind}): {written.pages} pages in {elapsed:.2f} s "
        f"({result.iterations} layout passes)"
    )
    return 0


def fit_report(result: BuildResult) -> str:
    """One line per article: pages and column-lines used against the planned space."""
    lines = [
        "article                          section  pages   planned  lines  planned  over/under"
    ]
    for row in result.fit:
        lines.append(_fit_line(row))
        lines += [f"    → {remedy.text}" for remedy in row.remedies]
    lines.append(FIT_LEGEND)
    return "\n".join(lines)


FIT_LEGEND = (
    "(lines: column-rows used, a line of one column each; planned: up to the next page hint,\n"
    " ~ by the section's rule; * starts on another page than planned; → what would land it)"
)


def _fit_line(row: FitRow) -> str:
    pages = f"{row.first_folio:02d}" + (
        f"-{row.last_folio:02d}" if row.last_folio != row.first_folio else ""
    )
    # planned by the section's rule (no page hints reach it): marked with ~
    planned = "" if row.planned is None else ("~" if row.basis == "rule" else "") + str(row.planned)
    hint = "" if row.planned_page is None else f"{row.planned_page:02d}"
    if hint and row.planned_page != row.first_folio:
        hint += "*"  # starts elsewhere than planned
    diff = row.difference
    verdict = (
        ""
        if diff is None
        else (f"+{diff} over" if diff > 0 else f"{diff} under" if diff < 0 else "exact")
    )
    section = row.section + " " * (8 - 2 * len(row.section))  # Han take two columns
    return (
        f"{row.article[:32]:<32} {section} {pages:<7} {hint:<7}  {row.rows:>5}  {planned:>7}  "
        f"{verdict}"
    )
