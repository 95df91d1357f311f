"""The PDF writer's inner loop: a line's glyphs -> the TJ array that puts each at its x.

Kept apart so that Cython compiles this very file (typed by tjloop.pxd: `make compile`);
uncompiled it is the reference the compiled module is tested against. See text.py for what
the numbers mean.
"""

from __future__ import annotations

from binascii import hexlify

from layout.render.pdf.objects import number

TJ_PLACES = 3  # thousandths of a thousandth of an em: exact to far below 0.01 pt
_WRITTEN: dict = {}  # thousandths -> thousandths_bytes of them
_HEX: dict = {}  # a glyph or two's codes -> their <hex string>


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
    kerns, hexes = _WRITTEN, _HEX  # (locals: C variables once compiled)
    for chars, x in glyphs:
        target = margin + (x + dx)
        value = (pen - target) * 1000 / size
        # round(value, 3) in thousandths: the nearest integer of value * 1000, except within a
        # hair of a tie (or for a huge value), where the decimal rounding itself decides
        scaled = value * 1000
        thousandths = 0
        if -1e9 < scaled < 1e9:
            thousandths = int(scaled + 0.5) if scaled >= 0 else -int(0.5 - scaled)
        if -1e9 < scaled < 1e9 and abs(scaled - thousandths) < 0.4999:
            kern = thousandths / 1000  # the double round(value, 3) gives
            if thousandths:
                written = kerns.get(thousandths)
                if written is None:  # (a justified line repeats its kerns)
                    if len(kerns) > 50_000:
                        kerns.clear()
                    written = kerns[thousandths] = thousandths_bytes(thousandths)
            else:
                written = b""
        else:
            kern = round(value, TJ_PLACES)
            written = number(kern, TJ_PLACES) if kern else b""
        if written:  # the pen is off the glyph's x: move it there
            if out:
                codes_run = bytes(out)
                shown = hexes.get(codes_run)
                if shown is None:  # (a glyph between two kerns: the same few, again and again)
                    shown = b"<" + hexlify(codes_run).upper() + b">"
                    if len(codes_run) <= 4 and len(hexes) < 50_000:
                        hexes[codes_run] = shown
                parts.append(shown)
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
    """objects.number(count / 1000, 3) from the integer: the same digits without formatting a
    float (the nearest double to count / 1000 prints as exactly that decimal at three places)."""
    whole, part = divmod(abs(count), 1000)
    sign = "-" if count < 0 else ""
    if part == 0:
        return f"{sign}{whole}".encode("ascii")
    return f"{sign}{whole}.{part:03d}".rstrip("0").encode("ascii")
