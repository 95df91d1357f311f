"""The PDF writer's inner loop: a line's glyphs -> the TJ array that puts each at its x.

Kept apart so that Cython compiles this very file (typed by tjloop.pxd: `make compile`);
uncompiled it is the reference the compiled module is tested against. See text.py for what
the numbers mean.
"""

from __future__ import annotations

from binascii import hexlify
from math import floor

TJ_PLACES = 3  # thousandths of a thousandth of an em: exact to far below 0.01 pt


def tj_array(
    glyphs: tuple,
    dx: float,
    margin: float,
    start: float,
    size: float,
    known: dict,
    codes,
    font: str,
) -> bytes:
    """The TJ array (`[<...> 12.5 <...>]`) for `glyphs` ((chars, x) pairs, x + dx from the text
    area, margin + that on the page) shown from pen position `start` in `font` at `size`: hex
    strings of 2-byte codes and, where the pen the viewer computes is not at a glyph's x, the
    number that moves it there. `known` maps chars to (codes, widths); a cluster not in it
    comes from `codes(font, chars)`. The pen is tracked with the rounded numbers actually
    written, so rounding never accumulates along a line."""
    pen = start
    parts: list = []
    out = bytearray()
    for chars, x in glyphs:
        target = margin + (x + dx)
        value = (pen - target) * 1000 / size
        # round(value, 3) in thousandths: rint of value * 1000 except within a hair of a tie
        # (or for a huge value), where the decimal rounding itself decides (same bytes)
        scaled = value * 1000
        thousandths = floor(scaled + 0.5)
        if -1e9 < scaled < 1e9 and not 0.4999 < scaled - floor(scaled) < 0.5001:
            kern = thousandths / 1000  # the double round(value, 3) gives
            written = thousandths_bytes(int(thousandths)) if thousandths else b""
        else:
            kern = round(value, TJ_PLACES)
            written = kern_bytes(kern) if kern else b""
        if written:  # the pen is off the glyph's x: move it there
            if out:
                parts.append(b"<" + hexlify(out).upper() + b">")
                out.clear()
            parts.append(written)
            pen -= kern * size / 1000
        made = known.get(chars)
        if made is None:
            made = codes(font, chars)
        string, widths = made
        out += string
        for width in widths:
            pen += width * size / 1000
    if out:
        parts.append(b"<" + hexlify(out).upper() + b">")
    return b"[" + b" ".join(parts) + b"]"


def thousandths_bytes(count: int) -> bytes:
    """kern_bytes(count / 1000) from the integer: the same digits without formatting a float
    (the nearest double to count / 1000 prints as exactly that decimal at three places)."""
    whole, part = divmod(abs(count), 1000)
    sign = "-" if count < 0 else ""
    if part == 0:
        return f"{sign}{whole}".encode("ascii")
    return f"{sign}{whole}.{part:03d}".rstrip("0").encode("ascii")


def kern_bytes(kern: float) -> bytes:
    """A TJ number as objects.number(kern, 3) writes it: at most three decimals, no trailing
    zeros (a kern is never zero here)."""
    return f"{kern:.3f}".rstrip("0").rstrip(".").encode("ascii")
