"""The importer from end to end: OCR Markdown in, the files of a draft issue folder out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from layout.importer import markdown, settings
from layout.importer.article import parse_article
from layout.importer.changes import ChangeLog
from layout.importer.chars import han_count
from layout.importer.contents import apply_contents, similarity
from layout.importer.draft import DraftArticle, Item
from layout.importer.frontmatter import Colophon, Cover, Toc, find_colophon, find_cover, find_toc
from layout.importer.normalize import normalize_text
from layout.importer.settings import Options
from layout.importer.source import read_blocks
from layout.importer.split import prepare, split_articles
from layout.importer.writer import Flow, FlowMap, dump_yaml, render_article

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TRUNCATED = re.compile(r"[的之和与及并在对把被]$")
# An English function word between Han characters is an OCR translation slip (`优势 and 空间`);
# other Latin words (`sim 卡`, `VR`) are real.
_LATIN_IN_HAN = re.compile(r"[\u4e00-\u9fff]\s*\b(and|or|the|of|to|in|with)\b\s*[\u4e00-\u9fff]")


BODY_KINDS = frozenset({"para", "item"})  # text that gets every hygiene rule (content/hygiene.py)


OCR = "ocr"
MARKDOWN = "markdown"
MODES = ("auto", OCR, MARKDOWN)


@dataclass
class Draft:
    articles: list[DraftArticle]
    cover: Cover | None
    toc: Toc | None
    colophon: Colophon | None
    inside_cover: str = ""
    log: ChangeLog = field(default_factory=ChangeLog)
    source_han: int = 0
    section_ids: dict[str, str] = field(default_factory=dict)
    mode: str = OCR


def looks_like_ocr(cover: Cover | None, toc: Toc | None) -> bool:
    """The OCR text of a printed issue has its cover (the printing permit line) or its
    contents page; a Markdown file of articles has neither."""
    return cover is not None or (toc is not None and len(toc.entries) >= 3 and bool(toc.sections))


def build_draft(source: str, mode: str = "auto", section_names: set[str] | None = None) -> Draft:
    """The draft of an issue from its source text. `mode` says how to read it: "ocr" (a
    printed issue's OCR: front matter recognised, cut paragraphs rejoined, structure guessed),
    "markdown" (articles under headings, taken as written) or "auto" (OCR when the text has a
    cover or contents page). `section_names`: headings that name one of them set the section
    of the articles below them (Markdown)."""
    log = ChangeLog()
    blocks = read_blocks(source)
    cover, used_cover = find_cover(blocks)
    toc, used_toc = find_toc(blocks)
    if mode == MARKDOWN or (mode == "auto" and not looks_like_ocr(cover, toc)):
        return _markdown_draft(source, blocks, section_names or set(), log)
    colophon, used_colophon = find_colophon(blocks)
    used = used_cover | used_toc | used_colophon
    body = prepare([b for i, b in enumerate(blocks) if i not in used])
    articles = [parse_article(group, log) for group in split_articles(body)]
    draft = Draft([], cover, toc, colophon, log=log, source_han=han_count(source))
    for article in articles:
        if not any(item.kind not in ("title", "kicker", "series") for item in article.items):
            # A page with only a heading: the inside cover's photo page.
            if not draft.inside_cover and article.title_lines:
                draft.inside_cover = " ".join(article.title_lines)
                log.record(
                    "heading-only page taken as inside cover",
                    article.line,
                    draft.inside_cover,
                    "inside_cover.heading",
                    1,
                )
                continue
        draft.articles.append(article)
    for article in draft.articles:
        _flag(article, log)
        _normalize_article(article, log, body_rules=False)
    draft.section_ids = apply_contents(toc, draft.articles, log)
    return draft


def _markdown_draft(source: str, blocks: list, names: set[str], log: ChangeLog) -> Draft:
    body = prepare(markdown.split_blocks(blocks, log), inline_sources=False)
    groups = markdown.split_articles(body, names, log)
    draft = Draft([], None, None, None, log=log, source_han=han_count(source), mode=MARKDOWN)
    for group in groups:
        article = parse_article(group.blocks, log, markdown=True)
        article.section_name = group.section
        draft.articles.append(article)
    _place_bodyless(draft.articles, log)
    for article in draft.articles:
        finish_article(
            article,
            log,
            f"L{article.line}: text without a heading above it made an article without a "
            "title: give it a title (# line), or move the text into an article",
        )
    apply_contents(None, draft.articles, log)
    return draft


BODY_TEXT = frozenset({"para", "item", "salutation"})  # what the markup counts as body text


def _place_bodyless(articles: list[DraftArticle], log: ChangeLog) -> None:
    """A heading with no text under it (`## 书面发言摘登` over the articles of a series) is no
    article (the markup requires body text): it becomes the series label of the next article,
    or, at the end, a subhead of the one before."""
    index = 0
    while index < len(articles):
        article = articles[index]
        if any(item.kind in BODY_TEXT for item in article.items) or len(articles) == 1:
            index += 1
            continue
        text = " ".join(item.text for item in article.items if item.text)
        following = articles[index + 1] if index + 1 < len(articles) else None
        if following is not None and not following.first("series"):
            following.items.insert(0, Item("series", text, article.line))
            where = "the series label of the next article"
        elif index > 0:
            articles[index - 1].items.append(Item("subhead", text, article.line))
            where = "a subhead at the end of the article before"
        else:
            index += 1
            continue
        del articles[index]
        log.ask(
            article.line,
            "heading without text",
            f"L{article.line}: `{text[:30]}` has no text under it: made {where}",
        )


def finish_article(article: DraftArticle, log: ChangeLog, untitled: str) -> None:
    """What every imported article goes through (Markdown or Word): its paste artefacts
    flagged, punctuation and spacing normalised with the body rules, and a question
    (`untitled`: why, and what to do) when it has no title."""
    _flag(article, log)
    _normalize_article(article, log, body_rules=True)
    if not article.title_lines:
        log.ask(article.line, "no title", untitled)


def _normalize_article(article: DraftArticle, log: ChangeLog, body_rules: bool) -> None:
    """The text rules over every item. `body_rules`: paragraphs get the body-text rules (in
    OCR text a space between Han is often a column gap standing for a separator: kept)."""

    def fix(item: Item) -> None:
        body = body_rules and item.kind in BODY_KINDS
        item.text = normalize_text(item.text, item.line, log, body)
        item.lines = [normalize_text(line, item.line, None) for line in item.lines]
        for child in item.children:
            fix(child)

    for item in article.items:
        fix(item)


def _flag(article: DraftArticle, log: ChangeLog) -> None:
    """Things the importer will not decide: truncated titles, stray Latin words."""
    for item in article.items:
        if item.kind == "title" and _TRUNCATED.search(item.text):
            log.ask(
                item.line,
                "truncated title",
                f"L{item.line}: title `{item.text}` ends in `{item.text[-1]}`; cut off?",
            )
    for item in article.items:
        for child in [item, *item.children]:
            for match in _LATIN_IN_HAN.finditer(child.text):
                log.ask(
                    child.line,
                    "Latin word in Chinese text",
                    f"L{child.line}: `{match.group(0)}`: OCR for a Chinese word?",
                )


# --- issue.yaml -------------------------------------------------------------------------------


def _normal(text: str) -> str:
    return normalize_text(text, 0, None)


def _value(lines: list[str]) -> str | list[str]:
    lines = [_normal(line) for line in lines if line.strip()]
    return lines[0] if len(lines) == 1 else Flow(lines)


def manifest(draft: Draft, options: Options | None = None) -> dict:
    """issue.yaml for the draft: what the source says, completed from the options and the
    previous issue (layout/importer/settings.py); every guess goes to the report."""
    options = options or Options()
    log = draft.log
    previous = _previous(options, log)
    cover, toc, colophon = draft.cover, draft.toc, draft.colophon
    title = (
        options.magazine or (cover.title if cover else "") or (colophon.title if colophon else "")
    )
    magazine = {"title": title}
    if not title and isinstance(previous and previous.get("magazine"), dict):
        magazine = {k: v for k, v in previous.get("magazine").items() if k in ("title", "sponsor")}
        title = str(magazine.get("title") or "")
        settings.guess(log, "magazine", f"magazine `{title}` as in {previous.name}")
    if not title:
        magazine = {"title": settings.STAND_IN_MAGAZINE}
        settings.guess(
            log, "magazine", f"magazine title unknown: stand-in `{settings.STAND_IN_MAGAZINE}` "
            "(pass --magazine, or write magazine.title)",
        )  # fmt: skip
    if toc and toc.sponsor:
        magazine["sponsor"] = toc.sponsor
    found = {"serial": cover.serial, "year": cover.year, "number": cover.number} if cover else {}
    issue: dict = settings.issue_numbers(options, found, previous, log)
    issue = {k: issue[k] for k in ("serial", "year", "number")}
    print_date = _print_date(colophon)
    if print_date:
        issue["print_date"] = print_date
    issue["style"] = _style(options, previous, log)
    data: dict = {"magazine": magazine, "issue": issue}
    if cover:
        data["cover"] = {
            k: v
            for k, v in {
                "award": _normal(cover.award),
                "headline": Flow(cover.headline) if cover.headline else None,
                "subhead": cover.subhead,
                "notice": cover.notice,
                "permit": _normal(cover.permit),
                "image": FlowMap(placeholder=True, caption="封面照片"),
            }.items()
            if v
        }
    elif (carried := settings.carried_cover(previous, log)) is not None:
        carried["image"] = FlowMap(carried["image"])
        data["cover"] = carried
    if draft.inside_cover:
        data["inside_cover"] = {
            "heading": draft.inside_cover,
            "images": [FlowMap(placeholder=True)],
        }
    if toc and toc.feature:
        feature = _feature_article(toc, draft.articles)
        data["toc"] = {
            "feature": {
                "article": feature,
                "section": toc.feature.section,
                "caption": "".join(toc.feature.lines),
            }
        }
    data["sections"] = _sections(draft, options, previous, log)
    data["articles"] = [_article_entry(a) for a in draft.articles]
    if colophon:
        data["colophon"] = _colophon(colophon)
    elif (carried := settings.carried_colophon(previous, log)) is not None:
        data["colophon"] = _flow_colophon(carried)
    data["names"] = [
        FlowMap(n) if isinstance(n, dict) else n for n in settings.carried_names(previous, log)
    ]
    _forms(draft, log)
    return data


def _previous(options: Options, log: ChangeLog) -> settings.Previous | None:
    if options.previous is not None:
        return settings.read_previous(options.previous)
    if options.search is None:
        return None
    return settings.find_previous(options.search, options.exclude)


def _style(options: Options, previous: settings.Previous | None, log: ChangeLog) -> str:
    if options.style:
        return options.style
    from layout.style.load import known_styles

    style = previous.get("issue", "style") if previous else None
    if isinstance(style, str) and style in known_styles():
        settings.guess(log, "style", f"style `{style}` as in {previous.name}")
        return style
    if previous is not None:
        settings.guess(
            log, "style", f"{previous.name} names no known style: `{settings.DEFAULT_STYLE}`"
        )
    return settings.DEFAULT_STYLE


def _sections(
    draft: Draft, options: Options, previous: settings.Previous | None, log: ChangeLog
) -> list:
    """The contents page's sections (OCR), or those of the options and the previous issue;
    an article the text gives no section goes to the chosen one (a guess when not given)."""
    if draft.toc:
        return [
            FlowMap(id=draft.section_ids[s.name], name=s.name, english=s.english)
            for s in draft.toc.sections
        ]
    needed = not all(article.section_name for article in draft.articles)
    known, default = settings.sections(options, previous, log, needed)
    by_name = {str(s.get("name")): str(s.get("id")) for s in known}
    for article in draft.articles:
        name, english = markdown.split_section(article.section_name)
        article.section_name = name
        if name and name not in by_name:
            ident = _new_section_id(name, {str(s.get("id")) for s in known})
            known.append({"id": ident, "name": name, **({"english": english} if english else {})})
            by_name[name] = ident
            settings.guess(
                log,
                "sections",
                f"section `{ident}` ({name}) made from a heading of the text; give it the "
                "id and English name you want",
            )
    placed = 0
    for article in draft.articles:
        if article.section_name in by_name:
            article.section = by_name[article.section_name]
        elif not article.section:
            article.section = default
            placed += 1
    if placed and not options.section:
        settings.guess(
            log,
            "sections",
            f"{placed} of {len(draft.articles)} articles put in section `{default}`, the "
            "first: give each article its section (or pass --section, or head the articles "
            "of a section with a `# NAME` line)",
        )
    return [FlowMap(s) for s in known]


def _new_section_id(name: str, taken: set[str]) -> str:
    """`section-N`, the first N not taken (a Chinese name makes no id)."""
    number = 1
    while f"section-{number}" in taken:
        number += 1
    return f"section-{number}"


def _flow_colophon(colophon: dict) -> dict:
    """A carried-over colophon written as the importer writes one (flow-style entries)."""
    out = dict(colophon)
    fields = colophon.get("fields")
    if isinstance(fields, list):
        out["fields"] = [
            FlowMap({k: Flow(v) if isinstance(v, list) else v for k, v in f.items()})
            if isinstance(f, dict)
            else f
            for f in fields
        ]
    media = colophon.get("media")
    if isinstance(media, dict):
        out["media"] = {k: Flow(v) if isinstance(v, list) else v for k, v in media.items()}
    return out


def _forms(draft: Draft, log: ChangeLog) -> None:
    """The article forms are guesses from markers; say so once, listing the unusual ones."""
    if draft.mode != MARKDOWN or not draft.articles:
        return
    forms = ", ".join(f"{a.id} {a.form}" for a in draft.articles)
    settings.guess(log, "forms", f"article forms guessed from their markers: {forms}")


def _print_date(colophon: Colophon | None) -> dt.date | None:
    for label, value in colophon.fields if colophon else []:
        match = _DATE.search(" ".join(value))
        if "日期" in label and match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:  # an OCR slip such as 2024年13月45日: the editor fills it in
                return None
    return None


def _feature_article(toc: Toc, articles: list[DraftArticle]) -> str:
    caption = "".join(toc.feature.lines)
    paged = [a for a in articles if a.page == toc.feature.page] or articles
    best = max(
        paged,
        key=lambda a: max(
            similarity(caption, "".join(a.title_lines)),
            similarity(caption, "".join(a.kicker_lines)),
        ),
    )
    return best.id


def _article_entry(article: DraftArticle) -> dict:
    entry: dict = {
        "id": article.id,
        "section": article.section,
        "file": f"articles/{article.id}.txt",
        "form": article.form,
    }
    if article.toc_title:
        entry["toc_title"] = Flow(_normal(t) for t in article.toc_title)
    if article.toc_subtitle:
        entry["toc_subtitle"] = Flow(_normal(t) for t in article.toc_subtitle)
    if not article.in_toc:
        entry["in_toc"] = False
    if article.page is not None:
        entry["page"] = article.page
    return entry


def _colophon(colophon: Colophon) -> dict:
    data: dict = {
        "title": colophon.title,
        "motto": colophon.motto,
        "heading": colophon.heading,
        "fields": [FlowMap(label=label, value=_value(value)) for label, value in colophon.fields],
    }
    if colophon.closing:
        data["closing"] = _normal(colophon.closing)
    if colophon.media_heading:
        data["media"] = {
            "heading": colophon.media_heading,
            "items": Flow(colophon.media_items),
            "footer": Flow(colophon.media_footer),
        }
    return {k: v for k, v in data.items() if v}


def issue_files(draft: Draft, options: Options | str | None, source_name: str) -> dict[str, str]:
    """The files of the draft folder. `options` may be just a style name (older callers)."""
    from layout.importer.report import render_report

    if isinstance(options, str):
        options = Options(style=options)
    files = {"issue.yaml": dump_yaml(manifest(draft, options))}
    for article in draft.articles:
        files[f"articles/{article.id}.txt"] = render_article(article)
    files["import-report.md"] = render_report(draft, source_name)
    return files
