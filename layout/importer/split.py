"""Split the body text into articles.

The OCR's heading levels vary for the same role, so they cannot give the structure. What can:
an article ends with its source line (`（市政协全媒体工作室）`, `摘自《人民政协报》`); a
level-1 heading, or any heading after a long blank run, starts a new article; `【…】` and
`一、` headings are always inside an article.
"""

from __future__ import annotations

import re

from layout.importer.chars import SENTENCE_END, han_count
from layout.importer.source import Block, Line

SOURCE = re.compile(r"^(?:[(（][^()（）。，,《]{2,24}[)）]|摘自《[^》]{1,20}》)$")
_INLINE_SOURCE = re.compile(r"^(.*[。！？”])\s*([(（][^()（）。，,《]{2,24}[)）])$")
DATE_LINE = re.compile(r"^[(（]\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[)）]$")
RUNNING_HEADER = re.compile(r"^\|.*\|")
SUBHEAD_ONLY = re.compile(r"^(?:【.+】|[一二三四五六七八九十]+、)")
PHOTO_GAP = 3  # blank lines that mark a skipped photo (a paragraph break is 1)


def is_source(block: Block) -> bool:
    text = block.text
    return (
        not block.is_heading
        and len(block.lines) == 1
        and bool(SOURCE.match(text))
        and not DATE_LINE.match(text)
    )


def is_running_header(block: Block) -> bool:
    return block.is_heading and bool(RUNNING_HEADER.match(block.text))


def _split_block(block: Block, inline_sources: bool = True) -> list[Block]:
    """Split at hard breaks that end a sentence, and an inline source off a last paragraph."""
    if block.is_heading:
        return [block]
    parts: list[list[Line]] = [[]]
    for line in block.lines:
        parts[-1].append(line)
        if line.hard_break and line.text.rstrip()[-1:] in SENTENCE_END:
            parts.append([])
    out: list[Block] = []
    for n, lines in enumerate(p for p in parts if p):
        out.append(block.with_lines(tuple(lines), gap=block.gap if n == 0 else 0))
    last = out[-1]
    inline = _INLINE_SOURCE.match(last.text) if inline_sources else None
    if inline and len(last.lines) >= 1 and not SOURCE.match(last.text):
        number = last.lines[-1].number
        out[-1] = last.with_lines((Line(last.line, inline.group(1), False),))
        out.append(Block((Line(number, inline.group(2), False),), 0))
    return out


def prepare(blocks: list[Block], inline_sources: bool = True) -> list[Block]:
    """Blocks ready for splitting: sentence-ending hard breaks and inline sources split off."""
    return [part for block in blocks for part in _split_block(block, inline_sources)]


def _is_pretitle(blocks: list[Block]) -> bool:
    """Text gathered before a title: a short series label such as `…书面发言摘登`."""
    return bool(blocks) and all(
        not b.is_heading
        and han_count(b.text) <= 30
        and not any(c in b.text for c in "。！？")
        and not b.text.strip().isdigit()
        for b in blocks
    )


def split_articles(blocks: list[Block]) -> list[list[Block]]:
    """Group blocks into articles (each a list of blocks in source order)."""
    articles: list[list[Block]] = []
    current: list[Block] = []
    ended = True  # the previous article is complete (start, or after a source line)
    for block in blocks:
        starts = False
        if block.is_heading and not is_running_header(block) and not SUBHEAD_ONLY.match(block.text):
            if _is_pretitle(current) and not any(b.is_heading for b in current):
                starts = False  # the heading is the title of the labelled article
            elif block.level == 1 or ended or block.gap >= PHOTO_GAP:
                starts = True
        elif ended and not is_source(block):
            starts = True
        if starts and current:
            articles.append(current)
            current = []
        if starts:
            ended = False
        current.append(block)
        if is_source(block):
            ended = True
    if current:
        articles.append(current)
    return articles
