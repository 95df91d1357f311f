"""`layout check ISSUE_DIR`: validate an issue folder and lay it out without writing a PDF.

Check runs everything `build` runs before the PDF writer (manifest, articles, style, fonts, the
page composer), so a problem that would stop a build is reported here first, with its position.
It writes no output (only the composition memo in the cache, which makes the next build faster).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from layout.content.stats import article_text, count_han
from layout.errors import LayoutErrors
from layout.manifest import Issue
from layout.pipeline import compose_folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("issue_dir", type=Path, help="the issue folder (holds issue.yaml)")
    parser.add_argument(
        "--no-cache", action="store_true", help="compose every paragraph afresh (no memo)"
    )


def display_width(text: str) -> int:
    """Terminal columns of `text`: wide and fullwidth characters (汉字) take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def summary(issue: Issue, warnings: int | None = None) -> list[str]:
    """The report lines: one per section with its articles and Han count, then the totals
    (`warnings`: how many were printed; the loader's by default)."""
    meta = issue.meta
    lines = [
        f"{issue.folder}: {issue.magazine.title} {meta.year}年第{meta.number}期 "
        f"(总第{meta.serial}期), style {meta.style}",
    ]
    total = 0
    id_width = max((len(section.id) for section in issue.sections), default=0)
    name_width = max((display_width(section.name) for section in issue.sections), default=0)
    for section in issue.sections:
        entries = issue.articles_in(section.id)
        han = sum(count_han(article_text(entry.content)) for entry in entries)
        total += han
        noun = "article" if len(entries) == 1 else "articles"
        name = section.name + " " * (name_width - display_width(section.name))
        lines.append(
            f"  {section.id:<{id_width}}  {name}  {len(entries):>3} {noun:<8} {han:>7,} Han"
        )
    lines.append(
        f"{len(issue.sections)} sections, {len(issue.articles)} articles, "
        f"{total:,} Han, {len(issue.warnings) if warnings is None else warnings} warnings"
    )
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        composed = compose_folder(args.issue_dir, use_memo=not args.no_cache)
    except LayoutErrors as errors:
        # One `file:line:column: message (hint)` line per error, however many there are.
        for error in errors.errors:
            print(error, file=sys.stderr)
        return errors.exit_status
    composed.save_caches()
    for warning in composed.warnings:  # `file:line:column: warning: ...`, in reading order
        print(warning, file=sys.stderr)
    print("\n".join(summary(composed.issue, len(composed.warnings))))
    return 0
