"""Style sheets: named, never given as a path; absurd sizes are errors at their position
(layout.style.load)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.errors import LayoutError, LayoutErrors
from layout.style.load import STYLES_DIR, load_style, max_columns

REFERENCE = STYLES_DIR / "hrb-zhengxie.yaml"


def errors_of(tmp_path: Path, old: str, new: str) -> list[str]:
    text = REFERENCE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "v.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        load_style("v", tmp_path)
    errors = caught.value.errors if isinstance(caught.value, LayoutErrors) else [caught.value]
    return [str(e).replace(f"{path}:", "") for e in errors]


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "a/b", "x.yaml", "", "a" * 65])
def test_a_style_is_a_plain_name(name: str) -> None:
    with pytest.raises(LayoutError, match="known styles: hrb-zhengxie"):
        load_style(name)


def test_a_sheet_outside_styles_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(REFERENCE.read_text(encoding="utf-8"), encoding="utf-8")
    inside = tmp_path / "styles"
    inside.mkdir()
    with pytest.raises(LayoutError, match="no style sheet named '../x'"):
        load_style("../x", inside)


BOUNDS = {
    "huge text size": (
        "cover-title: {font: kai, size: 80pt,",
        "cover-title: {font: kai, size: 8000pt,",
        "must be from 4pt to 144pt, not 8000pt",
    ),
    "tiny body size": ("  body_size: 9.5pt", "  body_size: 0.5pt", "must be from 5pt to 24pt"),
    "trim of a kilometre": ("trim: [210mm, 285mm]", "trim: [1000000mm, 285mm]", "'trim width'"),
    "negative top margin": ("  top: 24mm", "  top: -24mm", "'top' must be from 0mm to 285mm"),
    "bleed of 5 cm": ("  bleed: 3mm", "  bleed: 50mm", "'bleed' must be from 0mm to 10mm"),
    "100 lines of space": (
        "pitch: 22pt, space_before: 1}",
        "pitch: 22pt, space_before: 100}",
        "'space_before' must be a whole number from 0 to 10, not '100'",
    ),
    "pitch not a number": ("  pitch: 16pt ", "  pitch: .nan ", "'pitch' must be a finite number"),
    "bleed of 400 digits": ("  bleed: 3mm", "  bleed: " + "9" * 400, "'bleed' must be a finite"),
    "indent of 400 digits": (
        "body:       {font: body, size: 9.5pt, indent: 2}",
        "body:       {font: body, size: 9.5pt, indent: " + "9" * 400 + "}",
        "'indent' must be a number >= 0",
    ),
    "forced boolean tag": (
        "  title:      {font: heading,",
        "  title:      {font: heading, trim_opening: !!bool maybe,",
        "'trim_opening' must be true or false, not 'maybe'",
    ),
    "a million grid lines": ("  lines: 43", "  lines: 1000000", "from 1 to 200"),
    "section of 9 columns": (
        "  创新:   {columns: 3}",
        "  创新:   {columns: 9}",
        "section '创新' has 9 columns (the type area holds at most 4 columns",
    ),
}


@pytest.mark.parametrize("case", BOUNDS, ids=str)
def test_absurd_values_are_errors_at_their_position(tmp_path: Path, case: str) -> None:
    old, new, message = BOUNDS[case]
    errors = errors_of(tmp_path, old, new)
    assert any(message in error for error in errors), errors
    assert all(error.split(":")[0].isdigit() for error in errors), errors  # line:column first


def test_reference_sheet_holds_four_columns() -> None:
    assert max_columns(load_style("hrb-zhengxie")) == 4
