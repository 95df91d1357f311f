"""Several article files (Word .docx, Markdown text) read into one draft: one article per Word
file, the articles under the headings of each text. The drafts go through the same text rules
as the Markdown import (normalisation, flags), and each question names its file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from layout.importer.changes import ChangeLog, Question
from layout.importer.chars import han_count
from layout.importer.docx import read_docx
from layout.importer.pipeline import (
    MARKDOWN,
    Draft,
    build_draft,
    finish_article,
)
from layout.inputs import shown
from layout.manifest.files import decode_utf8

WORD_SUFFIX = ".docx"


def is_word(path: Path) -> bool:
    return path.suffix.lower() == WORD_SUFFIX


@dataclass
class Articles:
    """The draft of the articles, and the photo files (images/NAME -> bytes) they name."""

    draft: Draft
    images: dict[str, bytes] = field(default_factory=dict)


def read_articles(paths: list[Path], read_text) -> Articles:
    """The articles of `paths` in order. `read_text(path) -> bytes` reads a text source (the
    command's size-limited reader)."""
    log = ChangeLog()
    draft = Draft([], None, None, None, log=log, mode=MARKDOWN)
    out = Articles(draft)
    for path in paths:
        own = ChangeLog()
        if is_word(path):
            word = read_docx(path, own)
            article = word.article
            finish_article(
                article,
                own,
                "the Word file has no Title or Heading paragraph before its text: give the "
                "article a title (# line)",
            )
            article.id = slug(path.stem)
            draft.articles.append(article)
            draft.source_han += sum(han_count(item.text) for item in article.items)
            out.images.update((p.name, p.data) for p in word.pictures)
            for picture in word.pictures:
                if not picture.name.endswith(".jpg"):
                    own.ask(
                        picture.paragraph,
                        "photo",
                        f"images/{picture.name} (paragraph {picture.paragraph}) is not a JPEG: "
                        "the print PDF takes CMYK JPEGs; convert it (or let the build convert it "
                        "where it can)",
                    )
        else:
            text = decode_utf8(path, read_text(path))
            sub = build_draft(text, MARKDOWN)
            own = sub.log
            for n, article in enumerate(sub.articles, start=1):
                article.id = slug(path.stem) + (f"-{n}" if len(sub.articles) > 1 else "")
            draft.articles += sub.articles
            draft.source_han += sub.source_han
        _merge(log, own, str(shown(path)))
    unique_ids(draft.articles, set())
    return out


def _merge(log: ChangeLog, own: ChangeLog, name: str) -> None:
    """`own`'s changes and questions into `log`, each question naming its file."""
    for kind, changes in own.changes.items():
        log.changes[kind].extend(changes)
    log.questions += [Question(q.line, q.topic, f"{name}: {q.text}") for q in own.questions]


def slug(stem: str) -> str:
    """An article id from a file name: lowercase ASCII letters, digits and `-` (docs/manifest.md);
    a name with none of them (`发言.docx`) gives `article`."""
    text = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return text[:40].strip("-") or "article"


def unique_ids(articles, taken: set[str]) -> None:
    """Make the ids unique among themselves and against `taken` (the issue's own): -2, -3 …"""
    for article in articles:
        base = article.id or "article"
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        article.id = ident
        taken.add(ident)
