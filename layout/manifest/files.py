"""Files of an issue folder: paths that must stay inside it, and strict UTF-8 reading."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from layout.errors import LayoutError, Location


def path_problem(folder: Path, relative: str) -> str | None:
    """Why `relative` may not name a file of the issue folder `folder`, or None if it may.

    Paths are written with `/`, relative to the folder, without `..`, and must not reach
    outside it through a symlink either (an issue folder must build the same on any machine).
    """
    if "\\" in relative:
        return "paths are written with '/'"
    pure = PurePosixPath(relative)
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        return "an absolute path leaves the issue folder"
    if ".." in pure.parts:
        return "'..' leaves the issue folder"
    resolved = (folder / relative).resolve()
    if not resolved.is_relative_to(folder.resolve()):
        return "it resolves (through a symlink) to a place outside the issue folder"
    return None


def decode_utf8(path: Path, data: bytes) -> str:
    """The text of a file; raises LayoutError at the first byte that is not UTF-8.

    The column counts characters of that line decoded so far (1-based). A UTF-8 byte order
    mark is dropped.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start : error.start].decode("utf-8")) + 1
        raise LayoutError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02X})",
            Location(path, line, column),
            "save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def read_text(path: Path) -> str:
    """Read and decode `path` (LayoutError if it cannot be read or is not UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LayoutError(f"cannot read file: {error.strerror}", Location(path)) from None
    return decode_utf8(path, data)
