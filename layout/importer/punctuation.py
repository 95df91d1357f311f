"""Half-width punctuation in CJK text becomes full width.

The rule itself is one of the shared paste-hygiene rules (layout/content/hygiene.py), which
`layout check` and `layout fix` use too; the slash fix below is the OCR's own.
"""

from __future__ import annotations

import re

from layout.content.hygiene import FULL_WIDTH, PUNCTUATION, apply_rule

__all__ = ["FULL_WIDTH", "fix_backslash_slash", "normalize_punctuation"]


def normalize_punctuation(text: str) -> str:
    """Convert , ; : ! ? ( ) to full width where they sit in CJK text."""
    return apply_rule(PUNCTUATION, text, body=True)


# OCR reads a slash as a backslash: `APP\ 网址导航`, `整合\链接`. A real backslash escape in
# Markdown precedes an ASCII mark, so only a backslash before a space or a Han character is
# taken for a slash.
_BACKSLASH = re.compile(r"(?<=[\w\u4e00-\u9fff])\\(?=[ \u4e00-\u9fff])")


def fix_backslash_slash(text: str) -> str:
    """`APP\\ 网址导航` -> `APP/ 网址导航` where the backslash can only be a misread slash."""
    return _BACKSLASH.sub("/", text)
