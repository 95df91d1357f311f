"""Supplied pages drawn as Form XObjects (layout/render/pdf/forms.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from layout.fonts.registry import FontRegistry
from layout.render.model import Document, GlyphRun, Page, Rule, SuppliedBox
from layout.render.pdf import render_pdf

W, H = 300.0, 400.0


def two_page_ad(path: Path, fonts: FontRegistry) -> None:
    pages = [
        Page(
            W,
            H,
            items=[GlyphRun("body", 20.0, 100.0, ((text, 30.0),))],
            bleed_fill=[Rule(-8.5, -8.5, W + 17, H + 17, fill=(0.0, 0.3, 0.9, 0.0))],
        )
        for text in ("甲", "乙")
    ]
    path.write_bytes(render_pdf(Document(pages), fonts, variant="print", date="2024-01-01"))


def issue_with(path: Path) -> Document:
    return Document(
        [Page(W, H, label=f"0{n}", items=[SuppliedBox(0, 0, W, H, str(path), n)]) for n in (1, 2)]
    )


def test_two_pages_of_one_file_share_its_font_and_stay_deterministic(tmp_path, fonts) -> None:
    ad = tmp_path / "ad.pdf"
    two_page_ad(ad, fonts)
    doc = issue_with(ad)
    data = render_pdf(doc, fonts, variant="print", date="2024-01-01")
    assert data == render_pdf(doc, fonts, variant="print", date="2024-01-01")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        forms = []
        for page in pdf.pages:
            xobjects = page.obj.Resources.XObject
            assert len(xobjects) == 1
            forms.append(next(iter(xobjects.values())))
        assert all(form.Subtype == pikepdf.Name.Form for form in forms)
        assert forms[0].objgen != forms[1].objgen  # one form a page of the file
        fonts_used = [next(iter(form.Resources.Font.values())).objgen for form in forms]
        assert fonts_used[0] == fonts_used[1]  # the file's font copied once
        assert "/Parent" not in forms[0].Resources  # nothing of the source's page tree


def test_the_proof_variant_draws_supplied_pages_too(tmp_path, fonts) -> None:
    ad = tmp_path / "ad.pdf"
    two_page_ad(ad, fonts)
    data = render_pdf(issue_with(ad), fonts, variant="proof", date="2024-01-01")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert all("/XObject" in page.obj.Resources for page in pdf.pages)
