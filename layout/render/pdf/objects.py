"""PDF values and their serialisation.

Python values map to PDF objects: bool, int, float, `Name`, `Ref`, bytes (a literal string),
`Text` (a text string: PDFDocEncoding-safe ASCII or UTF-16BE), list (array), dict (dictionary,
written with sorted keys so that output never depends on insertion order), `Stream`, `Raw`.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache


class Name(str):
    """A PDF name, written /Like#20this."""


@dataclass(frozen=True)
class Ref:
    number: int


@dataclass(frozen=True)
class Text:
    """A text string (titles, bookmarks, labels): Unicode, encoded on output."""

    value: str


@dataclass(frozen=True)
class Raw:
    """Already serialised PDF syntax (e.g. a date string built elsewhere)."""

    data: bytes


@dataclass
class Stream:
    data: bytes
    entries: dict = field(default_factory=dict)
    compress: bool = True


_NAME_SAFE = frozenset(
    b"!\"$&'*+,-.0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~"
)


def number(value: float, places: int = 4) -> bytes:
    """A number with at most `places` decimals and no trailing zeros ("-0" becomes "0")."""
    if isinstance(value, int):
        return str(value).encode("ascii")
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return b"0" if text in ("-0", "") else text.encode("ascii")


def serialize(value: object) -> bytes:
    if value is None:
        return b"null"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, Name):
        return _name(value)
    if isinstance(value, Ref):
        return b"%d 0 R" % value.number
    if isinstance(value, bytes):
        return literal_string(value)
    if isinstance(value, Text):
        return text_string(value.value)
    if isinstance(value, Raw):
        return value.data
    if isinstance(value, list | tuple):
        return b"[" + b" ".join(serialize(v) for v in value) + b"]"
    if isinstance(value, dict):
        return _dictionary(value)
    if isinstance(value, Stream):
        return _stream(value)
    raise TypeError(f"no PDF form for {type(value).__name__}")


@lru_cache(maxsize=4096)
def _name(value: str) -> bytes:
    """A name object, its unsafe bytes as #XX (a document uses a few dozen names thousands of
    times: /Type, /Font, /Page ...)."""
    return b"/" + b"".join(
        bytes([c]) if c in _NAME_SAFE else b"#%02X" % c for c in value.encode("utf-8")
    )


def _dictionary(entries: dict) -> bytes:
    items = sorted((str(k), v) for k, v in entries.items() if v is not None)
    return b"<<" + b"".join(serialize(Name(k)) + b" " + serialize(v) for k, v in items) + b">>"


def _stream(stream: Stream) -> bytes:
    data = stream.data
    entries = dict(stream.entries)
    if stream.compress:
        data = _deflate(data)
        entries["Filter"] = Name("FlateDecode")
    entries["Length"] = len(data)
    return _dictionary(entries) + b"\nstream\n" + data + b"\nendstream"


# The last few large streams compressed (font programs, the press profile), by content:
# `layout watch` writes the same subsets after most edits. Compressing them is most of writing
# the PDF's objects (60 ms a build), so they are also kept in the record cache, by the SHA-256
# of what they compress: the next build with the same glyph sets compresses nothing.
_DEFLATED: dict[bytes, bytes] = {}
_DEFLATED_KEPT = 8
_DEFLATED_FROM = 1 << 16  # bytes: smaller streams are compressed every time
_LEVEL = 6


def _deflate(data: bytes) -> bytes:
    if len(data) < _DEFLATED_FROM or type(data) is not bytes:  # bytearray: not a dict key
        return zlib.compress(data, _LEVEL)
    found = _DEFLATED.get(data)
    if found is None:
        if len(_DEFLATED) >= _DEFLATED_KEPT:
            del _DEFLATED[next(iter(_DEFLATED))]
        found = _DEFLATED[data] = _stored_deflate(data)
    return found


def _stored_deflate(data: bytes) -> bytes:
    from layout.fonts.cache import RecordCache, default_cache_dir

    records = RecordCache(default_cache_dir())
    key = f"{hashlib.sha256(data).hexdigest()}-{_LEVEL}"
    found = records.load("deflated", key, lambda meta, payload: payload)
    if found is None:
        found = zlib.compress(data, _LEVEL)
        records.put("deflated", key, {"size": len(data)}, found)
    return found


def literal_string(data: bytes) -> bytes:
    escaped = (
        data.replace(b"\\", b"\\\\")
        .replace(b"(", b"\\(")
        .replace(b")", b"\\)")
        .replace(b"\r", b"\\r")
    )
    return b"(" + escaped + b")"


def text_string(value: str) -> bytes:
    """Printable ASCII as a literal string; anything else as UTF-16BE with a byte order mark."""
    if all(32 <= ord(c) < 127 for c in value):
        return literal_string(value.encode("ascii"))
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"
