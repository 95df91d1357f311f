"""Malformed issue folders: each case copies the valid fixture, breaks one thing, and checks
the exact `file:line:column: message (hint)` lines, exit status 2, and that nothing was
written to the folder."""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from layout.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "issue-valid"
YAML = "issue.yaml"
P04 = "articles/p04-nongji.txt"
P06 = "articles/p06-speech.txt"
P10 = "articles/p10-roundup.txt"


def replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """An edit replacing the one occurrence of `old` in a fixture file."""

    def edit(folder: Path) -> None:
        path = folder / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def replace_bytes(relative: str, old: str, new: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / relative
        data = path.read_bytes()
        assert data.count(old.encode()) == 1
        path.write_bytes(data.replace(old.encode(), new))

    return edit


def symlink_outside(folder: Path) -> None:
    outside = folder.parent / "outside.txt"
    outside.write_text("# 外部\n\n正文。\n", encoding="utf-8")
    target = folder / P10
    target.unlink()
    os.symlink(outside, target)


HINT_ARTICLE_PATH = "(give a path relative to the issue folder, e.g. articles/p04.txt)"

CASES = {
    "unknown key": (
        [replace(YAML, "toc_title:", "toc_titel:")],
        [
            "issue/issue.yaml:36:5: unknown key 'toc_titel' in articles entry 1 "
            "(did you mean 'toc_title'?)"
        ],
    ),
    "duplicate key": (
        [replace(YAML, "    form: news\n", "    form: news\n    form: essay\n")],
        [
            "issue/issue.yaml:36:5: duplicate key 'form' in articles entry 1 "
            "(keep one; the first is on line 35)"
        ],
    ),
    "wrong type int": (
        [replace(YAML, "serial: 161", "serial: 161a")],
        [
            "issue/issue.yaml:5:11: 'serial' must be a positive whole number, not '161a' "
            "(write e.g. serial: 1)"
        ],
    ),
    "wrong type bool": (
        [replace(YAML, "in_toc: false", "in_toc: maybe")],
        [
            "issue/issue.yaml:48:13: 'in_toc' must be true or false, not 'maybe' "
            "(write e.g. in_toc: true)"
        ],
    ),
    "missing required key": (
        [replace(YAML, "    form: speech\n", "")],
        ["issue/issue.yaml:39:5: articles entry 2 has no 'form' (add form: ...)"],
    ),
    "missing article file": (
        [replace(YAML, "file: articles/p10-roundup.txt", "file: articles/p10.txt")],
        [
            "issue/issue.yaml:46:11: article file articles/p10.txt does not exist "
            "(create it, or correct the path)"
        ],
    ),
    "duplicate article id": (
        [replace(YAML, "id: p10-roundup", "id: p06-speech")],
        [
            "issue/issue.yaml:44:9: duplicate article id 'p06-speech' "
            "(ids must be unique; the first is on line 39)"
        ],
    ),
    "duplicate section id": (
        [replace(YAML, "{id: dongtai", "{id: guanzhu")],
        [
            "issue/issue.yaml:30:10: duplicate section id 'guanzhu' "
            "(ids must be unique; the first is on line 29)",
            "issue/issue.yaml:45:14: article section 'dongtai' is not defined in sections "
            "(sections: guanzhu)",
        ],
    ),
    "undefined section": (
        [replace(YAML, "section: dongtai", "section: dongtia")],
        [
            "issue/issue.yaml:45:14: article section 'dongtia' is not defined in sections "
            "(did you mean 'dongtai'?)"
        ],
    ),
    "path with dotdot": (
        [replace(YAML, "file: articles/p10-roundup.txt", "file: ../outside.txt")],
        [
            "issue/issue.yaml:46:11: bad article path '../outside.txt': '..' leaves the issue "
            f"folder {HINT_ARTICLE_PATH}"
        ],
    ),
    "absolute path": (
        [replace(YAML, "file: articles/p10-roundup.txt", "file: /etc/hostname")],
        [
            "issue/issue.yaml:46:11: bad article path '/etc/hostname': an absolute path leaves "
            f"the issue folder {HINT_ARTICLE_PATH}"
        ],
    ),
    "symlink outside": (
        [symlink_outside],
        [
            "issue/issue.yaml:46:11: bad article path 'articles/p10-roundup.txt': it resolves "
            f"(through a symlink) to a place outside the issue folder {HINT_ARTICLE_PATH}"
        ],
    ),
    "invalid utf-8 in article": (
        [replace_bytes(P06, "这次会议是在", "这次会议".encode() + b"\xff" + "是在".encode())],
        [
            "issue/articles/p06-speech.txt:11:5: not valid UTF-8 (byte 0xFF) "
            "(save the file as UTF-8)"
        ],
    ),
    "invalid utf-8 in manifest": (
        [
            replace_bytes(
                YAML,
                "  title: 哈尔滨政协\n  sponsor",
                b"  title: " + "哈尔滨".encode("gbk") + "政协\n  sponsor".encode(),
            )
        ],
        ["issue/issue.yaml:2:10: not valid UTF-8 (byte 0xB9) (save the file as UTF-8)"],
    ),
    "yaml syntax error": (
        [replace(YAML, "  - id: p06-speech\n", "  - id: p06-speech\n   x: [\n")],
        [
            "issue/issue.yaml:40:4: YAML syntax error: expected <block end>, but found '<block "
            "mapping start>' (check the indentation, colons and brackets around here)"
        ],
    ),
    "empty article": (
        [
            replace(P10, "办公厅组织召开会议。\n", ""),
            replace(P10, "@bio 哈尔滨市美术家协会会员。\n", ""),
        ],
        [
            "issue/articles/p10-roundup.txt:1:1: article has no body text "
            "(add at least one paragraph)"
        ],
    ),
    "bad id syntax": (
        [replace(YAML, "id: p10-roundup", "id: P10_roundup")],
        [
            "issue/issue.yaml:44:9: bad article id 'P10_roundup' (use lowercase letters a-z, "
            "digits and '-', e.g. p04-two-sessions)"
        ],
    ),
    "unknown form": (
        [replace(YAML, "form: speech", "form: interview")],
        [
            "issue/issue.yaml:42:11: unknown form 'interview' (forms: news, reprint, speech, "
            "proposal, workplan, roundup, essay, health, gallery)"
        ],
    ),
    "page not positive": (
        [replace(YAML, "page: 4", "page: 0")],
        [
            "issue/issue.yaml:37:11: 'page' must be a positive whole number, not '0' "
            "(write e.g. page: 1)"
        ],
    ),
    "toc feature unknown article": (
        [replace(YAML, "article: p04-nongji", "article: p04-nongj")],
        [
            "issue/issue.yaml:25:14: toc feature names article 'p04-nongj', which is not in "
            "articles (use the id of an article)"
        ],
    ),
    "unclosed box": (
        [replace(P04, "@end\n", "")],
        [
            "issue/articles/p04-nongji.txt:21:1: @box is not closed "
            "(add @end after the last paragraph of the box)",
            "issue/articles/p04-nongji.txt:29:1: source inside @box "
            "(a box holds paragraphs; close the @box of line 21 with @end first)",
        ],
    ),
    "nested box": (
        [replace(P04, "全市农机总动力", "@box 内层\n全市农机总动力")],
        [
            "issue/articles/p04-nongji.txt:22:1: nested @box "
            "(close the @box of line 21 with @end first)"
        ],
    ),
    "end without box": (
        [replace(P04, "## 下一步工作", "@end")],
        [
            "issue/articles/p04-nongji.txt:26:1: @end without @box "
            "(remove it, or open the box with @box)"
        ],
    ),
    "artist outside work": (
        [replace(P10, "@unit 召开", "@artist 召开")],
        [
            "issue/articles/p10-roundup.txt:4:1: @artist outside @work "
            "(start the gallery work with @work TITLE before @artist)"
        ],
    ),
    "unit without org": (
        [replace(P10, "@org 市政协办公厅\n", "")],
        [
            "issue/articles/p10-roundup.txt:3:1: @unit without @org "
            "(start the round-up unit with @org ORGANISATION)"
        ],
    ),
    "unknown directive": (
        [replace(P04, "@source", "@sorce")],
        ["issue/articles/p04-nongji.txt:30:1: unknown directive @sorce (did you mean @source?)"],
    ),
    "bad image options": (
        [replace(P04, "cols=2 lines=10", "cols=two lines=0")],
        [
            "issue/articles/p04-nongji.txt:7:18: @image cols= must be a positive whole number, "
            "not 'two' (write e.g. cols=2)",
            "issue/articles/p04-nongji.txt:7:27: @image lines= must be a positive whole number, "
            "not '0' (write e.g. lines=2)",
        ],
    ),
    "image file missing": (
        [replace(P04, "@image visit.png", "@image visit.jpg")],
        [
            "issue/articles/p04-nongji.txt:7:1: image file images/visit.jpg does not exist "
            "(add the file, or mark the slot as a placeholder)"
        ],
    ),
    "image wider than section": (
        [replace(P10, "@image work.png placeholder", "@image work.png cols=3 placeholder")],
        [
            "issue/articles/p10-roundup.txt:10:1: @image cols=3 is wider than section 'dongtai' "
            "(the section has 2 columns)"
        ],
    ),
    "unbalanced bold": (
        [replace(P04, "智能农机**企业", "智能农机企业")],
        [
            "issue/articles/p04-nongji.txt:10:3: unbalanced ** (this bold text is never closed) "
            "(add ** where the bold text ends, or write \\*\\* for literal asterisks)"
        ],
    ),
    "title after body text": (
        [replace(P10, "办公厅组织召开会议。\n", "办公厅组织召开会议。\n# 补充标题\n")],
        [
            "issue/articles/p10-roundup.txt:6:1: title after body text "
            "(move the # lines to the top of the file)"
        ],
    ),
    "kicker not after title": (
        [
            replace(
                P04,
                "> 市政协农业和农村委开展调研\n> 率先建设农机装备先导区\n@byline □本刊记者",
                "@byline □本刊记者\n> 市政协农业和农村委开展调研\n> 率先建设农机装备先导区",
            )
        ],
        [
            "issue/articles/p04-nongji.txt:4:1: kicker not right after the title "
            "(put the > lines directly below the # lines)"
        ],
    ),
    "errors of several files in one run": (
        [
            replace(YAML, "form: speech", "form: interview"),
            replace(P04, "@source", "@sorce"),
            replace(P10, "@org 市政协办公厅\n", ""),
        ],
        [
            "issue/issue.yaml:42:11: unknown form 'interview' (forms: news, reprint, speech, "
            "proposal, workplan, roundup, essay, health, gallery)",
            "issue/articles/p04-nongji.txt:30:1: unknown directive @sorce (did you mean @source?)",
            "issue/articles/p10-roundup.txt:3:1: @unit without @org "
            "(start the round-up unit with @org ORGANISATION)",
        ],
    ),
}


# --- hostile input (issue 8): each must be one positioned line, exit 2, nothing written ------


def write_bytes(relative: str, data: bytes) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / relative).write_bytes(data)

    return edit


def make_fifo(relative: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / relative).unlink()
        os.mkfifo(folder / relative)

    return edit


def make_folder(relative: str) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        (folder / relative).unlink()
        (folder / relative).mkdir()

    return edit


def jpeg(width: int, height: int, scan: bytes, end: bytes = b"\xff\xd9") -> bytes:
    """A greyscale baseline JPEG header claiming `width` x `height` and `scan` as its data."""
    frame = b"\xff\xc0\x00\x0b\x08" + struct.pack(">HH", height, width) + b"\x01\x01\x11\x00"
    sos = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + frame + sos + scan + end


HUGE_JPEG = jpeg(65535, 65535, b"")  # a header that claims 4 gigapixels, and no data
CUT_JPEG = jpeg(64, 64, b"\x12" * 100, end=b"")
SOS_LESS_JPEG = b"\xff\xd8\xff\xc0\x00\x0b\x08\xff\xff\xff\xff\x01\x01\x11\x00\xff\xd9"
IMAGE_HINT = "(the file may be truncated or damaged; export it again)"
LINE_11 = "issue/articles/p06-speech.txt:11"
DEEP = "[" * 600 + "]" * 600

HOSTILE_CASES = {
    "yaml nested 600 deep": (
        [replace(YAML, "  title: 哈尔滨政协\n  sponsor", f"  title: {DEEP}\n  sponsor")],
        [
            "issue/issue.yaml:2:72: YAML nested more than 64 levels deep "
            "(these files need a few levels; check the brackets and the indentation)"
        ],
    ),
    "yaml alias (billion laughs)": (
        [
            replace(YAML, "magazine:\n", "x: &a [lol, lol]\ny: [*a, *a, *a]\nmagazine:\n"),
        ],
        ["issue/issue.yaml:2:5: YAML alias *a is not allowed (write the value out in full)"],
    ),
    "impossible month, with the other errors of the run": (
        [
            replace(YAML, "print_date: 2024-04-25", "print_date: 2024-13-45"),
            replace(YAML, "form: speech", "form: interview"),
        ],
        [
            "issue/issue.yaml:8:15: 'print_date' is not a real date: 2024-13-45 has month 13 "
            "(months run from 1 to 12; write e.g. print_date: 2024-04-25)",
            "issue/issue.yaml:42:11: unknown form 'interview' (forms: news, reprint, speech, "
            "proposal, workplan, roundup, essay, health, gallery)",
        ],
    ),
    "impossible day": (
        [replace(YAML, "print_date: 2024-04-25", "print_date: 2024-02-30")],
        [
            "issue/issue.yaml:8:15: 'print_date' is not a real date: 2024-02-30 has day 30 "
            "(2024-02 has 29 days; write e.g. print_date: 2024-04-25)"
        ],
    ),
    "100,000-character article path": (
        [replace(YAML, "file: articles/p10-roundup.txt", "file: " + "a" * 100_000)],
        [
            "issue/issue.yaml:46:11: 'file' is too long: 100,000 characters "
            "(at most 1,024 characters; shorten it)"
        ],
    ),
    "article path with a name too long for the system": (
        [replace(YAML, "file: articles/p10-roundup.txt", "file: articles/" + "a" * 300)],
        [
            f"issue/issue.yaml:46:11: article file articles/{'a' * 300} cannot be read: the "
            "path is too long (give the path of a UTF-8 text file)"
        ],
    ),
    "article is a FIFO": (
        [make_fifo(P10)],
        [
            "issue/issue.yaml:46:11: article file articles/p10-roundup.txt cannot be read: it "
            "is a FIFO (named pipe) (give the path of a UTF-8 text file)"
        ],
    ),
    "article is a folder": (
        [make_folder(P10)],
        [
            "issue/issue.yaml:46:11: article file articles/p10-roundup.txt cannot be read: it "
            "is a folder (give the path of a UTF-8 text file)"
        ],
    ),
    "article over 5 MB": (
        [write_bytes(P10, "正文。\n".encode() * 600_000)],
        [
            "issue/articles/p10-roundup.txt: file is too large (5.7 MB; at most 5.0 MB) "
            "(is it the right file? split it, or make it smaller)"
        ],
    ),
    "issue.yaml over 1 MB": (
        [write_bytes(YAML, b"# " + b"x" * (1 << 20) + b"\n")],
        [
            "issue/issue.yaml: file is too large (1.0 MB; at most 1.0 MB) "
            "(is it the right file? split it, or make it smaller)"
        ],
    ),
    "issue.yaml is a FIFO": (
        [make_fifo(YAML)],
        [
            "issue: issue.yaml cannot be read: it is a FIFO (named pipe) "
            "(see docs/manifest.md for its format)"
        ],
    ),
    "style given as a path": (
        [replace(YAML, "style: hrb-zhengxie", "style: ../../x")],
        [
            "issue/issue.yaml:9:10: bad style name '../../x': a style is named by letters, "
            "digits, '-' and '_' (styles/NAME.yaml), never by a path "
            "(known styles: hrb-zhengxie)"
        ],
    ),
    "unknown style": (
        [replace(YAML, "style: hrb-zhengxie", "style: hrb-zhengxei")],
        [
            "issue/issue.yaml:9:10: unknown style 'hrb-zhengxei' "
            "(did you mean 'hrb-zhengxie'? known styles: hrb-zhengxie)"
        ],
    ),
    "page far beyond the issue, pinned": (
        [replace(YAML, "page: 4", "page: 100000")],
        [
            "issue/issue.yaml:37:11: 'page' must be a whole number from 1 to 999, not '100000' "
            "(write e.g. page: 1)"
        ],
    ),
    "page of 5,000 digits": (
        [replace(YAML, "page: 4", "page: " + "9" * 5000)],
        [
            "issue/issue.yaml:37:11: 'page' must be a whole number from 1 to 999, "
            "not '99999999999…999999999999' (write e.g. page: 1)"
        ],
    ),
    "page 1e20": (
        [replace(YAML, "page: 4", "page: 1e20")],
        [
            "issue/issue.yaml:37:11: 'page' must be a positive whole number, not '1e20' "
            "(write e.g. page: 1)"
        ],
    ),
    "section with more columns than the type area holds": (
        [replace(YAML, "columns: 3}", "columns: 5}")],
        [
            "issue/issue.yaml:29:57: 'columns' must be a whole number from 1 to 4, not '5' "
            "(write e.g. columns: 1)"
        ],
    ),
    "5 M-character magazine title": (
        [
            replace(
                YAML,
                "  title: 哈尔滨政协\n  sponsor",
                "  title: " + "刊" * 5_000_000 + "\n  sponsor",
            )
        ],
        [
            "issue/issue.yaml: file is too large (14.3 MB; at most 1.0 MB) "
            "(is it the right file? split it, or make it smaller)"
        ],
    ),
    "title over 200 characters": (
        [replace(YAML, "  title: 哈尔滨政协\n  sponsor", "  title: " + "刊" * 201 + "\n  sponsor")],
        [
            "issue/issue.yaml:2:10: 'title' is too long: 201 characters "
            "(at most 200 characters; shorten it)"
        ],
    ),
    "caption over 300 characters": (
        [replace(YAML, "caption: 调研现场", "caption: " + "图" * 301)],
        [
            "issue/issue.yaml:21:34: 'caption' is too long: 301 characters "
            "(at most 300 characters; shorten it)"
        ],
    ),
    "colophon value over 500 characters": (
        [replace(YAML, "value: 王镜铭", "value: " + "王" * 501)],
        [
            "issue/issue.yaml:54:26: 'value' is too long: 501 characters "
            "(at most 500 characters; shorten it)"
        ],
    ),
    "toc_title of 500 lines": (
        [
            replace(
                YAML,
                "toc_title: [发展农业新质生产力 助推农机装备产业发展]",
                "toc_title: [" + ", ".join(["目录"] * 500) + "]",
            )
        ],
        ["issue/issue.yaml:36:16: 'toc_title' has too many lines: 500 (at most 10; shorten it)"],
    ),
    "control, bidi and private-use characters in an article": (
        [replace(P06, "这次会议是在", "这次\x00会议\u202e是在\ue000")],
        [
            f"{LINE_11}:3: control character U+0000 NULL (delete it)",
            f"{LINE_11}:6: bidi control U+202E RIGHT-TO-LEFT OVERRIDE (delete it)",
            f"{LINE_11}:9: private-use character U+E000 (delete it)",
        ],
    ),
    "noncharacter and C1 control in an article": (
        [replace(P06, "这次会议是在", "这次\ufffe会议\x85是在")],
        [
            f"{LINE_11}:3: noncharacter U+FFFE (delete it)",
            f"{LINE_11}:6: control character U+0085 NEXT LINE (delete it)",
        ],
    ),
    "control character in issue.yaml": (
        [replace(YAML, "  title: 哈尔滨政协\n  sponsor", "  title: 哈尔滨\x1b政协\n  sponsor")],
        ["issue/issue.yaml:2:13: control character U+001B ESCAPE (delete it)"],
    ),
    "bidi control written as an escape in issue.yaml": (
        [replace(YAML, "caption: 调研现场", 'caption: "调研\\u2066现场"')],
        [
            "issue/issue.yaml:21:34: 'caption' holds a bidi control U+2066 LEFT-TO-RIGHT "
            "ISOLATE (delete it)"
        ],
    ),
    "zero-byte image in an article": (
        [write_bytes("images/visit.png", b"")],
        [
            "issue/issue.yaml:21:14: image images/visit.png: not a JPEG, PNG or TIFF file (the "
            "file is empty) (save the image as a JPEG, PNG or TIFF)",
            "issue/articles/p04-nongji.txt:7:1: image images/visit.png: not a JPEG, PNG or TIFF "
            "file (the file is empty) (save the image as a JPEG, PNG or TIFF)",
        ],
    ),
    "JPEG header claiming 65535 x 65535 with no data": (
        [
            write_bytes("images/huge.jpg", HUGE_JPEG),
            replace(P04, "@image visit.png", "@image huge.jpg"),
        ],
        [
            "issue/articles/p04-nongji.txt:7:1: image images/huge.jpg: unreadable image: the "
            "header claims 65535x65535 pixels but the file holds only 0 bytes of image data "
            f"(at least 2,097,152 needed) {IMAGE_HINT}"
        ],
    ),
    "JPEG without a scan": (
        [
            write_bytes("images/huge.jpg", SOS_LESS_JPEG),
            replace(YAML, "{file: visit.png", "{file: huge.jpg"),
        ],
        [
            "issue/issue.yaml:21:14: image images/huge.jpg: unreadable image: no image data "
            f"(SOS marker) after the frame header {IMAGE_HINT}"
        ],
    ),
    "truncated JPEG": (
        [
            write_bytes("images/cut.jpg", CUT_JPEG),
            replace(P04, "@image visit.png", "@image cut.jpg"),
        ],
        [
            "issue/articles/p04-nongji.txt:7:1: image images/cut.jpg: unreadable image: no "
            f"end-of-image marker (EOI): the file is cut short {IMAGE_HINT}"
        ],
    ),
    "text file named .jpg": (
        [
            write_bytes("images/text.jpg", "这不是图片\n".encode()),
            replace(P04, "@image visit.png", "@image text.jpg"),
        ],
        [
            "issue/articles/p04-nongji.txt:7:1: image images/text.jpg: not a JPEG, PNG or TIFF "
            "file (unknown format) (save the image as a JPEG, PNG or TIFF)"
        ],
    ),
    "image slot taller than a column": (
        [replace(P04, "cols=2 lines=10", "cols=2 lines=60")],
        [
            "issue/articles/p04-nongji.txt:7:1: @image lines=60 is taller than a column "
            "(a column has 43 lines)"
        ],
    ),
    "image lines= of 5,000 digits": (
        [replace(P04, "cols=2 lines=10", "cols=2 lines=" + "9" * 5000)],
        [
            "issue/articles/p04-nongji.txt:7:25: @image lines= must be a positive whole "
            "number, not '99999999999…999999999999' (write e.g. lines=2)"
        ],
    ),
}
CASES.update(HOSTILE_CASES)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {
        str(path.relative_to(folder.parent)): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.parent.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    monkeypatch.chdir(tmp_path)  # messages then name files as issue/...
    return folder


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_malformed_issue_is_reported_at_the_source(
    case: str, issue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edits, expected = CASES[case]
    for edit in edits:
        edit(issue)
    before = snapshot(issue)

    status = main(["check", "issue"])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.splitlines() == expected
    assert captured.out == ""
    assert snapshot(issue) == before


def test_valid_fixture_checks_clean(issue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # the fixture's PNG is refused by the print PDF, so by check too: make it a placeholder
    replace(P04, "lines=10", "lines=10 placeholder")(issue)
    replace(YAML, "{file: visit.png, caption: 调研现场}", "{placeholder: true}")(issue)
    before = snapshot(issue)
    assert main(["check", "issue"]) == 0
    assert snapshot(issue) == before
