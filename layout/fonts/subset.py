"""Cut a face down to the glyphs a document uses, for embedding.

CFF faces keep their CID-keyed CFF: the subset program is the CFF table itself (what a PDF
embeds as /FontFile3 /CIDFontType0C), and each glyph keeps its CID, so content streams can
refer to glyphs by the same number whatever else the subset contains. TrueType faces become a
small TrueType font; their glyphs are renumbered, and `cid_to_gid` maps the stable CIDs (the
original glyph ids) to the new ones.

Subsetting a CJK CFF takes seconds, so results are cached by (font file, face, glyph set).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools loads only on a cache miss (it costs ~0.1 s to import)
    from fontTools import subset as ft_subset


from layout.fonts.cache import RecordCache, file_key
from layout.fonts.face import Face

FORMAT = 1

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
    gids = set(gids) | {0}
    ordered = sorted(gids)
    digest = hashlib.sha256(repr(ordered).encode("ascii")).hexdigest()
    key = file_key(face.ref.path, face.ref.index, FORMAT, digest)
    if (record := cache.get("subsets", key)) is not None:
        return _from_record(*record)
    result = _subset(face, ordered, _tag(face.info.postscript_name, digest))
    cache.put("subsets", key, *_to_record(result))
    return result


def _subset(face: Face, gids: list[int], tag: str) -> Subset:
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
    from fontTools import subset as ft_subset

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


def _from_record(header: dict, payload: bytes) -> Subset:
    return Subset(
        outlines=header["outlines"],
        program=payload,
        cids={g: c for g, c in header["cids"]},
        cid_to_gid={c: g for c, g in header["cid_to_gid"]},
        tag=header["tag"],
    )
