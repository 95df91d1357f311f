"""Rejoin paragraphs that the OCR cut at column and page breaks.

The evidence is conservative: a paragraph that ends without sentence-final punctuation
(`…人民政`) is continued by the next paragraph (`协工作。`). The continuation may sit behind a
photo slot, a running page header (`## | 要点 | Key points of work`, dropped) or a floated
sidebar that the OCR pulled into the middle of a word (`宜居生活品` / `## 【现状分析】` … /
`质。`); the sidebar then becomes a box placed after the rejoined paragraph.
"""

from __future__ import annotations

import re

from layout.importer.changes import ChangeLog
from layout.importer.chars import SENTENCE_END
from layout.importer.draft import Item

_JOINABLE = ("para", "item")
_EARLY_MARK = re.compile(r"^[^，。、；：！？,;:!?]{0,3}[，。、；：,;:]")


def ends_open(text: str) -> bool:
    """True if the text stops mid-sentence (no sentence-final mark, colon or list end)."""
    text = text.rstrip().removesuffix("**")
    return bool(text) and text[-1] not in SENTENCE_END + "：:；;"


def starts_mid_sentence(text: str) -> bool:
    """True if the text opens with the tail of a cut word: a mark within the first 4
    characters (`质。2.多杆合一`, `养保健、运动`, `理。建议`)."""
    return bool(_EARLY_MARK.match(text))


def _sidebar(items: list[Item], j: int) -> tuple[Item, int] | None:
    """A subhead at j with 1-3 complete paragraphs, followed by a paragraph that starts
    mid-sentence: the sidebar box and the index of that continuation."""
    if j >= len(items) or items[j].kind != "subhead":
        return None
    k = j + 1
    paras: list[Item] = []
    while k < len(items) and items[k].kind == "para" and len(paras) < 3:
        if paras and starts_mid_sentence(items[k].text):
            break
        if ends_open(items[k].text):
            return None
        paras.append(items[k])
        k += 1
    if paras and k < len(items) and items[k].kind == "para" and starts_mid_sentence(items[k].text):
        return Item("box", items[j].text, items[j].line, children=paras), k
    return None


def _continuation(items: list[Item], i: int) -> tuple[int, list[Item], list[Item]] | None:
    """Where the paragraph at i continues: (index, items to move after it, items to drop)."""
    j = i + 1
    moved: list[Item] = []
    dropped: list[Item] = []
    while j < len(items) and items[j].kind in ("image", "header"):
        (dropped if items[j].kind == "header" else moved).append(items[j])
        j += 1
    if j < len(items) and items[j].kind == "para":
        return j, moved, dropped
    sidebar = _sidebar(items, j)
    if sidebar:
        box, k = sidebar
        return k, moved + [box], dropped
    return None


def rejoin(items: list[Item], log: ChangeLog | None = None) -> list[Item]:
    """Join cut paragraphs; return a new item list. Running headers are always dropped."""
    items = list(items)
    out: list[Item] = []
    i = 0
    while i < len(items):
        item = items[i]
        if item.kind == "header":
            if log:
                log.record("running header dropped", item.line, item.text, "", 1)
            i += 1
            continue
        found = _continuation(items, i) if item.kind in _JOINABLE and ends_open(item.text) else None
        if found is None:
            out.append(item)
            i += 1
            continue
        j, moved, dropped = found
        nxt = items[j]
        joined = Item(item.kind, item.text + nxt.text, item.line)
        if log:
            kind = "paragraph rejoined"
            if any(m.kind == "box" for m in moved):
                kind = "paragraph rejoined around a sidebar (sidebar made a box)"
            elif dropped:
                kind = "paragraph rejoined across a running header"
            elif moved:
                kind = "paragraph rejoined across a photo slot"
                log.ask(
                    item.line,
                    "rejoin across photo",
                    f"L{item.line}–{nxt.line}: `…{item.text[-8:]}` + `{nxt.text[:8]}…` joined "
                    "across a photo slot; check no text is lost under the photo",
                )
            if item.text[-1:] == nxt.text[:1]:
                log.ask(
                    item.line,
                    "doubled character at a cut",
                    f"L{item.line}–{nxt.line}: `…{item.text[-6:]}` + `{nxt.text[:6]}…`: "
                    f"the cut repeats `{nxt.text[0]}`; OCR doubling?",
                )
            log.record(
                kind,
                item.line,
                f"…{item.text[-10:]} ⏎ {nxt.text[:10]}…",
                f"…{item.text[-10:]}{nxt.text[:10]}…",
                1,
            )
            for header in dropped:
                log.record("running header dropped", header.line, header.text, "", 1)
        # Put the joined paragraph in place of its continuation, the photos and sidebar after
        # it, and look again: a paragraph may have been cut more than once.
        items[j] = joined
        items[j + 1 : j + 1] = moved
        i = j
    return out
