"""A small on-disk cache for font data that is slow to compute (cmaps of CJK collections,
subset font programs).

A record is one file: a magic line, a JSON header and a binary payload. No pickle: a cache file
is data, never code. Files are written atomically, so a crashed or concurrent run leaves either
the old record or the new one, and a record that does not parse is treated as a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from layout.atomic import write_bytes_atomic

MAGIC = b"HRBLAYOUT-CACHE 1\n"


def default_cache_dir() -> Path:
    """`$HRB_LAYOUT_CACHE`, else `$XDG_CACHE_HOME/hrb-layout`, else `~/.cache/hrb-layout`."""
    if explicit := os.environ.get("HRB_LAYOUT_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "hrb-layout"


def file_key(path: Path, *parts: object) -> str:
    """A key that changes when the file at `path` is replaced (size or mtime) or `parts` change."""
    stat = path.stat()
    text = json.dumps([str(path.resolve()), stat.st_size, stat.st_mtime_ns, *parts])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class RecordCache:
    """Records under one directory, grouped by kind (`faces`, `subsets`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.bin"

    def get(self, kind: str, key: str) -> tuple[dict, bytes] | None:
        try:
            data = self._path(kind, key).read_bytes()
        except OSError:
            return None
        return _parse(data)

    def put(self, kind: str, key: str, header: dict, payload: bytes) -> None:
        blob = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
        try:
            write_bytes_atomic(
                self._path(kind, key), MAGIC + len(blob).to_bytes(4, "big") + blob + payload
            )
        except OSError:
            pass  # a read-only cache only costs time, never correctness


def _parse(data: bytes) -> tuple[dict, bytes] | None:
    if not data.startswith(MAGIC):
        return None
    start = len(MAGIC) + 4
    size = int.from_bytes(data[len(MAGIC) : start], "big")
    try:
        header = json.loads(data[start : start + size])
    except ValueError:
        return None
    return header, data[start + size :]
