"""Files from elsewhere can be anything: preflight reports, never hangs, never crashes."""

from __future__ import annotations

import time
from pathlib import Path

import pikepdf

from layout.preflight import Severity, preflight
from layout.preflight import scan as scan_module


def _form(pdf: pikepdf.Pdf, content: bytes, **resources) -> pikepdf.Stream:
    form = pdf.make_stream(content, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form)
    form.BBox = [0, 0, 1, 1]
    form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(**resources))
    return form


def _save(pdf: pikepdf.Pdf, content: bytes, path: Path, **xobjects) -> Path:
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 100, 100],
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(**xobjects)),
        Contents=pdf.make_stream(content),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def test_a_form_that_draws_itself_and_a_tree_of_forms_end(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    loop = _form(pdf, b"/F Do /F Do 0 0 1 rg 0 0 1 1 re f")
    loop.Resources.XObject.F = loop
    leaf = _form(pdf, b"0 0 0 1 k 0 0 1 1 re f")
    for _ in range(9):  # 10 ** 9 paths if every use were walked
        leaf = _form(pdf, b"/G Do " * 10, G=leaf)
    path = _save(pdf, b"/F Do /G Do", tmp_path / "forms.pdf", F=loop, G=leaf)
    start = time.monotonic()
    result = preflight(path)
    assert time.monotonic() - start < 5
    pages = {f.page for f in result.findings.items if f.code == "colour-space"}
    assert pages == {1}  # the RGB inside the looping form was seen


def test_a_page_too_long_to_scan_is_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(scan_module, "MAX_OPERATORS", 50)
    path = _save(pikepdf.new(), b"0 0 1 1 re f\n" * 40, tmp_path / "long.pdf")
    found = [f for f in preflight(path).findings.items if f.code == "content"]
    assert [(f.severity, f.page) for f in found] == [(Severity.WARNING, 1)]


def test_pages_without_content_and_files_without_pages(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.pages.append(
        pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 9, 9]))
    )
    pdf.save(tmp_path / "bare.pdf")
    result = preflight(tmp_path / "bare.pdf")
    assert {f.code for f in result.findings.items if f.page == 1} == {"box-missing"}
    pikepdf.new().save(tmp_path / "empty.pdf")
    result = preflight(tmp_path / "empty.pdf")
    assert "the PDF has no pages" in [f.message for f in result.findings.items]


def test_a_damaged_file_is_read_and_reported(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    path = _save(pdf, b"0 0 0 1 k 0 0 1 1 re f", tmp_path / "ok.pdf")
    data = path.read_bytes()
    cut = data.rfind(b"startxref")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data[:cut] + b"startxref\n999999\n%%EOF\n")
    result = preflight(damaged)
    assert "damaged" in result.findings.codes(Severity.WARNING)
    assert result.summary.pages == 1


def test_malformed_operands_are_reported_not_raised(tmp_path: Path) -> None:
    path = _save(pikepdf.new(), b"1 0 k /X rg 0 0 re f (a) cm 0 0 1 1 re f", tmp_path / "bad.pdf")
    result = preflight(path)
    assert result.summary.pages == 1
    assert any(f.code == "content" and f.page == 1 for f in result.findings.items)
