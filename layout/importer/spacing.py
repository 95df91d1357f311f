"""Spaces OCR left in CJK text.

OCR puts a space at most junctions of Han and Latin/digits (`2024 年`, `挂牌 21 个`); the
typesetter adds its own CJK-Latin spacing, so these go. A space between two Han characters is
usually intentional (slogan separators `提升城市品质 喜迎亚冬会`, name padding `刘 森`, display
line breaks) and is kept here; the shared hygiene rules (layout/content/hygiene.py) remove it
only in body text outside quotes.
"""

from __future__ import annotations

import re

from layout.content.hygiene import MARK_SPACES, apply_rule
from layout.importer.chars import HAN

_H = f"[{HAN}]"

_HAN_THEN_ALNUM = re.compile(rf"(?<={_H})[ \u00a0]+(?=[A-Za-z0-9])")
_ALNUM_THEN_HAN = re.compile(rf"(?<=[A-Za-z0-9%])[ \u00a0]+(?={_H})")
_AROUND_JOINER = re.compile(
    rf"(?<=[{HAN}A-Za-z0-9])[ \u00a0]*([+/])[ \u00a0]*(?=[{HAN}])|"
    rf"(?<={_H})[ \u00a0]*([+/])[ \u00a0]*(?=[A-Za-z0-9])"
)
# A run-in list number inside a line: `；4. 推进` -> `；4.推进`.
_RUN_IN_NUMBER = re.compile(rf"(?<=[^\d]\d\.)[ \u00a0]+(?={_H})|(?<=[^\d]\d\d\.)[ \u00a0]+(?={_H})")
_LEADING_ITEM = re.compile(r"^(\d{1,2}[.．])(?!\d)\s*")


def remove_cjk_latin_spaces(text: str) -> str:
    """`2024 年` -> `2024年`, `sim 卡` -> `sim卡`; Han-Han spaces stay."""
    text = _HAN_THEN_ALNUM.sub("", text)
    return _ALNUM_THEN_HAN.sub("", text)


def remove_spaces_at_full_width(text: str) -> str:
    """A full-width mark carries its own space: `这几点， 让` -> `这几点，让` (a shared
    paste-hygiene rule, layout/content/hygiene.py)."""
    return apply_rule(MARK_SPACES, text, body=True)


def tighten_joiners(text: str) -> str:
    """`委员 + 政协委员工作站` -> `委员+政协委员工作站`, as `轨道+公交` is printed."""
    return _AROUND_JOINER.sub(lambda m: m.group(1) or m.group(2), text)


def tighten_run_in_numbers(text: str) -> str:
    """A list number inside a paragraph takes no space; one that starts the line keeps `1. `."""
    lead = _LEADING_ITEM.match(text)
    head, rest = (lead.group(1) + " ", text[lead.end() :]) if lead else ("", text)
    rest = _RUN_IN_NUMBER.sub("", " " + rest)[1:] if rest else rest
    return head + rest
