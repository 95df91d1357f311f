"""`layout import SOURCE.md -o issues/NEW`: OCR/Markdown text to a draft issue folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.importer.pipeline import build_draft, issue_files
from layout.importer.writer import write_issue_folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", type=Path, help="OCR Markdown text of one issue")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="issue folder to create (must not exist or be empty)",
    )
    parser.add_argument(
        "--style",
        default="hrb-zhengxie",
        help="style sheet name written to issue.yaml (default: %(default)s)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an existing non-empty output folder"
    )


def run(args: argparse.Namespace) -> int:
    try:
        source = args.source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LayoutError(
            f"cannot read source: {error}", Location(args.source), "give a UTF-8 text file"
        ) from error
    draft = build_draft(source)
    write_issue_folder(args.output, issue_files(draft, args.style, str(args.source)), args.force)
    questions = len(draft.log.questions)
    print(
        f"{args.output}: {len(draft.articles)} articles; "
        f"{questions} questions in {args.output / 'import-report.md'}"
    )
    return 0
