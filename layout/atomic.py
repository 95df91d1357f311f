"""Write output files so that a failed build never leaves a broken file behind.

A file is written to a hidden temporary beside its target (`.issue.pdf.<pid>.<random>.tmp`) and
renamed into place. A run killed outright (kill -9, power loss) cannot remove its temporary, so
every write first removes the stale temporaries of its target that an earlier run left: those
whose writer is no longer alive, or that nobody has touched for STALE_SECONDS.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from layout.errors import LayoutError, Location

STALE_SECONDS = 10 * 60  # no write of ours takes that long between two touches of its file
_NAME_ROOM = 100  # characters of the target's name kept in a temporary's name (NAME_MAX is 255)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path = _replaceable(path)
    remove_stale_siblings(path)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
    try:
        _fill(fd, data)
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        os.chmod(tmp, 0o666 & ~umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fill(fd: int, data: bytes) -> None:
    """Write all of `data` to the open file `fd` and close it (the tests' disk fills up here)."""
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


class NotARegularFile(OSError):
    """The target is a device, pipe or socket (/dev/null, /dev/stdout): renaming a file over it
    would replace the device node itself, so we refuse."""


_SYSTEM_TREES = ("/proc/", "/sys/")  # /dev/shm is a fine place for a PDF
_MAX_LINKS = 40  # as the kernel's ELOOP limit


def _replaceable(path: Path) -> Path:
    """The file the rename will replace: `path`, or where its links lead (they stay).

    Refused: a path into /proc or /sys, also through links (/dev/stdout -> /proc/self/fd/1),
    and anything that is not a regular file (/dev/null): a rename would replace the device
    node or link itself, or whatever file the caller's stdout happens to be."""
    here = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        folder = os.path.realpath(os.path.dirname(here))
        here = os.path.join(folder, os.path.basename(here))
        if here.startswith(_SYSTEM_TREES):
            raise NotARegularFile(errno.EINVAL, "not a regular file", str(path))
        if not os.path.islink(here):
            break
        here = os.path.join(folder, os.readlink(here))  # an absolute target replaces folder
    else:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    try:
        mode = os.stat(here).st_mode
    except OSError:
        return Path(here)  # absent (the usual case) or unreadable: the write itself will tell
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # a folder fails in os.replace (EISDIR)
        raise NotARegularFile(errno.EINVAL, "not a regular file", str(path))
    return Path(here)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_output(path: Path, data: bytes, what: str = "the output") -> None:
    """write_bytes_atomic for the file a command was asked to produce: a failure of the file
    system (disk full, file-size limit, no permission, ...) is a LayoutError naming the path."""
    try:
        write_bytes_atomic(path, data)
    except OSError as error:
        raise output_error(path, error, what) from None


def temp_prefix(path: Path) -> str:
    """`.NAME.PID.`: the writer's pid tells a later run whether the temporary is abandoned."""
    return f".{path.name[:_NAME_ROOM]}.{os.getpid()}."


def remove_stale_siblings(path: Path, suffixes: tuple[str, ...] = (".tmp",)) -> list[Path]:
    """Remove `.NAME.*<suffix>` entries beside `path` left by runs that are gone; returns them.

    An entry is stale when the pid in its name is no longer alive, or when it has not been
    modified for STALE_SECONDS (a name without a pid, written by older versions, or a pid
    reused since). Entries of live writers are kept: a concurrent build may be writing one."""
    prefix = f".{path.name[:_NAME_ROOM]}."
    removed = []
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or not name.endswith(suffixes):
            continue
        if _is_stale(entry, name[len(prefix) :]):
            remove_path(Path(entry.path))
            removed.append(Path(entry.path))
    return removed


_PID = re.compile(r"(\d+)\.")


def _is_stale(entry: os.DirEntry, rest: str) -> bool:
    try:
        age = time.time() - entry.stat(follow_symlinks=False).st_mtime
    except OSError:
        return False  # gone already
    if age > STALE_SECONDS:
        return True
    match = _PID.match(rest)
    return match is not None and not _alive(int(match.group(1)))


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, but someone else's
        return True
    except OSError:
        return True  # when in doubt, keep the file
    return True


def remove_path(path: Path) -> None:
    """Remove a file, a link or a whole folder; a failure costs only space, so it is ignored."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # another run removed it first, or we may not: it costs only space


# What to tell the user, by errno, when an output file cannot be written.
_HINTS = {
    errno.ENOSPC: "the disk is full: free some space or write elsewhere with -o",
    errno.EDQUOT: "the disk quota is used up: free some space or write elsewhere with -o",
    errno.EFBIG: "the file is larger than this process may write (ulimit -f): raise the limit",
    errno.EACCES: "no permission to write there: choose another place with -o",
    errno.EPERM: "no permission to write there: choose another place with -o",
    errno.EROFS: "the file system is read-only: choose another place with -o",
    errno.ENAMETOOLONG: "the path is too long: choose a shorter one with -o",
    errno.EISDIR: "a folder has that name: choose another path with -o",
    errno.ENOTDIR: "a part of the path is a file, not a folder: choose another path with -o",
    errno.EEXIST: "a part of the path is a file, not a folder: choose another path with -o",
    errno.EBUSY: "the file is in use: close it or choose another path with -o",
    errno.ETXTBSY: "the file is in use: close it or choose another path with -o",
    errno.EIO: "the disk reported an error: check it or write elsewhere with -o",
}
_LONGEST_PATH = 200  # characters of a path shown in a message


def output_error(path: Path, error: OSError, what: str = "the output") -> LayoutError:
    """A one-line LayoutError for a failed write of `path`."""
    reason = error.strerror or str(error) or type(error).__name__
    if error.errno == errno.EEXIST:  # mkdir(exist_ok=True) meeting a file where a folder goes
        reason = os.strerror(errno.ENOTDIR)
    hint = _HINTS.get(error.errno or 0, "the previous file, if any, is unchanged")
    if isinstance(error, NotARegularFile):
        hint = "it is a device, pipe or socket: give the path of a file with -o"
    return LayoutError(f"cannot write {what}: {reason}", Location(_shown(path)), hint)


def _shown(path: Path) -> Path:
    text = str(path)
    if len(text) <= _LONGEST_PATH:
        return path
    half = _LONGEST_PATH // 2
    return Path(f"{text[:half]}…{text[-half:]}")


def umask() -> int:
    """The process's file-creation mask (mkstemp and mkdtemp make private files; ours are
    created as any other file would be)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
