"""The importer's intermediate form of an article: a list of typed items in reading order,
rendered to the light markup of docs/manifest.md by writer.py."""

from __future__ import annotations

from dataclasses import dataclass, field

# Item kinds and the markup each one becomes (see writer.render_item).
KINDS = (
    "series",
    "title",
    "kicker",
    "byline",
    "author",
    "date",
    "standfirst",
    "subhead",
    "chapter",
    "num",
    "salutation",
    "para",
    "item",
    "image",
    "box",
    "source",
    "credit",
    "org",
    "unit",
    "header",
    "comment",
)


@dataclass
class Item:
    kind: str
    text: str
    line: int  # source line, for the report and the editors
    children: list[Item] = field(default_factory=list)  # a box's paragraphs
    lines: list[str] = field(default_factory=list)  # display lines (titles, kickers)
    file: str = ""  # an image's file in images/ (Word import); "" for a placeholder slot


@dataclass
class DraftArticle:
    items: list[Item]
    line: int
    id: str = ""
    section: str = ""  # section id
    section_name: str = ""  # Markdown: the section a `# NAME` heading above it names
    form: str = "news"
    page: int | None = None
    toc_title: list[str] | None = None
    toc_subtitle: list[str] | None = None
    in_toc: bool = True
    series: str = ""

    def first(self, kind: str) -> Item | None:
        return next((item for item in self.items if item.kind == kind), None)

    @property
    def title_lines(self) -> list[str]:
        title = self.first("title")
        return title.lines if title else []

    @property
    def kicker_lines(self) -> list[str]:
        kicker = self.first("kicker")
        return kicker.lines if kicker else []
