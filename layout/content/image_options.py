"""The argument of `@image FILE [cols=N] [lines=N] [fit=crop|contain] [crop=POSITION] [lowres]
[placeholder] [: caption]`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.images import CROP_POSITIONS, FITS
from layout.inputs import close_matches, shorten

OPTIONS = ("cols", "lines", "fit", "crop", "lowres", "placeholder")
FLAGS = ("lowres", "placeholder")  # options without a value
USAGE = (
    "write @image FILE [cols=N] [lines=N] [fit=crop|contain] [crop=top|bottom|left|right|...] "
    "[lowres] [placeholder] [: caption]; FILE is relative to images/"
)
FIT_HINT = (
    "fit=crop fills the slot and cuts what overflows (crop= says which edge to keep); "
    "fit=contain shows the whole photo, white beside or below it"
)
CROP_HINT = "crop= keeps an edge: " + ", ".join(CROP_POSITIONS)


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


AUTO_RANGE = (0, 0)  # lines=auto: a quarter either way of the photo's natural rows


def _lines_range(value: str) -> tuple[int, int] | None:
    """`auto` -> AUTO_RANGE, `8..14` -> (8, 14); None for anything else."""
    if value == "auto":
        return AUTO_RANGE
    low, dots, high = value.partition("..")
    first, last = _positive_int(low), _positive_int(high)
    if not dots or first is None or last is None or first > last:
        return None
    return first, last


def parse_image_options(
    path: Path, line: int, text: str, column: int
) -> tuple[dict[str, object], list[LayoutError]]:
    """Parse the text after `@image` (starting at `column`) into image attrs.

    Returns attrs {"file", "cols", "lines", "fit", "crop", "lowres", "placeholder", "caption"}
    and the errors found.
    """
    options_text, colon, caption = text.partition(":")
    attrs: dict[str, object] = {
        "file": "",
        "cols": None,
        "lines": None,
        "fit": "crop",
        "crop": "center",
        "lowres": False,
        "placeholder": False,
        "caption": caption.strip() if colon else "",
    }
    # only with lines=auto or lines=MIN..MAX: "lines_range", (MIN, MAX) within which the rows
    # may change so that the article fills its planned space; AUTO_RANGE for auto
    errors: list[LayoutError] = []
    seen: set[str] = set()
    crop_at = column  # where crop= stands, for an error about it

    def fail(message: str, at: int, hint: str) -> None:
        errors.append(LayoutError(message, Location(path, line, at), hint))

    for index, (word, at) in enumerate(_words(options_text, column)):
        name, equals, value = word.partition("=")
        if index == 0 and not equals and name not in FLAGS:
            attrs["file"] = word
            continue
        if index == 0:
            fail("@image needs a file name first", at, USAGE)
        if name not in OPTIONS or (name in FLAGS) == bool(equals):
            close = close_matches(name, OPTIONS, n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "options are cols=N, lines=N, fit=, crop=, lowres, placeholder"
            )
            fail(f"unknown @image option '{word}'", at, hint)
            continue
        if name in seen:
            fail(f"@image option '{name}' given twice", at, "keep one")
            continue
        seen.add(name)
        if name in FLAGS:
            attrs[name] = True
            continue
        if name in ("fit", "crop"):
            choices = FITS if name == "fit" else tuple(CROP_POSITIONS)
            value = _corner(value) if name == "crop" else value
            if value in choices:
                attrs[name] = value
                if name == "crop":
                    crop_at = at
            else:
                fail(
                    f"@image {name}={shorten(value, 24)} is not a "
                    + ("fit" if name == "fit" else "crop position"),
                    at,
                    _suggest(value, choices, FIT_HINT if name == "fit" else CROP_HINT),
                )
            continue
        if name == "lines" and (not value[:1].isdigit() or ".." in value):
            span = _lines_range(value)
            if span is None:
                fail(
                    f"@image {name}={shorten(value, 24)} is not a number of lines or a range",
                    at,
                    "write lines=N, lines=auto (the photo shrinks or grows by up to a quarter "
                    "so that its article fills its planned space), or lines=MIN..MAX",
                )
            attrs["lines_range"] = span
            continue
        number = _positive_int(value)
        if number is None:
            fail(
                f"@image {name}= must be a positive whole number, not '{shorten(value, 24)}'",
                at,
                f"write e.g. {name}=2",
            )
        attrs[name] = number
    if attrs["fit"] == "contain" and "crop" in seen and attrs["crop"] != "center":
        fail(
            f"@image crop={attrs['crop']} has nothing to keep: fit=contain cuts nothing",
            crop_at,
            "leave out crop= to show the whole photo, or write fit=crop (the default) to fill "
            "the slot",
        )
    if not attrs["file"] and not errors:
        fail("@image needs a file name", column, USAGE)
    return attrs, errors


def _suggest(value: str, choices: tuple[str, ...], hint: str) -> str:
    """`did you mean 'top'?` when `value` is close to one of `choices`, then `hint`."""
    close = close_matches(value.lower()[:40], choices, n=1)
    return f"did you mean '{close[0]}'? {hint}" if close else hint


def _corner(value: str) -> str:
    """`left-top` as `top-left`: a corner may be named either way round."""
    first, dash, second = value.partition("-")
    if dash and first in ("left", "right") and second in ("top", "bottom"):
        return f"{second}-{first}"
    return value
