"""What the line composer needs to know about fonts, as a protocol.

The composer never opens a font file: layout.fonts implements this from fontTools data, and
tests implement it with synthetic fixed-width fonts.
"""

from __future__ import annotations

from typing import Protocol


class Metrics(Protocol):
    def advance(self, font: str, char: str) -> float:
        """Advance width of `char` in font role `font`, in em (1.0 for a full-width Han glyph).

        Raises layout.errors.LayoutError naming the character and the font when the glyph is
        missing.
        """
        ...

    def has_glyph(self, font: str, char: str) -> bool: ...

    def draws(self, font: str, text: str) -> str:
        """The font role that draws `text` (one character, or one mark repeated) for `font`:
        `font` itself, or a fallback role for a character its face lacks. Raises LayoutError
        when no font of the chain has it."""
        ...


class FixedMetrics:
    """Synthetic metrics for tests: CJK characters 1 em, everything else `latin` em."""

    def __init__(self, latin: float = 0.5) -> None:
        self.latin = latin

    def advance(self, font: str, char: str) -> float:
        return 1.0 if _is_wide(char) else self.latin

    def has_glyph(self, font: str, char: str) -> bool:
        return True

    def draws(self, font: str, text: str) -> str:
        return font


def _is_wide(char: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F") or char in "“”‘’—…·"
