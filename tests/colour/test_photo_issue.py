"""Issue 11's first test of done: an issue whose every slot has a photo as editors have them
(RGB, greyscale and CMYK JPEGs, a PNG with transparency, a photo stored on its side with an
EXIF orientation, a TIFF) builds the print PDF, not the draft, and `layout preflight` finds no
error in it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from layout.cli import main
from layout.preflight import Severity, preflight

REFERENCE = Path(__file__).resolve().parents[2] / "issues" / "2024-03"
SIZE = (1800, 1200)  # at least 150 ppi in the widest slot (the cover, bled: 216 mm)
KINDS = ("rgb.jpg", "grey.jpg", "cmyk.jpg", "alpha.png", "turned.jpg", "photo.tif")


def photo(kind: str, seed: int) -> tuple[Image.Image, dict]:
    """A photo-like picture (gradients, a different one for each seed) and its save options."""
    width, height = SIZE
    across = Image.linear_gradient("L").resize((width, height)).rotate(seed * 37 % 360)
    glow = Image.radial_gradient("L").resize((width, height))
    base = Image.merge("RGB", (across, glow, Image.eval(across, lambda v: 255 - v // 2)))
    if kind == "grey.jpg":
        return base.convert("L"), {"quality": 85}
    if kind == "cmyk.jpg":  # a separated photo: no more ink than the press allows
        c, m, y, k = base.convert("CMYK").split()
        return Image.merge("CMYK", (c, m, y, k.point(lambda v: v // 4))), {"quality": 85}
    if kind == "alpha.png":
        rgba = base.convert("RGBA")
        rgba.putalpha(glow)
        return rgba, {}
    if kind == "turned.jpg":  # stored on its side: the camera's EXIF says to turn it
        exif = Image.Exif()
        exif[0x0112] = 6
        return base.rotate(90, expand=True), {"quality": 85, "exif": exif}
    if kind == "photo.tif":
        return base, {"compression": "tiff_lzw"}
    return base, {"quality": 85}


@pytest.fixture(scope="module")
def photo_issue(tmp_path_factory) -> Path:
    """The reference issue with a photo in every slot, the kinds taken in turn."""
    folder = tmp_path_factory.mktemp("photo-issue") / "issue"
    shutil.copytree(REFERENCE, folder)
    images = folder / "images"
    images.mkdir(exist_ok=True)
    count = 0

    def new_photo(stem: str) -> str:
        nonlocal count
        kind = KINDS[count % len(KINDS)]
        name = f"{stem}-{kind}"
        picture, options = photo(kind, count)
        picture.save(images / name, **options)
        count += 1
        return name

    for article in sorted((folder / "articles").glob("*.txt")):
        text = article.read_text(encoding="utf-8")

        def real(match: re.Match) -> str:
            name = new_photo(Path(match.group(1)).stem)
            return f"@image {name}{match.group(2)}"

        article.write_text(
            re.sub(r"@image (\S+)([^\n]*?) placeholder", real, text), encoding="utf-8"
        )
    manifest = folder / "issue.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(
        r"\{placeholder: true, caption:", lambda m: f"{{file: {new_photo('slot')}, caption:", text
    )
    # the colophon's QR codes and logos: images of their own
    text = re.sub(
        r"items: \[([^\]]*)\]",
        lambda m: (
            "items: ["
            + ", ".join(
                f"{{name: {name.strip()}, image: {new_photo('media')}}}"
                for name in m.group(1).split(",")
            )
            + "]"
        ),
        text,
    )
    manifest.write_text(text, encoding="utf-8")
    assert "placeholder" not in "".join(
        p.read_text(encoding="utf-8") for p in (folder / "articles").glob("*.txt")
    )
    return folder


def test_an_issue_of_real_photos_gives_a_print_pdf_that_preflights_clean(
    photo_issue: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "out"
    assert main(["build", str(photo_issue), "-o", str(out), "--quiet", "--no-report"]) == 0
    said = capsys.readouterr()
    assert "(print PDF (PDF/X-1a, FOGRA39))" in said.out, said.out + said.err
    assert "draft" not in said.err
    # the PNG's transparency is flattened on white, and the editor is told so
    assert "transparency is flattened on white" in said.err
    result = preflight(out / "issue.pdf")
    errors = [f for f in result.findings.items if f.severity is Severity.ERROR]
    assert errors == []
    assert result.summary.placeholders == 0
    assert result.passed
