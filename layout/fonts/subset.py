"""Cut a face down to the glyphs a document uses, for embedding.

CFF faces keep their CID-keyed CFF: the subset program is the CFF table itself (what a PDF
embeds as /FontFile3 /CIDFontType0C), and each glyph keeps its CID, so content streams can
refer to glyphs by the same number whatever else the subset contains. TrueType faces become a
small TrueType font; their glyphs are renumbered, and `cid_to_gid` maps the stable CIDs (the
original glyph ids) to the new ones.

The subset is assembled from the font file's own bytes (cffsubset.py, glyfsubset.py: a CJK
face in a tenth of a second or less, reading only the glyphs and subroutines it needs);
fontTools subsets only a font those modules do not handle (seconds on a CJK face). Results are
still cached by (font file, face, glyph set). A cached subset is printed as it is, so it is
trusted only after the cache's hash check (payload, header and key: the font file's identity
and the glyph set) and a check of its fields against what was asked for; anything else is
subset again.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools loads only on a cache miss (it costs ~0.1 s to import)
    from fontTools import subset as ft_subset


from layout.fonts.cache import RecordCache, file_key
from layout.fonts.cffsubset import GlyphPrograms, Unsupported, subset_cff
from layout.fonts.face import Face
from layout.fonts.glyfsubset import subset_glyf

FORMAT = 2  # 2: subsets assembled by cffsubset/glyfsubset

# Tables a PDF renderer never reads: shaping, vertical and naming data.
_DROP = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG", "gasp", "STAT"]


@dataclass(frozen=True)
class Subset:
    outlines: str  # "cff" or "truetype", as FontInfo.outlines
    program: bytes  # CFF table bytes (cff) or a whole TrueType font (truetype)
    cids: dict[int, int]  # original glyph id -> CID used in content streams
    cid_to_gid: dict[int, int]  # CID -> glyph index in `program` (truetype only; {} for cff)
    tag: str  # six capital letters, the same for the same font and glyph set


def subset_face(face: Face, gids: set[int], cache: RecordCache) -> Subset:
    """`face` cut down to `gids` (and .notdef): from the cache, else made and cached."""
    cached = cached_subset(face, gids, cache)
    return cached if cached is not None else made_subset(face, gids, cache)


def cached_subset(face: Face, gids: set[int], cache: RecordCache) -> Subset | None:
    """The subset made before for these glyphs, or None."""
    key, tag, gids, _ = _named(face, gids)

    def decode(header: dict, payload: bytes) -> Subset:
        return _checked(_from_record(header, payload), face, gids, tag)

    return cache.load("subsets", key, decode)


def made_subset(face: Face, gids: set[int], cache: RecordCache) -> Subset:
    """The subset made now (and put in the cache)."""
    key, tag, _, ordered = _named(face, gids)
    result = _subset(face, ordered, tag, cache)
    cache.put("subsets", key, *_to_record(result))
    return result


def _named(face: Face, gids: set[int]) -> tuple[str, str, set[int], list[int]]:
    """The cache key and the subset tag of `face` cut to `gids`, with .notdef added."""
    gids = set(gids) | {0}
    ordered = sorted(gids)
    digest = hashlib.sha256(repr(ordered).encode("ascii")).hexdigest()
    key = file_key(face.ref.path, face.ref.index, FORMAT, digest)
    return key, _tag(face.info.postscript_name, digest), gids, ordered


def _subset(face: Face, gids: list[int], tag: str, cache: RecordCache | None = None) -> Subset:
    try:
        return _assembled(face, gids, tag, cache)
    except (Unsupported, OSError, ValueError):
        return _fonttools_subset(face, gids, tag)


def _assembled(face: Face, gids: list[int], tag: str, cache: RecordCache | None = None) -> Subset:
    path, index = face.ref.path, face.ref.index
    if face.info.outlines == "cff":
        store = _programs(face, cache)
        program, cids = subset_cff(path, index, gids, store)
        if store.dirty and cache is not None:
            cache.put("glyphs", _programs_key(face), {}, store.dumps())
            store.dirty = False
        return Subset("cff", program, cids, {}, tag)
    program, new_index = subset_glyf(path, index, gids, face.cmap)
    return Subset("truetype", program, {g: g for g in gids}, new_index, tag)


# The cut charstrings of each CFF face, by record key: read from the cache once a process
# (`layout watch` subsets again after every edit that brings a new character).
_STORES: dict[str, GlyphPrograms] = {}


def _programs_key(face: Face) -> str:
    return file_key(face.ref.path, face.ref.index, FORMAT, "glyph programs")


def _programs(face: Face, cache: RecordCache | None) -> GlyphPrograms:
    """The face's cut charstrings: from memory, from the cache, or none yet."""
    if cache is None:
        return GlyphPrograms()
    key = _programs_key(face)
    store = _STORES.get(key)
    if store is None:
        loaded = cache.load("glyphs", key, lambda meta, payload: GlyphPrograms.loads(payload))
        store = _STORES[key] = loaded if loaded is not None else GlyphPrograms()
    return store


def _fonttools_subset(face: Face, gids: list[int], tag: str) -> Subset:
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(face.ref.path), fontNumber=face.ref.index, recalcTimestamp=False)
    original_order = font.getGlyphOrder()
    names = [original_order[g] for g in gids]
    subsetter = ft_subset.Subsetter(_options())
    subsetter.populate(glyphs=names)
    subsetter.subset(font)
    new_index = {name: i for i, name in enumerate(font.getGlyphOrder())}
    if "CFF " in font:
        top = font["CFF "].cff.topDictIndex[0]
        cid_keyed = hasattr(top, "ROS")
        cids = {g: _cid(n) if cid_keyed else new_index[n] for g, n in zip(gids, names, strict=True)}
        return Subset("cff", font.getTableData("CFF "), cids, {}, tag)
    out = io.BytesIO()
    font.save(out)
    cids = {g: g for g in gids}
    return Subset(
        "truetype",
        out.getvalue(),
        cids,
        {g: new_index[n] for g, n in zip(gids, names, strict=True)},
        tag,
    )


def _options() -> ft_subset.Options:
    import logging

    from fontTools import subset as ft_subset

    # fontTools logs each table it cannot subset (BabelStone Han's `meta`) and drops it;
    # that is right for embedding and nothing the user can act on
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

    options = ft_subset.Options()
    options.layout_features = []  # no GSUB closure: we draw the glyphs the text maps to
    options.name_IDs = []
    options.name_languages = []
    options.notdef_outline = True
    options.glyph_names = False
    options.drop_tables = sorted(set(options.drop_tables) | set(_DROP))
    return options


def _cid(glyph_name: str) -> int:
    # CID-keyed CFF glyphs are named cidNNNNN by fontTools; .notdef is CID 0
    return 0 if glyph_name == ".notdef" else int(glyph_name[3:])


def _tag(postscript_name: str, digest: str) -> str:
    number = int(hashlib.sha256(f"{postscript_name}/{digest}".encode()).hexdigest(), 16)
    letters = []
    for _ in range(6):
        number, rest = divmod(number, 26)
        letters.append(chr(ord("A") + rest))
    return "".join(letters)


def _to_record(s: Subset) -> tuple[dict, bytes]:
    header = {
        "outlines": s.outlines,
        "cids": sorted(s.cids.items()),
        "cid_to_gid": sorted(s.cid_to_gid.items()),
        "tag": s.tag,
    }
    return header, s.program


def _checked(subset: Subset, face: Face, gids: set[int], tag: str) -> Subset:
    """`subset` if it is what `face` cut to `gids` would give, else ValueError."""
    if subset.outlines != face.info.outlines or subset.tag != tag or set(subset.cids) != gids:
        raise ValueError("a subset of another face or glyph set")
    if not all(type(c) is int and 0 <= c <= 0xFFFF for c in subset.cids.values()):
        raise ValueError("CIDs out of range")
    if subset.outlines == "truetype":
        if set(subset.cid_to_gid) != set(subset.cids.values()):
            raise ValueError("CIDToGIDMap does not cover the CIDs")
        if not all(type(g) is int and 0 <= g <= 0xFFFF for g in subset.cid_to_gid.values()):
            raise ValueError("glyph ids out of range")
    elif subset.cid_to_gid:
        raise ValueError("a CFF subset has no CIDToGIDMap")
    if not _looks_like(subset.outlines, subset.program):
        raise ValueError("not a font program")
    return subset


def _looks_like(outlines: str, program: bytes) -> bool:
    """A cheap structural check of the program's header (the hash already vouches for the
    bytes; this catches a record written from a broken program)."""
    if outlines == "cff":  # CFF header: major version 1, header size >= 4, offset size 1..4
        return len(program) > 4 and program[0] == 1 and program[2] >= 4 and 1 <= program[3] <= 4
    if len(program) < 12 or program[:4] not in (b"\x00\x01\x00\x00", b"true"):
        return False
    tables = int.from_bytes(program[4:6], "big")
    return 0 < tables and 12 + 16 * tables <= len(program)


def _from_record(header: dict, payload: bytes) -> Subset:
    return Subset(
        outlines=header["outlines"],
        program=payload,
        cids={g: c for g, c in header["cids"]},
        cid_to_gid={c: g for c, g in header["cid_to_gid"]},
        tag=header["tag"],
    )
