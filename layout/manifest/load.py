"""Load and validate an issue folder: issue.yaml, the article files and their image slots.

Errors of the whole folder are collected and raised together as LayoutErrors; nothing is
ever written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, SequenceNode

from layout.content import model as content
from layout.content.markup import ArticleRead, scan_article
from layout.errors import LayoutError, LayoutErrors, Location
from layout.images import CROP_POSITIONS, FITS, verify_image
from layout.inputs import close_matches, is_folder, regular_file_problem, shorten, shown
from layout.manifest import limits
from layout.manifest.files import path_problem, read_text
from layout.manifest.names import find_manifest_variants, find_variants
from layout.manifest.nodes import Fields, Reader, check_characters, compose_yaml
from layout.manifest.schema import (
    FORMS,
    ArticleEntry,
    Colophon,
    ColophonField,
    Cover,
    ImageSlot,
    InsideCover,
    Issue,
    IssueMeta,
    LayoutWarning,
    Magazine,
    Media,
    MediaItem,
    NameEntry,
    Section,
    SuppliedPage,
    TocFeature,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from layout.style.sheet import Style

MANIFEST = "issue.yaml"
IMAGES = "images"

TOP_KEYS = (
    "magazine",
    "issue",
    "cover",
    "inside_cover",
    "toc",
    "sections",
    "articles",
    "colophon",
    "names",
    "supplied",
)
SUPPLIED_KEYS = ("page", "file", "page_of_file")
ARTICLE_KEYS = (
    "id",
    "section",
    "file",
    "form",
    "toc_title",
    "toc_subtitle",
    "in_toc",
    "page",
    "pin",
)
IMAGE_KEYS = ("file", "placeholder", "caption", "fit", "crop", "lowres")
ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def load_issue(folder: Path, *, scan: Callable[[Path, str], ArticleRead] = scan_article) -> Issue:
    """Load the issue folder `folder` (holding issue.yaml) and everything it names.

    Returns the validated `Issue`, with each article's parsed content and the lint warnings.
    Raises `LayoutErrors` with every problem found, each located `file:line:column` (paths
    are shown as `folder / relative path`, so they are as relative as `folder` is).

    `scan` reads an article file's text (`layout watch` passes one that remembers the texts
    it read before: an article is a pure function of its path and text).
    """
    manifest = folder / MANIFEST
    if not is_folder(folder):
        raise LayoutErrors(
            [
                LayoutError(
                    "no such issue folder",
                    Location(shown(folder)),
                    "give the folder that holds issue.yaml",
                )
            ]
        )
    problem = regular_file_problem(manifest)
    if problem:
        message = f"no {MANIFEST} in the issue folder"
        if problem != "missing":
            message = f"{MANIFEST} cannot be read: {problem}"
        raise LayoutErrors(
            [LayoutError(message, Location(shown(folder)), "see docs/manifest.md for its format")]
        )
    reader = Reader(manifest)
    try:
        text, reader.errors, char_warnings = check_characters(
            manifest, read_text(manifest, limits.MANIFEST_BYTES)
        )
        root = compose_yaml(manifest, text)
    except LayoutError as error:
        raise LayoutErrors([*reader.errors, error]) from None
    reader.warnings += char_warnings
    if root is None:
        raise LayoutErrors(
            [
                *reader.errors,
                LayoutError(
                    f"{MANIFEST} is empty",
                    Location(manifest, 1, 1),
                    "see docs/manifest.md for its format",
                ),
            ]
        )
    issue = _IssueBuilder(folder, reader, scan).build(root)
    if reader.errors or issue is None:
        raise LayoutErrors(_in_reading_order(reader.errors, manifest))
    return issue


def _in_reading_order(errors: list[LayoutError], manifest: Path) -> list[LayoutError]:
    """issue.yaml first, then the article files in manifest order, each by line and column."""
    rank: dict[Path, int] = {manifest: 0}
    for error in errors:
        if error.location is not None:
            rank.setdefault(error.location.path, len(rank))

    def key(error: LayoutError) -> tuple[int, int, int]:
        where = error.location
        return (rank[where.path], where.line, where.column) if where else (0, 0, 0)

    return sorted(errors, key=key)


def _warning_order(warning: LayoutWarning) -> tuple[str, int, int]:
    where = warning.location
    return (str(where.path), where.line, where.column)


def valid_id(text: str) -> bool:
    """Ids are lowercase ASCII letters, digits and '-', starting with a letter or digit."""
    return bool(text) and text[0] != "-" and set(text) <= ID_CHARS


class _IssueBuilder:
    def __init__(
        self, folder: Path, reader: Reader, scan: Callable[[Path, str], ArticleRead]
    ) -> None:
        self.folder = folder
        self.roots: dict[Path, Path] = {}  # folders resolved by path_problem, this load only
        self.reader = reader
        self.scan = scan
        # Every id that was defined, even by an entry with errors, so that one bad entry does
        # not make each reference to it an error too.
        self.section_ids: set[str] = set()
        self.article_ids: set[str] = set()
        self.texts: dict[Path, str] = {}  # article sources, for the names lint
        self.style: Style | None = None  # the issue's style sheet, once it is known good

    def fail(self, message: str, location: Location, hint: str = "") -> None:
        self.reader.errors.append(LayoutError(message, location, hint))

    def build(self, root) -> Issue | None:
        top = self.reader.fields(
            MANIFEST, root, TOP_KEYS, required=("magazine", "issue", "sections", "articles")
        )
        if top is None:
            return None
        magazine = self.magazine(top.fields("magazine", ("title", "sponsor"), ("title",)))
        meta = self.meta(
            top.fields(
                "issue",
                ("serial", "year", "number", "print_date", "style"),
                ("serial", "year", "number", "style"),
            )
        )
        cover = self.cover(top)
        inside = self.inside_cover(top)
        sections = self.sections(top)
        articles = self.articles(top, {s.id: s for s in sections})
        feature = self.toc_feature(top, self.article_ids)
        colophon = self.colophon(top)
        names = self.names(top)
        supplied = self.supplied(top, articles)
        if magazine is None or meta is None or self.reader.errors:
            return None
        warnings = [LayoutWarning(message, where) for where, message in self.reader.warnings]
        warnings += find_variants(names, self.texts)
        warnings += find_manifest_variants(names, self.reader.path, root)
        return Issue(
            folder=self.folder,
            magazine=magazine,
            meta=meta,
            cover=cover,
            inside_cover=inside,
            toc_feature=feature,
            sections=sections,
            articles=articles,
            colophon=colophon,
            names=names,
            warnings=tuple(sorted(warnings, key=_warning_order)),
            location=top.location,
            supplied=supplied,
        )

    # -- issue metadata ------------------------------------------------------------------

    def magazine(self, fields: Fields | None) -> Magazine | None:
        if fields is None:
            return None
        return Magazine(fields.text("title") or "", fields.text("sponsor"), fields.location)

    def meta(self, fields: Fields | None) -> IssueMeta | None:
        if fields is None:
            return None
        style = fields.text("style")
        if style is not None:
            self.style = self.issue_style(style, fields.where("style"))
        return IssueMeta(
            serial=fields.integer("serial") or 0,
            year=fields.integer("year") or 0,
            number=fields.integer("number") or 0,
            print_date=fields.date("print_date"),
            style=style or "",
            location=fields.location,
        )

    def issue_style(self, name: str, where: Location) -> Style | None:
        """The style sheet `name` (styles/<name>.yaml), or None after an error: at `where`
        for a name that is no plain name or names no sheet, in the sheet for a bad sheet."""
        # imported here: the style loader reads its YAML with this package's readers
        from layout.style.load import STYLE_NAME, known_styles, load_style

        known = known_styles()
        hint = "known styles: " + (", ".join(known) or "none")
        if not STYLE_NAME.fullmatch(name):
            self.fail(
                f"bad style name '{shorten(name, 64)}': a style is named by letters, digits, "
                "'-' and '_' (styles/NAME.yaml), never by a path",
                where,
                hint,
            )
            return None
        if name not in known:
            close = close_matches(name, known, n=1)
            self.fail(
                f"unknown style '{name}'",
                where,
                f"did you mean '{close[0]}'? {hint}" if close else hint,
            )
            return None
        try:
            return load_style(name)
        except LayoutErrors as errors:
            self.reader.errors.extend(errors.errors)
        except LayoutError as error:
            self.reader.errors.append(error)
        return None

    def columns_limit(self) -> int | None:
        """The most columns a section may have in the issue's style (None: style unknown)."""
        from layout.style.load import max_columns

        return max_columns(self.style) if self.style is not None else None

    def section_columns(self, section: Section) -> int | None:
        """The columns the composer will set `section` in (None: style unknown)."""
        if section.columns:
            return section.columns
        if self.style is None:
            return None
        variant = self.style.sections.get(section.name)
        return (variant.columns if variant else 0) or self.style.grid.columns

    def image_slot(self, name: str, node) -> ImageSlot | None:
        fields = self.reader.fields(name, node, IMAGE_KEYS)
        if fields is None:
            return None
        file = fields.text("file")
        placeholder = fields.boolean("placeholder", False)
        path = self.image_path(file, placeholder, fields.where("file")) if file else None
        if file is None and not placeholder:
            self.fail(
                f"{name} has neither 'file' nor 'placeholder: true'",
                fields.location,
                "name the image file in images/, or mark the slot as a placeholder",
            )
        fit = self.image_choice(fields, "fit", FITS) or "crop"
        crop = self.image_choice(fields, "crop", tuple(CROP_POSITIONS)) or "center"
        if fit == "contain" and crop != "center":
            self.fail(
                f"crop: {crop} has nothing to keep: fit: contain cuts nothing",
                fields.where("crop"),
                "leave out crop: to show the whole photo, or write fit: crop to fill the slot",
            )
        return ImageSlot(
            file,
            path,
            placeholder,
            fields.text("caption"),
            fields.location,
            fit=fit,
            crop=crop,
            lowres=fields.boolean("lowres", False),
        )

    def image_choice(self, fields: Fields, key: str, choices: tuple[str, ...]) -> str | None:
        """An image slot's `fit:` or `crop:`: one of `choices`, or None (absent, or an error)."""
        value = fields.text(key)
        if value is None or value in choices:
            return value
        close = close_matches(value.lower()[:40], choices, n=1)
        hint = f"{key}: " + ", ".join(choices)
        self.fail(
            f"unknown {key} '{shorten(value, 24)}' in the image entry",
            fields.where(key),
            f"did you mean '{close[0]}'? {hint}" if close else hint,
        )
        return None

    def image_path(self, file: str, placeholder: bool, where: Location) -> Path | None:
        """The image file inside images/, checked to exist unless it is a placeholder."""
        problem = path_problem(self.folder / IMAGES, file, self.roots)
        if problem:
            self.fail(
                f"bad image path '{file}': {problem}",
                where,
                "give a path relative to the images/ folder",
            )
            return None
        path = self.folder / IMAGES / file
        if placeholder:
            return path  # a placeholder is drawn as a box: its file is not read
        problem = regular_file_problem(path)
        if problem == "missing":
            self.fail(
                f"image file {IMAGES}/{file} does not exist",
                where,
                "add the file, or mark the slot as a placeholder",
            )
        elif problem:
            self.fail(
                f"image file {IMAGES}/{file} cannot be read: {problem}",
                where,
                "give the name of a JPEG file in images/",
            )
        else:
            try:
                verify_image(path)
            except LayoutError as error:
                self.fail(f"image {IMAGES}/{file}: {error.message}", where, error.hint)
        return path

    def cover(self, top: Fields) -> Cover | None:
        fields = top.fields(
            "cover", ("award", "headline", "subhead", "notice", "permit", "title_credit", "image")
        )
        if fields is None:
            return None
        image = fields.get("image")
        return Cover(
            award=fields.text("award"),
            headline=fields.lines("headline"),
            subhead=fields.text("subhead"),
            notice=fields.text("notice"),
            permit=fields.text("permit"),
            title_credit=fields.text("title_credit"),
            image=self.image_slot("image", image) if image is not None else None,
            location=fields.location,
        )

    def inside_cover(self, top: Fields) -> InsideCover | None:
        fields = top.fields("inside_cover", ("heading", "images"))
        if fields is None:
            return None
        slots = (self.image_slot("image", node) for _, node in fields.items("images"))
        return InsideCover(fields.text("heading"), tuple(s for s in slots if s), fields.location)

    def toc_feature(self, top: Fields, article_ids: set[str]) -> TocFeature | None:
        toc = top.fields("toc", ("feature",))
        fields = (
            toc.fields("feature", ("article", "section", "caption"), ("article",)) if toc else None
        )
        if fields is None:
            return None
        article = fields.text("article") or ""
        if article and article not in article_ids:
            self.fail(
                f"toc feature names article '{article}', which is not in articles",
                fields.where("article"),
                "use the id of an article",
            )
        return TocFeature(article, fields.text("section"), fields.text("caption"), fields.location)

    # -- sections and articles -----------------------------------------------------------

    def checked_id(self, fields: Fields, what: str, seen: dict[str, Location]) -> str | None:
        ident = fields.text("id")
        if ident is None:
            return None
        where = fields.where("id")
        if not valid_id(ident):
            self.fail(
                f"bad {what} id '{ident}'",
                where,
                "use lowercase letters a-z, digits and '-', e.g. p04-two-sessions",
            )
            return None
        if ident in seen:
            self.fail(
                f"duplicate {what} id '{ident}'",
                where,
                f"ids must be unique; the first is on line {seen[ident].line}",
            )
            return None
        seen[ident] = where
        return ident

    def sections(self, top: Fields) -> tuple[Section, ...]:
        seen: dict[str, Location] = {}
        sections = []
        for number, node in top.items("sections"):
            fields = self.reader.fields(
                f"sections entry {number}",
                node,
                ("id", "name", "english", "columns"),
                ("id", "name"),
            )
            if fields is None:
                continue
            ident = self.checked_id(fields, "section", seen)
            name = fields.text("name")
            columns = fields.integer("columns", maximum=self.columns_limit())
            if ident and name:
                sections.append(
                    Section(ident, name, fields.text("english"), columns, fields.location)
                )
        self.section_ids = set(seen)
        if not sections and not self.reader.errors:
            self.fail("the issue has no sections", top.where("sections"), "add a section")
        return tuple(sections)

    def articles(self, top: Fields, sections: dict[str, Section]) -> tuple[ArticleEntry, ...]:
        seen: dict[str, Location] = {}
        files: dict[Path, Location] = {}
        entries = []
        for number, node in top.items("articles"):
            fields = self.reader.fields(
                f"articles entry {number}", node, ARTICLE_KEYS, ("id", "section", "file", "form")
            )
            if fields is not None:
                entry = self.article(fields, sections, seen, files)
                if entry is not None:
                    entries.append(entry)
        self.article_ids = set(seen)
        return tuple(entries)

    def article(
        self,
        fields: Fields,
        sections: dict[str, Section],
        seen: dict[str, Location],
        files: dict[Path, Location],
    ) -> ArticleEntry | None:
        errors_before = len(self.reader.errors)
        ident = self.checked_id(fields, "article", seen)
        section_id = fields.text("section")
        if section_id is not None and section_id not in self.section_ids:
            self.fail(
                f"article section '{section_id}' is not defined in sections",
                fields.where("section"),
                self.section_hint(section_id),
            )
        form = fields.text("form")
        if form is not None and form not in FORMS:
            self.fail(f"unknown form '{form}'", fields.where("form"), "forms: " + ", ".join(FORMS))
        page = fields.integer("page")
        pin = fields.boolean("pin", False)
        if pin and fields.get("page") is None:
            self.fail("pin: true needs a page", fields.where("pin"), "add page: N, or remove pin")
        file = fields.text("file")
        article = self.article_file(file, fields.where("file"), files) if file else None
        if article is not None and section_id in sections:
            self.check_images(article, sections[section_id])
        if len(self.reader.errors) > errors_before or article is None:
            return None
        return ArticleEntry(
            id=ident or "",
            section=section_id or "",
            file=file or "",
            path=article.path,
            form=form or "",
            toc_title=fields.lines("toc_title"),
            toc_subtitle=fields.lines("toc_subtitle"),
            in_toc=fields.boolean("in_toc", True),
            page=page,
            pin=pin,
            content=article,
            location=fields.location,
        )

    def section_hint(self, section_id: str) -> str:
        close = close_matches(section_id, sorted(self.section_ids), n=1)
        if close:
            return f"did you mean '{close[0]}'?"
        return "sections: " + (", ".join(sorted(self.section_ids)) or "none defined")

    def article_file(
        self, file: str, where: Location, files: dict[Path, Location]
    ) -> content.Article | None:
        problem = path_problem(self.folder, file, self.roots)
        if problem:
            self.fail(
                f"bad article path '{file}': {problem}",
                where,
                "give a path relative to the issue folder, e.g. articles/p04.txt",
            )
            return None
        path = self.folder / file
        problem = regular_file_problem(path)
        if problem == "missing":
            self.fail(
                f"article file {file} does not exist", where, "create it, or correct the path"
            )
            return None
        if problem:
            self.fail(
                f"article file {file} cannot be read: {problem}",
                where,
                "give the path of a UTF-8 text file",
            )
            return None
        if path in files:
            self.fail(
                f"article file {file} is listed twice",
                where,
                f"each file is one article; the first is on line {files[path].line}",
            )
            return None
        files[path] = where
        try:
            text = read_text(path)
        except LayoutError as error:
            self.reader.errors.append(error)
            return None
        self.texts[path] = text
        read = self.scan(path, text)
        self.reader.errors.extend(read.errors)
        self.reader.warnings.extend(read.warnings)
        return None if read.errors else read.article

    def check_images(self, article: content.Article, section: Section) -> None:
        columns = self.section_columns(section)
        for block in article.walk():
            if block.kind != content.IMAGE:
                continue
            file = str(block.attrs["file"])
            self.image_path(file, bool(block.attrs["placeholder"]), block.location)
            cols, rows = block.attrs["cols"], block.attrs["lines"]
            if columns and isinstance(cols, int) and cols > columns:
                self.fail(
                    f"@image cols={cols} is wider than section '{section.id}'",
                    block.location,
                    f"the section has {columns} columns",
                )
            lines = self.style.grid.lines if self.style is not None else None
            if lines and isinstance(rows, int) and rows > lines:
                self.fail(
                    f"@image lines={rows} is taller than a column",
                    block.location,
                    f"a column has {lines} lines",
                )

    # -- supplied pages ----------------------------------------------------------------

    def supplied(self, top: Fields, articles: tuple[ArticleEntry, ...]) -> tuple[SuppliedPage, ...]:
        """`supplied:` pages of PDFs made elsewhere (advertisements), by page number; each
        file is read and checked here (layout/supplied.py), at its entry."""
        taken: dict[int, Location] = {}
        pages = []
        for number, node in top.items("supplied"):
            fields = self.reader.fields(
                f"supplied entry {number}", node, SUPPLIED_KEYS, ("page", "file")
            )
            if fields is None:
                continue
            page, file = fields.integer("page"), fields.text("file")
            of_file = (
                fields.integer("page_of_file") if fields.get("page_of_file") is not None else 1
            )
            if page is not None and page in taken:
                self.fail(
                    f"page {page} is supplied twice",
                    fields.where("page"),
                    f"the first is on line {taken[page].line}",
                )
                continue
            path = (
                self.supplied_path(file, of_file, fields.where("file"))
                if file and of_file
                else None
            )
            if page is None or file is None or of_file is None or path is None:
                continue
            taken[page] = fields.where("page")
            pages.append(SuppliedPage(page, file, path, of_file, fields.location))
        for entry in articles:
            if entry.pin and entry.page in taken:
                self.fail(
                    f"{entry.id} is pinned to page {entry.page}, which is a supplied page",
                    entry.location,
                    f"pin it to another page, or move the supplied page (line "
                    f"{taken[entry.page].line})",
                )
        return tuple(sorted(pages, key=lambda p: p.page))

    def supplied_path(self, file: str, of_file: int, where: Location) -> Path | None:
        """The supplied PDF inside the issue folder, read and checked; None after an error."""
        from layout.supplied import read_supplied, size_problem, supplied_error

        problem = path_problem(self.folder, file, self.roots)
        if problem is None:
            problem = regular_file_problem(self.folder / file)
            problem = "the file does not exist" if problem == "missing" else problem
        if problem:
            self.fail(
                f"bad supplied file '{file}': {problem}",
                where,
                "give the path of a PDF in the issue folder, e.g. ads/ad-48.pdf",
            )
            return None
        path = self.folder / file
        try:
            info = read_supplied(path, of_file)
        except LayoutError as error:
            self.reader.errors.append(supplied_error(file, error.message, where, error.hint))
            return None
        page = self.style.page if self.style is not None else None
        if page is not None and (problem := size_problem(info, page.trim_width, page.trim_height)):
            self.reader.errors.append(
                supplied_error(
                    file, problem, where, "ask for the page at the issue's trim size, with bleed"
                )
            )
            return None
        return path

    # -- colophon and names --------------------------------------------------------------

    def colophon(self, top: Fields) -> Colophon | None:
        fields = top.fields("colophon", ("title", "motto", "heading", "fields", "closing", "media"))
        if fields is None:
            return None
        entries = []
        for number, node in fields.items("fields"):
            entry = self.reader.fields(
                f"colophon field {number}", node, ("label", "value"), ("label", "value")
            )
            if entry is not None:
                entries.append(
                    ColophonField(entry.text("label") or "", entry.lines("value"), entry.location)
                )
        media = fields.fields("media", ("heading", "items", "footer"))
        return Colophon(
            title=fields.text("title"),
            motto=fields.text("motto"),
            heading=fields.text("heading"),
            fields=tuple(entries),
            closing=fields.text("closing"),
            media=Media(
                media.text("heading"),
                self.media_items(media),
                media.lines("footer"),
                media.location,
            )
            if media
            else None,
            location=fields.location,
        )

    def media_items(self, media: Fields) -> tuple[MediaItem, ...]:
        """`items:` a list of names (a placeholder QR box each) or of {name, image} mappings
        (the image file in images/: a QR code or a logo)."""
        node = media.get("items")
        if node is None:
            return ()
        if not isinstance(node, SequenceNode):
            return tuple(
                MediaItem(name, None, media.where("items")) for name in media.lines("items")
            )
        if len(node.value) > limits.lines("items"):
            self.fail(
                f"'items' has too many entries: {len(node.value):,}",
                media.where("items"),
                f"at most {limits.lines('items')}; shorten it",
            )
            return ()
        items = []
        for index, item in enumerate(node.value, start=1):
            where = self.reader.at(item)
            if not isinstance(item, MappingNode):
                name = self.reader.text(f"media item {index}", item, "items")
                if name is not None:
                    items.append(MediaItem(name, None, where))
                continue
            fields = self.reader.fields(f"media item {index}", item, ("name", "image"), ("name",))
            if fields is None:
                continue
            file = fields.text("image")
            path = self.image_path(file, False, fields.where("image")) if file else None
            items.append(MediaItem(fields.text("name") or "", path, where))
        return tuple(items)

    def names(self, top: Fields) -> tuple[NameEntry, ...]:
        entries = []
        owner: dict[str, str] = {}
        for number, node in top.items("names"):
            fields = self.reader.fields(
                f"names entry {number}",
                node,
                ("canonical", "variants", "note"),
                ("canonical", "variants"),
            )
            if fields is None:
                continue
            canonical = fields.text("canonical") or ""
            variants = fields.lines("variants")
            for variant in variants:
                if variant == canonical or owner.get(variant, canonical) != canonical:
                    other = owner.get(variant, canonical)
                    self.fail(
                        f"'{variant}' cannot be a variant of '{canonical}'",
                        fields.where("variants"),
                        f"it is already the canonical name or a variant of '{other}'",
                    )
                owner[variant] = canonical
            entries.append(NameEntry(canonical, variants, fields.text("note"), fields.location))
        return tuple(entries)
