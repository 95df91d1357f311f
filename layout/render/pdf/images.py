"""Embedded images: JPEG files as /DCTDecode Image XObjects.

The print variant (PDF/X-1a:2001, and its draft) holds CMYK only: a CMYK JPEG separated for the
press passes through untouched; every other photo (RGB or greyscale JPEG, PNG, TIFF) is
converted to the press profile by layout/color/photos.py (EXIF orientation applied, alpha
flattened on white, cached by content hash). The proof variant, for reading on screen, takes
JPEGs as they are (DeviceRGB, DeviceGray) and simple PNGs (8-bit or less, no alpha, not
interlaced: their zlib data passes through with the PNG predictor).

Like fonts, images are drawn in two passes: `collect` reads every file first, so that each
distinct file (by content hash) becomes one XObject however often it is used, and names Im1,
Im2, ... follow the content hashes, not the page order.

An image is scaled to cover its box (aspect kept; centred, or kept to the edge its `crop=`
names) and clipped to the box; with `fit=contain` it is scaled to lie wholly inside the box,
centred across and on its top edge, the rest of the box left white (nothing is painted there).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from layout.errors import LayoutError
from layout.images import (
    ImageInfo,
    image_info,
    place,
    png_chunks,
    read_image_info,
    resolution_problem,
)
from layout.render.model import ImageBox, Page, SuppliedBox
from layout.render.pdf.content import Content, n
from layout.render.pdf.forms import EmbeddedForms
from layout.render.pdf.geometry import PageGeometry
from layout.render.pdf.objects import Name, Raw, Ref, Stream, serialize
from layout.render.pdf.writer import PdfWriter

if TYPE_CHECKING:
    from layout.color.ready import Press

DEVICE = {"gray": "DeviceGray", "rgb": "DeviceRGB", "cmyk": "DeviceCMYK"}
PROCSET = {"gray": "ImageB", "rgb": "ImageC", "cmyk": "ImageC", "indexed": "ImageI"}


@dataclass
class _Image:
    info: ImageInfo
    digest: str
    data: bytes
    name: str = ""
    ref: Ref | None = None


def _shown_as_is(info: ImageInfo) -> bool:
    """Whether a PDF shows the file's own data as the photo looks: a JPEG that needs no EXIF
    turn, or an 8-bit PNG without transparency or interlacing."""
    if info.format == "jpeg":
        return info.orientation == 1
    if info.format == "png":
        return not (info.alpha or info.interlaced or info.bits > 8)
    return False  # TIFF


class EmbeddedImages:
    def __init__(
        self,
        *,
        print_variant: bool,
        warnings: list[str] | None = None,
        press: Callable[[], Press] | None = None,
    ) -> None:
        """`print_variant`: photos converted to the press's CMYK, and a warning below 300 ppi.
        `press` gives the press (asked only when a photo needs converting). Warnings (strings)
        are appended to `warnings` when it is given."""
        self.print_variant = print_variant
        self.warnings = warnings if warnings is not None else []
        self._press = press
        self._by_path: dict[str, _Image] = {}
        self._by_digest: dict[str, _Image] = {}
        self.forms = EmbeddedForms()  # supplied pages (advertisements), also /XObject resources

    # --- pass 1 ---------------------------------------------------------------------------

    def collect(self, page: Page, box: ImageBox) -> bool:
        """Read the box's file; False if the box is drawn as a placeholder instead (no path,
        or no room)."""
        if not box.path or box.width <= 0 or box.height <= 0:
            return False
        image = self._load(box.path)
        where = f"page {page.label}" if page.label else "a page"
        problem = resolution_problem(image.info, box.width, box.height, f"on {where}", box.fit)
        if self.print_variant and problem:
            self.warnings.append(f"{box.path}: {problem}")
        return True

    def _load(self, path: str) -> _Image:
        if path in self._by_path:
            return self._by_path[path]
        info = read_image_info(Path(path))
        data = info.path.read_bytes()
        # print: every photo as a CMYK JPEG for the press; proof: the file itself when a PDF
        # can show it as it is, else the same conversion (cached: the build made it already)
        if self.print_variant or not _shown_as_is(info):
            info, data = self._for_press(info, data)
        digest = hashlib.sha256(data).hexdigest()
        image = self._by_digest.get(digest)
        if image is None:
            image = self._by_digest[digest] = _Image(info, digest, data)
        self._by_path[path] = image
        return image

    def _for_press(self, info: ImageInfo, data: bytes) -> tuple[ImageInfo, bytes]:
        """The photo as a CMYK JPEG for the press: as it is, or converted."""
        from layout.color.photos import needs_conversion, print_photo

        if self._press is None:
            raise LayoutError(
                f"{info.path}: no press condition to convert the photo to",
                hint="the caller must pass press= to render_pdf",
            )
        press = self._press()
        if info.format == "jpeg" and info.colour == "cmyk" and not needs_conversion(data, press):
            return info, data
        photo = print_photo(info.path, data, press)
        for note in photo.notes:
            self.warnings.append(f"{info.path}: {note}")
        return image_info(info.path, photo.data), photo.data

    def prepare(self, writer: PdfWriter) -> None:
        """Name and reserve every collected image, in content-hash order (then the forms)."""
        for number, digest in enumerate(sorted(self._by_digest), start=1):
            image = self._by_digest[digest]
            image.name = f"Im{number}"
            image.ref = writer.reserve()
        self.forms.prepare(writer)

    # --- pass 2 ---------------------------------------------------------------------------

    def draw(self, content: Content, box: ImageBox, geometry: PageGeometry) -> bool:
        """Draw the box's image as its fit and crop position place it (layout/images.py
        `place`), clipped to the box; False if the box is a placeholder (the caller draws
        that)."""
        image = self._by_path.get(box.path) if box.path else None
        if image is None:
            return False
        assert image.name, "prepare() first"
        info = image.info
        # (a converted photo is upright; one shown as it is needs no turn)
        at = place((info.width, info.height), (box.width, box.height), box.fit, box.crop)
        width, height = at.width, at.height
        left = geometry.x(box.x + at.left)
        bottom = geometry.y(box.y + at.bottom)
        content.gstate("KO")  # set outside q/Q, so the tracked state stays true after Q
        content.op(b"q")
        content.rect(geometry.x(box.x), geometry.y(box.y + box.height), box.width, box.height)
        content.op(b"W", b"n")
        content.op(n(width), b"0 0", n(height), n(left), n(bottom), b"cm")
        content.op(serialize(Name(image.name)), b"Do")
        content.op(b"Q")
        return True

    def resources(self, page: Page) -> dict[str, Ref] | None:
        """The page's /XObject resources: name -> image object."""
        used: dict[str, Ref | None] = {image.name: image.ref for image in self._on(page)}
        used |= self.forms.resources([i for i in page.items if isinstance(i, SuppliedBox)])
        return dict(sorted(used.items())) or None

    def procsets(self, page: Page) -> list[Name]:
        return [Name(p) for p in sorted({PROCSET[i.info.colour] for i in self._on(page)})]

    def _on(self, page: Page) -> list[_Image]:
        found = []
        for item in page.items:
            if isinstance(item, ImageBox) and item.path:
                image = self._by_path.get(item.path)
                if image is not None:
                    found.append(image)
        return found

    def write(self, writer: PdfWriter) -> None:
        for digest in sorted(self._by_digest):
            image = self._by_digest[digest]
            assert image.ref is not None
            writer.set(image.ref, _xobject(image))
        self.forms.write(writer)


def _xobject(image: _Image) -> Stream:
    info = image.info
    entries: dict = {
        "Type": Name("XObject"),
        "Subtype": Name("Image"),
        "Width": info.width,
        "Height": info.height,
        "BitsPerComponent": info.bits,
    }
    if info.format == "jpeg":
        entries["ColorSpace"] = Name(DEVICE[info.colour])
        entries["Filter"] = Name("DCTDecode")
        if info.inverted:
            entries["Decode"] = [1, 0] * 4
        return Stream(image.data, entries, compress=False)
    chunks = png_chunks(image.data)
    if info.colour == "indexed":
        palette = b"".join(body for kind, body in chunks if kind == b"PLTE")
        hex_palette = Raw(b"<" + palette.hex().upper().encode("ascii") + b">")
        entries["ColorSpace"] = [
            Name("Indexed"),
            Name("DeviceRGB"),
            len(palette) // 3 - 1,
            hex_palette,
        ]
    else:
        entries["ColorSpace"] = Name(DEVICE[info.colour])
    entries["Filter"] = Name("FlateDecode")
    entries["DecodeParms"] = {
        "Predictor": 15,
        "Colors": info.components,
        "BitsPerComponent": info.bits,
        "Columns": info.width,
    }
    data = b"".join(body for kind, body in chunks if kind == b"IDAT")
    return Stream(data, entries, compress=False)
