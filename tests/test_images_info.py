"""layout.images: JPEG and PNG headers read by hand, resolution and grid rows."""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from layout.errors import LayoutError
from layout.images import ImageInfo, effective_ppi, read_image_info, rows_for, verify_image


def segment(code: int, body: bytes) -> bytes:
    return bytes([0xFF, code]) + struct.pack(">H", len(body) + 2) + body


def jpeg_header(
    width: int = 600,
    height: int = 400,
    components: int = 4,
    *,
    bits: int = 8,
    sof: int = 0xC0,
    adobe: int | None = None,
    jfif: tuple[int, int, int] | None = None,
    exif: bytes | None = None,
) -> bytes:
    """SOI, optional APP0/APP1/APP14, a frame header and a stub scan: enough to read, not to
    decode."""
    out = b"\xff\xd8"
    if jfif is not None:
        out += segment(0xE0, b"JFIF\0\x01\x02" + struct.pack(">BHH", *jfif) + b"\0\0")
    if exif is not None:
        out += segment(0xE1, b"Exif\0\0" + exif)
    if adobe is not None:
        out += segment(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, adobe))
    frame = struct.pack(">BHHB", bits, height, width, components)
    frame += b"".join(bytes([i + 1, 0x11, 0]) for i in range(components))
    out += segment(sof, frame)
    out += segment(0xDA, bytes([components]) + b"\x01\x00" * components + b"\x00\x3f\x00")
    return out + b"\x12\x34\x56" + b"\xff\xd9"


def tiff_ifd(order: str, entries: list[tuple[int, int, int, bytes]]) -> bytes:
    """A little TIFF block: header, IFD0 with (tag, type, count, value-or-offset) entries and
    RATIONAL values placed after it."""
    head = (b"II" if order == "<" else b"MM") + struct.pack(order + "HI", 42, 8)
    extra_at = 8 + 2 + 12 * len(entries) + 4
    extra = b""
    ifd = struct.pack(order + "H", len(entries))
    for tag, kind, count, value in entries:
        if kind == 5:
            ifd += struct.pack(order + "HHII", tag, kind, count, extra_at + len(extra))
            extra += value
        else:
            ifd += struct.pack(order + "HHI", tag, kind, count) + value.ljust(4, b"\0")
    return head + ifd + b"\0\0\0\0" + extra


def png(width: int, height: int, colour_type: int, bits: int = 8, *, phys: int = 0) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    out = b"\x89PNG\r\n\x1a\n"
    out += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bits, colour_type, 0, 0, 0))
    if phys:
        out += chunk(b"pHYs", struct.pack(">IIB", phys, phys, 1))
    if colour_type == 3:
        out += chunk(b"PLTE", bytes(range(6)))
    out += chunk(b"IDAT", zlib.compress(b"\0" * (width * 3 + 1) * height))
    return out + chunk(b"IEND", b"")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cmyk_jpeg_with_adobe_marker_is_inverted(tmp_path: Path) -> None:
    info = read_image_info(write(tmp_path, "c.jpg", jpeg_header(600, 400, 4, adobe=0)))
    assert (info.format, info.width, info.height, info.components, info.bits) == (
        "jpeg",
        600,
        400,
        4,
        8,
    )
    assert info.colour == "cmyk" and info.adobe and info.adobe_transform == 0
    assert info.inverted
    assert info.frame == "baseline"
    assert info.dpi is None


def test_cmyk_jpeg_without_adobe_marker_is_not_inverted(tmp_path: Path) -> None:
    info = read_image_info(write(tmp_path, "c.jpg", jpeg_header(components=4)))
    assert info.colour == "cmyk" and not info.adobe and not info.inverted


def test_ycck_transform_is_recorded(tmp_path: Path) -> None:
    info = read_image_info(write(tmp_path, "c.jpg", jpeg_header(components=4, adobe=2)))
    assert info.adobe_transform == 2 and info.inverted


def test_grey_and_rgb_jpeg(tmp_path: Path) -> None:
    grey = read_image_info(write(tmp_path, "g.jpg", jpeg_header(10, 20, 1)))
    rgb = read_image_info(write(tmp_path, "r.jpg", jpeg_header(10, 20, 3, adobe=1)))
    assert (grey.colour, grey.components) == ("gray", 1)
    assert (rgb.colour, rgb.components) == ("rgb", 3)
    assert not rgb.inverted  # the inversion flag concerns 4-component JPEGs only


def test_progressive_jpeg_is_read(tmp_path: Path) -> None:
    info = read_image_info(write(tmp_path, "p.jpg", jpeg_header(sof=0xC2)))
    assert info.frame == "progressive"


def test_jfif_density_in_dpi_and_dots_per_cm(tmp_path: Path) -> None:
    dpi = read_image_info(write(tmp_path, "a.jpg", jpeg_header(jfif=(1, 300, 300))))
    dpcm = read_image_info(write(tmp_path, "b.jpg", jpeg_header(jfif=(2, 118, 118))))
    aspect = read_image_info(write(tmp_path, "c.jpg", jpeg_header(jfif=(0, 1, 1))))
    assert dpi.dpi == (300, 300)
    assert dpcm.dpi == pytest.approx((299.72, 299.72))
    assert aspect.dpi is None


@pytest.mark.parametrize("order", ["<", ">"])
def test_exif_resolution_and_orientation(tmp_path: Path, order: str) -> None:
    rational = struct.pack(order + "II", 350, 1)
    exif = tiff_ifd(
        order,
        [
            (0x0112, 3, 1, struct.pack(order + "H", 6)),
            (0x011A, 5, 1, rational),
            (0x011B, 5, 1, rational),
            (0x0128, 3, 1, struct.pack(order + "H", 2)),
        ],
    )
    info = read_image_info(write(tmp_path, "e.jpg", jpeg_header(exif=exif)))
    assert info.dpi == (350, 350)
    assert info.orientation == 6


def test_png_header(tmp_path: Path) -> None:
    info = read_image_info(write(tmp_path, "a.png", png(3, 2, 2, phys=11811)))
    assert (info.format, info.width, info.height, info.colour_type, info.bits) == (
        "png",
        3,
        2,
        2,
        8,
    )
    assert info.colour == "rgb" and info.components == 3 and not info.alpha
    assert info.dpi == pytest.approx((300.0, 300.0), abs=0.01)
    rgba = read_image_info(write(tmp_path, "b.png", png(3, 2, 6)))
    assert rgba.alpha and rgba.components == 3
    assert read_image_info(write(tmp_path, "c.png", png(3, 2, 3, 4))).colour == "indexed"


def test_fixture_png_is_read() -> None:
    path = Path(__file__).parent / "fixtures" / "issue-valid" / "images" / "visit.png"
    info = read_image_info(path)
    assert (info.width, info.height, info.colour) == (1, 1, "rgb")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tiff.jpg", b"II*\0" + b"\0" * 20, "unreadable image: TIFF header"),
        ("empty.jpg", b"", "the file is empty"),
        ("cut.jpg", jpeg_header()[:12], "unreadable image"),
        ("noframe.jpg", b"\xff\xd8" + segment(0xDA, b"\0" * 6), "no frame header"),
        ("twelve.jpg", jpeg_header(bits=12), "12-bit samples"),
        ("lossless.jpg", jpeg_header(sof=0xC3), "lossless"),
        ("two.jpg", jpeg_header(components=2), "2 colour components"),
        ("bad.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "PNG has no IHDR"),
    ],
)
def test_unreadable_and_unsupported_files_name_the_file(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(LayoutError) as caught:
        read_image_info(path)
    text = str(caught.value)
    assert text.startswith(str(path) + ": ")
    assert message in text
    assert caught.value.hint


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match=r"nope\.jpg: image file does not exist"):
        read_image_info(tmp_path / "nope.jpg")


def info(width: int, height: int) -> ImageInfo:
    return ImageInfo(Path("x.jpg"), "jpeg", width, height, 4, 8, "cmyk")


def test_effective_ppi_is_that_of_the_covering_scale() -> None:
    # 1200 x 600 px in a 288 x 144 pt (4 x 2 in) box: 300 ppi both ways
    assert effective_ppi(info(1200, 600), 288, 144) == pytest.approx(300)
    # a square box: the image is scaled by the height, so 600 px over 4 in = 150 ppi
    assert effective_ppi(info(1200, 600), 288, 288) == pytest.approx(150)
    assert effective_ppi(info(1200, 600), 144, 144) == pytest.approx(300)


@pytest.mark.parametrize(
    ("size", "width", "rows"),
    [
        ((1000, 500), 100.0, 6),  # 50 pt high: (6 - 1) * 9 + 9.5 = 54.5 >= 50 > 45.5
        ((1000, 455), 100.0, 5),  # exactly 45.5 pt: fits in 5 rows, not 6
        ((1000, 10), 100.0, 1),  # 1 pt high: one row at least
        ((300, 900), 60.0, 20),  # 180 pt: (20 - 1) * 9 + 9.5 = 180.5
    ],
)
def test_rows_for(size: tuple[int, int], width: float, rows: int) -> None:
    assert rows_for(info(*size), width, 9.0, 9.5) == rows
    height = width * size[1] / size[0]
    assert (rows - 1) * 9.0 + 9.5 >= height - 1e-9
    assert rows == 1 or (rows - 2) * 9.0 + 9.5 < height


# --- verify_image: the data is all there (issue 8) --------------------------------------------


def with_scan(data: bytes, scan: bytes) -> bytes:
    """A jpeg_header() with `scan` as its entropy-coded data instead of the stub."""
    return data[: -len(b"\x12\x34\x56\xff\xd9")] + scan + b"\xff\xd9"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.jpg", b"", "not a JPEG, PNG or TIFF file (the file is empty)"),
        ("huge.jpg", with_scan(jpeg_header(65535, 65535, 1), b""), "claims 65535x65535 pixels"),
        ("thin.jpg", with_scan(jpeg_header(600, 400, 4), b"\x12" * 100), "only 100 bytes"),
        ("cut.jpg", jpeg_header(600, 400, 4)[:-2], "no end-of-image marker"),
        (
            "nosos.jpg",
            b"\xff\xd8\xff\xc0\x00\x0b\x08\xff\xff\xff\xff\x01\x01\x11\x00\xff\xd9",
            "no image data (SOS marker)",
        ),
        ("crc.png", png(3, 2, 2)[:-1] + b"\x00", "PNG chunk IEND is damaged (checksum)"),
        ("short.png", png(3, 2, 2)[:-12], "PNG ends before its IEND chunk"),
        ("rows.png", png(3, 200, 6), "unpacks to 2,000 bytes, not 2,600"),
        ("palette.png", png(3, 2, 3, 4)[:33] + png(3, 2, 3, 4)[51:], "no palette (PLTE)"),
    ],
)
def test_verify_image_refuses_missing_or_damaged_data(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(LayoutError) as caught:
        verify_image(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_verify_image_accepts_whole_files(tmp_path: Path) -> None:
    blocks = math.ceil(600 / 8) * math.ceil(400 / 8)
    jpeg = write(tmp_path, "ok.jpg", with_scan(jpeg_header(600, 400, 4), b"\x12" * blocks))
    assert verify_image(jpeg).width == 600
    assert verify_image(write(tmp_path, "ok.png", png(3, 2, 2))).height == 2
    fixture = Path(__file__).parent / "fixtures" / "issue-valid" / "images" / "visit.png"
    assert verify_image(fixture).colour == "rgb"


@pytest.mark.skipif(shutil.which("gs") is None, reason="needs Ghostscript")
@pytest.mark.parametrize("device", ["jpegcmyk", "jpeggray"])
def test_verify_image_accepts_a_blank_page_from_ghostscript(tmp_path: Path, device: str) -> None:
    """A white page is the best a JPEG compresses: the data bound must still let it through."""
    out = tmp_path / "blank.jpg"
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", f"-sDEVICE={device}", "-r150",
         "-g1240x1754", f"-sOutputFile={out}", "-c", "showpage"],
        check=True,
        timeout=60,
    )  # fmt: skip
    assert verify_image(out).width == 1240


@pytest.mark.parametrize(
    "mode, transparency, alpha",
    [("P", 0, True), ("RGB", (0, 0, 0), True), ("L", 0, True), ("RGB", None, False)],
)
def test_a_png_transparent_colour_counts_as_transparency(
    tmp_path: Path, mode: str, transparency, alpha: bool
) -> None:
    """A tRNS chunk makes pixels transparent as an alpha channel does: flattened on white in
    print, and said so."""
    from PIL import Image

    path = tmp_path / "t.png"
    options = {} if transparency is None else {"transparency": transparency}
    Image.new(mode, (8, 8)).save(path, **options)
    assert read_image_info(path).alpha is alpha
