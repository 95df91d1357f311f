"""Font roles, metrics from the installed fonts, the missing-glyph error and the disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.errors import LayoutError, Location
from layout.fonts import FontMetrics, FontRegistry, MissingGlyphError
from layout.fonts.roles import load_roles


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load()


@pytest.fixture(scope="module")
def metrics(registry: FontRegistry) -> FontMetrics:
    return FontMetrics(registry)


def test_roles_resolve_to_the_sc_faces(registry: FontRegistry) -> None:
    assert registry.face("body").name == "Noto Serif CJK SC Regular"
    assert registry.face("bold").name == "Noto Sans CJK SC Bold"
    assert registry.face("heading").name == "Noto Sans CJK SC Bold"
    assert registry.face("heading-serif").name == "Noto Serif CJK SC Bold"
    assert registry.face("sans").name == "Noto Sans CJK SC Regular"
    assert registry.face("kai").name == "LXGW WenKai Regular"
    assert registry.face("latin") is registry.face("body")
    assert registry.face("body").info.postscript_name == "NotoSerifCJKsc-Regular"


def test_full_width_marks_are_one_em_and_latin_is_proportional(metrics: FontMetrics) -> None:
    for role in ("body", "heading", "kai"):
        assert metrics.advance(role, "。") == 1.0
        assert metrics.advance(role, "国") == 1.0
    assert 0.2 < metrics.advance("body", "i") < metrics.advance("body", "M") < 1.0
    assert metrics.advance("body", "——") == 2 * metrics.advance("body", "—")


def test_vertical_metrics_place_the_ideographic_em_box(metrics: FontMetrics) -> None:
    assert metrics.ascender("body") == pytest.approx(0.88)
    assert metrics.descender("body") == pytest.approx(-0.12)


def test_halt_values_come_from_gpos(metrics: FontMetrics) -> None:
    assert metrics.halt("body", "，") == (0.0, -0.5)  # SC: the comma's ink is on the left
    assert metrics.halt("body", "（") == (-0.5, -0.5)
    assert metrics.halt("body", "国") is None


@pytest.mark.parametrize("char", "珅喆琿〇")
@pytest.mark.parametrize("role", ["body", "heading"])
def test_rare_name_characters_exist(metrics: FontMetrics, role: str, char: str) -> None:
    assert metrics.has_glyph(role, char)


def test_missing_glyph_names_character_font_and_role(metrics: FontMetrics) -> None:
    with pytest.raises(MissingGlyphError) as caught:
        metrics.advance("body", "\U0001f600")
    message = str(caught.value)
    assert "U+1F600" in message
    assert "Noto Serif CJK SC Regular" in message
    assert "'body'" in message
    placed = caught.value.at(Location(Path("a.txt"), 3, 7))
    assert str(placed).startswith("a.txt:3:7: character")
    assert isinstance(placed, LayoutError)


def test_unknown_role_lists_the_known_ones(registry: FontRegistry) -> None:
    with pytest.raises(LayoutError, match="unknown font role 'title'.*kai"):
        registry.face("title")


def test_missing_font_file_names_role_font_and_package(tmp_path: Path) -> None:
    config = tmp_path / "fonts.yaml"
    config.write_text(
        "roles:\n"
        "  body:\n"
        "    family: Nowhere Serif SC\n"
        "    style: Regular\n"
        "    files: [/nonexistent/Nowhere.ttc]\n"
        "    package: fonts-nowhere\n",
        encoding="utf-8",
    )
    registry = FontRegistry.load(config, cache_dir=tmp_path / "cache")
    with pytest.raises(LayoutError) as caught:
        registry.face("body")
    text = str(caught.value)
    assert "font role 'body'" in text and "Nowhere Serif SC Regular" in text
    assert "fonts-nowhere" in text
    assert f"{config}:2" in text


def test_same_as_must_name_a_role(tmp_path: Path) -> None:
    config = tmp_path / "fonts.yaml"
    config.write_text("roles:\n  latin:\n    same-as: body\n", encoding="utf-8")
    with pytest.raises(LayoutError, match="'latin' is the same as 'body'"):
        load_roles(config)


def test_second_load_comes_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    from layout.fonts import face as face_module

    read = []
    real = face_module._read_font
    monkeypatch.setattr(face_module, "_read_font", lambda ref: read.append(ref) or real(ref))
    cold = FontRegistry.load(cache_dir=tmp_path).face("body")
    assert len(read) == 1 and list((tmp_path / "faces").iterdir())
    warm = FontRegistry.load(cache_dir=tmp_path).face("body")
    assert len(read) == 1  # the font file was not read again
    assert warm.cmap == cold.cmap
    assert list(warm.advances) == list(cold.advances)
    assert warm.info == cold.info
    assert warm.halt == cold.halt


def test_a_damaged_cache_record_is_a_miss(tmp_path: Path) -> None:
    FontRegistry.load(cache_dir=tmp_path).face("kai")
    for record in (tmp_path / "faces").iterdir():
        record.write_bytes(b"garbage")
    face = FontRegistry.load(cache_dir=tmp_path).face("kai")
    assert face.glyph("楷") is not None
