"""Issue 11, the press hand-off: photos as editors have them converted to the press profile,
honest PDF/X (a print PDF only when every slot has its image), red type on two plates, the
press condition and the ink limit of the style sheet."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from PIL import Image, ImageCms, ImageStat

from layout.color.press import CONDITIONS
from layout.color.profiles import ICC_PATH_ENV, press_profile
from layout.color.ready import ready_press
from layout.errors import LayoutError, LayoutErrors
from layout.fonts import FontRegistry
from layout.render.model import Document, GlyphRun, ImageBox, Page
from layout.render.pdf import render_pdf
from layout.style.load import STYLES_DIR, load_style
from layout.style.sheet import PressSettings

DATE = "2024-03-01"
ROOT = Path(__file__).resolve().parents[2]
ORANGE = (230, 120, 40)  # an sRGB colour well inside the press gamut
GS = shutil.which("gs")
needs_gs = pytest.mark.skipif(GS is None, reason="needs Ghostscript")


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load()


@pytest.fixture(scope="module")
def press():
    return ready_press(PressSettings())


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> dict[str, Path]:
    """The photos editors get, made with Pillow: 600 x 400 px (300 ppi at 144 x 96 pt)."""
    folder = tmp_path_factory.mktemp("photos")
    made = {}

    def save(name: str, image: Image.Image, **options) -> None:
        made[name] = folder / name
        image.save(made[name], **options)

    save("rgb.jpg", Image.new("RGB", (600, 400), ORANGE), quality=95)
    save("grey.jpg", Image.new("L", (600, 400), 100), quality=95)
    save("cmyk.jpg", Image.new("CMYK", (600, 400), (0, 128, 255, 0)), quality=95)
    alpha = Image.new("RGBA", (600, 400), (*ORANGE, 255))
    alpha.paste((0, 0, 255, 0), (0, 0, 300, 400))  # left half transparent
    save("alpha.png", alpha)
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: shown 400 x 600
    save("turned.jpg", Image.new("RGB", (600, 400), ORANGE), exif=exif, quality=95)
    save("photo.tif", Image.new("RGB", (600, 400), ORANGE), compression="tiff_lzw")
    return made


def page_of(items: list, label: str = "01") -> Page:
    return Page(200, 140, label=label, items=items)


def box(path: Path | None, width: float = 144, height: float = 96) -> ImageBox:
    return ImageBox(20, 20, width, height, str(path) if path else None, "图")


# --- photos -> print PDF ------------------------------------------------------------------------


def test_every_kind_of_photo_goes_into_a_print_pdf(photos, registry, press) -> None:
    pages = [
        page_of([box(path, 96, 144) if name == "turned.jpg" else box(path)], f"{i:02d}")
        for i, (name, path) in enumerate(sorted(photos.items()), start=1)
    ]
    warnings: list[str] = []
    data = render_pdf(Document(pages), registry, date=DATE, press=press, warnings=warnings)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.metadata["/GTS_PDFXVersion"] == "PDF/X-1:2001"
    assert reader.metadata["/GTS_PDFXConformance"] == "PDF/X-1a:2001"
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/DestOutputProfile"].get_object().get_data() == press.profile.data
    sizes = {}
    for page, (name, path) in zip(reader.pages, sorted(photos.items()), strict=True):
        (image,) = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        assert image["/ColorSpace"] == "/DeviceCMYK" and image["/Filter"] == "/DCTDecode"
        sizes[name] = (image["/Width"], image["/Height"])
        if name == "cmyk.jpg":  # already separated: passes through untouched
            assert image._data == path.read_bytes()
    assert sizes["turned.jpg"] == (400, 600)  # EXIF orientation applied to the pixels
    assert [w for w in warnings if "alpha.png" in w] == [
        f"{photos['alpha.png']}: its transparency is flattened on white (print has none)"
    ]
    again = render_pdf(Document(pages), registry, date=DATE, press=press)
    assert again == data  # conversions are cached and deterministic


def test_a_flattened_png_is_white_where_it_was_transparent(photos, press) -> None:
    from layout.color.photos import convert

    path = photos["alpha.png"]
    photo = convert(path, path.read_bytes(), press)
    cmyk = Image.open(io.BytesIO(photo.data))
    assert sum(cmyk.getpixel((100, 200))) < 8  # no ink
    assert cmyk.getpixel((500, 200))[1] > 100  # magenta in the orange


@needs_gs
def test_ghostscript_renders_the_converted_photo_as_littlecms_converts_it(
    photos, registry, press, tmp_path
) -> None:
    """The CMYK Ghostscript prints is the CMYK LittleCMS computes from the sRGB colour: the
    conversion is what reaches the plates (ΔE against the reference under 2)."""
    page = Page(200, 140, items=[box(photos["rgb.jpg"])])
    pdf = tmp_path / "photo.pdf"
    pdf.write_bytes(render_pdf(Document([page], bleed=0), registry, date=DATE, press=press))
    out = tmp_path / "photo.tif"
    run_gs(["-sDEVICE=tiff32nc", "-r72", f"-sOutputFile={out}", str(pdf)])
    rendered = Image.open(out)
    margin = 19.0  # no bleed: the MediaBox margin holds the crop marks alone
    x, y = round(margin + 20 + 72), round(margin + 20 + 48)
    got = mean(rendered.crop((x - 10, y - 10, x + 10, y + 10)))
    source = ImageCms.createProfile("sRGB")
    target = ImageCms.getOpenProfile(io.BytesIO(press.profile.data))
    transform = ImageCms.buildTransform(
        source,
        target,
        "RGB",
        "CMYK",
        ImageCms.Intent.PERCEPTUAL,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )
    reference = ImageCms.applyTransform(Image.new("RGB", (1, 1), ORANGE), transform).getpixel(
        (0, 0)
    )
    assert got[1] > 100, got  # on the photo, not the paper
    assert delta_e(got, reference, target) < 2.0, (got, reference)


def mean(image: Image.Image) -> tuple[float, ...]:
    return tuple(ImageStat.Stat(image).mean)


def delta_e(a, b, profile) -> float:
    """CIE76 ΔE between two CMYK values (0-255) through the press profile."""
    lab = ImageCms.createProfile("LAB")
    to_lab = ImageCms.buildTransform(profile, lab, "CMYK", "LAB")
    values = []
    for cmyk in (a, b):
        pixel = Image.new("CMYK", (1, 1), tuple(round(v) for v in cmyk))
        lightness, aa, bb = ImageCms.applyTransform(pixel, to_lab).getpixel((0, 0))
        values.append((lightness * 100 / 255, aa - 128, bb - 128))
    return sum((p - q) ** 2 for p, q in zip(*values, strict=True)) ** 0.5


def run_gs(args: list[str]) -> None:
    assert GS is not None
    subprocess.run(
        [GS, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", *args],
        check=True,
        capture_output=True,
        timeout=60,
    )


# --- red type on two plates ---------------------------------------------------------------------


@needs_gs
def test_red_type_prints_on_the_magenta_and_yellow_plates_only(registry, tmp_path) -> None:
    red = load_style("hrb-zhengxie").color("accent")
    glyphs = tuple((c, 20 + i * 12.0) for i, c in enumerate("哈尔滨政协红色标题"))
    page = Page(200, 60, items=[GlyphRun("heading", 12, 40, glyphs, color=red)])
    pdf = tmp_path / "red.pdf"
    pdf.write_bytes(render_pdf(Document([page], bleed=0), registry, variant="proof", date=DATE))
    run_gs(["-sDEVICE=tiffsep", "-r100", f"-sOutputFile={tmp_path / 'sep.tif'}", str(pdf)])
    inked = {}
    for plate in ("Cyan", "Magenta", "Yellow", "Black"):
        separation = Image.open(tmp_path / f"sep({plate}).tif").convert("L")
        low, high = separation.getextrema()  # tiffsep: 255 is no ink
        inked[plate] = low < 128
    assert inked == {"Cyan": False, "Magenta": True, "Yellow": True, "Black": False}


def test_black_text_overprints_on_the_black_plate_only(registry) -> None:
    glyphs = tuple((c, 20 + i * 10.0) for i, c in enumerate("正文黑字"))
    page = Page(200, 60, items=[GlyphRun("body", 10, 40, glyphs)])
    data = render_pdf(Document([page]), registry, date=DATE)
    reader = pypdf.PdfReader(io.BytesIO(data))
    ops = reader.pages[0].get_contents().get_data().decode()
    assert "/OP gs\n0 0 0 1 k\nBT" in ops


# --- draft and print ----------------------------------------------------------------------------


def test_placeholders_give_a_draft_with_the_count_in_the_slug(photos, registry, press) -> None:
    pages = [page_of([box(None), box(None)], "01"), page_of([box(photos["rgb.jpg"])], "02")]
    data = render_pdf(Document(pages), registry, date=DATE, press=press)
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert "/GTS_PDFXVersion" not in reader.metadata
    assert "/OutputIntents" not in reader.trailer["/Root"]
    text = reader.pages[1].extract_text()
    assert "样稿" in text and "缺图 2 幅（1 页有占位框）" in text
    full = render_pdf(Document([pages[1]]), registry, date=DATE, press=press)
    assert "/GTS_PDFXVersion" in pypdf.PdfReader(io.BytesIO(full)).metadata
    assert "样稿".encode("utf-16-be") not in full


def test_the_reference_issue_builds_a_draft_and_says_why(tmp_path, capsys) -> None:
    from layout.cli import main

    status = main(["build", str(ROOT / "issues" / "2024-03"), "-o", str(tmp_path), "--quiet"])
    assert status == 0
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (
        "wrote a draft, not a print PDF: 53 images are missing (placeholders on 36 pages); "
        "the print PDF is written when every slot has its image"
    )
    reader = pypdf.PdfReader(tmp_path / "issue.pdf")
    assert "/GTS_PDFXVersion" not in reader.metadata


# --- press conditions and profiles --------------------------------------------------------------


def test_a_missing_japan_color_profile_says_where_to_get_one(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(ICC_PATH_ENV, str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    condition = dataclasses.replace(CONDITIONS["japan-color-2001-coated"], files=("nope.icc",))
    with pytest.raises(LayoutError) as caught:
        press_profile(condition)
    assert "needs an ICC profile: none of nope.icc is in" in caught.value.message
    assert "no Debian package ships a Japan Color profile" in caught.value.hint


def test_a_missing_characterisation_package_is_named(tmp_path) -> None:
    condition = dataclasses.replace(CONDITIONS["fogra39"], files=(), data=tmp_path / "FOGRA39L.ti3")
    with pytest.raises(LayoutError) as caught:
        press_profile(condition)
    assert "FOGRA39L.ti3, which is missing" in caught.value.message
    assert "install the Debian package icc-profiles-free" in caught.value.hint


def test_japan_color_is_used_when_its_profile_is_installed(tmp_path, monkeypatch, registry):
    """A stand-in file under Japan Color's name (the FOGRA39 build; Debian ships no Japan Color
    data): the output intent names Japan Color and embeds that file."""
    stand_in = press_profile(CONDITIONS["fogra39"]).data
    (tmp_path / "JapanColor2001Coated.icc").write_bytes(stand_in)
    monkeypatch.setenv(ICC_PATH_ENV, str(tmp_path))
    press = ready_press(PressSettings(), "japan-color-2001-coated")
    data = render_pdf(Document([page_of([])]), registry, date=DATE, press=press)
    intent = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]["/OutputIntents"][0]
    intent = intent.get_object()
    assert intent["/OutputConditionIdentifier"] == "JC200103"
    assert intent["/Info"].startswith("Japan Color 2001 Coated")
    assert intent["/DestOutputProfile"].get_object()["/N"] == 4


def test_an_unknown_press_condition_is_refused() -> None:
    with pytest.raises(LayoutError, match="unknown press condition 'gracol'"):
        ready_press(PressSettings(), "gracol")


# --- the style sheet's press and ink limit ------------------------------------------------------


def style_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (STYLES_DIR / "hrb-zhengxie.yaml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "v.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return tmp_path


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_colour_over_the_ink_limit_is_an_error_at_its_value(tmp_path) -> None:
    folder = style_with(tmp_path, "grey: [0, 0, 0, 55]", "grey: [90, 80, 80, 70]")
    with pytest.raises(LayoutErrors) as caught:
        load_style("v", folder)
    (error,) = caught.value.errors
    assert (error.location.line, error.location.column) == (
        line_of(folder / "v.yaml", "grey: [90"),
        9,
    )
    assert error.message == (
        "colour 'grey' puts down 320 % ink, more than the press takes (300 %, press.ink_limit)"
    )


def test_the_ink_limit_and_condition_come_from_the_style(tmp_path) -> None:
    folder = style_with(tmp_path, "ink_limit: 300%", "ink_limit: 340%")
    assert load_style("v", folder).press.ink_limit == 340
    bad = style_with(tmp_path, "condition: fogra39", "condition: fogra93")
    with pytest.raises(LayoutErrors, match="unknown press condition 'fogra93'.*did you mean"):
        load_style("v", bad)
