"""Find the installed face for a role: the configured files first, then fontconfig.

A face is a (file, index) pair; the index matters for collections (.ttc), where it is found by
reading each face's name table instead of trusting a fixed position.
"""

from __future__ import annotations

import mmap
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools loads only on a cache miss (it costs ~0.1 s to import)
    from fontTools.ttLib import TTFont


from layout.errors import LayoutError
from layout.fonts.cache import RecordCache, file_key
from layout.fonts.cffsubset import find_table
from layout.fonts.errors import Unsupported
from layout.fonts.roles import RoleSpec


@dataclass(frozen=True)
class FaceRef:
    path: Path
    index: int  # face number inside a collection; 0 for a single font


def locate(spec: RoleSpec, cache: RecordCache | None = None) -> FaceRef:
    """The face `spec` asks for, or a LayoutError naming the role, the font and the package."""
    for path in spec.files:
        if path.is_file() and (index := _cached_index(path, spec, cache)) is not None:
            return FaceRef(path, index)
    for path in _fontconfig_files(spec.family):
        if (index := face_index(path, spec.family, spec.style)) is not None:
            return FaceRef(path, index)
    install = f"install the Debian package {spec.package}" if spec.package else "install it"
    looked = ", ".join(str(p) for p in spec.files) or "no configured files"
    raise LayoutError(
        f"font role '{spec.role}': {spec.display_name} is not installed "
        f"(looked in {looked} and asked fc-list)",
        spec.where,
        hint=f"{install}, or point the role at another font in fonts/fonts.yaml",
    )


def _cached_index(path: Path, spec: RoleSpec, cache: RecordCache | None) -> int | None:
    # Reading the name tables of a 10-face collection costs ~10 ms; the answer only changes
    # when the file does.
    if cache is None:
        return face_index(path, spec.family, spec.style)
    key = file_key(path, spec.family, spec.style)
    if (cached := cache.load("names", key, _index_of)) is not None:
        return cached[0]
    index = face_index(path, spec.family, spec.style)
    cache.put("names", key, {"index": index}, b"")
    return index


def _index_of(header: dict, payload: bytes) -> tuple[int | None]:
    index = header["index"]
    if index is not None and (type(index) is not int or index < 0):
        raise ValueError("not a face index")
    return (index,)  # a tuple: None (no such face in the file) is a cached answer too


def face_index(path: Path, family: str, style: str) -> int | None:
    """Index of the face named `family` + `style` in `path` (a font or a collection).

    The name tables are read straight from the file (a first build on a machine asks this of
    every configured font, and fontTools takes 0.1 s to import and more to open collections);
    a name record in an encoding this reader does not take, or a file it cannot read, is left
    to fontTools, whose answer this is.
    """
    try:
        return _face_index_read(path, (family.casefold(), style.casefold()))
    except (_Unsure, Unsupported, OSError, ValueError, IndexError, struct.error):
        return _face_index_fonttools(path, family, style)


class _Unsure(Exception):
    """A name record only fontTools decodes as fontTools does."""


def _face_index_read(path: Path, wanted: tuple[str, str]) -> int | None:
    with open(path, "rb") as handle:
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        faces = struct.unpack_from(">I", data, 8)[0] if data[:4] == b"ttcf" else 1
        for index in range(faces):
            offset, length = find_table(data, index, b"name")
            blob = bytes(data[offset : offset + length])
            family = _debug_name(blob, 16) or _debug_name(blob, 1) or ""
            style = _debug_name(blob, 17) or _debug_name(blob, 2) or ""
            if (family.casefold(), style.casefold()) == wanted:
                return index
        return None
    finally:
        data.close()


def _debug_name(blob: bytes, name_id: int) -> str | None:
    """fontTools' name.getDebugName(name_id): the Windows English name, else the first Mac
    English one, else the last that decodes; _Unsure for an encoding not read here."""
    count, strings = struct.unpack_from(">HH", blob, 2)
    english = mac = some = None
    for i in range(count):
        platform, encoding, lang, nid, length, at = struct.unpack_from(">6H", blob, 6 + 12 * i)
        if nid != name_id:
            continue
        if platform == 0 or (platform == 3 and encoding in (0, 1, 10)):
            codec = "utf_16_be"
        elif platform == 1 and encoding == 0 and lang == 0:
            codec = "mac_roman"
        else:
            raise _Unsure(f"name record {platform}/{encoding}/{lang}")
        raw = blob[strings + at : strings + at + length]
        if len(raw) != length:
            raise _Unsure("a name beyond the table")
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        some = text
        if (platform, lang) == (3, 0x409):
            english = text
            break
        if (platform, lang) == (1, 0) and mac is None:
            mac = text
    return english or mac or some or None


def _face_index_fonttools(path: Path, family: str, style: str) -> int | None:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        faces = TTCollection(str(path), lazy=True).fonts
    else:
        faces = [TTFont(str(path), lazy=True)]
    for index, face in enumerate(faces):
        if _names(face) == (family.casefold(), style.casefold()):
            return index
    return None


def _names(face: TTFont) -> tuple[str, str]:
    # Typographic family/subfamily (16/17) when present: they group weights the way users name them.
    name = face["name"]
    family = name.getDebugName(16) or name.getDebugName(1) or ""
    style = name.getDebugName(17) or name.getDebugName(2) or ""
    return family.casefold(), style.casefold()


def _fontconfig_files(family: str) -> list[Path]:
    import subprocess  # only when a family is not found in the usual folders

    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}\n", f":family={family}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({Path(line) for line in out.splitlines() if line})
