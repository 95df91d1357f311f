"""Warnings for what the editor must see, printed by check and build as
`file:line:column: warning: ...` (issue #9): placeholders, photos cut by their slot, pins not
met, blank pages, untitled articles. And the silent surprises fixed with them: untitled
articles in the contents, inside-cover captions, numbers of items in a box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from checkall_inputs import P04, P06, P10, YAML, jpeg, line_of, printable_copy, replace, write

from layout.cli import main
from layout.compose.accounting import glyph_text
from layout.images import crop
from layout.pipeline import compose_folder
from layout.render.model import GlyphRun

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "issues" / "2024-03"
POSITIONED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<column>\d+): warning: (?P<text>.+)$")


@pytest.fixture(autouse=True)
def one_process(monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")


def check_warnings(folder: Path, capsys) -> list[str]:
    capsys.readouterr()
    assert main(["check", str(folder)]) == 0
    return capsys.readouterr().err.splitlines()


def source_line(warning: str) -> str:
    """The line of the input file a warning points at."""
    found = POSITIONED.match(warning)
    assert found, warning
    text = Path(found["path"]).read_text(encoding="utf-8").split("\n")
    return text[int(found["line"]) - 1][int(found["column"]) - 1 :]


# -- placeholders -----------------------------------------------------------------------------


def test_each_placeholder_of_the_reference_issue_is_listed_at_its_slot(capsys):
    warnings = [w for w in check_warnings(REFERENCE, capsys) if "placeholder image" in w]
    assert len(warnings) == 53  # 46 in articles, cover, 2 inside cover, 4 QR codes: all real
    assert len({w.split(": warning:")[0] for w in warnings}) == 53  # each at its own place
    for warning in warnings:
        at = source_line(warning)
        if "/articles/" in warning:
            assert at.startswith("@image ") and "placeholder" in at, warning
        elif "二维码" in warning:  # at its item in the media list
            assert at[:2] in ("官方", "AP"), warning
        else:
            assert "placeholder: true" in at, warning
    assert "on page 封一 (封面图片占位" in warnings[0]


# -- photos cut by their slot -----------------------------------------------------------------


def test_crop_shares():
    info = type("Info", (), {"shown_width": 1200, "shown_height": 600})
    assert crop(info, 288, 144) == (0.0, 0.0)
    across, down = crop(info, 288, 288)
    assert across == pytest.approx(0.5) and down == 0.0


def test_a_photo_cut_by_its_slot_says_how_much_and_where(tmp_path, capsys):
    folder = printable_copy(tmp_path / "issue")
    write("images/wide.jpg", jpeg(3000, 1000, 4))(folder)
    write("images/square.jpg", jpeg(2000, 2000, 4))(folder)
    write("images/photo.jpg", jpeg(3000, 2000, 4))(folder)
    replace(P04, "visit.png cols=2 lines=10 placeholder", "wide.jpg cols=2 lines=10")(folder)
    replace(P04, "## 下一步工作", "## 下一步工作\n\n@image square.jpg cols=1 lines=10\n")(folder)
    replace(YAML, "{placeholder: true, caption: 调研现场}", "{file: photo.jpg, caption: 调研现场}")(
        folder
    )
    warnings = [w for w in check_warnings(folder, capsys) if "the photo" in w]
    article, yaml = folder / P04, folder / YAML
    assert warnings == [
        f"{yaml}:21:14: warning: the photo images/photo.jpg on page 封二: 12 % of its height is "
        "cut off (6 % each at the top and the bottom) to fill its slot of 178 x 104 mm "
        "(write crop: top to keep the top, crop: bottom to keep the bottom, or fit: contain to "
        "show it whole)",
        f"{article}:7:1: warning: the photo images/wide.jpg on page 04: 67 % of its width is "
        "cut off (33 % each at the left and the right) to fill its slot of 54 x 54 mm "
        "(write crop=left to keep the left, crop=right to keep the right, fit=contain to show "
        "it whole, or lines=N to suit the photo)",
    ]  # the square photo in its square slot is not cut: no word about it


# -- pins and blank pages ---------------------------------------------------------------------


def test_pin_not_met_because_the_article_before_it_fills_the_page(tmp_path, capsys):
    """The article before it ends on the pinned page and the section does not share pages:
    the pin was dropped without a word."""
    folder = printable_copy(tmp_path / "issue")
    replace(YAML, "form: speech\n", "form: speech\n    page: 4\n    pin: true\n")(folder)
    warnings = check_warnings(folder, capsys)
    pins = [w for w in warnings if "p06-speech: pinned" in w]
    assert len(pins) == 1, warnings
    assert (
        "pinned to page 04 but starts on page 05: p04-nongji before it runs to page 04" in pins[0]
    )
    assert source_line(pins[0]).startswith("page: 4"), pins[0]


def test_blank_pages_are_reported_with_the_article_they_follow(tmp_path, capsys):
    folder = printable_copy(tmp_path / "issue")
    warnings = check_warnings(folder, capsys)
    yaml = folder / YAML
    assert (
        f"{yaml}:{line_of(yaml, 'id: p04-nongji') + 5}:5: warning: p04-nongji: pinned to page 04; "
        "pages 02-03 are left blank before it, after the front pages (remove pin: true to let "
        "it follow the article before it, or fill the gap)"
    ) in warnings
    assert (
        f"{yaml}:{line_of(yaml, 'id: p10-roundup')}:5: warning: pages 07-08 are left blank "
        "after p10-roundup, to make the page count a multiple of 4 (saddle stitching) (fill "
        "them, or shorten the issue by 2 pages)"
    ) in warnings


# -- untitled articles ------------------------------------------------------------------------


def untitled_issue(tmp_path: Path) -> Path:
    """p04 and p06 without titles, and a third untitled article after them in the section."""
    folder = printable_copy(tmp_path / "issue")
    replace(P04, "# 发展农业新质生产力\n# 助推农机装备产业发展\n", "")(folder)
    replace(P04, "> 市政协农业和农村委开展调研\n> 率先建设农机装备先导区\n", "")(folder)
    replace(YAML, "    toc_title: [发展农业新质生产力 助推农机装备产业发展]\n", "")(folder)
    replace(P06, "# 凝心聚力 共谋发展\n", "")(folder)
    write("articles/p07.txt", "第三篇文章只有正文。后面还有话。\n".encode())(folder)
    entry = "  - {id: p07, section: guanzhu, file: articles/p07.txt, form: news}\n"
    replace(YAML, "  - id: p10-roundup", entry + "  - id: p10-roundup")(folder)
    return folder


def test_untitled_articles_are_named_in_the_contents_in_their_order(tmp_path):
    composed = compose_folder(untitled_issue(tmp_path), use_memo=False)
    pages = composed.result.document.pages
    contents = next(p for p in pages if glyph_text(p.items).startswith("目录"))
    runs = [item for item in contents.items if isinstance(item, GlyphRun)]
    folios = composed.result.folios
    places = []  # (column, baseline) of each entry
    for article, words in (
        ("p04-nongji", "3月8日，市政协主席孙琿带领调研…"),
        ("p06-speech", "会议圆满完成各项议程"),
        ("p07", "第三篇文章只有正文"),
    ):
        [title] = [r for r in runs if glyph_text([r]).replace(" ", "") == words.replace(" ", "")]
        [folio] = [  # in front of the title, on its baseline: never a bare folio
            r
            for r in runs
            if r.baseline == title.baseline and glyph_text([r]).isdigit() and 0 < title.x - r.x < 40
        ]
        assert glyph_text([folio]) == f"{folios[article]:02d}", article
        places.append((folio.x, title.baseline))
    assert places == sorted(places) and len(set(places)) == 3  # in manifest order


def test_untitled_articles_are_warned_about(tmp_path, capsys):
    folder = untitled_issue(tmp_path)
    warnings = [w for w in check_warnings(folder, capsys) if "has no title" in w]
    assert warnings == [
        f"{folder / P04}:1:1: warning: p04-nongji has no title (no # line): the contents list "
        "it as “3月8日，市政协主席孙琿带领调研…” (give it a # title, or a toc_title: in "
        "issue.yaml)",
        f"{folder / P06}:1:1: warning: p06-speech has no title (no # line): the contents list "
        "it as “会议圆满完成各项议程” (give it a # title, or a toc_title: in issue.yaml)",
        f"{folder / 'articles/p07.txt'}:1:1: warning: p07 has no title (no # line): the contents "
        "list it as “第三篇文章只有正文” (give it a # title, or a toc_title: in issue.yaml)",
    ]


# -- captions and numbers that were not printed -----------------------------------------------


@pytest.mark.parametrize("real", [True, False], ids=["photos", "placeholders"])
def test_inside_cover_captions_are_printed(tmp_path, real):
    folder = printable_copy(tmp_path / "issue")
    if real:
        write("images/a.jpg", jpeg(1500, 1000, 4))(folder)
        write("images/b.jpg", jpeg(1500, 1000, 1))(folder)
        replace(YAML, "{placeholder: true, caption: 调研现场}", "{file: a.jpg, caption: 调研现场}")(
            folder
        )
        replace(YAML, "    - {placeholder: true}\n", "    - {file: b.jpg, caption: 座谈现场}\n")(
            folder
        )
    composed = compose_folder(folder, use_memo=False)
    inside = next(p for p in composed.result.document.pages if p.label == "封二")
    text = glyph_text(inside.items)
    assert "调研现场" in text
    assert ("座谈现场" in text) == real
    boxes = [item for item in inside.items if type(item).__name__ == "ImageBox"]
    assert all((box.path is not None) == real for box in boxes)


def test_items_in_a_box_print_their_numbers(tmp_path):
    composed = compose_folder(printable_copy(tmp_path / "issue"), use_memo=False)
    text = "".join(glyph_text(page.items) for page in composed.result.document.pages)
    assert "3.盘活存量资源" in text.replace(" ", "")


def test_build_prints_the_same_warnings_as_check(tmp_path, capsys):
    from io import BytesIO

    from PIL import Image

    folder = untitled_issue(tmp_path)
    # a real greyscale photo, stored on its side (EXIF 6): converted and turned upright for
    # print (issue 11), and at some 200 ppi in its column, below what print wants
    photo, exif = BytesIO(), Image.Exif()
    exif[0x0112] = 6
    Image.new("L", (900, 660), 128).save(photo, "JPEG", exif=exif)
    write("images/small.jpg", photo.getvalue())(folder)
    replace(P10, "@image work.png placeholder", "@image small.jpg")(folder)
    checked = check_warnings(folder, capsys)
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--quiet"]) == 0
    built = capsys.readouterr().err.splitlines()
    if built[-1].startswith("wrote a draft"):  # the issue still has placeholders
        built = built[:-1]
    assert built == checked
    line = line_of(folder / P10, "@image small.jpg")
    assert any(
        w.startswith(f"{folder / P10}:{line}:1: warning: image images/small.jpg: 197 ppi at 238 x")
        for w in built
    )
    assert not any("EXIF orientation" in w for w in built)  # applied, nothing to warn of
