"""The proof sheet's decorations, drawn around and on the print PDF's own pages.

Under the page's items: a light diagonal watermark (第N校样) and the tint behind inserted or
replaced characters. Over them: a header outside the trim (magazine, issue, round, build time,
page), the line numbers of every body line beside its column, a red underline on changed
characters, a caret where text was deleted, a quiet blue underline on re-flowed lines (words
unchanged, breaks new), a bar beside moved paragraphs, and notes in the right-hand margin of the
sheet. Every string drawn is told to the fonts in pass 1 (`collect`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from layout.render.model import Cmyk, GlyphRun, Page, ProofLine
from layout.render.pdf.content import Content, n
from layout.render.pdf.fonts import EmbeddedFonts
from layout.render.pdf.geometry import PageGeometry
from layout.render.pdf.objects import Name, serialize
from layout.render.pdf.text import draw_glyph_run

ROLE = "sans"
MARGIN = 64.0  # pt of paper beyond the bleed, all round: header, notes
HEADER_SIZE = 8.0
NUMBER_SIZE = 5.0
NOTE_SIZE = 6.0
NOTE_PITCH = 7.5
NOTE_LINES = 4  # a longer note is cut with …
WATERMARK_SIZE = 96.0
IDEO_ASCENT = 0.88  # em above the baseline of the ideographic em box (see compose/frame.py)

GREY: Cmyk = (0.0, 0.0, 0.0, 0.55)
DARK: Cmyk = (0.0, 0.0, 0.0, 0.85)
WATERMARK: Cmyk = (0.0, 0.0, 0.0, 0.07)
TINT: Cmyk = (0.0, 0.28, 0.22, 0.0)  # behind changed characters: light enough to read through
RED: Cmyk = (0.0, 1.0, 1.0, 0.0)
BLUE: Cmyk = (0.55, 0.15, 0.0, 0.0)  # re-flow and moves: quieter than the red of changes
ORANGE: Cmyk = (0.0, 0.55, 1.0, 0.0)  # check's warnings

CHANGE, MOVE, WARNING = "change", "move", "warning"
NOTE_COLORS = {CHANGE: RED, MOVE: BLUE, WARNING: ORANGE}


@dataclass(frozen=True)
class Span:
    """Characters on one line: from x0 to x1 (trim coordinates), on `baseline`, of `size`."""

    x0: float
    x1: float
    baseline: float
    size: float


@dataclass(frozen=True)
class Note:
    y: float  # trim coordinates: the top of the line it belongs to
    text: str
    kind: str = CHANGE


@dataclass
class PageMarks:
    tints: list[Span] = field(default_factory=list)  # inserted or replaced characters
    carets: list[Span] = field(default_factory=list)  # deletion points (x0 == x1)
    reflowed: list[Span] = field(default_factory=list)
    moved: list[Span] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Header:
    """What the header outside the trim says on every page."""

    magazine: str
    issue: str  # 2024年第3期（总第N期）
    round: str  # 第2校, 核红
    stamp: str  # build date and time


@dataclass
class _Prepared:
    """A page's strings, laid out in pass 1 (advances known, notes wrapped)."""

    header: list[tuple[str, float]]
    label: list[tuple[str, float]]
    numbers: list[tuple[ProofLine, list[tuple[str, float]]]]
    notes: list[tuple[float, str, list[list[tuple[str, float]]]]]  # (y, kind, lines)


class ProofDecorations:
    """`layout.render.pdf.document.Decorations` for proofs."""

    margin = MARGIN

    def __init__(
        self,
        header: Header,
        watermark: str,
        body_size: float,
        marks: dict[int, PageMarks] | None = None,  # by id() of the page
        numbered: bool = True,
    ) -> None:
        self.header = header
        self.watermark = watermark
        self.body_size = body_size
        self.marks = marks or {}
        self.numbered = numbered
        self._prepared: dict[int, _Prepared] = {}
        self._watermark: list[tuple[str, float]] = []

    # --- pass 1 ---------------------------------------------------------------------------

    def collect(self, page: Page, fonts: EmbeddedFonts) -> None:
        face = fonts.registry.face(ROLE)

        def printable(text: str) -> str:
            return "".join(c if face.glyph(c) is not None else "?" for c in text)

        def setting(text: str, size: float, x: float = 0.0) -> list[tuple[str, float]]:
            out = []
            for char in text:
                out.append((char, x))
                x += fonts.advance(ROLE, char) * size
            return out

        if not self._watermark:
            self._watermark = setting(printable(self.watermark), WATERMARK_SIZE)
            fonts.collect(ROLE, self.watermark)
        h = self.header
        header = printable(f"{h.magazine}  {h.issue}  {h.round}  {h.stamp}")
        label = printable(f"{h.round} · {page.label}" if page.label else h.round)
        numbers = [
            (line, setting(str(line.number), NUMBER_SIZE))
            for line in (page.proof_lines if self.numbered else [])
        ]
        marks = self.marks.get(id(page))
        notes = []
        width = MARGIN - 10.0
        for note in sorted(marks.notes if marks else [], key=lambda note: note.y):
            text = printable(note.text)
            notes.append((note.y, note.kind, _wrap(text, width, setting)))
            fonts.collect(ROLE, text + "…")
        self._prepared[id(page)] = _Prepared(
            setting(header, HEADER_SIZE), setting(label, HEADER_SIZE), numbers, notes
        )
        fonts.collect(ROLE, header + label + "0123456789")

    # --- pass 2 ---------------------------------------------------------------------------

    def under(
        self, page: Page, content: Content, geometry: PageGeometry, fonts: EmbeddedFonts
    ) -> None:
        content.op(b"q")
        content.gstate("KO")
        self._draw_watermark(content, geometry, fonts)
        marks = self.marks.get(id(page))
        if marks is not None and marks.tints:
            content.fill_color(TINT)
            for span in marks.tints:
                top = span.baseline - IDEO_ASCENT * span.size
                content.rect(
                    geometry.x(span.x0), geometry.y(top + span.size), span.x1 - span.x0, span.size
                )
            content.fill()
        content.op(b"Q")

    def over(
        self, page: Page, content: Content, geometry: PageGeometry, fonts: EmbeddedFonts
    ) -> None:
        prepared = self._prepared[id(page)]
        content.gstate("KO")
        self._draw_marks(self.marks.get(id(page)), content, geometry)
        top = -geometry.bleed - 10.0
        _text(content, fonts, geometry, prepared.header, HEADER_SIZE, 0.0, top, DARK)
        right = geometry.width - _width(prepared.label, HEADER_SIZE, fonts)
        _text(content, fonts, geometry, prepared.label, HEADER_SIZE, right, top, DARK)
        offset = IDEO_ASCENT * self.body_size
        for line, glyphs in prepared.numbers:
            x = line.x - 3.0 - _width(glyphs, NUMBER_SIZE, fonts)
            _text(content, fonts, geometry, glyphs, NUMBER_SIZE, x, line.baseline + offset, GREY)
        self._draw_notes(prepared, content, geometry, fonts)

    def _draw_watermark(
        self, content: Content, geometry: PageGeometry, fonts: EmbeddedFonts
    ) -> None:
        if not self._watermark:
            return
        angle = math.atan2(geometry.height, geometry.width)
        cos, sin = math.cos(angle), math.sin(angle)
        length = _width(self._watermark, WATERMARK_SIZE, fonts)
        # centre of the text's em box on the centre of the trim, running up to the right
        cx, cy = geometry.x(geometry.width / 2), geometry.y(geometry.height / 2)
        drop = (0.5 - 0.12) * WATERMARK_SIZE  # baseline below the em box's centre
        x = cx - cos * length / 2 + sin * drop
        y = cy - sin * length / 2 - cos * drop
        codes = bytearray()
        for char, _ in self._watermark:
            for glyph in fonts.glyphs(ROLE, char):
                codes += glyph.code.to_bytes(2, "big")
        name = fonts.resource_name(ROLE)
        content.fonts.add(name)
        content.fill_color(WATERMARK)
        content.op(b"BT")
        content.op(serialize(Name(name)), n(WATERMARK_SIZE), b"Tf")
        content.op(n(cos), n(sin), n(-sin), n(cos), n(x), n(y), b"Tm")
        content.op(b"<" + bytes(codes).hex().upper().encode("ascii") + b"> Tj")
        content.op(b"ET")

    @staticmethod
    def _draw_marks(marks: PageMarks | None, content: Content, geometry: PageGeometry) -> None:
        if marks is None:
            return
        X, Y = geometry.x, geometry.y
        if marks.reflowed:
            content.stroke_color(BLUE)
            content.line_width(0.4)
            for s in marks.reflowed:
                y = Y(s.baseline + 0.2 * s.size)
                content.line(X(s.x0), y, X(s.x1), y)
            content.stroke()
        if marks.moved:
            content.stroke_color(BLUE)
            content.line_width(1.2)
            for s in marks.moved:
                x = X(s.x1 + 1.5)  # right of the line: the line numbers are on its left
                content.line(x, Y(s.baseline + 0.12 * s.size), x, Y(s.baseline - 0.88 * s.size))
            content.stroke()
        if marks.tints or marks.carets:
            content.stroke_color(RED)
            content.line_width(0.6)
            for s in marks.tints:
                y = Y(s.baseline + 0.16 * s.size)
                content.line(X(s.x0), y, X(s.x1), y)
            for s in marks.carets:
                x, y = X(s.x0), Y(s.baseline + 0.05 * s.size)
                low = Y(s.baseline + 0.4 * s.size)
                content.line(x - 0.22 * s.size, low, x, y)
                content.line(x, y, x + 0.22 * s.size, low)
                content.line(x, y, x, Y(s.baseline - 0.88 * s.size))
            content.stroke()

    @staticmethod
    def _draw_notes(
        prepared: _Prepared, content: Content, geometry: PageGeometry, fonts: EmbeddedFonts
    ) -> None:
        """Notes in the sheet's right-hand margin, each at its line or, when notes crowd, just
        below the one before (a hairline leads from the trim edge to each)."""
        left = geometry.width + geometry.bleed + 4.0
        floor = -geometry.bleed
        for y, kind, lines in prepared.notes:
            top = max(y, floor)
            color = NOTE_COLORS.get(kind, RED)
            content.stroke_color(color)
            content.line_width(0.3)
            content.line(
                geometry.x(geometry.width), geometry.y(y), geometry.x(left - 1.5), geometry.y(top)
            )
            content.stroke()
            for k, glyphs in enumerate(lines):
                baseline = top + NOTE_SIZE + k * NOTE_PITCH
                _text(content, fonts, geometry, glyphs, NOTE_SIZE, left, baseline, color)
            floor = top + len(lines) * NOTE_PITCH + 2.0


def _wrap(text: str, width: float, setting) -> list[list[tuple[str, float]]]:
    """`text` in lines of at most `width` pt (NOTE_SIZE), at most NOTE_LINES, cut with …."""
    lines: list[list[tuple[str, float]]] = []
    current = ""
    for char in text:
        trial = setting(current + char, NOTE_SIZE)
        if current and trial[-1][1] + NOTE_SIZE > width:
            lines.append(setting(current, NOTE_SIZE))
            current = char
            if len(lines) == NOTE_LINES:
                break
        else:
            current += char
    else:
        if current:
            lines.append(setting(current, NOTE_SIZE))
        return lines
    last = lines[-1]
    lines[-1] = setting("".join(c for c, _ in last[:-1]) + "…", NOTE_SIZE)
    return lines


def _width(glyphs: list[tuple[str, float]], size: float, fonts: EmbeddedFonts) -> float:
    if not glyphs:
        return 0.0
    char, x = glyphs[-1]
    return x + fonts.advance(ROLE, char) * size


def _text(
    content: Content,
    fonts: EmbeddedFonts,
    geometry: PageGeometry,
    glyphs: list[tuple[str, float]],
    size: float,
    x: float,
    baseline: float,
    color: Cmyk,
) -> None:
    if glyphs:
        run = GlyphRun(ROLE, size, baseline, tuple(glyphs), color=color, x=x)
        draw_glyph_run(content, fonts, run, geometry)
