"""The content tree of one article, as the markup parser builds it (docs/manifest.md).

An `Article` holds its head (title lines, kickers, series label, byline, ...) as plain text
lines and its body as an ordered tuple of `Block`s. Every piece keeps the `Location` it came
from so that the page composer can report problems at the source (`file:line:column`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from layout.errors import Location

# Block kinds. Text blocks carry spans; container blocks (box, work) carry children.
PARA = "para"  # body paragraph (lines joined)
SUBHEAD = "subhead"  # `## text`
BAND = "band"  # `## 【text】`: a subhead set as a tinted band
CHAPTER = "chapter"  # `### 一、…`
ITEM = "item"  # `1. text`; attrs["number"] keeps the editor's number text ("1.", "2．")
NUM = "num"  # `@num 1`: a section number mark on its own line
SALUTATION = "salutation"  # `@salutation 各位委员、同志们！`
ORG = "org"  # `@org 市政协办公厅`: starts a round-up unit
UNIT = "unit"  # `@unit …`: item title inside a round-up unit
IMAGE = "image"  # `@image FILE …`: attrs file, cols, lines, placeholder, caption; no spans
BOX = "box"  # `@box TITLE` … `@end`: spans hold the title, children the paragraphs
SOURCE = "source"  # `@source （…）`: right-aligned source line
CREDIT = "credit"  # `@credit （…）`
WORK = "work"  # `@work 《…》`: a gallery work; children are its artist, bio and image blocks
ARTIST = "artist"
BIO = "bio"

BLOCK_KINDS = frozenset(
    {
        PARA,
        SUBHEAD,
        BAND,
        CHAPTER,
        ITEM,
        NUM,
        SALUTATION,
        ORG,
        UNIT,
        IMAGE,
        BOX,
        SOURCE,
        CREDIT,
        WORK,
        ARTIST,
        BIO,
    }
)
# Kinds whose spans are running text a reader reads (used for the "article has body text" rule).
TEXT_KINDS = frozenset({PARA, ITEM, SALUTATION, BIO})

EMPTY_ATTRS: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True)
class Span:
    """A stretch of inline text; `bold` comes from `**…**` (set in 黑体)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class TextLine:
    """One line of head text (a title line, a kicker line, the byline, ...)."""

    text: str
    location: Location


@dataclass(frozen=True)
class Block:
    """One body block.

    `kind` is one of the constants above. `spans` is the inline text (for a box: its title).
    `attrs` is read-only and kind-specific: item -> {"number": "1."}; image -> {"file": str,
    "cols": int | None, "lines": int | None, "lines_range": (min, max) | None, "placeholder": bool,
    "fit": "crop" | "contain", "crop": a crop position ("center", "top", ...), "lowres": bool,
    "caption": str}.
    `children` holds the blocks of a box or a gallery work.
    """

    kind: str
    spans: tuple[Span, ...]
    location: Location
    attrs: Mapping[str, object] = field(default_factory=lambda: EMPTY_ATTRS)
    children: tuple[Block, ...] = ()

    @property
    def text(self) -> str:
        """The block's inline text without formatting."""
        return "".join(span.text for span in self.spans)

    def walk(self) -> Iterator[Block]:
        """This block, then its children depth-first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Article:
    """A parsed article file.

    `title` and `kicker` hold one `TextLine` per display line (`#` / `>` lines). The optional
    head lines (`series`, `byline`, `author`, `date`, `standfirst`) are None when absent.
    """

    path: Path
    title: tuple[TextLine, ...]
    kicker: tuple[TextLine, ...]
    blocks: tuple[Block, ...]
    series: TextLine | None = None
    byline: TextLine | None = None
    author: TextLine | None = None
    date: TextLine | None = None
    standfirst: TextLine | None = None

    def walk(self) -> Iterator[Block]:
        """Every block of the body, containers before their children."""
        for block in self.blocks:
            yield from block.walk()

    def head(self) -> tuple[TextLine, ...]:
        """All head lines in reading order: series, title, kicker, byline, author, date,
        standfirst."""
        singles = (self.byline, self.author, self.date, self.standfirst)
        series = (self.series,) if self.series else ()
        return series + self.title + self.kicker + tuple(s for s in singles if s)
