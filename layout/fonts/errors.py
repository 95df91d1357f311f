"""Font errors the user can act on."""

from __future__ import annotations

from layout.errors import LayoutError, Location


class MissingGlyphError(LayoutError):
    """A character that the font of its role cannot draw.

    Raised where the location is unknown (metrics, renderer); callers that know the source
    position re-raise it with `error.at(location)`.
    """

    def __init__(self, char: str, font: str, role: str, location: Location | None = None) -> None:
        super().__init__(
            f"character {char!r} ({codepoint(char)}) is not in the font {font} "
            f"(font role '{role}')",
            location,
            hint="set it in another font role, or replace the character",
        )
        self.char = char
        self.font = font
        self.role = role

    def at(self, location: Location) -> MissingGlyphError:
        """The same error, placed at `location`."""
        return MissingGlyphError(self.char, self.font, self.role, location)


def codepoint(char: str) -> str:
    return "+".join(f"U+{ord(c):04X}" for c in char)


def with_location(error: LayoutError, location: Location) -> LayoutError:
    """Any LayoutError, placed at `location` (keeps the subclass when it knows how)."""
    if isinstance(error, MissingGlyphError):
        return error.at(location)
    return LayoutError(error.message, location, error.hint)
