"""Match the contents page to the articles: page hints, sections, contents-only titles, ids."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from layout.importer.changes import ChangeLog
from layout.importer.chars import is_han
from layout.importer.draft import DraftArticle
from layout.importer.frontmatter import Toc, TocEntry

_MIN_SIMILARITY = 0.45


def _key(text: str) -> str:
    """Compare Han text only: the contents and the body differ in spaces and comma widths."""
    return "".join(c for c in text if is_han(c) or c.isalnum())


def similarity(a: str, b: str) -> float:
    a, b = _key(a), _key(b)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _article_texts(article: DraftArticle) -> list[str]:
    series = article.first("series")
    title = "".join(article.title_lines)
    kicker = "".join(article.kicker_lines)
    texts = [title, title + kicker, kicker]
    if series:
        texts.append(series.text)
    return [t for t in texts if t]


def _score(entry: TocEntry, article: DraftArticle) -> float:
    entry_texts = ["".join(entry.lines[:k]) for k in range(1, len(entry.lines) + 1)]
    entry_texts += ["".join(entry.lines[1:])] if len(entry.lines) > 1 else []
    return max(
        (similarity(e, a) for e in entry_texts for a in _article_texts(article)), default=0.0
    )


def align(entries: list[TocEntry], articles: list[DraftArticle]) -> dict[int, int]:
    """Order-preserving best matching (entry index -> article index), by dynamic programming
    over similarity; pairs below the threshold never match. A single unmatched entry between
    two matches pairs with a single unmatched article there (a title printed only in the
    contents, such as an essay with no title in the body)."""
    n, m = len(entries), len(articles)
    scores = [[_score(e, a) for a in articles] for e in entries]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = scores[i][j] + best[i + 1][j + 1] if scores[i][j] >= _MIN_SIMILARITY else -1
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: dict[int, int] = {}
    i = j = 0
    while i < n and j < m:
        if scores[i][j] >= _MIN_SIMILARITY and best[i][j] == scores[i][j] + best[i + 1][j + 1]:
            pairs[i] = j
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    matched = sorted(pairs.items())
    bounds = [(-1, -1)] + matched + [(n, m)]
    for (e0, a0), (e1, a1) in zip(bounds, bounds[1:], strict=False):
        if e1 - e0 == 2 and a1 - a0 == 2 and e0 >= 0:
            pairs[e0 + 1] = a0 + 1
    return pairs


def _section_id(english: str, ordinal: int) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", english.lower()).strip("-")
    return slug or f"section-{ordinal}"


def _title_split(entry: TocEntry, article: DraftArticle) -> tuple[list[str], list[str]]:
    """The entry's printed lines split into title lines and subtitle lines: as many leading
    lines as best match the body title (a long title wraps onto a second line)."""
    title = "".join(article.title_lines) or (
        article.first("series").text if article.first("series") else ""
    )
    best_k, best_s = 1, -1.0
    for k in range(1, len(entry.lines) + 1):
        s = similarity("".join(entry.lines[:k]), title)
        if s > best_s + 0.05:
            best_k, best_s = k, s
    return entry.lines[:best_k], entry.lines[best_k:]


def apply_contents(toc: Toc | None, articles: list[DraftArticle], log: ChangeLog) -> dict[str, str]:
    """Set page, section, ids, toc titles and in_toc on the articles; return section ids by
    name. Articles without a contents entry inherit the section of the article before them."""
    if toc is None:
        for n, article in enumerate(articles, start=1):
            article.id = f"article-{n:02d}"
        return {}
    section_ids = {s.name: _section_id(s.english, n) for n, s in enumerate(toc.sections, 1)}
    pairs = align(toc.entries, articles)
    by_article = {a: e for e, a in pairs.items()}
    for e, entry in enumerate(toc.entries):
        if e not in pairs:
            log.ask(
                entry.line,
                "contents entry unmatched",
                f"L{entry.line}: contents entry p{entry.page:02d} `{entry.lines[0]}` "
                "matches no article",
            )
    entries = list(toc.entries)
    if toc.feature is not None:
        # The feature box is printed apart from the list (`P08 聚焦`) and is not repeated in it:
        # it stands for the best-matching article that no list entry claimed.
        free = [a for a in range(len(articles)) if a not in by_article]
        best = max(free, key=lambda a: _score(toc.feature, articles[a]), default=None)
        if best is not None and _score(toc.feature, articles[best]) >= _MIN_SIMILARITY:
            entries.append(toc.feature)
            by_article[best] = len(entries) - 1
        else:
            log.ask(
                toc.feature.line,
                "contents entry unmatched",
                f"L{toc.feature.line}: feature box p{toc.feature.page:02d} matches no article",
            )
    section = ""
    for a, article in enumerate(articles):
        entry = entries[by_article[a]] if a in by_article else None
        if entry is None:
            article.in_toc = False
            article.section = section
            if not section:
                log.ask(
                    article.line,
                    "no section",
                    f"L{article.line}: `{''.join(article.title_lines)[:20]}` comes before "
                    "the first contents entry; given the next section, in_toc: false",
                )
            else:
                log.ask(
                    article.line,
                    "not in contents",
                    f"L{article.line}: `{''.join(article.title_lines)[:20] or '(untitled)'}`"
                    " has no contents entry; in_toc: false, section inherited",
                )
            continue
        section = section_ids.get(entry.section, "")
        article.section = section
        article.page = entry.page
        title, subtitle = _title_split(entry, article)
        body_title = "".join(article.title_lines)
        if _key("".join(title)) != _key(body_title):
            article.toc_title = title
            log.record(
                "contents title differs from body title",
                entry.line,
                "".join(title),
                body_title or "(no title in body)",
                1,
            )
        if subtitle and _key("".join(subtitle)) != _key("".join(article.kicker_lines)):
            article.toc_subtitle = subtitle
        elif subtitle:
            article.toc_subtitle = None
    # Articles before the first entry (a lead page) take the section that follows them.
    following = ""
    for article in reversed(articles):
        following = article.section or following
        article.section = article.section or following
    _assign_ids(articles)
    return section_ids


def _assign_ids(articles: list[DraftArticle]) -> None:
    """`p12a`, `p12b` for two articles starting on page 12; `p09` for one. An article with no
    page follows the last paged one (`p30b`); before any page it is `front-1`."""
    groups: dict[str, list[DraftArticle]] = {}
    last = ""
    for n, article in enumerate(articles, start=1):
        if article.page is not None:
            last = f"p{article.page:02d}"
        groups.setdefault(last or f"front-{n}", []).append(article)
    for stem, members in groups.items():
        if len(members) == 1 or stem.startswith("front"):
            members[0].id = stem
            continue
        for letter, article in zip("abcdefghijklmnopqrstuvwxyz", members, strict=False):
            article.id = f"{stem}{letter}"
