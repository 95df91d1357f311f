"""Per-face data the layout and the PDF writer need, read once from the font and cached.

Opening a CJK collection and reading its cmap and hmtx costs a few hundred milliseconds per
face; the same numbers come back from the disk cache in about a millisecond. Everything here is
in font units; `units_per_em` converts.
"""

from __future__ import annotations

import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools loads only on a cache miss (it costs ~0.1 s to import)
    from fontTools.ttLib import TTFont


from layout.fonts.cache import RecordCache, file_key
from layout.fonts.locate import FaceRef

# Bump when the record layout or its content changes, so old cache files become misses.
FORMAT = 2


@dataclass(frozen=True)
class FontInfo:
    """The face-wide numbers a PDF font descriptor and a baseline grid need (font units)."""

    postscript_name: str
    family: str
    style: str
    outlines: str  # "cff" (CID-keyed or name-keyed CFF) or "truetype" (glyf)
    units_per_em: int
    ascender: int  # OS/2 typo ascender: top of the ideographic em box in CJK fonts
    descender: int  # OS/2 typo descender (negative)
    cap_height: int
    bbox: tuple[int, int, int, int]
    italic_angle: float
    glyph_count: int


class ArrayCmap(Mapping[int, int]):
    """A face's cmap as the two sorted arrays its cache record holds, looked up by binary
    search: loading a face then builds no dict of 45 000 entries (10 ms a face, in every
    process that loads it), and lookups are few (each character is measured once a build).
    What was looked up is kept: the composer asks for a character's glyph (its advance, which
    face draws it) and the PDF writer again."""

    __slots__ = ("codepoints", "gids", "_known")

    def __init__(self, codepoints: array, gids: array) -> None:
        self.codepoints = codepoints  # ascending
        self.gids = gids
        self._known: dict[int, int] = {}  # code point -> glyph id, -1 when absent

    def get(self, cp: int, default: int | None = None) -> int | None:  # type: ignore[override]
        gid = self._known.get(cp)
        if gid is None:
            codepoints = self.codepoints
            i = bisect_left(codepoints, cp)
            found = i < len(codepoints) and codepoints[i] == cp
            gid = self._known[cp] = self.gids[i] if found else -1
        return default if gid == -1 else gid

    def __getitem__(self, cp: int) -> int:
        gid = self.get(cp, -1)
        if gid == -1:
            raise KeyError(cp)
        return gid

    def __contains__(self, cp: object) -> bool:
        return type(cp) is int and self.get(cp, -1) != -1

    def __iter__(self) -> Iterator[int]:
        return iter(self.codepoints)

    def __len__(self) -> int:
        return len(self.codepoints)

    def items(self) -> list[tuple[int, int]]:  # type: ignore[override]
        """(code point, glyph id) pairs in code point order, made at C speed."""
        return list(zip(self.codepoints, self.gids, strict=True))


class Face:
    """One face of one font file: character -> glyph id -> advance, plus `FontInfo`."""

    def __init__(
        self,
        ref: FaceRef,
        info: FontInfo,
        cmap: Mapping[int, int],
        advances: array,
        halt: dict[int, tuple[int, int]],
    ) -> None:
        self.ref = ref
        self.info = info
        self.cmap = cmap
        self.advances = advances
        # GPOS `halt` (x placement, x advance) of punctuation, in font units: how the font itself
        # would set a half-width mark. The composer may use it; the renderer does not.
        self.halt = halt

    @property
    def name(self) -> str:
        return f"{self.info.family} {self.info.style}"

    def glyph(self, char: str) -> int | None:
        """Glyph id of `char`, or None when the font has no glyph for it."""
        return self.cmap.get(ord(char))

    def advance_units(self, gid: int) -> int:
        return self.advances[gid]


def load_face(ref: FaceRef, cache: RecordCache) -> Face:
    """The face at `ref`, from the cache when the font file has not changed."""
    key = file_key(ref.path, ref.index, FORMAT)
    face = cache.load("faces", key, lambda header, payload: _from_record(ref, header, payload))
    if face is not None:
        return face
    face = _read_font(ref)
    cache.put("faces", key, *_to_record(face))
    return face


def _read_font(ref: FaceRef) -> Face:
    """The face read from the file's bytes (fontread.py, tens of milliseconds), or through
    fontTools (hundreds) for a font that reader does not handle."""
    from layout.fonts.fontread import Unreadable, read_face

    try:
        fields, cmap, advances, halt = read_face(ref.path, ref.index)
        return Face(ref, FontInfo(**fields), cmap, advances, halt)
    except (Unreadable, OSError, ValueError):
        return _read_with_fonttools(ref)


def _read_with_fonttools(ref: FaceRef) -> Face:
    from fontTools.ttLib import TTFont

    font = TTFont(str(ref.path), fontNumber=ref.index, lazy=True)
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    cmap = {cp: order[name] for cp, name in font.getBestCmap().items()}
    hmtx = font["hmtx"].metrics
    advances = array("H", (hmtx[name][0] for name in font.getGlyphOrder()))
    return Face(ref, _info(font), cmap, advances, _halt(font, cmap, order))


def _info(font: TTFont) -> FontInfo:
    name, head, os2 = font["name"], font["head"], font["OS/2"]
    return FontInfo(
        postscript_name=name.getDebugName(6) or "Unnamed",
        family=name.getDebugName(16) or name.getDebugName(1) or "",
        style=name.getDebugName(17) or name.getDebugName(2) or "",
        outlines="cff" if "CFF " in font else "truetype",
        units_per_em=head.unitsPerEm,
        ascender=os2.sTypoAscender,
        descender=os2.sTypoDescender,
        cap_height=getattr(os2, "sCapHeight", 0) or os2.sTypoAscender,
        bbox=(head.xMin, head.yMin, head.xMax, head.yMax),
        italic_angle=float(font["post"].italicAngle),
        glyph_count=font["maxp"].numGlyphs,
    )


def _halt(font: TTFont, cmap: dict[int, int], order: dict[str, int]) -> dict[int, tuple[int, int]]:
    """Single-adjustment values of the GPOS `halt` feature, for punctuation only."""
    if "GPOS" not in font:
        return {}
    table = font["GPOS"].table
    if table.FeatureList is None:
        return {}
    lookups = sorted(
        {
            index
            for record in table.FeatureList.FeatureRecord
            if record.FeatureTag == "halt"
            for index in record.Feature.LookupListIndex
        }
    )
    by_gid: dict[int, tuple[int, int]] = {}
    for index in lookups:
        lookup = table.LookupList.Lookup[index]
        for sub in lookup.SubTable:
            sub = sub.ExtSubTable if lookup.LookupType == 9 else sub
            if getattr(sub, "LookupType", 1) != 1 or sub.Format not in (1, 2):
                continue  # only single adjustments carry halt values
            values = [sub.Value] * len(sub.Coverage.glyphs) if sub.Format == 1 else sub.Value
            for glyph_name, value in zip(sub.Coverage.glyphs, values, strict=True):
                xp = getattr(value, "XPlacement", 0) or 0
                xa = getattr(value, "XAdvance", 0) or 0
                by_gid.setdefault(order[glyph_name], (xp, xa))
    return {
        cp: by_gid[gid]
        for cp, gid in cmap.items()
        if gid in by_gid and unicodedata.category(chr(cp)).startswith("P")
    }


def _to_record(face: Face) -> tuple[dict, bytes]:
    if isinstance(face.cmap, ArrayCmap):
        codepoints, gids = face.cmap.codepoints, face.cmap.gids
    else:
        codepoints = array("I", sorted(face.cmap))
        gids = array("I", map(face.cmap.__getitem__, codepoints))
    header = {
        "info": face.info.__dict__,
        "counts": [len(codepoints), len(face.advances)],
        "halt": sorted([cp, *v] for cp, v in face.halt.items()),
    }
    return header, codepoints.tobytes() + gids.tobytes() + face.advances.tobytes()


def _from_record(ref: FaceRef, header: dict, payload: bytes) -> Face:
    """The face of a verified record; raises on any field of another shape (then rebuilt).

    The glyph ids themselves are not range-checked (7 ms a build): the record's hash and key
    vouch for them."""
    n_cmap, n_glyphs = header["counts"]
    if not (type(n_cmap) is int and type(n_glyphs) is int and n_cmap >= 0 and n_glyphs > 0):
        raise ValueError("counts")
    if len(payload) != 8 * n_cmap + 2 * n_glyphs:
        raise ValueError("payload size")
    codepoints, gids, advances = array("I"), array("I"), array("H")
    codepoints.frombytes(payload[: 4 * n_cmap])
    gids.frombytes(payload[4 * n_cmap : 8 * n_cmap])
    advances.frombytes(payload[8 * n_cmap :])
    info = _info_from(header["info"])
    halt = {cp: (xp, xa) for cp, xp, xa in header["halt"]}
    if not all(type(v) is int for entry in halt.items() for v in (entry[0], *entry[1])):
        raise ValueError("halt values")
    # (written sorted by _to_record; as for the glyph ids, the record's hash vouches for it)
    return Face(ref, info, ArrayCmap(codepoints, gids), advances, halt)


def _info_from(fields: dict) -> FontInfo:
    info = FontInfo(**dict(fields, bbox=tuple(fields["bbox"])))
    numbers = (info.ascender, info.descender, info.cap_height, info.glyph_count, *info.bbox)
    if not (
        all(type(v) is str for v in (info.postscript_name, info.family, info.style))
        and info.outlines in ("cff", "truetype")
        and type(info.units_per_em) is int
        and info.units_per_em > 0
        and len(info.bbox) == 4
        and all(type(v) is int for v in numbers)
        and type(info.italic_angle) in (int, float)
    ):
        raise ValueError("font info of another shape")
    return info
