"""Apply the character-level text rules to one piece of text, logging each change class.

The paste-hygiene rules are shared with `layout check` and `layout fix`
(layout/content/hygiene.py); the others repair what only OCR does (a slash read as a
backslash, spaces at every Han/Latin junction, spaced list numbers and joiners).
"""

from __future__ import annotations

from collections.abc import Callable

from layout.content import hygiene
from layout.importer.changes import ChangeLog
from layout.importer.punctuation import fix_backslash_slash
from layout.importer.spacing import (
    remove_cjk_latin_spaces,
    tighten_joiners,
    tighten_run_in_numbers,
)

Rule = tuple[str, Callable[[str, bool], str]]


def _shared(rule: hygiene.Rule) -> Rule:
    return rule.name, lambda text, body: hygiene.apply_rule(rule, text, body)


def _ocr(name: str, fix: Callable[[str], str]) -> Rule:
    return name, lambda text, body: fix(text)


# Order matters: the slash fix and full-width conversion come first so that the spacing rules
# see the final marks (`这几点, 让` -> `这几点， 让` -> `这几点，让`).
RULES: list[Rule] = [
    _ocr("backslash read for slash", fix_backslash_slash),
    *(_shared(rule) for rule in hygiene.RULES),
    _ocr("space removed between Han and Latin/digits", remove_cjk_latin_spaces),
    _ocr("space removed around + and /", tighten_joiners),
    _ocr("list number spacing made uniform (`1. ` leading, `1.` run-in)", tighten_run_in_numbers),
]


def _edit_count(before: str, after: str) -> int:
    if len(before) == len(after):
        return sum(1 for a, b in zip(before, after, strict=True) if a != b)
    return abs(len(before) - len(after))


def normalize_text(text: str, line: int, log: ChangeLog | None = None, body: bool = False) -> str:
    """Run every rule over `text`; record (source line, before, after) per rule that fired.

    `body`: the text is a paragraph or numbered item (spaces between Han characters go there;
    in titles, kickers and other display lines they are the writer's)."""
    for kind, rule in RULES:
        fixed = rule(text, body)
        if fixed != text and log is not None:
            log.record(kind, line, text, fixed, _edit_count(text, fixed))
        text = fixed
    return text
