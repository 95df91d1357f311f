"""Page boxes: MediaBox, BleedBox and TrimBox on every page, each inside the next
(Trim inside Bleed inside Media), and one trim size through the file."""

from __future__ import annotations

from collections import Counter

import pikepdf

from layout.preflight.findings import Findings
from layout.preflight.scan import Box
from layout.preflight.source import page_box

MM = 72 / 25.4
TOLERANCE = 0.01  # pt: rounding in writers, far below anything a press sees
_NAMES = {"/MediaBox": "MediaBox", "/BleedBox": "BleedBox", "/TrimBox": "TrimBox"}


def check_boxes(pdf: pikepdf.Pdf, findings: Findings) -> None:
    sizes: Counter[tuple[float, float]] = Counter()
    trims: dict[int, tuple[float, float]] = {}
    for number, page in enumerate(pdf.pages, start=1):
        boxes = {name: page_box(page, name) for name in _NAMES}
        for name, label in _NAMES.items():
            if boxes[name] is None:
                _missing(findings, name, label, page, number)
        media, bleed, trim = boxes["/MediaBox"], boxes["/BleedBox"], boxes["/TrimBox"]
        _nested(findings, number, "TrimBox", trim, "BleedBox", bleed)
        _nested(findings, number, "BleedBox", bleed, "MediaBox", media)
        if bleed is None:
            _nested(findings, number, "TrimBox", trim, "MediaBox", media)
        if trim is not None:
            size = (round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1))
            sizes[size] += 1
            trims[number] = size
    _one_trim_size(findings, sizes, trims)


def _missing(findings: Findings, name: str, label: str, page: pikepdf.Page, number: int) -> None:
    if name == "/TrimBox" and page_box(page, "/ArtBox") is not None:
        findings.warning(
            "box-missing",
            "no TrimBox (an ArtBox instead)",
            "PDF/X allows it, but the print shop trims to the TrimBox: set one",
            page=number,
        )
        return
    hints = {
        "MediaBox": "the page has no size: export it again",
        "BleedBox": "set the BleedBox: the trim plus 3 mm of bleed",
        "TrimBox": "set the TrimBox to the finished page size",
    }
    findings.error("box-missing", f"no {label}", hints[label], page=number)


def _nested(
    findings: Findings,
    number: int,
    inner_name: str,
    inner: Box | None,
    outer_name: str,
    outer: Box | None,
) -> None:
    if inner is None or outer is None or _inside(inner, outer):
        return
    findings.error(
        "box-nesting",
        f"the {inner_name} is not inside the {outer_name}",
        f"the {inner_name} must lie within the {outer_name}: export with correct boxes",
        page=number,
        detail=f"{inner_name} {_show(inner)}, {outer_name} {_show(outer)}",
    )


def _one_trim_size(
    findings: Findings, sizes: Counter[tuple[float, float]], trims: dict[int, tuple[float, float]]
) -> None:
    if len(sizes) < 2:
        return
    usual = sizes.most_common(1)[0][0]
    for number, size in trims.items():
        if size != usual:
            findings.warning(
                "trim-size",
                f"the trim size differs from the other pages' ({_mm(usual)})",
                "check the page size: every page of an issue is trimmed alike",
                page=number,
                detail=_mm(size),
            )


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def _show(box: Box) -> str:
    return "[" + " ".join(f"{v:g}" for v in (round(c, 2) for c in box)) + "]"


def _mm(size: tuple[float, float]) -> str:
    return f"{size[0] / MM:.1f} × {size[1] / MM:.1f} mm"
