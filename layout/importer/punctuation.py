"""Half-width punctuation in CJK text becomes full width.

OCR reads most Chinese commas, colons and brackets as their ASCII look-alikes. A mark is
converted only when CJK text touches it; ASCII marks between Latin letters or digits (times
15:30, thousands 1,000, e-mails, URLs, `1+3+N`, decimals, `99.9%`, list numbers `1.`) stay.
"""

from __future__ import annotations

import re

from layout.importer.chars import is_cjk, is_han

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}

# Spans that are never touched: e-mail addresses, URLs and bare domains.
_PROTECTED = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|https?://\S+"
    r"|(?:www\.)?[A-Za-z0-9-]+\.(?:com|cn|net|org|gov)(?:\.cn)?(?:/\S*)?"
)


def _protected_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for match in _PROTECTED.finditer(text):
        for i in range(match.start(), match.end()):
            mask[i] = True
    return mask


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest non-space character from position i in direction step ('' at the edge)."""
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _matching_parens(text: str) -> dict[int, int]:
    """Index of each ASCII '(' -> index of its ')' (and back), for balanced pairs."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            j = stack.pop()
            pairs[j] = i
            pairs[i] = j
    return pairs


def _cjk_touches(text: str, i: int) -> bool:
    return is_cjk(_neighbour(text, i, -1)) or is_cjk(_neighbour(text, i, +1))


def _between_digits(text: str, i: int) -> bool:
    # Immediate neighbours only: "15:30" and "1,000" but not "第3期, 共".
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def normalize_punctuation(text: str) -> str:
    """Convert , ; : ! ? ( ) to full width where they sit in CJK text."""
    mask = _protected_mask(text)
    pairs = _matching_parens(text)
    out = list(text)
    for i, char in enumerate(text):
        if char not in FULL_WIDTH or mask[i]:
            continue
        if char in "()" and i in pairs:
            start, end = sorted((i, pairs[i]))
            inner = text[start + 1 : end]
            convert = (
                any(is_han(c) for c in inner)
                or is_cjk(_neighbour(text, start, -1))
                or is_cjk(_neighbour(text, end, +1))
            )
        else:
            convert = _cjk_touches(text, i) and not _between_digits(text, i)
        if convert:
            out[i] = FULL_WIDTH[char]
    return "".join(out)


# OCR reads a slash as a backslash: `APP\ 网址导航`, `整合\链接`. A real backslash escape in
# Markdown precedes an ASCII mark, so only a backslash before a space or a Han character is
# taken for a slash.
_BACKSLASH = re.compile(r"(?<=[\w\u4e00-\u9fff])\\(?=[ \u4e00-\u9fff])")


def fix_backslash_slash(text: str) -> str:
    """`APP\\ 网址导航` -> `APP/ 网址导航` where the backslash can only be a misread slash."""
    return _BACKSLASH.sub("/", text)
