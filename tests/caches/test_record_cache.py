"""The record cache cannot lie: any damage to a record on disk is a miss, never an error.

Every record is checked on read (magic, header, sha256 of header and payload, kind and key); a
record that fails is deleted so that the rebuilt one takes its place.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.fonts import cache as cache_module
from layout.fonts.cache import MAGIC, MAX_RECORD, RecordCache, default_cache_dir, encode, file_key

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
KEY = "a" * 64
META = {"info": {"name": "测试", "n": [1, 2.5, None]}}
PAYLOAD = bytes(range(256)) * 8
RECORD = encode("faces", KEY, META, PAYLOAD)


def _store(root: Path, data: bytes, kind: str = "faces", key: str = KEY) -> Path:
    path = root / kind / f"{key}.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_round_trip(tmp_path):
    cache = RecordCache(tmp_path)
    cache.put("faces", KEY, META, PAYLOAD)
    assert cache.get("faces", KEY) == (META, PAYLOAD)
    assert (tmp_path / "faces" / f"{KEY}.bin").read_bytes() == RECORD


@SETTINGS
@given(data=st.data())
def test_any_flipped_byte_is_a_miss_and_the_record_is_removed(tmp_path, data):
    flips = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(RECORD) - 1), st.integers(1, 255)),
            min_size=1,
            max_size=4,
            unique_by=lambda f: f[0],
        )
    )
    damaged = bytearray(RECORD)
    for position, value in flips:
        damaged[position] ^= value
    path = _store(tmp_path, bytes(damaged))
    assert RecordCache(tmp_path).get("faces", KEY) is None
    assert not path.exists()


@SETTINGS
@given(length=st.integers(0, len(RECORD) - 1))
def test_a_truncated_record_is_a_miss(tmp_path, length):
    path = _store(tmp_path, RECORD[:length])
    assert RecordCache(tmp_path).get("faces", KEY) is None
    assert not path.exists()


@SETTINGS
@given(junk=st.binary(max_size=600), keep_magic=st.booleans())
def test_random_bytes_are_a_miss(tmp_path, junk, keep_magic):
    _store(tmp_path, (MAGIC if keep_magic else b"") + junk)
    assert RecordCache(tmp_path).get("faces", KEY) is None


@SETTINGS
@given(extra=st.binary(min_size=1, max_size=64))
def test_appended_bytes_are_a_miss(tmp_path, extra):
    _store(tmp_path, RECORD + extra)
    assert RecordCache(tmp_path).get("faces", KEY) is None


def test_a_foreign_record_under_this_key_or_kind_is_a_miss(tmp_path):
    cache = RecordCache(tmp_path)
    other = "b" * 64
    cache.put("faces", other, {"x": 1}, b"another face")
    _store(tmp_path, (tmp_path / "faces" / f"{other}.bin").read_bytes())  # copied under KEY
    assert cache.get("faces", KEY) is None
    assert cache.get("faces", other) == ({"x": 1}, b"another face")
    _store(tmp_path, RECORD, kind="subsets")  # a face record among the subsets
    assert cache.get("subsets", KEY) is None


def test_a_record_of_the_previous_format_is_replaced(tmp_path):
    blob = b'{"index":0}'
    old = b"HRBLAYOUT-CACHE 1\n" + len(blob).to_bytes(4, "big") + blob
    path = _store(tmp_path, old, kind="names")
    cache = RecordCache(tmp_path)
    assert cache.get("names", KEY) is None and not path.exists()
    cache.put("names", KEY, {"index": 0}, b"")
    assert cache.get("names", KEY) == ({"index": 0}, b"")


def test_a_header_of_another_shape_is_a_miss(tmp_path):
    for header in (b"[]", b"{}", b'{"kind":"faces","key":"' + KEY.encode() + b'"}', b"\xff"):
        body = len(header).to_bytes(4, "big") + header
        data = MAGIC + hashlib.sha256(body).digest() + body
        _store(tmp_path, data)
        assert RecordCache(tmp_path).get("faces", KEY) is None


def test_empty_file_directory_and_fifo_in_place_of_a_record(tmp_path):
    cache = RecordCache(tmp_path)
    path = _store(tmp_path, b"")
    assert cache.get("faces", KEY) is None and not path.exists()
    path.mkdir()  # an empty directory is removed, then the record can be written
    assert cache.get("faces", KEY) is None and not path.exists()
    path.mkdir()
    (path / "x").write_bytes(b"")  # a full one stays: writing the record fails quietly
    assert cache.get("faces", KEY) is None
    cache.put("faces", KEY, META, PAYLOAD)
    assert cache.get("faces", KEY) is None
    (path / "x").unlink()
    path.rmdir()
    os.mkfifo(path)  # no writer: a blocking open would wait forever
    started = time.monotonic()
    assert cache.get("faces", KEY) is None
    assert time.monotonic() - started < 5 and not path.exists()


def test_a_huge_file_is_not_read(tmp_path):
    path = _store(tmp_path, b"")
    with open(path, "r+b") as handle:
        handle.truncate(MAX_RECORD + 1)  # sparse: costs no disk
    started = time.monotonic()
    assert RecordCache(tmp_path).get("faces", KEY) is None
    assert time.monotonic() - started < 1 and not path.exists()


def test_a_header_claiming_a_huge_payload_is_not_read(tmp_path):
    header = b'{"key":"' + KEY.encode() + b'","kind":"faces","meta":{},"size":900000000}'
    body = len(header).to_bytes(4, "big") + header
    _store(tmp_path, MAGIC + bytes(32) + body + b"short")
    assert RecordCache(tmp_path).get("faces", KEY) is None


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_record_is_a_miss(tmp_path):
    path = _store(tmp_path, RECORD)
    path.chmod(0)
    assert RecordCache(tmp_path).get("faces", KEY) is None


def test_a_file_in_place_of_the_cache_directory_costs_nothing_but_time(tmp_path):
    root = tmp_path / "cache"
    root.write_bytes(b"not a directory")
    cache = RecordCache(root)
    cache.put("faces", KEY, META, PAYLOAD)  # no exception
    assert cache.get("faces", KEY) is None
    nested = RecordCache(root / "deeper")
    nested.put("faces", KEY, META, PAYLOAD)
    assert nested.get("faces", KEY) is None


def test_a_read_only_cache_directory_costs_nothing_but_time(tmp_path, monkeypatch):
    def refuse(path, data):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(cache_module, "write_bytes_atomic", refuse)
    cache = RecordCache(tmp_path)
    cache.put("faces", KEY, META, PAYLOAD)
    assert cache.get("faces", KEY) is None


def test_load_discards_a_record_its_decoder_rejects(tmp_path):
    cache = RecordCache(tmp_path)
    cache.put("faces", KEY, META, PAYLOAD)

    def decode(meta: dict, payload: bytes) -> int:
        return meta["no such field"]

    assert cache.load("faces", KEY, decode) is None
    assert not (tmp_path / "faces" / f"{KEY}.bin").exists()
    cache.put("faces", KEY, META, PAYLOAD)
    assert cache.load("faces", KEY, lambda meta, payload: len(payload)) == len(PAYLOAD)


def test_temporary_files_of_killed_runs_are_swept(tmp_path):
    cache = RecordCache(tmp_path)
    cache.put("faces", KEY, META, PAYLOAD)
    stale = tmp_path / "faces" / f".{KEY}.bin.abc123.tmp"
    fresh = tmp_path / "faces" / f".{KEY}.bin.def456.tmp"
    stale.write_bytes(b"half a record")
    fresh.write_bytes(b"another run is writing this one")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    cache.put("faces", "c" * 64, META, PAYLOAD)
    assert not stale.exists() and fresh.exists()


def test_file_key_is_the_full_hash_of_what_a_record_is_made_from(tmp_path):
    font = tmp_path / "font.otf"
    font.write_bytes(b"0")
    key = file_key(font, 0, "x")
    assert len(key) == 64 and key != file_key(font, 1, "x")
    font.write_bytes(b"01")
    assert file_key(font, 0, "x") != key


def test_default_cache_dir_without_a_home(monkeypatch):
    monkeypatch.delenv("HRB_LAYOUT_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert default_cache_dir().name.startswith("hrb-layout")
