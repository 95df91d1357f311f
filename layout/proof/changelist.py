"""The change list at the front of a proof that is compared with an earlier round: every change
with its unit, page·column·line in both rounds and old → new text; per unit, lines gained or
lost and whether its pages moved. Set as ordinary positioned pages (sans), so the PDF writer
collects and draws them like any other page."""

from __future__ import annotations

from layout.proof.diff import DELETE, INSERT, MOVE, REPLACE, Change, Comparison, Summary
from layout.render.model import BLACK, Bookmark, Cmyk, GlyphRun, Page, Rule
from layout.text.metrics import Metrics

ROLE = "sans"
LEFT, RIGHT, TOP, BOTTOM = 42.0, 42.0, 48.0, 48.0
TITLE_SIZE, HEAD_SIZE, ROW_SIZE = 14.0, 9.0, 7.5
ROW_PITCH = 11.0
KIND_WORDS = {REPLACE: "改", INSERT: "增", DELETE: "删", MOVE: "移"}
# x of each column of a change row, from the left margin
KIND_X, OLD_X, NEW_X, TEXT_X = 0.0, 16.0, 74.0, 132.0
GREY: Cmyk = (0.0, 0.0, 0.0, 0.55)
RED: Cmyk = (0.0, 1.0, 1.0, 0.0)
LABEL_PREFIX = "改"  # change-list pages are labelled 改1, 改2, ...


def change_pages(
    comparison: Comparison,
    title: str,
    width: float,
    height: float,
    metrics: Metrics,
    printable,
) -> list[Page]:
    """The change list as pages of `width` x `height` pt. `printable` turns a string into one
    the sans face can draw (a note is no place to stop a proof on a rare character)."""
    setter = _Setter(width, height, metrics, printable)
    setter.line(title, TITLE_SIZE, pitch=24.0)
    counts = {kind: 0 for kind in KIND_WORDS}
    for change in comparison.changes:
        counts[change.kind] += 1
    summary = (
        f"共 {len(comparison.changes)} 处：改 {counts[REPLACE]}，增 {counts[INSERT]}，"
        f"删 {counts[DELETE]}，移 {counts[MOVE]}；重排 {comparison.reflowed} 行（只查断行）"
    )
    setter.line(summary, HEAD_SIZE, pitch=18.0)
    by_unit: dict[str, list[Change]] = {}
    for change in comparison.changes:
        by_unit.setdefault(change.unit, []).append(change)
    listed = [
        s
        for s in comparison.summaries
        if s.changes or s.old_lines != s.new_lines or s.pages_moved or not s.old_pages
    ]
    if not listed:
        setter.line("与上一校相比没有改动。", HEAD_SIZE)
    for summary_row in listed:
        setter.gap(6.0)
        setter.line(_unit_head(summary_row), HEAD_SIZE, pitch=14.0, keep=2)
        for change in by_unit.get(summary_row.unit, []):
            setter.change(change)
    pages = setter.pages
    for k, page in enumerate(pages, start=1):
        page.label = f"{LABEL_PREFIX}{k}"
    pages[0].bookmarks.append(Bookmark("变更表", 0, TOP))
    return pages


def _unit_head(s: Summary) -> str:
    lines = s.new_lines - s.old_lines
    delta = f"{lines:+d}" if lines else "±0"
    pages = s.new_pages or "—"
    text = f"{s.unit}  {s.title}  行 {s.old_lines}→{s.new_lines}（{delta}）  页 {pages}"
    if not s.old_pages:
        text += "  新增"
    elif not s.new_pages:
        text += f"  已删（原在 {s.old_pages}）"
    elif s.pages_moved:
        text += f"  页码移动：{s.old_pages} → {s.new_pages}"
    if s.reflowed:
        text += f"  重排 {s.reflowed} 行"
    return text


class _Setter:
    """Lines of sans text down pages, a new page when one is full."""

    def __init__(self, width: float, height: float, metrics: Metrics, printable) -> None:
        self.width, self.height, self.metrics, self.printable = width, height, metrics, printable
        self.pages: list[Page] = []
        self.y = height  # forces a first page
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(Page(self.width, self.height))
        self.y = TOP

    def room(self, needed: float) -> None:
        if self.y + needed > self.height - BOTTOM:
            self.new_page()

    def gap(self, amount: float) -> None:
        self.y += amount

    def line(
        self, text: str, size: float, pitch: float = ROW_PITCH, keep: int = 1, color=BLACK
    ) -> None:
        self.room(pitch + (keep - 1) * ROW_PITCH)
        self.y += pitch
        self.put(text, size, LEFT, self.width - RIGHT, color)

    def put(self, text: str, size: float, x: float, right: float, color: Cmyk) -> list[str]:
        """`text` from x on the current baseline; what does not fit before `right` is
        returned as further lines (wrapped, not drawn)."""
        lines = _wrap(self.printable(text), size, right - x, self.metrics)
        self._run(lines[0] if lines else "", size, x, color)
        return lines[1:]

    def _run(self, text: str, size: float, x: float, color: Cmyk) -> None:
        glyphs, at = [], x
        for char in text:
            glyphs.append((char, at))
            at += self.metrics.advance(ROLE, char) * size
        if glyphs:
            run = GlyphRun(ROLE, size, self.y, tuple(glyphs), color=color)
            self.pages[-1].items.append(run)

    def change(self, change: Change) -> None:
        old = change.old_line.where() if change.old_line else "—"
        new = change.new_line.where() if change.new_line else "—"
        text = f"{_shown(change.old_text)} → {_shown(change.new_text)}"
        if change.kind == MOVE:
            text = f"段落移动（{len(change.new_text)} 字）：{_shown(change.new_text, 24)}"
        right = self.width - RIGHT
        lines = _wrap(self.printable(text), ROW_SIZE, right - LEFT - TEXT_X, self.metrics)
        self.room(ROW_PITCH * len(lines))
        self.y += ROW_PITCH
        self._run(KIND_WORDS[change.kind], ROW_SIZE, LEFT + KIND_X, RED)
        self._run(old, ROW_SIZE, LEFT + OLD_X, GREY)
        self._run(new, ROW_SIZE, LEFT + NEW_X, BLACK)
        for k, line in enumerate(lines):
            if k:
                self.y += ROW_PITCH
            self._run(line, ROW_SIZE, LEFT + TEXT_X, BLACK)
        rule_y = self.y + 3.0
        self.pages[-1].items.append(
            Rule(LEFT, rule_y, self.width - LEFT - RIGHT, 0.0, stroke=GREY, stroke_width=0.2)
        )


def _shown(text: str, limit: int = 0) -> str:
    if not text:
        return "（无）"
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return f"“{text}”"


def _wrap(text: str, size: float, width: float, metrics: Metrics) -> list[str]:
    lines, current, used = [], [], 0.0
    for char in text:
        advance = metrics.advance(ROLE, char) * size
        if current and used + advance > width:
            lines.append("".join(current))
            current, used = [], 0.0
        current.append(char)
        used += advance
    if current or not lines:
        lines.append("".join(current))
    return lines
