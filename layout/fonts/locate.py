"""Find the installed face for a role: the configured files first, then fontconfig.

A face is a (file, index) pair; the index matters for collections (.ttc), where it is found by
reading each face's name table instead of trusting a fixed position.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # fontTools loads only on a cache miss (it costs ~0.1 s to import)
    from fontTools.ttLib import TTFont


from layout.errors import LayoutError
from layout.fonts.cache import RecordCache, file_key
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
    """Index of the face named `family` + `style` in `path` (a font or a collection)."""
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
