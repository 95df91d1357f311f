"""PDFs for the preflight tests: a clean PDF/X-1a:2001 file our writer makes (four pages of text,
a red rule, crop marks in registration colour), and the ways to break it, each with pikepdf.

`clean_pdf` sets the PDF/X-1a:2001 keys as ISO 15930-1 wants them whatever the writer of the
day writes, so that each break tests exactly one thing.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf

from layout.fonts import FontRegistry
from layout.render.model import Document, GlyphRun, ImageBox, Page, Rule
from layout.render.pdf import render_pdf

DATE = "2024-03-01"
WIDTH, HEIGHT = 400.0, 300.0
TEXT = "政协委员建言献策，共谋发展。"


def _page(number: int, *extra) -> Page:
    glyphs = tuple((char, 30 + i * 10.0) for i, char in enumerate(f"第{number}页{TEXT}"))
    return Page(
        WIDTH,
        HEIGHT,
        items=[
            GlyphRun("body", 10.0, 60.0, glyphs),
            Rule(30, 80, 200, 4, fill=(0.0, 1.0, 1.0, 0.15)),  # red, 215 %
            *extra,
        ],
    )


def base_document(extra: tuple = ()) -> Document:
    return Document([_page(n, *(extra if n == 1 else ())) for n in range(1, 5)], title="测试")


def render(document: Document, fonts: FontRegistry, variant: str = "print") -> bytes:
    return render_pdf(document, fonts, variant=variant, date=DATE)


def clean_pdf(data: bytes) -> bytes:
    """`data` as an honest PDF/X-1a:2001: the version keys right, Trapped, an output intent."""
    pdf = pikepdf.open(io.BytesIO(data))
    info = pdf.docinfo
    info["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-1:2001")
    info["/GTS_PDFXConformance"] = pikepdf.String("PDF/X-1a:2001")
    info["/Trapped"] = pikepdf.Name("/False")
    if "/OutputIntents" not in pdf.Root:
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.OutputIntent,
                        S=pikepdf.Name.GTS_PDFX,
                        OutputConditionIdentifier=pikepdf.String("FOGRA39"),
                        RegistryName=pikepdf.String("http://www.color.org"),
                    )
                )
            ]
        )
    return save(pdf)


def save(pdf: pikepdf.Pdf, **kwargs) -> bytes:
    out = io.BytesIO()
    kwargs.setdefault("deterministic_id", "encryption" not in kwargs)  # QPDF cannot do both
    pdf.save(out, **kwargs)
    return out.getvalue()


# --- breaks: each takes the open clean PDF and changes one thing -----------------------------


def _append(pdf: pikepdf.Pdf, page: pikepdf.Page, content: bytes) -> None:
    page.contents_add(pdf.make_stream(content), prepend=False)


def _trim(page: pikepdf.Page) -> list[float]:
    return [float(v) for v in page.obj.TrimBox]


def _inside_trim(page: pikepdf.Page, size: float = 40.0) -> bytes:
    x0, y0, _, _ = _trim(page)
    return f"{x0 + 50:g} {y0 + 50:g} {size:g} {size:g} re".encode()


def _font_name(page: pikepdf.Page) -> str:
    return str(next(iter(page.obj.Resources.Font.keys())))


def rgb_text(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    x0, y0, _, _ = _trim(page)
    _append(
        pdf,
        page,
        f"q 1 0 0 rg BT {_font_name(page)} 12 Tf 1 0 0 1 {x0 + 40:g} {y0 + 40:g} Tm "
        "<0001> Tj ET Q".encode(),
    )


def unembedded_font(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[1]
    helvetica = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    page.obj.Resources.Font.FH = helvetica
    x0, y0, _, _ = _trim(page)
    _append(pdf, page, f"BT /FH 12 Tf 1 0 0 1 {x0 + 40:g} {y0 + 40:g} Tm (Ad) Tj ET".encode())


def type3_font_over_unembedded_font(pdf: pikepdf.Pdf) -> None:
    """A Type3 font is drawn by the file, but its glyph shows text in Helvetica."""
    page = pdf.pages[1]
    helvetica = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    glyph = pdf.make_stream(b"1000 0 d0 BT /H 800 Tf (A) Tj ET")
    type3 = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type3,
        FontBBox=[0, 0, 1000, 1000],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0],
        CharProcs=pikepdf.Dictionary(a=glyph),
        Encoding=pikepdf.Dictionary(Differences=[65, pikepdf.Name.a]),
        FirstChar=65,
        LastChar=65,
        Widths=[1000],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(H=pdf.make_indirect(helvetica))),
    )
    page.obj.Resources.Font.T3 = pdf.make_indirect(type3)
    x0, y0, _, _ = _trim(page)
    _append(pdf, page, f"BT /T3 12 Tf 1 0 0 1 {x0 + 40:g} {y0 + 40:g} Tm (A) Tj ET".encode())


def no_trim_box(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[1].obj["/TrimBox"]


def trim_outside_bleed(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[2]
    x0, y0, x1, y1 = _trim(page)
    page.obj.TrimBox = pikepdf.Array([x0 + 20, y0, x1 + 20, y1])


def wrong_version_key(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-1a:2001")


def no_conformance_key(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/GTS_PDFXConformance"]


def no_output_intent(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/OutputIntents"]


def no_title(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/Title"]


def no_trapped_key(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/Trapped"]


def unregistered_intent(pdf: pikepdf.Pdf) -> None:
    """A condition of the shop's own, and no profile to say what it is."""
    intent = pdf.Root.OutputIntents[0]
    intent.OutputConditionIdentifier = pikepdf.String("Our Press 2024")
    if "/DestOutputProfile" in intent:
        del intent["/DestOutputProfile"]


def transparency(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    half = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5, CA=0.5)
    page.obj.Resources.ExtGState.Half = pdf.make_indirect(half)
    _append(pdf, page, b"q /Half gs 0 0 0 0.5 k " + _inside_trim(page) + b" f Q")


def blend_mode(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    multiply = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, BM=pikepdf.Name.Multiply)
    page.obj.Resources.ExtGState.Mul = pdf.make_indirect(multiply)
    _append(pdf, page, b"q /Mul gs 0 0 0 0.5 k " + _inside_trim(page) + b" f Q")


def _cmyk_image(pdf: pikepdf.Pdf, size: int, value: bytes = b"\x00\x00\x00\x80") -> pikepdf.Stream:
    image = pdf.make_stream(zlib.compress(value * size * size))
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width = image.Height = size
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceCMYK, 8
    image.Filter = pikepdf.Name.FlateDecode
    return image


def _place(pdf: pikepdf.Pdf, page: pikepdf.Page, image: pikepdf.Stream, size: float) -> None:
    if "/XObject" not in page.obj.Resources:
        page.obj.Resources.XObject = pikepdf.Dictionary()
    page.obj.Resources.XObject.Pic = image
    x0, y0, _, _ = _trim(page)
    _append(pdf, page, f"q {size:g} 0 0 {size:g} {x0 + 50:g} {y0 + 50:g} cm /Pic Do Q".encode())


def low_resolution_image(pdf: pikepdf.Pdf) -> None:
    _place(pdf, pdf.pages[0], _cmyk_image(pdf, 16), 200.0)  # 16 px over 200 pt: 5.8 ppi


def sharp_image(pdf: pikepdf.Pdf) -> None:
    _place(pdf, pdf.pages[0], _cmyk_image(pdf, 64), 14.4)  # 64 px over 0.2 in: 320 ppi


def heavy_image(pdf: pikepdf.Pdf) -> None:
    """A sharp image of 90/90/90/90: only a render can tell its 360 %."""
    _place(pdf, pdf.pages[0], _cmyk_image(pdf, 200, b"\xe6\xe6\xe6\xe6"), 40.0)


def annotation_in_trim(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[3]
    x0, y0, _, _ = _trim(page)
    note = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Text,
        Rect=[x0 + 40, y0 + 40, x0 + 60, y0 + 60],
        Contents=pikepdf.String("fix this"),
    )
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([pdf.make_indirect(note)]))


def annotation_outside_trim(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[3]
    x0, y0, _, _ = _trim(page)
    mark = pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, Rect=[x0 - 20, y0 - 20, x0 - 4, y0 - 4]
    )
    page.obj.Annots = pikepdf.Array([pdf.make_indirect(mark)])


def odd_page_count(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[3]


def ink_over_limit(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[2]
    _append(pdf, page, b"q 1 1 1 0.5 k " + _inside_trim(page) + b" f Q")


def overprint_stack(pdf: pikepdf.Pdf) -> None:
    """Blue, then yellow and black overprinted on it: no single colour is over 300 %, the
    stack is 400 % (the render tells it)."""
    page = pdf.pages[1]
    op = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, OP=True, op=True, OPM=1)
    page.obj.Resources.ExtGState.Over = pdf.make_indirect(op)
    square = _inside_trim(page, 60)
    _append(pdf, page, b"q 1 1 0 0 k " + square + b" f /Over gs 0 0 1 1 k " + square + b" f Q")


def lab_colour(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    lab = pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.9505, 1.0, 1.089])])
    page.obj.Resources.ColorSpace = pikepdf.Dictionary(CS0=lab)
    _append(pdf, page, b"q /CS0 cs 50 60 20 sc " + _inside_trim(page) + b" f Q")


def spot_colour(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[0]
    tint = pdf.make_stream(
        b"{0 exch dup 0.9 mul 0}",  # t -> 0, t, 0.9 t, 0
        FunctionType=4,
        Domain=[0, 1],
        Range=[0, 1, 0, 1, 0, 1, 0, 1],
    )
    spot = pikepdf.Array(
        [pikepdf.Name.Separation, pikepdf.Name("/PANTONE 185 C"), pikepdf.Name.DeviceCMYK, tint]
    )
    page.obj.Resources.ColorSpace = pikepdf.Dictionary(CS1=spot)
    _append(pdf, page, b"q /CS1 cs 1 sc " + _inside_trim(page) + b" f Q")


def rgb_in_form(pdf: pikepdf.Pdf) -> None:
    """RGB inside a form XObject inside the page: the scan follows Do into forms."""
    page = pdf.pages[2]
    form = pdf.make_stream(b"0 0.5 1 rg 0 0 10 10 re f", Type=pikepdf.Name.XObject)
    form.Subtype, form.BBox = pikepdf.Name.Form, [0, 0, 10, 10]
    page.obj.Resources.XObject = pikepdf.Dictionary(Fm0=form)
    x0, y0, _, _ = _trim(page)
    _append(pdf, page, f"q 1 0 0 1 {x0 + 50:g} {y0 + 50:g} cm /Fm0 Do Q".encode())


def rgb_inline_image(pdf: pikepdf.Pdf) -> None:
    page = pdf.pages[3]
    x0, y0, _, _ = _trim(page)
    pixels = bytes([255, 0, 0]) * 4
    _append(
        pdf,
        page,
        f"q 0.4 0 0 0.4 {x0 + 50:g} {y0 + 50:g} cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID ".encode()
        + pixels
        + b" EI Q",
    )


def claims_x4(pdf: pikepdf.Pdf) -> None:
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-4")
    del pdf.docinfo["/GTS_PDFXConformance"]


def claims_x4_with_transparency(pdf: pikepdf.Pdf) -> None:
    claims_x4(pdf)
    transparency(pdf)


def claims_nothing(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo["/GTS_PDFXVersion"]
    del pdf.docinfo["/GTS_PDFXConformance"]


def break_pdf(clean: bytes, how: Callable[[pikepdf.Pdf], None], path: Path, **save_kw) -> Path:
    pdf = pikepdf.open(io.BytesIO(clean))
    how(pdf)
    path.write_bytes(save(pdf, **save_kw))
    return path


PLACEHOLDER = ImageBox(250, 120, 100, 80, label="图1")
