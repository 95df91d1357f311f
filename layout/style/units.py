"""Lengths and sizes as editors and designers write them: `3mm`, `9.5pt`, `2em`, `五号`."""

from __future__ import annotations

import re

MM = 72 / 25.4  # points per millimetre

# 字号 -> pt, the "word" column of ctex's \zihao table (what editors see in Word/WPS;
# GB/T 40070-2021 agrees). See cjk-print-reference.md B2.
ZIHAO: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
    "小五": 9,
    "六号": 7.5,
    "小六": 6.5,
    "七号": 5.5,
    "八号": 5,
}

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|pt|em|cm)?\s*$")


class UnitError(ValueError):
    """A value that is not a length; the message says what forms are accepted."""


def parse_length(value: object, em: float | None = None) -> float:
    """A length in pt. Accepts numbers (pt), `12mm`, `1.2cm`, `9.5pt`, `2em` (needs `em`)."""
    if isinstance(value, bool):
        raise UnitError(f"expected a length such as 3mm or 9.5pt, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        raise UnitError(f"expected a length such as 3mm or 9.5pt, got {value!r}")
    match = _LENGTH.match(value)
    if not match:
        raise UnitError(f"expected a length such as 3mm, 9.5pt or 2em, got {value!r}")
    number, unit = float(match.group(1)), match.group(2) or "pt"
    if unit == "mm":
        return number * MM
    if unit == "cm":
        return number * MM * 10
    if unit == "em":
        if em is None:
            raise UnitError(f"{value!r}: em is not allowed here; use mm or pt")
        return number * em
    return number


def parse_size(value: object) -> float:
    """A font size in pt: a 字号 name (五号, 小五 …) or a length."""
    if isinstance(value, str) and value.strip() in ZIHAO:
        return float(ZIHAO[value.strip()])
    try:
        return parse_length(value)
    except UnitError:
        names = "、".join(ZIHAO)
        raise UnitError(f"expected a 字号 name ({names}) or a size in pt, got {value!r}") from None


def parse_cmyk(value: object) -> tuple[float, float, float, float]:
    """CMYK written as four percentages [C, M, Y, K], each 0..100."""
    if (
        not isinstance(value, list | tuple)
        or len(value) != 4
        or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        raise UnitError(f"expected a CMYK colour as four percentages [C, M, Y, K], got {value!r}")
    if not all(0 <= v <= 100 for v in value):
        raise UnitError(f"CMYK percentages must lie between 0 and 100, got {value!r}")
    c, m, y, k = (float(v) / 100 for v in value)
    return (c, m, y, k)
