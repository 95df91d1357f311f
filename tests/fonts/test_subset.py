"""Subsets for embedding: stable CIDs, deterministic output, and the disk cache."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont

from layout.fonts import FontRegistry
from layout.fonts import subset as subset_module

TEXT = "国际。A"


def gids(registry: FontRegistry, role: str) -> set[int]:
    face = registry.face(role)
    return {face.glyph(c) for c in TEXT}


def test_cff_subset_keeps_cid_keyed_cff_and_cids(tmp_path: Path) -> None:
    registry = FontRegistry.load(cache_dir=tmp_path)
    face = registry.face("body")
    wanted = gids(registry, "body")
    subset = registry.subset_for(face, wanted)
    assert subset.outlines == "cff" and subset.cid_to_gid == {}
    assert subset.tag.isalpha() and subset.tag.isupper() and len(subset.tag) == 6
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(subset.program), None)
    top = cff.topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0)  # still CID-keyed: /CIDFontType0C
    # Noto CJK numbers its CIDs like its glyphs; the subset keeps them
    assert set(subset.cids) == wanted | {0}
    assert all(subset.cids[g] == g for g in wanted)
    assert {f"cid{c:05d}" for c in subset.cids.values() if c} <= set(top.charset)


def test_truetype_subset_is_deterministic_and_maps_cids(tmp_path: Path) -> None:
    first = FontRegistry.load(cache_dir=tmp_path / "a")
    second = FontRegistry.load(cache_dir=tmp_path / "b")
    a = first.subset_for(first.face("kai"), gids(first, "kai"))
    b = second.subset_for(second.face("kai"), gids(second, "kai"))
    assert a == b  # two cold runs: same program bytes (no timestamps), same tag
    font = TTFont(io.BytesIO(a.program))
    assert font["maxp"].numGlyphs == len(TEXT) + 1
    # the subset's own cmap agrees with CID (= original glyph id) -> new glyph index
    cmap = font.getBestCmap()
    for char in TEXT:
        cid = a.cids[first.face("kai").glyph(char)]
        assert font.getGlyphID(cmap[ord(char)]) == a.cid_to_gid[cid]


def test_second_subset_comes_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    registry = FontRegistry.load(cache_dir=tmp_path)
    face = registry.face("body")
    cold = registry.subset_for(face, gids(registry, "body"))
    assert len(list((tmp_path / "subsets").iterdir())) == 1

    def no_subsetting(*args: object) -> None:
        raise AssertionError("subset again instead of read from the cache")

    # assembling a subset now takes milliseconds too: what tells the cache is that none is made
    monkeypatch.setattr(subset_module, "_subset", no_subsetting)
    warm = FontRegistry.load(cache_dir=tmp_path).subset_for(face, gids(registry, "body"))
    assert warm == cold
