"""Fonts: every font a page shows text in carries its font program (a Type0 font in its
descendant, a simple font in its descriptor; Type3 glyphs are drawn by the file itself)."""

from __future__ import annotations

import pikepdf

from layout.preflight.findings import Findings
from layout.preflight.scan import PageScan

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def check_fonts(scans: list[PageScan], findings: Findings) -> int:
    """Report unembedded fonts; returns how many distinct fonts the pages use."""
    seen: set[object] = set()
    for scan in scans:
        for key, font in scan.fonts.items():
            seen.add(key)
            for name in unembedded(font):
                findings.error(
                    "font-not-embedded",
                    f"font {name} is not embedded",
                    "embed all fonts when exporting: PDF/X requires every font in the file",
                    page=scan.number,
                )
    return len(seen)


def unembedded(font: pikepdf.Object, depth: int = 0) -> list[str]:
    """Names of the fonts without their program: the font itself, or for a Type3 font the
    fonts its glyphs show text in (Type3 glyphs themselves are drawn by the file)."""
    try:
        subtype = str(font.get("/Subtype", ""))
        if subtype == "/Type3":
            if depth >= 4:  # Type3 inside Type3 inside ...: a hostile file
                return []
            return [n for inner in _type3_fonts(font) for n in unembedded(inner, depth + 1)]
        if subtype == "/Type0":
            descendants = font.get("/DescendantFonts")
            if not isinstance(descendants, pikepdf.Array) or len(descendants) == 0:
                return [font_name(font)]
            return [font_name(font)] if any(not _has_program(d) for d in descendants) else []
        return [] if _has_program(font) else [font_name(font)]
    except pikepdf.PdfError:
        return [font_name(font)]


def _has_program(font: pikepdf.Object) -> bool:
    if not isinstance(font, pikepdf.Dictionary):
        return False
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        isinstance(descriptor.get(k), pikepdf.Stream) for k in FONT_FILES
    )


def _type3_fonts(font: pikepdf.Object) -> list[pikepdf.Object]:
    resources = font.get("/Resources")
    fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(fonts, pikepdf.Dictionary):
        return []
    return [f for f in fonts.values() if isinstance(f, pikepdf.Dictionary)]


def font_name(font: pikepdf.Object) -> str:
    try:
        name = font.get("/BaseFont") or font.get("/Name")
    except pikepdf.PdfError:
        name = None
    return str(name)[1:] if isinstance(name, pikepdf.Name) else "(unnamed)"
