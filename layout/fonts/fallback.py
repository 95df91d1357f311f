"""Characters set in a fallback font: found on the pages, told once per character.

A fallback glyph is printed (FontRegistry.draws chose its face), but the editor must know: a
rare character in a name may be a typo or a legacy encoding, and the fallback face is another
design. Each character is reported once, at its first place in the sources, with how often it
occurs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from layout.fonts.errors import codepoint
from layout.fonts.registry import FontRegistry
from layout.fonts.roles import FALLBACK_SEPARATOR, base_role


@dataclass
class FallbackUse:
    char: str
    role: str  # the drawing role, `body/han-ext`
    count: int = 0


def fallback_uses(runs: Iterable[tuple[str, str]]) -> list[FallbackUse]:
    """The characters of (font role, text) pairs drawn by a fallback face, in order of first
    appearance, with their number of occurrences."""
    uses: dict[str, FallbackUse] = {}
    for role, text in runs:
        if FALLBACK_SEPARATOR not in role:
            continue
        for char in text:
            if char.isspace():
                continue
            use = uses.get(char)
            if use is None:
                use = uses[char] = FallbackUse(char, role)
            use.count += 1
    return list(uses.values())


def fallback_message(use: FallbackUse, registry: FontRegistry) -> str:
    """`'𠀀' (U+20000) is not in Noto Serif CJK SC Regular (font role 'body'): printed in the
    fallback font BabelStone Han Regular (2 times)`."""
    role = base_role(use.role)
    times = "once" if use.count == 1 else f"{use.count} times"
    return (
        f"{use.char!r} ({codepoint(use.char)}) is not in {registry.face(role).name} "
        f"(font role '{role}'): printed in the fallback font {registry.face(use.role).name} "
        f"({times}; check the character, and the proof)"
    )
