"""The whole issue: covers, front matter, body, back cover, as positioned pages.

The contents page lists the folios where articles start, and its own length decides where the
body starts; so the issue is laid out until the folios stop changing (a capped fixed-point loop,
as rinohtype, WeasyPrint and Typst do for page references).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import TypeVar

from layout.compose.accounting import Printed, check_issue, slab_text
from layout.compose.bounds import MAX_BLANK_PAGES, find_key
from layout.compose.contents import contents_story, toc_lines
from layout.compose.copyfit import Remedy, choose_rows, remedies
from layout.compose.covers import colophon_items, cover_page, inside_cover_page
from layout.compose.flow import GAP_ROWS, BodyPage, Flow, Placement, StoryRequest
from layout.compose.frame import frame_for
from layout.compose.furniture import running_head
from layout.compose.memo import CompositionMemo
from layout.compose.report import errors_in_order, flatten, reading_order
from layout.compose.setter import Setter
from layout.compose.story import Story, StoryBuilder
from layout.errors import LayoutError, LayoutErrors, Location
from layout.manifest.schema import ArticleEntry, Issue, LayoutWarning, SuppliedPage
from layout.parallel import from_both_ends
from layout.render.model import Bookmark, Document, Page, SuppliedBox
from layout.style.sheet import SectionVariant, Style
from layout.style.units import MM
from layout.text.items import character_table, load_character_table, table_mark
from layout.text.metrics import Metrics

T = TypeVar("T")


class _Redo(Exception):
    """An article the second core could not set: it is composed again here, for its errors."""


MAX_ITERATIONS = 5
_SHARED_FROM = 4  # articles to compose, for the second core to take some (precompose)
COLOPHON_FOOT = 10 * MM  # the colophon's last line sits at least this far above the trim
CONTENTS = "\x00contents"  # the contents list's placement (no article id can be this)
FRONT_FORMS = ("reprint",)  # set before the contents page
BACK_FORMS = ("gallery",)  # the back cover
FIXED_PAGES = ("cover", "inside cover", "colophon")  # set apart from the page flow


@dataclass
class FitRow:
    article: str
    section: str
    first_folio: int
    last_folio: int
    rows: int  # column-rows used
    planned: int | None  # column-rows planned from the page hints
    planned_page: int | None = None  # the page hint: where the editors planned it to start
    remedies: tuple[Remedy, ...] = ()  # what would land it on its plan (copyfit)
    # how `planned` was found: "hints" (to the next page hint) or "rule" (the section's
    # articles a page, or the whole pages it takes)
    basis: str = "hints"

    @property
    def difference(self) -> int | None:
        return None if self.planned is None else self.rows - self.planned

    @property
    def over(self) -> bool:
        """Over its planned space (an overrun)."""
        return (self.difference or 0) > 0


@dataclass
class BuildResult:
    document: Document
    # the fit report's rows, made when first asked for (`fit`): a build told to be quiet, with
    # no report.html, never needs their remedies
    fit_rows: Callable[[], list[FitRow]] = field(repr=False, compare=False)
    folios: dict[str, int]
    notes: list[LayoutWarning] = field(default_factory=list)  # in reading order
    iterations: int = 0
    # which flowed page and story slab each printed item comes from (proofs map text to lines)
    printed: Printed | None = field(default=None, compare=False, repr=False)
    # the accounting still to run when it was left to the caller (compose(account=False)):
    # raises LayoutError when a character of the issue is not on its pages
    verify: Callable[[], None] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def fit(self) -> list[FitRow]:
        """One row per body article: pages and column-rows used against its planned space."""
        return self.fit_rows()

    @property
    def warnings(self) -> list[str]:
        """The warnings as printed: `file:line:column: warning: message (what to do)`."""
        return [str(note) for note in self.notes]


class IssueComposer:
    def __init__(
        self,
        issue: Issue,
        style: Style,
        metrics: Metrics,
        memo: CompositionMemo | None = None,
        setter: Setter | None = None,
    ) -> None:
        """`setter`: one kept from an earlier build of the same style, metrics and memo
        (`layout watch`), with what it has set."""
        self.issue = issue
        self.style = style
        self.metrics = metrics
        self.setter = setter if setter is not None else Setter(style, metrics, memo)
        self._builders: dict[int, StoryBuilder] = {}
        self._stories: dict[str, Story] = {}
        self._story_errors: dict[str, list[LayoutError]] = {}  # article id -> its errors
        self._fixed: dict[str, Page] = {}  # cover, inside cover, colophon: set once
        self._back: tuple[Page, Flow | None] | None = None
        self.warnings: list[LayoutWarning] = []

    def variant(self, section_id: str) -> SectionVariant:
        section = self.issue.section(section_id)
        variant = self.style.sections.get(section.name, SectionVariant())
        columns = section.columns or variant.columns or self.style.grid.columns
        return SectionVariant(columns, variant.per_page, variant.new_page)

    def builder(self, columns: int) -> StoryBuilder:
        if columns not in self._builders:
            self._builders[columns] = StoryBuilder(
                self.setter, self.style.grid_for(columns), self.issue.folder / "images"
            )
        return self._builders[columns]

    def article_variant(self, entry: ArticleEntry) -> SectionVariant:
        if entry.form in BACK_FORMS:  # the gallery sets its works full width, one under another
            return SectionVariant(1, 0, True)
        return self.variant(entry.section)

    def story(self, entry: ArticleEntry) -> Story:
        """The article's story; stories do not depend on folios, so each is composed once."""
        if entry.id not in self._stories:
            columns = self.article_variant(entry).columns
            self._stories[entry.id] = self.builder(columns).story(entry.content)
        return self._stories[entry.id]

    def compose_stories(self, entries: list[ArticleEntry]) -> None:
        """Compose the entries' stories; an article that cannot be set keeps its errors (all
        of them, up to a cap) instead of stopping the others."""
        for entry in entries:
            if entry.id in self._stories or entry.id in self._story_errors:
                continue
            try:
                self.story(entry)
            except LayoutError as error:
                self._story_errors[entry.id] = flatten(error)

    def precompose(self, also: Callable[[], T]) -> T:
        """Compose every article's story, the second core taking articles from the last one
        back while this one runs `also` (the parts that need no story, what it returns) and
        then takes them from the first one on, until the two meet (parallel.from_both_ends).

        Errors do not travel back from the second core (an exception does not pickle with its
        position): an article with errors stops it there, and is composed again here, where
        its errors are collected like those of the others."""
        entries = [
            e
            for e in self.issue.articles
            if e.id not in self._stories and e.id not in self._story_errors
        ]
        memo = self.setter.memo
        if len(entries) < _SHARED_FROM:
            # `layout watch` sets again the article or two that changed: a second process
            # would cost more (forking, copying what it touches) than it saves
            self.compose_stories(entries)
            return also()

        def compose_here(i: int) -> None:
            self.compose_stories([entries[i]])

        def compose_there(i: int) -> tuple[Story, dict, tuple]:
            entry = entries[i]
            used = len(memo.used) if memo is not None else 0
            measured = table_mark(self.metrics)
            self.compose_stories([entry])
            if entry.id in self._story_errors:
                raise _Redo(entry.id)
            # with the story, the memo entries it made and the characters it measured (the
            # build keeps both: compose/memo.py, compose/chartable.py)
            made = dict(islice(memo.used.items(), used, None)) if memo is not None else {}
            return self._stories[entry.id], made, character_table(self.metrics, measured)

        result, theirs = from_both_ends(len(entries), compose_here, compose_there, also)
        for i, (story, made, measured) in theirs.items():
            self._stories[entries[i].id] = story
            if memo is not None:
                memo.used.update(made)
            load_character_table(self.metrics, measured)
        return result

    def request(self, entry: ArticleEntry) -> StoryRequest:
        variant = self.article_variant(entry)
        story = self.story(entry)
        title = " ".join(t.text for t in entry.content.title) or " ".join(toc_lines(entry)[0])
        return StoryRequest(
            article=entry.id,
            section=entry.section,
            title=title,
            story=story,
            columns=variant.columns,
            per_page=variant.per_page,
            new_page=variant.new_page,
            pin=entry.page if entry.pin and entry.page else 0,
            location=entry.location,
        )

    def body_entries(self) -> list[ArticleEntry]:
        return [a for a in self.issue.articles if a.form not in FRONT_FORMS + BACK_FORMS]

    def compose(self, account: bool = True) -> BuildResult:
        """The issue laid out and checked. Without `account`, the check that every character
        is on its pages (compose.accounting) is left to the caller as `verify`: `layout
        build` runs it on the second core while the PDF's pages are drawn."""
        self.check_parts()
        self.fit_auto_images()
        front_count = 3  # a first guess: lead reprint and two contents pages
        folios: dict[str, int] = {}
        passes = 0
        bodies: dict[int, Flow] = {}  # the body depends only on where it starts
        while passes < MAX_ITERATIONS:
            passes += 1
            if front_count not in bodies:
                bodies[front_count] = self.flow_body(front_count + 1)
            body = bodies[front_count]
            new_folios = {p.article: p.first_folio for p in body.placements}
            front = self.flow_front(new_folios)
            stable = len(front.pages) == front_count and new_folios == folios
            folios = new_folios
            if stable:
                break
            front_count = len(front.pages)
        # known only now that the start of the body is settled
        pins = front.errors + body.errors + self.front_supplied(front_count)
        pins += self.far_supplied(body)
        if pins:
            raise LayoutErrors(errors_in_order(self.issue, pins))
        warnings = self.untitled() + body.warnings
        if not stable:
            warnings.append(
                LayoutWarning(
                    f"contents folios did not settle after {MAX_ITERATIONS} passes (please "
                    "report this with the issue folder)",
                    self.issue.location,
                )
            )
        printed = self.assemble(front, body)

        def verify() -> None:
            check_issue(self.issue, printed, self.metrics)

        if account:
            verify()
        document = printed.document
        notes = reading_order(self.issue, warnings + self.warnings, lambda w: w.location)
        later = None if account else verify
        return BuildResult(
            document, lambda: self.fit_rows(body), folios, notes, passes, printed, later
        )

    def front_supplied(self, front_count: int) -> list[LayoutError]:
        """Errors for supplied pages asked for among the front pages (lead article, contents),
        which are set before the body and do not flow round them."""
        return [
            LayoutError(
                f"page {entry.page} is a front page (the contents run to page {front_count}): "
                "a supplied page goes among the articles",
                find_key(entry.location, "page"),
                f"give it a page from {front_count + 1} on",
            )
            for entry in self.issue.supplied
            if entry.page <= front_count
        ]

    def far_supplied(self, body: Flow) -> list[LayoutError]:
        """Errors for supplied pages so far past the last article that the issue would need
        more than MAX_BLANK_PAGES blank pages to reach them."""
        last = body.next_folio - 1
        return [
            LayoutError(
                f"page {entry.page} is supplied, but the articles end on page {last:02d}: "
                f"{entry.page - last - 1} blank pages would come before it",
                find_key(entry.location, "page"),
                "give it a page among the articles, or just after them",
            )
            for entry in self.issue.supplied
            if entry.page - last - 1 > MAX_BLANK_PAGES
        ]

    def check_parts(self) -> None:
        """Set every part whose errors do not depend on the page flow (each article's story,
        the covers, the colophon, the contents list, the back cover) and raise LayoutErrors
        with the errors of all of them, in reading order: one run shows every problem."""
        fixed, contents = self.precompose(self.set_fixed_parts)
        errors = [e for entry in self.issue.articles for e in self._story_errors.get(entry.id, [])]
        errors += fixed
        # an entry of the contents that repeats a title already in error would only say it again
        failed = {e.path for e in self.issue.articles if e.id in self._story_errors}
        errors += [e for e in contents if not e.location or e.location.path not in failed]
        gallery = [a for a in self.issue.articles if a.form in BACK_FORMS]
        if not any(a.id in self._story_errors for a in gallery):
            try:
                self._back = self.back_cover()
            except LayoutError as error:
                errors += flatten(error)
        if errors:
            raise LayoutErrors(errors_in_order(self.issue, errors))

    def set_fixed_parts(self) -> tuple[list[LayoutError], list[LayoutError]]:
        """Set the covers and the colophon, and the contents list once to find its errors
        (neither needs a story): the errors of the pages, and those of the contents."""
        fixed = []
        for name in FIXED_PAGES:
            try:
                self.fixed_page(name)
            except LayoutError as error:
                fixed += flatten(error)
        try:  # folios are not known yet; they change no more than the digits of each entry
            contents_story(self.issue, self.setter, self.style.grid, {})
        except LayoutError as error:
            return fixed, flatten(error)
        return fixed, []

    def fixed_page(self, name: str) -> Page:
        """The cover, the inside cover or the colophon page, set once."""
        if name not in self._fixed:
            make = {
                "cover": lambda: cover_page(self.issue, self.setter),
                "inside cover": lambda: inside_cover_page(self.issue, self.setter),
                "colophon": self.inside_back_cover,
            }[name]
            self._fixed[name] = make()
        return self._fixed[name]

    def untitled(self) -> list[LayoutWarning]:
        """A warning for each article without a title: it has no head on its page, and the
        contents name it by its first words unless toc_title gives a name."""
        warnings = []
        for entry in self.issue.articles:
            if entry.content.title:
                continue
            if not entry.in_toc:
                listed = "it is not in the contents"
            elif entry.toc_title:
                listed = "the contents list it by its toc_title"
            else:
                listed = f"the contents list it as “{toc_lines(entry)[0][0]}”"
            warnings.append(
                LayoutWarning(
                    f"{entry.id} has no title (no # line): {listed} (give it a # title, or "
                    "a toc_title: in issue.yaml)",
                    Location(entry.path, 1, 1),
                )
            )
        return warnings

    def flow_body(self, first_folio: int) -> Flow:
        flow = Flow(self.style, first_folio, {s.page: s for s in self.issue.supplied})
        previous_section = None
        for entry in self.body_entries():
            req = self.request(entry)
            flow.add(req, first_of_section=entry.section != previous_section)
            previous_section = entry.section
        return flow

    def flow_front(self, folios: dict[str, int]) -> Flow:
        flow = Flow(self.style, 1)
        for entry in self.issue.articles:
            if entry.form in FRONT_FORMS:
                flow.add(self.request(entry), first_of_section=True)
        grid = self.style.grid
        story = contents_story(self.issue, self.setter, grid, folios)
        flow.add(
            StoryRequest(CONTENTS, "contents", "目录", story, grid.columns, 0, True),
            first_of_section=True,
        )
        return flow

    def inside_back_cover(self) -> Page:
        """封三 carries the masthead (colophon), as many Chinese monthlies set it."""
        page = Page(self.style.page.trim_width, self.style.page.trim_height, label="封三")
        if self.issue.colophon:
            frame = frame_for(self.style, recto=True)
            # the masthead may use the foot margin, but keeps clear of the trim
            bottom = self.style.page.trim_height - COLOPHON_FOOT
            page.items += colophon_items(
                self.issue.colophon, self.setter, frame.left, frame.top + 12, frame.width, bottom
            )
            page.bookmarks.append(Bookmark("版权页", 0, frame.top))
        return page

    def back_cover(self) -> tuple[Page, Flow | None]:
        """封四: the gallery, on one page (its flow comes back for the accounting)."""
        page = Page(self.style.page.trim_width, self.style.page.trim_height, label="封四")
        entries = [a for a in self.issue.articles if a.form in BACK_FORMS]
        if not entries:
            return page, None
        flow = Flow(self.style, 0)  # an even, left-hand page
        for entry in entries:
            flow.add(self.request(entry), first_of_section=True)
        for body_page in flow.pages[:1]:
            page.items += body_page.items
            page.bookmarks += [Bookmark(t, 0, y) for t, y in body_page.bookmarks]
        if len(flow.pages) > 1:
            raise self.overflow(flow)
        return page, flow

    @staticmethod
    def overflow(flow: Flow) -> LayoutError:
        """The error for a gallery longer than the back cover, at the first slab that is not
        on it."""
        rest = [p for placement in flow.placements for p in placement.placed]
        rest = [p for p in rest if p.page is not flow.pages[0]]
        count = sum(1 for c in slab_text(p.slab for p in rest) if not c.isspace())
        images = sum(1 for p in rest if p.slab.kind == "image")
        also = f" and {images} image slot{'s' if images > 1 else ''}" if images else ""
        return LayoutError(
            f"the back cover holds one page: from here on, {count} characters{also} do not "
            "fit on it",
            rest[0].slab.location,
            "shorten the gallery's texts or give its images fewer lines=",
        )

    def assemble(self, front: Flow, body: Flow) -> Printed:
        """The document's pages, and what the accounting needs to check them."""
        pages: list[Page] = [self.fixed_page("cover"), self.fixed_page("inside cover")]
        sources: list[BodyPage | None] = [None, None]
        for body_page in front.pages:
            pages.append(self.to_page(body_page, furniture=False))
            sources.append(body_page)
        section_marked: set[str] = set()
        for body_page in body.pages:
            if body_page.supplied is not None:  # no running head, folio or bookmark on it
                pages.append(self.supplied_page(body_page.supplied))
                sources.append(None)
                continue
            page = self.to_page(body_page, furniture=True)
            if body_page.section not in section_marked:
                section_marked.add(body_page.section)
                name = self.issue.section(body_page.section).name
                page.bookmarks.insert(0, Bookmark(name, 0, 0.0))
            pages.append(page)
            sources.append(body_page)
        folio = body.next_folio
        supplied = {s.page: s for s in self.issue.supplied if s.page >= folio}
        blank = []
        # + 封三 and 封四: saddle stitch wants multiples of 4; supplied pages after the last
        # article come in their places
        while (len(pages) + 2) % 4 or any(page >= folio for page in supplied):
            if folio in supplied:
                pages.append(self.supplied_page(supplied[folio]))
            else:
                pages.append(
                    Page(
                        self.style.page.trim_width,
                        self.style.page.trim_height,
                        label=f"{folio:02d}",
                    )
                )
                blank.append(folio)
            sources.append(None)
            folio += 1
        if blank:
            self.warnings.append(self.padding_warning(body, blank))
        pages.append(self.fixed_page("colophon"))
        back, gallery = self._back or self.back_cover()
        pages.append(back)
        sources += [None, gallery.pages[0] if gallery else None]
        meta = self.issue.meta
        document = Document(
            pages=pages,
            title=(
                f"{self.issue.magazine.title} {meta.year}年第{meta.number}期（总第{meta.serial}期）"
            ),
            author=self.issue.magazine.sponsor or self.issue.magazine.title,
            bleed=self.style.page.bleed,
        )
        placements: list[Placement] = front.placements + body.placements
        placements += gallery.placements if gallery else []
        contents = next((p for p in front.placements if p.article == CONTENTS), None)
        return Printed(document, sources, placements, contents)

    def supplied_page(self, entry: SuppliedPage) -> Page:
        """A supplied PDF page as a page of the issue: the file's page over the whole trim
        (its bleed in ours), nothing of ours on it."""
        width, height = self.style.page.trim_width, self.style.page.trim_height
        page = Page(width, height, label=f"{entry.page:02d}")
        path = str(entry.path)
        page.items.append(
            SuppliedBox(0.0, 0.0, width, height, path, entry.page_of_file, entry.location)
        )
        return page

    def padding_warning(self, body: Flow, blank: list[int]) -> LayoutWarning:
        """The warning for the blank numbered pages that make the page count a multiple of 4,
        at the manifest entry of the article they follow."""
        first, last = blank[0], blank[-1]
        count = len(blank)
        after = body.placements[-1].article if body.placements else "the contents"
        entries = {e.id: e for e in self.issue.articles}
        where = entries[after].location if after in entries else self.issue.location
        if count == 1:
            pages = f"page {first:02d} is"
        elif last - first + 1 == count:
            pages = f"pages {first:02d}-{last:02d} are"
        else:  # a supplied page among them
            pages = f"pages {', '.join(f'{folio:02d}' for folio in blank)} are"
        shorten = (
            f"shorten the issue by {4 - count} page{'s' if 4 - count > 1 else ''}"
            if count < 4
            else "give the supplied pages after them lower page numbers"
        )
        return LayoutWarning(
            f"{pages} left blank after {after}, to make the page count a multiple of 4 "
            f"(saddle stitching) (fill {'it' if count == 1 else 'them'}, or {shorten})",
            where,
        )

    def to_page(self, body_page: BodyPage, furniture: bool) -> Page:
        style = self.style
        label = f"{body_page.folio:02d}"
        page = Page(style.page.trim_width, style.page.trim_height, label=label)
        page.items = list(body_page.items)
        page.proof_lines = list(body_page.proof_lines)
        level = 1 if furniture else 0
        page.bookmarks = [Bookmark(t, level, y) for t, y in body_page.bookmarks]
        if furniture:
            section = self.issue.section(body_page.section)
            recto = body_page.folio % 2 == 1
            frame = frame_for(style, recto)
            page.items += running_head(
                self.setter, frame, recto, section.name, section.english, label, section.location
            )
        return page

    def fit_rows(self, body: Flow) -> list[FitRow]:
        entries = {e.id: e for e in self.body_entries()}
        rows = []
        for placement in body.placements:
            entry = entries[placement.article]
            used = placement.extent()
            planned, basis = self.planned(entry, used)
            found: tuple[Remedy, ...] = ()
            if planned is not None and placement.story is not None:
                grid = self.style.grid_for(placement.columns)
                difference = used - planned
                found = tuple(remedies(placement.story, difference, placement.columns, grid))
            rows.append(
                FitRow(
                    entry.id,
                    self.issue.section(entry.section).name,
                    placement.first_folio,
                    placement.last_folio,
                    used,
                    planned,
                    entry.page,
                    found,
                    basis,
                )
            )
        return rows

    def planned(self, entry: ArticleEntry, rows: int) -> tuple[int | None, str]:
        """The column-rows planned for the article and how they were found: up to the next
        page hint when the editors gave hints, else by the section's rule."""
        variant = self.article_variant(entry)
        page_rows = self.style.grid.lines * variant.columns
        hinted = [e for e in self.body_entries() if e.page]
        by_hints = self._planned_rows(entry, hinted, page_rows, variant.columns)
        if by_hints is not None:
            return by_hints, "hints"
        return planned_by_rule(variant, page_rows, rows), "rule"

    @staticmethod
    def _planned_rows(
        entry: ArticleEntry, hinted: list[ArticleEntry], page_rows: int, columns: int
    ) -> int | None:
        """Column-rows the page hints give the article: up to the next hinted start page;
        articles that share a start page share it equally."""
        if not entry.page:
            return None
        same = [e for e in hinted if e.page == entry.page]
        later = sorted({e.page for e in hinted if e.page > entry.page})
        if not later:
            return None
        pages = later[0] - entry.page
        return share(pages * page_rows, len(same), columns)

    def fit_auto_images(self) -> None:
        """Give the lines=auto photos of each article the rows (within their ranges) that bring
        it closest to its planned space, and set its story again with them. An article's
        column-rows are a sum over its slabs, so this needs no trial layout."""
        for entry in self.body_entries():
            story = self._stories.get(entry.id)
            if story is None or not story.auto:
                continue
            columns = self.article_variant(entry).columns
            rows = (story.head_rows + story.span_rows) * columns + story.stream_rows
            planned, _ = self.planned(entry, rows)
            if planned is None or planned == rows:
                continue
            # growing, leave a line of each column spare: balancing and the widow and orphan
            # rules seldom fill the last rows of a plan exactly, and an article one line over
            # would push every later one a page on
            delta = planned - rows
            chosen = choose_rows(story.auto, delta - columns if delta > 0 else delta)
            if all(chosen[image.key] == image.rows for image in story.auto):
                continue
            builder = self.builder(columns)
            builder.image_rows.update(chosen)
            del self._stories[entry.id]
            self.story(entry)


def share(rows: int, articles: int, columns: int) -> int:
    """Column-rows of each of `articles` sharing `rows` column-rows: a blank row (across the
    columns) separates two articles on a page."""
    return (rows - (articles - 1) * GAP_ROWS * columns) // articles


def planned_by_rule(variant: SectionVariant, page_rows: int, rows: int) -> int | None:
    """Without page hints: a section whose articles share pages plans each an equal share of
    one; one whose articles each start a page plans the whole pages nearest to what it takes
    (an article that runs a few lines onto a new page is over, one that leaves most of its
    last page empty is under)."""
    if variant.per_page > 1:
        return share(page_rows, variant.per_page, variant.columns)
    if variant.per_page == 0:
        return max(1, round(rows / page_rows)) * page_rows
    return None


def compose_issue(
    issue: Issue,
    style: Style,
    metrics: Metrics,
    memo: CompositionMemo | None = None,
    *,
    account: bool = True,
) -> BuildResult:
    return IssueComposer(issue, style, metrics, memo).compose(account)
