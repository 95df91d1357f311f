"""The issue as the loader hands it on: plain frozen dataclasses, one per part of issue.yaml
(docs/manifest.md). Every object keeps the `Location` of the YAML node it came from, so later
stages can report problems at the source. Optional text fields are None when absent; list
fields are tuples (empty when absent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from layout.content.model import Article
from layout.errors import Location

FORMS = (
    "news",
    "reprint",
    "speech",
    "proposal",
    "workplan",
    "roundup",
    "essay",
    "health",
    "gallery",
)


@dataclass(frozen=True)
class LayoutWarning:
    """Something worth an editor's look that does not stop the build (e.g. a name variant)."""

    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: warning: {self.message}"


@dataclass(frozen=True)
class Magazine:
    title: str
    sponsor: str | None
    location: Location


@dataclass(frozen=True)
class IssueMeta:
    """The `issue:` mapping: 总第`serial`期, `year`年第`number`期."""

    serial: int
    year: int
    number: int
    print_date: date | None
    style: str  # a style sheet name: styles/<style>.yaml
    location: Location


@dataclass(frozen=True)
class ImageSlot:
    """An image on the cover or inside cover. `file` is relative to images/ (None for a pure
    placeholder); `path` is the file inside the issue folder. `fit`, `crop` and `lowres` are
    the @image options of the same names (docs/manifest.md)."""

    file: str | None
    path: Path | None
    placeholder: bool
    caption: str | None
    location: Location
    fit: str = "crop"
    crop: str = "center"
    lowres: bool = False


@dataclass(frozen=True)
class Cover:
    award: str | None
    headline: tuple[str, ...]  # display lines
    subhead: str | None
    notice: str | None
    permit: str | None
    title_credit: str | None
    image: ImageSlot | None
    location: Location


@dataclass(frozen=True)
class InsideCover:
    heading: str | None
    images: tuple[ImageSlot, ...]
    location: Location


@dataclass(frozen=True)
class TocFeature:
    """The featured box on the contents page; `article` is an article id."""

    article: str
    section: str | None  # the label printed in the box (free text, e.g. 聚焦)
    caption: str | None
    location: Location


@dataclass(frozen=True)
class Section:
    id: str
    name: str
    english: str | None
    columns: int | None  # None: the style sheet's default
    location: Location


@dataclass(frozen=True)
class ArticleEntry:
    """One entry of `articles:` together with its parsed file (`content`).

    `file` is the path as written in issue.yaml (relative to the issue folder); `path` is
    where it lies. `toc_title` / `toc_subtitle` are empty when the contents page uses the
    body title. `page` is a hint (the printed start page); with `pin` the page composer must
    start the article on it.
    """

    id: str
    section: str
    file: str
    path: Path
    form: str
    toc_title: tuple[str, ...]
    toc_subtitle: tuple[str, ...]
    in_toc: bool
    page: int | None
    pin: bool
    content: Article
    location: Location


@dataclass(frozen=True)
class SuppliedPage:
    """A page of a PDF made elsewhere (an advertisement) printed as page `page` of the issue,
    full size, without running head or folio; the articles flow round it.

    `file` is the path as written in issue.yaml (relative to the issue folder), `path` where it
    lies; `page_of_file` is the page of that PDF (1-based). `location` is the `supplied:` entry.
    """

    page: int
    file: str
    path: Path
    page_of_file: int
    location: Location


@dataclass(frozen=True)
class ColophonField:
    label: str
    value: tuple[str, ...]  # printed lines
    location: Location


@dataclass(frozen=True)
class MediaItem:
    """One channel under the colophon: its name, and its QR code or logo (a file in images/;
    None draws a marked placeholder box)."""

    name: str
    path: Path | None
    location: Location


@dataclass(frozen=True)
class Media:
    heading: str | None
    items: tuple[MediaItem, ...]
    footer: tuple[str, ...]
    location: Location


@dataclass(frozen=True)
class Colophon:
    title: str | None
    motto: str | None
    heading: str | None
    fields: tuple[ColophonField, ...]
    closing: str | None
    media: Media | None
    location: Location


@dataclass(frozen=True)
class NameEntry:
    """A canonical name and the variants (OCR errors, old forms) the checker flags."""

    canonical: str
    variants: tuple[str, ...]
    note: str | None
    location: Location


@dataclass(frozen=True)
class Issue:
    """A loaded, validated issue folder. `meta` is the `issue:` mapping of issue.yaml.

    `articles` are in manifest order, which is body order; `warnings` are the lint findings
    (they do not stop a build).
    """

    folder: Path
    magazine: Magazine
    meta: IssueMeta
    cover: Cover | None
    inside_cover: InsideCover | None
    toc_feature: TocFeature | None
    sections: tuple[Section, ...]
    articles: tuple[ArticleEntry, ...]
    colophon: Colophon | None
    names: tuple[NameEntry, ...]
    warnings: tuple[LayoutWarning, ...]
    location: Location
    supplied: tuple[SuppliedPage, ...] = ()  # by page number

    def section(self, section_id: str) -> Section:
        """The section with this id (KeyError if there is none)."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def articles_in(self, section_id: str) -> tuple[ArticleEntry, ...]:
        """The articles of one section, in body order."""
        return tuple(a for a in self.articles if a.section == section_id)

    def article(self, article_id: str) -> ArticleEntry:
        """The article with this id (KeyError if there is none)."""
        for entry in self.articles:
            if entry.id == article_id:
                return entry
        raise KeyError(article_id)
