"""How a photo sits in its slot (issue 11, "Images in the flow"): `fit=crop` covers the slot and
`crop=` keeps an edge, `fit=contain` shows the whole photo inside the slot, centred across and
on the slot's top edge. Checked on the placement matrix the PDF writer draws with, on pixels,
and on the arithmetic that keeps the centred crop byte-identical to earlier builds."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.images import CROP_POSITIONS, place
from layout.render.model import ImageBox

from . import test_images
from .test_images import fake_jpeg, is_blue, is_red, is_white, pixels, render

# the real JPEG fixture of the writer's image tests (and the fixtures it needs)
rgb_jpeg, images, registry = test_images.rgb_jpeg, test_images.images, test_images.registry

PAGE = 100.0  # the test page is 100 x 100 pt, no bleed: PDF y = 100 - page y


def matrix(data: bytes) -> tuple[float, float, float, float]:
    """(width, height, left, bottom) of the one image drawn, in PDF points (y up)."""
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    stream = page.get_contents().get_data().decode("latin-1")
    found = re.findall(r"(\S+) 0 0 (\S+) (\S+) (\S+) cm\s*/Im\d+ Do", stream)
    assert len(found) == 1, stream
    width, height, left, bottom = (float(v) for v in found[0])
    return width, height, left, bottom


@pytest.fixture(scope="module")
def wide(tmp_path_factory) -> Path:
    """A 2:1 photo (200 x 100 px)."""
    path = tmp_path_factory.mktemp("fit") / "wide.jpg"
    path.write_bytes(fake_jpeg(200, 100, 4, adobe=True))
    return path


@pytest.fixture(scope="module")
def tall(tmp_path_factory) -> Path:
    """A 1:2 photo (100 x 200 px)."""
    path = tmp_path_factory.mktemp("fit") / "tall.jpg"
    path.write_bytes(fake_jpeg(100, 200, 4, adobe=True))
    return path


def drawn(path: Path, **options) -> tuple[float, float, float, float]:
    """The photo's rectangle (width, height, left, top) in page coordinates (y down), drawn in
    a 40 x 40 pt slot at (30, 30)."""
    width, height, left, bottom = matrix(render([ImageBox(30, 30, 40, 40, str(path), **options)]))
    return width, height, left, PAGE - bottom - height


def test_contain_shows_a_wide_photo_whole_across_the_slot_on_its_top_edge(wide: Path) -> None:
    # 2:1 in a square slot: 40 x 20 pt, the slot's full width, its top edge on the slot's
    assert drawn(wide, fit="contain") == pytest.approx((40, 20, 30, 30))


def test_contain_centres_a_tall_photo_across_the_slot(tall: Path) -> None:
    # 1:2 in a square slot: 20 x 40 pt, the full height, 10 pt of white either side
    assert drawn(tall, fit="contain") == pytest.approx((20, 40, 40, 30))


def test_crop_top_keeps_the_top_edge_and_crop_bottom_the_bottom(tall: Path) -> None:
    # 1:2 covering a square slot: 40 x 80 pt, 40 pt of it cut
    assert drawn(tall) == pytest.approx((40, 80, 30, 10))  # centred: 20 pt off each end
    assert drawn(tall, crop="top") == pytest.approx((40, 80, 30, 30))
    assert drawn(tall, crop="bottom") == pytest.approx((40, 80, 30, -10))
    # a corner keeps the edge that is cut; the other direction fits exactly
    assert drawn(tall, crop="top-right") == pytest.approx((40, 80, 30, 30))


def test_crop_left_and_right_keep_their_edges(wide: Path) -> None:
    assert drawn(wide) == pytest.approx((80, 40, 10, 30))
    assert drawn(wide, crop="left") == pytest.approx((80, 40, 30, 30))
    assert drawn(wide, crop="right") == pytest.approx((80, 40, -10, 30))
    assert drawn(wide, crop="bottom-left") == pytest.approx((80, 40, 30, 30))


def test_the_drawing_is_clipped_to_the_slot_whatever_the_fit(tall: Path) -> None:
    data = render([ImageBox(30, 30, 40, 40, str(tall), crop="top")])
    stream = pypdf.PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
    assert re.search(rb"30 30 40 40 re\s+W n", stream), stream


# --- on pixels (a real JPEG: red left half, blue right half, 40 x 20 px) -------------------------


def test_crop_left_shows_only_the_red_half_and_crop_right_only_the_blue(rgb_jpeg: Path) -> None:
    left = pixels(render([ImageBox(30, 30, 20, 20, str(rgb_jpeg), crop="left")]))
    right = pixels(render([ImageBox(30, 30, 20, 20, str(rgb_jpeg), crop="right")]))
    for x in (32, 40, 48):
        assert is_red(left(x, 40)) and is_blue(right(x, 40)), x


def test_contain_leaves_the_rest_of_the_slot_white(rgb_jpeg: Path) -> None:
    # 2:1 in a 40 x 40 slot: the photo fills its top half, white below it
    at = pixels(render([ImageBox(30, 30, 40, 40, str(rgb_jpeg), fit="contain")]))
    assert is_red(at(35, 35)) and is_blue(at(65, 45))
    assert is_white(at(35, 60)) and is_white(at(65, 68))


# --- the geometry for any photo and slot ----------------------------------------------------------

sizes = st.integers(min_value=1, max_value=20000)
points = st.floats(min_value=1.0, max_value=2000.0, allow_nan=False)


@given(sizes, sizes, points, points)
def test_contain_keeps_the_aspect_inside_the_slot(px_w, px_h, box_w, box_h) -> None:
    at = place((px_w, px_h), (box_w, box_h), "contain")
    tolerance = 1e-6 * max(box_w, box_h)
    assert at.width / at.height == pytest.approx(px_w / px_h, rel=1e-9)
    assert -tolerance <= at.left and at.left + at.width <= box_w + tolerance
    assert at.top == pytest.approx(0.0, abs=tolerance)  # on the slot's top edge
    assert at.bottom <= box_h + tolerance
    # as large as it can be: it spans the slot one way
    assert at.width == pytest.approx(box_w) or at.height == pytest.approx(box_h)
    assert at.left == pytest.approx((box_w - at.width) / 2, abs=tolerance)  # centred across


@given(sizes, sizes, points, points, st.sampled_from(sorted(CROP_POSITIONS)))
def test_crop_covers_the_slot_and_keeps_its_edges(px_w, px_h, box_w, box_h, position) -> None:
    at = place((px_w, px_h), (box_w, box_h), "crop", position)
    tolerance = 1e-6 * max(box_w, box_h, at.width, at.height)
    assert at.width / at.height == pytest.approx(px_w / px_h, rel=1e-9)
    assert at.left <= tolerance and at.left + at.width >= box_w - tolerance
    assert at.top <= tolerance and at.bottom >= box_h - tolerance
    if "left" in position:
        assert at.left == pytest.approx(0.0, abs=tolerance)
    if "right" in position:
        assert at.left + at.width == pytest.approx(box_w, abs=tolerance)
    if "top" in position:
        assert at.top == pytest.approx(0.0, abs=tolerance)
    if "bottom" in position:
        assert at.bottom == pytest.approx(box_h, abs=tolerance)


@given(sizes, sizes, points, points, points, points)
def test_the_centred_crop_is_the_arithmetic_of_earlier_builds(px_w, px_h, box_w, box_h, x, y):
    """Before crop positions, the writer drew at box.x + (box.width - width) / 2 and
    box.y + (box.height + height) / 2: the very same floats, so the PDFs stay byte-identical."""
    scale = max(box_w / px_w, box_h / px_h)
    width, height = px_w * scale, px_h * scale
    at = place((px_w, px_h), (box_w, box_h))
    assert (at.width, at.height) == (width, height)
    assert x + at.left == x + (box_w - width) / 2
    assert y + at.bottom == y + (box_h + height) / 2
