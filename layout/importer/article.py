"""Turn one article's blocks into typed items: series label, title, kicker, byline, body."""

from __future__ import annotations

import re

from layout.importer.changes import ChangeLog
from layout.importer.chars import han_count
from layout.importer.draft import DraftArticle, Item
from layout.importer.paragraphs import ends_open, rejoin
from layout.importer.source import Block
from layout.importer.split import DATE_LINE, PHOTO_GAP, RUNNING_HEADER, SOURCE, is_source

_CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
_ITEM = re.compile(r"^\d{1,2}[.．](?!\d)")
_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_KICKER_MAX = 64  # characters: longer text with no full stop is a paragraph, not a kicker


def display_lines(text: str, min_part: int = 5) -> list[str]:
    """Split a title at the spaces the OCR left for display line breaks, but keep short
    phrases together (`昭昭前事 勿忘国耻 砥砺前行`) and never split inside quotes."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in text.strip():
        if char in "“‘《（(":
            depth += 1
        elif char in "”’》）)":
            depth = max(0, depth - 1)
        if char == " " and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(han_count(p) >= min_part for p in parts):
        return parts
    return [text.strip()]


def _is_kicker(block: Block) -> bool:
    """OCR text: a short line without a full stop after the title is its kicker, but not one
    ending in a colon (it introduces what follows: the body's first paragraph)."""
    text = block.text
    return (
        len(text) <= _KICKER_MAX
        and not any(c in text for c in "。！？")
        and not text.rstrip().endswith(("：", ":"))
        and not text.strip().isdigit()
        and not SOURCE.match(text)
        and block.gap < PHOTO_GAP
    )


def _header_item(block: Block) -> Item | None:
    """A byline, author or date line between the title and the body."""
    text = block.text.strip()
    if text.startswith("□"):
        return Item("byline", text, block.line)
    if DATE_LINE.match(text):
        return Item("date", text, block.line)
    if _NAME.match(text):
        return Item("author", text, block.line)
    return None


def _markdown_header(blocks: list[Block]) -> tuple[list[Item], int]:
    """Markdown input: the title heading, the `>` lines after it as the kicker (nothing else
    is taken for one), then byline, author and date lines."""
    items: list[Item] = []
    i = 0
    while i < len(blocks) and not blocks[i].is_heading and not blocks[i].mark:
        if not (_is_kicker(blocks[i]) and i + 1 < len(blocks) and blocks[i + 1].is_heading):
            return items, i
        items.append(Item("series", blocks[i].text, blocks[i].line))
        i += 1
    if i >= len(blocks) or not blocks[i].is_heading:
        return items, i
    title = blocks[i]
    items.append(Item("title", title.text, title.line, lines=display_lines(title.text)))
    i += 1
    if i < len(blocks) and blocks[i].mark == "quote":
        lines = [line.text for line in blocks[i].lines]
        items.append(Item("kicker", " ".join(lines), blocks[i].line, lines=lines))
        i += 1
    while i < len(blocks) and not blocks[i].is_heading and not blocks[i].mark:
        extra = _header_item(blocks[i])
        if extra is None:
            break
        items.append(extra)
        i += 1
    return items, i


def _header(blocks: list[Block]) -> tuple[list[Item], int]:
    """Series label, title, kicker and byline lines; returns them and the body's first index."""
    items: list[Item] = []
    i = 0
    while (
        i < len(blocks)
        and not blocks[i].is_heading
        and _is_kicker(blocks[i])
        and any(b.is_heading for b in blocks[i + 1 : i + 2])
    ):
        items.append(Item("series", blocks[i].text, blocks[i].line))
        i += 1
    if i >= len(blocks) or not blocks[i].is_heading:
        return items, i
    title = blocks[i]
    items.append(Item("title", title.text, title.line, lines=display_lines(title.text)))
    i += 1
    kicker: list[str] = []
    kicker_line = 0
    while i < len(blocks):
        block = blocks[i]
        extra = None if block.is_heading else _header_item(block)
        if extra:
            items.append(extra)
        elif (
            not kicker
            and block.is_heading
            and block.gap < PHOTO_GAP
            and not RUNNING_HEADER.match(block.text)
            and not _CHAPTER.match(block.text)
            and not block.text.startswith("【")
            and not _next_is_heading(blocks, i)
        ):
            kicker, kicker_line = display_lines(block.text, min_part=6), block.line
        elif (
            len(kicker) < 3
            and not block.is_heading
            and _is_kicker(block)
            and not any(item.kind in ("byline", "author") for item in items)
        ):
            kicker_line = kicker_line or block.line
            for line in block.lines:
                kicker.extend(display_lines(line.text, min_part=6))
        else:
            break
        i += 1
    if kicker:
        items.insert(
            len([x for x in items if x.kind in ("series", "title")]),
            Item("kicker", " ".join(kicker), kicker_line, lines=kicker),
        )
    return items, i


def _next_is_heading(blocks: list[Block], i: int) -> bool:
    return i + 1 < len(blocks) and blocks[i + 1].is_heading and blocks[i + 1].gap < PHOTO_GAP


def _body(blocks: list[Block]) -> list[Item]:
    items: list[Item] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = block.text.strip()
        if block.gap >= PHOTO_GAP:
            items.append(Item("image", "", block.line))
        if block.is_heading:
            if RUNNING_HEADER.match(text):
                items.append(Item("header", text, block.line))
            elif _CHAPTER.match(text):
                items.append(Item("chapter", text, block.line))
            elif _next_is_heading(blocks, i) and not text.startswith("【"):
                # A round-up unit: organisation heading, then the item's title heading.
                items.append(Item("org", text, block.line))
                items.append(Item("unit", blocks[i + 1].text.strip(), blocks[i + 1].line))
                i += 1
            else:
                items.append(Item("subhead", text, block.line))
        elif text.isdigit() and len(text) <= 2:
            items.append(Item("num", text, block.line))
        elif is_source(block):
            items.append(Item("source", text, block.line))
        elif _is_salutation(text):
            items.append(Item("salutation", text, block.line))
        elif _ITEM.match(text):
            items.append(Item("item", text, block.line))
        else:
            items.append(Item("para", text, block.line))
        i += 1
    return items


def _markdown_body(blocks: list[Block], log: ChangeLog) -> list[Item]:
    """Markdown input: headings are subheads (or chapters), a citation line is the source only
    at the end of the article, quotes and bullet items are paragraphs."""
    items: list[Item] = []
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if block.mark == "image":
            items.append(Item("image", text, block.line))
        elif block.is_heading:
            items.append(Item("chapter" if _CHAPTER.match(text) else "subhead", text, block.line))
        elif block.mark:
            what = {"quote": "block quote", "bullet": "bullet list item"}.get(
                block.mark, f"{block.mark} row"
            )
            log.record(f"{what} made a paragraph", block.line, text, text, 1)
            items.append(Item("para", text, block.line))
        elif text.isdigit() and len(text) <= 2:
            items.append(Item("num", text, block.line))
        elif index == len(blocks) - 1 and is_source(block):
            items.append(Item("source", text, block.line))
        elif _is_salutation(text):
            items.append(Item("salutation", text, block.line))
        elif _ITEM.match(text):
            items.append(Item("item", text, block.line))
        else:
            items.append(Item("para", text, block.line))
    return items


def _check_numbers(items: list[Item], log: ChangeLog) -> None:
    """The markup numbers a list 1, 2, 3 … (docs/manifest.md); an item that does not follow
    on becomes a paragraph (the writer escapes its number), so that the draft checks."""
    last = 0
    for item in items:
        if item.kind != "item":
            continue
        value = int(re.match(r"\d+", item.text).group())
        if value in (1, last + 1):
            last = value
            continue
        item.kind = "para"
        log.ask(
            item.line,
            "list number",
            f"L{item.line}: item `{item.text[:12]}…` does not follow item {last or 'none'}: "
            "kept as a paragraph with its number; make it a list item if it is one",
        )


def _check_bold(items: list[Item], log: ChangeLog) -> None:
    """An odd number of `**` in a block would leave bold text open (an error in the markup):
    the marks are kept as literal asterisks, for a person to look at."""
    for item in items:
        for piece in (item, *item.children):
            if piece.text.count("**") % 2:
                piece.text = piece.text.replace("**", "\\*\\*")
                log.ask(
                    piece.line,
                    "unbalanced bold",
                    f"L{piece.line}: `**` opens bold text that does not close; the asterisks "
                    "are printed as they are",
                )


def _is_salutation(text: str) -> bool:
    """`各位委员、同志们！`: a short line addressing the audience, set without indent."""
    return han_count(text) <= 12 and text.rstrip()[-1:] in "！!" and "们" in text


def _drop_repeats(items: list[Item], log: ChangeLog) -> list[Item]:
    """A paragraph printed twice: the first copy, if it opens the body, is the standfirst;
    later copies go."""
    seen: set[str] = set()
    out: list[Item] = []
    for item in items:
        if item.kind == "para" and item.text in seen and han_count(item.text) >= 12:
            log.record("repeated paragraph removed", item.line, item.text, "", 1)
            continue
        if item.kind == "para":
            seen.add(item.text)
        out.append(item)
    first_para = next((i for i, item in enumerate(out) if item.kind == "para"), None)
    repeated = {c.before for c in log.changes.get("repeated paragraph removed", [])}
    if first_para is not None and out[first_para].text in repeated:
        out[first_para].kind = "standfirst"
    return out


def parse_article(blocks: list[Block], log: ChangeLog, markdown: bool = False) -> DraftArticle:
    """One article's items. OCR text (`markdown` False) is repaired: cut paragraphs are
    rejoined, running headers and repeated paragraphs dropped; Markdown is taken as written."""
    if markdown:
        header, start = _markdown_header(blocks)
        body = _markdown_body(blocks[start:], log)
    else:
        header, start = _header(blocks)
        body = _body(blocks[start:])
        if body and body[0].kind == "image" and start == 0:
            body = body[1:]
        body = _drop_repeats(rejoin(body, log), log)
    _check_numbers(body, log)
    _check_bold(body, log)
    for item in body:
        if item.kind in ("para", "item") and ends_open(item.text):
            log.ask(
                item.line,
                "open paragraph",
                f"L{item.line}: paragraph ends without sentence-final punctuation "
                f"(`…{item.text[-12:]}`); cut text?",
            )
    article = DraftArticle(header + body, blocks[0].line)
    article.form = guess_form(article)
    if article.form == "roundup":
        for item in article.items:
            if item.kind == "source":
                item.kind = "credit"
    return article


def guess_form(article: DraftArticle) -> str:
    """A first guess an editor confirms: the markers each form is built from."""
    kinds = {item.kind for item in article.items}
    source = article.first("source")
    if "byline" in kinds:
        return "proposal"
    if "author" in kinds and "date" in kinds:
        return "speech"
    if "chapter" in kinds:
        return "workplan"
    if sum(item.kind == "org" for item in article.items) >= 3:
        return "roundup"
    if "num" in kinds or "standfirst" in kinds:
        return "essay"
    if source and source.text.startswith("摘自") and "kicker" not in kinds:
        return "reprint"
    if source and "公众号" in source.text and "kicker" not in kinds and "image" not in kinds:
        return "essay"
    return "news"
