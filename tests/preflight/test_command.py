"""`layout preflight` as a command: exit statuses, the text summary, the HTML report."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from layout.cli import main
from layout.fonts import FontRegistry

from . import pdfs


@pytest.fixture(scope="module")
def clean(fonts: FontRegistry, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("clean") / "clean.pdf"
    path.write_bytes(pdfs.clean_pdf(pdfs.render(pdfs.base_document(), fonts)))
    return path


@pytest.fixture(scope="module")
def broken(clean: Path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("broken")
    return pdfs.break_pdf(clean.read_bytes(), pdfs.rgb_text, folder / "rgb.pdf")


def test_clean_pdf_exits_0_with_a_report_beside_it(clean: Path, capsys) -> None:
    assert main(["preflight", str(clean)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"{clean}: 4 pages, PDF 1.3, claims PDF/X-1a:2001")
    assert "0 errors, 0 warnings: ready for press" in out
    report = clean.with_name("clean.preflight.html")
    assert f"report: {report}" in out
    assert report.is_file()


def test_errors_exit_2_naming_page_and_what_to_do(broken: Path, capsys) -> None:
    assert main(["preflight", str(broken), "--no-html"]) == 2
    out = capsys.readouterr().out
    assert (
        f"{broken}: p. 1: error: DeviceRGB colour is used; PDF/X-1a allows CMYK, grey and spot "
        "only (set text and rules in CMYK; convert images to the press profile)"
    ) in out
    assert out.rstrip().endswith("1 error, 0 warnings: not ready for press")
    assert not broken.with_name("rgb.preflight.html").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"hello, not a PDF\n", "not a readable PDF"),
        (b"", "not a readable PDF"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "not a readable PDF"),
    ],
)
def test_unreadable_file_exits_2_in_one_line(
    tmp_path: Path, capsys, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    assert main(["preflight", str(path)]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.splitlines()
    assert line.startswith(f"{path}: {message}")
    assert "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == [path]  # no report of a file never read


def test_missing_file_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["preflight", str(tmp_path / "none.pdf")]) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"{tmp_path / 'none.pdf'}: no such file (give the path of a PDF)"
    )


def test_bad_ink_limit_is_a_usage_error(clean: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["preflight", str(clean), "--ink-limit", "0"])
    assert stop.value.code == 2
    assert "between 0 and 400" in capsys.readouterr().err


def test_html_report_is_self_contained_and_deterministic(broken: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert main(["preflight", str(broken), "--html", str(first)]) == 2
    assert main(["preflight", str(broken), "--html", str(second)]) == 2
    html = first.read_text(encoding="utf-8")
    assert first.read_bytes() == second.read_bytes()
    tags = _tags(html)
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not re.search(r"(src|href)\s*=", html)
    assert "DeviceRGB colour is used" in html and "not ready for press" in html
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporaries


def test_html_report_that_cannot_be_written_is_an_error(broken: Path, tmp_path: Path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["preflight", str(broken), "--html", str(blocker / "r.html")]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{blocker / 'r.html'}: cannot write the HTML report: ")
    assert captured.err.rstrip().endswith(
        "(write it elsewhere with --html FILE, or not at all with --no-html)"
    )
    assert "not ready for press" in captured.out  # the findings were told first


def _tags(html: str) -> set[str]:
    seen: set[str] = set()

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs) -> None:
            seen.add(tag)

    Tags().feed(html)
    return seen
