"""Page thumbnails of a PDF, rendered with pypdfium2 and cached by what each page draws.

A page's key is a hash of its content stream and of every object it draws with (fonts, images,
forms: their dictionaries and stream bytes, followed through references), and of its boxes:
a page whose text or pictures did not change is not rendered again, even when pages before it
moved. Objects shared by many pages (the font subsets) are hashed once per PDF.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from layout.atomic import write_bytes_atomic

THUMB_WIDTH = 300  # pixels: shown at half that size, sharp on high-density screens
KEY_VERSION = b"thumb-1"  # part of every key: change it when the rendering changes


@dataclass(frozen=True)
class Thumb:
    index: int  # 0-based page index in the PDF
    key: str  # hex hash of the page's content
    width: int
    height: int
    png: bytes | None  # None when taken from the cache (read it from `path`)
    path: Path  # the cached PNG


def page_keys(pdf: bytes) -> list[str]:
    """One key per page: what the page draws, hashed."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    reader = PdfReader(io.BytesIO(pdf))
    memo: dict[int, bytes] = {}

    def digest(obj: object, depth: int = 0) -> bytes:
        if isinstance(obj, IndirectObject):
            if obj.idnum not in memo:
                memo[obj.idnum] = b""  # a cycle comes back to an empty digest
                memo[obj.idnum] = digest(obj.get_object(), depth)
            return memo[obj.idnum]
        h = hashlib.sha256()
        if depth > 40:
            return h.digest()
        data = getattr(obj, "_data", None)
        if isinstance(data, bytes):  # a stream: its raw bytes
            h.update(b"S")
            h.update(data)
        if isinstance(obj, dict):
            for name in sorted(obj):
                if name in ("/Parent", "/P", "/Annots", "/StructParents"):
                    continue
                h.update(name.encode())
                h.update(digest(obj[name], depth + 1))
        elif isinstance(obj, list):
            for value in obj:
                h.update(digest(value, depth + 1))
        elif data is None:
            h.update(repr(obj).encode())
        return h.digest()

    keys = []
    for page in reader.pages:
        h = hashlib.sha256(KEY_VERSION)
        for name in ("/Contents", "/Resources", "/MediaBox", "/TrimBox", "/Rotate"):
            h.update(name.encode())
            h.update(digest(page.get(name)))
        keys.append(h.hexdigest())
    return keys


def thumbnails(pdf: bytes, cache: Path) -> list[Thumb]:
    """A thumbnail per page (trim box only): from `cache` when its key is there, else rendered
    and cached."""
    keys = page_keys(pdf)
    out: list[Thumb] = []
    document = None
    try:
        for index, key in enumerate(keys):
            path = cache / f"{key[:32]}.png"
            size = _png_size(path)
            if size is not None:
                out.append(Thumb(index, key, size[0], size[1], None, path))
                continue
            if document is None:
                import pypdfium2 as pdfium

                document = pdfium.PdfDocument(pdf)
            png, width, height = _render(document[index])
            try:
                write_bytes_atomic(path, png)
            except OSError:
                pass  # a cache we cannot write only costs time
            out.append(Thumb(index, key, width, height, png, path))
    finally:
        if document is not None:
            document.close()
    return out


def _render(page) -> tuple[bytes, int, int]:
    """The page's trim box as a PNG THUMB_WIDTH pixels wide."""
    left, bottom, right, top = page.get_mediabox()
    t_left, t_bottom, t_right, t_top = page.get_trimbox()
    scale = THUMB_WIDTH / max(1.0, t_right - t_left)
    crop = (t_left - left, t_bottom - bottom, right - t_right, top - t_top)
    bitmap = page.render(scale=scale, crop=crop, rev_byteorder=True, may_draw_forms=False)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        channels = bitmap.n_channels
        raw = bytes(bitmap.buffer)
    finally:
        bitmap.close()
        page.close()
    rows = (raw[y * stride : y * stride + width * channels] for y in range(height))
    return encode_png(rows, width, height, channels), width, height


def encode_png(rows, width: int, height: int, channels: int) -> bytes:
    """A PNG (8-bit RGB, or RGBA for 4 channels) of the pixel rows: no imaging library needed."""
    colour = {3: 2, 4: 6, 1: 0}[channels]
    data = b"".join(b"\x00" + row for row in rows)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(data, 6))
        + chunk(b"IEND", b"")
    )


def _png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a cached PNG, or None when it is missing or damaged."""
    try:
        with path.open("rb") as handle:
            head = handle.read(24)
        size = path.stat().st_size
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or size < 60:
        return None
    return struct.unpack(">II", head[16:24])
