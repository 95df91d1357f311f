"""Malformed issue folders: each case copies the valid fixture, breaks one thing, and checks
the exact `file:line:column: message (hint)` lines, exit status 2, and that nothing was
written to the folder."""

from __future__ import annotations

import os
import shutil
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
    before = snapshot(issue)
    assert main(["check", "issue"]) == 0
    assert snapshot(issue) == before
