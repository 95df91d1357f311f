"""Photos as editors have them -> CMYK JPEGs for the press, with LittleCMS (Pillow's ImageCms).

RGB and greyscale JPEGs, PNGs and TIFFs are converted from their embedded ICC profile (sRGB when
they carry none) to the press profile, with the style's rendering intent and black point
compensation; EXIF orientation is applied to the pixels first; an alpha channel is flattened on
white (with a note: print has no transparency). A CMYK JPEG upright and without a profile of
another press passes through untouched: it is taken to be separated for this press already.

Conversions are cached by content hash (the file's bytes, the press profile, intent and
compensation) in the record cache, so a rebuild does not convert again; the JPEG encoder is
deterministic, so the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageCms, ImageMath, ImageOps

from layout.color.ready import Press
from layout.errors import LayoutError, Location
from layout.fonts.cache import RecordCache, default_cache_dir

# a 300 ppi spread is some 40 Mpx; far beyond that is a decompression bomb
Image.MAX_IMAGE_PIXELS = 200_000_000
JPEG_QUALITY = 92
CONVERT_VERSION = 1  # bump when the conversion changes: cached conversions are redone
CACHE_KIND = "photos"
INTENT = {
    "perceptual": ImageCms.Intent.PERCEPTUAL,
    "relative-colorimetric": ImageCms.Intent.RELATIVE_COLORIMETRIC,
}


@dataclass(frozen=True)
class PrintPhoto:
    """A photo ready for DCTDecode in DeviceCMYK."""

    data: bytes  # a CMYK JPEG
    width: int
    height: int
    notes: tuple[str, ...] = ()  # what the editor should know (alpha flattened, ink)
    converted: bool = True


def needs_conversion(data: bytes, press: Press) -> bool:
    """False for a CMYK JPEG that can go to the press as it is."""
    if data[:2] != b"\xff\xd8":
        return True
    with Image.open(BytesIO(data)) as image:
        if image.mode != "CMYK":
            return True
        orientation = image.getexif().get(0x0112, 1)
        embedded = image.info.get("icc_profile")
    return orientation not in (0, 1) or bool(embedded and not _same_press(embedded, press))


def _same_press(embedded: bytes, press: Press) -> bool:
    """An embedded CMYK profile is this press's if it is the very profile or describes the
    same condition (its description names the identifier, e.g. FOGRA39)."""
    if embedded == press.profile.data:
        return True
    try:
        description = ImageCms.getProfileDescription(ImageCms.getOpenProfile(BytesIO(embedded)))
    except ImageCms.PyCMSError:
        return False
    words = description.upper().replace(" ", "")
    return press.condition.identifier.upper() in words or (
        press.condition.key == "fogra39" and "ISOCOATEDV2" in words.replace("_", "")
    )


def print_photo(path: Path, data: bytes, press: Press) -> PrintPhoto:
    """The photo as a CMYK JPEG for `press`, from the cache when it was converted before."""
    key = _key(data, press)
    records = RecordCache(default_cache_dir())
    cached = records.load(CACHE_KIND, key, _decode)
    if cached is not None:
        return cached
    photo = convert(path, data, press)
    meta = {"width": photo.width, "height": photo.height, "notes": list(photo.notes)}
    records.put(CACHE_KIND, key, meta, photo.data)
    return photo


def _key(data: bytes, press: Press) -> str:
    digest = hashlib.sha256(data)
    parts = [
        CONVERT_VERSION,
        press.profile.digest,
        press.intent,
        press.black_point_compensation,
        press.ink_limit,
        JPEG_QUALITY,
        Image.__version__,
        ImageCms.core.littlecms_version,
    ]
    digest.update(json.dumps(parts).encode())
    return digest.hexdigest()


def _decode(meta: dict, payload: bytes) -> PrintPhoto:
    width, height, notes = meta["width"], meta["height"], meta["notes"]
    if not (isinstance(width, int) and isinstance(height, int) and isinstance(notes, list)):
        raise ValueError("bad photo record")
    if payload[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    return PrintPhoto(payload, width, height, tuple(str(n) for n in notes))


def convert(path: Path, data: bytes, press: Press) -> PrintPhoto:
    """Decode, turn upright, flatten and convert to the press's CMYK; encode as JPEG."""
    notes: list[str] = []
    try:
        with Image.open(BytesIO(data)) as opened:
            opened.load()
            image = ImageOps.exif_transpose(opened) or opened
            embedded = opened.info.get("icc_profile")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise LayoutError(
            f"the image cannot be decoded: {error}",
            Location(path),
            "export it again as JPEG, PNG or TIFF",
        ) from None
    image, flattened = _flatten(image)
    if flattened:
        notes.append("its transparency is flattened on white (print has none)")
    image, mode = _eight_bit(image)
    if mode == "CMYK" and (not embedded or _same_press(embedded, press)):
        cmyk = image  # separated for this press already (or said to be): only turned
    else:
        transform = _transform(_source_key(embedded, mode), mode, press)
        cmyk = ImageCms.applyTransform(image, transform)
        assert cmyk is not None
    ink = max_ink(cmyk)
    if ink > press.ink_limit + 0.5:
        notes.append(
            f"it puts down up to {ink:.0f} % ink where the press takes {press.ink_limit:.0f} %"
        )
    out = BytesIO()
    cmyk.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)
    return PrintPhoto(out.getvalue(), cmyk.width, cmyk.height, tuple(notes))


def _flatten(image: Image.Image) -> tuple[Image.Image, bool]:
    """The image without alpha: composited on white. True if it had (used) transparency."""
    if image.mode == "P":
        has_alpha = "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
    if image.mode in ("LA", "La", "PA"):
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "RGBa"):
        alpha = image.getchannel("A")
        if alpha.getextrema()[0] == 255:
            return image.convert("RGB"), False
        white = Image.new("RGB", image.size, (255, 255, 255))
        white.paste(image.convert("RGB"), mask=alpha)
        return white, True
    return image, False


def _eight_bit(image: Image.Image) -> tuple[Image.Image, str]:
    """8-bit L, RGB or CMYK, and which."""
    if image.mode in ("L", "RGB", "CMYK"):
        return image, image.mode
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit grey: Pillow's "L" conversion clips at 255 instead of scaling
        scaled = image.convert("I").point(lambda value: value * (1 / 257))
        return scaled.convert("L"), "L"
    if image.mode == "1":
        return image.convert("L"), "L"
    return image.convert("RGB"), "RGB"


@dataclass(frozen=True)
class _Source:
    data: bytes | None  # the embedded ICC profile, or None for sRGB / sGray

    def profile(self, mode: str) -> ImageCms.ImageCmsProfile:
        if self.data is not None:
            return ImageCms.getOpenProfile(BytesIO(self.data))
        return ImageCms.createProfile("sRGB") if mode == "RGB" else _sgray()


def _source_key(embedded: bytes | None, mode: str) -> _Source:
    """The source profile: the embedded one if it fits the pixels' colour space."""
    if embedded:
        try:
            space = ImageCms.getOpenProfile(BytesIO(embedded)).profile.xcolor_space.strip()
        except ImageCms.PyCMSError:
            space = ""
        if space == {"L": "GRAY", "RGB": "RGB", "CMYK": "CMYK"}[mode]:
            return _Source(embedded)
    return _Source(None)


def _sgray() -> ImageCms.ImageCmsProfile:
    """Grey with the sRGB tone curve (what a greyscale photo without a profile means)."""
    for path in (
        Path("/usr/share/color/icc/ghostscript/sgray.icc"),
        Path("/usr/share/color/icc/Gray.icc"),
    ):
        if path.is_file():
            return ImageCms.getOpenProfile(str(path))
    raise LayoutError(
        "no greyscale ICC profile (sGray) to convert a greyscale photo from",
        hint="install the Debian package libgs-common (with ghostscript)",
    )


@cache
def _transform(source: _Source, mode: str, press: Press) -> ImageCms.ImageCmsTransform:
    flags = ImageCms.Flags.NONE
    if press.black_point_compensation:
        flags |= ImageCms.Flags.BLACKPOINTCOMPENSATION
    return ImageCms.buildTransform(
        source.profile(mode),
        ImageCms.getOpenProfile(BytesIO(press.profile.data)),
        mode,
        "CMYK",
        renderingIntent=INTENT[press.intent],
        flags=flags,
    )


def max_ink(cmyk: Image.Image) -> float:
    """The largest C + M + Y + K of any pixel, in %."""
    c, m, y, k = cmyk.split()
    total = ImageMath.lambda_eval(
        lambda args: args["c"] + args["m"] + args["y"] + args["k"], c=c, m=m, y=y, k=k
    )
    return total.getextrema()[1] * 100 / 255
