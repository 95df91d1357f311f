"""Objects -> a PDF file: header, numbered objects, cross-reference table, trailer.

Output is a pure function of the objects: dictionaries are written with sorted keys, streams are
compressed with a fixed zlib level, and the trailer /ID is a hash of the body, so the same
document always gives the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from layout.render.pdf.objects import Raw, Ref, serialize

# PDF/X-1a:2001 is defined on PDF 1.3; every object we write exists in 1.3 (OutputIntents and
# the GTS_ keys are part of the PDF/X standard itself).
VERSION = b"1.3"


class PdfWriter:
    def __init__(self) -> None:
        self._objects: list[object | None] = []

    def reserve(self) -> Ref:
        """A number for an object whose content is known only later (pages, fonts)."""
        self._objects.append(None)
        return Ref(len(self._objects))

    def set(self, ref: Ref, value: object) -> Ref:
        self._objects[ref.number - 1] = value
        return ref

    def add(self, value: object) -> Ref:
        return self.set(self.reserve(), value)

    @property
    def count(self) -> int:
        """Objects numbered so far (the next one is count + 1)."""
        return len(self._objects)

    def settle(self, refs: Iterable[Ref]) -> None:
        """Serialise these objects now, their values being final: `tobytes` only copies their
        bytes (render_pdf settles the fonts on one core while the other draws pages)."""
        for ref in refs:
            value = self._objects[ref.number - 1]
            if value is not None and not isinstance(value, Raw):
                self._objects[ref.number - 1] = Raw(serialize(value))

    def tobytes(self, root: Ref, info: Ref) -> bytes:
        out = bytearray(b"%PDF-" + VERSION + b"\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, value in enumerate(self._objects, start=1):
            if value is None:
                raise ValueError(f"object {number} was reserved but never set")
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + serialize(value) + b"\nendobj\n"
        file_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper().encode()
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        trailer = {"Size": len(offsets) + 1, "Root": root, "Info": info}
        out += b"trailer\n" + serialize(trailer)[:-2]
        out += b"/ID[<" + file_id + b"><" + file_id + b">]>>\n"
        out += b"startxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)
