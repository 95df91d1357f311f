"""`layout typeset-text`: a text file through the composer, real metrics and the PDF writer."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from layout.cli import main

PARAGRAPH = "哈尔滨市政协召开常委会议，学习贯彻全国两会精神，部署今年工作。" * 3


def typeset(tmp_path: Path, text: bytes, *extra: str) -> tuple[int, Path]:
    source = tmp_path / "in.txt"
    source.write_bytes(text)
    out = tmp_path / "out.pdf"
    status = main(["typeset-text", str(source), "--chars", "20", "-o", str(out), *extra])
    return status, out


def test_sets_paragraphs_on_pages(tmp_path: Path) -> None:
    text = (PARAGRAPH + "\n\n") * 8
    status, out = typeset(tmp_path, text.encode("utf-8"), "--lines", "10")
    assert status == 0
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) == 4  # 8 paragraphs of 5 lines on pages of 10 lines
    trim = reader.pages[0].trimbox
    assert float(trim.width) == pytest.approx(20 * 9.5 + 2 * 20 * 72 / 25.4)
    assert "学习贯彻全国两会精神" in reader.pages[0].extract_text().replace("\n", "")


def test_missing_file(tmp_path: Path, capsys) -> None:
    status = main(["typeset-text", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.pdf")])
    assert status == 2
    assert "nope.txt: no such file" in capsys.readouterr().err


def test_invalid_utf8_names_the_line(tmp_path: Path, capsys) -> None:
    status, out = typeset(tmp_path, "第一段。\n第二段".encode() + b"\xff\n")
    assert status == 2
    assert "in.txt:2:4: not valid UTF-8 (byte 0xFF)" in capsys.readouterr().err  # characters
    assert not out.exists()


def test_missing_glyph_names_line_and_column(tmp_path: Path, capsys) -> None:
    # SignWriting: in no font of the body's fallback chain (an emoji is printed from one)
    status, _ = typeset(tmp_path, "第一段。\n\n  第二段\U0001d800。\n".encode())
    assert status == 2
    err = capsys.readouterr().err
    assert "in.txt:3:6: character" in err and "U+1D800" in err and "'body'" in err
    assert "is in none of the fonts" in err
