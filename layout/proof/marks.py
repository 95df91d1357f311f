"""The marks a proof draws on each page: from the comparison with the last round (tints,
carets, re-flowed and moved lines, with notes) and from `check` (warnings at their place,
articles over their planned space)."""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

from layout.compose.document import FitRow
from layout.proof.diff import Comparison, LineMarks
from layout.proof.record import Line, Round, Unit
from layout.render.model import Page
from layout.render.pdf.proof import CHANGE, MOVE, WARNING, Note, PageMarks, Span

IDEO_ASCENT = 0.88
NOTE_CHARS = 40  # deleted or replaced text beyond this is cut in the note (the list has it all)
WARNING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?: warning: (?P<message>.*)$")


def page_marks(
    record: Round,
    pages: list[Page],
    comparison: Comparison | None,
    warnings: list[str],
    fit: list[FitRow],
) -> dict[int, PageMarks]:
    """PageMarks by id() of the page they go on."""
    out: dict[int, PageMarks] = {}

    def on(line: Line) -> PageMarks:
        return out.setdefault(id(pages[line.page]), PageMarks())

    if comparison is not None:
        for unit_id, marks in comparison.marks.items():
            unit = record.units.get(unit_id)
            if unit is not None:
                _line_marks(unit, marks, on)
    for text in warnings:
        placed = _warning_place(record, text)
        if placed is not None:
            line, top, message = placed
            on(line).notes.append(Note(top, message, WARNING))
    for row in fit:
        unit = record.units.get(row.article)
        if unit is not None and unit.lines and row.over:
            last = len(unit.lines) - 1
            top = _top(unit, last)
            note = f"超出计划版面 {row.difference} 行"
            on(unit.lines[last]).notes.append(Note(top, note, WARNING))
    return out


def _line_marks(unit: Unit, marks: dict[int, LineMarks], on) -> None:
    for index in sorted(marks):
        mark, line, geometry = marks[index], unit.lines[index], unit.geometry[index]
        if not line.text:
            continue
        page = on(line)
        x0, x1 = geometry.x0, geometry.x1
        base, size = geometry.baseline, geometry.size
        top = base - IDEO_ASCENT * size
        for lo, hi in mark.tint:
            page.tints.append(Span(x0[lo], x1[hi - 1], base, size))
        for at, text in mark.carets:
            x = x0[at] if at < len(x0) else x1[-1]
            page.carets.append(Span(x, x, base, size))
            page.notes.append(Note(top, f"删：{_cut(text)}", CHANGE))
        for _, text in mark.replaced:
            page.notes.append(Note(top, f"原：{_cut(text)}", CHANGE))
        if mark.moved:
            page.moved.append(Span(x0[0], x1[-1], base, size))
            before = marks.get(index - 1)
            if before is None or before.moved != mark.moved:
                page.notes.append(Note(top, f"段落移自 {mark.moved}", MOVE))
        if mark.reflow:
            page.reflowed.append(Span(x0[0], x1[-1], base, size))


def _cut(text: str) -> str:
    return text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1] + "…"


def _top(unit: Unit, index: int) -> float:
    geometry = unit.geometry[index]
    return geometry.baseline - IDEO_ASCENT * geometry.size


def _warning_place(record: Round, text: str) -> tuple[Line, float, str] | None:
    """The first line of the paragraph the warning is about (the block that starts at or
    before its line in its file), and the message; None when it is about no printed text."""
    match = WARNING_LINE.match(text)
    if match is None:
        return None
    path, number = Path(match["path"]), int(match["line"])
    best: tuple[int, Unit, int] | None = None
    for unit in record.units.values():
        for location, para in unit.paras.items():
            if location.path == path or str(location.path) == match["path"]:
                if location.line <= number and (best is None or location.line > best[0]):
                    best = (location.line, unit, para)
    if best is None:
        return None
    _, unit, para = best
    paras = [line.para for line in unit.lines]
    index = bisect_right(paras, para - 1) if paras == sorted(paras) else paras.index(para)
    if index >= len(unit.lines) or unit.lines[index].para != para:
        return None
    return unit.lines[index], _top(unit, index), match["message"]
