"""A TrueType subset assembled straight from the font file's tables, without fontTools.

fontTools loads and rewrites a whole CJK TrueType face (0.4 s for LXGW WenKai); this copies the
`glyf` entries of the wanted glyphs (and of the components of composite ones) through `loca`,
renumbers them in their old order (.notdef first), patches the component indices, and writes the
tables a PDF viewer reads from an embedded CIDFontType2 font: head, hhea, maxp, hmtx, loca,
glyf, the hinting programs (cvt, fpgm, prep), a format 3 post, OS/2 and a cmap for the
characters of the subset. Anything unexpected raises `Unsupported` (fontTools then subsets).
"""

from __future__ import annotations

import struct
from pathlib import Path

from layout.fonts.cffsubset import Unsupported, find_table, open_font

_COPIED = (b"OS/2", b"cvt ", b"fpgm", b"prep")
_ARGS_ARE_WORDS, _HAVE_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80
_MAX_COMPONENT_DEPTH = 16


def subset_glyf(
    path: Path, index: int, gids: list[int], cmap: dict[int, int]
) -> tuple[bytes, dict[int, int]]:
    """The TrueType font of face `index` of `path` cut to `gids` (sorted, 0 first) and the new
    glyph index of each of them; `cmap` (code point -> glyph id) gives the subset's cmap."""
    try:
        tables = _Tables(path, index)
    except (OSError, ValueError) as error:
        raise Unsupported(f"unreadable: {error}") from error
    try:
        return _subset(tables, gids, cmap)
    except (IndexError, struct.error, KeyError) as error:
        raise Unsupported(f"damaged TrueType font: {error}") from error
    finally:
        tables.close()


class _Tables:
    def __init__(self, path: Path, index: int) -> None:
        self.index = index
        self.data = open_font(path)

    def get(self, tag: bytes) -> bytes | None:
        try:
            offset, length = find_table(self.data, self.index, tag)
        except Unsupported:
            return None
        return bytes(self.data[offset : offset + length])

    def close(self) -> None:
        self.data.close()


def _subset(tables: _Tables, gids: list[int], cmap: dict[int, int]) -> tuple[bytes, dict]:
    head, hhea, maxp = tables.get(b"head"), tables.get(b"hhea"), tables.get(b"maxp")
    loca, glyf, hmtx = tables.get(b"loca"), tables.get(b"glyf"), tables.get(b"hmtx")
    if None in (head, hhea, maxp, loca, glyf, hmtx):
        raise Unsupported("a TrueType table is missing")
    count = struct.unpack_from(">H", maxp, 4)[0]
    long_loca = struct.unpack_from(">h", head, 50)[0] == 1
    if gids[-1] >= count:
        raise Unsupported("glyph id beyond the font")

    def entry(gid: int) -> bytes:
        if long_loca:
            start, end = struct.unpack_from(">II", loca, 4 * gid)
        else:
            start, end = (2 * v for v in struct.unpack_from(">HH", loca, 2 * gid))
        if not start <= end <= len(glyf):
            raise Unsupported("loca out of range")
        return glyf[start:end]

    programs: dict[int, bytes] = {}
    pending = list(gids)
    while pending:  # the closure over composite glyphs' components
        gid = pending.pop()
        if gid in programs:
            continue
        if gid >= count:
            raise Unsupported("component beyond the font")
        programs[gid] = entry(gid)
        pending.extend(_components(programs[gid]))
    order = sorted(programs)
    new = {old: i for i, old in enumerate(order)}
    metrics = _metrics(hmtx, struct.unpack_from(">H", hhea, 34)[0], order)

    glyphs, offsets, at = [], [], 0
    for old in order:
        program = _renumbered(programs[old], new)
        program += b"\0" * (-len(program) % 4)
        offsets.append(at)
        glyphs.append(program)
        at += len(program)
    offsets.append(at)
    out = {
        b"head": head[:8] + b"\0\0\0\0" + head[12:50] + b"\x00\x01" + head[52:54],
        b"hhea": hhea[:34] + struct.pack(">H", len(order)),
        b"maxp": maxp[:4] + struct.pack(">H", len(order)) + maxp[6:],
        b"hmtx": metrics,
        b"loca": struct.pack(f">{len(offsets)}I", *offsets),
        b"glyf": b"".join(glyphs),
        b"post": struct.pack(">I", 0x00030000) + (tables.get(b"post") or b"\0" * 32)[4:32],
        b"cmap": _cmap({cp: new[g] for cp, g in cmap.items() if g in new and g}),
    }
    for tag in _COPIED:
        if (blob := tables.get(tag)) is not None:
            out[tag] = blob
    return _font(out), {g: new[g] for g in gids}


def _components(program: bytes) -> list[int]:
    if len(program) < 10 or struct.unpack_from(">h", program, 0)[0] >= 0:
        return []
    found, at = [], 10
    for _ in range(_MAX_COMPONENT_DEPTH * 64):
        flags, gid = struct.unpack_from(">HH", program, at)
        found.append(gid)
        at += _component_size(flags)
        if not flags & _MORE:
            return found
    raise Unsupported("too many components")


def _component_size(flags: int) -> int:
    size = 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
    if flags & _HAVE_SCALE:
        size += 2
    elif flags & _XY_SCALE:
        size += 4
    elif flags & _TWO_BY_TWO:
        size += 8
    return size


def _renumbered(program: bytes, new: dict[int, int]) -> bytes:
    if len(program) < 10 or struct.unpack_from(">h", program, 0)[0] >= 0:
        return program
    out, at = bytearray(program), 10
    while True:
        flags, gid = struct.unpack_from(">HH", program, at)
        struct.pack_into(">H", out, at + 2, new[gid])
        at += _component_size(flags)
        if not flags & _MORE:
            return bytes(out)


def _metrics(hmtx: bytes, long_count: int, order: list[int]) -> bytes:
    """Every glyph as a long metric (advance, left side bearing)."""
    out = []
    for gid in order:
        if gid < long_count:
            out.append(hmtx[4 * gid : 4 * gid + 4])
        else:
            advance = hmtx[4 * (long_count - 1) : 4 * long_count - 2]
            at = 4 * long_count + 2 * (gid - long_count)
            out.append(advance + hmtx[at : at + 2])
    return b"".join(out)


def _cmap(mapping: dict[int, int]) -> bytes:
    """A (3, 10) format 12 cmap: one group per run of consecutive code points and glyphs."""
    groups: list[list[int]] = []
    for cp in sorted(mapping):
        gid = mapping[cp]
        if groups and cp == groups[-1][1] + 1 and gid == groups[-1][2] + cp - groups[-1][0]:
            groups[-1][1] = cp
        else:
            groups.append([cp, cp, gid])
    body = b"".join(struct.pack(">III", *g) for g in groups)
    sub = struct.pack(">HHIII", 12, 0, 16 + len(body), 0, len(groups)) + body
    return struct.pack(">HHHHI", 0, 1, 3, 10, 12) + sub


def _checksum(blob: bytes) -> int:
    blob += b"\0" * (-len(blob) % 4)
    return sum(struct.unpack(f">{len(blob) // 4}I", blob)) & 0xFFFFFFFF


def _font(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    entry_selector = max(n for n in range(16) if 1 << n <= len(tags))
    search_range = 16 << entry_selector
    header = struct.pack(
        ">IHHHH",
        0x00010000,
        len(tags),
        search_range,
        entry_selector,
        16 * len(tags) - search_range,
    )
    directory, body, at = [], [], 12 + 16 * len(tags)
    for tag in tags:
        blob = tables[tag]
        directory.append(struct.pack(">4sIII", tag, _checksum(blob), at, len(blob)))
        padded = blob + b"\0" * (-len(blob) % 4)
        body.append(padded)
        at += len(padded)
    font = bytearray(header + b"".join(directory) + b"".join(body))
    head_at = 12 + 16 * len(tags) + sum(len(b) for b in body[: tags.index(b"head")])
    adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    struct.pack_into(">I", font, head_at + 8, adjustment)
    return bytes(font)
