"""A plain-text dump of a composed paragraph, one line per typeset line, for golden tests.

    L01 [0:23) w=24.000 i=2.000 | 王@2.000 东@3.000 “@4.000~0.500 ...

Each glyph is `text@x` with three decimals; `~o` follows when the glyph is drawn `o` em left of
its box (a compressed opening bracket); spaces print as ␣. A final `$` marks the last line.
"""

from __future__ import annotations

from layout.text.model import ComposedParagraph, PlacedGlyph


def trace_paragraph(p: ComposedParagraph) -> str:
    """One text line per typeset line: number, source span, width, indent, placed glyphs."""
    out = []
    for number, line in enumerate(p.lines, 1):
        glyphs = " ".join(_glyph(g) for g in line.glyphs)
        mark = " $" if line.is_last else ""
        out.append(
            f"L{number:02d} [{line.start}:{line.end}) w={line.width:.3f} i={line.indent:.3f}"
            f" | {glyphs}{mark}"
        )
    return "\n".join(out) + "\n"


def _glyph(g: PlacedGlyph) -> str:
    text = g.text.replace(" ", "␣")
    shifted = f"~{g.offset:.3f}" if abs(g.offset) > 5e-4 else ""
    return f"{text}@{g.x:.3f}{shifted}"
