"""Colour spaces: PDF/X-1a takes CMYK, grey and spot colours only; PDF/X-3 and -4 also take
device-independent colour (ICC, Lab), but never bare DeviceRGB with a CMYK output intent.
Spot colours are listed, since each one is a plate the print shop must know about."""

from __future__ import annotations

from layout.preflight.findings import Findings
from layout.preflight.identification import NAMES
from layout.preflight.scan import PageScan

CONVERT_HINT = "set text and rules in CMYK; convert images to the press profile"


def check_colour_spaces(scans: list[PageScan], standard: str, findings: Findings) -> list[str]:
    """Report colour spaces the standard forbids; returns the spot colour names, sorted."""
    spots: set[str] = set()
    for scan in scans:
        for space in scan.spaces.values():
            if space.family == "unknown":
                findings.warning(
                    "colour-space",
                    "a colour space preflight cannot read",
                    "check the page's colours in Acrobat or with the print shop",
                    page=scan.number,
                )
            elif standard == "x1a" and space.forbidden_in_x1a():
                findings.error(
                    "colour-space",
                    f"{space.label} colour is used; PDF/X-1a allows CMYK, grey and spot only",
                    CONVERT_HINT,
                    page=scan.number,
                )
            elif standard != "x1a" and space.is_rgb():
                findings.error(
                    "colour-space",
                    f"{space.label} colour without a profile; {NAMES[standard]} allows RGB only "
                    "with an ICC profile",
                    CONVERT_HINT,
                    page=scan.number,
                )
            for name in sorted(space.spot_names()):
                spots.add(name)
                findings.info(
                    "spot-colour",
                    f"spot colour {name}",
                    "it prints as a plate of its own: agree it with the print shop, or convert "
                    "it to CMYK",
                    page=scan.number,
                )
    return sorted(spots)
