"""Total ink measured where the content stream cannot tell it (images, shadings, overprinted
layers): Ghostscript renders the pages as CMYK rasters (tiff32nc, overprint simulated as a
separating device would), and Pillow adds the four plates up pixel by pixel inside the BleedBox.

The render is plain (no anti-aliasing), so every pixel is the colour of what covers its centre:
a maximum read from it is a real colour of the page, sampled at the render's resolution.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageMath

from layout.preflight.scan import Box

LARGEST_SIDE = 4000  # pixels: a poster is rendered at a lower resolution than a page
_MESSAGE_ROOM = 300


class RenderError(Exception):
    """Ghostscript is missing, failed or took too long: the message says which."""


@dataclass(frozen=True)
class PageInk:
    page: int
    maximum: float  # per cent
    where: tuple[float, float] | None  # mm from the printed area's top-left to the worst spot


@dataclass(frozen=True)
class RenderPage:
    number: int  # 1-based
    media: Box
    printed: Box  # the area measured (BleedBox)
    rotate: int


def measure(
    path: Path, pages: list[RenderPage], dpi: int, timeout: float, limit: float
) -> list[PageInk]:
    """The maximum total ink of each page in `pages`, rendered at `dpi` (lowered for large
    pages). `limit` (per cent) is where to look for the worst spot."""
    if not pages:
        return []
    gs = shutil.which("gs")
    if gs is None:
        raise RenderError("Ghostscript (gs) is not installed")
    resolution = min(dpi, _largest_dpi(pages))
    with tempfile.TemporaryDirectory(prefix="layout-preflight-") as folder:
        _render(gs, path, pages, resolution, Path(folder), timeout)
        return [
            _measure(Path(folder) / f"p{i}.tif", page, resolution, limit)
            for i, page in enumerate(pages, start=1)
        ]


def _largest_dpi(pages: list[RenderPage]) -> int:
    side = max(max(p.media[2] - p.media[0], p.media[3] - p.media[1]) for p in pages)
    return max(1, int(LARGEST_SIDE * 72 / max(side, 1.0)))


def _render(
    gs: str, path: Path, pages: list[RenderPage], dpi: int, folder: Path, timeout: float
) -> None:
    command = [
        gs,
        "-q",
        "-dSAFER",
        "-dBATCH",
        "-dNOPAUSE",
        "-sDEVICE=tiff32nc",
        f"-r{dpi}",
        "-sPageList=" + ",".join(str(p.number) for p in pages),
        "-o",
        str(folder / "p%d.tif"),
        str(path.resolve()),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"Ghostscript took more than {timeout:g} s") from None
    except OSError as error:
        raise RenderError(f"Ghostscript cannot run: {error.strerror or error}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"Ghostscript failed: {(said[-1] if said else '')[:_MESSAGE_ROOM]}")


def _measure(tiff: Path, page: RenderPage, dpi: int, limit: float) -> PageInk:
    try:
        with Image.open(tiff) as opened:
            image = opened.convert("CMYK") if opened.mode != "CMYK" else opened.copy()
    except (OSError, ValueError) as error:
        raise RenderError(f"Ghostscript wrote no page {page.number}: {error}") from None
    if page.rotate % 360 in (90, 180, 270):  # gs turned the page clockwise: turn it back
        image = image.rotate(page.rotate % 360, expand=True)
    area = _pixels(page, dpi, image.size)
    if area is None:
        return PageInk(page.number, 0.0, None)
    image = image.crop(area)
    c, m, y, k = image.split()
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k)
    maximum = total.getextrema()[1] * 100 / 255
    return PageInk(page.number, maximum, _worst(total, maximum, limit, dpi))


def _pixels(page: RenderPage, dpi: int, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """The printed area in raster pixels (origin top-left), clipped to the raster."""
    scale = dpi / 72
    mx0, _, _, my1 = page.media
    x0, y0, x1, y1 = page.printed
    left = max(0, int((x0 - mx0) * scale))
    top = max(0, int((my1 - y1) * scale))
    right = min(size[0], int(round((x1 - mx0) * scale)))
    bottom = min(size[1], int(round((my1 - y0) * scale)))
    if right <= left or bottom <= top:
        return None
    return left, top, right, bottom


def _worst(
    total: Image.Image, maximum: float, limit: float, dpi: int
) -> tuple[float, float] | None:
    """Top-left (mm) of the region above the limit, or of the maximum when under it."""
    threshold = min(limit, maximum - 0.5) * 255 / 100
    mask = ImageMath.lambda_eval(lambda a: (a["t"] > threshold) * 255, t=total)
    box = mask.convert("L").getbbox()
    if box is None:
        return None
    mm = 25.4 / dpi
    return round(box[0] * mm, 1), round(box[1] * mm, 1)
