"""Broken issues for the check-versus-build tests: the valid fixture, copied, made printable
(its PNG as placeholders), then broken in one or several ways."""

from __future__ import annotations

import shutil
import struct
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "issue-valid"
YAML = "issue.yaml"
P04 = "articles/p04-nongji.txt"
P06 = "articles/p06-speech.txt"
P10 = "articles/p10-roundup.txt"

Edit = Callable[[Path], None]


def printable_copy(folder: Path) -> Path:
    """The fixture in `folder`, its PNG (refused by the print PDF) replaced by placeholders."""
    shutil.copytree(FIXTURE, folder)
    replace(P04, "visit.png cols=2 lines=10", "visit.png cols=2 lines=10 placeholder")(folder)
    replace(YAML, "{file: visit.png, caption: 调研现场}", "{placeholder: true, caption: 调研现场}")(
        folder
    )
    return folder


def replace(relative: str, old: str, new: str) -> Edit:
    """An edit replacing the one occurrence of `old` in a file of the issue."""

    def edit(folder: Path) -> None:
        path = folder / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def write(relative: str, data: bytes) -> Edit:
    def edit(folder: Path) -> None:
        (folder / relative).write_bytes(data)

    return edit


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in {path}")


# -- image files --------------------------------------------------------------------------------


def jpeg(width: int, height: int, components: int, *, orientation: int = 1) -> bytes:
    """A baseline JPEG of `components` colour components (1 grey, 3 RGB, 4 CMYK) whose header
    claims `width` x `height` pixels, with as much scan data as the loader's check wants (the
    PDF embeds JPEG data as it is, so the pixels need not decode)."""
    out = b"\xff\xd8"
    if components == 4:  # Adobe APP14, as Photoshop writes CMYK JPEGs
        out += _segment(0xEE, b"Adobe" + b"\x00\x64\x00\x00\x00\x00\x00")
    if orientation != 1:
        out += _segment(0xE1, b"Exif\0\0" + _exif_orientation(orientation))
    frame = struct.pack(">BHHB", 8, height, width, components)
    frame += b"".join(bytes([i + 1, 0x11, 0]) for i in range(components))
    out += _segment(0xC0, frame)
    out += _segment(0xDA, bytes([components]) + b"\x01\x00" * components + b"\x00\x3f\x00")
    blocks = -(-width // 8) * -(-height // 8)
    return out + b"\x12" * (blocks // 16 + 16) + b"\xff\xd9"


def _segment(code: int, body: bytes) -> bytes:
    return bytes([0xFF, code]) + struct.pack(">H", len(body) + 2) + body


def _exif_orientation(value: int) -> bytes:
    """A little-endian TIFF header with one IFD0 entry: Orientation (0x0112) = `value`."""
    return (
        b"II*\0"
        + struct.pack("<I", 8)
        + struct.pack("<H", 1)
        + (struct.pack("<HHI", 0x0112, 3, 1) + struct.pack("<H", value) + b"\0\0")
        + struct.pack("<I", 0)
    )


# -- characters no font has -----------------------------------------------------------------------

# Sutton SignWriting: assigned characters that no font of a Chinese magazine's chain draws
NO_FONT_HAS = "\U0001d800"
