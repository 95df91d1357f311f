"""`layout import SOURCE.md -o issues/NEW`: OCR/Markdown text to a draft issue folder.
`layout import A.docx B.docx NOTES.md -o issues/NEW` or `--into issues/2024-04`: Word files
(one article each) and Markdown texts to a draft, or added to an existing issue."""

from __future__ import annotations

import argparse
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.importer.articles import Articles, is_word, read_articles
from layout.importer.into import add_to_issue
from layout.importer.pipeline import MODES, build_draft, issue_files
from layout.importer.settings import DEFAULT_STYLE, Options, find_previous, read_previous
from layout.importer.writer import write_issue_folder
from layout.inputs import MB, is_folder, read_input, shown
from layout.manifest.files import decode_utf8

SOURCE_BYTES = 20 * MB  # the OCR text of one issue is about 200 kB


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source",
        type=Path,
        nargs="+",
        help="OCR Markdown text of one issue, or article files: Word .docx (one article each) "
        "and Markdown texts",
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "-o",
        "--output",
        type=Path,
        help="issue folder to create (must not exist or be empty)",
    )
    target.add_argument(
        "--into",
        type=Path,
        metavar="ISSUE_DIR",
        help="an existing issue folder: the articles are added at the end of its article list "
        "(photos to its images/)",
    )
    parser.add_argument(
        "--style",
        help="style sheet name written to issue.yaml (default: the previous issue's, "
        f"else {DEFAULT_STYLE})",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace an existing non-empty output folder"
    )
    numbers = parser.add_argument_group(
        "what the text does not say (default: carried over from the previous issue, "
        "each guess listed in import-report.md)"
    )
    numbers.add_argument("--serial", type=_positive, help="总第N期")
    numbers.add_argument("--year", type=_positive, help="the issue's year")
    numbers.add_argument("--number", type=_positive, help="第N期 of the year")
    numbers.add_argument(
        "--section",
        metavar="ID[=NAME]",
        help="the section of articles the text puts in none (e.g. guanzhu=关注)",
    )
    numbers.add_argument("--magazine", help="the magazine's title")
    numbers.add_argument(
        "--previous",
        type=Path,
        metavar="ISSUE_DIR",
        help="the issue to carry sections, style, cover and colophon over from (default: "
        "the latest issue beside the output folder)",
    )
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="auto",
        help="ocr: a printed issue's OCR text (front matter, rejoined paragraphs); markdown: "
        "articles under ## headings, taken as written; auto (default): ocr when the text "
        "has a cover or contents page",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 < value < 100_000:
        raise argparse.ArgumentTypeError(f"not a positive number below 100000: {text}")
    return value


def options_of(args: argparse.Namespace) -> Options:
    """The importer's options from the command line."""
    return Options(
        serial=args.serial,
        year=args.year,
        number=args.number,
        section=args.section,
        style=args.style,
        magazine=args.magazine,
        previous=args.previous,
        search=args.output.parent if args.output is not None else None,
        exclude=args.output,
    )


def run(args: argparse.Namespace) -> int:
    if args.into is not None or len(args.source) > 1 or is_word(args.source[0]):
        return run_articles(args)
    args.source = args.source[0]
    if args.style is not None:
        check_style_name(args.style)
    if args.previous is not None and not is_folder(args.previous):
        raise LayoutError(
            "--previous is not an issue folder", Location(shown(args.previous)), "check the path"
        )
    options = options_of(args)
    # a regular file only: a FIFO or a terminal would block the read forever
    source = decode_utf8(args.source, read_input(args.source, SOURCE_BYTES, "source file"))
    names = section_names(options)
    draft = build_draft(source, args.mode, names)
    files = issue_files(draft, options, str(args.source))
    write_issue_folder(args.output, files, args.force, args.source)
    questions = len(draft.log.questions)
    print(
        f"{args.output}: {len(draft.articles)} articles; "
        f"{questions} questions in {args.output / 'import-report.md'}"
    )
    return 0


def run_articles(args: argparse.Namespace) -> int:
    """Word files and Markdown texts, each read as articles (no issue front matter)."""
    if args.mode == "ocr":
        raise LayoutError(
            "--mode ocr reads the OCR text of one whole issue: import it alone with -o",
            hint="drop --mode ocr to read these files as articles",
        )
    found = read_articles(args.source, lambda path: read_input(path, SOURCE_BYTES, "source file"))
    names = ", ".join(str(p) for p in args.source)
    if args.into is not None:
        count = add_to_issue(args.into, found, args.section, names)
        where = args.into
    else:
        if args.style is not None:
            check_style_name(args.style)
        options = options_of(args)
        files: dict[str, str | bytes] = dict(issue_files(found.draft, options, names))
        files.update((f"images/{name}", data) for name, data in found.images.items())
        write_issue_folder(args.output, files, args.force)
        count, where = len(found.draft.articles), args.output
    print(import_summary(found, count, where))
    return 0


def import_summary(found: Articles, count: int, where: Path) -> str:
    """What was done, the text normalisation counted per kind, and the open questions."""
    log = found.draft.log
    lines = [f"{where}: {count} articles imported, {len(found.images)} photos to images/"]
    for kind in log.changes:
        lines.append(f"  normalised: {kind}: {log.total(kind)}")
    lines.append(f"  {len(log.questions)} questions in {where / 'import-report.md'}")
    return "\n".join(lines)


def check_style_name(name: str) -> None:
    """The --style must name a sheet in styles/, as issue.yaml's `style:` must."""
    from layout.style.load import STYLE_NAME, known_styles

    known = known_styles()
    if not STYLE_NAME.fullmatch(name) or name not in known:
        raise LayoutError(
            f"unknown style '{name[:64]}'",
            hint="--style takes the name of a sheet in styles/: " + ", ".join(known),
        )


def section_names(options: Options) -> set[str]:
    """The section names a heading of the text may name (`# 关注`): the previous issue's."""
    try:
        previous = (
            read_previous(options.previous)
            if options.previous is not None
            else find_previous(options.search, options.exclude)
            if options.search is not None
            else None
        )
    except LayoutError:
        return set()
    sections = previous.get("sections") if previous else None
    if not isinstance(sections, list):
        return set()
    return {str(s["name"]) for s in sections if isinstance(s, dict) and s.get("name")}
