"""Apply the character-level text rules to one piece of text, logging each change class."""

from __future__ import annotations

from collections.abc import Callable

from layout.importer.changes import ChangeLog
from layout.importer.punctuation import fix_backslash_slash, normalize_punctuation
from layout.importer.spacing import (
    remove_cjk_latin_spaces,
    remove_spaces_at_full_width,
    tighten_joiners,
    tighten_run_in_numbers,
)

Rule = tuple[str, Callable[[str], str]]

# Order matters: the slash fix and full-width conversion come first so that the spacing rules
# see the final marks (`这几点, 让` -> `这几点， 让` -> `这几点，让`).
RULES: list[Rule] = [
    ("backslash read for slash", fix_backslash_slash),
    ("half-width punctuation made full width", normalize_punctuation),
    ("space removed between Han and Latin/digits", remove_cjk_latin_spaces),
    ("space removed beside full-width punctuation", remove_spaces_at_full_width),
    ("space removed around + and /", tighten_joiners),
    ("list number spacing made uniform (`1. ` leading, `1.` run-in)", tighten_run_in_numbers),
]


def _edit_count(before: str, after: str) -> int:
    if len(before) == len(after):
        return sum(1 for a, b in zip(before, after, strict=True) if a != b)
    return abs(len(before) - len(after))


def normalize_text(text: str, line: int, log: ChangeLog | None = None) -> str:
    """Run every rule over `text`; record (source line, before, after) per rule that fired."""
    for kind, rule in RULES:
        fixed = rule(text)
        if fixed != text and log is not None:
            log.record(kind, line, text, fixed, _edit_count(text, fixed))
        text = fixed
    return text
