"""The composer's `Metrics` protocol (layout.text.metrics) from real fonts."""

from __future__ import annotations

from layout.fonts.registry import FontRegistry


class FontMetrics:
    """Advances and vertical metrics in em, per font role.

    Advances are memoised per (role, char): the composer asks for the same few thousand
    characters again and again.
    """

    def __init__(self, registry: FontRegistry) -> None:
        self.registry = registry
        self._advances: dict[tuple[str, str], float] = {}

    def advance(self, font: str, char: str) -> float:
        key = (font, char)
        value = self._advances.get(key)
        if value is None:
            face = self.registry.face(font)
            glyph = self.registry.glyph
            if len(char) == 1:  # most: no generator
                units = face.advance_units(glyph(font, char))
            else:
                units = sum(face.advance_units(glyph(font, c)) for c in char)
            value = self._advances[key] = units / face.info.units_per_em
        return value

    def draws(self, font: str, text: str) -> str:
        """The role that draws `text` in `font`: `font`, or `font/fallback` (FontRegistry.draws)."""
        return self.registry.draws(font, text)

    def has_glyph(self, font: str, char: str) -> bool:
        face = self.registry.face(font)
        return all(face.glyph(c) is not None for c in char)

    def ascender(self, font: str) -> float:
        """Top of the em box above the baseline, in em (0.88 in Noto CJK)."""
        info = self.registry.face(font).info
        return info.ascender / info.units_per_em

    def descender(self, font: str) -> float:
        """Bottom of the em box, in em, negative (below the baseline)."""
        info = self.registry.face(font).info
        return info.descender / info.units_per_em

    def halt(self, font: str, char: str) -> tuple[float, float] | None:
        """The font's own half-width setting of a punctuation mark (x placement, x advance
        adjustment) in em, from GPOS `halt`; None when the font does not adjust `char`."""
        face = self.registry.face(font)
        value = face.halt.get(ord(char))
        if value is None:
            return None
        upm = face.info.units_per_em
        return value[0] / upm, value[1] / upm
