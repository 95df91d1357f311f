"""Files of an issue folder: paths that must stay inside it, and strict UTF-8 reading."""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from layout.errors import LayoutError, Location
from layout.inputs import MB, read_input
from layout.manifest.limits import MAX_PATH_CHARS

MAX_TEXT_BYTES = 5 * MB  # an article file; a whole issue's text is about 150 kB


def path_problem(folder: Path, relative: str, roots: dict[Path, Path] | None = None) -> str | None:
    """Why `relative` may not name a file of the issue folder `folder`, or None if it may.

    Paths are written with `/`, relative to the folder, without `..`, and must not reach
    outside it through a symlink either (an issue folder must build the same on any machine).
    `roots` keeps folders resolved for the caller (an issue checks a hundred paths).
    """
    if len(relative) > MAX_PATH_CHARS:
        return f"it is {len(relative):,} characters long (at most {MAX_PATH_CHARS:,})"
    if "\0" in relative:
        return "it holds a NUL character"
    if "\\" in relative:
        return "paths are written with '/'"
    pure = PurePosixPath(relative)
    if pure.is_absolute() or (len(relative) > 1 and relative[1] == ":"):
        return "an absolute path leaves the issue folder"
    if ".." in pure.parts:
        return "'..' leaves the issue folder"
    if not _maybe_linked(folder, pure.parts):
        return None  # no symlink below the folder: the path cannot leave it
    try:
        resolved = (folder / relative).resolve()
        root = roots.get(folder) if roots is not None else None
        if root is None:
            root = folder.resolve()
            if roots is not None:
                roots[folder] = root
        inside = resolved.is_relative_to(root)
    except (OSError, RuntimeError):  # a part too long for the system, a symlink loop
        return "it cannot be resolved (a name too long, or a symlink loop)"
    if not inside:
        return "it resolves (through a symlink) to a place outside the issue folder"
    return None


def _maybe_linked(folder: Path, parts: tuple[str, ...]) -> bool:
    """Whether a symlink may stand on the way from `folder` down `parts` (then the path is
    resolved to see where it leads). One lstat a part instead of resolving the whole path, a
    tenth of the time: an issue checks a hundred paths, `layout watch` after every save."""
    at = os.fspath(folder)
    for part in parts:
        at = os.path.join(at, part)
        try:
            mode = os.lstat(at).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return False  # nothing further down exists, let alone a link
        except OSError:
            return True  # let resolving say what is wrong
        if stat.S_ISLNK(mode):
            return True
    return False


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


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """Read and decode `path` (LayoutError if it is no regular file, cannot be read, is larger
    than `limit` bytes or is not UTF-8)."""
    return decode_utf8(path, read_input(path, limit))
