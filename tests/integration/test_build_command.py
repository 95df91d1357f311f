"""`layout build`: section rules, pinned pages and errors that leave nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

from layout.cli import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "issue-valid"


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    return folder


def test_pinned_article_starts_on_its_page(build_issue):
    result = build_issue(FIXTURE)
    assert result.folios["p04-nongji"] == 4
    assert any("pinned to page 04" in w for w in result.warnings)  # pages before it stay free


def test_sidebar_too_tall_for_a_column_names_file_and_line(tmp_path, capsys):
    folder = copy_fixture(tmp_path)
    article = folder / "articles" / "p04-nongji.txt"
    text = article.read_text(encoding="utf-8")
    long_box = "@box 【现状分析】\n" + "这是一段很长的方框文字。" * 400 + "\n@end\n"
    start = text.index("@box")
    end = text.index("@end", start) + len("@end\n")
    article.write_text(text[:start] + long_box + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    out = tmp_path / "out"
    status = main(["build", str(folder), "-o", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert f"{article}:{line}:1: the box is " in err
    assert "lines tall but a column holds 43" in err
    assert not (out / "issue.pdf").exists()  # no PDF; the report says why
    report = (out / "report.html").read_text(encoding="utf-8")
    assert (
        "The build failed with 1 error" in report and "lines tall but a column holds 43" in report
    )


def test_a_one_pixel_photo_is_refused_for_print_and_nothing_written(tmp_path, capsys):
    folder = copy_fixture(tmp_path)  # its PNG is 1 x 1 pixels: far below 150 ppi in any slot
    out = tmp_path / "out"
    out.mkdir()
    (out / "issue.pdf").write_bytes(b"%PDF-1.3 previous good build")
    status = main(["build", str(folder), "-o", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert "visit.png" in err and "it would print blurred" in err
    assert (out / "issue.pdf").read_bytes() == b"%PDF-1.3 previous good build"
    # beside the untouched PDF only the report of the failure (no temporaries)
    assert sorted(p.name for p in out.iterdir()) == ["issue.pdf", "report-assets", "report.html"]
    assert "it would print blurred" in (out / "report.html").read_text(encoding="utf-8")
