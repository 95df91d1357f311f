"""Image files: size, colour and resolution read from their headers (no decoding, no PDF).

JPEG: the SOFn frame header gives pixel size, components (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK)
and sample precision; an Adobe APP14 marker on a 4-component JPEG means its samples are stored
inverted (Photoshop's convention); JFIF APP0 or EXIF APP1 give the resolution and EXIF the
orientation. PNG: IHDR gives size, colour type and bit depth; pHYs the resolution. TIFF: Pillow
reads the header (size, mode, resolution, orientation) without decoding the strips.

Every one of them goes into the print PDF: layout/color/photos.py converts what is not a CMYK
JPEG for the press to one (EXIF orientation applied). Sizes and resolutions here are those of the
image as shown, that is after its EXIF orientation.

Sizes on the page are PostScript points (72 to the inch).
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.inputs import MB, read_input

POINTS_PER_INCH = 72.0
POINTS_PER_MM = POINTS_PER_INCH / 25.4
PRINT_PPI = 300.0  # the resolution offset printing wants at the size printed
MIN_PPI = 150.0  # below this a photo prints visibly soft: an error unless the manifest allows it
TIFF_SIGNATURES = (b"II*\0", b"MM\0*")
TIFF_MODES = {
    "1": "gray",
    "L": "gray",
    "I;16": "gray",
    "I;16B": "gray",
    "I;16L": "gray",
    "RGB": "rgb",
    "RGBA": "rgb",
    "LA": "gray",
    "P": "indexed",
    "CMYK": "cmyk",
}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# PNG colour type -> (colour space, colour components without alpha, alpha channel)
PNG_COLOUR_TYPES = {
    0: ("gray", 1, False),
    2: ("rgb", 3, False),
    3: ("indexed", 1, False),
    4: ("gray", 1, True),
    6: ("rgb", 3, True),
}
JPEG_COLOURS = {1: "gray", 3: "rgb", 4: "cmyk"}
# SOFn markers whose data the PDF DCTDecode filter reads: baseline, extended sequential and
# progressive Huffman. Lossless, hierarchical and arithmetic-coded JPEGs are not.
JPEG_DCT_FRAMES = {0xC0: "baseline", 0xC1: "extended", 0xC2: "progressive"}
JPEG_OTHER_FRAMES = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# markers that stand alone (no length field)
JPEG_BARE_MARKERS = {0x01, *range(0xD0, 0xD8)}
# PNG colour type -> bit depths the format allows, and samples per pixel (alpha included)
PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
PNG_SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Adam7 passes: (first column, first row, column step, row step)
ADAM7 = (
    (0, 0, 8, 8),
    (4, 0, 8, 8),
    (0, 4, 4, 8),
    (2, 0, 4, 4),
    (0, 2, 2, 4),
    (1, 0, 2, 2),
    (0, 1, 1, 2),
)
MAX_IMAGE_BYTES = 256 * MB  # a 300 ppi CMYK JPEG of a whole spread is some 20 MB


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    format: str  # "jpeg", "png" or "tiff"
    width: int  # pixels
    height: int  # pixels
    components: int  # colour components in the file, alpha not counted (indexed PNG: 1)
    bits: int  # bits per sample
    colour: str  # "gray", "rgb", "cmyk" or "indexed"
    adobe: bool = False  # JPEG: an Adobe APP14 marker is present
    adobe_transform: int | None = None  # JPEG APP14 transform: 0 none, 1 YCbCr, 2 YCCK
    dpi: tuple[float, float] | None = None  # resolution stored in the file, if any
    orientation: int = 1  # EXIF orientation; 1 = as stored (DCTDecode ignores any other)
    frame: str = ""  # JPEG: "baseline", "extended" or "progressive"
    colour_type: int | None = None  # PNG IHDR colour type
    alpha: bool = False  # has transparency: an alpha channel, or a PNG's tRNS chunk
    interlaced: bool = False  # PNG: Adam7

    @property
    def inverted(self) -> bool:
        """Whether a CMYK JPEG stores 255 for no ink (Adobe's convention): draw it with
        /Decode [1 0 1 0 1 0 1 0]."""
        return self.format == "jpeg" and self.components == 4 and self.adobe

    @property
    def turned(self) -> bool:
        """EXIF orientations 5 to 8 turn the image by a quarter: width and height swap."""
        return self.orientation >= 5

    @property
    def shown_width(self) -> int:
        """Pixels across as the image is shown (after its EXIF orientation)."""
        return self.height if self.turned else self.width

    @property
    def shown_height(self) -> int:
        return self.width if self.turned else self.height

    @property
    def aspect(self) -> float:
        """Height over width, as shown."""
        return self.shown_height / self.shown_width


def read_image_info(path: Path) -> ImageInfo:
    """The header facts of a JPEG or PNG file; LayoutError for anything else or a broken file
    (also for a JPEG without image data or end marker, or a PNG whose chunks are damaged)."""
    path = Path(path)
    return _parse(path, _read(path))


def verify_image(path: Path) -> ImageInfo:
    """Like `read_image_info`, and also check that the image data is all there: a JPEG's scan
    holds at least one bit for each 8x8 block its header claims, a PNG's data unpacks to
    exactly the pixels its header claims. The issue loader calls this, so that `check`
    finds a truncated file (the PDF embeds JPEG data as it is, unread)."""
    path = Path(path)
    data = _read(path)
    info = _parse(path, data)
    if info.format == "jpeg":
        _check_jpeg_data(path, data, info)
    elif info.format == "png":
        _check_png_data(path, data, info)
    else:
        _check_tiff_data(path, data)
    return info


def _read(path: Path) -> bytes:
    return read_input(path, MAX_IMAGE_BYTES, "image file")


def image_info(path: Path, data: bytes) -> ImageInfo:
    """The header facts of image `data` read from `path` (named in errors)."""
    return _parse(Path(path), data)


def _parse(path: Path, data: bytes) -> ImageInfo:
    if data[:2] == b"\xff\xd8":
        return _jpeg(path, data)
    if data[:8] == PNG_SIGNATURE:
        return _png(path, data)
    if data[:4] in TIFF_SIGNATURES:
        return _tiff(path, data)
    raise _error(
        path,
        f"not a JPEG, PNG or TIFF file ({_kind(data[:16])})",
        "save the image as a JPEG, PNG or TIFF",
    )


def effective_ppi(info: ImageInfo, width_pt: float, height_pt: float, fit: str = "crop") -> float:
    """The resolution (pixels per inch) at which the image prints in a box of `width_pt` x
    `height_pt`, aspect kept: scaled to cover it (fit "crop", the overflow clipped), the lower
    of the two directions' pixels per inch, since covering scales by the larger factor; scaled
    to fit inside it (fit "contain"), the higher, since containing scales by the smaller."""
    if width_pt <= 0 or height_pt <= 0:
        raise ValueError("box must have a positive size")
    across, down = info.shown_width / width_pt, info.shown_height / height_pt
    return POINTS_PER_INCH * (max(across, down) if fit == "contain" else min(across, down))


def scaled_height(info: ImageInfo, width_pt: float) -> float:
    """The height in points of the image scaled to `width_pt` wide (aspect kept)."""
    return width_pt * info.aspect


def rows_for(info: ImageInfo, width_pt: float, pitch_pt: float, body_size_pt: float) -> int:
    """The fewest whole grid rows whose height, (rows - 1) * pitch + body size, holds the image
    scaled to `width_pt` wide. At least one row."""
    if pitch_pt <= 0:
        raise ValueError("pitch must be positive")
    height = scaled_height(info, width_pt)
    extra = (height - body_size_pt) / pitch_pt
    # a hair of tolerance so that an image that fits exactly does not take one more row
    return max(1, math.ceil(extra - 1e-9) + 1)


# --- fit and crop position -------------------------------------------------------------------
# How a photo sits in its slot: `fit=crop` scales it to cover the slot and clips what overflows,
# `crop=` choosing which edge stays (centre by default); `fit=contain` scales it to lie wholly
# inside, centred across and on the slot's top edge (the top of the picture stays on the grid
# line where the slot starts, in line with the text and photos beside it; the white left over
# gathers between the picture and its caption).

FITS = ("crop", "contain")
# crop position -> (share of the spare width left of the photo, share of the spare height above
# it); the spare room is negative when the photo overflows, so 0 keeps the left or top edge
CROP_POSITIONS = {
    "center": (0.5, 0.5),
    "top": (0.5, 0.0),
    "bottom": (0.5, 1.0),
    "left": (0.0, 0.5),
    "right": (1.0, 0.5),
    "top-left": (0.0, 0.0),
    "top-right": (1.0, 0.0),
    "bottom-left": (0.0, 1.0),
    "bottom-right": (1.0, 1.0),
}
CONTAIN_ANCHOR = (0.5, 0.0)  # centred across, on the slot's top edge


@dataclass(frozen=True)
class Placement:
    """The photo's drawn rectangle relative to its slot's top-left corner (points, y down;
    `bottom` is its lower edge, where a PDF places an image): it may run past the slot
    (fit=crop, clipped there) or leave white in it (fit=contain)."""

    left: float
    bottom: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.bottom - self.height


def place(
    pixels: tuple[int, int], box: tuple[float, float], fit: str = "crop", crop: str = "center"
) -> Placement:
    """Where a photo of `pixels` (width, height) goes in a slot of `box` (width, height) pt."""
    (width_px, height_px), (box_w, box_h) = pixels, box
    if fit == "contain":
        scale = min(box_w / width_px, box_h / height_px)
        share_x, share_y = CONTAIN_ANCHOR
    else:
        scale = max(box_w / width_px, box_h / height_px)
        share_x, share_y = CROP_POSITIONS[crop]
    width, height = width_px * scale, height_px * scale
    # centred, this is the very arithmetic of the builds before crop positions existed
    # ((box - size) * 0.5 is (box - size) / 2 exactly; adding 0.0 changes nothing), so that
    # their PDFs stay byte-identical
    left = (box_w - width) * share_x
    bottom = (box_h + height) / 2 + (box_h - height) * (share_y - 0.5)
    return Placement(left, bottom, width, height)


# --- fit for print ----------------------------------------------------------------------------
# The print PDF's rules for image files, in one place: the PDF writer applies them as it embeds
# the files, and `layout check` (layout/pipeline.py) applies them to every slot placed, so the two
# cannot disagree.

CROP_WARNING = 0.03  # a photo cut by more than this share of its width or height is reported
# a photo shown whole (fit=contain) that leaves more than this share of its slot white is
# reported: the white reads as a hole in the page
CONTAIN_WARNING = 0.2


def check_printable(info: ImageInfo) -> None:
    """Raise a LayoutError (at the file) for an image the print PDF cannot take. Since photos
    are converted to the press's CMYK (layout/color/photos.py), every JPEG, PNG and TIFF the
    header reader accepts can go in; the reader refuses the rest."""


def _ppi_below(
    info: ImageInfo, width_pt: float, height_pt: float, fit: str, bound: float
) -> float | None:
    """The photo's effective ppi in the box when it is under `bound` (half a ppi spared for
    rounding), else None; None for a box with no room."""
    if width_pt <= 0 or height_pt <= 0:
        return None
    ppi = effective_ppi(info, width_pt, height_pt, fit)
    return ppi if ppi < bound - 0.5 else None


def resolution_error(
    info: ImageInfo, width_pt: float, height_pt: float, where: str = "", fit: str = "crop"
) -> str | None:
    """Why the image is far too coarse for print (under MIN_PPI), or None."""
    ppi = _ppi_below(info, width_pt, height_pt, fit, MIN_PPI)
    if ppi is None:
        return None
    at = f" {where}" if where else ""
    return (
        f"{ppi:.0f} ppi at {width_pt / POINTS_PER_MM:.0f} x {height_pt / POINTS_PER_MM:.0f} mm"
        f"{at}: it would print blurred (at least {MIN_PPI:.0f} ppi, print wants "
        f"{PRINT_PPI:.0f})"
    )


def resolution_problem(
    info: ImageInfo, width_pt: float, height_pt: float, where: str = "", fit: str = "crop"
) -> str | None:
    """Why the image is too coarse for print in a box of this size (`where`: "on page 07"), or
    None."""
    ppi = _ppi_below(info, width_pt, height_pt, fit, PRINT_PPI)
    if ppi is None:
        return None
    at = f" {where}" if where else ""
    return (
        f"{ppi:.0f} ppi at {width_pt:.0f} x {height_pt:.0f} pt{at} (print wants "
        f"{PRINT_PPI:.0f}); use a larger original or a smaller box"
    )


def crop(info: ImageInfo, width_pt: float, height_pt: float) -> tuple[float, float]:
    """The shares of the image's width and of its height cut off when it is scaled to cover a
    box of `width_pt` x `height_pt` (aspect kept). One of the two is always 0."""
    if width_pt <= 0 or height_pt <= 0:
        return 0.0, 0.0
    width, height = info.shown_width, info.shown_height
    scale = max(width_pt / width, height_pt / height)
    return (
        max(0.0, 1 - width_pt / (width * scale)),
        max(0.0, 1 - height_pt / (height * scale)),
    )


def cut_sides(
    info: ImageInfo, width_pt: float, height_pt: float, position: str = "center"
) -> dict[str, float]:
    """The share of the photo cut off at each side ("left", "right", "top", "bottom") when it
    covers the box from crop `position`; sides not cut are left out."""
    across, down = crop(info, width_pt, height_pt)
    share_x, share_y = CROP_POSITIONS[position]
    sides = {
        "left": across * share_x,
        "right": across * (1 - share_x),
        "top": down * share_y,
        "bottom": down * (1 - share_y),
    }
    return {side: share for side, share in sides.items() if share > 1e-9}


def crop_problem(
    info: ImageInfo, width_pt: float, height_pt: float, position: str = "center"
) -> str | None:
    """What of the photo its box cuts off, and where, when that is more than CROP_WARNING;
    else None."""
    across, down = crop(info, width_pt, height_pt)
    if max(across, down) <= CROP_WARNING:
        return None
    share, what = (across, "width") if across >= down else (down, "height")
    sides = cut_sides(info, width_pt, height_pt, position)
    if len(sides) == 2:
        first, second = sides
        where = f"{share * 50:.0f} % each at the {first} and the {second}"
    else:
        where = f"all at the {next(iter(sides))}"
    return (
        f"{share * 100:.0f} % of its {what} is cut off ({where}) to fill its slot of "
        f"{width_pt / POINTS_PER_MM:.0f} x {height_pt / POINTS_PER_MM:.0f} mm"
    )


def contain_problem(info: ImageInfo, width_pt: float, height_pt: float) -> str | None:
    """How much of its slot a photo shown whole (fit=contain) leaves white, and where, when
    that is more than CONTAIN_WARNING; else None. The photo stands at the slot's top,
    centred across (layout/images.py `place`)."""
    if width_pt <= 0 or height_pt <= 0:
        return None
    width, height = info.shown_width, info.shown_height
    scale = min(width_pt / width, height_pt / height)
    white = 1 - (width * scale * height * scale) / (width_pt * height_pt)
    if white <= CONTAIN_WARNING:
        return None
    where = "below it" if width * scale >= width_pt - 0.01 else "at its sides"
    return (
        f"shown whole, it leaves {white * 100:.0f} % of its slot of "
        f"{width_pt / POINTS_PER_MM:.0f} x {height_pt / POINTS_PER_MM:.0f} mm white ({where})"
    )


def crop_remedy(
    info: ImageInfo, width_pt: float, height_pt: float, position: str, yaml: bool
) -> list[str]:
    """What the editor can write about a photo crop_problem reports, as `yaml` keys or @image
    options: keep an edge that is cut now, or show the photo whole."""
    across, down = crop(info, width_pt, height_pt)
    edges = ("left", "right") if across >= down else ("top", "bottom")
    sides = cut_sides(info, width_pt, height_pt, position)
    sep = ": " if yaml else "="
    keep = [f"crop{sep}{edge} to keep the {edge}" for edge in edges if edge in sides]
    return [*keep, f"fit{sep}contain to show it whole"]


# --- JPEG -------------------------------------------------------------------------------------


def _jpeg(path: Path, data: bytes) -> ImageInfo:
    pos = 2
    adobe = False
    transform: int | None = None
    jfif_dpi: tuple[float, float] | None = None
    exif: tuple[tuple[float, float] | None, int] = (None, 1)
    while True:
        # a marker: one or more 0xFF fill bytes, then the code
        if pos >= len(data) or data[pos] != 0xFF:
            raise _broken(path, "no frame header (SOF) before the image data")
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            raise _broken(path, "file ends inside a marker")
        code = data[pos]
        pos += 1
        if code in JPEG_BARE_MARKERS:
            continue
        if code in (0xD9, 0xDA):  # EOI or SOS before any frame header
            raise _broken(path, "no frame header (SOF) before the image data")
        if pos + 2 > len(data):
            raise _broken(path, "file ends inside a marker")
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            raise _broken(path, f"marker 0xFF{code:02X} runs past the end of the file")
        body = data[pos + 2 : pos + length]
        pos += length
        if code == 0xE0 and body.startswith(b"JFIF\0") and len(body) >= 12:
            units, xd, yd = struct.unpack(">BHH", body[7:12])
            if units in (1, 2) and xd and yd:
                scale = 2.54 if units == 2 else 1.0
                jfif_dpi = (xd * scale, yd * scale)
        elif code == 0xE1 and body.startswith(b"Exif\0\0"):
            exif = _exif(body[6:])
        elif code == 0xEE and body.startswith(b"Adobe") and len(body) >= 12:
            adobe = True
            transform = body[11]
        elif code in JPEG_DCT_FRAMES or code in JPEG_OTHER_FRAMES:
            if code in JPEG_OTHER_FRAMES:
                raise _error(
                    path,
                    "JPEG uses a lossless, hierarchical or arithmetic-coded process that PDF "
                    "cannot embed",
                    "save it again as an ordinary (baseline) JPEG",
                )
            if len(body) < 6:
                raise _broken(path, "frame header (SOF) is too short")
            bits, height, width, components = struct.unpack(">BHHB", body[:6])
            if width == 0 or height == 0:
                raise _broken(path, f"image size is {width}x{height} pixels")
            if components not in JPEG_COLOURS:
                raise _error(
                    path,
                    f"JPEG with {components} colour components",
                    "save it as a CMYK JPEG (4 components) or greyscale JPEG",
                )
            if bits != 8:
                raise _error(
                    path,
                    f"JPEG with {bits}-bit samples; PDF embeds only 8-bit JPEGs",
                    "save it again as an 8-bit JPEG",
                )
            scan = _scan_start(data, pos)
            if scan is None:
                raise _broken(path, "no image data (SOS marker) after the frame header")
            if data.rfind(b"\xff\xd9") < scan:
                raise _broken(path, "no end-of-image marker (EOI): the file is cut short")
            # APPn markers usually precede the frame header, but read on to the scan in case
            if not adobe:
                adobe, transform = _adobe_after_frame(data, pos)
            exif_dpi, orientation = exif
            return ImageInfo(
                path=path,
                format="jpeg",
                width=width,
                height=height,
                components=components,
                bits=bits,
                colour=JPEG_COLOURS[components],
                adobe=adobe,
                adobe_transform=transform,
                dpi=jfif_dpi or exif_dpi,
                orientation=orientation,
                frame=JPEG_DCT_FRAMES[code],
            )


def _adobe_after_frame(data: bytes, pos: int) -> tuple[bool, int | None]:
    """An Adobe APP14 marker between the frame header and the first scan, if any."""
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            break
        code = data[pos]
        pos += 1
        if code in JPEG_BARE_MARKERS:
            continue
        if code in (0xD9, 0xDA) or pos + 2 > len(data):
            break
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        body = data[pos + 2 : pos + length]
        pos += length
        if code == 0xEE and body.startswith(b"Adobe") and len(body) >= 12:
            return True, body[11]
    return False, None


def _scan_start(data: bytes, pos: int) -> int | None:
    """Where the entropy-coded data of the first scan begins (after the SOS header), reading
    marker segments from `pos`; None if the file ends or reaches EOI first."""
    while pos < len(data) and data[pos] == 0xFF:
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            return None
        code = data[pos]
        pos += 1
        if code in JPEG_BARE_MARKERS:
            continue
        if code == 0xD9 or pos + 2 > len(data):
            return None
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        if length < 2 or pos + length > len(data):
            return None
        pos += length
        if code == 0xDA:
            return pos
    return None


def _check_jpeg_data(path: Path, data: bytes, info: ImageInfo) -> None:
    """Every 8x8 block of the largest component costs at least one bit (its DC code) in
    Huffman-coded JPEG; allow a factor of 4 for components sampled below the largest."""
    start = _scan_start(data, 2) or 0  # the parser saw a scan, so there is one
    scan = data.rfind(b"\xff\xd9") - start
    blocks = math.ceil(info.width / 8) * math.ceil(info.height / 8)
    needed = blocks // 32
    if scan < needed:
        raise _broken(
            path,
            f"the header claims {info.width}x{info.height} pixels but the file holds only "
            f"{max(scan, 0):,} bytes of image data (at least {needed:,} needed)",
        )


def _check_png_data(path: Path, data: bytes, info: ImageInfo) -> None:
    """The IDAT chunks must unpack to exactly the filtered rows the header claims."""
    assert info.colour_type is not None
    _check_png_chunks(path, data, info.colour_type)
    samples = PNG_SAMPLES[info.colour_type]
    passes = ADAM7 if info.interlaced else ((0, 0, 1, 1),)
    expected = 0
    for x0, y0, dx, dy in passes:
        columns = max(0, math.ceil((info.width - x0) / dx))
        rows = max(0, math.ceil((info.height - y0) / dy))
        if columns and rows:
            expected += rows * (1 + math.ceil(columns * samples * info.bits / 8))
    unpacker = zlib.decompressobj()
    got = 0
    try:
        for kind, body in png_chunks(data):
            if kind != b"IDAT":
                continue
            pending = body
            while pending and got <= expected:
                got += len(unpacker.decompress(pending, 1 << 20))
                pending = unpacker.unconsumed_tail
        got += len(unpacker.flush())
    except zlib.error as error:
        raise _broken(path, f"the image data cannot be unpacked ({error})") from None
    if got != expected or not unpacker.eof:
        raise _broken(
            path,
            f"the header claims {info.width}x{info.height} pixels but the data unpacks to "
            f"{got:,} bytes, not {expected:,}",
        )


def _exif(tiff: bytes) -> tuple[tuple[float, float] | None, int]:
    """(dpi, orientation) from IFD0 of an EXIF block; (None, 1) where absent or unreadable."""
    try:
        order = {b"II": "<", b"MM": ">"}[tiff[:2]]
        (offset,) = struct.unpack(order + "I", tiff[4:8])
        (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
        tags: dict[int, float] = {}
        for i in range(count):
            entry = tiff[offset + 2 + 12 * i : offset + 14 + 12 * i]
            tag, kind, _, value = struct.unpack(order + "HHI4s", entry)
            if kind == 3:  # SHORT
                tags[tag] = struct.unpack(order + "H", value[:2])[0]
            elif kind == 5:  # RATIONAL, stored at an offset
                (at,) = struct.unpack(order + "I", value)
                num, den = struct.unpack(order + "II", tiff[at : at + 8])
                tags[tag] = num / den if den else 0.0
    except (KeyError, struct.error):
        return None, 1
    orientation = int(tags.get(0x0112, 1))
    xres, yres, unit = tags.get(0x011A), tags.get(0x011B), tags.get(0x0128, 2)
    dpi = None
    if xres and yres and unit in (2, 3):
        scale = 2.54 if unit == 3 else 1.0
        dpi = (xres * scale, yres * scale)
    return dpi, orientation if 1 <= orientation <= 8 else 1


# --- TIFF -------------------------------------------------------------------------------------


def _tiff(path: Path, data: bytes) -> ImageInfo:
    from PIL import Image  # only TIFFs need Pillow here: `check` of a JPEG issue stays light

    try:
        with Image.open(BytesIO(data)) as image:
            if image.format != "TIFF":
                raise ValueError("not a TIFF")
            mode, (width, height) = image.mode, image.size
            dpi = image.info.get("dpi")
            orientation = image.getexif().get(0x0112, 1)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise _broken(path, f"TIFF header: {error}") from None
    if mode not in TIFF_MODES:
        raise _error(
            path,
            f"TIFF in colour mode {mode}, which print cannot take",
            "save it as an 8-bit RGB, greyscale or CMYK TIFF",
        )
    colour = TIFF_MODES[mode]
    components = {"gray": 1, "rgb": 3, "cmyk": 4, "indexed": 1}[colour]
    return ImageInfo(
        path=path,
        format="tiff",
        width=width,
        height=height,
        components=components,
        bits=16 if mode.startswith("I;16") else 8,
        colour=colour,
        dpi=(float(dpi[0]), float(dpi[1])) if dpi else None,
        orientation=orientation if isinstance(orientation, int) and 1 <= orientation <= 8 else 1,
        alpha=mode in ("RGBA", "LA"),
    )


def _check_tiff_data(path: Path, data: bytes) -> None:
    """Decode the strips: a truncated TIFF fails here, at `check`, not in the writer."""
    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise _broken(path, f"the image data cannot be decoded ({error})") from None


# --- PNG --------------------------------------------------------------------------------------


def _png(path: Path, data: bytes) -> ImageInfo:
    if len(data) < 33 or data[12:16] != b"IHDR":
        raise _broken(path, "PNG has no IHDR header")
    width, height, bits, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", data[16:29])
    if colour_type not in PNG_COLOUR_TYPES or width == 0 or height == 0:
        raise _broken(path, f"PNG header is invalid (colour type {colour_type})")
    if bits not in PNG_DEPTHS[colour_type]:
        raise _broken(path, f"PNG header is invalid ({bits}-bit colour type {colour_type})")
    colour, components, alpha = PNG_COLOUR_TYPES[colour_type]
    dpi = None
    for kind, body in png_chunks(data):
        if kind == b"pHYs" and len(body) >= 9:
            x, y, unit = struct.unpack(">IIB", body[:9])
            if unit == 1 and x and y:  # pixels per metre
                dpi = (x * 0.0254, y * 0.0254)
        if kind == b"tRNS":  # a transparent colour (or palette alphas): flattened as alpha is
            alpha = True
        if kind == b"IDAT":
            break
    return ImageInfo(
        path=path,
        format="png",
        width=width,
        height=height,
        components=components,
        bits=bits,
        colour=colour,
        dpi=dpi,
        colour_type=colour_type,
        alpha=alpha,
        interlaced=bool(interlace),
    )


def _check_png_chunks(path: Path, data: bytes, colour_type: int) -> None:
    """Each chunk lies within the file with a right checksum, up to IEND; there is image data,
    and a palette for an indexed image."""
    pos = len(PNG_SIGNATURE)
    kinds = set()
    while True:
        if pos + 12 > len(data):
            raise _broken(path, "PNG ends before its IEND chunk")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 8 + length
        if end + 4 > len(data):
            raise _broken(path, f"PNG chunk {kind.decode('latin-1')} runs past the end of the file")
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(data[pos + 4 : end]) != crc:
            raise _broken(path, f"PNG chunk {kind.decode('latin-1')} is damaged (checksum)")
        kinds.add(kind)
        if kind == b"IEND":
            break
        pos = end + 4
    if b"IDAT" not in kinds:
        raise _broken(path, "PNG has no image data (IDAT)")
    if colour_type == 3 and b"PLTE" not in kinds:
        raise _broken(path, "indexed PNG has no palette (PLTE)")


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, data) chunks of a PNG file's bytes, in file order, up to IEND."""
    chunks = []
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunks.append((kind, data[pos + 8 : pos + 8 + length]))
        if kind == b"IEND":
            break
        pos += 12 + length
    return chunks


# --- errors -----------------------------------------------------------------------------------


def _error(path: Path, message: str, hint: str = "") -> LayoutError:
    return LayoutError(message, Location(path), hint)


def _broken(path: Path, detail: str) -> LayoutError:
    return _error(
        path,
        f"unreadable image: {detail}",
        "the file may be truncated or damaged; export it again",
    )


def _kind(head: bytes) -> str:
    if head[:4] == b"%PDF":
        return "it is a PDF"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "it is a GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "it is a WebP"
    if not head:
        return "the file is empty"
    return "unknown format"
