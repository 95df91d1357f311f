"""Invisible characters and tabs: removed (or made a space) before composing, each with a
warning at its line and column; the text that reaches the composer holds none of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout.content.stats import article_text
from layout.errors import LayoutErrors
from layout.manifest import load_issue

FIXTURE = Path(__file__).parents[1] / "fixtures" / "issue-valid"
P06 = "articles/p06-speech.txt"


@pytest.fixture
def issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    monkeypatch.chdir(tmp_path)
    return Path("issue")


def edit(folder: Path, relative: str, old: str, new: str) -> None:
    path = folder / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_invisible_characters_in_an_article_are_removed_with_warnings(issue: Path) -> None:
    edit(issue, P06, "这次会议是在", "这次\u200b会议\ufe0f是在\u2060")
    loaded = load_issue(issue)
    assert [str(w) for w in loaded.warnings if "p06" in str(w.location.path)] == [
        f"issue/{P06}:11:3: warning: invisible character U+200B ZERO WIDTH SPACE removed "
        "(delete it: it is invisible and the fonts have no glyph)",
        f"issue/{P06}:11:6: warning: variation selector U+FE0F VARIATION SELECTOR-16 removed "
        "(delete it: it is invisible and the fonts have no glyph)",
        f"issue/{P06}:11:9: warning: invisible character U+2060 WORD JOINER removed "
        "(delete it: it is invisible and the fonts have no glyph)",
    ]
    text = article_text(loaded.article("p06-speech").content)
    assert "这次会议是在" in text
    assert not {"\u200b", "\ufe0f", "\u2060"} & set(text)


def test_a_tab_inside_a_line_becomes_a_space(issue: Path) -> None:
    edit(issue, P06, "这次会议是在", "\t这次会议\t是在")
    loaded = load_issue(issue)
    assert [str(w) for w in loaded.warnings if "p06" in str(w.location.path)] == [
        f"issue/{P06}:11:6: warning: tab U+0009 CHARACTER TABULATION replaced by a space "
        "(a paste artefact? delete it, or type a space)"
    ]
    assert "这次会议 是在" in article_text(loaded.article("p06-speech").content)


def test_invisible_characters_in_issue_yaml(issue: Path) -> None:
    edit(issue, "issue.yaml", "subhead: 省政协", "subhead: 省\u200d政协")
    loaded = load_issue(issue)
    assert loaded.cover.subhead.startswith("省政协")
    assert [str(w) for w in loaded.warnings if w.location.path.name == "issue.yaml"] == [
        "issue/issue.yaml:13:13: warning: invisible character U+200D ZERO WIDTH JOINER removed "
        "(delete it: it is invisible and the fonts have no glyph)"
    ]


def test_thousands_of_findings_are_summed_up(issue: Path) -> None:
    edit(issue, P06, "这次会议是在", "这次会议是在" + "\u200b字" * 1000 + "\x00字" * 30)
    with pytest.raises(LayoutErrors) as caught:
        load_issue(issue)
    lines = [str(e) for e in caught.value.errors]
    assert len(lines) == 21
    assert lines[0] == f"issue/{P06}:11:2007: control character U+0000 NULL (delete it)"
    assert lines[-1] == f"issue/{P06}:11:2047: and 10 more such characters (delete them)"


def test_a_thousand_warnings_are_summed_up(issue: Path) -> None:
    edit(issue, P06, "这次会议是在", "这次会议是在" + "\u200b字" * 1000)
    warnings = [str(w) for w in load_issue(issue).warnings if "p06" in str(w.location.path)]
    assert len(warnings) == 21
    assert warnings[-1] == (
        f"issue/{P06}:11:47: warning: and 980 more such characters removed or replaced"
    )
