"""A real CMYK photo instead of a placeholder: scaled to whole grid rows, embedded as DCT."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from layout.images import read_image_info, rows_for
from layout.render.model import ImageBox
from layout.render.pdf import write_pdf

pytestmark = pytest.mark.skipif(shutil.which("gs") is None, reason="needs Ghostscript")


def test_photo_takes_the_rows_its_aspect_ratio_needs(
    tmp_path, reference_pdf, fonts, build_issue, reference_dir
):
    issue = tmp_path / "issue"
    shutil.copytree(reference_dir, issue)
    (issue / "images").mkdir(exist_ok=True)
    photo = issue / "images" / "p12a-1.jpg"
    subprocess.run(
        [
            "gs",
            "-q",
            "-dNOPAUSE",
            "-dBATCH",
            "-sDEVICE=jpegcmyk",
            "-r40",
            "-dFirstPage=1",
            "-dLastPage=1",
            f"-sOutputFile={photo}",
            str(reference_pdf),
        ],
        check=True,
    )
    article = issue / "articles" / "p12a.txt"
    text = article.read_text(encoding="utf-8")
    text = text.replace("@image p12a-1.jpg cols=1 lines=7 placeholder", "@image p12a-1.jpg cols=1")
    article.write_text(text, encoding="utf-8")

    result = build_issue(issue)
    boxes = [
        item
        for page in result.document.pages
        for item in page.items
        if isinstance(item, ImageBox) and item.path
    ]
    assert [Path(b.path).name for b in boxes] == ["p12a-1.jpg"]
    box = boxes[0]
    grid_pitch, body = 16.0, 9.5
    rows = rows_for(read_image_info(photo), box.width, grid_pitch, body)
    assert box.height == pytest.approx((rows - 1) * grid_pitch + body)

    out = tmp_path / "issue.pdf"
    warnings: list[str] = []
    write_pdf(result.document, fonts, out, variant="print", date="2024-04-25", warnings=warnings)
    images = [
        obj
        for page in PdfReader(out).pages
        for obj in (page["/Resources"].get("/XObject") or {}).values()
    ]
    assert any(x.get_object()["/Filter"] == "/DCTDecode" for x in images)
    assert any("ppi" in w for w in warnings)  # a 40 dpi page is far below 300 ppi
