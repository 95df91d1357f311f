"""Markdown input: a text of `##` (or `#`) articles without the OCR seed's front matter.

Its structure is the writer's, so it is trusted rather than guessed: a blank line always ends
a paragraph (nothing is rejoined across it), a heading of the article level starts an article
and nothing else does (a citation line `（据新华社）` inside a glossary stays where it is), `>`
lines right after a title are the kicker; list items, quotes and images are blocks of their
own, a line underlined with `===` or `---` is a heading, and a run of lines pasted one
paragraph per line is split into its paragraphs (the rule `layout check` warns with,
content/tidy.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from layout.content.tidy import paragraph_runs
from layout.importer.changes import ChangeLog
from layout.importer.source import Block, Line
from layout.importer.split import _is_pretitle

_BULLET = re.compile(r"^[-*+•]\s+(?=\S)")
_NUMBERED = re.compile(r"^\d{1,3}[.．、)）](?!\d)")
_QUOTE = re.compile(r"^>\s?")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\(\s*<?([^)>\s]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)$")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?$")
_SETEXT = re.compile(r"^(?:=+|-+)$")
# Inline Markdown the article markup does not have.
_INLINE_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)>\s]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_EMPHASIS = re.compile(r"(?<![*\\])\*(?![*\s])([^*]+?)(?<![\s*\\])\*(?!\*)")
_CODE = re.compile(r"`([^`]+)`")


def _link(match: re.Match[str]) -> str:
    text, target = match.group(1), match.group(2)
    return text if text == target else f"{text}（{target}）"


INLINE_RULES: tuple[tuple[str, re.Pattern[str], object], ...] = (
    ("inline image made its caption text", _INLINE_IMAGE, r"\1"),
    ("link made text with its address", _LINK, _link),
    ("*emphasis* made **bold**", _EMPHASIS, r"**\1**"),
    ("`code` marks removed", _CODE, r"\1"),
)


def inline_markdown(text: str, number: int, log: ChangeLog) -> str:
    """Links, inline images, single-star emphasis and code marks, which the article markup
    does not have, in words it has (each change recorded)."""
    for kind, pattern, replacement in INLINE_RULES:
        fixed = pattern.sub(replacement, text)  # type: ignore[arg-type]
        if fixed != text:
            log.record(kind, number, text, fixed, 1)
            text = fixed
    return text


_BREAK = re.compile(r"^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")


def split_blocks(blocks: list[Block], log: ChangeLog) -> list[Block]:
    """The source's blocks cut at list items, quotes, images and per-line paragraphs. Long
    blank runs mean nothing here (in OCR text they mark a photo)."""
    out: list[Block] = []
    for block in blocks:
        block = replace(block, gap=min(block.gap, 1))
        out.extend([block] if block.is_heading else _parts(block, log))
    return out


def _parts(block: Block, log: ChangeLog) -> list[Block]:
    parts: list[tuple[str, list[Line]]] = []
    for line in block.lines:
        text = line.text
        if _TABLE_RULE.match(text):
            continue  # the rule under a table's head row
        if _TABLE_ROW.match(text):
            if not parts or parts[-1][0] != "table":
                log.ask(
                    line.number,
                    "table",
                    f"L{line.number}: a table: its rows are paragraphs in the draft; set it "
                    "as a box or a picture",
                )
            cells = " | ".join(cell.strip() for cell in text.strip("|").split("|"))
            parts.append(("table", [Line(line.number, cells, False)]))
            continue
        if _IMAGE.match(text) is None:
            text = inline_markdown(text, line.number, log)
            line = Line(line.number, text, line.hard_break)
        underline = _SETEXT.match(text)
        if underline and parts and parts[-1][0] == "" and len(parts[-1][1]) == 1:
            parts[-1] = ("heading1" if underline.group()[0] == "=" else "heading2", parts[-1][1])
            continue
        if _BREAK.match(text):
            log.record("thematic break dropped", line.number, text, "", 1)
            continue
        image = _IMAGE.match(text)
        if image:
            parts.append(("image", [Line(line.number, image.group(1).strip(), False)]))
            log.ask(
                line.number,
                "image",
                f"L{line.number}: image `{image.group(2)}` is a placeholder slot in the draft: "
                "put the picture into images/ as a CMYK JPEG and name it in the @image line",
            )
            continue
        quote = _QUOTE.match(text)
        if quote:
            piece = Line(line.number, text[quote.end() :].strip(), line.hard_break)
            if parts and parts[-1][0] == "quote":
                parts[-1][1].append(piece)
            else:
                parts.append(("quote", [piece]))
            continue
        bullet = _BULLET.match(text)
        if bullet:
            parts.append(("bullet", [Line(line.number, text[bullet.end() :], line.hard_break)]))
        elif _NUMBERED.match(text) or not parts or parts[-1][0] in ("image", "quote"):
            parts.append(("", [line]))
        else:
            parts[-1][1].append(line)  # the paragraph or list item goes on
    out: list[Block] = []
    for mark, lines in parts:
        lines = [line for line in lines if line.text.strip()]
        pieces = _paragraphs(lines) if mark == "" else [lines]
        for piece in pieces:
            if not piece:
                continue
            gap = block.gap if not out else 0
            if mark.startswith("heading"):  # `标题` underlined with === or ---
                out.append(Block(tuple(piece), gap, int(mark[-1])))
            else:
                out.append(Block(tuple(piece), gap, 0, mark))
    return out


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Lines pasted one paragraph per line (content/tidy.py paragraph_runs), split apart."""
    breaks = {i for run in paragraph_runs([line.text for line in lines]) for i in run.breaks}
    pieces: list[list[Line]] = [[]]
    for index, line in enumerate(lines):
        pieces[-1].append(line)
        if index in breaks:
            pieces.append([])
    return [piece for piece in pieces if piece]


@dataclass
class Group:
    """The blocks of one article, and the heading of the section it is in ("" if none)."""

    blocks: list[Block] = field(default_factory=list)
    section: str = ""


def section_of(block: Block, names: set[str]) -> str:
    """The section name a heading names (`# 关注`, `## 关注 Concerns`), or ""."""
    words = block.text.split()
    if not block.is_heading or not words or words[0] not in names:
        return ""
    return words[0] if all(word.isascii() for word in words[1:]) else ""


def split_section(text: str) -> tuple[str, str]:
    """A section heading's name and English name: `关注 Concerns` -> (`关注`, `Concerns`)."""
    words = text.split()
    if len(words) > 1 and not words[0].isascii() and all(w.isascii() for w in words[1:]):
        return words[0], " ".join(words[1:])
    return text.strip(), ""


def _heads_a_group(blocks: list[Block], index: int) -> bool:
    """A heading directly followed by a deeper heading (no text of its own)."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is not None and following.level > blocks[index].level


def _is_file_title(blocks: list[Block], top: list[int], names: set[str]) -> bool:
    """The file opens with a top-level heading directly over another heading, which is the
    only one of its level or followed by one of its own level (`# 刊名` / `# 关注` …)."""
    if not top or top[0] != 0 or len(blocks) < 2 or not blocks[1].is_heading:
        return False
    if section_of(blocks[0], names):
        return False
    return len(top) == 1 or blocks[1].level == blocks[0].level


def _top_headings(
    blocks: list[Block], names: set[str], log: ChangeLog
) -> tuple[list[Block], set[int]]:
    """The blocks without a lone file title, and the indices of the group headings: the
    headings of the top level when each heads a group (`# 关注` over `## 标题` articles), and
    headings that name a known section."""
    headings = [i for i, b in enumerate(blocks) if b.is_heading]
    top_level = min(blocks[i].level for i in headings)
    top = [i for i in headings if blocks[i].level == top_level]
    if _is_file_title(blocks, top, names):
        log.ask(
            blocks[0].line,
            "file title",
            f"L{blocks[0].line}: `{blocks[0].text}` heads the whole file and is not in the "
            "draft (the cover headline?)",
        )
        rest = blocks[1:]
        return _top_headings(rest, names, log) if any(b.is_heading for b in rest) else (rest, set())
    grouping = len(headings) > len(top) and all(_heads_a_group(blocks, i) for i in top)
    groups = set(top) if grouping else set()
    groups |= {i for i in headings if section_of(blocks[i], names)}
    return blocks, groups


def split_articles(blocks: list[Block], names: set[str], log: ChangeLog) -> list[Group]:
    """Articles start at the headings of the article level: the highest level used, but for
    group headings, which set the section of the articles under them (and a lone top heading
    over everything, the file's own title)."""
    if not any(b.is_heading for b in blocks):
        return [Group(list(blocks))] if blocks else []
    blocks, group_heads = _top_headings(blocks, names, log)
    levels = [b.level for i, b in enumerate(blocks) if b.is_heading and i not in group_heads]
    level = min(levels, default=0)
    groups: list[Group] = []
    current = Group()
    for index, block in enumerate(blocks):
        name = ""
        if index in group_heads:
            name = block.text.strip()
        starts = block.is_heading and block.level <= level
        if (name or starts) and current.blocks and not _is_pretitle(current.blocks):
            groups.append(current)
            current = Group(section=current.section)
        if name:
            current.section = name
            continue
        current.blocks.append(block)
    if current.blocks:
        groups.append(current)
    return groups
