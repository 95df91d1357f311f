"""Typographic figures of the positioned pages, measured the way an independent checker of the
PDF (cjk_pdf_qa.py) measures them, but from our own page model: body lines, the share of
non-final lines that reach the column edge, line-start and line-end prohibitions (kinsoku)
broken, lines holding a single character, lines running past their column.

The body text is the glyphs of the most used size. A line is the glyphs on one baseline of a
page placed together in one column; a column is the lines that start
at the same x. A glyph's advance is taken as one em, half an em for a closing mark.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from layout.render.model import Document, GlyphRun

CLOSE = set("、。，．：；？！）］｝〕〉》」』】’”%,.;:?!)]}")
OPEN = set("（［｛〔〈《「『【‘“([{")
HALF_CLOSE = set("、。，．：；）］｝〕〉》」』】’”")


@dataclass(frozen=True)
class Figures:
    pages: int
    body_size: float
    body_lines: int
    nonfinal_lines: int
    justified_lines: int
    line_start_breaks: int  # a line starting with a closing mark
    line_end_breaks: int  # a line ending with an opening mark
    one_char_lines: int
    overfull_lines: int
    examples: tuple[str, ...]  # a few of the prohibitions broken, with their pages

    @property
    def justified_share(self) -> float | None:
        return self.justified_lines / self.nonfinal_lines if self.nonfinal_lines else None


Glyph = tuple[str, float]  # character, x


def measure(document: Document) -> Figures:
    size = _body_size(document)
    em = size or 10.0
    counts = Counter()
    examples: list[str] = []
    for page in document.pages:
        lines = _lines(page.items, size, em)
        for column in _columns(lines, em):
            _measure_column(column, em, page.label, counts, examples)
    return Figures(
        pages=len(document.pages),
        body_size=size,
        body_lines=counts["lines"],
        nonfinal_lines=counts["nonfinal"],
        justified_lines=counts["flush"],
        line_start_breaks=counts["start"],
        line_end_breaks=counts["end"],
        one_char_lines=counts["lone"],
        overfull_lines=counts["overfull"],
        examples=tuple(examples[:6]),
    )


def _body_size(document: Document) -> float:
    sizes: Counter[float] = Counter()
    for page in document.pages:
        for item in page.items:
            if isinstance(item, GlyphRun):
                sizes[round(item.size, 2)] += len(item.glyphs)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _lines(items, size: float, em: float) -> list[tuple[float, list[Glyph]]]:
    """(baseline, glyphs left to right) of each body line on the page: the runs on one
    baseline placed at the same x (a line is placed in its column by moving its runs)."""
    rows: dict[tuple[float, float], list[Glyph]] = {}
    for item in items:
        if isinstance(item, GlyphRun) and abs(item.size - size) <= 0.15:
            row = rows.setdefault((round(item.baseline, 1), round(item.x, 1)), [])
            row.extend((text, x) for text, x in item.positions() if text.strip())
    out = []
    for (baseline, _), glyphs in sorted(rows.items()):
        if glyphs:
            glyphs.sort(key=lambda g: g[1])
            out.append((baseline, glyphs))
    return out


def _columns(lines, em: float) -> list[list[tuple[float, list[Glyph]]]]:
    """Lines grouped by where they start (an indented first line joins its column)."""
    columns: list[list[tuple[float, list[Glyph]]]] = []
    lefts: list[float] = []
    for line in sorted(lines, key=lambda line: line[1][0][1]):
        x = line[1][0][1]
        for index, left in enumerate(lefts):
            if -0.5 <= x - left <= 2.5 * em:
                columns[index].append(line)
                break
        else:
            lefts.append(x)
            columns.append([line])
    return [sorted(column, key=lambda line: line[0]) for column in columns if len(column) >= 3]


def _end(glyph: Glyph, em: float) -> float:
    half = glyph[0] in HALF_CLOSE or glyph[0].isascii()  # Latin: about half an em
    return glyph[1] + (0.5 * em if half else em)


def _measure_column(column, em: float, label: str, counts: Counter, examples: list[str]) -> None:
    left = min(line[1][0][1] for line in column)
    ends = [_end(line[1][-1], em) for line in column]
    common, seen = Counter(round(e) for e in ends).most_common(1)[0]
    right = max((e for e in ends if abs(e - common) <= 1.0), default=max(ends))
    if seen < 3:
        right = sorted(ends)[int(0.9 * (len(ends) - 1))]
    pitch = _pitch([line[0] for line in column])
    for index, (baseline, glyphs) in enumerate(column):
        counts["lines"] += 1
        first, last = glyphs[0][0], glyphs[-1][0]
        text = "".join(g[0] for g in glyphs)
        if first in CLOSE:
            counts["start"] += 1
            examples.append(f"page {label}: line starts “{text[:6]}”")
        if last in OPEN:
            counts["end"] += 1
            examples.append(f"page {label}: line ends “{text[-6:]}”")
        if glyphs[0][1] - left < 0.5 * em and sum(g[0] not in CLOSE | OPEN for g in glyphs) == 1:
            counts["lone"] += 1
        end = _end(glyphs[-1], em)
        if end > right + 0.6:
            counts["overfull"] += 1
        following = column[index + 1] if index + 1 < len(column) else None
        if (
            following is not None
            and pitch
            and abs(following[0] - baseline - pitch) < 0.5
            and following[1][0][1] - left < 0.5 * em
            and right - end <= 2 * em  # a wider gap is a deliberate break, not justification
        ):
            counts["nonfinal"] += 1
            # a closing mark or a Latin letter, whose advance we do not know, is flush when
            # it starts in the last em of the measure
            unknown = last in CLOSE or last.isascii()
            if abs(right - end) <= 0.6 or (unknown and glyphs[-1][1] >= right - em - 0.6):
                counts["flush"] += 1


def _pitch(baselines: list[float]) -> float:
    gaps = sorted(b - a for a, b in zip(baselines, baselines[1:], strict=False) if b - a > 0.3)
    return gaps[len(gaps) // 2] if gaps else 0.0
