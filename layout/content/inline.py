"""Inline markup: `**bold**`, the `\\*` escape, and joining the source lines of a paragraph.

Source lines are joined without a space (Chinese has none), except when the characters on
both sides of the join are Latin letters or digits, where the line break stood for a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from layout.content.model import Span
from layout.errors import LayoutError, Location

_TOGGLE = None  # token for a `**` bold toggle


@dataclass(frozen=True)
class SourceLine:
    """A piece of text from the file: the text and the 1-based line and column of its start."""

    text: str
    line: int
    column: int


# the two-character markup of a line: an escaped asterisk, or a bold toggle (the escape first,
# as a reader scanning from the left meets it)
_MARKUP = re.compile(r"\\\*|\*\*")


def _tokens(piece: SourceLine) -> list[tuple[str | None, int]]:
    """Runs of text (or _TOGGLE) of one source line, each with the 1-based column of its
    start; `\\*` is a run "*" of its own."""
    tokens: list[tuple[str | None, int]] = []
    text, column, start = piece.text, piece.column, 0
    for match in _MARKUP.finditer(text):
        at = match.start()
        if at > start:
            tokens.append((text[start:at], column + start))
        tokens.append(("*" if text[at] == "\\" else _TOGGLE, column + at))
        start = match.end()
    if start < len(text):
        tokens.append((text[start:], column + start))
    return tokens


def _is_latin_or_digit(char: str) -> bool:
    return char.isascii() and char.isalnum()


def needs_space(before: str, after: str) -> bool:
    """Whether a line break between these two characters stands for a space."""
    return bool(before) and bool(after) and _is_latin_or_digit(before) and _is_latin_or_digit(after)


def parse_inline(
    path: Path, pieces: list[SourceLine]
) -> tuple[tuple[Span, ...], LayoutError | None]:
    """Join the lines of one block and split it into bold and plain spans.

    Returns the spans and, if a `**` is left open at the end of the block, the error that
    points at it (the spans are then still usable for further checking).
    """
    spans: list[Span] = []
    chars: list[str] = []
    bold = False
    opened_at: Location | None = None
    last_char = ""

    def flush() -> None:
        if chars:
            spans.append(Span("".join(chars), bold))
            chars.clear()

    for piece in pieces:
        tokens = _tokens(piece)
        first = next((t[0] for t, _ in tokens if t is not _TOGGLE), "")
        if needs_space(last_char, first):
            chars.append(" ")
        for token, column in tokens:
            if token is _TOGGLE:
                flush()
                bold = not bold
                opened_at = Location(path, piece.line, column) if bold else None
            else:
                chars.append(token)
                last_char = token[-1]
    flush()
    if bold and opened_at is not None:
        error = LayoutError(
            "unbalanced ** (this bold text is never closed)",
            opened_at,
            "add ** where the bold text ends, or write \\*\\* for literal asterisks",
        )
        return _merge(spans), error
    return _merge(spans), None


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    """Merge neighbours with the same weight (`**a****b**` is one bold span)."""
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].bold == span.bold:
            merged[-1] = Span(merged[-1].text + span.text, span.bold)
        else:
            merged.append(span)
    return tuple(merged)


def plain_text(text: str) -> str:
    """Text of a head line: escapes resolved, no bold (head lines are styled as a whole)."""
    return text.replace("\\*", "*")
