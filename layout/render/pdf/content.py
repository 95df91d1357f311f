"""A page content stream, written operator by operator.

Colours are CMYK only (`k`/`K`): PDF/X-1a forbids RGB, and body text must be pure K. The
current fill/stroke colour and overprint state are tracked so that runs of same-coloured text
do not repeat operators.
"""

from __future__ import annotations

from layout.render.model import Cmyk
from layout.render.pdf.objects import Name, number, serialize

# Coordinates to a thousandth of a point: far below any device resolution, short to write.
PLACES = 3


_WRITTEN: dict[float, bytes] = {}  # coordinates repeat (the grid's baselines, the columns)
_WRITTEN_MAX = 1 << 16  # a long `layout watch` session keeps no more than this


def n(value: float) -> bytes:
    written = _WRITTEN.get(value)  # equal numbers are written alike (1 and 1.0, 0.0 and -0.0)
    if written is None:
        if len(_WRITTEN) >= _WRITTEN_MAX:
            _WRITTEN.clear()
        written = _WRITTEN[value] = number(value, PLACES)
    return written


class Content:
    def __init__(self) -> None:
        self._ops: list[bytes] = []
        self._fill: Cmyk | None = None
        self._stroke: Cmyk | None = None
        self._line_width: float | None = None
        self._gstate: str | None = None
        # resource names used, for the page's /Resources
        self.gstates: set[str] = set()
        self.fonts: set[str] = set()

    def tobytes(self) -> bytes:
        return b"\n".join(self._ops) + b"\n"

    def op(self, *parts: bytes) -> None:
        self._ops.append(b" ".join(parts))

    # --- graphics state -------------------------------------------------------------------

    def fill_color(self, cmyk: Cmyk) -> None:
        if cmyk != self._fill:
            self.op(*(n(c) for c in cmyk), b"k")
            self._fill = cmyk

    def stroke_color(self, cmyk: Cmyk) -> None:
        if cmyk != self._stroke:
            self.op(*(n(c) for c in cmyk), b"K")
            self._stroke = cmyk

    def line_width(self, width: float) -> None:
        if width != self._line_width:
            self.op(n(width), b"w")
            self._line_width = width

    def gstate(self, name: str) -> None:
        if name != self._gstate:
            self.op(serialize(Name(name)), b"gs")
            self.gstates.add(name)
            self._gstate = name

    # --- paths ----------------------------------------------------------------------------

    def rect(self, x: float, y: float, width: float, height: float) -> None:
        self.op(n(x), n(y), n(width), n(height), b"re")

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.op(n(x0), n(y0), b"m", n(x1), n(y1), b"l")

    def fill(self) -> None:
        self.op(b"f")

    def stroke(self) -> None:
        self.op(b"S")

    # --- text -----------------------------------------------------------------------------

    def text(self, font: str, size: float, x: float, y: float, array: bytes) -> None:
        """One BT/ET: font, a text matrix at (x, y) and a TJ `array` of hex strings and kerns
        (render/pdf/tjloop.py writes it)."""
        self.fonts.add(font)
        # the five operators BT, Tf, Tm, TJ, ET as one entry (tobytes joins entries by lines)
        self._ops.append(
            b"BT\n%s %s Tf\n1 0 0 1 %s %s Tm\n%s TJ\nET"
            % (serialize(Name(font)), n(size), n(x), n(y), array)
        )
