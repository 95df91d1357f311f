"""Font errors the user can act on."""

from __future__ import annotations

from layout.errors import LayoutError, Location


class MissingGlyphError(LayoutError):
    """A character that the font of its role cannot draw.

    Raised where the location is unknown (metrics, renderer); callers that know the source
    position re-raise it with `error.at(location)`.
    """

    def __init__(
        self,
        char: str,
        font: str,
        role: str,
        location: Location | None = None,
        *,
        chain: bool = False,
    ) -> None:
        # `chain`: `font` lists the role's face and every fallback face tried
        where = f"in none of the fonts {font}" if chain else f"not in the font {font}"
        super().__init__(
            f"character {char!r} ({codepoint(char)}) is {where} (font role '{role}')",
            location,
            hint="replace the character (an image, or a description in words), or add a font "
            "that has it to the role's fallback chain in fonts/fonts.yaml",
        )
        self.char = char
        self.font = font
        self.role = role
        self.chain = chain

    def at(self, location: Location) -> MissingGlyphError:
        """The same error, placed at `location`."""
        return MissingGlyphError(self.char, self.font, self.role, location, chain=self.chain)


def codepoint(char: str) -> str:
    return "+".join(f"U+{ord(c):04X}" for c in char)


def with_location(error: LayoutError, location: Location) -> LayoutError:
    """Any LayoutError, placed at `location` (keeps the subclass when it knows how)."""
    if isinstance(error, MissingGlyphError):
        return error.at(location)
    return LayoutError(error.message, location, error.hint)


class Unsupported(Exception):
    """A font file our own subsetters do not assemble (cffsubset.py, glyfsubset.py, kernels);
    the caller then subsets it the slow way, with fontTools."""
