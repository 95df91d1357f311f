"""A CID-keyed CFF subset assembled straight from the font file's bytes, without fontTools.

fontTools parses a CJK face's whole CFF (65 535 charstrings, 20 MB) and takes about two seconds;
this reads only what the wanted glyphs need: their charstrings (found through the CharStrings
INDEX's offset array), the subroutines they call (found by executing the charstrings' operators
far enough to follow `callsubr`/`callgsubr` and skip `hintmask` bytes) and the Font DICTs of
their FDs. The subroutines are renumbered densely, so the subset is as small as fontTools' one.

Each glyph keeps its CID (the charset maps the subset's glyph indices back to them) so that
content streams draw by CID whatever else the subset holds. Anything this module does not
expect (a name-keyed CFF, a computed subroutine number, a truncated table) raises
`Unsupported`; the caller then subsets with fontTools instead.
"""

from __future__ import annotations

import marshal
import mmap
import struct
from pathlib import Path

from layout.fonts.errors import Unsupported
from layout.native import kernel

_walk = kernel("layout.fonts.charstrings")  # compiled by `make compile` when it can be

# Top DICT operators whose operand is an offset this module rewrites.
_CHARSET, _CHARSTRINGS, _PRIVATE, _SUBRS = 15, 17, 18, 19
_FDARRAY, _FDSELECT, _ROS = 1236, 1237, 1230  # two-byte operators as 1200 + second byte
_OFFSET_OPS = {_CHARSET, _CHARSTRINGS, _FDARRAY, _FDSELECT}
_ENCODING = 16  # no meaning in a CID font


def open_font(path: Path) -> mmap.mmap:
    """The font file mapped read-only: only the pages a subset reads are loaded."""
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def find_table(data: mmap.mmap, index: int, tag: bytes) -> tuple[int, int]:
    """(offset, length) of table `tag` of face `index` of the font file `data`."""
    base = 0
    if data[:4] == b"ttcf":
        count = struct.unpack_from(">I", data, 8)[0]
        if not 0 <= index < count:
            raise Unsupported("face index")
        base = struct.unpack_from(">I", data, 12 + 4 * index)[0]
    tables = struct.unpack_from(">H", data, base + 4)[0]
    for i in range(tables):
        entry = base + 12 + 16 * i
        if data[entry : entry + 4] == tag:
            offset, length = struct.unpack_from(">II", data, entry + 8)
            if offset + length > len(data):
                raise Unsupported("table beyond the file")
            return offset, length
    raise Unsupported(f"no {tag!r} table")


class _Index:
    """A CFF INDEX read in place: entry i is data[start(i):end(i)]."""

    def __init__(self, data: bytes | memoryview, pos: int) -> None:
        self.data = data
        self.count = struct.unpack_from(">H", data, pos)[0]
        if self.count == 0:
            self.end = pos + 2
            self.off_size = 0
            return
        self.off_size = data[pos + 2]
        if not 1 <= self.off_size <= 4:
            raise Unsupported("INDEX offset size")
        self.offsets_at = pos + 3
        self.base = pos + 2 + (self.count + 1) * self.off_size
        self.end = self.base + self._offset(self.count)

    def _offset(self, i: int) -> int:
        at = self.offsets_at + i * self.off_size
        return int.from_bytes(self.data[at : at + self.off_size], "big")

    def __getitem__(self, i: int) -> bytes:
        if not 0 <= i < self.count:
            raise Unsupported("INDEX entry out of range")
        # both offsets in one read: every glyph and subroutine of a subset comes here
        at = self.offsets_at + i * self.off_size
        if self.off_size == 3:  # a big byte and a short each
            high, low, high_end, low_end = _THREE_BYTE_PAIR.unpack_from(self.data, at)
            start, end = high << 16 | low, high_end << 16 | low_end
        else:
            start, end = _OFFSET_PAIRS[self.off_size].unpack_from(self.data, at)
        return bytes(self.data[self.base + start : self.base + end])


_OFFSET_PAIRS = {1: struct.Struct(">BB"), 2: struct.Struct(">HH"), 4: struct.Struct(">II")}
_THREE_BYTE_PAIR = struct.Struct(">BHBH")


def _parse_dict(blob: bytes) -> list[tuple[int, bytes, list[float]]]:
    """(operator, raw operand bytes, operand values) of a DICT, in order."""
    entries, i, start, values = [], 0, 0, []
    while i < len(blob):
        b0 = blob[i]
        if b0 <= 21:
            op = 1200 + blob[i + 1] if b0 == 12 else b0
            entries.append((op, blob[start:i], values))
            i += 2 if b0 == 12 else 1
            start, values = i, []
        elif b0 == 28:
            values.append(struct.unpack_from(">h", blob, i + 1)[0])
            i += 3
        elif b0 == 29:
            values.append(struct.unpack_from(">i", blob, i + 1)[0])
            i += 5
        elif b0 == 30:  # real number: nibbles up to an 0xf terminator
            i += 1
            while i < len(blob) and (blob[i] & 0x0F) != 0x0F and (blob[i] >> 4) != 0x0F:
                i += 1
            values.append(0.0)
            i += 1
        elif 32 <= b0 <= 246:
            values.append(b0 - 139)
            i += 1
        elif 247 <= b0 <= 250:
            values.append((b0 - 247) * 256 + blob[i + 1] + 108)
            i += 2
        elif 251 <= b0 <= 254:
            values.append(-(b0 - 251) * 256 - blob[i + 1] - 108)
            i += 2
        else:
            raise Unsupported("DICT operand")
    return entries


def _op_bytes(op: int) -> bytes:
    return bytes((12, op - 1200)) if op >= 1200 else bytes((op,))


def _int5(value: int) -> bytes:
    return b"\x1d" + struct.pack(">i", value)  # fixed size, so offsets can be patched in


def _dict_bytes(entries: list[tuple[int, bytes]]) -> bytes:
    return b"".join(raw + _op_bytes(op) for op, raw in entries)


def _index_bytes(items: list[bytes]) -> bytes:
    if not items:
        return b"\x00\x00"
    total = sum(len(x) for x in items) + 1
    size = 1 if total < 1 << 8 else 2 if total < 1 << 16 else 3 if total < 1 << 24 else 4
    offsets, at = [], 1
    for item in items:
        offsets.append(at.to_bytes(size, "big"))
        at += len(item)
    offsets.append(at.to_bytes(size, "big"))
    return struct.pack(">HB", len(items), size) + b"".join(offsets) + b"".join(items)


def _number(value: int) -> bytes:
    """A Type 2 charstring integer operand (the shortest encoding)."""
    if -107 <= value <= 107:
        return bytes((value + 139,))
    if 108 <= value <= 1131:
        value -= 108
        return bytes((247 + (value >> 8), value & 0xFF))
    if -1131 <= value <= -108:
        value = -value - 108
        return bytes((251 + (value >> 8), value & 0xFF))
    return b"\x1c" + struct.pack(">h", value)


def _calls(order: list[int], operator: bytes) -> dict[int, bytes]:
    """Old subroutine number -> the bytes that call it once `order` is renumbered 0, 1, ..."""
    bias = _walk.bias(len(order))
    return {old: _number(new - bias) + operator for new, old in enumerate(order)}


class GlyphPrograms:
    """The charstrings of one face already cut at their subroutine calls, kept between builds
    (subset.py stores them in the font cache): a glyph new to the document is walked alone, and
    a subset is then assembled from the cut pieces without reading any charstring again.

    glyphs: gid -> (FD, CID, program); gsubrs: number -> program; lsubrs: FD -> number ->
    program; effects: FD -> (global?, number) -> what a hint-free subroutine does to the stack.
    """

    def __init__(self) -> None:
        self.glyphs: dict[int, tuple[int, int, _walk.Program]] = {}
        self.gsubrs: dict[int, _walk.Program] = {}
        self.lsubrs: dict[int, dict[int, _walk.Program]] = {}
        self.effects: dict[int, dict[tuple[bool, int], tuple[bool, int] | None]] = {}
        self.dirty = False  # glyphs were added since it was loaded

    def dumps(self) -> bytes:
        def cut(program: _walk.Program) -> tuple:
            return (tuple(program.pieces), tuple(program.calls))

        return marshal.dumps(
            (
                {g: (fd, cid, *cut(p)) for g, (fd, cid, p) in self.glyphs.items()},
                {n: cut(p) for n, p in self.gsubrs.items()},
                {fd: {n: cut(p) for n, p in subrs.items()} for fd, subrs in self.lsubrs.items()},
                self.effects,
            )
        )

    @classmethod
    def loads(cls, blob: bytes) -> GlyphPrograms:
        """Raises on data of another shape (the caller then starts afresh)."""
        glyphs, gsubrs, lsubrs, effects = marshal.loads(blob)
        store = cls()
        store.glyphs = {g: (fd, cid, _program(p, c)) for g, (fd, cid, p, c) in glyphs.items()}
        store.gsubrs = {n: _program(p, c) for n, (p, c) in gsubrs.items()}
        store.lsubrs = {
            fd: {n: _program(p, c) for n, (p, c) in subrs.items()} for fd, subrs in lsubrs.items()
        }
        if not all(type(e) is dict for e in effects.values()):
            raise ValueError("effects")
        store.effects = effects
        return store


def _program(pieces: tuple, calls: tuple) -> _walk.Program:
    # pieces that are not bytes fail when joined (TypeError: the store is then not used)
    if len(pieces) != len(calls) + 1:
        raise ValueError("a program of another shape")
    program = _walk.Program()
    program.pieces, program.calls = pieces, calls
    return program


def subset_cff(
    path: Path, index: int, gids: list[int], store: GlyphPrograms | None = None
) -> tuple[bytes, dict[int, int]]:
    """The CFF table of face `index` of `path` cut to `gids` (sorted, 0 first), and each
    glyph's CID. `store` keeps the cut charstrings between calls (and gains the new ones)."""
    data = open_font(path)
    start, length = find_table(data, index, b"CFF ")
    # a view, not a copy: a CJK CFF is 20 MB, of which a subset reads a few hundred kB (the
    # mapping closes when the last view of it goes, at the latest when this returns)
    cff = memoryview(data)[start : start + length]
    try:
        return _subset(cff, gids, store if store is not None else GlyphPrograms())
    except (IndexError, struct.error, KeyError, TypeError, ValueError) as error:
        raise Unsupported(f"damaged CFF or glyph programs: {error}") from error


def _subset(cff: memoryview, gids: list[int], store: GlyphPrograms) -> tuple[bytes, dict[int, int]]:
    if cff[0] != 1:
        raise Unsupported("CFF version")
    names = _Index(cff, cff[2])
    tops = _Index(cff, names.end)
    strings = _Index(cff, tops.end)
    gsubrs = _Index(cff, strings.end)
    if names.count != 1:
        raise Unsupported("a CFF with several fonts")
    top = _parse_dict(tops[0])
    ops = {op: values for op, _, values in top}
    if _ROS not in ops or _FDARRAY not in ops or _FDSELECT not in ops:
        raise Unsupported("not a CID-keyed CFF")
    charstrings = _Index(cff, int(ops[_CHARSTRINGS][0]))
    if gids[-1] >= charstrings.count:
        raise Unsupported("glyph id beyond the font")
    fdarray = _Index(cff, int(ops[_FDARRAY][0]))
    privates: dict[int, tuple[list[tuple[int, bytes, list[float]]], int, int | None]] = {}

    def private(fd: int) -> tuple[list[tuple[int, bytes, list[float]]], int, int | None]:
        if fd not in privates:
            entries = [values for op, _, values in _parse_dict(fdarray[fd]) if op == _PRIVATE]
            if not entries:
                raise Unsupported("Font DICT without Private")
            size, offset = (int(v) for v in entries[0])
            dict_ = _parse_dict(bytes(cff[offset : offset + size]))
            subrs_at = [int(values[0]) for op, _, values in dict_ if op == _SUBRS]
            privates[fd] = (dict_, offset, offset + subrs_at[0] if subrs_at else None)
        return privates[fd]

    # walk the glyphs not cut before, each with its FD's local subroutines
    fresh = [g for g in gids if g not in store.glyphs]
    if fresh:
        cids = _charset(cff, int(ops[_CHARSET][0]), charstrings.count, fresh)
        fds = _fd_select(cff, int(ops[_FDSELECT][0]), charstrings.count, fresh)
        walkers: dict[int, _walk.Walker] = {}
        for gid in fresh:
            fd = fds[gid]
            if fd not in walkers:
                subrs_at = private(fd)[2]
                walkers[fd] = _walk.Walker(
                    gsubrs,
                    _Index(cff, subrs_at) if subrs_at is not None else None,
                    store.gsubrs,
                    store.lsubrs.setdefault(fd, {}),
                    store.effects.setdefault(fd, {}),
                )
            store.glyphs[gid] = (fd, cids[gid], walkers[fd].glyph(charstrings[gid]))
        store.dirty = True
    fd_of = {g: store.glyphs[g][0] for g in gids}
    used_fds = sorted(set(fd_of.values()))
    fd_new = {fd: i for i, fd in enumerate(used_fds)}

    # the subroutines these glyphs call, directly or through others
    roots = [(fd_of[g], store.glyphs[g][2]) for g in gids]
    gused, lused = _walk.called(
        roots, store.gsubrs, {fd: store.lsubrs.get(fd, {}) for fd in used_fds}
    )

    # dense numbering of the subroutines used, in their old order
    gorder = sorted(gused)
    gcalls = _calls(gorder, b"\x1d")
    lorders = {fd: sorted(lused[fd]) for fd in used_fds}
    lcalls = {fd: _calls(lorders[fd], b"\x0a") for fd in used_fds}
    gsubr_bytes = [_walk.renumbered(store.gsubrs[n], gcalls, {}) for n in gorder]
    glyph_bytes = [_walk.renumbered(store.glyphs[g][2], gcalls, lcalls[fd_of[g]]) for g in gids]
    local_bytes = {}
    for fd in used_fds:
        subrs = store.lsubrs[fd]
        local_bytes[fd] = [_walk.renumbered(subrs[n], gcalls, lcalls[fd]) for n in lorders[fd]]
    fonts = _Fonts(names[0], tops[0], [strings[i] for i in range(strings.count)], gsubr_bytes)
    fds = [(fdarray[fd], private(fd)[0], local_bytes[fd]) for fd in used_fds]
    selects = [fd_new[fd_of[g]] for g in gids]
    cids = {g: store.glyphs[g][1] for g in gids}
    return _assemble(fonts, top, glyph_bytes, [cids[g] for g in gids], selects, fds), cids


class _Fonts:
    """The parts of the CFF copied as they are (names, strings) or already cut (subrs)."""

    def __init__(self, name: bytes, top: bytes, strings: list[bytes], gsubrs: list[bytes]):
        self.name, self.top, self.strings, self.gsubrs = name, top, strings, gsubrs


def _charset(cff: memoryview, at: int, count: int, gids: list[int]) -> dict[int, int]:
    """CID of each wanted glyph."""
    fmt = cff[at]
    wanted = set(gids)
    cids = {0: 0}
    gid, pos = 1, at + 1
    while gid < count and len(cids) < len(wanted) + 1:
        if fmt == 0:
            # the table is one CID per glyph: read the wanted ones directly
            for g in gids:
                if g:
                    cids[g] = struct.unpack_from(">H", cff, at + 1 + 2 * (g - 1))[0]
            break
        first = struct.unpack_from(">H", cff, pos)[0]
        if fmt == 1:
            left, pos = cff[pos + 2], pos + 3
        elif fmt == 2:
            left, pos = struct.unpack_from(">H", cff, pos + 2)[0], pos + 4
        else:
            raise Unsupported("charset format")
        last_gid = gid + left
        for g in gids:
            if gid <= g <= last_gid:
                cids[g] = first + g - gid
        gid = last_gid + 1
    return {g: cids[g] for g in gids}


def _fd_select(cff: memoryview, at: int, count: int, gids: list[int]) -> dict[int, int]:
    fmt = cff[at]
    if fmt == 0:
        return {g: cff[at + 1 + g] for g in gids}
    if fmt != 3:
        raise Unsupported("FDSelect format")
    ranges = struct.unpack_from(">H", cff, at + 1)[0]
    firsts = [struct.unpack_from(">H", cff, at + 3 + 3 * r)[0] for r in range(ranges + 1)]
    fds = [cff[at + 5 + 3 * r] for r in range(ranges)]
    out, r = {}, 0
    for g in gids:  # sorted: one pass over the ranges
        while r + 1 < len(firsts) and firsts[r + 1] <= g:
            r += 1
        if r >= ranges:
            raise Unsupported("FDSelect does not cover the glyph")
        out[g] = fds[r]
    return out


def _fdselect3(fds: list[int]) -> bytes:
    ranges = [(g, fd) for g, fd in enumerate(fds) if g == 0 or fds[g - 1] != fd]
    body = b"".join(struct.pack(">HB", g, fd) for g, fd in ranges)
    return struct.pack(">BH", 3, len(ranges)) + body + struct.pack(">H", len(fds))


def _assemble(
    fonts: _Fonts,
    top: list[tuple[int, bytes, list[float]]],
    glyphs: list[bytes],
    cids: list[int],
    selects: list[int],
    fds: list[tuple[bytes, list[tuple[int, bytes, list[float]]], list[bytes]]],
) -> bytes:
    """The subset CFF: header, INDEXes, then charset, FDSelect, CharStrings, Private DICTs
    with their Subrs, FDArray. Offsets are written as 5-byte integers so that the Top DICT's
    size is known before the offsets are."""
    header = bytes((1, 0, 4, 4))
    name_index = _index_bytes([fonts.name])
    string_index = _index_bytes(fonts.strings)
    gsubr_index = _index_bytes(fonts.gsubrs)
    charset = b"\x00" + b"".join(struct.pack(">H", c) for c in cids[1:])
    fdselect = _fdselect3(selects)
    charstrings = _index_bytes(glyphs)
    kept_top = [(op, raw) for op, raw, _ in top if op not in _OFFSET_OPS and op != _ENCODING]
    top_size = len(_dict_bytes(kept_top + [(op, _int5(0)) for op in _OFFSET_OPS]))
    at = len(header) + len(name_index) + len(_index_bytes([b"\x00" * top_size]))
    charset_at = at + len(string_index) + len(gsubr_index)
    fdselect_at = charset_at + len(charset)
    charstrings_at = fdselect_at + len(fdselect)
    at = charstrings_at + len(charstrings)
    private_blobs, font_dicts = [], []
    for font_dict, private, subrs in fds:
        kept = [(op, raw) for op, raw, _ in private if op != _SUBRS]
        if subrs:
            size = len(_dict_bytes(kept)) + 6  # the Subrs entry: 5-byte offset + operator
            kept.append((_SUBRS, _int5(size)))
        blob = _dict_bytes(kept)
        entries = [(op, raw) for op, raw, _ in _parse_dict(font_dict) if op != _PRIVATE]
        entries.append((_PRIVATE, _int5(len(blob)) + _int5(at)))
        font_dicts.append(_dict_bytes(entries))
        blob += _index_bytes(subrs) if subrs else b""
        private_blobs.append(blob)
        at += len(blob)
    top_dict = _dict_bytes(
        kept_top
        + [
            (_CHARSET, _int5(charset_at)),
            (_CHARSTRINGS, _int5(charstrings_at)),
            (_FDARRAY, _int5(at)),
            (_FDSELECT, _int5(fdselect_at)),
        ]
    )
    if len(top_dict) != top_size:
        raise Unsupported("Top DICT size")
    parts = [header, name_index, _index_bytes([top_dict]), string_index, gsubr_index]
    parts += [charset, fdselect, charstrings, *private_blobs, _index_bytes(font_dicts)]
    return b"".join(parts)
