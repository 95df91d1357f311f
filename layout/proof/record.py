"""A proof round's record: every unit's printed text, line by line, with where each line is.

A unit is an article (its story's slabs, in the order the flow placed them) or a page set
outside the flow (封一, 封二, 封三: covers and colophon). Generated text (contents, running
heads, folios) is not recorded: it follows from the units. Whitespace is left out: it is
layout, not text.

A line's characters are grouped by paragraph (the source block a slab comes from): a unit's
text is its paragraphs' texts one after another, and a line is a stretch of one paragraph.
Stored rounds (proofs/round-N/texts.json) hold the lines only; the glyph positions of the
current round are kept in memory for the marks.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from layout.atomic import write_output
from layout.compose.accounting import Printed
from layout.compose.document import CONTENTS
from layout.compose.flow import BodyPage, Placed
from layout.errors import LayoutError, Location
from layout.manifest import Issue
from layout.render.model import GlyphRun, ProofLine
from layout.text.metrics import Metrics

FORMAT = 1  # texts.json layout version
ROUND_DIR = "round-{}"
TEXTS = "texts.json"


@dataclass(frozen=True)
class Line:
    """One printed line of a unit, as stored: where it is and what it says."""

    page: int  # index of the page in the document (print PDF order)
    label: str  # the page's folio or name (04, 封三); stored once per page, in "labels"
    column: int  # 1-based; 0 for pages off the grid (covers, colophon)
    number: int  # the grid row in its column (the proof's line number); on pages off the grid,
    # the line's rank from the top of the page
    para: int  # paragraph number within the unit
    text: str

    def where(self) -> str:
        """page·column·line as the change list prints it: 04·2·17, 封三·12."""
        if self.column:
            return f"{self.label}·{self.column}·{self.number}"
        return f"{self.label}·{self.number}"


class Geometry:
    """Where a current-round line's characters are drawn (trim coordinates, pt). The extents
    of the characters are worked out only for the lines that get marks."""

    def __init__(self, runs: list[GlyphRun], dx: float, dy: float, metrics: Metrics) -> None:
        self.runs, self.dx, self.dy, self.metrics = runs, dx, dy, metrics
        self.size = max(run.size for run in runs)
        self.baseline = max(run.baseline for run in runs) + dy
        self._extents: tuple[list[float], list[float]] | None = None

    @property
    def x0(self) -> list[float]:
        """Left edge of each (non-space) character."""
        return self.extents()[0]

    @property
    def x1(self) -> list[float]:
        return self.extents()[1]

    def extents(self) -> tuple[list[float], list[float]]:
        if self._extents is None:
            left: list[float] = []
            right: list[float] = []
            for run in self.runs:
                glyphs = run.glyphs
                shift = run.x + self.dx
                for k, (chars, x) in enumerate(glyphs):
                    start = x + shift
                    if k + 1 < len(glyphs):
                        end = glyphs[k + 1][1] + shift
                    else:
                        advance = sum(self.metrics.advance(run.font, c) for c in chars)
                        end = start + advance * run.size
                    step = (end - start) / len(chars)
                    for j, char in enumerate(chars):
                        if not char.isspace():
                            left.append(start + j * step)
                            right.append(start + (j + 1) * step)
            self._extents = (left, right)
        return self._extents


@dataclass
class Unit:
    id: str
    title: str
    lines: list[Line] = field(default_factory=list)
    geometry: list[Geometry] = field(default_factory=list)  # current round only
    paras: dict[Location, int] = field(default_factory=dict)  # source block -> paragraph
    count: int = 0  # paragraphs so far (while building)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    def starts(self) -> list[int]:
        """Offset in `text` of each line's first character."""
        out, at = [], 0
        for line in self.lines:
            out.append(at)
            at += len(line.text)
        return out


@dataclass
class Round:
    number: int
    final: bool  # 核红
    date: str
    units: dict[str, Unit]
    labels: list[str]  # page labels of the document

    def to_json(self) -> str:
        """Plain JSON, one line of text per printed line (readable, and diffable with git)."""
        parts = [
            "{",
            f'"format": {FORMAT}, "round": {self.number}, "final": {json.dumps(self.final)}, '
            f'"date": {json.dumps(self.date)},',
            f'"labels": {json.dumps(self.labels, ensure_ascii=False)},',
            '"units": [',
        ]
        units = []
        for unit in self.units.values():
            head = json.dumps({"id": unit.id, "title": unit.title}, ensure_ascii=False)[:-1]
            rows = ",\n".join(
                "  "
                + json.dumps(
                    [ln.page, ln.column, ln.number, ln.para, ln.text],
                    ensure_ascii=False,
                )
                for ln in unit.lines
            )
            units.append(f'{head}, "lines": [\n{rows}\n]}}')
        parts.append(",\n".join(units))
        parts.append("]}")
        return "\n".join(parts) + "\n"


def round_dir(proofs: Path, number: int) -> Path:
    return proofs / ROUND_DIR.format(number)


def stored_rounds(proofs: Path) -> list[int]:
    """The round numbers stored under `proofs` (round-1, round-2, ...), ascending."""
    if not proofs.is_dir():
        return []
    found = []
    for entry in proofs.iterdir():
        name = entry.name
        if name.startswith("round-") and name[6:].isdigit() and (entry / TEXTS).is_file():
            found.append(int(name[6:]))
    return sorted(found)


def save_round(proofs: Path, record: Round) -> Path:
    path = round_dir(proofs, record.number) / TEXTS
    write_output(path, record.to_json().encode("utf-8"), "the proof round's record")
    return path


def load_round(proofs: Path, number: int) -> Round:
    """A stored round; a damaged file is the user's to fix (or delete), so it is an error."""
    path = round_dir(proofs, number) / TEXTS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        labels = [str(label) for label in data["labels"]]
        units: dict[str, Unit] = {}
        for entry in data["units"]:
            unit = Unit(str(entry["id"]), str(entry["title"]))
            for page, column, line, para, text in entry["lines"]:
                where = int(page)
                label = labels[where]
                unit.lines.append(Line(where, label, int(column), int(line), int(para), str(text)))
            units[unit.id] = unit
        return Round(int(data["round"]), bool(data["final"]), str(data["date"]), units, labels)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, IndexError) as error:
        raise LayoutError(
            f"cannot read the record of proof round {number}: {error}",
            Location(path),
            f"make round {number} again with --round {number}, or delete {path.parent}",
        ) from None


# -- building the current round ---------------------------------------------------------------


def build_round(
    number: int, final: bool, date: str, issue: Issue, printed: Printed, metrics: Metrics
) -> Round:
    pages = printed.document.pages
    index = {id(source): i for i, source in enumerate(printed.sources) if source is not None}
    # each flowed page's body lines by position, worked out once (a page holds many slabs)
    numbers = {id(s): _numbers(s) for s in printed.sources if s is not None}
    titles = {e.id: " ".join(t.text for t in e.content.title) or e.id for e in issue.articles}
    units: dict[str, Unit] = {}
    covered: set[int] = set()
    for placement in printed.placements:
        if placement.article == CONTENTS:
            continue
        unit = units.setdefault(
            placement.article, Unit(placement.article, titles.get(placement.article, ""))
        )
        for placed in placement.placed:
            page = index[id(placed.page)]
            covered.add(page)
            runs = [item for item in placed.slab.items if isinstance(item, GlyphRun)]
            where = (page, pages[page].label, numbers[id(placed.page)])
            _add_slab(unit, placed, where, runs, metrics)
    for i, (page, source) in enumerate(zip(pages, printed.sources, strict=True)):
        if source is None and i not in covered:
            runs = [item for item in page.items if isinstance(item, GlyphRun)]
            if runs:
                units[page.label] = _page_unit(page.label, i, runs, metrics)
    for unit in units.values():
        _order(unit)
    return Round(number, final, date, units, [page.label for page in pages])


def _add_slab(
    unit: Unit,
    placed: Placed,
    where: tuple[int, str, dict[tuple[float, float], ProofLine]],
    runs: list[GlyphRun],
    metrics: Metrics,
) -> None:
    """The slab's lines (runs grouped by baseline), in the unit, at their grid position."""
    slab, body, dx, dy = placed.slab, placed.page, placed.x, placed.y
    page, label, numbers = where
    para = _para(unit, slab.location)
    for baseline, group in _by_baseline(runs):
        proof = numbers.get((round(dx, 2), round(dy, 2))) if slab.body_line else None
        if proof is not None:
            column, number = proof.column + 1, proof.number
        else:
            column = _column(body, dx + min(r.x + r.glyphs[0][1] for r in group)) + 1
            number = math.floor((baseline + dy - body.frame.top) / body.frame.grid.pitch) + 1
        text, geometry = _chars(group, dx, dy, metrics)
        if text:
            unit.lines.append(Line(page, label, column, number, para, text))
            unit.geometry.append(geometry)


def _numbers(body: BodyPage) -> dict[tuple[float, float], ProofLine]:
    """The page's body lines by the top-left corner of their slab."""
    return {(round(p.x, 2), round(p.baseline, 2)): p for p in body.proof_lines}


def _para(unit: Unit, key: Location | None) -> int:
    """Slabs of one source block are one paragraph; a slab without a source is its own."""
    if key is not None and key in unit.paras:
        return unit.paras[key]
    unit.count += 1
    if key is not None:
        unit.paras[key] = unit.count
    return unit.count


def _column(body: BodyPage, x: float) -> int:
    column = 0
    for c in range(body.columns):
        if body.frame.column_left(c) <= x + 0.01:
            column = c
    return column


def _page_unit(label: str, page: int, runs: list[GlyphRun], metrics: Metrics) -> Unit:
    """A page off the grid: each baseline a line, each line its own paragraph."""
    unit = Unit(label, label)
    for rank, (_, group) in enumerate(_by_baseline(runs), start=1):
        text, geometry = _chars(group, 0.0, 0.0, metrics)
        if text:
            unit.lines.append(Line(page, label, 0, rank, rank, text))
            unit.geometry.append(geometry)
    return unit


def _by_baseline(runs: Iterable[GlyphRun]) -> list[tuple[float, list[GlyphRun]]]:
    groups: dict[float, list[GlyphRun]] = {}
    for run in runs:
        if run.glyphs:
            groups.setdefault(round(run.baseline, 1), []).append(run)
    return sorted(groups.items())


def _chars(runs: list[GlyphRun], dx: float, dy: float, metrics: Metrics) -> tuple[str, Geometry]:
    """The line's characters left to right (whitespace dropped) and where they are."""
    if len(runs) > 1:
        runs = sorted(runs, key=lambda run: run.x + run.glyphs[0][1])
    text = "".join(chars for run in runs for chars, _ in run.glyphs)
    if not text.isprintable() or " " in text or "\u3000" in text:
        text = "".join(text.split())
    return text, Geometry(runs, dx, dy, metrics)


def _order(unit: Unit) -> None:
    """Lines grouped by paragraph (in the order paragraphs first appear), placed order within:
    a float set between two parts of a paragraph does not cut its text in two."""
    first: dict[int, int] = {}
    for k, line in enumerate(unit.lines):
        first.setdefault(line.para, k)
    order = sorted(range(len(unit.lines)), key=lambda k: (first[unit.lines[k].para], k))
    unit.lines = [unit.lines[k] for k in order]
    unit.geometry = [unit.geometry[k] for k in order]
    # renumber paragraphs 1, 2, ... in text order: stored rounds compare cleanly
    renumber: dict[int, int] = {}
    for line in unit.lines:
        renumber.setdefault(line.para, len(renumber) + 1)
    unit.lines = [
        Line(ln.page, ln.label, ln.column, ln.number, renumber[ln.para], ln.text)
        for ln in unit.lines
    ]
    unit.paras = {s: renumber[p] for s, p in unit.paras.items() if p in renumber}
