"""Press conditions: what the CMYK values of a print PDF are meant for.

A style sheet names one (`press: {condition: fogra39}`), `layout build --press NAME` overrides
it. Each condition is registered in the ICC characterization data registry: the PDF/X output
intent names it (OutputConditionIdentifier, RegistryName, Info) and embeds an ICC profile of it
(DestOutputProfile), which also converts the photos (layout/color/photos.py).

Profiles are never part of the repository (their licences vary): layout/color/profiles.py finds
or builds them at run time from Debian packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.errors import LayoutError

ICC_REGISTRY = "http://www.color.org"
DEBIAN_ICC = Path("/usr/share/color/icc")
INTENTS = ("perceptual", "relative-colorimetric")


@dataclass(frozen=True)
class PressCondition:
    key: str  # as written in a style sheet or after --press
    identifier: str  # OutputConditionIdentifier: the registry's reference name
    info: str  # the printing condition in words (OutputIntent /Info and /OutputCondition)
    files: tuple[str, ...]  # ready-made profile files searched for, in order of preference
    # characterisation data ArgyllCMS builds a profile from when no ready-made file is found,
    # and the Debian package that ships it
    data: Path | None = None
    data_package: str = ""
    tac: int = 300  # total area coverage (%) of a profile we build
    obtain: str = ""  # where a person gets a ready-made profile when nothing can be built
    registry: str = ICC_REGISTRY


CONDITIONS: dict[str, PressCondition] = {
    "fogra39": PressCondition(
        key="fogra39",
        identifier="FOGRA39",
        info="Coated FOGRA39 (ISO 12647-2:2004)",
        # ECI's ISO Coated v2 and Adobe's Coated FOGRA39 characterise the same condition
        files=("ISOcoated_v2_300_eci.icc", "ISOcoated_v2_eci.icc", "CoatedFOGRA39.icc"),
        data=DEBIAN_ICC / "FOGRA39L.ti3",
        data_package="icc-profiles-free",
        tac=300,  # as ECI's ISO Coated v2 300%: magazine paper on web presses
    ),
    "japan-color-2001-coated": PressCondition(
        key="japan-color-2001-coated",
        identifier="JC200103",
        info="Japan Color 2001 Coated (ISO 12647-2:2004)",
        files=("JapanColor2001Coated.icc", "Japan Color 2001 Coated.icc"),
        obtain=(
            "no Debian package ships a Japan Color profile or its characterisation data: put "
            "Adobe's JapanColor2001Coated.icc (from Adobe's free ICC profiles, or the print "
            "shop) into ~/.local/share/color/icc or a folder named in $LAYOUT_ICC_PATH, or "
            "choose --press fogra39"
        ),
    ),
}
DEFAULT_CONDITION = "fogra39"


def press_condition(key: str) -> PressCondition:
    """The condition named `key`; LayoutError listing the known ones otherwise."""
    try:
        return CONDITIONS[key]
    except KeyError:
        raise LayoutError(
            f"unknown press condition {key!r}", hint=f"use one of {', '.join(CONDITIONS)}"
        ) from None
