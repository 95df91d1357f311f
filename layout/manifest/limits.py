"""How much an input may hold: one table, so that every limit is stated (and changed) here.

The limits are far above what a real issue needs (the reference issue's longest manifest
text is 38 characters) and far below what would make the engine work for minutes: a value
past its limit is an error at its position, found by `layout check` at once.
"""

from __future__ import annotations

from layout.inputs import MB

MANIFEST_BYTES = 1 * MB  # issue.yaml (the reference issue's is 8 kB)
STYLE_BYTES = 1 * MB  # a style sheet
YAML_DEPTH = 64  # levels of nested mappings and lists (issue.yaml needs 5)
MAX_PATH_CHARS = 1024  # a path written in issue.yaml or an article

# Characters of one text value (or of one line of a multi-line value), by key. Keys not
# listed get DEFAULT_TEXT_CHARS.
DEFAULT_TEXT_CHARS = 200
TEXT_CHARS: dict[str, int] = {
    "caption": 300,
    "value": 500,  # a colophon field value (one printed line of it)
    "closing": 500,
    "note": 500,
    "file": MAX_PATH_CHARS,
    "id": 64,
    "section": 64,
    "form": 64,
    "article": 64,
    "style": 64,
    "canonical": 50,
    "variants": 50,
}

# Lines of a multi-line value (`headline: [a, b]`), by key; others get DEFAULT_LINES.
DEFAULT_LINES = 10
LINES: dict[str, int] = {
    "value": 50,
    "items": 50,
    "variants": 50,
}

# Whole numbers: (smallest, largest) by key.
NUMBERS: dict[str, tuple[int, int]] = {
    "serial": (1, 99_999),
    "year": (1900, 2100),
    "number": (1, 99),
    "page": (1, 999),  # a page hint; past the pages built is a warning of the composer
}

MIN_COLUMN_CHARS = 10  # a section may have as many columns as keep this many characters a line


def text_chars(key: str) -> int:
    return TEXT_CHARS.get(key, DEFAULT_TEXT_CHARS)


def lines(key: str) -> int:
    return LINES.get(key, DEFAULT_LINES)
