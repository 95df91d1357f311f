"""Colour spaces as a PDF names them (a device name, a resource name, an array), reduced to what
preflight asks of them: the colour model, the spot colours, and the ink a colour value lays down.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

# Colorants of a Separation or DeviceN space that are process plates, not spot colours.
PROCESS = {"Cyan", "Magenta", "Yellow", "Black"}
# Device-independent and RGB spaces: not allowed in PDF/X-1a (ISO 15930-1 allows CMYK, grey and
# spot colours only, with Indexed and Pattern spaces built on them).
DEVICE_DEPENDENT_CMYK = {"DeviceCMYK", "DeviceGray", "Separation", "DeviceN"}


@dataclass(frozen=True)
class ColourSpace:
    family: str  # the PDF family name: DeviceRGB, ICCBased, Separation, Indexed, ...
    model: str  # gray, rgb, cmyk, lab, spot (Separation/DeviceN), pattern, unknown
    components: int
    spots: tuple[str, ...] = ()  # colorant names (Separation: one; DeviceN: several)
    base: ColourSpace | None = None  # Indexed and Pattern spaces: the space under them
    palette: bytes = b""  # Indexed: the lookup table

    @property
    def label(self) -> str:
        if self.family == "ICCBased":
            return f"ICCBased {self.model.upper() if self.model != 'gray' else 'grey'}"
        if self.family in ("Separation", "DeviceN"):
            return f"{self.family} {', '.join(self.spots)}"
        if self.family in ("Indexed", "Pattern") and self.base is not None:
            return f"{self.family} on {self.base.label}"
        return self.family

    def forbidden_in_x1a(self) -> bool:
        """True if this space (or the space under it) is not allowed in PDF/X-1a."""
        if self.family in ("Indexed", "Pattern"):
            return self.base is not None and self.base.forbidden_in_x1a()
        return self.family not in DEVICE_DEPENDENT_CMYK

    def is_rgb(self) -> bool:
        if self.base is not None:
            return self.base.is_rgb()
        return self.family == "DeviceRGB"

    def spot_names(self) -> set[str]:
        if self.base is not None:
            return self.base.spot_names()
        return {s for s in self.spots if s not in PROCESS and s not in ("All", "None")}

    def ink(self, values: tuple[float, ...]) -> float | None:
        """Total ink in per cent of one colour value, or None when the space has no inks of its
        own (RGB, Lab: the press converts them) or the value does not fit the space."""
        if self.family == "Indexed":
            return self._indexed_ink(values)
        if len(values) != self.components:
            return None
        if self.model == "cmyk":
            return 100 * sum(_clamp(v) for v in values)
        if self.model == "gray":
            return 100 * (1 - _clamp(values[0]))
        if self.model == "spot":
            # registration colour (All) prints on every process plate
            return 100 * sum(
                _clamp(v) * (4 if name == "All" else 0 if name == "None" else 1)
                for name, v in zip(self.spots, values, strict=True)
            )
        return None

    def _indexed_ink(self, values: tuple[float, ...]) -> float | None:
        base = self.base
        if base is None or len(values) != 1 or base.components <= 0:
            return None
        n = base.components
        index = int(values[0])
        entry = self.palette[index * n : index * n + n]
        if len(entry) != n:
            return None
        return base.ink(tuple(b / 255 for b in entry))


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


DEVICE = {
    "DeviceGray": ColourSpace("DeviceGray", "gray", 1),
    "DeviceRGB": ColourSpace("DeviceRGB", "rgb", 3),
    "DeviceCMYK": ColourSpace("DeviceCMYK", "cmyk", 4),
    "Pattern": ColourSpace("Pattern", "pattern", 1),
}
# Inline image abbreviations (PDF 1.7, table 93)
ABBREVIATIONS = {"G": "DeviceGray", "RGB": "DeviceRGB", "CMYK": "DeviceCMYK", "I": "Indexed"}
UNKNOWN = ColourSpace("unknown", "unknown", 0)
_ICC_MODEL = {1: "gray", 3: "rgb", 4: "cmyk"}
_DEPTH = 4  # Indexed on Pattern on ...: deeper nesting is not a real file


def resolve(obj: object, resources: pikepdf.Object | None = None, depth: int = 0) -> ColourSpace:
    """The colour space `obj` names: a device name, a name in `resources`' /ColorSpace, or an
    array. Anything malformed is UNKNOWN (reported by the caller), never an exception."""
    if depth > _DEPTH:
        return UNKNOWN
    try:
        return _resolve(obj, resources, depth)
    except (pikepdf.PdfError, KeyError, TypeError, ValueError, IndexError, AttributeError):
        return UNKNOWN


def _resolve(obj: object, resources: pikepdf.Object | None, depth: int) -> ColourSpace:
    if isinstance(obj, pikepdf.Name):
        name = str(obj)[1:]
        name = ABBREVIATIONS.get(name, name)
        if name in DEVICE:
            return DEVICE[name]
        named = _named(resources, obj)
        if named is None:
            return UNKNOWN
        return resolve(named, None, depth + 1)
    if not isinstance(obj, pikepdf.Array) or len(obj) == 0:
        return UNKNOWN
    family = str(obj[0])[1:]
    family = ABBREVIATIONS.get(family, family)
    if family in DEVICE and len(obj) == 1:
        return DEVICE[family]
    if family == "ICCBased":
        n = int(obj[1].get("/N", 0))
        return ColourSpace("ICCBased", _ICC_MODEL.get(n, "unknown"), n)
    if family in ("CalGray", "CalRGB", "Lab"):
        model, n = {"CalGray": ("gray", 1), "CalRGB": ("rgb", 3), "Lab": ("lab", 3)}[family]
        return ColourSpace(family, model, n)
    if family == "Separation":
        return ColourSpace("Separation", "spot", 1, spots=(_name(obj[1]),))
    if family == "DeviceN":
        names = tuple(_name(n) for n in obj[1])
        return ColourSpace("DeviceN", "spot", len(names), spots=names)
    if family == "Indexed":
        base = resolve(obj[1], resources, depth + 1)
        lookup = obj[3]
        palette = lookup.read_bytes() if isinstance(lookup, pikepdf.Stream) else bytes(lookup)
        return ColourSpace("Indexed", "indexed", 1, base=base, palette=palette)
    if family == "Pattern":
        base = resolve(obj[1], resources, depth + 1) if len(obj) > 1 else None
        return ColourSpace("Pattern", "pattern", 1, base=base)
    return UNKNOWN


def _named(resources: pikepdf.Object | None, name: pikepdf.Name) -> object | None:
    if resources is None:
        return None
    spaces = resources.get("/ColorSpace")
    if not isinstance(spaces, pikepdf.Dictionary):
        return None
    return spaces.get(name)


def _name(obj: object) -> str:
    text = str(obj)
    return text[1:] if text.startswith("/") else text
