from pathlib import Path

import pytest

from layout.errors import LayoutError, LayoutErrors
from layout.style.load import STYLES_DIR, load_style
from layout.style.units import MM, UnitError, parse_cmyk, parse_length, parse_size


def test_reference_style_geometry():
    style = load_style("hrb-zhengxie")
    grid = style.grid
    assert grid.chars == 25 and grid.columns == 2
    assert grid.width == pytest.approx(52 * 9.5)
    # the type area and margins fill the trim exactly
    assert style.page.inner + grid.width + style.page.outer == pytest.approx(210 * MM)
    three = style.grid_for(3)
    assert three.width == pytest.approx(grid.width)
    assert three.chars == 16 and three.gutter == pytest.approx(2.0)


@pytest.mark.parametrize(
    "text,pt", [("五号", 10.5), ("小五", 9), ("小二", 18), ("9.5pt", 9.5), (12, 12.0)]
)
def test_sizes(text, pt):
    assert parse_size(text) == pytest.approx(pt)


def test_lengths():
    assert parse_length("10mm") == pytest.approx(28.3464567)
    assert parse_length("2em", em=9.5) == pytest.approx(19)
    with pytest.raises(UnitError):
        parse_length("2em")
    with pytest.raises(UnitError):
        parse_length("two mm")


def test_cmyk():
    assert parse_cmyk([0, 100, 100, 15]) == (0, 1, 1, 0.15)
    with pytest.raises(UnitError):
        parse_cmyk([0, 100, 100])
    with pytest.raises(UnitError):
        parse_cmyk([0, 0, 0, 120])


def write_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (STYLES_DIR / "hrb-zhengxie.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "v.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.mark.parametrize(
    "old,new,needle,message",
    [
        ("  chars: 25 ", "  charz: 25 ", "charz", "unknown key 'charz' (did you mean 'chars'?)"),
        ("size: 小二", "size: 小七", "小七", "expected a 字号 name"),
        ("accent: [0, 100, 100, 15]", "accent: [0, 100, 15]", "accent:", "expected a CMYK"),
        ("  chars: 25 ", "  chars: 31 ", "chars: 31", "the type area is too wide"),
        (
            "align: center, pitch: 26pt",
            "align: middle, pitch: 26pt",
            "middle",
            "unknown alignment 'middle'",
        ),
        ("  lines: 43", "  lines: many", "lines: many", "expected a whole number"),
    ],
)
def test_style_errors_name_file_and_line(tmp_path, old, new, needle, message):
    folder = write_variant(tmp_path, old, new)
    with pytest.raises(LayoutError) as caught:
        load_style("v", folder)
    errors = caught.value.errors if isinstance(caught.value, LayoutErrors) else [caught.value]
    path = folder / "v.yaml"
    texts = [str(e) for e in errors]
    assert any(t.startswith(f"{path}:{line_of(path, needle)}:") and message in t for t in texts), (
        texts
    )


def test_unknown_style_lists_known(tmp_path):
    with pytest.raises(LayoutError, match="known styles: hrb-zhengxie"):
        load_style("nope")
