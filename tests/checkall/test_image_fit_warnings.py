"""What check and build say about a photo's fit (issue 11): the crop reported once a slot with
how much is cut and where, at the @image line or the yaml key; the resolution judged after the
fit's scaling and cropping; under 150 ppi an error that names `lowres`, a warning with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from checkall_inputs import P04, YAML, jpeg, line_of, printable_copy, replace, write

from layout.cli import main

SLOT = "visit.png cols=2 lines=10 placeholder"  # a 54 x 54 mm slot on page 04


@pytest.fixture(autouse=True)
def one_process(monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")


def check(folder: Path, capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(["check", str(folder)])
    return status, capsys.readouterr().err.splitlines()


def issue_with(tmp_path: Path, slot: str, photo: bytes) -> Path:
    """The printable fixture with its page-04 slot replaced by `@image {slot}` of `photo`."""
    folder = printable_copy(tmp_path / "issue")
    write("images/photo.jpg", photo)(folder)
    replace(P04, f"@image {SLOT}", f"@image {slot}")(folder)
    return folder


def about(warnings: list[str], name: str = "images/photo.jpg") -> list[str]:
    return [w for w in warnings if name in w]


# -- the crop reported ----------------------------------------------------------------------------


def test_crop_top_reports_the_cut_at_the_bottom_only(tmp_path, capsys):
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10 crop=top", jpeg(2000, 4000, 4))
    status, warnings = check(folder, capsys)
    line = line_of(folder / P04, "@image photo.jpg")
    assert status == 0
    assert about(warnings) == [
        f"{folder / P04}:{line}:1: warning: the photo images/photo.jpg on page 04: 50 % of its "
        "height is cut off (all at the bottom) to fill its slot of 54 x 54 mm (write "
        "crop=bottom to keep the bottom, fit=contain to show it whole, or lines=N to suit the "
        "photo)"
    ]


def test_a_centred_crop_names_both_edges(tmp_path, capsys):
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10", jpeg(4000, 2000, 4))
    _, warnings = check(folder, capsys)
    (warning,) = about(warnings)
    assert "50 % of its width is cut off (25 % each at the left and the right)" in warning
    assert "(write crop=left to keep the left, crop=right to keep the right, fit=contain" in warning


def test_fit_contain_cuts_nothing_but_says_when_the_slot_is_half_white(tmp_path, capsys):
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10 fit=contain", jpeg(4000, 2000, 4))
    status, warnings = check(folder, capsys)
    line = line_of(folder / P04, "@image photo.jpg")
    assert status == 0
    assert about(warnings) == [
        f"{folder / P04}:{line}:1: warning: the photo images/photo.jpg on page 04: shown whole, "
        "it leaves 50 % of its slot of 54 x 54 mm white (below it); give the slot the photo's "
        "shape (lines=N), or let it fill the slot cropped (fit=crop)"
    ]


def test_fit_contain_in_a_slot_of_nearly_its_shape_says_nothing(tmp_path, capsys):
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10 fit=contain", jpeg(3000, 2700, 4))
    status, warnings = check(folder, capsys)
    assert status == 0 and about(warnings) == []  # 10 % white: a frame, not a hole


def test_a_photo_cut_a_little_is_not_reported(tmp_path, capsys):
    # 3 % of the height: within what a slot may trim unremarked
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10", jpeg(3000, 3090, 4))
    _, warnings = check(folder, capsys)
    assert about(warnings) == []


def test_build_reports_the_crop_once_as_check_does(tmp_path, capsys):
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10 crop=bottom", jpeg(2000, 4000, 4))
    _, checked = check(folder, capsys)
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--quiet", "--no-report"]) == 0
    built = [w for w in capsys.readouterr().err.splitlines() if "warning:" in w]
    assert about(built) == about(checked)
    (warning,) = about(built)
    assert "(all at the top)" in warning and "crop=top to keep the top" in warning


def test_the_cover_slots_take_fit_and_crop_in_yaml(tmp_path, capsys):
    folder = printable_copy(tmp_path / "issue")
    write("images/photo.jpg", jpeg(3000, 3000, 4))(folder)
    write("images/wide.jpg", jpeg(6000, 2000, 4))(folder)
    replace(
        YAML,
        "{placeholder: true, caption: 调研现场}",
        "{file: photo.jpg, crop: top, caption: 调研现场}",
    )(folder)
    replace(YAML, "{placeholder: true, caption: 封面照片}", "{file: wide.jpg, fit: contain}")(
        folder
    )
    status, warnings = check(folder, capsys)
    assert status == 0
    (warning,) = about(warnings)
    assert warning.startswith(f"{folder / YAML}:21:14: warning: the photo images/photo.jpg")
    assert "(all at the bottom)" in warning
    assert "(write crop: bottom to keep the bottom, or fit: contain to show it whole)" in warning
    (wide,) = about(warnings, "images/wide.jpg")  # contained: nothing cut, but a hole
    assert (
        "it leaves 53 % of its slot of 216 x 152 mm white (below it); use a photo of the " in wide
    )
    assert wide.endswith("slot's shape, or let it fill the slot cropped (fit: crop)")


@pytest.mark.parametrize(
    ("entry", "message", "hint"),
    [
        (
            "{file: photo.jpg, fit: cover}",
            "unknown fit 'cover' in the image entry",
            "fit: crop, contain",
        ),
        (
            "{file: photo.jpg, crop: tpo}",
            "unknown crop 'tpo' in the image entry",
            "did you mean 'top'? crop: center, top, bottom",
        ),
        (
            "{file: photo.jpg, fit: contain, crop: left}",
            "crop: left has nothing to keep: fit: contain cuts nothing",
            "leave out crop:",
        ),
        ("{file: photo.jpg, lowres: sure}", "'lowres' must be true or false", "lowres: true"),
    ],
)
def test_bad_fit_values_in_yaml_are_errors_at_the_value(tmp_path, capsys, entry, message, hint):
    folder = printable_copy(tmp_path / "issue")
    write("images/photo.jpg", jpeg(3000, 3000, 4))(folder)
    replace(YAML, "{placeholder: true, caption: 调研现场}", entry)(folder)
    status, errors = check(folder, capsys)
    assert status != 0
    (error,) = [e for e in errors if message in e]
    key = entry.split(", ")[-1].split(":")[0]
    column = len("    - ") + entry.index(key) + len(key) + 3  # the value after `key: `
    assert error.startswith(f"{folder / YAML}:21:{column}: "), error
    assert hint in error


# -- resolution after the fit ---------------------------------------------------------------------


def test_an_image_under_150_ppi_is_an_error_that_names_lowres(tmp_path, capsys):
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10", jpeg(200, 200, 4))
    status, errors = check(folder, capsys)
    line = line_of(folder / P04, "@image photo.jpg")
    assert status != 0
    (error,) = about(errors)
    assert error.startswith(
        f"{folder / P04}:{line}:1: image images/photo.jpg: 94 ppi at 54 x 54 mm on page 04: it "
        "would print blurred"
    )
    assert "write lowres on its @image line" in error


def test_lowres_makes_it_a_warning_said_once(tmp_path, capsys):
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10 lowres", jpeg(200, 200, 4))
    status, warnings = check(folder, capsys)
    line = line_of(folder / P04, "@image photo.jpg")
    assert status == 0
    assert about(warnings) == [
        f"{folder / P04}:{line}:1: warning: image images/photo.jpg: 94 ppi at 54 x 54 mm on page "
        "04: it would print blurred (at least 150 ppi, print wants 300); printed all the same "
        "(lowres)"
    ]  # and not a second time as under 300


def test_lowres_in_yaml(tmp_path, capsys):
    folder = printable_copy(tmp_path / "issue")
    write("images/photo.jpg", jpeg(300, 200, 4))(folder)
    entry = "{file: photo.jpg, caption: 调研现场}"
    replace(YAML, "{placeholder: true, caption: 调研现场}", entry)(folder)
    status, errors = check(folder, capsys)
    assert status != 0 and "write lowres: true in its entry" in about(errors)[0]
    replace(YAML, entry, "{file: photo.jpg, lowres: true, caption: 调研现场}")(folder)
    status, warnings = check(folder, capsys)
    assert status == 0
    assert [w for w in about(warnings) if "ppi" in w][0].endswith("printed all the same (lowres)")


def test_the_resolution_is_that_of_the_photo_as_fitted(tmp_path, capsys):
    # 3000 x 300 px: covering a 54 mm square it is blown up to some 140 ppi; contained, it is
    # drawn 54 mm wide at some 1400 ppi
    folder = issue_with(tmp_path, "photo.jpg cols=2 lines=10", jpeg(3000, 300, 4))
    status, errors = check(folder, capsys)
    assert status != 0 and "141 ppi" in about(errors)[0]
    replace(P04, "photo.jpg cols=2 lines=10", "photo.jpg cols=2 lines=10 fit=contain")(folder)
    status, warnings = check(folder, capsys)
    assert status == 0 and not any("ppi" in w for w in about(warnings))
