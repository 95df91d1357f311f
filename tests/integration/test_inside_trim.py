"""Nothing but marks and slug outside the trim: every word of the reference issue's text layer
lies inside every page's TrimBox (issue #8: the cover photo's placeholder label started 1.6 mm
outside), except the draft's slug, which lies below the BleedBox (issue 11)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def trim_box(pdf, box: str = "TrimBox") -> tuple[float, float, float, float]:
    info = subprocess.run(
        ["pdfinfo", "-box", str(pdf)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    x0, y0, x1, y1 = map(float, re.search(rf"{box}:\s+(.+)", info).group(1).split())
    media = re.search(r"MediaBox:\s+(.+)", info).group(1).split()
    height = float(media[3])
    return x0, height - y1, x1, height - y0  # pdftotext measures y from the top


def test_every_word_is_inside_the_trim(reference_pdf):
    left, top, right, bottom = trim_box(reference_pdf)
    layer = subprocess.run(
        ["pdftotext", "-bbox", str(reference_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    words = WORD.findall(layer)
    assert len(words) > 1000
    bleed_bottom = trim_box(reference_pdf, "BleedBox")[3]
    slug = [w for w in words if float(w[1]) > bleed_bottom]  # the draft's note, below the bleed
    assert slug and slug[0][4].startswith("样稿")
    outside = [
        w[4]
        for w in words
        if w not in slug
        and (
            float(w[0]) < left - 0.01
            or float(w[1]) < top - 0.01
            or float(w[2]) > right + 0.01
            or float(w[3]) > bottom + 0.01
        )
    ]
    assert not outside, outside[:5]
