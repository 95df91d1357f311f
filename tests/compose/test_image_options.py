"""The @image options that say how a photo fills its slot (issue 11): `fit=crop|contain`,
`crop=POSITION` and the `lowres` flag, parsed with their errors at their columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.compose.copyfit import photo_remedies
from layout.compose.slab import Slab
from layout.compose.story import Story
from layout.content.image_options import parse_image_options
from layout.errors import Location
from layout.images import CROP_POSITIONS, FITS
from layout.render.model import ImageBox
from layout.style.load import load_style

PATH = Path("a.txt")


def parse(options: str):
    """Parse `@image {options}` on line 3: the text after `@image` starts in column 7, so the
    first option character is in column 8."""
    return parse_image_options(PATH, 3, " " + options, 7)


def test_defaults_are_todays_fill_centred_and_no_allowance():
    attrs, errors = parse("a.jpg cols=2 lines=8 : 说明")
    assert not errors
    assert (attrs["fit"], attrs["crop"], attrs["lowres"]) == ("crop", "center", False)


@pytest.mark.parametrize("fit", FITS)
def test_every_fit_parses(fit):
    attrs, errors = parse(f"a.jpg fit={fit}")
    assert not errors and attrs["fit"] == fit


@pytest.mark.parametrize("position", sorted(CROP_POSITIONS))
def test_every_crop_position_parses(position):
    attrs, errors = parse(f"a.jpg lines=6 crop={position} : 说明")
    assert not errors and attrs["crop"] == position and attrs["caption"] == "说明"


def test_a_corner_may_be_named_either_way_round():
    attrs, errors = parse("a.jpg crop=left-top")
    assert not errors and attrs["crop"] == "top-left"


def test_lowres_is_a_flag_like_placeholder():
    attrs, errors = parse("a.jpg lowres placeholder")
    assert not errors and attrs["lowres"] is True and attrs["placeholder"] is True
    _, errors = parse("a.jpg lowres=yes")
    assert [e.message for e in errors] == ["unknown @image option 'lowres=yes'"]
    assert errors[0].location.column == 14


def test_options_in_any_order():
    attrs, errors = parse("a.jpg crop=bottom lowres cols=1 fit=crop lines=7")
    assert not errors
    assert (attrs["crop"], attrs["lowres"], attrs["cols"], attrs["lines"]) == ("bottom", True, 1, 7)


def test_an_unknown_fit_is_an_error_at_its_column_with_a_suggestion():
    _, errors = parse("a.jpg cols=1 fit=contian")
    (error,) = errors
    assert error.message == "@image fit=contian is not a fit"
    assert (error.location.line, error.location.column) == (3, 21)
    assert error.hint.startswith("did you mean 'contain'? fit=crop fills the slot")


def test_an_unknown_crop_position_is_an_error_with_a_suggestion():
    _, errors = parse("a.jpg crop=tpo")
    (error,) = errors
    assert error.message == "@image crop=tpo is not a crop position"
    assert error.location.column == 14
    assert error.hint.startswith("did you mean 'top'? crop= keeps an edge: center, top, bottom")
    _, errors = parse("a.jpg crop=somewhere")  # nothing close: the positions are listed
    assert errors[0].hint.startswith("crop= keeps an edge: center")


def test_a_misspelt_option_name_is_suggested():
    _, errors = parse("a.jpg fitt=contain")
    assert errors[0].message == "unknown @image option 'fitt=contain'"
    assert errors[0].hint == "did you mean 'fit'?"
    _, errors = parse("a.jpg lowress")
    assert errors[0].hint == "did you mean 'lowres'?"


def test_an_option_given_twice_is_an_error():
    _, errors = parse("a.jpg crop=top crop=bottom")
    assert [e.message for e in errors] == ["@image option 'crop' given twice"]


def test_a_crop_position_with_fit_contain_is_an_error_at_the_crop():
    _, errors = parse("a.jpg fit=contain crop=top")
    (error,) = errors
    assert error.message == "@image crop=top has nothing to keep: fit=contain cuts nothing"
    assert error.location.column == 26
    _, errors = parse("a.jpg crop=center fit=contain")  # the default position says nothing
    assert not errors


def test_a_flag_first_is_no_file_name():
    _, errors = parse("lowres a.jpg")
    assert errors[0].message == "@image needs a file name first"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz-=", max_size=12))
def test_any_value_is_a_known_choice_or_an_error(value):
    attrs, errors = parse(f"a.jpg crop={value}")
    if errors:
        assert all(e.location.column >= 14 for e in errors)
        assert attrs["crop"] == "center"
    else:
        assert attrs["crop"] in CROP_POSITIONS


# -- what the copy-fit says of a contained photo ---------------------------------------------------


@pytest.mark.parametrize(
    ("fit", "effect"),
    [("crop", "about 25% more of its height cropped"), ("contain", "shown smaller")],
)
def test_a_shorter_photo_remedy_says_what_happens_to_the_photo(fit, effect):
    grid = load_style("hrb-zhengxie").grid
    rows = 8
    height = (rows - 1) * grid.pitch + grid.body_size
    box = ImageBox(0, 0, grid.column_width, height, "a.jpg", source=Location(PATH, 3), fit=fit)
    story = Story(head=[], stream=[], floats=[(0, Slab(rows + 1, [box], kind="image"))])
    (remedy,) = photo_remedies(story, 2, 2, grid)
    assert remedy.text.endswith(f"2 lines shorter (lines=6; {effect})")
