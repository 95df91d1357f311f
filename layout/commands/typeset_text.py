"""`layout typeset-text FILE.txt`: set a plain text file in one justified column.

One paragraph per line (blank lines are ignored), a 2 em first-line indent, the body font role,
lines on a fixed pitch, as many pages as needed. It exercises the line composer, the real font
metrics and the magazine's PDF writer on any text, without an issue folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path

from layout.atomic import write_output
from layout.compose.setter import line_runs
from layout.errors import LayoutError, Location
from layout.fonts import FontMetrics, FontRegistry, MissingGlyphError
from layout.fonts.fallback import fallback_message, fallback_uses
from layout.fonts.roles import FALLBACK_SEPARATOR
from layout.manifest.files import read_text
from layout.parallel import in_parallel
from layout.render.model import Document, Page
from layout.render.pdf import render_pdf
from layout.text.compose import compose_paragraph
from layout.text.model import Line, ParagraphSpec, Run, placed_glyphs

MM = 72 / 25.4
ROLE = "body"


@dataclass(frozen=True)
class Sheet:
    """The page: one column of `chars` em on a grid of `lines` lines, with generous margins."""

    chars: int
    size: float
    pitch: float  # pt between baselines
    lines: int
    margin: float = 20 * MM

    @property
    def measure(self) -> float:
        return self.chars * self.size

    @property
    def width(self) -> float:
        return self.measure + 2 * self.margin

    @property
    def height(self) -> float:
        return self.lines * self.pitch + 2 * self.margin


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="plain UTF-8 text, one paragraph per line")
    parser.add_argument("--chars", type=int, default=24, help="characters per line (measure)")
    parser.add_argument("--size", type=float, default=9.5, help="body size in pt")
    parser.add_argument("--pitch", type=float, default=1.6, help="line pitch as a factor of size")
    parser.add_argument("--lines", type=int, default=40, help="lines per page")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    parser.add_argument("--variant", choices=("print", "proof"), default="print")
    parser.add_argument("--date", default="2000-01-01", help="CreationDate/ModDate (ISO 8601)")


def run(args: argparse.Namespace) -> int:
    if args.chars < 4 or args.size <= 0 or args.pitch < 1 or args.lines < 1:
        raise LayoutError("need --chars >= 4, --size > 0, --pitch >= 1 and --lines >= 1")
    sheet = Sheet(args.chars, args.size, args.size * args.pitch, args.lines)
    started = time.perf_counter()
    paragraphs = read_paragraphs(args.file)
    registry = FontRegistry.load()
    metrics = FontMetrics(registry)

    def compose_all(part: list[tuple[int, int, str]]) -> list[Line]:
        return [
            line
            for number, lead, text in part
            for line in compose_at(args.file, number, lead, text, sheet, metrics)
        ]

    half = len(paragraphs) // 2  # the second half is composed on the other core
    first, second = in_parallel(
        lambda: compose_all(paragraphs[:half]),
        lambda: _plain(compose_all(paragraphs[half:])),
    )
    lines = first + _lines(second)
    for warning in fallback_notes(args.file, paragraphs, lines, registry):
        print(warning, file=sys.stderr)
    composed = time.perf_counter()
    pages = paginate(lines, sheet, metrics.ascender(ROLE))
    document = Document(pages, title=args.file.stem)
    data = render_pdf(document, registry, variant=args.variant, date=args.date)
    write_output(args.output, data, "the PDF")  # disk full & co. are one-line errors
    done = time.perf_counter()
    print(
        f"wrote {args.output}: {len(paragraphs)} paragraphs, {len(lines)} lines, "
        f"{len(pages)} pages; compose {composed - started:.2f} s, "
        f"render {done - composed:.2f} s ({(done - composed) / max(len(pages), 1):.3f} s/page)",
        file=sys.stderr,
    )
    return 0


def _plain(lines: list[Line]) -> list[tuple]:
    """Lines as plain tuples, which pickle at C speed: a named tuple per glyph costs a Python
    call each way (160 ms for the half of a 50-page text that comes back from the child)."""
    return [
        (
            tuple(map(tuple, line.glyphs)),
            line.width,
            line.start,
            line.end,
            line.is_last,
            line.indent,
        )
        for line in lines
    ]


def _lines(plain: list[tuple]) -> list[Line]:
    """_plain undone: the glyphs made PlacedGlyphs again (no Python call each)."""
    return [Line(placed_glyphs(glyphs), *rest) for glyphs, *rest in plain]


ASCII_BLANKS = " \t\r\n\f\v"


def read_paragraphs(path: Path) -> list[tuple[int, int, str]]:
    """(line number, columns of leading blanks, text) of each non-blank line."""
    if not path.is_file():
        raise LayoutError("no such file", Location(path), "give the path of a UTF-8 text file")
    result = []
    for number, raw in enumerate(read_text(path).splitlines(), start=1):
        # ASCII blanks only: an ideographic space (U+3000) at an edge is text, a 1 em blank
        text = raw.strip(ASCII_BLANKS)
        if text:
            result.append((number, len(raw) - len(raw.lstrip(ASCII_BLANKS)), text))
    if not result:  # a PDF of no pages is no PDF at all (pdfinfo rejects it)
        raise LayoutError(
            "the text is empty",
            Location(path),
            "it has no line with anything but blanks; give one paragraph per line",
        )
    return result


def compose_at(
    path: Path, number: int, lead: int, text: str, sheet: Sheet, metrics: FontMetrics
) -> list[Line]:
    """The lines of one paragraph; a missing glyph is reported at its line and column."""
    spec = ParagraphSpec(runs=(Run(text, ROLE),), measure=float(sheet.chars), indent=2.0)
    try:
        return list(compose_paragraph(spec, metrics).lines)
    except MissingGlyphError as error:
        column = lead + text.find(error.char) + 1 if error.char in text else 0
        raise error.at(Location(path, number, column)) from None


def fallback_notes(
    path: Path, paragraphs: list[tuple[int, int, str]], lines: list[Line], registry: FontRegistry
) -> list[str]:
    """`file:line:column: warning: ...` once per character printed in a fallback font."""
    fonts = set(chain.from_iterable(map(_FONT, line.glyphs) for line in lines))
    if not any(FALLBACK_SEPARATOR in font for font in fonts):
        return []  # every glyph in its role's own face (the usual text): nothing to tell
    uses = fallback_uses((g.font, g.text) for line in lines for g in line.glyphs)
    notes = []
    for use in uses:
        number, column = next(
            (number, lead + text.index(use.char) + 1)
            for number, lead, text in paragraphs
            if use.char in text
        )
        where = Location(path, number, column)
        notes.append(f"{where}: warning: {fallback_message(use, registry)}")
    return notes


_FONT = itemgetter(3)  # of a PlacedGlyph


def paginate(lines: list[Line], sheet: Sheet, ascender: float) -> list[Page]:
    """Fill pages line by line; each em box sits in the middle of its grid line."""
    into_line = (sheet.pitch - sheet.size) / 2 + ascender * sheet.size
    pages = []
    for start in range(0, len(lines), sheet.lines):
        page = Page(sheet.width, sheet.height, label=str(len(pages) + 1))
        for row, line in enumerate(lines[start : start + sheet.lines]):
            baseline = sheet.margin + row * sheet.pitch + into_line
            page.items += line_runs(line, sheet.size, sheet.margin, baseline)
        pages.append(page)
    return pages
