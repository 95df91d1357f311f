"""Character classes shared by the importer's text rules."""

from __future__ import annotations

from layout.content.hygiene import CJK_PUNCT as _HYGIENE_PUNCT

# Han ideographs (URO + Extension A) and 〇, the ideographic zero of dates like 二〇二四年.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\u3007"
# Full-width punctuation that belongs to CJK text (the paste-hygiene rules' table).
CJK_PUNCT = _HYGIENE_PUNCT
# Marks that close a sentence (or a quotation that closes one): a block ending in one of these
# is complete; a block ending in anything else was cut.
SENTENCE_END = "。！？!?…”’）)》】"


def is_han(char: str) -> bool:
    return bool(char) and (
        "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff" or char == "\u3007"
    )


def is_cjk(char: str) -> bool:
    """A Han character or a full-width CJK mark."""
    return is_han(char) or (bool(char) and char in CJK_PUNCT)


def han_count(text: str) -> int:
    return sum(1 for c in text if is_han(c))
