"""The importer from end to end: OCR Markdown in, the files of a draft issue folder out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from layout.importer.article import parse_article
from layout.importer.changes import ChangeLog
from layout.importer.chars import han_count
from layout.importer.contents import apply_contents, similarity
from layout.importer.draft import DraftArticle, Item
from layout.importer.frontmatter import Colophon, Cover, Toc, find_colophon, find_cover, find_toc
from layout.importer.normalize import normalize_text
from layout.importer.source import read_blocks
from layout.importer.split import prepare, split_articles
from layout.importer.writer import Flow, FlowMap, dump_yaml, render_article

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TRUNCATED = re.compile(r"[的之和与及并在对把被]$")
# An English function word between Han characters is an OCR translation slip (`优势 and 空间`);
# other Latin words (`sim 卡`, `VR`) are real.
_LATIN_IN_HAN = re.compile(r"[\u4e00-\u9fff]\s*\b(and|or|the|of|to|in|with)\b\s*[\u4e00-\u9fff]")


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


def build_draft(source: str) -> Draft:
    log = ChangeLog()
    blocks = read_blocks(source)
    cover, used_cover = find_cover(blocks)
    toc, used_toc = find_toc(blocks)
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
        _normalize_article(article, log)
    draft.section_ids = apply_contents(toc, draft.articles, log)
    return draft


def _normalize_article(article: DraftArticle, log: ChangeLog) -> None:
    def fix(item: Item) -> None:
        item.text = normalize_text(item.text, item.line, log)
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


def manifest(draft: Draft, style: str) -> dict:
    data: dict = {}
    cover, toc, colophon = draft.cover, draft.toc, draft.colophon
    data["magazine"] = {
        "title": (cover.title if cover else "") or (colophon.title if colophon else "")
    }
    if toc and toc.sponsor:
        data["magazine"]["sponsor"] = toc.sponsor
    issue: dict = {}
    if cover and cover.serial:
        issue["serial"] = cover.serial
    if cover and cover.year:
        issue["year"] = cover.year
    if cover and cover.number:
        issue["number"] = cover.number
    print_date = _print_date(colophon)
    if print_date:
        issue["print_date"] = print_date
    issue["style"] = style
    data["issue"] = issue
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
    if toc:
        data["sections"] = [
            FlowMap(id=draft.section_ids[s.name], name=s.name, english=s.english)
            for s in toc.sections
        ]
    data["articles"] = [_article_entry(a) for a in draft.articles]
    if colophon:
        data["colophon"] = _colophon(colophon)
    data["names"] = []
    return data


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


def issue_files(draft: Draft, style: str, source_name: str) -> dict[str, str]:
    from layout.importer.report import render_report

    files = {"issue.yaml": dump_yaml(manifest(draft, style))}
    for article in draft.articles:
        files[f"articles/{article.id}.txt"] = render_article(article)
    files["import-report.md"] = render_report(draft, source_name)
    return files
