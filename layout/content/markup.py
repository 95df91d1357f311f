"""The article markup parser (docs/manifest.md, "Article markup").

A line-oriented state machine: each line is classified by its first characters (`#`, `>`,
`@name`, `1.`, `%`, blank, or text), marker lines become blocks at once, text lines gather
into a paragraph until a blank line or a marker line ends it. The machine remembers only
what the rules need: which head lines were seen, whether body text started, the open `@box`
and the open `@work`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from layout.content import model as m
from layout.content.charcheck import check_text, reports
from layout.content.image_options import parse_image_options
from layout.content.inline import SourceLine, parse_inline, plain_text
from layout.content.model import Article, Block, TextLine
from layout.content.tidy import HINT as FIX_HINT
from layout.content.tidy import Artefact, capped, scan_text
from layout.errors import LayoutError, LayoutErrors, Location
from layout.inputs import close_matches

HEAD_DIRECTIVES = ("series", "byline", "author", "date", "standfirst")
TEXT_DIRECTIVES = {
    "num": m.NUM,
    "salutation": m.SALUTATION,
    "org": m.ORG,
    "unit": m.UNIT,
    "source": m.SOURCE,
    "credit": m.CREDIT,
    "artist": m.ARTIST,
    "bio": m.BIO,
}
DIRECTIVES = (*HEAD_DIRECTIVES, *TEXT_DIRECTIVES, "image", "box", "end", "work")

# What a box and a gallery work may hold.
BOX_CHILDREN = frozenset({m.PARA, m.ITEM, m.SUBHEAD, m.BAND, m.NUM, m.SALUTATION})
WORK_CHILDREN = frozenset({m.ARTIST, m.BIO, m.IMAGE})

ITEM_DOTS = ".．"
MAX_ITEM_DIGITS = 3  # "2024. " is not an item number


@dataclass
class _Container:
    """An open `@box` or `@work` collecting its children."""

    kind: str
    spans: tuple[m.Span, ...]
    location: Location
    children: list[Block] = field(default_factory=list)

    def close(self) -> Block:
        return Block(self.kind, self.spans, self.location, children=tuple(self.children))


def _split_word(text: str) -> tuple[str, str]:
    """`"image p.jpg cols=2"` -> `("image", " p.jpg cols=2")`: the first word and the rest
    (the rest keeps its leading whitespace so that columns can be computed from it)."""
    end = 0
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[:end], text[end:]


def split_item_number(text: str) -> tuple[str, str] | None:
    """`"1. 坚持…"` -> `("1.", "坚持…")`; None when the line is not a numbered item.

    A number is 1-3 ASCII digits and a `.` or `．` not followed by a digit (so `3.8万亩` stays
    text).
    """
    digits = 0
    while digits < len(text) and text[digits].isascii() and text[digits].isdigit():
        digits += 1
    if not 0 < digits <= MAX_ITEM_DIGITS or digits >= len(text) or text[digits] not in ITEM_DOTS:
        return None
    rest = text[digits + 1 :]
    if rest[:1].isdigit():
        return None
    return text[: digits + 1], rest.strip()


class _Parser:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[LayoutError] = []
        self.title: list[TextLine] = []
        self.kicker: list[TextLine] = []
        self.head: dict[str, TextLine] = {}
        self.blocks: list[Block] = []
        self.paragraph: list[SourceLine] = []
        self.box: _Container | None = None
        self.work: _Container | None = None
        self.previous = ""  # kind of the previous marker or text line: "title", "kicker", ...
        self.body_started = False
        self.org_seen = False
        self.last_item = 0  # number of the previous numbered item (0: no list open)

    # -- errors and locations ------------------------------------------------------------

    def at(self, line: int, column: int) -> Location:
        return Location(self.path, line, column)

    def fail(self, message: str, line: int, column: int, hint: str = "") -> None:
        self.errors.append(LayoutError(message, self.at(line, column), hint))

    # -- the machine ---------------------------------------------------------------------

    def feed(self, number: int, raw: str) -> None:
        text = raw.strip()
        if not text:
            self.flush_paragraph()
            return
        column = len(raw) - len(raw.lstrip()) + 1
        if text.startswith("%"):
            return  # an editor's comment: dropped, does not end a paragraph
        if text.startswith("\\") and not text.startswith("\\*"):
            self.text_line(SourceLine(text[1:], number, column + 1))
        elif text.startswith("#"):
            self.heading(number, column, text)
        elif text.startswith(">"):
            self.kicker_line(number, column, text[1:])
        elif text.startswith("@"):
            self.directive(number, column, text)
        elif (item := split_item_number(text)) is not None:
            self.item(number, column, text, item)
        else:
            self.text_line(SourceLine(text, number, column))

    def finish(self) -> None:
        self.flush_paragraph()
        self.close_work()
        if self.box is not None:
            where = self.box.location
            self.fail(
                "@box is not closed",
                where.line,
                where.column,
                "add @end after the last paragraph of the box",
            )
            self.blocks.append(self.box.close())
            self.box = None
        if not any(b.kind in m.TEXT_KINDS and b.text.strip() for b in self.walk()):
            self.fail("article has no body text", 1, 1, "add at least one paragraph")

    def walk(self):
        for block in self.blocks:
            yield from block.walk()

    # -- line kinds ----------------------------------------------------------------------

    def text_line(self, piece: SourceLine) -> None:
        self.paragraph.append(piece)
        self.previous = "text"

    def flush_paragraph(self) -> None:
        if not self.paragraph:
            return
        first = self.paragraph[0]
        spans = self.inline(self.paragraph)
        self.paragraph = []
        self.emit(Block(m.PARA, spans, self.at(first.line, first.column)))

    def inline(self, pieces: list[SourceLine]) -> tuple[m.Span, ...]:
        spans, error = parse_inline(self.path, pieces)
        if error is not None:
            self.errors.append(error)
        return spans

    def marker_text(self, number: int, column: int, marker: str, rest: str) -> SourceLine | None:
        """The text after a marker, or None (with an error) when there is none."""
        stripped = rest.strip()
        if not stripped:
            self.fail(
                f"{marker} needs text", number, column, f"write {marker} followed by the text"
            )
            return None
        offset = len(marker) + len(rest) - len(rest.lstrip())
        return SourceLine(stripped, number, column + offset)

    def heading(self, number: int, column: int, text: str) -> None:
        self.flush_paragraph()
        level = len(text) - len(text.lstrip("#"))
        marker = "#" * level
        if level > 3:
            self.fail(
                f"'{marker}' is not a heading marker",
                number,
                column,
                "use # for title lines, ## for subheads, ### for chapters, "
                "or write \\# for a literal #",
            )
            return
        piece = self.marker_text(number, column, marker, text[level:])
        if piece is None:
            return
        if level == 1:
            self.title_line(piece, column)
            return
        spans = self.inline([piece])
        plain = "".join(span.text for span in spans)
        kind = m.CHAPTER if level == 3 else m.BAND if plain.startswith("【") else m.SUBHEAD
        self.emit(Block(kind, spans, self.at(number, column)))
        self.previous = kind

    def title_line(self, piece: SourceLine, column: int) -> None:
        if self.body_started:
            self.fail(
                "title after body text",
                piece.line,
                column,
                "move the # lines to the top of the file",
            )
        elif self.kicker or set(self.head) - {"series"}:
            self.fail(
                "title after the article head",
                piece.line,
                column,
                "# lines come first; only @series may precede them",
            )
        self.title.append(TextLine(plain_text(piece.text), self.at(piece.line, piece.column)))
        self.previous = "title"

    def kicker_line(self, number: int, column: int, rest: str) -> None:
        self.flush_paragraph()
        piece = self.marker_text(number, column, ">", rest)
        if piece is None:
            return
        if self.previous not in ("title", "kicker"):
            self.fail(
                "kicker not right after the title",
                number,
                column,
                "put the > lines directly below the # lines",
            )
        self.kicker.append(TextLine(plain_text(piece.text), self.at(piece.line, piece.column)))
        self.previous = "kicker"

    def item(self, number: int, column: int, text: str, item: tuple[str, str]) -> None:
        self.flush_paragraph()
        label, body = item
        if not body:
            self.fail(
                f"numbered item {label} has no text",
                number,
                column,
                "write the item on the same line, or \\ before the number for plain text",
            )
            return
        value = int(label[:-1])
        if value not in (1, self.last_item + 1):
            previous = (
                f"the item before it is {self.last_item}." if self.last_item else "no item 1."
            )
            self.fail(
                f"numbered item {label} is outside a list ({previous})",
                number,
                column,
                f"number the items of a list 1, 2, 3 … (a list may run on across chapters), "
                f"or write \\{label} for text that starts with a number",
            )
        self.last_item = value
        offset = len(text) - len(body)
        spans = self.inline([SourceLine(body, number, column + offset)])
        attrs = MappingProxyType({"number": label})
        self.emit(Block(m.ITEM, spans, self.at(number, column), attrs))
        self.previous = m.ITEM

    def directive(self, number: int, column: int, text: str) -> None:
        self.flush_paragraph()
        name, rest = _split_word(text[1:])
        if name not in DIRECTIVES:
            close = close_matches(name, DIRECTIVES, n=1)
            hint = f"did you mean @{close[0]}?" if close else "see docs/manifest.md for directives"
            self.fail(f"unknown directive @{name}", number, column, hint)
            return
        marker = "@" + name
        if name in HEAD_DIRECTIVES:
            self.head_directive(name, number, column, rest)
        elif name == "image":
            self.image(number, column, rest)
        elif name == "box":
            self.open_box(number, column, rest)
        elif name == "end":
            self.end_box(number, column, rest)
        elif name == "work":
            piece = self.marker_text(number, column, marker, rest)
            self.close_work()
            self.body_started = True
            spans = self.inline([piece]) if piece else ()
            self.work = _Container(m.WORK, spans, self.at(number, column))
        else:
            self.text_directive(name, number, column, rest)
        self.previous = name

    def head_directive(self, name: str, number: int, column: int, rest: str) -> None:
        marker = "@" + name
        piece = self.marker_text(number, column, marker, rest)
        if piece is None:
            return
        if self.body_started:
            self.fail(
                f"{marker} after body text",
                number,
                column,
                "head lines go above the body; use @source or @credit for closing lines",
            )
        elif name == "series" and self.title:
            self.fail("@series after the title", number, column, "move it above the # lines")
        if name in self.head:
            first = self.head[name].location.line
            self.fail(
                f"second {marker}",
                number,
                column,
                f"an article has one {marker}; the first is on line {first}",
            )
            return
        self.head[name] = TextLine(plain_text(piece.text), self.at(piece.line, piece.column))

    def text_directive(self, name: str, number: int, column: int, rest: str) -> None:
        kind = TEXT_DIRECTIVES[name]
        marker = "@" + name
        if kind in (m.ARTIST, m.BIO) and self.work is None:
            self.fail(
                f"{marker} outside @work",
                number,
                column,
                f"start the gallery work with @work TITLE before {marker}",
            )
            return
        if kind == m.UNIT and not self.org_seen:
            self.fail(
                "@unit without @org",
                number,
                column,
                "start the round-up unit with @org ORGANISATION",
            )
            return
        piece = self.marker_text(number, column, marker, rest)
        if piece is None:
            return
        self.org_seen = self.org_seen or kind == m.ORG
        self.emit(Block(kind, self.inline([piece]), self.at(number, column)))

    def image(self, number: int, column: int, rest: str) -> None:
        attrs, errors = parse_image_options(self.path, number, rest, column + len("@image"))
        self.errors.extend(errors)
        if not errors:
            self.emit(Block(m.IMAGE, (), self.at(number, column), MappingProxyType(attrs)))

    def open_box(self, number: int, column: int, rest: str) -> None:
        if self.box is not None:
            self.fail(
                "nested @box",
                number,
                column,
                f"close the @box of line {self.box.location.line} with @end first",
            )
            return
        self.close_work()
        self.body_started = True
        title = rest.strip()
        offset = len("@box") + len(rest) - len(rest.lstrip())
        spans = self.inline([SourceLine(title, number, column + offset)]) if title else ()
        self.box = _Container(m.BOX, spans, self.at(number, column))

    def end_box(self, number: int, column: int, rest: str) -> None:
        if rest.strip():
            self.fail("@end takes no text", number, column, "put the text on its own line")
        if self.box is None:
            self.fail("@end without @box", number, column, "remove it, or open the box with @box")
            return
        self.blocks.append(self.box.close())
        self.box = None

    # -- placing blocks ------------------------------------------------------------------

    def close_work(self) -> None:
        if self.work is not None:
            self.blocks.append(self.work.close())
            self.work = None

    def emit(self, block: Block) -> None:
        self.body_started = True
        if self.box is not None:
            if block.kind in BOX_CHILDREN:
                self.box.children.append(block)
            else:
                self.fail(
                    f"{block.kind} inside @box",
                    block.location.line,
                    block.location.column,
                    f"a box holds paragraphs; close the @box of line "
                    f"{self.box.location.line} with @end first",
                )
            return
        if self.work is not None and block.kind in WORK_CHILDREN:
            self.work.children.append(block)
            return
        self.close_work()
        self.blocks.append(block)

    def article(self) -> Article:
        return Article(
            path=self.path,
            title=tuple(self.title),
            kicker=tuple(self.kicker),
            blocks=tuple(self.blocks),
            **{name: self.head.get(name) for name in HEAD_DIRECTIVES},
        )


@dataclass(frozen=True)
class ArticleRead:
    """What reading one article file found: the article (usable only without errors), the
    errors in file order, and the warnings as (location, message)."""

    article: Article
    errors: list[LayoutError]
    warnings: list[tuple[Location, str]]


def scan_article(path: Path, text: str) -> ArticleRead:
    """Check the characters of `text` (layout.content.charcheck), then parse it.

    Characters that are errors are reported at their line and column; invisible ones are
    removed and a tab inside a line becomes a space, each with a warning, before parsing.
    Paste artefacts (half-width marks in Chinese text, `......`, one paragraph per line …)
    are warnings; the text is parsed as it is (`layout fix` repairs the file).
    """
    cleaned, findings = check_text(text)
    parser = _Parser(path)
    errors, notes = reports(findings)
    for error in errors:
        parser.fail(error.message, error.line, error.column, error.hint)
    warnings = [(parser.at(note.line, note.column), note.message) for note in notes]
    artefacts = _paste_artefacts(text, {(f.line, f.column) for f in findings})
    warnings += [(parser.at(a.line, a.column), a.message) for a in capped(artefacts)]
    for number, raw in enumerate(cleaned.split("\n"), start=1):
        parser.feed(number, raw.rstrip("\r"))
    parser.finish()
    if parser.errors:
        # A `＃ 标题` line is body text, so the `#` line after it is "title after body
        # text": the full-width marker is the cause, and errors are shown without warnings.
        for artefact in (a for a in artefacts if a.marker):
            parser.fail(
                artefact.what, artefact.line, artefact.column, f"{artefact.fix}; {FIX_HINT}"
            )
    # Some errors are only known at the end (an unclosed box): report in file order.
    errors = sorted(
        parser.errors, key=lambda e: (e.location.line, e.location.column) if e.location else (0, 0)
    )
    return ArticleRead(parser.article(), errors, warnings)


def _paste_artefacts(text: str, reported: set[tuple[int, int]]) -> list[Artefact]:
    """The paste artefacts of the file (content/tidy.py: what `layout fix` repairs), except
    where charcheck already said something."""
    return [a for a in scan_text(text) if (a.line, a.column) not in reported]


def read_article(path: Path, text: str) -> tuple[Article, list[LayoutError]]:
    """Parse like `parse_article`, but return the errors instead of raising them (the issue
    loader gathers the errors of every file before it reports). Warnings are dropped; the
    loader uses `scan_article` to keep them."""
    read = scan_article(path, text)
    return read.article, read.errors


def parse_article(path: Path, text: str) -> Article:
    """Parse the markup `text` of the article file `path` into an `Article`.

    `path` is used only for error locations. Raises `LayoutErrors` listing every markup error
    as `path:line:column: message (hint)`. Image files are not checked here (the issue loader
    does that, since it knows the issue folder).
    """
    article, errors = read_article(path, text)
    if errors:
        raise LayoutErrors(errors)
    return article
