"""Rendered-page references (tier 3): a few pages of the reference issue at 24 dpi in grey.

A layout change that moves text, rules or boxes shows up as pixels; run with UPDATE_VISUAL=1 to
accept a deliberate change (then look at the pages: `pdftoppm -r 80 -f N -l N -png`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REF = Path(__file__).parent / "ref"
DPI = 24
# name -> page label in the reference issue
PAGES = {
    "cover": "封一",
    "contents": "02",
    "news-pair": "12",
    "ends-mid-page": "08",
    "proposal-box": "34",
    "colophon": "封三",
    # the article forms
    "reprint": "01",
    "speech": "06",
    "workplan": "38",
    "roundup": "40",
    "essay": "46",
    "health": "48",
    "gallery": "封四",
}

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")


def read_pgm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary PGM (P5) as pdftoppm writes it."""
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P5", "not a binary PGM"
    width, height = int(parts[1]), int(parts[2])
    return width, height, parts[4][: width * height]


def render(pdf: Path, page_index: int) -> bytes:
    out = subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-gray",
            "-f",
            str(page_index),
            "-l",
            str(page_index),
            str(pdf),
        ],
        check=True,
        capture_output=True,
    )
    return out.stdout


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_reference(name, reference, reference_pdf):
    labels = [page.label for page in reference.document.pages]
    index = labels.index(PAGES[name]) + 1
    actual = render(reference_pdf, index)
    ref = REF / f"{name}.pgm"
    if os.environ.get("UPDATE_VISUAL") or not ref.exists():
        ref.write_bytes(actual)
        if not os.environ.get("UPDATE_VISUAL"):
            pytest.fail(f"wrote a new reference {ref}; look at it and commit it")
    w1, h1, a = read_pgm(actual)
    w2, h2, b = read_pgm(ref.read_bytes())
    assert (w1, h1) == (w2, h2)
    differing = sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 48)
    assert differing / len(a) < 0.002, f"{name}: {differing} pixels differ from {ref.name}"
