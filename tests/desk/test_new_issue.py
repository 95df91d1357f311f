"""`layout new`: the next issue's folder from the last one."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.manifest.nextissue import month_later

REFERENCE = Path(__file__).resolve().parents[2] / "issues" / "2024-03"


@pytest.fixture
def issues(tmp_path: Path) -> Path:
    folder = tmp_path / "issues"
    folder.mkdir()
    shutil.copytree(REFERENCE, folder / "2024-03")
    return folder


def _yaml(folder: Path) -> dict:
    return yaml.safe_load((folder / "issue.yaml").read_text(encoding="utf-8"))


def test_next_issue_from_the_latest(issues: Path, capsys) -> None:
    assert main(["new", str(issues / "2024-04")]) == 0
    new = issues / "2024-04"
    data = _yaml(new)
    assert data["issue"] == {
        "serial": 162,
        "year": 2024,
        "number": 4,
        "print_date": dt.date(2024, 5, 25),
        "style": "hrb-zhengxie",
    }
    old = _yaml(issues / "2024-03")
    assert data["sections"] == old["sections"]
    assert data["names"] == old["names"]
    assert data["articles"] == []
    assert "toc" not in data and "inside_cover" not in data  # this issue's own
    assert "headline" not in data["cover"] and data["cover"]["permit"] == old["cover"]["permit"]
    assert data["cover"]["image"]["placeholder"] is True
    fields = {f["label"]: f["value"] for f in data["colophon"]["fields"]}
    assert fields["印刷日期"] == "2024年5月25日"
    assert fields["主任"] == "王镜铭"
    assert (new / "images").is_dir() and (new / "articles").is_dir()
    checklist = (new / "CHECKLIST.md").read_text(encoding="utf-8")
    assert "总第162期" in checklist and "- [ ] `cover`" in checklist
    assert "layout import article.docx --into" in checklist
    assert "2024年第4期" in capsys.readouterr().out
    # nothing but the new folder beside the old one (no temporaries left)
    assert sorted(p.name for p in issues.iterdir()) == ["2024-03", "2024-04"]


def test_passes_check_empty_and_with_an_article(issues: Path) -> None:
    new = issues / "2024-04"
    assert main(["new", str(new), "--from", str(issues / "2024-03")]) == 0
    assert main(["check", str(new)]) == 0
    (new / "articles" / "a.txt").write_text("# 标题\n\n正文一段。\n", encoding="utf-8")
    text = (new / "issue.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "articles: []", "articles:\n- {id: a, section: guanzhu, file: articles/a.txt, form: news}"
    )
    (new / "issue.yaml").write_text(text, encoding="utf-8")
    assert main(["check", str(new)]) == 0


def test_the_year_turns_after_number_12(issues: Path) -> None:
    manifest = issues / "2024-03" / "issue.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(r"number: 3\n", "number: 12\n", text, count=1)
    text = text.replace("print_date: 2024-04-25", "print_date: 2024-12-31")
    manifest.write_text(text, encoding="utf-8")
    assert main(["new", str(issues / "2025-01")]) == 0
    data = _yaml(issues / "2025-01")["issue"]
    assert (data["serial"], data["year"], data["number"]) == (162, 2025, 1)
    assert data["print_date"] == dt.date(2025, 1, 31)


def test_month_later_keeps_the_day_or_the_month_end() -> None:
    assert month_later(dt.date(2024, 1, 31)) == dt.date(2024, 2, 29)
    assert month_later(dt.date(2024, 12, 5)) == dt.date(2025, 1, 5)


def test_refuses_an_existing_folder(issues: Path, capsys) -> None:
    target = issues / "2024-04"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target}: the issue folder already exists" in err
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def test_without_an_earlier_issue(tmp_path: Path, capsys) -> None:
    assert main(["new", str(tmp_path / "2024-04")]) == 2
    assert "no earlier issue in" in capsys.readouterr().err
    assert main(["new", str(tmp_path / "x"), "--from", str(tmp_path / "none")]) == 2
    assert "--from is not an issue folder" in capsys.readouterr().err
    assert not (tmp_path / "2024-04").exists() and not (tmp_path / "x").exists()


def test_a_folder_name_that_disagrees_is_noted(issues: Path, capsys) -> None:
    assert main(["new", str(issues / "2024-09")]) == 0
    assert "the issue after" in capsys.readouterr().err
