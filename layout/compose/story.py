"""An article as a story: spanning head slabs plus a stream of column slabs.

The head (series label, title, kickers, byline, a lead image that spans the columns) is set
across the article's region; the body becomes a stream of one-row line slabs and multi-row
block slabs (subheads, bands, image slots, sidebar boxes) that the page composer pours into
columns. Every slab is a whole number of grid rows, so body lines stay on the grid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from pathlib import Path

from layout.compose.bounds import check_column_slab, check_head, located
from layout.compose.columns import Piece
from layout.compose.frame import baseline_offset
from layout.compose.report import capped, flatten
from layout.compose.setter import Setter
from layout.compose.slab import Slab, shift
from layout.content import model as m
from layout.content.image_options import AUTO_RANGE
from layout.errors import LayoutError, LayoutErrors
from layout.images import read_image_info, rows_for
from layout.render.model import GlyphRun, ImageBox, Rule
from layout.style.sheet import Grid
from layout.text.model import Run

DEFAULT_IMAGE_ROWS = 8
MIN_AUTO_ROWS = 4  # a lines=auto photo never shrinks below this


def auto_range(natural: int) -> tuple[int, int]:
    """lines=auto: a quarter shorter or taller than the photo's natural rows, as much as a
    designer lets a picture's crop change to fit the copy."""
    return max(MIN_AUTO_ROWS, natural - natural // 4), natural + natural // 4


@dataclass(frozen=True)
class AutoImage:
    """A `lines=auto` (or `lines=MIN..MAX`) photo of a story: its rows now, the rows it may take,
    and the column-rows one row of it is worth (the columns it spans)."""

    key: tuple[str, int]  # (file of the @image line, its line number)
    rows: int
    low: int
    high: int
    weight: int


def image_key(block: m.Block) -> tuple[str, int]:
    return (str(block.location.path), block.location.line)


@dataclass
class Story:
    head: list[Slab]
    stream: list[Slab]
    pieces: list[Piece] = field(default_factory=list)
    # Images and boxes: (anchor, slab). They head the last column of the page on which the
    # stream reaches `anchor`, so that the first column is unbroken text (baselines across
    # columns then line up with it).
    floats: list[tuple[int, Slab]] = field(default_factory=list)
    # Images across all the columns in the middle of the text (`cols=2` in a two-column
    # section): (anchor, slab). The text before `anchor` is balanced above the image, the rest
    # continues below it; an image with no room left on the page heads the next one.
    spans: list[tuple[int, Slab]] = field(default_factory=list)
    # Photos whose rows may change so that the article fills its planned space (lines=auto)
    auto: list[AutoImage] = field(default_factory=list)
    # The article content it was checked to show in full (accounting.check_issue): a story
    # kept between builds (`layout watch`) is not checked again against the same content.
    shows: object = field(default=None, compare=False, repr=False)

    @property
    def head_rows(self) -> int:
        return sum(s.rows for s in self.head)

    @property
    def stream_rows(self) -> int:
        """Column-rows of the body in one column (a span counts once: see span_rows)."""
        return sum(s.rows for s in self.stream) + sum(s.rows for _, s in self.floats)

    @property
    def span_rows(self) -> int:
        return sum(s.rows for _, s in self.spans)

    @cached_property
    def line_chars(self) -> int:
        """Characters of a full body line (25 when it has none): what copy-fit counts a line
        as. Kept once known: `layout watch` keeps stories, and this is read each build."""
        full = [slab_chars(s) for s, p in zip(self.stream, self.pieces, strict=True)
                if p.group >= 0 and p.index < p.size - 1]  # fmt: skip
        return max(full, default=25)


def slab_chars(slab: Slab) -> int:
    """The characters a slab shows (spaces around a cluster not counted)."""
    return sum(sum(map(len, map(str.strip, map(_TEXT, item.glyphs))))
               for item in slab.items if isinstance(item, GlyphRun))  # fmt: skip


_TEXT = itemgetter(0)  # of a (chars, x) glyph


def spans_to_runs(
    spans: tuple[m.Span, ...], prefix: str = "", body_font: str = "body"
) -> list[Run]:
    runs = [Run(prefix, body_font)] if prefix else []
    runs += [Run(s.text, "bold" if s.bold else body_font) for s in spans if s.text]
    return runs


def pad_name(name: str) -> str:
    """Two-character names take three cells, as Chinese lists print them: 刘　森 over 许舜尧."""
    chars = name.replace(" ", "").replace("\u3000", "")
    if len(chars) == 2 and all("\u4e00" <= c <= "\u9fff" for c in chars):
        return chars[0] + "\u3000" + chars[1]
    return name


class StoryBuilder:
    """Builds stories for one grid (a section's column count)."""

    def __init__(self, setter: Setter, grid: Grid, images_dir: Path) -> None:
        self.setter = setter
        self.images_dir = images_dir
        self.grid = grid
        self.region_width = grid.width
        self.column_width = grid.column_width
        self.pitch = grid.pitch
        self._group = 0
        # rows chosen for lines=auto photos (by image_key), set by the issue composer's fit
        self.image_rows: dict[tuple[str, int], int] = {}
        self._auto: list[AutoImage] = []

    # -- the head ---------------------------------------------------------------------------

    def head(self, article: m.Article, errors: list[LayoutError]) -> list[Slab]:
        """Series label, title, kickers, byline, author and date, each across the region; a
        part that cannot be set adds its error to `errors` and is left out."""
        parts = [
            ("series", [article.series] if article.series else []),
            ("title", list(article.title)),
            ("kicker", list(article.kicker)),
            ("byline", [article.byline] if article.byline else []),
            ("author", [article.author] if article.author else []),
            ("date", [article.date] if article.date else []),
        ]
        slabs = []
        for style, lines in parts:
            if lines:
                ts = self.setter.text_style(style)
                display = [[Run(line.text, ts.font)] for line in lines]
                try:
                    with located(lines[0].location):
                        slab = self.setter.block(display, ts, self.region_width, kind=style)
                except LayoutError as error:
                    errors += flatten(error)
                    continue
                slab.location = lines[0].location
                slabs.append(slab)
        if slabs:
            slabs[-1].rows += 1  # a blank row between the head and the body
        return slabs

    # -- the body stream ----------------------------------------------------------------------

    def story(self, article: m.Article) -> Story:
        """The article's story; LayoutErrors with every problem of the article (up to a cap),
        each at its source: a block that cannot be set does not hide the blocks after it."""
        errors: list[LayoutError] = []
        self._auto = []
        head = self.head(article, errors)
        blocks = list(article.blocks)
        # A leading image that asks for all columns belongs to the head.
        while blocks and blocks[0].kind == m.IMAGE and self._spans_all(blocks[0]):
            block = blocks.pop(0)
            try:
                with located(block.location):
                    head.append(self.image(block, self.region_width))
            except LayoutError as error:
                errors += flatten(error)
        if not errors:  # (a head part left out would make its height wrong)
            try:
                check_head(head, self.grid.lines)
            except LayoutError as error:
                errors.append(error)
        if article.standfirst:
            blocks.insert(
                0,
                m.Block(
                    m.PARA,
                    (m.Span(article.standfirst.text),),
                    article.standfirst.location,
                    {"style": "standfirst"},
                ),
            )
        story = Story(head=head, stream=[], pieces=[])
        for block in blocks:
            try:
                self.add_block(block, story)
            except LayoutError as error:
                errors += flatten(error)
        if errors:
            raise LayoutErrors(capped(errors))
        story.auto = self._auto
        return story

    def _spans_all(self, block: m.Block) -> bool:
        """A leading image spans the columns unless it asks for fewer."""
        cols = block.attrs.get("cols")
        return cols is None or int(cols) >= self.grid.columns

    def _asks_all(self, block: m.Block) -> bool:
        """An image inside the text spans the columns only when it asks for them all."""
        cols = block.attrs.get("cols")
        return cols is not None and int(cols) >= self.grid.columns

    def add_block(self, block: m.Block, story: Story) -> None:
        """The block's slabs onto the story; an error in setting its text (a character no font
        has) is reported at the block, or at the character when it can be found."""
        first = len(story.stream)
        with located(block.location):
            self._add_block(block, story)
        for slab in story.stream[first:]:
            if slab.location is None:
                slab.location = block.location

    def _add_block(self, block: m.Block, story: Story) -> None:
        kind = block.kind
        if kind in (m.PARA, m.ITEM, m.SALUTATION, m.BIO):
            style = {m.SALUTATION: "salutation"}.get(kind, block.attrs.get("style", "body"))
            prefix = str(block.attrs.get("number", "")) if kind == m.ITEM else ""
            self.paragraph(spans_to_runs(block.spans, prefix), style, story)
        elif kind in (m.SOURCE, m.CREDIT):
            self.paragraph(
                [Run(block.text, self.setter.text_style("source").font)], "source", story
            )
        elif kind in (m.SUBHEAD, m.CHAPTER, m.ORG, m.UNIT, m.NUM, m.WORK, m.ARTIST):
            style = {
                m.SUBHEAD: "subhead",
                m.CHAPTER: "chapter",
                m.ORG: "org",
                m.UNIT: "unit",
                m.NUM: "num",
                m.WORK: "unit",
                m.ARTIST: "artist",
            }[kind]
            ts = self.setter.text_style(style)
            spans = block.spans
            if kind == m.ARTIST:
                spans = (m.Span(pad_name(block.text)),)
            runs = spans_to_runs(spans, body_font=ts.font)
            slab = self.setter.block([runs], ts, self.column_width, kind=kind)
            slab.location = block.location
            if kind == m.NUM:
                self.flank_with_rules(slab, ts.size)
            self.append(slab, story, keep_with_next=True)
            for child in block.children:
                self.add_block(child, story)
        elif kind == m.BAND:
            self.append(self.band(block), story, keep_with_next=True)
        elif kind == m.IMAGE and self.grid.columns == 1:
            self.append(self.image(block, self.column_width), story)
        elif kind == m.IMAGE and self._asks_all(block):
            slab = self.image(block, self.region_width)
            check_column_slab(slab, self.grid.lines)
            story.spans.append((len(story.stream), slab))
        elif kind == m.IMAGE:
            self.add_float(self.image(block, self.column_width), story)
        elif kind == m.BOX:
            self.add_float(self.box(block), story)
        else:
            raise LayoutError(
                f"the page composer does not know block kind {kind!r}", block.location
            )

    def append(self, slab: Slab, story: Story, *, keep_with_next: bool = False) -> None:
        check_column_slab(slab, self.grid.lines)
        story.stream.append(slab)
        story.pieces.append(Piece(slab.rows, keep_with_next=keep_with_next))

    def add_float(self, slab: Slab, story: Story) -> None:
        """An image or box that heads the last column of the page where the text reaches it."""
        check_column_slab(slab, self.grid.lines)
        story.floats.append((len(story.stream), slab))

    def paragraph(self, runs: list[Run], style: str, story: Story) -> None:
        """One line slab per composed line; the lines share a group for widow/orphan rules."""
        ts = self.setter.text_style(style)
        lines = self.setter.compose(runs, ts, self.column_width)
        group = self._group
        self._group += 1
        for i, line in enumerate(lines):
            slab = Slab(rows=1, body_line=True, kind="line")
            slab.items = self.setter.runs_for_line(
                line, ts, self.column_width, baseline_offset(self.grid.body_size)
            )
            story.stream.append(slab)
            story.pieces.append(Piece(1, group, i, len(lines)))

    def flank_with_rules(self, slab: Slab, size: float) -> None:
        """A section number between two short accent rules: ── 1 ──."""
        texts = [item for item in slab.items if isinstance(item, GlyphRun)]
        if not texts:
            return
        left = min(x for run in texts for _, x in run.positions())
        right = max(x for run in texts for _, x in run.positions()) + 0.6 * size
        y = texts[0].baseline - 0.33 * size
        accent = self.setter.style.color("accent")
        length, gap = 3 * size, 0.8 * size
        slab.items.append(Rule(left - gap - length, y, length, 0.6, fill=accent))
        slab.items.append(Rule(right + gap, y, length, 0.6, fill=accent))

    # -- blocks ---------------------------------------------------------------------------------

    def band(self, block: m.Block) -> Slab:
        """A 【…】 subhead: its text on a tinted band one grid row high, an accent bar before it."""
        ts = self.setter.text_style("band")
        slab = self.setter.block([[Run(block.text, ts.font)]], ts, self.column_width, kind="band")
        slab.location = block.location
        style = self.setter.style
        gap = self.pitch - self.grid.body_size  # the white between two rows' em boxes
        top, height = -0.4 * gap, self.grid.body_size + 0.8 * gap
        slab.items.insert(0, Rule(0, top, self.column_width, height, fill=style.color("tint")))
        slab.items.insert(1, Rule(0, top, 0.3 * ts.size, height, fill=style.color("accent")))
        return slab

    def image(self, block: m.Block, width: float) -> Slab:
        """An image slot `width` wide and a whole number of rows high, its caption below.

        Without `lines=` a real image takes the rows its aspect ratio needs at this width.
        """
        file = str(block.attrs.get("file"))
        placeholder = bool(block.attrs.get("placeholder"))
        path = None if placeholder else self.images_dir / file
        rows = block.attrs.get("lines")
        if not rows:
            if path is None:
                rows = DEFAULT_IMAGE_ROWS
            else:
                try:
                    info = read_image_info(path)
                except LayoutError as error:
                    raise LayoutError(error.message, block.location, error.hint) from None
                rows = rows_for(info, width, self.pitch, self.grid.body_size)
        rows = int(rows)
        span = block.attrs.get("lines_range")
        if span is not None:
            rows = self._auto_rows(block, rows, span, width)
        caption = str(block.attrs.get("caption") or "")
        slab = Slab(rows=rows, kind="image", location=block.location)
        height = (rows - 1) * self.pitch + self.grid.body_size
        label = f"图片占位 {file}" if placeholder else file
        box_path = None if path is None else str(path)
        slab.items.append(
            ImageBox(
                0,
                0,
                width,
                height,
                box_path,
                label,
                block.location,
                fit=str(block.attrs.get("fit", "crop")),
                crop=str(block.attrs.get("crop", "center")),
                lowres=bool(block.attrs.get("lowres")),
            )
        )
        if caption:
            ts = self.setter.text_style("caption")
            cap = self.setter.block([[Run(caption, ts.font)]], ts, width, kind="caption")
            for item in cap.items:
                slab.items.append(shift(item, 0.0, rows * self.pitch))
            slab.rows += cap.rows
        slab.rows += 1  # white row between the image and the text below
        return slab

    def _auto_rows(self, block: m.Block, natural: int, span: object, width: float) -> int:
        """The rows of a lines=auto photo: as the issue's fit chose, else its natural rows
        within its range; the photo is recorded for the fit."""
        low, high = span if span != AUTO_RANGE else auto_range(natural)  # type: ignore[misc]
        key = image_key(block)
        rows = self.image_rows.get(key, min(max(natural, low), high))
        weight = self.grid.columns if width >= self.region_width - 0.01 else 1
        self._auto.append(AutoImage(key, rows, low, high, weight))
        return rows

    def box(self, block: m.Block) -> Slab:
        """A sidebar: a tinted, ruled box in one column, its text on the grid."""
        style = self.setter.style
        ts_title = self.setter.text_style("box-title")
        ts = self.setter.text_style("box")
        inner = self.column_width - 2 * ts.size
        lines = []
        for child in block.children:
            # numbered items keep their numbers in a box as outside it
            prefix = str(child.attrs.get("number", "")) if child.kind == m.ITEM else ""
            runs = spans_to_runs(child.spans, prefix)
            with located(child.location):
                lines += [(line, ts) for line in self.setter.compose(runs, ts, inner)]
        rows = len(lines) + 3  # title row, a row of padding above and below
        if rows + 1 > self.grid.lines:  # (+ the blank row below the box)
            raise LayoutError(
                f"the box is {rows + 1} lines tall but a column holds {self.grid.lines}",
                block.location,
                "shorten the box text or split it into two boxes (a box keeps a blank row "
                "below it)",
            )
        slab = Slab(rows=rows, kind="box", location=block.location)
        pad = 0.45 * self.pitch
        height = (rows - 1) * self.pitch + self.grid.body_size
        slab.items.append(
            Rule(
                0,
                -pad + 0.5 * self.pitch,
                self.column_width,
                height - self.pitch + 2 * pad - 0.5 * self.pitch,
                fill=style.color("tint"),
                stroke=style.color("accent"),
                stroke_width=0.5,
            )
        )
        title = self.setter.block([[Run(block.text, ts_title.font)]], ts_title, self.column_width)
        slab.items += [shift(item, 0.0, self.pitch) for item in title.items]
        for i, (line, ts_line) in enumerate(lines):
            base = (i + 2) * self.pitch + baseline_offset(self.grid.body_size)
            for run in self.setter.runs_for_line(line, ts_line, inner, base):
                slab.items.append(shift(run, ts.size, 0.0))
        slab.rows += 1
        return slab
