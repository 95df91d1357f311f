"""Images in the PDF writer: DCTDecode pass-through, colour rules per variant, cover-and-clip
drawing (checked on pixels rendered by pypdfium2) and one object per distinct file.

Real JPEGs are made from a PDF our writer draws (red left half, blue right half): RGB with
pdftoppm, CMYK and grey with Ghostscript when it is installed. Structural tests use a
hand-made CMYK JPEG whose scan data need not decode.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from layout.errors import LayoutError
from layout.fonts import FontRegistry
from layout.render.model import Document, ImageBox, Page, Rule
from layout.render.pdf import render_pdf, write_pdf

DATE = "2024-03-01"
RED = (0.0, 1.0, 1.0, 0.0)
BLUE = (1.0, 1.0, 0.0, 0.0)


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load()


@pytest.fixture(scope="module")
def images(tmp_path_factory, registry: FontRegistry) -> Path:
    """A folder with source.pdf: a 40 x 20 pt page, red on the left, blue on the right."""
    folder = tmp_path_factory.mktemp("images")
    page = Page(40, 20, items=[Rule(0, 0, 20, 20, fill=RED), Rule(20, 0, 20, 20, fill=BLUE)])
    doc = Document([page], bleed=0)
    (folder / "source.pdf").write_bytes(render_pdf(doc, registry, variant="proof", date=DATE))
    return folder


@pytest.fixture(scope="module")
def rgb_jpeg(images: Path) -> Path:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    out = images / "rgb"
    subprocess.run(
        ["pdftoppm", "-jpeg", "-r", "72", "-singlefile", images / "source.pdf", out], check=True
    )
    return out.with_suffix(".jpg")


def ghostscript_jpeg(images: Path, device: str) -> Path:
    if shutil.which("gs") is None:
        pytest.skip("Ghostscript is not installed")
    out = images / f"{device}.jpg"
    subprocess.run(
        ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", f"-sDEVICE={device}", "-r72"]
        + [f"-sOutputFile={out}", str(images / "source.pdf")],
        check=True,
    )
    return out


@pytest.fixture(scope="module")
def cmyk_jpeg(images: Path) -> Path:
    return ghostscript_jpeg(images, "jpegcmyk")


@pytest.fixture(scope="module")
def grey_jpeg(images: Path) -> Path:
    return ghostscript_jpeg(images, "jpeggray")


def segment(code: int, body: bytes) -> bytes:
    return bytes([0xFF, code]) + struct.pack(">H", len(body) + 2) + body


def fake_jpeg(width: int, height: int, components: int, *, adobe: bool, salt: bytes = b"") -> bytes:
    """Headers of a JPEG and a stub scan: enough for structure, not for decoding."""
    out = b"\xff\xd8"
    if adobe:
        out += segment(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, 0))
    frame = struct.pack(">BHHB", 8, height, width, components)
    frame += b"".join(bytes([i + 1, 0x11, 0]) for i in range(components))
    out += segment(0xC0, frame)
    out += segment(0xDA, bytes([components]) + b"\x01\x00" * components + b"\x00\x3f\x00")
    return out + b"\x12\x34" + salt + b"\xff\xd9"


def png(pixels: list[list[tuple[int, int, int]]]) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\0" + b"".join(bytes(p) for p in row) for row in pixels)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def render(items: list, variant: str = "proof", warnings: list[str] | None = None) -> bytes:
    doc = Document([Page(100, 100, items=items)], bleed=0)
    return render_pdf(doc, FontRegistry.load(), variant=variant, date=DATE, warnings=warnings)


def pixels(data: bytes, page: int = 0):
    """A function (x, y) -> (r, g, b) over the page rendered at 1 px per pt, y from the top.
    Proof pages with no bleed: page coordinates are trim coordinates."""
    pdf = pdfium.PdfDocument(data)
    bitmap = pdf[page].render(scale=1, rev_byteorder=True)
    buffer, stride, channels = bytes(bitmap.buffer), bitmap.stride, bitmap.n_channels

    def at(x: int, y: int) -> tuple[int, int, int]:
        offset = y * stride + x * channels
        return tuple(buffer[offset : offset + 3])

    return at


def is_red(rgb) -> bool:
    return rgb[0] > 200 and rgb[1] < 80 and rgb[2] < 80


def is_blue(rgb) -> bool:
    return rgb[2] > 120 and rgb[0] < 90 and rgb[1] < 90


def is_white(rgb) -> bool:
    return min(rgb) > 245


def xobjects(data: bytes) -> dict[int, pypdf.generic.StreamObject]:
    """Every image XObject in the file, by object number."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            found[ref.idnum] = ref.get_object()
    return found


# --- pixels -------------------------------------------------------------------------------------


def test_proof_draws_an_rgb_jpeg_where_its_box_is(rgb_jpeg: Path) -> None:
    at = pixels(render([ImageBox(10, 10, 40, 20, str(rgb_jpeg))]))
    assert is_red(at(15, 20)) and is_blue(at(45, 20))
    assert is_white(at(5, 20)) and is_white(at(55, 20)) and is_white(at(30, 35))


def test_an_image_covers_its_box_centred_and_clipped(rgb_jpeg: Path) -> None:
    # a 2:1 image in a square box: scaled to 80 x 40 pt, its outer quarters cut off
    at = pixels(render([ImageBox(30, 30, 40, 40, str(rgb_jpeg))]))
    assert is_red(at(32, 50)) and is_red(at(45, 35)) and is_red(at(45, 68))
    assert is_blue(at(55, 50)) and is_blue(at(68, 32))
    for outside in [(27, 50), (73, 50), (50, 27), (50, 73), (15, 50), (85, 50)]:
        assert is_white(at(*outside)), outside


def test_print_draws_a_real_cmyk_jpeg_with_adobe_inversion(cmyk_jpeg: Path) -> None:
    data = render([ImageBox(10, 10, 40, 20, str(cmyk_jpeg))], variant="print")
    (image,) = xobjects(data).values()
    assert image["/ColorSpace"] == "/DeviceCMYK"
    assert list(image["/Decode"]) == [1, 0] * 4  # Ghostscript writes Adobe (inverted) CMYK
    reader = pypdf.PdfReader(io.BytesIO(data))
    trim = [float(v) for v in reader.pages[0].trimbox]  # print pages have room for marks
    pdf = pdfium.PdfDocument(data)
    bitmap = pdf[0].render(scale=1, rev_byteorder=True)
    buffer, stride, channels = bytes(bitmap.buffer), bitmap.stride, bitmap.n_channels
    top = round(float(reader.pages[0].mediabox.top) - trim[3])

    def at(x: int, y: int):
        offset = (top + y) * stride + (round(trim[0]) + x) * channels
        return tuple(buffer[offset : offset + 3])

    assert is_red(at(15, 20)) and is_blue(at(45, 20))


def test_grey_jpeg_is_converted_for_print_and_device_grey_on_proofs(grey_jpeg: Path) -> None:
    data = render([ImageBox(10, 10, 40, 20, str(grey_jpeg))], variant="print")
    (image,) = xobjects(data).values()
    assert image["/ColorSpace"] == "/DeviceCMYK"  # through the press profile (issue 11)
    proof = render([ImageBox(10, 10, 40, 20, str(grey_jpeg))])
    (image,) = xobjects(proof).values()
    assert image["/ColorSpace"] == "/DeviceGray" and "/Decode" not in image
    at = pixels(proof)
    left, right = at(15, 20), at(45, 20)
    assert left[0] == left[1] == left[2] and right[0] == right[1] == right[2]
    assert left != right and not is_white(left)


def test_proof_draws_a_simple_png(tmp_path: Path) -> None:
    path = tmp_path / "two.png"
    path.write_bytes(png([[(255, 0, 0), (0, 0, 255)]]))
    data = render([ImageBox(10, 10, 40, 20, str(path))])
    (image,) = xobjects(data).values()
    assert image["/ColorSpace"] == "/DeviceRGB" and image["/Filter"] == "/FlateDecode"
    at = pixels(data)
    assert is_red(at(15, 20)) and is_blue(at(45, 20))


# --- structure ----------------------------------------------------------------------------------


def test_jpeg_passes_through_unchanged(rgb_jpeg: Path) -> None:
    data = render([ImageBox(10, 10, 40, 20, str(rgb_jpeg))])
    (image,) = xobjects(data).values()
    assert image["/Type"] == "/XObject" and image["/Subtype"] == "/Image"
    assert image["/Filter"] == "/DCTDecode"
    assert image["/ColorSpace"] == "/DeviceRGB"
    assert (image["/Width"], image["/Height"], image["/BitsPerComponent"]) == (40, 20, 8)
    assert image._data == rgb_jpeg.read_bytes()


def test_cmyk_jpeg_structure(tmp_path: Path) -> None:
    inverted, plain = tmp_path / "adobe.jpg", tmp_path / "plain.jpg"
    inverted.write_bytes(fake_jpeg(1200, 600, 4, adobe=True))
    plain.write_bytes(fake_jpeg(600, 900, 4, adobe=False))
    data = render(
        [ImageBox(0, 0, 96, 48, str(inverted)), ImageBox(0, 50, 48, 72, str(plain))], "print"
    )
    found = {int(x["/Width"]): x for x in xobjects(data).values()}
    assert set(found) == {1200, 600}
    for image in found.values():
        assert image["/ColorSpace"] == "/DeviceCMYK" and image["/Filter"] == "/DCTDecode"
        assert image["/BitsPerComponent"] == 8
    assert found[1200]["/Height"] == 600 and found[600]["/Height"] == 900
    assert list(found[1200]["/Decode"]) == [1, 0, 1, 0, 1, 0, 1, 0]
    assert "/Decode" not in found[600]


def test_drawing_is_clipped_to_the_box(tmp_path: Path) -> None:
    path = tmp_path / "c.jpg"
    path.write_bytes(fake_jpeg(1200, 600, 4, adobe=True))
    data = render([ImageBox(10, 20, 30, 30, str(path))], "proof")
    reader = pypdf.PdfReader(io.BytesIO(data))
    ops = reader.pages[0].get_contents().get_data().decode()
    # box 30 x 30 at (10, 20) from the top of a 100 pt page: y = 100 - 50; the 2:1 image is
    # scaled to 60 x 30 and centred, so it starts 15 pt left of the box
    assert "q\n10 50 30 30 re\nW n\n60 0 0 30 -5 50 cm\n/Im1 Do\nQ" in ops


def test_print_converts_an_rgb_jpeg_to_cmyk(rgb_jpeg: Path) -> None:
    data = render([ImageBox(10, 10, 40, 20, str(rgb_jpeg))], variant="print")
    (image,) = xobjects(data).values()
    assert image["/ColorSpace"] == "/DeviceCMYK" and image["/Filter"] == "/DCTDecode"
    assert image._data != rgb_jpeg.read_bytes()


def test_print_converts_a_png_to_cmyk(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(png([[(255, 0, 0)]]))
    data = render([ImageBox(10, 10, 40, 20, str(path))], variant="print")
    (image,) = xobjects(data).values()
    assert image["/ColorSpace"] == "/DeviceCMYK"


def test_missing_image_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match=r"gone\.jpg: image file does not exist"):
        render([ImageBox(10, 10, 40, 20, str(tmp_path / "gone.jpg"))], variant="proof")


def test_same_file_on_several_pages_is_embedded_once(tmp_path: Path, registry) -> None:
    first, copy, other = tmp_path / "a.jpg", tmp_path / "copy-of-a.jpg", tmp_path / "b.jpg"
    first.write_bytes(fake_jpeg(1200, 600, 4, adobe=True))
    copy.write_bytes(first.read_bytes())  # same content under another name
    other.write_bytes(fake_jpeg(1200, 600, 4, adobe=True, salt=b"\x99"))
    pages = [
        Page(
            100,
            100,
            items=[ImageBox(0, 0, 50, 25, str(first)), ImageBox(0, 50, 50, 25, str(first))],
        ),
        Page(100, 100, items=[ImageBox(0, 0, 50, 25, str(copy))]),
        Page(100, 100, items=[ImageBox(0, 0, 50, 25, str(other))]),
    ]
    data = render_pdf(Document(pages, bleed=0), registry, variant="print", date=DATE)
    reader = pypdf.PdfReader(io.BytesIO(data))
    refs = [
        {name: ref.idnum for name, ref in p["/Resources"]["/XObject"].items()} for p in reader.pages
    ]
    assert len(refs[0]) == 1 and refs[0] == refs[1]
    assert set(refs[2].values()).isdisjoint(refs[0].values())
    assert data.count(b"/Subtype /Image") == 2
    assert render_pdf(Document(pages, bleed=0), registry, variant="print", date=DATE) == data


def test_low_resolution_warns_in_print_only(tmp_path: Path, registry) -> None:
    sharp, soft = tmp_path / "sharp.jpg", tmp_path / "soft.jpg"
    sharp.write_bytes(fake_jpeg(1200, 600, 4, adobe=True))
    soft.write_bytes(fake_jpeg(400, 200, 4, adobe=True))
    items = [ImageBox(0, 0, 288, 144, str(sharp)), ImageBox(0, 150, 288, 144, str(soft))]
    doc = Document([Page(300, 300, label="07", items=items)])
    warnings: list[str] = []
    render_pdf(doc, registry, variant="print", date=DATE, warnings=warnings)
    assert warnings == [
        f"{soft}: 100 ppi at 288 x 144 pt on page 07 (print wants 300); "
        "use a larger original or a smaller box"
    ]
    proof_warnings: list[str] = []
    render_pdf(doc, registry, variant="proof", date=DATE, warnings=proof_warnings)
    assert proof_warnings == []
    # the old call without a list still works, and write_pdf takes the list too
    render_pdf(doc, registry, variant="print", date=DATE)
    more: list[str] = []
    write_pdf(doc, registry, tmp_path / "out.pdf", date=DATE, warnings=more)
    assert more == warnings


@pytest.mark.parametrize("name", ["logo.png", "photo.tif", "turned.jpg"])
def test_proofs_show_every_photo_the_print_pdf_shows(tmp_path: Path, name: str) -> None:
    """A PNG with transparency, a TIFF and a JPEG stored on its side are converted for the
    proof as for print (the proofreader sees the photo, upright), not left as placeholders."""
    from PIL import Image

    path = tmp_path / name
    if name == "logo.png":
        picture = Image.new("RGBA", (80, 40), (200, 30, 30, 255))
        picture.paste((0, 0, 0, 0), (0, 0, 40, 40))  # the left half transparent
        picture.save(path)
    elif name == "photo.tif":
        Image.new("RGB", (80, 40), (200, 30, 30)).save(path, compression="tiff_lzw")
    else:
        exif = Image.Exif()
        exif[0x0112] = 6  # shown turned: 40 x 80
        Image.new("RGB", (80, 40), (200, 30, 30)).save(path, exif=exif)
    box = ImageBox(10, 10, 40, 20, str(path), "图") if name != "turned.jpg" else None
    box = box or ImageBox(10, 10, 20, 40, str(path), "图")
    pdf = render([box])
    (image,) = xobjects(pdf).values()
    assert image["/Filter"] == "/DCTDecode"
    shown = (image["/Width"], image["/Height"])
    assert shown == ((40, 80) if name == "turned.jpg" else (80, 40))  # upright


def test_box_without_path_is_still_a_placeholder() -> None:
    data = render([ImageBox(10, 10, 40, 20, None, "图1")], variant="print")
    assert xobjects(data) == {}
    at = pixels(render([ImageBox(10, 10, 40, 20, None, "图1")]))
    assert not is_white(at(10, 10))  # the placeholder's frame
