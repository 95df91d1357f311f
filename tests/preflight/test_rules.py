"""Unit rules of preflight: grouping of findings, page ranges, inks of colour spaces, the
effective resolution from the CTM, and the identification keys."""

from __future__ import annotations

import io

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.preflight.colourspaces import DEVICE, ColourSpace, resolve
from layout.preflight.findings import Findings, Severity, page_ranges
from layout.preflight.identification import identify
from layout.preflight.scan import _ppi, apply, multiply


def _expand(text: str) -> set[int]:
    pages: set[int] = set()
    for part in filter(None, text.split(", ")):
        first, _, last = part.partition("-")
        pages.update(range(int(first), int(last or first) + 1))
    return pages


@given(st.sets(st.integers(min_value=1, max_value=200)))
def test_page_ranges_round_trip(pages: set[int]) -> None:
    text = page_ranges(pages)
    assert _expand(text) == pages
    assert "-" not in text or all(
        int(a) < int(b) for a, b in (p.split("-") for p in text.split(", ") if "-" in p)
    )


def test_page_ranges_reads_well() -> None:
    assert page_ranges([5, 1, 2, 3, 7, 8]) == "1-3, 5, 7-8"


def test_findings_group_by_message_errors_first() -> None:
    findings = Findings()
    findings.info("spot-colour", "spot colour X", page=2)
    findings.error("font-not-embedded", "font A is not embedded", page=3)
    findings.error("font-not-embedded", "font A is not embedded", page=1, detail="d")
    findings.error("font-not-embedded", "font B is not embedded", page=1)
    groups = findings.groups()
    assert [(g.severity, g.message, g.pages) for g in groups] == [
        (Severity.ERROR, "font A is not embedded", (1, 3)),
        (Severity.ERROR, "font B is not embedded", (1,)),
        (Severity.INFO, "spot colour X", (2,)),
    ]
    assert groups[0].details == ((1, "d"),)


@pytest.mark.parametrize(
    ("space", "values", "ink"),
    [
        (DEVICE["DeviceCMYK"], (0.0, 1.0, 1.0, 0.15), 215.0),
        (DEVICE["DeviceGray"], (0.25,), 75.0),
        (DEVICE["DeviceRGB"], (1.0, 0.0, 0.0), None),
        (ColourSpace("Separation", "spot", 1, spots=("All",)), (1.0,), 400.0),
        (ColourSpace("Separation", "spot", 1, spots=("PANTONE 185 C",)), (0.5,), 50.0),
        (ColourSpace("DeviceN", "spot", 2, spots=("Cyan", "None")), (0.4, 1.0), 40.0),
        (
            ColourSpace(
                "Indexed", "indexed", 1, base=DEVICE["DeviceCMYK"], palette=b"\0\0\0\0\xff\xff\0\0"
            ),
            (1,),
            200.0,
        ),
        (DEVICE["DeviceCMYK"], (1.0, 1.0), None),  # malformed: no ink, no crash
    ],
)
def test_ink_of_a_colour(space: ColourSpace, values: tuple, ink: float | None) -> None:
    assert space.ink(values) == (pytest.approx(ink) if ink is not None else None)


def test_colour_spaces_resolve_from_resources() -> None:
    pdf = pikepdf.new()
    icc = pdf.make_stream(b"", N=3)
    resources = pikepdf.Dictionary(
        ColorSpace=pikepdf.Dictionary(
            RGBP=pikepdf.Array([pikepdf.Name.ICCBased, icc]),
            Pal=pikepdf.Array([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 0, b"\0\0\0"]),
        )
    )
    assert resolve(pikepdf.Name.RGBP, resources).label == "ICCBased RGB"
    assert resolve(pikepdf.Name.RGBP, resources).forbidden_in_x1a()
    indexed = resolve(pikepdf.Name.Pal, resources)
    assert indexed.is_rgb() and indexed.forbidden_in_x1a()
    assert resolve(pikepdf.Name.Missing, resources).family == "unknown"
    assert not DEVICE["DeviceCMYK"].forbidden_in_x1a()


def test_effective_resolution_from_the_ctm() -> None:
    placed = multiply((144.0, 0.0, 0.0, 72.0, 10.0, 10.0), (0.0, 1.0, -1.0, 0.0, 0.0, 0.0))
    assert apply(placed, 1.0, 0.0) == pytest.approx((-10.0, 154.0))
    # 600 x 300 px over 2 in x 1 in, turned a quarter: 300 ppi both ways
    assert _ppi(placed, 600, 300) == pytest.approx(300.0)
    assert _ppi((72.0, 0.0, 0.0, 72.0, 0.0, 0.0), 100, 50) == pytest.approx(50.0)


def _info(**keys: str) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    for key, value in keys.items():
        pdf.docinfo[f"/{key}"] = pikepdf.String(value)
    out = io.BytesIO()
    pdf.save(out)
    return pikepdf.open(io.BytesIO(out.getvalue()))


@pytest.mark.parametrize(
    ("keys", "label", "standard"),
    [
        (
            {"GTS_PDFXVersion": "PDF/X-1:2001", "GTS_PDFXConformance": "PDF/X-1a:2001"},
            "PDF/X-1a:2001",
            "x1a",
        ),
        ({"GTS_PDFXVersion": "PDF/X-1a:2001"}, "PDF/X-1a:2001", "x1a"),
        ({"GTS_PDFXVersion": "PDF/X-1a:2003"}, "PDF/X-1a:2003", "x1a"),
        ({"GTS_PDFXVersion": "PDF/X-3:2002"}, "PDF/X-3:2002", "x3"),
        ({"GTS_PDFXVersion": "PDF/X-4"}, "PDF/X-4", "x4"),
        ({"GTS_PDFXVersion": "PDF/X-9"}, "PDF/X-9", None),
        ({}, None, None),
    ],
)
def test_identification(keys: dict, label: str | None, standard: str | None) -> None:
    claim = identify(_info(**keys))
    assert (claim.label, claim.standard) == (label, standard)


def test_pdfx4_is_read_from_the_xmp_metadata() -> None:
    pdf = pikepdf.new()
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
    out = io.BytesIO()
    pdf.save(out)
    claim = identify(pikepdf.open(io.BytesIO(out.getvalue())))
    assert (claim.label, claim.standard, claim.max_version) == ("PDF/X-4", "x4", "1.6")
