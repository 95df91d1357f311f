"""Image resolution at the placed size: the pixels per inch the press will get (scaling in the
layout counts, cropping does not). 1-bit images are line art and want far more."""

from __future__ import annotations

import math

from layout.preflight.findings import Findings
from layout.preflight.scan import PageScan, PlacedImage

ERROR_PPI = 150.0
WARNING_PPI = 300.0
LINE_ART_PPI = 600.0
HINT = "use a larger original, or place the image smaller"


def check_images(scans: list[PageScan], findings: Findings) -> int:
    """Report images below the resolutions; returns how many images are placed."""
    count = 0
    for scan in scans:
        for image in scan.images:
            count += 1
            _check(image, scan.number, findings)
    return count


def _check(image: PlacedImage, page: int, findings: Findings) -> None:
    if not math.isfinite(image.ppi):
        return
    detail = f"{image.name}: {image.width}×{image.height} px at {image.ppi:.0f} ppi"
    if image.bits == 1:
        if image.ppi < LINE_ART_PPI:
            findings.warning(
                "image-resolution",
                f"1-bit line art below {LINE_ART_PPI:.0f} ppi at its placed size",
                HINT,
                page=page,
                detail=detail,
            )
    elif image.ppi < ERROR_PPI:
        findings.error(
            "image-resolution",
            f"image below {ERROR_PPI:.0f} ppi at its placed size: it prints blurred or blocky",
            HINT,
            page=page,
            detail=detail,
        )
    elif image.ppi < WARNING_PPI:
        findings.warning(
            "image-resolution",
            f"image below {WARNING_PPI:.0f} ppi at its placed size",
            HINT,
            page=page,
            detail=detail,
        )
