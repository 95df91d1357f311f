"""report.html: written by every build, with thumbnails, the fit table, the warnings, the
figures; thumbnails cached by page content; loaded by a real browser without errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from layout.cli import main
from layout.report import preflight_summary
from layout.report.html import spreads
from layout.report.thumbs import page_keys, thumbnails

REFERENCE = Path(__file__).resolve().parents[2] / "issues" / "2024-03"
BROWSER_SECONDS = 90


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert main(["build", str(REFERENCE), "-o", str(out), "--quiet"]) == 0
    return out


def test_spreads_open_as_a_magazine() -> None:
    assert spreads(1) == [[0]]
    assert spreads(4) == [[0], [1, 2], [3]]
    assert spreads(52)[:3] == [[0], [1, 2], [3, 4]] and spreads(52)[-1] == [51]


def test_report_beside_the_pdf(built: Path) -> None:
    html = (built / "report.html").read_text(encoding="utf-8")
    images = re.findall(r'<img src="(report-assets/[0-9a-f]{32}\.png)"', html)
    assert len(images) == 52 and all((built / src).is_file() for src in images)
    # every asset is named (no stale thumbnails), and the stamp script names this build
    assets = {p.name for p in (built / "report-assets").iterdir()}
    assert assets == {Path(src).name for src in images} | {"stamp.js"}
    stamp = re.search(r"var mine=\"(\w+)\"", html).group(1)
    assert stamp in (built / "report-assets" / "stamp.js").read_text(encoding="utf-8")
    # the spreads: the cover alone, then pairs
    assert html.count('<div class="spread">') == 27
    # the fit table: a row an article, overruns highlighted, pages linked to the thumbnails
    table = re.search(r'<table id="fit">.*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr class=\"(\w*)\"><td>([\w-]+)</td>", table)
    manifest = (REFERENCE / "issue.yaml").read_text(encoding="utf-8")
    assert len(rows) == 48  # the 50 articles but the lead reprint and the back-cover gallery
    assert all(f"- id: {article}\n" in manifest for _, article in rows)
    assert ("over", "p12b") in rows or any(kind == "over" for kind, _ in rows)
    assert '<a href="#page-6">04</a>' in table  # 封一 封二 01 02 03 precede page 04
    assert 'id="page-6"' in html
    # warnings with their file:line
    warnings = re.search(r'<ul class="warnings" id="warnings">(.*?)</ul>', html, re.S).group(1)
    assert re.search(r"<code>[^<]*issue\.yaml:\d+:\d+</code>: warning: ", warnings)
    figures = re.search(r'<ul class="figures" id="figures">(.*?)</ul>', html).group(1)
    assert "body lines: <b>" in figures and "justified: <b>" in figures
    lines = int(re.search(r"body lines: <b>(\d+)", figures).group(1))
    assert 2000 < lines < 3000
    assert "No preflight report beside the PDF" in html


def test_build_twice_gives_the_same_report(built: Path, tmp_path: Path) -> None:
    assert main(["build", str(REFERENCE), "-o", str(tmp_path), "--quiet"]) == 0
    assert (tmp_path / "report.html").read_bytes() == (built / "report.html").read_bytes()


def test_no_report_option(tmp_path: Path) -> None:
    assert main(["build", str(REFERENCE), "-o", str(tmp_path), "--quiet", "--no-report"]) == 0
    assert (tmp_path / "issue.pdf").is_file() and not (tmp_path / "report.html").exists()


def test_thumbnails_rendered_once_per_page_content(built: Path, tmp_path: Path) -> None:
    pdf = (built / "issue.pdf").read_bytes()
    cache = tmp_path / "cache"
    first = thumbnails(pdf, cache)
    assert all(t.png is not None for t in first) and len(first) == 52
    again = thumbnails(pdf, cache)
    assert all(t.png is None for t in again)  # all from the cache
    assert [t.key for t in again] == [t.key for t in first]
    assert first[0].png.startswith(b"\x89PNG") and first[0].width == 300


def test_a_changed_page_alone_gets_a_new_key(built: Path, tmp_path: Path) -> None:
    issue = tmp_path / "issue"
    shutil.copytree(REFERENCE, issue)
    back = issue / "articles" / "p48.txt"  # the last body article: pages before it stay
    text = back.read_text(encoding="utf-8")
    back.write_text(text.replace("。", "！", 1), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(issue), "-o", str(out), "--quiet", "--no-report"]) == 0
    old = page_keys((built / "issue.pdf").read_bytes())
    new = page_keys((out / "issue.pdf").read_bytes())
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert changed and len(changed) <= 2, changed


def test_preflight_summary_when_present(tmp_path: Path) -> None:
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(b"%PDF")
    assert preflight_summary(pdf) == ""
    (tmp_path / "issue.preflight.txt").write_text("issue.pdf: 52 pages, 0 errors\n")
    (tmp_path / "issue.preflight.html").write_text("<html></html>")
    summary = preflight_summary(pdf)
    assert "52 pages, 0 errors" in summary and 'href="issue.preflight.html"' in summary


# -- in a browser ---------------------------------------------------------------------------

_PROBE = (
    "<script>window.addEventListener('load',function(){var im=document.images,ok=0;"
    "for(var i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0)ok++;}"
    "var d=document.createElement('div');d.id='probe';d.textContent=ok+'/'+im.length;"
    "document.body.appendChild(d);});</script>"
)


def _browse(page: Path) -> tuple[str, list[str]]:
    """The DOM after load and the console messages of headless chromium."""
    run = subprocess.run(
        [
            shutil.which("chromium") or "chromium",
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",  # long enough for the reload script to poll once
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=BROWSER_SECONDS,
    )
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    return run.stdout, console


@pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="Debian's chromium is not installed (scripts/install-system-deps.sh installs it)",
)
def test_report_in_a_browser(built: Path) -> None:
    html = (built / "report.html").read_text(encoding="utf-8")
    good = built / "probe.html"  # the report and a probe that counts the loaded pictures
    good.write_text(html.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    bad = built / "broken.html"  # the probe must see a missing picture and a script error
    bad.write_text(
        html.replace(
            "</body>", '<img src="nope.png"><script>nope();</script>' + _PROBE + "</body>"
        ),
        encoding="utf-8",
    )
    try:
        dom, console = _browse(good)
        assert '<div id="probe">52/52</div>' in dom, dom[-300:]
        assert console == []
        dom, console = _browse(bad)
        assert '<div id="probe">52/53</div>' in dom
        assert any("nope is not defined" in line for line in console)
    finally:
        good.unlink()
        bad.unlink()
