"""Deliberately broken PDFs: a clean PDF/X-1a:2001 file from our writer, broken one way each
with pikepdf; preflight must find exactly that problem (and no other error or warning)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from layout.fonts import FontRegistry
from layout.preflight import Options, Severity, preflight

from . import pdfs

needs_gs = pytest.mark.skipif(shutil.which("gs") is None, reason="needs Ghostscript")
PROBLEMS = (Severity.ERROR, Severity.WARNING)


@pytest.fixture(scope="module")
def clean(fonts: FontRegistry) -> bytes:
    return pdfs.clean_pdf(pdfs.render(pdfs.base_document(), fonts))


def problems(path: Path, **options) -> dict[str, set[int | None]]:
    """code -> pages, for the errors and warnings."""
    found: dict[str, set[int | None]] = {}
    for finding in preflight(path, Options(**options)).findings.items:
        if finding.severity in PROBLEMS:
            found.setdefault(finding.code, set()).add(finding.page)
    return found


def test_the_clean_pdf_passes(clean: bytes, tmp_path: Path) -> None:
    path = tmp_path / "clean.pdf"
    path.write_bytes(clean)
    result = preflight(path)
    assert problems(path) == {}
    assert result.passed
    assert result.summary.declared == "PDF/X-1a:2001"
    assert result.summary.pages == 4
    # the red rule's 215 %; the crop marks' registration colour (400 %) lies outside the bleed
    assert result.summary.ink.operators == pytest.approx(215)
    assert result.summary.fonts >= 1


# (break, the one problem it must give, on these pages: None = the whole file)
BREAKS = [
    (pdfs.rgb_text, "colour-space", {1}),
    (pdfs.unembedded_font, "font-not-embedded", {2}),
    (pdfs.type3_font_over_unembedded_font, "font-not-embedded", {2}),
    (pdfs.no_trim_box, "box-missing", {2}),
    (pdfs.trim_outside_bleed, "box-nesting", {3}),
    (pdfs.wrong_version_key, "pdfx-version", {None}),
    (pdfs.no_conformance_key, "pdfx-conformance", {None}),
    (pdfs.claims_nothing, "pdfx-version", {None}),
    (pdfs.no_output_intent, "output-intent", {None}),
    (pdfs.unregistered_intent, "output-profile", {None}),
    (pdfs.no_trapped_key, "trapped", {None}),
    (pdfs.no_title, "info-keys", {None}),
    (pdfs.transparency, "transparency", {1}),
    (pdfs.blend_mode, "transparency", {1}),
    (pdfs.low_resolution_image, "image-resolution", {1}),
    (pdfs.annotation_in_trim, "annotation-in-trim", {4}),
    (pdfs.odd_page_count, "page-count", {None}),
    (pdfs.ink_over_limit, "ink-limit", {3}),
    (pdfs.lab_colour, "colour-space", {1}),
    (pdfs.rgb_in_form, "colour-space", {3}),
    (pdfs.rgb_inline_image, "colour-space", {4}),
]


@pytest.mark.parametrize(
    ("how", "code", "pages"), BREAKS, ids=[how.__name__ for how, _, _ in BREAKS]
)
def test_each_break_gives_exactly_its_finding(
    clean: bytes, tmp_path: Path, how, code: str, pages: set
) -> None:
    path = pdfs.break_pdf(clean, how, tmp_path / f"{how.__name__}.pdf")
    assert problems(path) == {code: pages}


def test_the_font_named_is_the_unembedded_one(clean: bytes, tmp_path: Path) -> None:
    how = pdfs.type3_font_over_unembedded_font
    path = pdfs.break_pdf(clean, how, tmp_path / "type3.pdf")
    messages = {f.message for f in preflight(path).findings.items if f.code == "font-not-embedded"}
    assert messages == {"font Helvetica is not embedded"}


def test_placeholder_in_a_pdfx_file(fonts: FontRegistry, clean: bytes, tmp_path: Path) -> None:
    """Our writer tags placeholders; a file that claims PDF/X must hold none. The placeholder
    page is drawn by the writer (proof variant, so whatever the print variant does with
    placeholders today) and put into the clean PDF/X file as its page 2."""
    proof = pdfs.render(pdfs.base_document(extra=(pdfs.PLACEHOLDER,)), fonts, variant="proof")
    with pikepdf.open(pdfs.io.BytesIO(proof)) as donor:
        pdf = pikepdf.open(pdfs.io.BytesIO(clean))
        pdf.pages[1] = donor.pages[0]
        path = tmp_path / "placeholder.pdf"
        path.write_bytes(pdfs.save(pdf))
    assert problems(path) == {"placeholder": {2}}
    detail = [f for f in preflight(path).findings.items if f.code == "placeholder"][0].detail
    assert detail == "1 box"


def test_placeholder_without_a_pdfx_claim_is_a_warning(fonts: FontRegistry, tmp_path: Path) -> None:
    proof = pdfs.render(pdfs.base_document(extra=(pdfs.PLACEHOLDER,)), fonts, variant="proof")
    path = tmp_path / "draft.pdf"
    path.write_bytes(proof)
    found = preflight(path).findings
    warnings = {f.code: f.page for f in found.items if f.severity is Severity.WARNING}
    assert warnings == {"placeholder": 1}


@needs_gs
def test_overprinted_inks_are_measured_in_a_render(clean: bytes, tmp_path: Path) -> None:
    path = pdfs.break_pdf(clean, pdfs.overprint_stack, tmp_path / "overprint.pdf")
    result = preflight(path)
    assert problems(path) == {"ink-limit": {2}}
    (finding,) = [f for f in result.findings.items if f.code == "ink-limit"]
    assert "render" in finding.detail and finding.detail.startswith("400 %")
    assert result.summary.ink.operators == pytest.approx(215)  # no single colour is over


@needs_gs
def test_a_heavy_image_is_measured_in_a_render(clean: bytes, tmp_path: Path) -> None:
    path = pdfs.break_pdf(clean, pdfs.heavy_image, tmp_path / "heavy.pdf")
    assert problems(path) == {"ink-limit": {1}}
    assert problems(path, ink_limit=370) == {}


def test_a_sharp_image_passes(clean: bytes, tmp_path: Path) -> None:
    path = pdfs.break_pdf(clean, pdfs.sharp_image, tmp_path / "sharp.pdf")
    result = preflight(path)
    assert problems(path) == {}
    assert result.summary.images == 1


def test_ink_limit_option(clean: bytes, tmp_path: Path) -> None:
    path = tmp_path / "clean.pdf"
    path.write_bytes(clean)
    assert problems(path, ink_limit=200) == {"ink-limit": {1, 2, 3, 4}}


def test_spot_colour_is_listed_not_refused(clean: bytes, tmp_path: Path) -> None:
    path = pdfs.break_pdf(clean, pdfs.spot_colour, tmp_path / "spot.pdf")
    result = preflight(path)
    assert problems(path) == {}
    assert result.summary.spots == ["PANTONE 185 C"]
    assert {f.code for f in result.findings.items if f.page == 1} == {"spot-colour"}


def test_annotation_outside_the_trim_is_allowed(clean: bytes, tmp_path: Path) -> None:
    path = pdfs.break_pdf(clean, pdfs.annotation_outside_trim, tmp_path / "note.pdf")
    assert problems(path) == {}


def test_pdfx4_allows_transparency(clean: bytes, tmp_path: Path) -> None:
    path = pdfs.break_pdf(clean, pdfs.claims_x4_with_transparency, tmp_path / "x4.pdf")
    result = preflight(path)
    assert result.summary.standard == "x4"
    assert problems(path) == {}
    assert "transparency" in result.findings.codes(Severity.INFO)
    # checked as PDF/X-1a on request, the same file fails
    assert problems(path, standard="x1a") == {"transparency": {1}}


def test_pdf_version_newer_than_the_standard_allows(clean: bytes, tmp_path: Path) -> None:
    path = pdfs.break_pdf(clean, lambda pdf: None, tmp_path / "v15.pdf", min_version="1.5")
    assert problems(path) == {"pdf-version": {None}}


def test_encryption_is_refused(clean: bytes, tmp_path: Path) -> None:
    """Opens without a password (only an owner password), but PDF/X forbids any encryption."""
    encryption = pikepdf.Encryption(owner="shop", user="", R=2, aes=False, metadata=False)
    path = pdfs.break_pdf(clean, lambda pdf: None, tmp_path / "locked.pdf", encryption=encryption)
    assert problems(path) == {"encrypted": {None}}


def test_single_page_advertisement(clean: bytes, tmp_path: Path) -> None:
    def one_page(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[1:]

    path = pdfs.break_pdf(clean, one_page, tmp_path / "ad.pdf")
    assert problems(path) == {"page-count": {None}}
    assert problems(path, page_multiple=1) == {}


@needs_gs
@pytest.mark.parametrize("rotate", [0, 90, 270])
def test_the_render_names_where_the_ink_is(clean: bytes, tmp_path: Path, rotate: int) -> None:
    """The image sits 50 pt from the trim's left and 50 pt above its bottom, 40 pt square, on
    a 300 pt high trim: its top-left is 17.6 mm right and 74.1 mm down of the trim corner,
    however the page is turned for display; the crop marks (400 %) are not counted."""

    def turned(pdf: pikepdf.Pdf) -> None:
        pdfs.heavy_image(pdf)
        pdf.pages[0].obj.Rotate = rotate

    path = pdfs.break_pdf(clean, turned, tmp_path / f"turned{rotate}.pdf")
    (finding,) = [f for f in preflight(path).findings.items if f.code == "ink-limit"]
    assert finding.detail.startswith("361 % in a 72 dpi render")
    assert finding.detail.endswith("from 18 mm right and 74 mm down of the trim corner")
