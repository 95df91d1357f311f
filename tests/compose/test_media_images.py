"""QR codes and logos under the colophon (issue 11): a media item may name an image file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from issue_edits import edit, issue_copy, time_limit

from layout.compose.document import compose_issue
from layout.errors import LayoutError
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.pipeline import compose_folder
from layout.render.model import ImageBox
from layout.style.load import load_style

ITEMS = "    items: [官方网站, APP 客户端]"


def _qr(folder: Path) -> None:
    """A greyscale JPEG of a few strokes, 300 ppi at the 16 mm box."""
    if shutil.which("gs") is None:
        pytest.skip("Ghostscript is not installed")
    subprocess.run(
        ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=jpeggray", "-r72", "-g200x200",
         f"-sOutputFile={folder / 'images' / 'qr-site.jpg'}",
         "-c", "10 setlinewidth 20 20 moveto 160 160 rlineto stroke showpage"],
        check=True, timeout=30, capture_output=True,
    )  # fmt: skip


def test_a_media_item_with_an_image_prints_it(tmp_path, fonts, monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")
    folder = issue_copy(tmp_path)
    _qr(folder)
    edit(
        folder / "issue.yaml",
        lambda t: t.replace(
            ITEMS, "    items:\n    - {name: 官方网站, image: qr-site.jpg}\n    - APP 客户端"
        ),
    )
    issue = load_issue(folder)
    items = issue.colophon.media.items
    assert [(i.name, i.path and i.path.name) for i in items] == [
        ("官方网站", "qr-site.jpg"),
        ("APP 客户端", None),
    ]
    assert items[0].location.line == items[1].location.line - 1
    with time_limit(30):
        result = compose_issue(issue, load_style(issue.meta.style), FontMetrics(fonts))
    codes = [
        item
        for page in result.document.pages
        for item in page.items
        if isinstance(item, ImageBox) and item.label == "二维码"
    ]
    assert [c.path and Path(c.path).name for c in codes] == ["qr-site.jpg", None]
    composed = compose_folder(folder, use_memo=False)  # placeholders still warned, the QR not
    qr_warnings = [w for w in composed.warnings if "二维码" in w]
    assert len(qr_warnings) == 1 and ":61:" in qr_warnings[0]


def test_a_missing_media_image_is_an_error_at_its_key(tmp_path):
    folder = issue_copy(tmp_path)
    edit(
        folder / "issue.yaml",
        lambda t: t.replace(ITEMS, "    items:\n    - {name: 官方网站, image: nowhere.jpg}"),
    )
    with pytest.raises(LayoutError) as caught:
        load_issue(folder)
    assert "issue.yaml:60:" in str(caught.value) and "nowhere.jpg does not exist" in str(
        caught.value
    )


def test_a_media_item_needs_a_name(tmp_path):
    folder = issue_copy(tmp_path)
    edit(folder / "issue.yaml", lambda t: t.replace(ITEMS, "    items:\n    - {image: a.jpg}"))
    with pytest.raises(LayoutError, match="name"):
        load_issue(folder)
