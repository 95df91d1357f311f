"""What face.py keeps of a font (cmap, advances, `halt` values, FontInfo), read from the bytes.

fontTools builds glyph names for all 65 535 glyphs of a CJK face before it answers a cmap
(about 0.25 s a face, plus 0.1 s to import it); the tables themselves are simple arrays, read
here in tens of milliseconds. The answers are the same as fontTools' (a test compares them on
the installed faces); anything unexpected raises `Unreadable` and face.py asks fontTools.
"""

from __future__ import annotations

import struct
import sys
import unicodedata
from array import array
from pathlib import Path

from layout.fonts.cffsubset import Unsupported, find_table, open_font

# getBestCmap's order of preference: (platform, encoding)
_CMAP_PREFERENCE = [(3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)]


class Unreadable(Exception):
    """A font this reader does not handle."""


def read_face(path: Path, index: int) -> tuple[dict, dict[int, int], array, dict]:
    """(FontInfo fields, cmap, advances, halt) of face `index` of the font at `path`."""
    data = open_font(path)
    try:

        def table(tag: bytes, copy: bool = True) -> bytes | None:
            """The table's bytes (b"" when `copy` is False: only whether it is there)."""
            try:
                offset, length = find_table(data, index, tag)
            except Unsupported:
                return None
            return bytes(data[offset : offset + length]) if copy else b""

        return _read(table)
    except (Unsupported, IndexError, struct.error, KeyError, UnicodeDecodeError) as error:
        raise Unreadable(str(error)) from error
    finally:
        data.close()


def _read(table) -> tuple[dict, dict[int, int], array, dict]:
    head, hhea, maxp, os2 = table(b"head"), table(b"hhea"), table(b"maxp"), table(b"OS/2")
    name, post, hmtx, cmap_table = table(b"name"), table(b"post"), table(b"hmtx"), table(b"cmap")
    if None in (head, hhea, maxp, os2, name, post, hmtx, cmap_table):
        raise Unreadable("a required table is missing")
    glyph_count = struct.unpack_from(">H", maxp, 4)[0]
    cmap = _cmap(cmap_table)
    if cmap and max(cmap.values()) >= glyph_count:  # a damaged cmap: drop what it cannot draw
        cmap = {cp: gid for cp, gid in cmap.items() if gid < glyph_count}
    advances = _advances(hmtx, struct.unpack_from(">H", hhea, 34)[0], glyph_count)
    names = _names(name)
    x_min, y_min, x_max, y_max = struct.unpack_from(">hhhh", head, 36)
    os2_version = struct.unpack_from(">H", os2, 0)[0]
    ascender, descender = struct.unpack_from(">hh", os2, 68)
    cap_height = struct.unpack_from(">h", os2, 88)[0] if os2_version >= 2 else 0
    fields = {
        "postscript_name": names.get(6) or "Unnamed",
        "family": names.get(16) or names.get(1) or "",
        "style": names.get(17) or names.get(2) or "",
        "outlines": "cff" if table(b"CFF ", copy=False) is not None else "truetype",
        "units_per_em": struct.unpack_from(">H", head, 18)[0],
        "ascender": ascender,
        "descender": descender,
        "cap_height": cap_height or ascender,
        "bbox": (x_min, y_min, x_max, y_max),
        "italic_angle": struct.unpack_from(">i", post, 4)[0] / 65536,
        "glyph_count": glyph_count,
    }
    gpos = table(b"GPOS")
    halt = _halt(gpos, cmap) if gpos is not None else {}
    return fields, cmap, advances, halt


def _cmap(blob: bytes) -> dict[int, int]:
    count = struct.unpack_from(">H", blob, 2)[0]
    subtables = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", blob, 4 + 8 * i)
        subtables.setdefault((platform, encoding), offset)
    for key in _CMAP_PREFERENCE:
        if key in subtables:
            offset = subtables[key]
            fmt = struct.unpack_from(">H", blob, offset)[0]
            if fmt == 12:
                return _cmap12(blob, offset)
            if fmt == 4:
                return _cmap4(blob, offset)
            raise Unreadable(f"cmap format {fmt}")
    raise Unreadable("no Unicode cmap")


def _cmap12(blob: bytes, at: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", blob, at + 12)[0]
    out: dict[int, int] = {}
    for start, end, gid in struct.iter_unpack(">III", blob[at + 16 : at + 16 + 12 * groups]):
        if start == end:  # most groups of a CJK face (11 248 of 15 647): a store beats a zip
            out[start] = gid
            continue
        if end - start > 0x10FFFF:
            raise Unreadable("cmap group")
        out.update(zip(range(start, end + 1), range(gid, gid + end - start + 1), strict=True))
    return out


def _cmap4(blob: bytes, at: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", blob, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", blob, at + 14)
    starts = struct.unpack_from(f">{segments}H", blob, at + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", blob, at + 16 + 4 * segments)
    range_at = at + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", blob, range_at)
    out: dict[int, int] = {}
    for i in range(segments - 1):  # as fontTools: the last segment is the 0xFFFF sentinel
        start, end, delta, offset = starts[i], ends[i], deltas[i], ranges[i]
        for cp in range(start, end + 1):
            if offset == 0:
                gid = (cp + delta) & 0xFFFF
            else:
                where = range_at + 2 * i + offset + 2 * (cp - start)
                gid = struct.unpack_from(">H", blob, where)[0]
                gid = (gid + delta) & 0xFFFF if gid else 0
            if gid:  # as fontTools: a character mapped to .notdef is not in the font
                out[cp] = gid
    return out


def _advances(hmtx: bytes, long_count: int, glyph_count: int) -> array:
    advances = array("H", hmtx[: 4 * long_count])
    if sys.byteorder == "little":
        advances.byteswap()
    advances = advances[::2]  # (advance, left side bearing) pairs
    advances.extend([advances[-1]] * (glyph_count - long_count))
    return advances[:glyph_count]


def _names(blob: bytes) -> dict[int, str]:
    """getDebugName's answer for each name id: English if there is one, else the last one."""
    count, strings = struct.unpack_from(">HH", blob, 2)
    english: dict[int, str] = {}
    some: dict[int, str] = {}
    for i in range(count):
        platform, encoding, lang, name_id, length, offset = struct.unpack_from(
            ">HHHHHH", blob, 6 + 12 * i
        )
        if name_id in english:
            continue
        raw = blob[strings + offset : strings + offset + length]
        if platform in (0, 3) or (platform == 2 and encoding == 1):
            text = raw.decode("utf-16-be")
        elif platform == 1 and encoding == 0:
            text = raw.decode("mac_roman")
        else:
            continue
        some[name_id] = text
        if (platform, lang) in ((1, 0), (3, 0x409)):
            english[name_id] = text
    return {**some, **english}


def _halt(gpos: bytes, cmap: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Single-adjustment values of the GPOS `halt` feature, for punctuation only."""
    features_at, lookups_at = struct.unpack_from(">HH", gpos, 6)
    if not features_at:
        return {}
    indices: set[int] = set()
    for i in range(struct.unpack_from(">H", gpos, features_at)[0]):
        tag, offset = struct.unpack_from(">4sH", gpos, features_at + 2 + 6 * i)
        if tag == b"halt":
            feature = features_at + offset
            n = struct.unpack_from(">H", gpos, feature + 2)[0]
            indices.update(struct.unpack_from(f">{n}H", gpos, feature + 4))
    by_gid: dict[int, tuple[int, int]] = {}
    for index in sorted(indices):
        lookup = lookups_at + struct.unpack_from(">H", gpos, lookups_at + 2 + 2 * index)[0]
        kind, _, subs = struct.unpack_from(">HHH", gpos, lookup)
        for j in range(subs):
            sub = lookup + struct.unpack_from(">H", gpos, lookup + 6 + 2 * j)[0]
            sub_kind = kind
            if kind == 9:
                sub_kind, extension = struct.unpack_from(">HI", gpos, sub + 2)
                sub += extension
            if sub_kind == 1:
                _single(gpos, sub, by_gid)
    return {
        cp: by_gid[gid]
        for cp, gid in cmap.items()
        if gid in by_gid and unicodedata.category(chr(cp)).startswith("P")
    }


def _single(gpos: bytes, sub: int, by_gid: dict[int, tuple[int, int]]) -> None:
    fmt, coverage, value_format = struct.unpack_from(">HHH", gpos, sub)
    if fmt not in (1, 2):
        return
    size = 2 * bin(value_format).count("1")
    glyphs = _coverage(gpos, sub + coverage)
    for k, gid in enumerate(glyphs):
        at = sub + 6 if fmt == 1 else sub + 8 + size * k
        by_gid.setdefault(gid, _value(gpos, at, value_format))


def _value(gpos: bytes, at: int, value_format: int) -> tuple[int, int]:
    fields = struct.unpack_from(f">{bin(value_format).count('1')}h", gpos, at)
    x_placement = x_advance = 0
    k = 0
    for bit in range(8):
        if value_format & (1 << bit):
            if bit == 0:
                x_placement = fields[k]
            elif bit == 2:
                x_advance = fields[k]
            k += 1
    return (x_placement, x_advance)


def _coverage(gpos: bytes, at: int) -> list[int]:
    fmt, count = struct.unpack_from(">HH", gpos, at)
    if fmt == 1:
        return list(struct.unpack_from(f">{count}H", gpos, at + 4))
    if fmt == 2:
        glyphs: list[int] = []
        for start, end, _ in struct.iter_unpack(">HHH", gpos[at + 4 : at + 4 + 6 * count]):
            glyphs.extend(range(start, end + 1))
        return glyphs
    raise Unreadable("coverage format")
