"""Nothing lost, nothing outside the trim: checked on every build, after composing.

The page composer promises two things that no single step can see whole:

- every character of an article's text (title, kicker, byline, body blocks, captions, box texts,
  bios, ...) is on a printed page: its story's slabs hold every character of its source (the
  line composer consumes only spaces; generated text such as item numbers only adds), and the
  flow placed each slab exactly once, on a page that is printed;
- everything placed (glyphs and rules; bleed photos excepted) lies inside the page's trim box.

This module checks both from the records the flow keeps (`Placement.placed`) and the finished
pages, and raises a `LayoutError` naming the source of the first loss (the block's file:line).
Texts are compared per source location, without whitespace: as strings (they almost always
agree), else as multisets of characters. The check is linear in the text: about 15 ms for the
reference issue, some 2 % of a build.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from layout.compose.contents import toc_lines
from layout.compose.flow import BodyPage, Placement
from layout.compose.slab import Slab, place
from layout.content import model as m
from layout.errors import LayoutError, Location
from layout.manifest.schema import Issue
from layout.render.model import Document, GlyphRun, Page, Rule
from layout.text.metrics import Metrics

TOLERANCE = 0.01  # pt: rounding in positions, not a real overhang
# The em box of a glyph: 0.88 em above the baseline, 0.12 em below (Noto CJK, see frame.py).
ASCENT, DESCENT = 0.88, 0.12
WIDEST = 1.5  # em: no glyph advances more (a quick bound before asking the font)
BUG_HINT = "the page composer lost them; please report this with the article file"

# Block kinds as the messages name them.
BLOCK_WORDS = {
    m.PARA: "paragraph",
    m.ITEM: "item",
    m.BOX: "box",
    m.IMAGE: "image caption",
    m.BIO: "@bio",
    m.ARTIST: "@artist line",
    m.WORK: "@work title",
}


@dataclass(frozen=True)
class Expected:
    """A piece of source text that must be printed, where it comes from and what it is."""

    location: Location | None
    text: str
    what: str


def article_pieces(article: m.Article) -> list[Expected]:
    """Every printed piece of an article, in reading order, at the location whose slabs show it:
    a box's paragraphs are set inside the box's slab, so they count at the box, and the lines
    of a title (or kicker) are one block, at its first line."""
    heads = [
        ("@series line", [article.series] if article.series else []),
        ("title", list(article.title)),
        ("kicker", list(article.kicker)),
        ("@byline", [article.byline] if article.byline else []),
        ("@author line", [article.author] if article.author else []),
        ("@date line", [article.date] if article.date else []),
        ("@standfirst", [article.standfirst] if article.standfirst else []),
    ]
    pieces = [
        Expected(lines[0].location, "".join(line.text for line in lines), what)
        for what, lines in heads
        if lines
    ]
    for block in article.blocks:
        pieces += _block_pieces(block, None)
    return pieces


def _block_pieces(block: m.Block, owner: Location | None) -> list[Expected]:
    where = owner or block.location
    what = BLOCK_WORDS.get(block.kind, block.kind)
    pieces = [Expected(where, block.text, what)]
    caption = block.attrs.get("caption")
    if caption:
        pieces.append(Expected(where, str(caption), "image caption"))
    inner = where if block.kind == m.BOX else None
    for child in block.children:
        pieces += _block_pieces(child, inner)
    return pieces


def chars(text: str) -> Counter[str]:
    """The multiset of printed characters of `text` (whitespace is layout, not text)."""
    return Counter("".join(text.split()))


_FIRST = itemgetter(0)


def _extend_glyphs(out: list[str], items: Iterable[object]) -> None:
    for item in items:
        if type(item) is GlyphRun:
            out.extend(map(_FIRST, item.glyphs))  # C speed: this touches every glyph


def glyph_text(items: Iterable[object]) -> str:
    out: list[str] = []
    _extend_glyphs(out, items)
    return "".join(out)


def slab_text(slabs: Iterable[Slab]) -> str:
    out: list[str] = []
    for slab in slabs:
        _extend_glyphs(out, slab.items)
    return "".join(out)


def story_slabs(placement: Placement) -> list[Slab]:
    story = placement.story
    if story is None:
        return []
    spans = [slab for _, slab in story.spans]
    return story.head + story.stream + [slab for _, slab in story.floats] + spans


# -- every slab placed once, on a printed page ------------------------------------------------


def check_placed(placement: Placement, printed: set[int]) -> None:
    """Every slab of the story was placed exactly once, on a page that is printed."""
    slabs = story_slabs(placement)
    placed = {id(p.slab) for p in placement.placed}
    if len(placed) != len(placement.placed) or placed != {id(slab) for slab in slabs}:
        times = Counter(id(p.slab) for p in placement.placed)
        for slab in slabs:
            count = times[id(slab)]
            if count != 1:
                _lost(slab, "were not placed" if count == 0 else f"were placed {count} times")
    if not {id(p.page) for p in placement.placed} <= printed:
        first = next(p for p in placement.placed if id(p.page) not in printed)
        _lost(first.slab, f"are on page {first.page.folio:02d}, which is not printed")


def _lost(slab: Slab, how: str) -> None:
    text = slab_text([slab])
    what = slab.kind or "block"
    count = sum(chars(text).values())
    sample = text.strip()[:16]
    raise LayoutError(
        f"{count} characters of this {what} {how}" + (f" ({sample}…)" if sample else ""),
        slab.location,
        BUG_HINT,
    )


# -- every character of the source in the story ----------------------------------------------


def check_text(pieces: list[Expected], slabs: list[Slab], path: object) -> None:
    """The slabs show every character of `pieces` (others may be added, never removed).

    Compared per source location: the slabs made from a block show its characters, mostly in
    the same order, so a string comparison settles almost every block; the rest (an item's
    number added, floats) are compared as multisets.
    """
    shown = _shown_by_location(slabs)
    wanted: dict[Location | None, list[Expected]] = {}
    for piece in pieces:
        wanted.setdefault(piece.location, []).append(piece)
    for location, group in wanted.items():
        text = "".join("".join(piece.text for piece in group).split())
        have = shown.get(location, "")
        if text == have:
            continue
        missing = Counter(text) - Counter(have)
        if missing:
            _missing(group[0], missing)


def _shown_by_location(slabs: list[Slab]) -> dict[Location | None, str]:
    """The glyph text of the slabs, without whitespace, per source location."""
    groups: dict[Location | None, list[str]] = {}
    last: object = object()
    add = None
    for slab in slabs:
        if slab.location is not last:  # a paragraph's lines share one location object
            last = slab.location
            add = groups.setdefault(slab.location, []).extend
        for item in slab.items:  # (inlined: this loop visits every line of the issue)
            if type(item) is GlyphRun:
                add(map(_FIRST, item.glyphs))
    return {location: "".join("".join(texts).split()) for location, texts in groups.items()}


def _missing(piece: Expected, missing: Counter[str]) -> None:
    sample = "".join(sorted(missing.elements()))[:16]
    raise LayoutError(
        f"{sum(missing.values())} characters of this {piece.what} were not placed ({sample}…)",
        piece.location,
        BUG_HINT,
    )


def check_page_text(page: Page, pieces: list[Expected]) -> None:
    """A page not flowed from slabs (cover, colophon) shows every character of `pieces`."""
    available = chars(glyph_text(page.items))
    for piece in pieces:
        need = chars(piece.text)
        missing = need - available
        if missing:
            _missing(piece, missing)
        available -= need


# -- everything inside the trim ---------------------------------------------------------------


def outside_trim(page: Page, metrics: Metrics) -> Iterator[GlyphRun | Rule]:
    """Glyph runs and rules of `page` that reach beyond its trim box. Images may bleed (a cover
    photo runs into the bleed on purpose); backgrounds in `bleed_fill` are not items."""
    right, bottom = page.width + TOLERANCE, page.height + TOLERANCE
    for item in page.items:
        if type(item) is GlyphRun:
            glyphs = item.glyphs
            if not glyphs:
                continue
            size, x = item.size, item.x
            last_text, last_x = glyphs[-1]
            end = last_x + x + WIDEST * len(last_text) * size
            if end > right:  # near the edge: measure the last glyph
                advance = sum(metrics.advance(item.font, c) for c in last_text)
                end = last_x + x + advance * size
            if (
                glyphs[0][1] + x < -TOLERANCE
                or end > right
                or item.baseline - ASCENT * size < -TOLERANCE
                or item.baseline + DESCENT * size > bottom
            ):
                yield item
        elif type(item) is Rule:
            x1, y1 = item.x + item.width, item.y + item.height
            if min(item.x, x1) < -TOLERANCE or max(item.x, x1) > right:
                yield item
            elif min(item.y, y1) < -TOLERANCE or max(item.y, y1) > bottom:
                yield item


def check_trim(
    document: Document,
    sources: list[BodyPage | None],
    placements: list[Placement],
    metrics: Metrics,
    fallback: Location | None,
) -> None:
    """Nothing on any page reaches beyond the trim; the error names the slab's source when the
    item came from a story, else the manifest (`fallback`)."""
    for page, source in zip(document.pages, sources, strict=True):
        for item in outside_trim(page, metrics):
            where = _source_of(item, source, placements) or fallback
            text = glyph_text([item]).strip()
            what = f"“{text[:16]}”" if text else "a rule"
            raise LayoutError(
                f"{what} on page {page.label or '?'} reaches beyond the trim",
                where,
                "shorten the text: nothing may be printed past the edge of the page",
            )


def _source_of(
    item: GlyphRun | Rule, page: BodyPage | None, placements: list[Placement]
) -> Location | None:
    """The location of the placed slab that put `item` on `page` (searched only on error)."""
    if page is None:
        return None
    for placement in placements:
        for placed in placement.placed:
            if placed.page is page and item in place(placed.slab, placed.x, placed.y):
                return placed.slab.location
    return None


# -- the sources: what must be printed --------------------------------------------------------


def contents_pieces(issue: Issue) -> list[Expected]:
    """The contents entries (their toc lines) and section labels the contents page lists."""
    pieces = []
    for section in issue.sections:
        entries = [a for a in issue.articles_in(section.id) if a.in_toc]
        if entries:
            label = f"{section.name}{section.english or ''}"
            pieces.append(Expected(section.location, label, "contents section label"))
        for entry in entries:
            title, subtitle = toc_lines(entry)
            pieces.append(Expected(entry.location, "".join(title + subtitle), "contents entry"))
    return pieces


def cover_pieces(issue: Issue) -> list[Expected]:
    cover = issue.cover
    pieces = [Expected(issue.magazine.location, issue.magazine.title, "magazine title")]
    if cover:
        texts = [cover.award, *cover.headline, cover.subhead, cover.notice, cover.permit]
        pieces += [Expected(cover.location, t, "cover line") for t in texts if t]
    return pieces


def inside_cover_pieces(issue: Issue) -> list[Expected]:
    inside = issue.inside_cover
    if inside and inside.heading:
        return [Expected(inside.location, inside.heading, "inside cover heading")]
    return []


def colophon_pieces(issue: Issue) -> list[Expected]:
    colophon = issue.colophon
    if colophon is None:
        return []
    texts = [colophon.title, colophon.motto, colophon.heading]
    pieces = [Expected(colophon.location, t, "colophon line") for t in texts if t]
    for field in colophon.fields:
        text = field.label + "".join(field.value)
        pieces.append(Expected(field.location, text, "colophon field"))
    if colophon.closing:
        pieces.append(Expected(colophon.location, colophon.closing, "colophon line"))
    media = colophon.media
    if media:
        texts = [media.heading or "", *(item.name for item in media.items), *media.footer]
        pieces.append(Expected(media.location, "".join(texts), "media block"))
    return pieces


# -- the whole issue --------------------------------------------------------------------------


@dataclass(frozen=True)
class Printed:
    """What the issue composer printed: the documents pages (with the flowed page each came
    from, None for covers and blank pages), the placements of stories on them, and which of
    them is the contents list."""

    document: Document
    sources: list[BodyPage | None]
    placements: list[Placement]
    contents: Placement | None = None


def check_issue(issue: Issue, printed: Printed, metrics: Metrics) -> None:
    """Raise a LayoutError at the first source text that is not wholly on a printed page,
    inside the trim."""
    pages = {id(page) for page in printed.sources if page is not None}
    placed = {p.article: p for p in printed.placements if p is not printed.contents}
    for entry in issue.articles:
        if entry.id not in placed:
            raise LayoutError(f"article {entry.id} was not placed", entry.location, BUG_HINT)
    for placement in printed.placements:
        check_placed(placement, pages)
    for entry in issue.articles:
        story = placed[entry.id].story
        if story is not None and story.shows is entry.content:
            continue  # checked before (a story's slabs are the same wherever they are placed)
        check_text(article_pieces(entry.content), story_slabs(placed[entry.id]), entry.path)
        if story is not None:
            story.shows = entry.content
    if printed.contents is not None:
        check_text(contents_pieces(issue), story_slabs(printed.contents), "the contents")
    check_trim(printed.document, printed.sources, printed.placements, metrics, issue.location)
    by_label = {page.label: page for page in printed.document.pages}
    for label, pieces in (
        ("封一", cover_pieces(issue)),
        ("封二", inside_cover_pieces(issue)),
        ("封三", colophon_pieces(issue)),
    ):
        if label in by_label:
            check_page_text(by_label[label], pieces)
