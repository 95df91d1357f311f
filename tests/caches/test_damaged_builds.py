"""A damaged, foreign or edited cache record never changes the PDF and never fails the build.

Each test damages one record of a warm cache (font faces, face names, font subsets, the
composition memo, the composer's character table), builds the tiny issue again and checks:
exit status 0, a PDF byte-identical to the clean build's, and the damaged record replaced by a
good one.
"""

from __future__ import annotations

import marshal
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.cli import main
from layout.fonts.cache import RecordCache

from .conftest import CleanBuild, build

KINDS = ("faces", "names", "subsets", "compose", "characters")
ROOT = Path(__file__).resolve().parents[2]


def record(cache: Path, kind: str) -> Path:
    """The record of `kind` that is quickest to rebuild (the smallest one)."""
    return min((cache / kind).glob("*.bin"), key=lambda p: (p.stat().st_size, p.name))


def assert_rebuilt_identically(
    clean: CleanBuild, cache: Path, damaged: Path, monkeypatch, out: Path
) -> None:
    bad = damaged.read_bytes() if damaged.is_file() else None
    if damaged.parent.name == "characters":
        # characters are measured (and their table written again) only as paragraphs are
        # composed: without the memo, every one is
        shutil.rmtree(cache / "compose")
    status, pdf = build(clean.issue, cache, out, monkeypatch)
    assert status == 0
    assert pdf == clean.pdf
    # the damaged record was replaced by one that passes every check
    assert RecordCache(cache).get(damaged.parent.name, damaged.stem) is not None
    assert damaged.read_bytes() != bad


def test_a_warm_build_is_identical(clean_build, cache_copy, monkeypatch, tmp_path):
    status, pdf = build(clean_build.issue, cache_copy, tmp_path / "out", monkeypatch)
    assert status == 0 and pdf == clean_build.pdf


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # each example rebuilds a record: keep the set small and fixed
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kind=st.sampled_from(KINDS),
    where=st.floats(0, 1, exclude_max=True),
    value=st.integers(1, 255),
)
def test_a_flipped_byte_in_any_record(clean_build, monkeypatch, tmp_path, kind, where, value):
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    cache = work / "cache"
    shutil.copytree(clean_build.cache, cache)
    path = record(cache, kind)
    data = bytearray(path.read_bytes())
    data[int(where * len(data))] ^= value
    path.write_bytes(bytes(data))
    assert_rebuilt_identically(clean_build, cache, path, monkeypatch, work / "out")


@pytest.mark.parametrize("kind", KINDS)
def test_a_truncated_record(clean_build, cache_copy, monkeypatch, tmp_path, kind):
    path = record(cache_copy, kind)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert_rebuilt_identically(clean_build, cache_copy, path, monkeypatch, tmp_path / "out")


def test_a_face_record_cut_short_in_its_payload(clean_build, cache_copy, monkeypatch, tmp_path):
    """Issue 8: a face record whose header still parses gave a traceback on every build."""
    path = record(cache_copy, "faces")
    path.write_bytes(path.read_bytes()[:-200_000])
    assert_rebuilt_identically(clean_build, cache_copy, path, monkeypatch, tmp_path / "out")


@pytest.mark.parametrize("kind", KINDS)
def test_a_foreign_record_under_the_key(clean_build, cache_copy, monkeypatch, tmp_path, kind):
    path = record(cache_copy, kind)
    others = [p for p in (cache_copy / kind).glob("*.bin") if p != path]
    if not others:  # one memo record per issue: take a record of another kind
        others = sorted((cache_copy / "names").glob("*.bin"))
    shutil.copyfile(others[0], path)
    assert_rebuilt_identically(clean_build, cache_copy, path, monkeypatch, tmp_path / "out")


@pytest.mark.parametrize("outlines", ["cff", "truetype"])
def test_flipped_bytes_in_a_font_program(clean_build, cache_copy, monkeypatch, tmp_path, outlines):
    """Issue 8: flipped bytes in a cached subset printed garbled glyphs, with exit 0."""
    cache = RecordCache(cache_copy)
    path = next(
        p
        for p in sorted((cache_copy / "subsets").glob("*.bin"))
        if cache.get("subsets", p.stem)[0]["outlines"] == outlines
    )
    data = bytearray(path.read_bytes())
    for offset in (-1, -100, -1000):  # in the charstrings / glyph data at the end
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    assert_rebuilt_identically(clean_build, cache_copy, path, monkeypatch, tmp_path / "out")


def _rewrite_memo(cache_dir: Path, change) -> Path:
    """Edit every memo entry and store the record with a correct hash: damage only the entry
    checks can see."""
    cache = RecordCache(cache_dir)
    path = record(cache_dir, "compose")
    meta, payload = cache.get("compose", path.stem)
    # each entry is marshalled on its own (layout/compose/memo.py)
    entries = {
        key: marshal.dumps(change(marshal.loads(entry)))
        for key, entry in marshal.loads(payload).items()
    }
    cache.put("compose", path.stem, meta, marshal.dumps(entries))
    return path


def _hui_to_jia(value: object) -> object:
    """Every glyph text 会 of an entry made 假 (whatever the entry's layout)."""
    if isinstance(value, tuple):
        return tuple(map(_hui_to_jia, value))
    return "假" if value == "会" else value


def test_hui_edited_to_jia_in_the_memo(clean_build, cache_copy, monkeypatch, tmp_path):
    """Issue 8: an edited memo record turned every printed 会 into 假, with exit 0."""
    path = _rewrite_memo(cache_copy, _hui_to_jia)
    assert "假".encode() in path.read_bytes()
    assert_rebuilt_identically(clean_build, cache_copy, path, monkeypatch, tmp_path / "out")
    assert "假".encode() not in path.read_bytes()


def test_memo_entries_of_another_shape(clean_build, cache_copy, monkeypatch, tmp_path):
    """Issue 8: a composition-memo record of another shape gave a traceback."""
    path = _rewrite_memo(cache_copy, lambda entry: (entry[0],))
    assert_rebuilt_identically(clean_build, cache_copy, path, monkeypatch, tmp_path / "out")


def test_a_character_table_of_another_shape(clean_build, cache_copy, monkeypatch, tmp_path):
    """A table with a row that is not a row (its hash correct): a miss, measured again."""
    cache = RecordCache(cache_copy)
    path = record(cache_copy, "characters")
    meta, payload = cache.get("characters", path.stem)
    table = marshal.loads(payload)
    (key, rows), *_ = table[2].items()
    first = next(iter(rows))
    rows[first] = rows[first][:5]
    cache.put("characters", path.stem, meta, marshal.dumps(table))
    assert_rebuilt_identically(clean_build, cache_copy, path, monkeypatch, tmp_path / "out")


def test_a_file_in_place_of_the_cache_directory(clean_build, monkeypatch, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_bytes(b"a file, not a directory")
    status, pdf = build(clean_build.issue, blocker, tmp_path / "out", monkeypatch)
    assert status == 0 and pdf == clean_build.pdf
    assert blocker.read_bytes() == b"a file, not a directory"


def test_typeset_text_with_a_damaged_subset(cache_copy, monkeypatch, tmp_path):
    text = tmp_path / "text.txt"
    text.write_text("会议，Word 会。会上形成协商报告。\n", encoding="utf-8")
    monkeypatch.setenv("HRB_LAYOUT_CACHE", str(cache_copy))
    before = set((cache_copy / "subsets").glob("*.bin"))

    def typeset(name: str) -> bytes:
        out = tmp_path / name
        assert main(["typeset-text", str(text), "--chars", "8", "-o", str(out)]) == 0
        return out.read_bytes()

    clean = typeset("clean.pdf")
    (path,) = set((cache_copy / "subsets").glob("*.bin")) - before
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    path.write_bytes(bytes(damaged))
    assert typeset("again.pdf") == clean
    assert RecordCache(cache_copy).get("subsets", path.stem) is not None


def test_the_command_line_with_a_damaged_face_record(clean_build, cache_copy, tmp_path):
    """The real command, in its own process: exit 0, no traceback, the same PDF."""
    path = record(cache_copy, "faces")
    path.write_bytes(path.read_bytes()[:-200_000])
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "layout.cli", "build", str(clean_build.issue), "-o", str(out)],
        env={"PATH": "/usr/bin:/bin", "HRB_LAYOUT_CACHE": str(cache_copy), "HOME": str(tmp_path)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "issue.pdf").read_bytes() == clean_build.pdf
