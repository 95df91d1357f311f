"""`layout import SOURCE.md -o issues/NEW`: OCR/Markdown text to a draft issue folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from layout.errors import LayoutError
from layout.importer.pipeline import build_draft, issue_files
from layout.importer.writer import write_issue_folder
from layout.inputs import MB, read_input
from layout.manifest.files import decode_utf8

SOURCE_BYTES = 20 * MB  # the OCR text of one issue is about 200 kB


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
    check_style_name(args.style)
    # a regular file only: a FIFO or a terminal would block the read forever
    source = decode_utf8(args.source, read_input(args.source, SOURCE_BYTES, "source file"))
    draft = build_draft(source)
    files = issue_files(draft, args.style, str(args.source))
    write_issue_folder(args.output, files, args.force, args.source)
    questions = len(draft.log.questions)
    print(
        f"{args.output}: {len(draft.articles)} articles; "
        f"{questions} questions in {args.output / 'import-report.md'}"
    )
    return 0


def check_style_name(name: str) -> None:
    """The --style must name a sheet in styles/, as issue.yaml's `style:` must."""
    from layout.style.load import STYLE_NAME, known_styles

    known = known_styles()
    if not STYLE_NAME.fullmatch(name) or name not in known:
        raise LayoutError(
            f"unknown style '{name[:64]}'",
            hint="--style takes the name of a sheet in styles/: " + ", ".join(known),
        )
