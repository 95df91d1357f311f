"""Pour stories into the column frames of successive body pages.

Section rules come from the style sheet: a section may start on a new page and may share pages
between articles (动态: two news items to a page). Within a page an article owns a band of whole
grid rows across the type area: its head spans the columns, its body fills the columns below
and is balanced where it ends, so the next article starts on the grid too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from layout.compose.bounds import MAX_BLANK_PAGES, MIN_BODY_ROWS, check_head, describe, find_key
from layout.compose.columns import balance, fill_columns
from layout.compose.frame import Frame, frame_for
from layout.compose.slab import Slab, place
from layout.compose.story import Story
from layout.errors import LayoutError, Location
from layout.manifest.schema import LayoutWarning, SuppliedPage
from layout.render.model import ProofLine
from layout.style.sheet import Style

GAP_ROWS = 1  # a blank row between two articles that share a page


@dataclass
class BodyPage:
    folio: int
    section: str  # section id
    columns: int
    frame: Frame
    items: list = field(default_factory=list)
    proof_lines: list[ProofLine] = field(default_factory=list)
    next_row: int = 0
    articles: int = 0  # articles on this page (a continued one counts)
    bookmarks: list[tuple[str, float]] = field(default_factory=list)  # (title, y)
    supplied: SuppliedPage | None = None  # a supplied PDF page: nothing flows onto it


@dataclass(frozen=True)
class Placed:
    """A slab put on a page with its top-left corner at (x, y): the record the accounting
    checks (every slab of a story placed once, on a printed page, inside the trim)."""

    slab: Slab
    page: BodyPage
    x: float
    y: float


@dataclass
class Placement:
    """Where an article went, for the contents page and the fit report."""

    article: str
    first_folio: int
    last_folio: int
    rows: int  # column-rows used: head rows x columns + stream rows
    columns: int
    story: Story | None = None
    placed: list[Placed] = field(default_factory=list)

    def extent(self) -> int:
        """Column-rows the article takes on its pages: on each page, the rows from its first
        slab's top to its last slab's bottom, times the columns (white left by balancing and
        by the widow and orphan rules included: the space the next article cannot have)."""
        spans: dict[int, tuple[int, int]] = {}
        for placed in self.placed:
            grid = placed.page.frame.grid
            top = round((placed.y - placed.page.frame.top) / grid.pitch)
            first, last = spans.get(id(placed.page), (top, top + placed.slab.rows))
            spans[id(placed.page)] = (min(first, top), max(last, top + placed.slab.rows))
        return sum(last - first for first, last in spans.values()) * self.columns


@dataclass(frozen=True)
class PageCut:
    ranges: list[tuple[int, int]]  # text pieces per column
    height: int  # rows the columns take (floats included)
    floats: int  # floats that go on the page


@dataclass(frozen=True)
class StoryRequest:
    article: str
    section: str
    title: str
    story: Story
    columns: int
    per_page: int
    new_page: bool
    pin: int = 0  # start on this folio
    location: Location | None = None  # the article's manifest entry (for pins)


class Flow:
    def __init__(
        self, style: Style, first_folio: int, supplied: Mapping[int, SuppliedPage] | None = None
    ) -> None:
        self.style = style
        # folio -> the supplied page printed there: new_page() steps over these folios
        self.supplied = dict(supplied or {})
        self.pages: list[BodyPage] = []
        self.next_folio = first_folio
        self.placements: list[Placement] = []
        self.warnings: list[LayoutWarning] = []
        # Errors that depend on where the body starts (a pin too far ahead): the issue composer
        # raises them only for the layout it settles on, since early passes guess that start.
        self.errors: list[LayoutError] = []

    @property
    def lines(self) -> int:
        return self.style.grid.lines

    def new_page(self, section: str, columns: int) -> BodyPage:
        while self.next_folio in self.supplied:  # the article runs on after the supplied page
            folio = self.next_folio
            self.next_folio += 1
            frame = frame_for(self.style, folio % 2 == 1)
            page = BodyPage(folio, "", 0, frame, supplied=self.supplied[folio])
            self.pages.append(page)
        folio = self.next_folio
        self.next_folio += 1
        page = BodyPage(folio, section, columns, frame_for(self.style, folio % 2 == 1, columns))
        self.pages.append(page)
        return page

    def start_page(self, req: StoryRequest, first_of_section: bool) -> tuple[BodyPage, int]:
        """The page and row where the article's head goes."""
        if not req.pin:
            return self.free_start(req, first_of_section)
        blank = req.pin - self.next_folio
        if blank > MAX_BLANK_PAGES:
            self.errors.append(
                LayoutError(
                    f"{req.article} is pinned to page {req.pin}, but the pages before it end at "
                    f"{self.next_folio - 1}: pinning it would leave {blank} pages empty",
                    self.pin_location(req),
                    "fix its page:, or remove pin: true to let it follow the article before it",
                )
            )
            return self.new_page(req.section, req.columns), 0
        if blank >= 0:
            if blank:
                self.warn_at(
                    req,
                    f"pinned to page {req.pin:02d}; {_pages(self.next_folio, req.pin - 1)} "
                    f"{'are' if blank > 1 else 'is'} left blank before it, after "
                    f"{self.previous()}",
                    "remove pin: true to let it follow the article before it, or fill the gap",
                )
            while self.next_folio < req.pin:
                self.new_page(req.section, req.columns)
            return self.new_page(req.section, req.columns), 0
        # the pages before it run to the pin or past it: add() says when the pin is not met
        return self.free_start(req, first_of_section)

    def previous(self) -> str:
        """What comes before the next article, for messages: the last article placed."""
        return self.placements[-1].article if self.placements else "the front pages"

    @staticmethod
    def pin_location(req: StoryRequest) -> Location | None:
        """The pin's position: the `page:` key of the article's manifest entry."""
        return find_key(req.location, "page") if req.location else None

    def warn_at(self, req: StoryRequest, message: str, hint: str) -> None:
        """A warning about the article's pin, at its `page:` key."""
        at = self.pin_location(req) or req.location or Location(Path("issue.yaml"))
        self.warnings.append(LayoutWarning(f"{req.article}: {message} ({hint})", at))

    def free_start(self, req: StoryRequest, first_of_section: bool) -> tuple[BodyPage, int]:
        """Below the previous article if the section shares pages and there is room, else on a
        new page."""
        page = self.pages[-1] if self.pages else None
        if page is not None and self.can_share(page, req, first_of_section):
            row = page.next_row + GAP_ROWS
            if row + req.story.head_rows + MIN_BODY_ROWS <= self.lines:
                return page, row
        return self.new_page(req.section, req.columns), 0

    @staticmethod
    def can_share(page: BodyPage, req: StoryRequest, first_of_section: bool) -> bool:
        """May the article start below the previous one on the same page?"""
        return (
            not (first_of_section and req.new_page)
            and page.section == req.section
            and page.columns == req.columns
            and 0 < page.articles < req.per_page
        )

    def add(self, req: StoryRequest, first_of_section: bool) -> Placement:
        """Pour the article onto pages: its head, then its columns page by page.

        Every page that starts empty takes at least one slab (no slab is taller than a column),
        and one that took nothing raises; so the loop ends, after at most one page per slab (and
        the page of the head).
        """
        story = req.story
        check_head(story.head, self.lines)
        errors = len(self.errors)
        page, row = self.start_page(req, first_of_section)
        if req.pin and page.folio != req.pin and len(self.errors) == errors:
            self.warn_at(
                req,
                f"pinned to page {req.pin:02d} but starts on page {page.folio:02d}: "
                f"{self.previous()} before it runs to page {self.next_folio - 1 - (row == 0):02d}",
                "shorten the articles before it, or change its page:",
            )
        page.articles += 1
        rows = (story.head_rows + story.span_rows) * req.columns + story.stream_rows
        placement = Placement(req.article, page.folio, page.folio, rows, req.columns, story)
        page.bookmarks.append((req.title, page.frame.row_top(row)))
        for slab in story.head:
            self.put(placement, page, slab, page.frame.left, page.frame.row_top(row))
            row += slab.rows
        start, next_float, next_span = 0, 0, 0
        deferred = False  # the next span waits for the top of the next page
        columns = req.columns
        while True:
            stop = self.stop(story, next_span + deferred)
            cut = self.cut_page(story, start, next_float, columns, self.lines - row, stop)
            if not deferred and next_span < len(story.spans) and cut.ranges[-1][1] == stop:
                span = story.spans[next_span][1]
                if row + cut.height + span.rows > self.lines:  # no room below the text above it
                    deferred = True  # the text runs on past it; it heads the next page
                    stop = self.stop(story, next_span + 1)
                    cut = self.cut_page(story, start, next_float, columns, self.lines - row, stop)
            height = self.place_cut(page, placement, story, cut, start, next_float, row)
            took = cut.ranges[-1][1] > start or cut.floats > 0
            start = cut.ranges[-1][1]
            next_float += cut.floats
            if not deferred and next_span < len(story.spans) and start == stop:
                # the text before the span is balanced above it: the span goes right below
                row += max(height, cut.height)
                span = story.spans[next_span][1]
                self.put(placement, page, span, page.frame.left, page.frame.row_top(row))
                row += span.rows
                next_span += 1
                if row < self.lines:
                    continue
            elif start >= len(story.pieces) and next_float >= len(story.floats) and not deferred:
                page.next_row = row + max(height, cut.height)
                break
            elif not took and row == 0:  # an empty page took nothing: no page ever will
                raise self.stuck(story, start, next_float)
            page.next_row = self.lines
            page = self.new_page(req.section, columns)
            page.articles = 1  # the continued article counts towards the page's share
            row = 0
            if deferred:
                span = story.spans[next_span][1]
                self.put(placement, page, span, page.frame.left, page.frame.row_top(0))
                row, next_span, deferred = span.rows, next_span + 1, False
        placement.last_folio = page.folio
        self.placements.append(placement)
        return placement

    @staticmethod
    def stop(story: Story, span: int) -> int:
        """Where the text of the current stretch ends: at the anchor of span number `span`,
        or at the end of the story."""
        return story.spans[span][0] if span < len(story.spans) else len(story.pieces)

    def place_cut(
        self,
        page: BodyPage,
        placement: Placement,
        story: Story,
        cut: PageCut,
        start: int,
        next_float: int,
        row: int,
    ) -> int:
        """Put one page's share of the story from `row`: its floats at the head of the last
        column, its text in the columns; returns the tallest column's rows."""
        floats = story.floats[next_float : next_float + cut.floats]
        reserved = sum(slab.rows for _, slab in floats)
        columns = len(cut.ranges)
        last_x = page.frame.column_left(columns - 1)
        r = row
        for _, slab in floats:  # floats head the last column, beside the text
            self.put(placement, page, slab, last_x, page.frame.row_top(r))
            r += slab.rows
        offsets = [0] * columns
        offsets[-1] = reserved
        return self.place_columns(page, placement, story.stream, cut.ranges, row, offsets)

    @staticmethod
    def put(placement: Placement, page: BodyPage, slab: Slab, x: float, y: float) -> None:
        page.items += place(slab, x, y)
        placement.placed.append(Placed(slab, page, x, y))

    def stuck(self, story: Story, start: int, next_float: int) -> LayoutError:
        """The error for a slab that does not fit an empty page (the story builder's checks
        should have caught it; this keeps the flow finite whatever builds the story)."""
        if start < len(story.stream):
            slab = story.stream[start]
        else:
            slab = story.floats[next_float][1]
        what, hint = describe(slab)
        return LayoutError(
            f"{what} is {slab.rows} lines tall but a column holds {self.lines}",
            slab.location,
            hint,
        )

    def cut_page(
        self,
        story: Story,
        start: int,
        next_float: int,
        columns: int,
        capacity: int,
        stop: int | None = None,
    ) -> PageCut:
        """What of the story (up to piece `stop`) goes on this page: text ranges per column and
        how many floats.

        A float comes onto the page when the text it is anchored to does; which text fits
        depends on the rows the floats take, so the two are settled together (a few rounds).
        """
        chosen = 0
        cut = PageCut([], 0, 0)
        for _ in range(4):
            floats = story.floats[next_float : next_float + chosen]
            reserved = sum(slab.rows for _, slab in floats)
            balanced = balance(story.pieces, start, columns, capacity, reserved, stop)
            if balanced is not None:
                ranges, height = balanced
            else:
                capacities = [capacity] * columns
                capacities[-1] -= reserved
                ranges, height = fill_columns(story.pieces, start, capacities, stop), capacity
            cut = PageCut(ranges, height, chosen)
            end = ranges[-1][1]
            wanted, rows = 0, 0
            for index in range(next_float, len(story.floats)):
                anchor, slab = story.floats[index]
                if anchor > end or (anchor == end and end < len(story.pieces)):
                    break
                if rows + slab.rows > capacity - MIN_BODY_ROWS and wanted:
                    break
                if rows + slab.rows > capacity:  # waits for the next page, where it fits
                    break
                wanted, rows = wanted + 1, rows + slab.rows
            if wanted == chosen:
                break
            chosen = wanted
        return cut

    def place_columns(
        self,
        page: BodyPage,
        placement: Placement,
        stream: list[Slab],
        ranges: list[tuple[int, int]],
        row: int,
        offsets: list[int],
    ) -> int:
        """Place slabs column by column from `row` (plus the column's offset for floats above
        its text); returns the tallest column's rows."""
        tallest = 0
        for column, (first, end) in enumerate(ranges):
            r = row + offsets[column]
            x = page.frame.column_left(column)
            for slab in stream[first:end]:
                y = page.frame.row_top(r)
                self.put(placement, page, slab, x, y)
                if slab.body_line:
                    page.proof_lines.append(ProofLine(column, r + 1, x, y))
                r += slab.rows
            tallest = max(tallest, r - row)
        return tallest


def _pages(first: int, last: int) -> str:
    return f"page {first:02d}" if first == last else f"pages {first:02d}-{last:02d}"
