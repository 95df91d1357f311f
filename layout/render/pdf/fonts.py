"""Embedded fonts: each face a document uses becomes one subset /Type0 font.

Glyphs are shown by CID through /Identity-H. CFF faces embed their CID-keyed CFF as
/FontFile3 /CIDFontType0C under a /CIDFontType0; TrueType faces embed a subset font as
/FontFile2 under a /CIDFontType2 with a /CIDToGIDMap stream. Roles that resolve to the same
face (heading and bold, body and latin) share one font.

Drawing happens in two passes: `collect` sees every glyph first, so each face is subset once
and its codes are final before any content stream is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from layout.fonts.face import Face
from layout.fonts.locate import FaceRef
from layout.fonts.registry import FontRegistry
from layout.fonts.subset import Subset
from layout.render.pdf.objects import Name, Raw, Ref, Stream, serialize
from layout.render.pdf.tounicode import tounicode_cmap
from layout.render.pdf.writer import PdfWriter


@dataclass(frozen=True)
class Glyph:
    code: int  # the 2-byte code written in TJ strings (a CID)
    width: float  # advance in thousandths of an em, exactly as written in /W


@dataclass
class _Used:
    face: Face
    chars: dict[int, set[str]] = field(default_factory=dict)  # glyph id -> characters drawn
    subset: Subset | None = None
    name: str = ""
    ref: Ref | None = None
    glyphs: dict[str, Glyph] = field(default_factory=dict)  # memo for pass 2
    strings: dict[str, tuple[bytes, tuple[float, ...]]] = field(default_factory=dict)  # `codes`


class EmbeddedFonts:
    def __init__(self, registry: FontRegistry) -> None:
        self.registry = registry
        self._faces: dict[FaceRef, _Used] = {}
        self._roles: dict[str, _Used] = {}
        self._by_name: dict[str, Ref] = {}
        self._ordered: list[_Used] = []  # in resource-name order, fixed by prepare()
        self._seen: dict[str, set[str]] = {}  # role -> characters collected already
        self._texts: dict[str, set[str]] = {}  # role -> glyph texts collected already

    # --- pass 1 ---------------------------------------------------------------------------

    def collect(self, role: str, text: str) -> None:
        seen = self._seen.setdefault(role, set())
        if seen.issuperset(text):  # the usual case: every character was collected before
            return
        new = set(text).difference(seen)
        used = self._used(role)
        cmap = used.face.cmap
        for char in new:
            gid = cmap.get(ord(char))
            if gid is None:
                gid = self.registry.glyph(role, char)  # raises MissingGlyphError
            used.chars.setdefault(gid, set()).add(char)
        seen |= new

    def collect_texts(self, role: str, texts: set[str]) -> None:
        """`collect` for glyph texts (a character, or a cluster such as ——), a page's at once:
        a set of them is compared with those seen in C, where a string of them would be taken
        apart character by character."""
        seen = self._texts.get(role)
        if seen is None:
            seen = self._texts[role] = set()
        new = texts.difference(seen)
        if new:
            self.collect(role, "".join(new))
            seen |= new

    def prepare(self, writer: PdfWriter) -> None:
        """Subset every collected face and reserve its font object; names F1, F2, ... follow
        the order of the faces' file names so that they do not depend on page order."""
        ordered = sorted(self._faces.items(), key=lambda kv: (str(kv[0].path), kv[0].index))
        self._ordered = [used for _, used in ordered]
        subsets = self.registry.subsets_for([(u.face, set(u.chars)) for u in self._ordered])
        for number, (used, subset) in enumerate(zip(self._ordered, subsets, strict=True), 1):
            used.subset = subset
            used.name = f"F{number}"
            used.ref = self._by_name[used.name] = writer.reserve()

    # --- pass 2 ---------------------------------------------------------------------------

    def resource_name(self, role: str) -> str:
        """The page resource name (F1, F2, ...) of the role's font."""
        used = self._used(role)
        assert used.name, "prepare() first"
        return used.name

    def ref(self, name: str) -> Ref:
        """The font object of resource `name` (F1, F2, ...)."""
        return self._by_name[name]

    def glyphs(self, role: str, text: str) -> list[Glyph]:
        used = self._used(role)
        memo = used.glyphs
        return [memo.get(char) or self._glyph(used, role, char) for char in text]

    def codes(self, role: str, chars: str) -> tuple[bytes, tuple[float, ...]]:
        """The TJ string of `chars` (2-byte codes) and each glyph's width, made once per role
        and cluster: the writer's inner loop (`glyphs` gives the same, glyph by glyph)."""
        used = self._used(role)
        known = used.strings.get(chars)
        if known is None:
            glyphs = self.glyphs(role, chars)
            known = used.strings[chars] = (
                b"".join(g.code.to_bytes(2, "big") for g in glyphs),
                tuple(g.width for g in glyphs),
            )
        return known

    def strings_for(self, role: str) -> dict[str, tuple[bytes, tuple[float, ...]]]:
        """The role's memo of `codes` (chars -> TJ string and widths), read directly by the
        writer's inner loop; a cluster not in it yet is made by `codes`."""
        return self._used(role).strings

    def _glyph(self, used: _Used, role: str, char: str) -> Glyph:
        assert used.subset is not None, "prepare() first"
        gid = self.registry.glyph(role, char)  # the face's cmap keeps pass 1's lookups
        width = used.face.advance_units(gid) * 1000 / used.face.info.units_per_em
        glyph = used.glyphs[char] = Glyph(used.subset.cids[gid], width)
        return glyph

    def advance(self, role: str, char: str) -> float:
        """Advance of `char` in em (for text the renderer sets itself: labels, marks)."""
        face = self.registry.face(role)
        return face.advance_units(self.registry.glyph(role, char)) / face.info.units_per_em

    def write(self, writer: PdfWriter) -> list[Ref]:
        """Write each font's objects (its subset, widths, ToUnicode, ...); their refs."""
        first = writer.count
        refs = []
        for used in self._ordered:
            assert used.ref is not None and used.subset is not None
            refs.append(writer.set(used.ref, _type0(writer, used)))
        return refs + [Ref(number) for number in range(first + 1, writer.count + 1)]

    def _used(self, role: str) -> _Used:
        used = self._roles.get(role)
        if used is None:
            face = self.registry.face(role)
            used = self._faces.get(face.ref)
            if used is None:
                used = self._faces[face.ref] = _Used(face)
            self._roles[role] = used
        return used


def _type0(writer: PdfWriter, used: _Used) -> dict:
    subset, face = used.subset, used.face
    assert subset is not None
    base = Name(f"{subset.tag}+{face.info.postscript_name}")
    made = _made(used)
    return {
        "Type": Name("Font"),
        "Subtype": Name("Type0"),
        "BaseFont": base,
        "Encoding": Name("Identity-H"),
        "DescendantFonts": [writer.add(_cid_font(writer, used, base, made))],
        "ToUnicode": writer.add(Stream(made.tounicode)),
    }


def _cid_font(writer: PdfWriter, used: _Used, base: Name, made: _Made) -> dict:
    subset = used.subset
    assert subset is not None
    font = {
        "Type": Name("Font"),
        "BaseFont": base,
        "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"Identity", "Supplement": 0},
        "FontDescriptor": writer.add(_descriptor(writer, used, base)),
        "DW": made.default,
        "W": made.widths,
    }
    if subset.outlines == "cff":
        font["Subtype"] = Name("CIDFontType0")
    else:
        font["Subtype"] = Name("CIDFontType2")
        font["CIDToGIDMap"] = writer.add(Stream(_cid_to_gid(subset.cid_to_gid)))
    return font


def _descriptor(writer: PdfWriter, used: _Used, base: Name) -> dict:
    info, subset = used.face.info, used.subset
    assert subset is not None
    scale = 1000 / info.units_per_em
    descriptor = {
        "Type": Name("FontDescriptor"),
        "FontName": base,
        "Flags": 4,  # symbolic: glyphs are addressed by CID, not by a standard encoding
        "FontBBox": [round(v * scale) for v in info.bbox],
        "ItalicAngle": info.italic_angle,
        "Ascent": round(info.ascender * scale),
        "Descent": round(info.descender * scale),
        "CapHeight": round(info.cap_height * scale),
        "StemV": 80,  # not recorded in OpenType; viewers use it only for substitution
    }
    if subset.outlines == "cff":
        program = Stream(subset.program, {"Subtype": Name("CIDFontType0C")})
        descriptor["FontFile3"] = writer.add(program)
    else:
        program = Stream(subset.program, {"Length1": len(subset.program)})
        descriptor["FontFile2"] = writer.add(program)
    return descriptor


@dataclass(frozen=True)
class _Made:
    """What a font's objects say of its glyphs: the ToUnicode CMap, the /W array (serialised:
    it is most of a font's objects) and the default width /DW."""

    tounicode: bytes
    widths: Raw
    default: float


# Each face's last _Made, with the subset and the glyphs it was made for: `layout watch`
# writes the same subsets, with the same glyphs, build after build.
_MADE: dict[FaceRef, tuple[Subset, dict[int, set[str]], _Made]] = {}


def _made(used: _Used) -> _Made:
    subset, face = used.subset, used.face
    assert subset is not None
    last = _MADE.get(face.ref)
    if last is not None and last[0] is subset and last[1] == used.chars:
        return last[2]
    # A glyph drawn for two characters (a compatibility ideograph and its unified form) can map
    # back to only one of them: take the lowest code point, so the choice is stable.
    codes = {subset.cids[gid]: min(chars) for gid, chars in used.chars.items()}
    upm = face.info.units_per_em
    widths = {subset.cids[gid]: face.advance_units(gid) * 1000 / upm for gid in used.chars}
    default = _most_common(widths.values())
    listed = {c: w for c, w in widths.items() if w != default}
    made = _Made(tounicode_cmap(codes), Raw(serialize(_widths_array(listed))), default)
    _MADE[face.ref] = (subset, {gid: set(chars) for gid, chars in used.chars.items()}, made)
    return made


def _widths_array(widths: dict[int, float]) -> list:
    """/W as runs of consecutive CIDs: [c [w w w] c' [w] ...]."""
    result: list = []
    run: list[float] = []
    previous = None
    for cid in sorted(widths):
        if previous is None or cid != previous + 1:
            if run:
                result.append(run)
            result.append(cid)
            run = []
        run.append(widths[cid])
        previous = cid
    if run:
        result.append(run)
    return result


def _cid_to_gid(mapping: dict[int, int]) -> bytes:
    table = bytearray(2 * (max(mapping) + 1))
    for cid, gid in mapping.items():
        table[2 * cid : 2 * cid + 2] = gid.to_bytes(2, "big")
    return bytes(table)


def _most_common(values: Iterable[float]) -> float:
    counts: dict[float, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return max(sorted(counts), key=lambda v: counts[v]) if counts else 1000
