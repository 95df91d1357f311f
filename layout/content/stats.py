"""Counts editors ask for: Han characters per article, section and issue."""

from __future__ import annotations

from layout.content.model import Article

# CJK Unified Ideographs blocks (the main block, Extension A, and B..H in the supplementary
# planes). Compatibility ideographs (U+F900..) are excluded: they are not unified characters.
HAN_RANGES = (
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0x3400, 0x4DBF),  # Extension A
    (0x20000, 0x2EBEF),  # Extensions B-F (and I)
    (0x30000, 0x323AF),  # Extensions G-H
)
IDEOGRAPHIC_ZERO = "\u3007"  # 〇, as in 二〇二四年


def is_han(char: str) -> bool:
    """Whether `char` is a CJK unified ideograph or 〇."""
    if char == IDEOGRAPHIC_ZERO:
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in HAN_RANGES)


def count_han(text: str) -> int:
    """Number of Han characters in `text` (CJK Unified Ideographs incl. Ext A, and 〇)."""
    return sum(1 for char in text if is_han(char))


def article_text(article: Article) -> str:
    """Everything of the article that gets printed: head lines, block text, box titles,
    image captions; one line per piece."""
    pieces = [line.text for line in article.head()]
    for block in article.walk():
        pieces.append(block.text)
        caption = block.attrs.get("caption")
        if caption:
            pieces.append(str(caption))
    return "\n".join(piece for piece in pieces if piece)
