"""Recognise the cover, the contents page and the colophon in the OCR blocks.

Each recogniser takes the block list and returns what it found plus the indices of the blocks
it consumed; whatever is not recognised stays in the text for the article splitter (and so
shows up in the draft for an editor to see, rather than being silently dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from layout.importer.chars import han_count
from layout.importer.source import Block

_FEATURE = re.compile(
    r"^P(?:<sub>)?(\d{1,3})(?:</sub>)?\s+([\u4e00-\u9fff]{2,6})\s+([A-Za-z][A-Za-z ]*?)\s*$"
)
_SECTION = re.compile(
    r"^(?:\*\*)?([\u4e00-\u9fff]{2,6})(?:\*\*)?\s+([A-Z][A-Za-z ]*?)\s*(?:-{3,})?\s*$"
)
_ENTRY = re.compile(r"^(?:[-*]\s+)?(\d{2,3})\s+(\S.*)$")
_FIELD = re.compile(r"^([^\s:：]{1,8})[:：]\s*(.*)$")
_CLOSING = re.compile(r"^[(（][^()（）]{2,20}[)）]$")


@dataclass
class TocEntry:
    page: int
    section: str  # Chinese section name
    lines: list[str]  # printed lines: title (possibly wrapped) then subtitle lines
    line: int  # source line


@dataclass
class Section:
    name: str
    english: str


@dataclass
class Toc:
    sections: list[Section] = field(default_factory=list)
    entries: list[TocEntry] = field(default_factory=list)
    feature: TocEntry | None = None  # the featured box, page + section + caption
    sponsor: str = ""


@dataclass
class Colophon:
    title: str = ""
    motto: str = ""
    heading: str = ""
    fields: list[tuple[str, list[str]]] = field(default_factory=list)
    closing: str = ""
    media_heading: str = ""
    media_items: list[str] = field(default_factory=list)
    media_footer: list[str] = field(default_factory=list)


@dataclass
class Cover:
    award: str = ""
    title: str = ""
    serial: int | None = None
    number: int | None = None
    year: int | None = None
    headline: list[str] = field(default_factory=list)
    subhead: str = ""
    notice: str = ""
    permit: str = ""
    line: int = 0


def _lines(block: Block) -> list[str]:
    return [line.text.strip() for line in block.lines]


# --- contents page ----------------------------------------------------------------------------


def _is_toc_block(block: Block) -> bool:
    first = _lines(block)[0]
    return bool(_FEATURE.match(first) or _SECTION.match(first) or _ENTRY.match(first))


def find_toc(blocks: list[Block]) -> tuple[Toc | None, set[int]]:
    """The contents page: section labels (`关注 Concerns`, `**党建** Development -----`),
    entries (`- 04 标题` or `19 标题`, subtitle lines after a hard break) and a feature box
    (`P<sub>08</sub> 聚焦 Highlights` plus a caption). A short line among the entries (the
    vertical sponsor line) is kept as the sponsor."""
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if not b.is_heading
            and _is_toc_block(b)
            and sum(_ENTRY.match(_lines(x)[0]) is not None for x in blocks[i : i + 4]) >= 1
        ),
        None,
    )
    if start is None:
        return None, set()
    toc = Toc()
    used: set[int] = set()
    section = ""
    i = start
    while i < len(blocks):
        block = blocks[i]
        if block.is_heading:
            break
        lines = _lines(block)
        feature = _FEATURE.match(lines[0])
        label = _SECTION.match(lines[0])
        if feature:
            caption = []
            if i + 1 < len(blocks) and not _is_toc_block(blocks[i + 1]):
                caption = _lines(blocks[i + 1])
                used.add(i + 1)
            toc.feature = TocEntry(int(feature.group(1)), feature.group(2), caption, block.line)
            used.add(i)
            i += 2 if caption else 1
            continue
        if label and not _ENTRY.match(lines[0]):
            section = label.group(1)
            toc.sections.append(Section(label.group(1), label.group(2).strip()))
            used.add(i)
            i += 1
            continue
        if _ENTRY.match(lines[0]):
            for line in block.lines:
                entry = _ENTRY.match(line.text.strip())
                if entry:
                    toc.entries.append(
                        TocEntry(
                            int(entry.group(1)), section, [entry.group(2).strip()], line.number
                        )
                    )
                elif toc.entries:
                    toc.entries[-1].lines.append(line.text.strip())
            used.add(i)
            i += 1
            continue
        # A stray short line between entries: the sponsor line printed down the page.
        if han_count(block.text) <= 16 and i + 1 < len(blocks) and _is_toc_block(blocks[i + 1]):
            toc.sponsor = block.text
            used.add(i)
            i += 1
            continue
        break
    return (toc if toc.entries else None), used


# --- colophon ---------------------------------------------------------------------------------


def find_colophon(blocks: list[Block]) -> tuple[Colophon | None, set[int]]:
    """The masthead: `字段: 值` lines (values may continue on the following lines), the block
    title and motto above them, a closing line, and a media block (a heading and its labels)."""
    first = next(
        (
            i
            for i, b in enumerate(blocks)
            if not b.is_heading and sum(_FIELD.match(t) is not None for t in _lines(b)) >= 2
        ),
        None,
    )
    if first is None:
        return None, set()
    colophon = Colophon()
    used: set[int] = set()
    # Title, motto and heading above the fields, back to the blank run that opens the page.
    start = first
    while start > 0 and blocks[start].gap < 2 and first - start < 4:
        start -= 1
    for i in range(start, first):
        block = blocks[i]
        used.add(i)
        if block.is_heading and not colophon.title:
            colophon.title = block.text
        elif block.is_heading:
            colophon.heading = block.text
        else:
            colophon.motto = block.text
    i = first
    while i < len(blocks) and not blocks[i].is_heading:
        lines = _lines(blocks[i])
        if _CLOSING.match(lines[0]) and len(lines) == 1:
            colophon.closing = lines[0]
            used.add(i)
            i += 1
            break
        if not _FIELD.match(lines[0]):
            break
        for text in lines:
            match = _FIELD.match(text)
            if match:
                colophon.fields.append((match.group(1), [match.group(2)]))
            else:
                colophon.fields[-1][1].append(text)
        used.add(i)
        i += 1
    # The media block: a heading right after the fields, then its label lines.
    if i < len(blocks) and blocks[i].is_heading:
        colophon.media_heading = blocks[i].text
        used.add(i)
        i += 1
        groups = 0
        while i < len(blocks) and not blocks[i].is_heading:
            lines = _lines(blocks[i])
            if groups == 0:
                colophon.media_items = [item for line in lines for item in split_labels(line)]
            else:
                colophon.media_footer.extend(lines)
            groups += 1
            used.add(i)
            i += 1
    return colophon, used


def split_labels(line: str) -> list[str]:
    """`官方网站 APP 客户端` -> [官方网站, APP 客户端]: a Latin word binds to the next word."""
    words = line.split()
    labels: list[str] = []
    carry = ""
    for word in words:
        if word.isascii():
            carry = f"{carry} {word}".strip()
            continue
        labels.append(f"{carry} {word}".strip() if carry else word)
        carry = ""
    if carry:
        labels.append(carry)
    return labels


# --- cover ------------------------------------------------------------------------------------

_SERIAL = re.compile(r"总第\s*(\d+)\s*期")
_PERMIT = re.compile(r"准印证号")


def find_cover(blocks: list[Block]) -> tuple[Cover | None, set[int]]:
    """The cover runs from the top to the line with the printing permit (`准印证号`)."""
    end = next((i for i, b in enumerate(blocks[:20]) if _PERMIT.search(b.text)), None)
    if end is None:
        return None, set()
    cover = Cover(line=blocks[0].line)
    for i, block in enumerate(blocks[: end + 1]):
        text = block.text
        serial = _SERIAL.search(text)
        if block.level == 1 and not cover.title:
            cover.title = text
        elif block.is_heading and not cover.headline:
            cover.headline = [text]
            if i + 1 <= end and not blocks[i + 1].is_heading:
                cover.subhead = blocks[i + 1].text
        elif serial:
            cover.serial = int(serial.group(1))
        elif text.isdigit() and len(text) == 4:
            cover.year = int(text)
        elif text.isdigit() and len(text) <= 2:
            cover.number = int(text)
        elif text.endswith("奖") and not cover.award:
            cover.award = text
        elif _PERMIT.search(text):
            at = _PERMIT.search(text).start()
            cover.notice = text[:at].strip()
            cover.permit = text[at:].strip()
    return cover, set(range(end + 1))
