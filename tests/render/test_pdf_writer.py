"""The PDF writer, read back with pypdf (structure) and pypdfium2 (where glyphs landed)."""

from __future__ import annotations

import ctypes
import io
import re
import zlib

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from layout.fonts import FontRegistry, MissingGlyphError
from layout.render.model import Bookmark, Document, GlyphRun, ImageBox, Page, Rule
from layout.render.pdf import render_pdf
from layout.render.pdf.document import pdf_date
from layout.render.pdf.geometry import PageGeometry

DATE = "2024-03-01"
BODY = "哈尔滨政协——珅喆琿〇，“引号”。Latin 123"


def spaced(text: str, x0: float, step: float, jitter: float = 0.0) -> tuple:
    """Glyph origins at x0, x0 + step, ... with a small irregular offset per glyph, so that
    TJ adjustments of both signs are needed."""
    return tuple((c, x0 + i * step + (jitter * ((i * 7) % 5 - 2) / 2)) for i, c in enumerate(text))


@pytest.fixture(scope="module")
def registry() -> FontRegistry:
    return FontRegistry.load()


@pytest.fixture(scope="module")
def document() -> Document:
    first = Page(
        400,
        300,
        label="封一",
        items=[
            GlyphRun("body", 9.5, 40, spaced(BODY, 20, 9.5, jitter=0.37)),
            GlyphRun("heading", 16, 70, spaced("标题黑体", 20, 17)),
            GlyphRun("kai", 12, 100, spaced("楷体文字，文楷。", 20, 12.25), color=(0, 0.2, 0, 0.8)),
            Rule(20, 110, 200, 0, stroke=(0, 0, 0, 1), stroke_width=0.5),
            Rule(20, 120, 50, 20, fill=(0, 1, 1, 0)),
            ImageBox(100, 130, 120, 80, label="图1"),
        ],
        bookmarks=[Bookmark("第一章", 0, 40), Bookmark("文章", 1, 70)],
    )
    second = Page(400, 300, items=[GlyphRun("body", 9.5, 40, spaced("第二页", 20, 9.5))])
    return Document([first, second], title="测试")


@pytest.fixture(scope="module")
def print_pdf(document: Document, registry: FontRegistry) -> bytes:
    return render_pdf(document, registry, date=DATE)


@pytest.fixture(scope="module")
def reader(print_pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(print_pdf))


def test_same_input_gives_the_same_bytes(document, registry, print_pdf) -> None:
    assert render_pdf(document, registry, date=DATE) == print_pdf


def without_placeholders(document: Document) -> Document:
    pages = [
        Page(p.width, p.height, p.label, [i for i in p.items if not isinstance(i, ImageBox)])
        for p in document.pages
    ]
    return Document(pages, title=document.title)


def test_header_is_pdf_13_with_pdfx_identification(document, registry) -> None:
    print_pdf = render_pdf(without_placeholders(document), registry, date=DATE)
    reader = pypdf.PdfReader(io.BytesIO(print_pdf))
    assert print_pdf.startswith(b"%PDF-1.3\n")
    info = reader.metadata
    # ISO 15930-1: the version key names PDF/X-1, the conformance key the level 1a
    assert info["/GTS_PDFXVersion"] == "PDF/X-1:2001"
    assert info["/GTS_PDFXConformance"] == "PDF/X-1a:2001"
    assert info["/Trapped"] == "/False"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20240301000000Z"
    assert info["/Title"] == "测试"
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputConditionIdentifier"] == "FOGRA39"
    assert intent["/RegistryName"] == "http://www.color.org"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 4 and profile.get_data()[36:40] == b"acsp"
    ids = [value.original_bytes for value in reader.trailer["/ID"]]
    assert ids[0] == ids[1] and len(ids[0]) == 16


def test_a_document_with_a_placeholder_is_written_as_a_draft(print_pdf: bytes, reader) -> None:
    """A PDF that claims PDF/X never holds a placeholder (issue 11)."""
    info = reader.metadata
    assert "/GTS_PDFXVersion" not in info and "/GTS_PDFXConformance" not in info
    assert "/OutputIntents" not in reader.trailer["/Root"]
    assert "样稿" in page_text(print_pdf, 0) and "缺图 1 幅" in page_text(print_pdf, 1)


def test_fonts_are_embedded_subset_cid_fonts(reader) -> None:
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert len(fonts) == 4  # body, heading (=bold), kai, sans (placeholder label)
    for name, font in fonts.items():
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", name)
        assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H"
        assert "/ToUnicode" in font
        cid = font["/DescendantFonts"][0].get_object()
        descriptor = cid["/FontDescriptor"].get_object()
        if "LXGW" in name:
            assert cid["/Subtype"] == "/CIDFontType2" and "/FontFile2" in descriptor
            assert "/CIDToGIDMap" in cid
        else:
            assert cid["/Subtype"] == "/CIDFontType0"
            assert descriptor["/FontFile3"].get_object()["/Subtype"] == "/CIDFontType0C"


def test_text_extracts_back_through_tounicode(print_pdf: bytes) -> None:
    text = page_text(print_pdf, 0)
    assert BODY.replace(" ", "") in text.replace(" ", "")
    assert "标题黑体" in text and "楷体文字，文楷。" in text and "图1" in text


def test_glyphs_land_where_asked(document: Document, print_pdf: bytes) -> None:
    pdf = pdfium.PdfDocument(print_pdf)
    page = pdf[0]
    textpage = page.get_textpage()
    geometry = PageGeometry.of(400, 300, document.bleed, crop_marks=True)
    origins = []
    for k in range(textpage.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, k, ctypes.byref(x), ctypes.byref(y))
        origins.append((textpage.get_text_range(k, 1), x.value, y.value))
    expected = [
        (c, geometry.x(x), geometry.y(run.baseline))
        for run in document.pages[0].items
        if isinstance(run, GlyphRun)
        for chars, x in run.glyphs
        for c in chars[:1]
        if c.strip()
    ]
    drawn = [o for o in origins if o[0].strip()]
    # the placeholder's label, then the draft's slug (outside the trim)
    assert "".join(o[0] for o in drawn[len(expected) :]).startswith("图1样稿")
    drawn = drawn[: len(expected)]
    for (char, x, y), (got_char, got_x, got_y) in zip(expected, drawn, strict=True):
        assert got_char == char
        assert got_x == pytest.approx(x, abs=0.05), char
        assert got_y == pytest.approx(y, abs=0.05), char
    pdf.close()


def test_page_boxes_nest_and_marks_get_room(document, registry, reader) -> None:
    page = reader.pages[0]
    media, bleed, trim = page.mediabox, page.bleedbox, page.trimbox
    assert float(trim.width) == pytest.approx(400) and float(trim.height) == pytest.approx(300)
    assert float(bleed.left) == pytest.approx(float(trim.left) - document.bleed, abs=1e-3)
    assert float(media.left) < float(bleed.left)  # crop marks sit outside the BleedBox
    proof = pypdf.PdfReader(io.BytesIO(render_pdf(document, registry, variant="proof", date=DATE)))
    proof_page = proof.pages[0]
    assert [float(v) for v in proof_page.mediabox] == [float(v) for v in proof_page.bleedbox]
    assert "/OutputIntents" not in proof.trailer["/Root"]


def test_colour_is_cmyk_only(reader) -> None:
    for page in reader.pages:
        content = page.get_contents().get_data()
        assert not re.search(rb"(?<![A-Za-z])(rg|RG|g|G|sc|SC|scn|SCN|cs|CS)(?![A-Za-z])", content)
    first = reader.pages[0].get_contents().get_data()
    assert b"0 0 0 1 k" in first  # body text: pure K
    assert b"1 1 1 1 K" in first  # registration colour for the crop marks
    assert b"0 0.2 0 0.8 k" in first


def test_clusters_map_back_to_each_character(reader) -> None:
    font = next(
        f.get_object()
        for f in reader.pages[0]["/Resources"]["/Font"].values()
        if "NotoSerif" in str(f.get_object()["/BaseFont"])
    )
    cmap = font["/ToUnicode"].get_object().get_data()
    assert b"<2014>" in cmap  # the em dash of —— is one glyph drawn twice


def test_outline_and_page_labels(reader) -> None:
    root = reader.trailer["/Root"]
    assert [reader.page_labels[0], reader.page_labels[1]] == ["封一", "2"]
    outline = reader.outline
    assert outline[0].title == "第一章"
    assert outline[1][0].title == "文章"
    assert root["/PageMode"] == "/UseOutlines"


def test_content_streams_are_compressed(reader) -> None:
    contents = reader.pages[0]["/Contents"].get_object()
    assert contents["/Filter"] == "/FlateDecode"
    zlib.decompress(contents._data)


def test_a_glyph_missing_from_the_font_is_an_error(registry: FontRegistry) -> None:
    page = Page(100, 100, items=[GlyphRun("body", 10, 20, (("\U0001f600", 0.0),))])
    with pytest.raises(MissingGlyphError, match="U\\+1F600"):
        render_pdf(Document([page]), registry, date=DATE)


def test_dates_are_iso_in_pdf_form_out() -> None:
    assert pdf_date("2024-03-01") == b"(D:20240301000000Z)"
    assert pdf_date("2024-03-01T08:30:00+08:00") == b"(D:20240301083000+08'00')"


def page_text(data: bytes, index: int) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        return pdf[index].get_textpage().get_text_range()
    finally:
        pdf.close()
