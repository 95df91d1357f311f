"""`layout new issues/2024-04 [--from issues/2024-03]`: start the next issue's folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from layout.manifest.nextissue import CHECKLIST, plan_next_issue, write_new_issue


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Start the next issue's folder from the last one: serial and number advanced (and the "
        "year when it turns), print date a month on, sections, style, cover lines, colophon and "
        "names carried over, an empty article list, articles/ and images/ folders, and "
        f"{CHECKLIST}, the list of what is left to fill in."
    )
    parser.add_argument("issue", type=Path, help="the new issue folder, e.g. issues/2024-04")
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="ISSUE_DIR",
        help="the issue to start from (default: the latest issue beside the new folder, by "
        "year and number)",
    )


def run(args: argparse.Namespace) -> int:
    plan = plan_next_issue(args.issue, args.source)
    write_new_issue(args.issue, plan.files)
    for note in plan.notes:
        print(note, file=sys.stderr)
    n = plan.numbers
    print(
        f"{args.issue}: 总第{n.serial}期, {n.year}年第{n.number}期, from {plan.previous.name}; "
        f"what to fill in: {args.issue / CHECKLIST}"
    )
    return 0
