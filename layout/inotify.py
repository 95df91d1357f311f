"""Wake up when a file in some folders changes: Linux inotify through ctypes (no dependency).

`layout watch` still compares the folders' stat snapshots to decide that something changed;
inotify only ends its sleep early, so a save is seen at once instead of at the next poll. Where
inotify is not available (another system, no libc, a watch limit reached) `Waker` is None and
the command simply polls.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import select
from pathlib import Path

# inotify(7): a file written and closed, created, deleted, moved in or out, its metadata changed
_EVENTS = 0x8 | 0x2 | 0x100 | 0x200 | 0x40 | 0x80 | 0x4
_NONBLOCK_CLOEXEC = os.O_NONBLOCK | os.O_CLOEXEC
_MAX_FOLDERS = 512  # an issue folder has a handful; a runaway tree is not watched this way


class Waker:
    """An inotify descriptor watching every folder under some roots."""

    def __init__(self, fd: int, libc: ctypes.CDLL) -> None:
        self.fd = fd
        self.libc = libc

    @classmethod
    def create(cls, roots: list[Path], skip: Path | None = None) -> Waker | None:
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            fd = libc.inotify_init1(_NONBLOCK_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        waker = cls(fd, libc)
        skipped = os.path.realpath(skip) if skip is not None else None
        folders = 0
        for root in roots:
            for folder, dirs, _ in os.walk(root):
                dirs[:] = [d for d in dirs if os.path.realpath(os.path.join(folder, d)) != skipped]
                folders += 1
                added = libc.inotify_add_watch(fd, os.fsencode(folder), _EVENTS)
                if added < 0 or folders > _MAX_FOLDERS:
                    waker.close()
                    return None
        return waker

    def wait(self, timeout: float) -> bool:
        """Sleep until an event or `timeout` seconds; True when something happened."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            while os.read(self.fd, 65536):
                pass
        except BlockingIOError:
            pass
        return True

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass
