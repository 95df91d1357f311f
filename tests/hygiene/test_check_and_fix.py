"""Issue 9, "Pasted text": each paste artefact is a `layout check` warning at its line and
column, `layout fix` repairs it in place (atomically, idempotently, printing each change), and
name variants in issue.yaml are warnings too."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from layout.cli import main
from layout.errors import LayoutErrors
from layout.manifest import load_issue

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "issue-valid"
REFERENCE = ROOT / "issues" / "2024-03"
P06 = "articles/p06-speech.txt"
ANCHOR = "这次会议是在二〇二四年召开的一次重要会议。"  # line 11 of p06
FIX_HINT = "layout fix does it"


@pytest.fixture
def issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    monkeypatch.chdir(tmp_path)
    return Path("issue")


def replace_line(folder: Path, new: str) -> None:
    path = folder / P06
    text = path.read_text(encoding="utf-8")
    assert text.count(ANCHOR) == 1
    path.write_text(text.replace(ANCHOR, new), encoding="utf-8")


def hygiene_warnings(folder: Path) -> list[str]:
    return [str(w) for w in load_issue(folder).warnings if FIX_HINT in w.message]


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("会议强调,要坚持。", 5, "half-width ',' in Chinese text (write ，; layout fix does it)"),
        ("会议(扩大)召开。", 3, "half-width '(' in Chinese text (write （; layout fix does it)"),
        ("会议召开了!", 6, "half-width '!' in Chinese text (write ！; layout fix does it)"),
        ("新业态......蓬勃发展。", 4, "'......' for an ellipsis (write ……; layout fix does it)"),
        ("系统工程--各部门配合。", 5, "'--' for a dash (write ——; layout fix does it)"),
        ("我们 要坚持。", 3, "space between Chinese characters (delete it; layout fix does it)"),
        (
            "我们\u00a0要坚持。",
            3,
            "no-break space between Chinese characters (delete it; layout fix does it)",
        ),
        ("＃ 标题", 1, "full-width ＃ at line start: did you mean the # marker? (write #; "
         "layout fix does it)"),
        ("＠source （本刊）", 1, "full-width ＠ at line start: did you mean the @ marker? "
         "(write @; layout fix does it)"),
        ("第一句。\n第二句。\n第三句。", 1, "3 lines run into one paragraph and 2 of them end a "
         "sentence: one paragraph per line, pasted from Word? (put a blank line between "
         "paragraphs; layout fix does it)"),
    ],
)  # fmt: skip
def test_each_paste_artefact_is_a_located_warning(
    issue: Path, line: str, column: int, message: str
) -> None:
    replace_line(issue, line)
    warnings = hygiene_warnings(issue)
    assert warnings[0] == f"issue/{P06}:11:{column}: warning: {message}"
    assert len(warnings) == (2 if "(" in line else 1)  # the ')' too


def test_tabs_and_zero_width_spaces_are_reported_once(issue: Path) -> None:
    replace_line(issue, "我们\t要坚持\u200b。")
    warnings = [str(w) for w in load_issue(issue).warnings if "p06" in str(w.location.path)]
    assert [w.split(": warning: ")[0] for w in warnings] == [
        f"issue/{P06}:11:3",  # the tab: charcheck's warning, not a second one
        f"issue/{P06}:11:7",
    ]


def test_the_reference_issue_has_no_paste_artefacts() -> None:
    warnings = load_issue(REFERENCE).warnings
    assert [str(w) for w in warnings if FIX_HINT in w.message or "variant" in w.message] == []


def test_fix_repairs_in_place_and_check_is_then_quiet(
    issue: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace_line(issue, "会议强调,要坚持......落实。\n她说!\n＃＃ 小标题")
    assert len(hygiene_warnings(issue)) == 5
    assert main(["fix", str(issue / P06)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"issue/{P06}:11:5: 调,要 → 调，要",
        f"issue/{P06}:11:9: 持......落 → 持……落",
        f"issue/{P06}:11:18: 。⏎ → 。⏎⏎",
        f"issue/{P06}:12:3: 说! → 说！",
        f"issue/{P06}:13:1: ＃＃  → ## ",
        "changed 1 of 1 file (5 changes)",
    ]
    assert hygiene_warnings(issue) == []
    text = (issue / P06).read_text(encoding="utf-8")
    assert "会议强调，要坚持……落实。\n\n她说！\n## 小标题" in text
    assert main(["fix", str(issue)]) == 0  # twice = once
    assert capsys.readouterr().out.splitlines() == ["changed 0 of 3 files (0 changes)"]
    assert not [p for p in (issue / "articles").iterdir() if p.name.startswith(".")]


def test_dry_run_changes_nothing(issue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace_line(issue, "会议强调,要坚持。")
    before = (issue / P06).read_bytes()
    assert main(["fix", str(issue), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"issue/{P06}:11:5: 调,要 → 调，要", "would change 1 of 3 files (1 change)"]
    assert (issue / P06).read_bytes() == before


def test_fix_keeps_bom_line_ends_and_permissions(issue: Path) -> None:
    path = issue / P06
    text = path.read_text(encoding="utf-8").replace(ANCHOR, "会议强调,要坚持。")
    path.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    os.chmod(path, 0o640)
    assert main(["fix", str(path)]) == 0
    data = path.read_bytes()
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data and b"\n\n" not in data
    assert "会议强调，要坚持。" in data.decode("utf-8")
    assert os.stat(path).st_mode & 0o777 == 0o640


def test_fix_errors_are_located(issue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = issue / "articles" / "bad.txt"
    bad.write_bytes("第一行\n第二行".encode() + b"\xff\n")
    assert main(["fix", str(bad)]) == 2
    assert "issue/articles/bad.txt:2:4: not valid UTF-8" in capsys.readouterr().err
    assert main(["fix", "issue/articles/none.txt"]) == 2
    assert "issue/articles/none.txt: article file does not exist" in capsys.readouterr().err
    assert main(["fix", "issue/articles"]) == 2
    assert "no issue.yaml in the folder" in capsys.readouterr().err


def test_name_variants_in_issue_yaml(issue: Path) -> None:
    manifest = issue / "issue.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("subhead: 省政协主席蓝绍敏", 'subhead: "省政协主席孙坤与蓝绍敏')
    text = text.replace("到哈尔滨市政协机关调研\n", '到哈尔滨市政协机关调研"\n', 1)
    text = text.replace("caption: 封面照片}", "caption: 孙琿在调研}")
    manifest.write_text(text, encoding="utf-8")
    warnings = load_issue(issue).warnings
    variants = [str(w) for w in warnings if w.location.path.name == "issue.yaml"]
    assert variants == [
        "issue/issue.yaml:13:18: warning: 孙坤 is a variant of 孙珅 (市政协主席)",
        "issue/issue.yaml:17:39: warning: 孙琿 is a variant of 孙珅 (市政协主席)",
    ]  # and not in the names registry (line 62) that lists them


def test_a_full_width_title_marker_explains_the_error_it_causes(issue: Path) -> None:
    path = issue / P06
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("@series 市政协十四届三次会议\n", "＃ 标题的第一行\n"), "utf-8")
    with pytest.raises(LayoutErrors) as caught:
        load_issue(issue)
    errors = [str(e) for e in caught.value.errors if "p06" in str(e)]
    assert errors[:2] == [
        f"issue/{P06}:1:1: full-width ＃ at line start: did you mean the # marker? "
        "(write #; layout fix does it)",
        f"issue/{P06}:2:1: title after body text (move the # lines to the top of the file)",
    ]  # and the head lines after it: all caused by the one character
    assert main(["fix", str(path)]) == 0
    load_issue(issue)  # now the title is one


def test_a_full_width_directive_is_a_warning_not_body_text_in_silence(issue: Path) -> None:
    replace_line(issue, "＠image p06.jpg cols=1 lines=6 placeholder : 会场\n\n这次会议很重要。")
    assert hygiene_warnings(issue) == [
        f"issue/{P06}:11:1: warning: full-width ＠ at line start: did you mean the @ marker? "
        "(write @; layout fix does it)"
    ]
    assert main(["fix", str(issue / P06)]) == 0
    images = [
        b for b in load_issue(issue).article("p06-speech").content.walk() if b.kind == "image"
    ]
    assert [b.attrs["file"] for b in images] == ["p06.jpg"]
