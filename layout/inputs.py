"""Reading input files without surprises: only regular files, never more than a set size, and
every failure of the operating system turned into a `LayoutError` that names the file.

Opening a FIFO or a terminal for reading blocks until someone writes to it, and a device can
stream without end; `read_input` looks at what a path is before it opens it (and opens with
O_NONBLOCK, so that a FIFO swapped in between the two steps cannot block either).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from layout.errors import LayoutError, Location

MB = 1 << 20
SHOWN_PATH = 80  # characters of a path shown in a message (a path can be 100,000 long)


def shorten(text: str, limit: int = SHOWN_PATH) -> str:
    """`text`, cut in the middle to at most `limit` characters for a message."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-(limit - 1 - half) :]}"


def shown(path: Path) -> Path:
    """`path` for a Location: as it is, or shortened when it would flood the terminal."""
    text = str(path)
    return path if len(text) <= SHOWN_PATH else Path(shorten(text))


def os_problem(error: OSError) -> str:
    """What an OSError means for a file we wanted to read, in words."""
    if error.errno == errno.ENAMETOOLONG:
        return "the path is too long"
    if error.errno == errno.EACCES or error.errno == errno.EPERM:
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return error.strerror or str(error)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, for `... is a FIFO`."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def file_status(path: Path) -> os.stat_result | str:
    """The stat of `path` (following symlinks), or why there is none: "missing" or a problem
    in words (never raises)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return "missing"
    except NotADirectoryError:
        return "missing"
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        return os_problem(error) if isinstance(error, OSError) else "the path holds a NUL"


def regular_file_problem(path: Path) -> str | None:
    """Why `path` is not a readable regular file ("missing", "is a folder" …), or None."""
    status = file_status(path)
    if isinstance(status, str):
        return status
    if not stat.S_ISREG(status.st_mode):
        return f"it is {kind_of(status.st_mode)}"
    return None


def is_folder(path: Path) -> bool:
    """Whether `path` is a folder (False for anything that cannot be looked at)."""
    status = file_status(path)
    return not isinstance(status, str) and stat.S_ISDIR(status.st_mode)


def read_input(path: Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them.

    Raises LayoutError naming the file when it is missing, not a regular file (a folder, a
    FIFO, a device), unreadable, or larger than `limit` bytes.
    """
    where = Location(shown(path))
    problem = regular_file_problem(path)
    if problem == "missing":
        raise LayoutError(f"{what} does not exist", where, "check the path")
    if problem:
        raise LayoutError(f"cannot read {what}: {problem}", where, f"give the path of a {what}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise LayoutError(f"cannot read {what}: {os_problem(error)}", where) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):  # replaced since we looked
            raise LayoutError(f"cannot read {what}: it is {kind_of(status.st_mode)}", where)
        if status.st_size > limit:
            raise _too_large(what, status.st_size, limit, where)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise LayoutError(f"cannot read {what}: {os_problem(error)}", where) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while we read
        raise _too_large(what, len(data), limit, where)
    return data


def _too_large(what: str, size: int, limit: int, where: Location) -> LayoutError:
    return LayoutError(
        f"{what} is too large ({_size(size)}; at most {_size(limit)})",
        where,
        "is it the right file? split it, or make it smaller",
    )


def _size(count: int) -> str:
    if count >= MB:
        return f"{count / MB:.1f} MB"
    return f"{count / 1024:.0f} kB" if count >= 1024 else f"{count} bytes"


def close_matches(word: str, choices: Iterable[str], n: int = 1) -> list[str]:
    """difflib's closest matches of `word`, for a "did you mean" (difflib is imported only
    when an error asks for one)."""
    import difflib

    return difflib.get_close_matches(word, choices, n=n)
