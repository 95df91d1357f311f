"""What changed between two proof rounds, found on the text and mapped to both layouts.

Per unit, paragraphs are matched first (difflib on the list of paragraph texts): an unchanged
paragraph that changed place is a move, not a deletion and an insertion. Paragraphs left over
are compared character by character. Changes closer than `JOIN` characters are one change (a
replaced word often shares a character with its replacement: 会议 -> 大会 is one edit, not an
insertion and a deletion).

Each change then gets its line in the old and in the new round. A line of the new round that
holds no change but does not start and end where a line of the old round did is re-flowed:
its words are the old ones, its breaks are new.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from layout.proof.record import Line, Round, Unit

JOIN = 3  # changes separated by fewer unchanged characters than this are one change

REPLACE, INSERT, DELETE, MOVE = "replace", "insert", "delete", "move"


@dataclass(frozen=True)
class Change:
    unit: str
    kind: str  # replace, insert, delete, move
    old: tuple[int, int]  # range in the old unit's text (empty for an insertion: where)
    new: tuple[int, int]  # range in the new unit's text (empty for a deletion: where)
    old_text: str
    new_text: str
    old_line: Line | None  # the line of the change's start in each round (None: no such unit)
    new_line: Line | None


@dataclass
class LineMarks:
    """What the proof draws on one line of the new round."""

    tint: list[tuple[int, int]] = field(default_factory=list)  # changed characters (in line)
    carets: list[tuple[int, str]] = field(default_factory=list)  # deletion point, deleted text
    replaced: list[tuple[int, str]] = field(default_factory=list)  # start of a change, old text
    moved: str = ""  # part of a moved paragraph: where it was (page·column·line)
    reflow: bool = False  # text unchanged, breaks new


@dataclass(frozen=True)
class Summary:
    """Per unit: lines gained or lost, and where its pages were and are."""

    unit: str
    title: str
    old_lines: int
    new_lines: int
    old_pages: str  # 04-05; "" when the unit is new
    new_pages: str
    changes: int
    reflowed: int

    @property
    def pages_moved(self) -> bool:
        return bool(self.old_pages and self.new_pages and self.old_pages != self.new_pages)


@dataclass
class Comparison:
    old_round: int
    changes: list[Change] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)
    marks: dict[str, dict[int, LineMarks]] = field(default_factory=dict)  # unit -> line index

    @property
    def reflowed(self) -> int:
        return sum(m.reflow for unit in self.marks.values() for m in unit.values())


def compare(old: Round, new: Round) -> Comparison:
    result = Comparison(old.number)
    for unit_id, unit in new.units.items():
        _compare_unit(result, old.units.get(unit_id), unit)
    for unit_id, unit in old.units.items():
        if unit_id not in new.units:
            _compare_unit(result, unit, None)
    return result


# -- one unit -------------------------------------------------------------------------------


@dataclass
class _Side:
    """A unit's text in one round, with its lines' starts and paragraphs."""

    unit: Unit | None
    text: str = ""
    starts: list[int] = field(default_factory=list)
    paras: list[tuple[str, int]] = field(default_factory=list)  # (text, start) in order

    @classmethod
    def of(cls, unit: Unit | None) -> _Side:
        side = cls(unit)
        if unit is None:
            return side
        side.text = unit.text
        side.starts = unit.starts()
        current, begin, chunks = None, 0, []
        for line, start in zip(unit.lines, side.starts, strict=True):
            if line.para != current:
                if chunks:
                    side.paras.append(("".join(chunks), begin))
                current, begin, chunks = line.para, start, []
            chunks.append(line.text)
        if chunks:
            side.paras.append(("".join(chunks), begin))
        return side

    def line_at(self, offset: int) -> int:
        """Index of the line holding character `offset` (the last line for the end)."""
        if not self.starts:
            return -1
        return max(0, bisect_right(self.starts, offset) - 1)

    def line(self, offset: int) -> Line | None:
        index = self.line_at(offset)
        return self.unit.lines[index] if self.unit is not None and index >= 0 else None


def _compare_unit(result: Comparison, old_unit: Unit | None, new_unit: Unit | None) -> None:
    old, new = _Side.of(old_unit), _Side.of(new_unit)
    unit = (new_unit or old_unit).id  # type: ignore[union-attr]
    new_to_old = [-1] * len(new.text)
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []  # kind, old, new
    moved: list[tuple[int, int, int]] = []  # new start, new end, old start
    a = [text for text, _ in old.paras]
    b = [text for text, _ in new.paras]
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # a paragraph gone from one place and found unchanged in another has moved
    gone: dict[str, list[int]] = {}
    for tag, i1, i2, _, _ in opcodes:
        if tag != "equal":
            for i in range(i1, i2):
                gone.setdefault(a[i], []).append(i)
    moved_old: set[int] = set()
    moved_new: set[int] = set()
    for tag, _, _, j1, j2 in opcodes:
        for j in range(j1, j2) if tag != "equal" else ():
            if b[j] and gone.get(b[j]):
                i = gone[b[j]].pop(0)
                moved_old.add(i)
                moved_new.add(j)
                o, n, size = old.paras[i][1], new.paras[j][1], len(b[j])
                _align(new_to_old, o, n, size)
                spans.append((MOVE, (o, o + size), (n, n + size)))
                moved.append((n, n + size, o))
    # unchanged paragraphs that occur once on each side anchor the comparison; between two
    # anchors the text is compared character by character (so that of several equal
    # paragraphs, the one edited is found, not another one deleted and a new one inserted)
    once_a, once_b = _once(a), _once(b)
    anchors = [
        (i1 + k, j1 + k)
        for tag, i1, i2, j1, _ in opcodes
        if tag == "equal"
        for k in range(i2 - i1)
        if a[i1 + k] in once_a and b[j1 + k] in once_b
    ]
    previous = (-1, -1)
    for i, j in [*anchors, (len(a), len(b))]:
        olds = [k for k in range(previous[0] + 1, i) if k not in moved_old]
        news = [k for k in range(previous[1] + 1, j) if k not in moved_new]
        if olds or news:
            spans += _char_changes(old, new, olds, news, i, j, new_to_old)
        if i < len(a):
            _align(new_to_old, old.paras[i][1], new.paras[j][1], len(a[i]))
        previous = (i, j)
    spans.sort(key=lambda s: (s[2], s[1]))
    changes = [
        Change(
            unit,
            kind,
            o,
            n,
            old.text[o[0] : o[1]],
            new.text[n[0] : n[1]],
            old.line(o[0]),
            new.line(n[0]),
        )
        for kind, o, n in spans
    ]
    result.changes += changes
    marks = _marks(old, new, changes, moved, new_to_old)
    result.marks[unit] = marks
    result.summaries.append(
        Summary(
            unit,
            (new_unit or old_unit).title,  # type: ignore[union-attr]
            len(old_unit.lines) if old_unit else 0,
            len(new_unit.lines) if new_unit else 0,
            _pages(old_unit),
            _pages(new_unit),
            len(changes),
            sum(m.reflow for m in marks.values()),
        )
    )


def _once(texts: list[str]) -> set[str]:
    seen: dict[str, int] = {}
    for text in texts:
        seen[text] = seen.get(text, 0) + 1
    return {text for text, count in seen.items() if count == 1}


def _align(new_to_old: list[int], old: int, new: int, size: int) -> None:
    new_to_old[new : new + size] = range(old, old + size)


def _char_changes(
    old: _Side,
    new: _Side,
    olds: list[int],
    news: list[int],
    i1: int,
    j1: int,
    new_to_old: list[int],
) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """The changes within a block of paragraphs that did not match whole."""
    a, amap = _concat(old, olds, i1)
    b, bmap = _concat(new, news, j1)
    if not a and not b:
        return []
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for tag, x1, x2, y1, _ in opcodes:
        if tag == "equal":
            for k in range(x2 - x1):
                new_to_old[bmap[y1 + k]] = amap[x1 + k]
    out = []
    for x1, x2, y1, y2 in _joined(opcodes):
        kind = REPLACE if x2 > x1 and y2 > y1 else DELETE if x2 > x1 else INSERT
        out.append((kind, _range(amap, x1, x2), _range(bmap, y1, y2)))
    return out


def _concat(side: _Side, paras: list[int], anchor: int) -> tuple[str, list[int]]:
    """The paragraphs' texts one after another, the unit offset of each character, and after
    the last one where the block ends (for an insertion or deletion point)."""
    text, offsets = [], []
    for i in paras:
        para, start = side.paras[i]
        text.append(para)
        offsets += range(start, start + len(para))
    if paras:
        para, start = side.paras[paras[-1]]
        end = start + len(para)
    else:
        end = side.paras[anchor][1] if anchor < len(side.paras) else len(side.text)
    offsets.append(end)
    return "".join(text), offsets


def _range(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    if end > start:
        return offsets[start], offsets[end - 1] + 1
    return offsets[start], offsets[start]


def _joined(opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Non-equal opcodes, those separated by fewer than JOIN equal characters merged."""
    out: list[list[int]] = []
    for tag, x1, x2, y1, y2 in opcodes:
        if tag == "equal":
            continue
        if out and x1 - out[-1][1] < JOIN and y1 - out[-1][3] < JOIN:
            out[-1][1], out[-1][3] = x2, y2
        else:
            out.append([x1, x2, y1, y2])
    return [(x1, x2, y1, y2) for x1, x2, y1, y2 in out]


def _pages(unit: Unit | None) -> str:
    if unit is None or not unit.lines:
        return ""
    pages = sorted({(line.page, line.label) for line in unit.lines})
    first, last = pages[0][1], pages[-1][1]
    return first if first == last else f"{first}-{last}"


# -- marks on the new round ------------------------------------------------------------------


def _marks(
    old: _Side,
    new: _Side,
    changes: list[Change],
    moved: list[tuple[int, int, int]],
    new_to_old: list[int],
) -> dict[int, LineMarks]:
    marks: dict[int, LineMarks] = {}
    if new.unit is None:
        return marks

    def at(index: int) -> LineMarks:
        return marks.setdefault(index, LineMarks())

    for change in changes:
        start, end = change.new
        if change.kind == MOVE:
            continue
        if end > start:
            for index in range(new.line_at(start), new.line_at(end - 1) + 1):
                first = new.starts[index]
                size = len(new.unit.lines[index].text)
                lo, hi = max(start, first) - first, min(end, first + size) - first
                if hi > lo:
                    at(index).tint.append((lo, hi))
            if change.kind == REPLACE:
                index = new.line_at(start)
                at(index).replaced.append((start - new.starts[index], change.old_text))
        else:
            index = new.line_at(start)
            at(index).carets.append((start - new.starts[index], change.old_text))
    for start, end, old_start in moved:
        where = old.line(old_start)
        for index in range(new.line_at(start), new.line_at(end - 1) + 1):
            at(index).moved = where.where() if where else "?"
    old_lines = {
        start: len(line.text)
        for start, line in zip(old.starts, old.unit.lines if old.unit else [], strict=True)
    }
    for index, (line, start) in enumerate(zip(new.unit.lines, new.starts, strict=True)):
        existing = marks.get(index)
        if existing is not None and (existing.tint or existing.carets or existing.moved):
            continue
        size = len(line.text)
        if not size:
            continue
        first = new_to_old[start]
        same = (
            first >= 0
            and old_lines.get(first) == size
            and new_to_old[start + size - 1] == first + size - 1
        )
        if not same and first >= 0:
            at(index).reflow = True
    return marks
