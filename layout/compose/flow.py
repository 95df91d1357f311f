"""Pour stories into the column frames of successive body pages.

Section rules come from the style sheet: a section may start on a new page and may share pages
between articles (动态: two news items to a page). Within a page an article owns a band of whole
grid rows across the type area: its head spans the columns, its body fills the columns below
and is balanced where it ends, so the next article starts on the grid too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.compose.columns import balance, fill_columns
from layout.compose.frame import Frame, frame_for
from layout.compose.slab import Slab, place
from layout.compose.story import Story
from layout.render.model import ProofLine
from layout.style.sheet import Style

MIN_BODY_ROWS = 3  # a title keeps at least three body lines with it
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


@dataclass
class Placement:
    """Where an article went, for the contents page and the fit report."""

    article: str
    first_folio: int
    last_folio: int
    rows: int  # column-rows used: head rows x columns + stream rows
    columns: int


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


class Flow:
    def __init__(self, style: Style, first_folio: int) -> None:
        self.style = style
        self.pages: list[BodyPage] = []
        self.next_folio = first_folio
        self.placements: list[Placement] = []
        self.warnings: list[str] = []

    @property
    def lines(self) -> int:
        return self.style.grid.lines

    def new_page(self, section: str, columns: int) -> BodyPage:
        folio = self.next_folio
        self.next_folio += 1
        page = BodyPage(folio, section, columns, frame_for(self.style, folio % 2 == 1, columns))
        self.pages.append(page)
        return page

    def start_page(self, req: StoryRequest, first_of_section: bool) -> tuple[BodyPage, int]:
        """The page and row where the article's head goes."""
        if req.pin and self.next_folio <= req.pin:
            if self.next_folio < req.pin:
                self.warnings.append(
                    f"{req.article}: pinned to page {req.pin:02d}; pages "
                    f"{self.next_folio:02d}-{req.pin - 1:02d} are left empty"
                )
            while self.next_folio < req.pin:
                self.new_page(req.section, req.columns)
            return self.new_page(req.section, req.columns), 0
        page = self.pages[-1] if self.pages else None
        if req.pin and (page is None or page.folio != req.pin):
            self.warnings.append(
                f"{req.article}: pinned to page {req.pin:02d} but the pages "
                f"before it run to {self.next_folio - 1:02d}"
            )
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
        page, row = self.start_page(req, first_of_section)
        page.articles += 1
        first_folio = page.folio
        page.bookmarks.append((req.title, page.frame.row_top(row)))
        for slab in req.story.head:
            page.items += place(slab, page.frame.left, page.frame.row_top(row))
            row += slab.rows
        story = req.story
        start, next_float = 0, 0
        columns = req.columns
        while True:
            cut = self.cut_page(story, start, next_float, columns, self.lines - row)
            floats = story.floats[next_float : next_float + cut.floats]
            reserved = sum(slab.rows for _, slab in floats)
            last_x = page.frame.column_left(columns - 1)
            r = row
            for _, slab in floats:  # floats head the last column, beside the text
                page.items += place(slab, last_x, page.frame.row_top(r))
                r += slab.rows
            offsets = [0] * columns
            offsets[-1] = reserved
            height = self.place_columns(page, story.stream, cut.ranges, row, offsets)
            start = cut.ranges[-1][1]
            next_float += cut.floats
            if start >= len(story.pieces) and next_float >= len(story.floats):
                page.next_row = row + max(height, cut.height)
                break
            page.next_row = self.lines
            page = self.new_page(req.section, columns)
            page.articles = 1  # the continued article counts towards the page's share
            row = 0
        rows = story.head_rows * columns + story.stream_rows
        placement = Placement(req.article, first_folio, page.folio, rows, columns)
        self.placements.append(placement)
        return placement

    def cut_page(
        self, story: Story, start: int, next_float: int, columns: int, capacity: int
    ) -> PageCut:
        """What of the story goes on this page: text ranges per column and how many floats.

        A float comes onto the page when the text it is anchored to does; which text fits
        depends on the rows the floats take, so the two are settled together (a few rounds).
        """
        chosen = 0
        cut = PageCut([], 0, 0)
        for _ in range(4):
            floats = story.floats[next_float : next_float + chosen]
            reserved = sum(slab.rows for _, slab in floats)
            balanced = balance(story.pieces, start, columns, capacity, reserved)
            if balanced is not None:
                ranges, height = balanced
            else:
                capacities = [capacity] * columns
                capacities[-1] -= reserved
                ranges, height = fill_columns(story.pieces, start, capacities), capacity
            cut = PageCut(ranges, height, chosen)
            end = ranges[-1][1]
            wanted, rows = 0, 0
            for anchor, slab in story.floats[next_float:]:
                if anchor > end or (anchor == end and end < len(story.pieces)):
                    break
                if rows + slab.rows > capacity - MIN_BODY_ROWS and wanted:
                    break
                wanted, rows = wanted + 1, rows + slab.rows
            if wanted == chosen:
                break
            chosen = wanted
        return cut

    def place_columns(
        self, page: BodyPage, stream: list[Slab], ranges, row: int, offsets: list[int]
    ) -> int:
        """Place slabs column by column from `row` (plus the column's offset for floats above
        its text); returns the tallest column's rows."""
        tallest = 0
        for column, (first, end) in enumerate(ranges):
            r = row + offsets[column]
            x = page.frame.column_left(column)
            for slab in stream[first:end]:
                y = page.frame.row_top(r)
                page.items += place(slab, x, y)
                if slab.body_line:
                    page.proof_lines.append(ProofLine(column, r + 1, x, y))
                r += slab.rows
            tallest = max(tallest, r - row)
        return tallest
