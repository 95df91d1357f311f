"""Font subsets and face records read from the font files' bytes give what fontTools gives.

The subset programs are not fontTools' bytes (subroutines are renumbered in their own way), so
the tests compare what matters: each glyph's outline and advance, its CID, and that fontTools,
Poppler and Ghostscript read the result."""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys

import pytest
from fontTools.cffLib import CFFFontSet
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from layout.fonts import FontRegistry, cffsubset
from layout.fonts import subset as subset_module
from layout.fonts.cache import RecordCache
from layout.fonts.cffsubset import GlyphPrograms, Unsupported, subset_cff
from layout.fonts.face import _read_with_fonttools, load_face
from layout.fonts.fontread import read_face
from layout.fonts.glyfsubset import subset_glyf

SAMPLE = 400  # glyphs per face: a few hundred subroutines and both kinds of FD


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> FontRegistry:
    return FontRegistry.load(cache_dir=tmp_path_factory.mktemp("cache"))


def outlines(glyph_set, name: str) -> list:
    pen = DecomposingRecordingPen(glyph_set)
    glyph_set[name].draw(pen)
    return pen.value


def sample(count: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    return sorted({0, *rng.sample(range(1, count), min(SAMPLE, count - 1))})


@pytest.mark.parametrize("role", ["body", "heading"])
def test_cff_subset_draws_every_glyph_as_the_font_does(registry, role):
    face = registry.face(role)
    path, index = face.ref.path, face.ref.index
    gids = sample(face.info.glyph_count, seed=len(role))
    program, cids = subset_cff(path, index, gids)
    assert program == subset_cff(path, index, gids)[0]  # deterministic
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(program), None)
    top = cff.topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0)
    font = TTFont(str(path), fontNumber=index, lazy=True)
    order = font.getGlyphOrder()
    whole = font.getGlyphSet()
    strings = top.CharStrings
    for gid in gids:
        assert cids[gid] == (0 if gid == 0 else int(order[gid][3:]))
        assert strings[order[gid]].program is not None
        assert outlines(strings, order[gid]) == outlines(whole, order[gid]), order[gid]


@pytest.mark.parametrize("role", ["kai", "other"])  # LXGW WenKai; DejaVu Sans has composites
def test_truetype_subset_draws_every_glyph_as_the_font_does(registry, role):
    face = registry.face(role)
    gids = sample(face.info.glyph_count, seed=3)
    program, new_index = subset_glyf(face.ref.path, face.ref.index, gids, face.cmap)
    font = TTFont(str(face.ref.path), fontNumber=face.ref.index)
    cut = TTFont(io.BytesIO(program))
    whole, part = font.getGlyphSet(), cut.getGlyphSet()
    old_order, new_order = font.getGlyphOrder(), cut.getGlyphOrder()
    for gid in gids:
        old, new = old_order[gid], new_order[new_index[gid]]
        assert outlines(part, new) == outlines(whole, old), old
        assert part[new].width == whole[old].width
    cmap = cut.getBestCmap()
    for cp, gid in face.cmap.items():
        if gid in new_index:
            assert cut.getGlyphID(cmap[cp]) == new_index[gid]


def test_face_records_read_from_bytes_equal_fonttools(registry):
    for role in ("body", "heading", "sans", "kai", "other", "math"):
        try:
            ref = registry.face(role).ref
        except Exception:  # noqa: BLE001 - a fallback font this machine lacks
            continue
        fields, cmap, advances, halt = read_face(ref.path, ref.index)
        reference = _read_with_fonttools(ref)
        assert fields == reference.info.__dict__
        assert cmap == reference.cmap
        assert advances == reference.advances
        assert halt == reference.halt


def test_an_unsupported_font_is_subset_by_fonttools(registry, monkeypatch, tmp_path):
    face = load_face(registry.face("kai").ref, registry.cache)
    gids = {face.glyph(c) for c in "国际。"}

    def refuse(*args: object) -> None:
        raise Unsupported("as if the font had a table of another shape")

    fast = subset_module._assembled(face, sorted(gids | {0}), "AAAAAA")
    monkeypatch.setattr(subset_module, "subset_glyf", refuse)
    slow = subset_module._subset(face, sorted(gids | {0}), "AAAAAA")
    assert slow.outlines == fast.outlines == "truetype"
    assert slow.cids == fast.cids and set(slow.cid_to_gid) == set(fast.cid_to_gid)


def test_a_broken_cff_is_refused_not_mangled(tmp_path):
    broken = tmp_path / "broken.otf"
    broken.write_bytes(b"OTTO" + b"\0" * 60)
    with pytest.raises(Unsupported):
        subset_cff(broken, 0, [0, 1])


@pytest.mark.skipif(not shutil.which("gs") or not shutil.which("pdffonts"), reason="poppler, gs")
def test_pdf_with_assembled_subsets_is_read_by_poppler_and_ghostscript(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("国际局势风云变幻，我们坚持稳中求进。\n“引号”与《书名》——破折号。\n", "utf-8")
    pdf = tmp_path / "t.pdf"
    env_cache = {"HRB_LAYOUT_CACHE": str(tmp_path / "cache")}
    made = subprocess.run(
        [sys.executable, "-m", "layout.cli", "typeset-text", str(text), "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env_cache},
    )
    assert made.returncode == 0, made.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=30)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(" yes yes " in row for row in rows)
    assert all(("CID Type 0C" in row) or ("CID TrueType" in row) for row in rows)
    gs = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(pdf)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert gs.returncode == 0 and "rror" not in gs.stdout + gs.stderr
    ppm = subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ppm.returncode == 0 and not ppm.stderr


def test_a_subset_from_kept_glyph_programs_is_the_fresh_subset(registry, tmp_path):
    """Glyph programs kept from other documents change nothing: the subset of a glyph set is
    the same bytes whatever was cut before (and a new glyph only adds to the store)."""
    face = registry.face("body")
    text = "国际局势风云变幻，我们坚持稳中求进。"
    gids = sorted({0, *(face.glyph(c) for c in text)})
    fresh, _ = subset_cff(face.ref.path, face.ref.index, gids)
    store = GlyphPrograms()
    others = sample(face.info.glyph_count, seed=7)
    subset_cff(face.ref.path, face.ref.index, others, store)
    kept = GlyphPrograms.loads(store.dumps())  # through the cache's serialisation
    again, _ = subset_cff(face.ref.path, face.ref.index, gids, kept)
    assert again == fresh
    assert set(kept.glyphs) == set(others) | set(gids)


def test_a_new_character_reuses_the_cached_programs(registry, tmp_path, monkeypatch):
    cache = RecordCache(tmp_path / "cache")
    face = registry.face("body")
    first = sorted({0, *(face.glyph(c) for c in "政协委员")})
    subset_module._STORES.clear()
    subset_module.subset_face(face, set(first), cache)
    assert len(list((tmp_path / "cache" / "glyphs").iterdir())) == 1
    subset_module._STORES.clear()  # a new process: the programs come from the cache
    walked = []

    class Counting(cffsubset._walk.Walker):
        def glyph(self, code):
            walked.append(code)
            return super().glyph(code)

    monkeypatch.setattr(cffsubset._walk, "Walker", Counting)
    subset_module.subset_face(face, set(first) | {face.glyph("璧")}, cache)
    assert len(walked) == 1  # only the new glyph's charstring is read and walked
