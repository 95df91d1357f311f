"""An editor's month, end to end: start the next issue, pour in three Word articles (one with
a photo) and a Markdown text, check, build, and find the report with its thumbnails and fit
table."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from layout.cli import main

from .wordfiles import article

REFERENCE = Path(__file__).resolve().parents[2] / "issues" / "2024-03"


def cmyk_jpeg(path: Path) -> bytes:
    """A CMYK JPEG as a phone photo converted for print would be (Ghostscript's, with the
    JFIF marker Word files carry)."""
    subprocess.run(
        [
            "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=jpegcmyk", "-r72",
            "-g1200x800", f"-sOutputFile={path}", "-c",
            "0.2 0.5 0.8 setrgbcolor 0 0 1200 800 rectfill showpage",
        ],
        check=True,
        timeout=60,
    )  # fmt: skip
    data = path.read_bytes()
    jfif = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00"
    return data[:2] + jfif + data[2:]


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript makes the test's photo")
def test_an_editors_month(tmp_path: Path, capsys) -> None:
    issues = tmp_path / "issues"
    shutil.copytree(REFERENCE, issues / "2024-03")
    new = issues / "2024-04"
    assert main(["new", str(new)]) == 0
    assert (new / "CHECKLIST.md").is_file() and (new / "images").is_dir()

    words = tmp_path / "inbox"
    words.mkdir()
    photo = cmyk_jpeg(tmp_path / "photo.jpg")
    docs = [
        article(words / "changwei.docx", photo=photo, body=8),
        article(words / "tiaoyan.docx", title=("市政协开展专题调研",), body=30),
        article(words / "xiehui.docx", title=("委员联络活动", "走进社区"), body=3),
    ]
    notes = words / "fengcai.md"
    notes.write_text(
        "## 委员风采\n\n> 记优秀政协委员\n\n本刊讯, 委员们积极履职, 服务群众。\n\n"
        "1. 深入调研。\n2. 撰写提案。\n",
        encoding="utf-8",
    )
    assert main(["import", *map(str, docs), "--into", str(new), "--section", "dongtai"]) == 0
    assert main(["import", str(notes), "--into", str(new), "--section", "guanzhu"]) == 0
    out = capsys.readouterr().out
    assert "normalised: half-width punctuation made full width" in out
    entries = yaml.safe_load((new / "issue.yaml").read_text(encoding="utf-8"))["articles"]
    ids = [e["id"] for e in entries]
    assert ids == ["changwei", "tiaoyan", "xiehui", "fengcai"]
    assert len(list((new / "images").glob("*.jpg"))) == 1

    assert main(["check", str(new)]) == 0
    output = tmp_path / "output"
    assert main(["build", str(new), "-o", str(output)]) == 0
    build_out = capsys.readouterr().out
    assert "changwei" in build_out  # the fit report on stdout

    pages = len(PdfReader(output / "issue.pdf").pages)
    html = (output / "report.html").read_text(encoding="utf-8")
    thumbs = re.findall(r'<img src="(report-assets/[0-9a-f]{32}\.png)"', html)
    assert len(thumbs) == pages and all((output / t).stat().st_size > 100 for t in thumbs)
    table = re.search(r'<table id="fit">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r"<tr class=\"\w*\"><td>([\w-]+)</td>", table) == ids
    # each article links to the thumbnail of its first page
    for article_id in ids:
        row = re.search(rf"<td>{article_id}</td><td>[^<]*</td><td><a href=\"#page-(\d+)\"", table)
        assert row and f'id="page-{row.group(1)}"' in html
    assert "总第162期" in html and "2024年第4期" in html
