"""The contents page, generated from the finished layout.

Entries are grouped under their section label (`关注 Concerns` over a rule); each entry shows the
folio where the article starts, its contents title and subtitle lines. The featured cover story
sits in a box above the list (`P08 聚焦 Highlights` with its caption). The list is a story like any
other, so it flows through the columns of as many pages as it needs, on the grid.
"""

from __future__ import annotations

from layout.compose.bounds import check_column_slab, find_key, located
from layout.compose.columns import Piece
from layout.compose.report import flatten
from layout.compose.setter import Setter
from layout.compose.slab import Slab, shift
from layout.compose.story import Story
from layout.content import model as m
from layout.errors import LayoutError, LayoutErrors, Location
from layout.manifest.schema import ArticleEntry, Issue
from layout.render.model import GlyphRun, Rule
from layout.style.sheet import Grid
from layout.style.units import MM
from layout.text.model import Run

FOLIO_EM = 2.6  # space kept for the folio in front of each entry, in body em


FIRST_WORDS = 16  # characters of the text that name an untitled article
SENTENCE_ENDS = "。！？；：…"


def toc_lines(entry: ArticleEntry) -> tuple[list[str], list[str]]:
    """Contents title and subtitle lines: the manifest's, else the body's title and kicker,
    else (an untitled article) the first words of its text: never a bare folio."""
    body_title = " ".join(t.text for t in entry.content.title)
    title = list(entry.toc_title) or [body_title or first_words(entry.content)]
    subtitle = list(entry.toc_subtitle)
    if not entry.toc_title and not subtitle:
        subtitle = [k.text for k in entry.content.kicker]
    return title, subtitle


def first_words(article: m.Article, limit: int = FIRST_WORDS) -> str:
    """What names an article without a title: the first sentence (or the first `limit`
    characters and …) of its kicker, else its standfirst, its running text, any other text."""
    heads = list(article.kicker) + ([article.standfirst] if article.standfirst else [])
    texts = [line.text for line in heads]
    texts += [b.text for b in article.walk() if b.kind in m.TEXT_KINDS]
    texts += [b.text for b in article.walk()] + [line.text for line in article.head()]
    text = next((" ".join(t.split()) for t in texts if t.strip()), "")
    if not text:
        return "（无题）"
    for index, char in enumerate(text[:limit]):
        if char in SENTENCE_ENDS and index > 0:
            return text[:index]
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def contents_story(issue: Issue, setter: Setter, grid: Grid, folios: dict[str, int]) -> Story:
    """The contents list as a story; LayoutErrors with every entry or label that cannot be set
    (each at its source)."""
    width = grid.column_width
    errors: list[LayoutError] = []
    head = [_title_slab(setter, grid.width)]
    if issue.toc_feature:
        try:
            with located(issue.toc_feature.location):
                feature = _feature_slab(issue, setter, grid.width, folios)
            feature.location = issue.toc_feature.location
            _check_width(
                setter, feature, grid.width, "the featured box's text", "shorten its caption"
            )
            head.append(feature)
        except LayoutError as error:
            errors += flatten(error)
    stream: list[Slab] = []
    pieces: list[Piece] = []
    for section in issue.sections:
        entries = [a for a in issue.articles_in(section.id) if a.in_toc]
        if not entries:
            continue
        try:
            with located(section.location):
                label = _section_slab(setter, width, section.name, section.english or "")
            label.location = section.location
            _check_width(setter, label, width, "the section label", "shorten the section's names")
        except LayoutError as error:
            errors += flatten(error)
        else:
            stream.append(label)
            pieces.append(Piece(label.rows, keep_with_next=True))
        for entry in entries:
            try:
                slab = _toc_entry(setter, grid, entry, folios.get(entry.id, 0))
            except LayoutError as error:
                errors += flatten(error)
                continue
            stream.append(slab)
            pieces.append(Piece(slab.rows))
    if errors:
        raise LayoutErrors(errors)
    return Story(head=head, stream=stream, pieces=pieces)


def _toc_entry(setter: Setter, grid: Grid, entry: ArticleEntry, folio: int) -> Slab:
    """One entry of the list, checked to fit a column (the error at its contents lines)."""
    title, subtitle = toc_lines(entry)
    key = ("toc-entry", grid.column_width, folio, tuple(title), tuple(subtitle), entry.location)
    slab = setter.kept.get(key)  # the same entry again: each layout pass, each watched save
    if slab is None:
        with located(entry.location):
            slab = _entry_slab(setter, grid.column_width, folio, title, subtitle)
        slab.location = entry.location
        setter.kept[key] = slab
    try:
        check_column_slab(slab, grid.lines)
    except LayoutError as error:
        raise LayoutError(error.message, _toc_source(entry), error.hint) from None
    return slab


def _toc_source(entry: ArticleEntry) -> Location:
    """Where the entry's contents lines are written: its toc_title (or toc_subtitle) key, else
    the article's title, which the contents list then repeats."""
    if entry.toc_title:
        return find_key(entry.location, "toc_title")
    if entry.content.title:
        return entry.content.title[0].location
    if entry.toc_subtitle:
        return find_key(entry.location, "toc_subtitle")
    return entry.location


def _title_slab(setter: Setter, width: float) -> Slab:
    ts, ts_en = setter.text_style("contents-title"), setter.text_style("contents-en")
    slab = setter.block([[Run("目录", ts.font)]], ts, width, kind="contents-title")
    runs, _ = setter.line("CONTENTS", ts_en)
    base = max(item.baseline for item in slab.items)
    slab.items += [shift(r, ts.size * 2.6, base) for r in runs]
    slab.items.append(
        Rule(
            0,
            slab.rows * setter.pitch - 0.5 * setter.pitch,
            width,
            1.0,
            fill=setter.style.color("accent"),
        )
    )
    slab.rows += 1
    return slab


def _feature_slab(issue: Issue, setter: Setter, width: float, folios: dict[str, int]) -> Slab:
    feature = issue.toc_feature
    ts_f, ts_c = setter.text_style("feature-folio"), setter.text_style("feature-caption")
    ts_s = setter.text_style("toc-section")
    folio = folios.get(feature.article, 0)
    rows = 4
    slab = Slab(rows=rows + 1, kind="feature")
    height = (rows - 1) * setter.pitch + setter.style.grid.body_size
    slab.items.append(Rule(0, 0, width, height, fill=setter.style.color("tint")))
    runs, w = setter.line(f"P{folio:02d}", ts_f)
    base = 0.5 * height + 0.35 * ts_f.size
    slab.items += [shift(r, 0.6 * ts_f.size, base) for r in runs]
    x = 0.6 * ts_f.size + w + ts_f.size * 0.6
    section = issue.section(issue.article(feature.article).section)
    label = " ".join(t for t in (feature.section or section.name, section.english or "") if t)
    runs, _ = setter.line(label, ts_s)
    slab.items += [shift(r, x, setter.pitch * 0.88 + 0.5 * setter.pitch) for r in runs]
    if feature.caption:
        runs, _ = setter.line(feature.caption, ts_c)
        slab.items += [shift(r, x, setter.pitch * 2.1 + 0.5 * setter.pitch) for r in runs]
    return slab


def _section_slab(setter: Setter, width: float, name: str, english: str) -> Slab:
    ts, ts_en = setter.text_style("toc-section"), setter.text_style("toc-sub")
    slab = Slab(rows=2, kind="toc-section")
    base = setter.pitch + 0.88 * ts.size
    runs, w = setter.line(name, ts)
    slab.items += [shift(r, 0, base) for r in runs]
    runs, _ = setter.line(english, ts_en)
    slab.items += [shift(r, w + 0.5 * ts.size, base) for r in runs]
    slab.items.append(Rule(0, base + 0.35 * ts.size, width, 0.6, fill=setter.style.color("accent")))
    return slab


def _entry_slab(
    setter: Setter, width: float, folio: int, title: list[str], subtitle: list[str]
) -> Slab:
    ts_n, ts_t, ts_s = (setter.text_style(n) for n in ("toc-folio", "toc-title", "toc-sub"))
    indent = FOLIO_EM * setter.style.grid.body_size
    inner = width - indent
    slab = Slab(rows=0, kind="toc-entry")
    row = 0
    runs, _ = setter.line(f"{folio:02d}", ts_n)
    slab.items += [shift(r, 0, 0.88 * setter.style.grid.body_size) for r in runs]
    for ts, texts in ((ts_t, title), (ts_s, subtitle)):
        for text in texts:
            for line in setter.compose([Run(text, ts.font)], ts, inner, indent=0, align="left"):
                base = row * setter.pitch + 0.88 * setter.style.grid.body_size
                slab.items += [
                    shift(r, indent, 0)
                    for r in setter.runs_for_line(line, ts, inner, base, align="left")
                ]
                row += 1
    # entries follow each other: the folio column marks where one starts (and each entry has
    # a row of its own, or folios would print over each other)
    slab.rows = max(row, 1)
    return slab


def _check_width(setter: Setter, slab: Slab, width: float, what: str, hint: str) -> None:
    """Single-line texts (labels, the feature caption) must end within `width`."""
    right = 0.0
    for run in slab.items:
        if isinstance(run, GlyphRun) and run.glyphs:
            text, x = run.glyphs[-1]
            advance = sum(setter.metrics.advance(run.font, c) for c in text)
            right = max(right, run.x + x + advance * run.size)
    if right > width + 0.01:
        raise LayoutError(
            f"{what} is {right / MM:.0f} mm wide but has {width / MM:.0f} mm", slab.location, hint
        )
