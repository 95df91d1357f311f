"""Face and subset records are checked against what was asked for, beyond their hash.

These records carry a correct hash (written with the cache's own writer) but were made from
something else or hold fields of another shape: each is rebuilt, never used or fatal.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from layout.fonts import FontRegistry
from layout.fonts.cache import RecordCache, file_key
from layout.fonts.face import FORMAT as FACE_FORMAT
from layout.fonts.face import load_face
from layout.fonts.subset import FORMAT as SUBSET_FORMAT
from layout.fonts.subset import subset_face

TEXT = "会议。A"


@pytest.fixture(scope="module")
def warm_fonts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Face and subset records made once for the module (each costs 0.2 to 0.5 s)."""
    root = tmp_path_factory.mktemp("fonts")
    registry = FontRegistry.load(cache_dir=root)
    for role in ("body", "kai"):
        face = registry.face(role)
        subset_face(face, {face.glyph(c) for c in TEXT}, registry.cache)
    return root


@pytest.fixture
def registry(warm_fonts: Path, tmp_path: Path) -> FontRegistry:
    shutil.copytree(warm_fonts, tmp_path / "cache")
    return FontRegistry.load(cache_dir=tmp_path / "cache")


def _rewrite(cache: RecordCache, kind: str, key: str, change) -> None:
    meta, payload = cache.get(kind, key)
    cache.put(kind, key, *change(meta, payload))


def _face_key(registry: FontRegistry, role: str) -> str:
    ref = registry.face(role).ref
    return file_key(ref.path, ref.index, FACE_FORMAT)


FACE_EDITS = {
    "units per em 0": lambda m, p: ({**m, "info": {**m["info"], "units_per_em": 0}}, p),
    "an unknown info field": lambda m, p: ({**m, "info": {**m["info"], "x": 1}}, p),
    "ascender a str": lambda m, p: ({**m, "info": {**m["info"], "ascender": "880"}}, p),
    "counts off by one": lambda m, p: ({**m, "counts": [m["counts"][0] + 1, m["counts"][1]]}, p),
    "counts of another shape": lambda m, p: ({**m, "counts": [1]}, p),
    "payload short": lambda m, p: (m, p[:-2]),
    "halt of another shape": lambda m, p: ({**m, "halt": [[1, 2]]}, p),
    "halt values str": lambda m, p: ({**m, "halt": [[0x3002, "a", "b"]]}, p),
}


@pytest.mark.parametrize("edit", sorted(FACE_EDITS))
def test_a_face_record_of_another_shape_is_read_again(registry, edit):
    face = registry.face("kai")
    key = _face_key(registry, "kai")
    _rewrite(registry.cache, "faces", key, FACE_EDITS[edit])
    again = load_face(face.ref, registry.cache)
    assert again.info == face.info and again.cmap == face.cmap and again.halt == face.halt
    assert list(again.advances) == list(face.advances)
    # and the record on disk is good again
    assert load_face(face.ref, registry.cache).info == face.info


def _subset_key(registry: FontRegistry, role: str) -> tuple[str, set[int]]:
    face = registry.face(role)
    gids = {face.glyph(c) for c in TEXT} | {0}
    digest = hashlib.sha256(repr(sorted(gids)).encode("ascii")).hexdigest()
    return file_key(face.ref.path, face.ref.index, SUBSET_FORMAT, digest), gids


SUBSET_EDITS = {
    "a glyph missing": lambda m, p: ({**m, "cids": m["cids"][:-1]}, p),
    "another CID": lambda m, p: ({**m, "cids": [[g, c + 1] for g, c in m["cids"]]}, p),
    "another tag": lambda m, p: ({**m, "tag": "AAAAAA"}, p),
    "other outlines": lambda m, p: (
        {**m, "outlines": "cff" if m["outlines"] == "truetype" else "truetype"},
        p,
    ),
    "CIDToGIDMap short": lambda m, p: ({**m, "cid_to_gid": m["cid_to_gid"][:-1]}, p),
    "not a font program": lambda m, p: (m, b"<html>not a font</html>"),
    "an empty program": lambda m, p: (m, b""),
    "cids of another shape": lambda m, p: ({**m, "cids": "0"}, p),
}


@pytest.mark.parametrize("edit", sorted(SUBSET_EDITS))
def test_a_subset_record_of_another_glyph_set_or_shape_is_cut_again(registry, edit):
    face = registry.face("kai")  # TrueType: the quickest face to subset
    key, gids = _subset_key(registry, "kai")
    fresh = subset_face(face, gids, registry.cache)
    _rewrite(registry.cache, "subsets", key, SUBSET_EDITS[edit])
    assert subset_face(face, gids, registry.cache) == fresh
    assert registry.cache.get("subsets", key) is not None


def test_a_cff_subset_of_another_glyph_set_is_cut_again(registry):
    face = registry.face("body")
    key, gids = _subset_key(registry, "body")
    fresh = subset_face(face, gids, registry.cache)
    _rewrite(registry.cache, "subsets", key, SUBSET_EDITS["a glyph missing"])
    assert subset_face(face, gids, registry.cache) == fresh


def test_a_face_name_record_of_another_shape_is_looked_up_again(tmp_path):
    first = FontRegistry.load(cache_dir=tmp_path)
    ref = first.face("kai").ref
    cache = RecordCache(tmp_path)
    for path in (tmp_path / "names").glob("*.bin"):
        cache.put("names", path.stem, {"index": "zero"}, b"")
    assert FontRegistry.load(cache_dir=tmp_path).face("kai").ref == ref
