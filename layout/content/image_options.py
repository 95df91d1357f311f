"""The argument of `@image FILE [cols=N] [lines=N] [placeholder] [: caption]`."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.inputs import shorten

OPTIONS = ("cols", "lines", "placeholder")


def _words(text: str, column: int) -> Iterator[tuple[str, int]]:
    """Whitespace-separated words of `text`, each with its 1-based column."""
    start = None
    for i, char in enumerate(text + " "):
        if char.isspace():
            if start is not None:
                yield text[start:i], column + start
                start = None
        elif start is None:
            start = i


def _positive_int(word: str) -> int | None:
    # at most 6 digits: int() refuses thousands of them, and no page has a million lines
    if not (word.isascii() and word.isdigit() and len(word) <= 6):
        return None
    return int(word) or None


def parse_image_options(
    path: Path, line: int, text: str, column: int
) -> tuple[dict[str, object], list[LayoutError]]:
    """Parse the text after `@image` (starting at `column`) into image attrs.

    Returns attrs {"file", "cols", "lines", "placeholder", "caption"} and the errors found.
    """
    options_text, colon, caption = text.partition(":")
    attrs: dict[str, object] = {
        "file": "",
        "cols": None,
        "lines": None,
        "placeholder": False,
        "caption": caption.strip() if colon else "",
    }
    errors: list[LayoutError] = []
    seen: set[str] = set()

    def fail(message: str, at: int, hint: str) -> None:
        errors.append(LayoutError(message, Location(path, line, at), hint))

    for index, (word, at) in enumerate(_words(options_text, column)):
        name, equals, value = word.partition("=")
        if index == 0 and not equals and name != "placeholder":
            attrs["file"] = word
            continue
        if index == 0:
            fail(
                "@image needs a file name first",
                at,
                "write @image FILE [cols=N] [lines=N] "
                "[placeholder] [: caption]; FILE is relative to images/",
            )
        if name not in OPTIONS or (name == "placeholder") == bool(equals):
            close = difflib.get_close_matches(name, OPTIONS, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "options are cols=N, lines=N, placeholder"
            )
            fail(f"unknown @image option '{word}'", at, hint)
            continue
        if name in seen:
            fail(f"@image option '{name}' given twice", at, "keep one")
            continue
        seen.add(name)
        if name == "placeholder":
            attrs["placeholder"] = True
            continue
        number = _positive_int(value)
        if number is None:
            fail(
                f"@image {name}= must be a positive whole number, not '{shorten(value, 24)}'",
                at,
                f"write e.g. {name}=2",
            )
        attrs[name] = number
    if not attrs["file"] and not errors:
        fail(
            "@image needs a file name",
            column,
            "write @image FILE [cols=N] [lines=N] "
            "[placeholder] [: caption]; FILE is relative to images/",
        )
    return attrs, errors
