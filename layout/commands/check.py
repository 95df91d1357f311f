"""`layout check ISSUE_DIR`: load and validate an issue folder, print a summary. Writes nothing."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from layout.content.stats import article_text, count_han
from layout.errors import LayoutErrors
from layout.manifest import Issue, load_issue


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("issue_dir", type=Path, help="the issue folder (holds issue.yaml)")


def display_width(text: str) -> int:
    """Terminal columns of `text`: wide and fullwidth characters (汉字) take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def summary(issue: Issue) -> list[str]:
    """The report lines: one per section with its articles and Han count, then the totals."""
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
        f"{total:,} Han, {len(issue.warnings)} warnings"
    )
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        issue = load_issue(args.issue_dir)
    except LayoutErrors as errors:
        # One `file:line:column: message (hint)` line per error, however many there are.
        for error in errors.errors:
            print(error, file=sys.stderr)
        return errors.exit_status
    for warning in issue.warnings:
        print(warning, file=sys.stderr)
    print("\n".join(summary(issue)))
    return 0
