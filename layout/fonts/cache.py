"""A small on-disk cache for data that is slow to compute (cmaps of CJK collections, subset font
programs, composed paragraphs).

A record is one file:

    MAGIC | sha256 (32 bytes) | header length (4 bytes, big-endian) | header JSON | payload

The header JSON is `{"kind", "key", "size", "meta"}`: the record's kind, its key (itself a hash
of everything the record was made from: font file identity, glyph set, composer fingerprint...),
the payload size and the caller's own fields. The sha256 covers the header length, the header and
the payload, so a flipped byte anywhere is noticed, and a record copied under another key or
kind (a foreign record) fails the key check.

A cache must never change what is printed nor stop a build: a record that is missing, unreadable,
damaged, foreign or of another version is a miss. A damaged one is deleted (best effort) so the
rebuilt record takes its place. No pickle: a cache file is data, never code. Files are written
atomically, so a crashed or concurrent run leaves either the old record or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from layout.atomic import write_bytes_atomic

# Bump the number when the record layout changes: older files then fail the magic and are replaced.
MAGIC = b"HRBLAYOUT-CACHE 2\n"
_DIGEST = 32
_PREFIX = len(MAGIC) + _DIGEST + 4
# Far above any real record (a whole CJK font subset is ~15 MB, an issue's memo a few MB);
# anything larger is not ours and is not read at all.
MAX_HEADER = 64 * 2**20
MAX_RECORD = 1 * 2**30
# Temporary files of a killed run older than this are removed when a record is written.
_STALE_TMP_SECONDS = 3600

T = TypeVar("T")


def default_cache_dir() -> Path:
    """`$HRB_LAYOUT_CACHE`, else `$XDG_CACHE_HOME/hrb-layout`, else `~/.cache/hrb-layout`."""
    if explicit := os.environ.get("HRB_LAYOUT_CACHE"):
        return Path(explicit)
    if base := os.environ.get("XDG_CACHE_HOME"):
        return Path(base) / "hrb-layout"
    try:
        return Path.home() / ".cache" / "hrb-layout"
    except RuntimeError:  # no $HOME and no passwd entry: a private temporary cache still works
        return Path(tempfile.gettempdir()) / f"hrb-layout-{os.getuid()}"


def file_key(path: Path, *parts: object) -> str:
    """A key that changes when the file at `path` is replaced (size or mtime) or `parts` change:
    the sha256 of what a record is made from."""
    st = path.stat()
    text = json.dumps([str(path.resolve()), st.st_size, st.st_mtime_ns, *parts])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class RecordCache:
    """Verified records under one directory, grouped by kind (`faces`, `subsets`, `compose`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / f"{key}.bin"

    def get(self, kind: str, key: str) -> tuple[dict, bytes] | None:
        """The record's (meta, payload), or None; a record that fails a check is discarded."""
        path = self._path(kind, key)
        try:
            record = _read(path, kind, key)
        except FileNotFoundError:
            return None
        except (OSError, ValueError):  # unreadable (permission, a directory, ...): rebuild it
            record = None
        if record is None:
            discard(path)
        return record

    def load(self, kind: str, key: str, decode: Callable[[dict, bytes], T]) -> T | None:
        """`decode(meta, payload)` of the record, or None when it is missing or does not decode.

        `decode` checks the shape of what it reads and raises on anything unexpected; whatever
        it raises makes the record a miss (and deletes it), never a failed build.
        """
        record = self.get(kind, key)
        if record is None:
            return None
        try:
            return decode(*record)
        except Exception:  # noqa: BLE001 - any decoding failure is a damaged record
            discard(self._path(kind, key))
            return None

    def put(self, kind: str, key: str, meta: dict, payload: bytes) -> None:
        path = self._path(kind, key)
        try:
            write_bytes_atomic(path, encode(kind, key, meta, payload))
            _sweep(path.parent)
        except OSError:
            pass  # a read-only or full cache only costs time, never correctness


def encode(kind: str, key: str, meta: dict, payload: bytes) -> bytes:
    """The bytes of one record file."""
    header = {"kind": kind, "key": key, "size": len(payload), "meta": meta}
    blob = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    body = len(blob).to_bytes(4, "big") + blob
    digest = hashlib.sha256(body)
    digest.update(payload)
    return MAGIC + digest.digest() + body + payload


def _read(path: Path, kind: str, key: str) -> tuple[dict, bytes] | None:
    # O_NONBLOCK: a FIFO in place of a record must not block the build
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode) or not _PREFIX <= st.st_size <= MAX_RECORD:
            return None
        prefix = handle.read(_PREFIX)
        if len(prefix) != _PREFIX or not prefix.startswith(MAGIC):
            return None
        size = int.from_bytes(prefix[-4:], "big")
        if size > min(MAX_HEADER, st.st_size - _PREFIX):
            return None
        blob = handle.read(size)
        header = _header(blob, kind, key)
        # the payload is read only once the header says it has exactly the file's remaining size
        if header is None or header["size"] != st.st_size - _PREFIX - size:
            return None
        payload = handle.read(header["size"] + 1)
    if len(payload) != header["size"]:
        return None  # the file changed size under us
    digest = hashlib.sha256(prefix[-4:])
    digest.update(blob)
    digest.update(payload)
    if digest.digest() != prefix[len(MAGIC) : len(MAGIC) + _DIGEST]:
        return None
    return header["meta"], payload


def _header(blob: bytes, kind: str, key: str) -> dict | None:
    try:
        header = json.loads(blob)
    except (ValueError, RecursionError):
        return None
    if (
        not isinstance(header, dict)
        or header.get("kind") != kind
        or header.get("key") != key
        or type(header.get("size")) is not int
        or not isinstance(header.get("meta"), dict)
    ):
        return None
    return header


def discard(path: Path) -> None:
    """Remove a bad record, best effort: a file, or an empty directory in its place."""
    try:
        if path.is_dir() and not path.is_symlink():
            path.rmdir()
        else:
            path.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # cannot remove it: the next write replaces it, or it stays a miss


def _sweep(directory: Path) -> None:
    """Remove temporary files that killed runs left behind (atomic.py names them .*.tmp)."""
    cutoff = time.time() - _STALE_TMP_SECONDS
    try:
        for tmp in directory.glob(".*.tmp"):
            try:
                if tmp.lstat().st_mtime < cutoff:
                    tmp.unlink()
            except OSError:
                pass
    except OSError:
        pass
