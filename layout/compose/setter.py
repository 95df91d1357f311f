"""Set text into lines and slabs: the bridge from the line composer to positioned glyphs."""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import itemgetter

from layout.compose.frame import baseline_offset
from layout.compose.memo import CompositionMemo
from layout.compose.slab import Slab
from layout.render.model import BLACK, Cmyk, GlyphRun
from layout.style.sheet import Style, TextStyle
from layout.text.compose import compose_paragraph
from layout.text.metrics import Metrics
from layout.text.model import ComposedParagraph, Line, ParagraphSpec, Run

_FONT, _SCALE = itemgetter(3), itemgetter(4)  # of a PlacedGlyph

# The composer justifies or balances; horizontal placement of ragged lines is ours.
_COMPOSER_ALIGN = {
    "justify": "justify",
    "left": "ragged",
    "ragged": "ragged",
    "center": "center",
    "right": "right",
}


class Setter:
    """Composes text in a style and turns lines into glyph runs."""

    def __init__(self, style: Style, metrics: Metrics, memo: CompositionMemo | None = None) -> None:
        self.style = style
        self.metrics = metrics
        self.memo = memo
        self.pitch = style.grid.pitch
        # compositions made by this setter: contents entries and running heads recur on every
        # pass (and `layout watch` keeps the setter while the style stays the same)
        self._seen: dict[ParagraphSpec, tuple[Line, ...]] = {}
        # display pieces that are a function of their key alone (contents entries, running
        # heads), for callers that set the same one again; never changed once made
        self.kept: dict[tuple, object] = {}

    @property
    def held(self) -> int:
        """How many compositions and slabs it keeps."""
        return len(self._seen) + len(self.kept)

    def text_style(self, name: str) -> TextStyle:
        return self.style.text[name]

    def compose(
        self,
        runs: Sequence[Run],
        ts: TextStyle,
        width: float,
        *,
        indent: float | None = None,
        align: str | None = None,
    ) -> list[Line]:
        """Lines of `runs` set in `ts` on a measure of `width` pt."""
        spec = ParagraphSpec(
            runs=tuple(runs),
            measure=width / ts.size,
            indent=ts.indent if indent is None else indent,
            align=_COMPOSER_ALIGN[align or ts.align],
            trim_open_at_line_start=ts.trim_opening,
        )
        lines = self._seen.get(spec)
        if lines is None:
            lines = self._seen[spec] = self._compose(spec).lines
        return list(lines)

    def _compose(self, spec: ParagraphSpec) -> ComposedParagraph:
        if self.memo is None:
            return compose_paragraph(spec, self.metrics)
        key, composed = self.memo.get(spec)
        if composed is None:
            composed = compose_paragraph(spec, self.metrics)
            self.memo.put(key, composed)
        return composed

    def runs_for_line(
        self,
        line: Line,
        ts: TextStyle,
        width: float,
        baseline: float,
        *,
        align: str | None = None,
        tag: str = "",
    ) -> list[GlyphRun]:
        """Glyph runs of one line, x from the left of a measure `width` pt wide."""
        if not line.glyphs:
            return []
        size = ts.size
        dx = 0.0
        align = align or ts.align
        if align in ("center", "right"):
            left = min(g.x for g in line.glyphs)
            right = max(g.x + g.width for g in line.glyphs)
            free = width - (right - left) * size
            dx = (free / 2 if align == "center" else free) - left * size
        return line_runs(line, size, dx, baseline, self.style.color(ts.color), tag)

    def block(
        self,
        paragraphs: Sequence[Sequence[Run]],
        ts: TextStyle,
        width: float,
        *,
        kind: str = "",
        min_rows: int = 0,
    ) -> Slab:
        """A multi-line display block (title, kicker, caption) centred vertically in whole rows.

        Each entry of `paragraphs` is one display line of the source; it may wrap.
        """
        lines = [line for runs in paragraphs for line in self.compose(runs, ts, width)]
        pitch = ts.pitch or self.pitch
        height = (len(lines) - 1) * pitch + ts.size if lines else 0.0
        rows = max(min_rows, math.ceil((height + 0.15 * ts.size) / self.pitch - 1e-6))
        rows += ts.space_before + ts.space_after
        area_top = ts.space_before * self.pitch
        area = (rows - ts.space_before - ts.space_after) * self.pitch
        # centre the ink block (em boxes) in the rows it owns
        top = area_top + (area - self.pitch + self.style.grid.body_size - height) / 2
        slab = Slab(rows=rows, kind=kind)
        for i, line in enumerate(lines):
            baseline = top + i * pitch + baseline_offset(ts.size)
            slab.items += self.runs_for_line(line, ts, width, baseline)
        return slab

    def line(
        self, text: str, ts: TextStyle, *, font: str | None = None
    ) -> tuple[list[GlyphRun], float]:
        """One unbroken line of `text` at x = 0, baseline 0, and its width in pt."""
        runs = [Run(text, font or ts.font)]
        lines = self.compose(runs, ts, 10_000.0, indent=0, align="left")
        if not lines:
            return [], 0.0
        line = lines[0]
        width = max(g.x + g.width for g in line.glyphs) * ts.size if line.glyphs else 0.0
        return self.runs_for_line(line, ts, width, 0.0, align="left"), width


def line_runs(
    line: Line, size: float, dx: float, baseline: float, color: Cmyk = BLACK, tag: str = ""
) -> list[GlyphRun]:
    """The line's glyphs at `size` pt as glyph runs, one per stretch of one font and scale;
    x is dx + the glyph's drawing origin in pt."""
    glyphs = line.glyphs
    if not glyphs:
        return []
    first, count = glyphs[0], len(glyphs)
    if (
        list(map(_FONT, glyphs)).count(first.font) == count
        and list(map(_SCALE, glyphs)).count(first.scale) == count
    ):  # one font and size (most lines): one run, its pairs made in one comprehension
        pairs = tuple([(text, dx + (x - offset) * size) for text, x, _, _, _, offset in glyphs])
        return [GlyphRun(first.font, size * first.scale, baseline, pairs, color, tag)]
    runs: list[GlyphRun] = []
    current: list[tuple[str, float]] = []
    key: tuple[str, float] | None = None
    for g in glyphs:
        if key != (g.font, g.scale):
            if current and key:
                runs.append(GlyphRun(key[0], size * key[1], baseline, tuple(current), color, tag))
            current, key = [], (g.font, g.scale)
        current.append((g.text, dx + (g.x - g.offset) * size))
    if current and key:
        runs.append(GlyphRun(key[0], size * key[1], baseline, tuple(current), color, tag))
    return runs
