"""`layout import FILE.docx`: Word articles into a draft or into an existing issue."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from layout.cli import main
from layout.importer.changes import ChangeLog
from layout.importer.docx import _marked, read_docx

from .wordfiles import article, png

REFERENCE = Path(__file__).resolve().parents[2] / "issues" / "2024-03"


def test_word_structure_becomes_markup(tmp_path: Path) -> None:
    source = article(tmp_path / "report.docx", photo=png())
    target = tmp_path / "draft"
    assert main(["import", str(source), "-o", str(target)]) == 0
    text = (target / "articles" / "report.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    # title paragraphs are display lines, the subtitle the kicker
    assert lines[:3] == ["# 市政协召开常委会议", "# 部署全年工作", "> 聚焦中心任务 凝聚奋进力量"]
    # bold run, half-width punctuation and the stray space normalised
    assert "**会议强调。**3月5日，市政协召开十四届常委会第五次会议，孙珅主持会议。" in lines
    assert "### 一、提高政治站位" in lines  # Heading 1 in the body: a chapter (一、)
    assert "## 下一步工作" in lines  # Heading 2: a subhead
    # Word's own numbering (numPr, no number in the text) as 1. 2. 3. items
    assert [line for line in lines if line[:2] in ("1.", "2.", "3.")] == [
        "1. 坚持党的领导。",
        "2. 加强委员队伍建设。",
        "3. 提升履职能力。",
    ]
    # a soft break inside a sentence joins (a wrapped line); lines that each end a sentence
    # are one paragraph per line and split
    assert "第一行文字没有结束第二行接着写完。" in lines
    assert {"这是第一段。", "这是第二段。", "这是第三段。"} <= set(lines)
    # the photo: extracted under the hash of its bytes, named with its caption after the
    # paragraph it was anchored in
    images = list((target / "images").iterdir())
    assert len(images) == 1 and images[0].read_bytes() == png()
    assert images[0].name.endswith(".png") and len(images[0].stem) == 16
    photo = f"@image {images[0].name} cols=1 : 会议现场"
    assert lines.index(photo) == lines.index("## 下一步工作") + 2
    report = (target / "import-report.md").read_text(encoding="utf-8")
    assert "| half-width punctuation made full width | 2 |" in report
    assert "Word numbering written as `N.` items | 3 |" in report
    assert "is not a JPEG" in report


def test_a_table_is_refused_with_its_place(tmp_path: Path, capsys) -> None:
    source = article(tmp_path / "t.docx", table=True)
    assert main(["import", str(source), "-o", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{source}: table 1 (after paragraph 12) cannot be imported")
    assert "set the table as a picture" in err
    assert not (tmp_path / "d").exists()


def test_not_a_word_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert main(["import", str(bad), "-o", str(tmp_path / "d")]) == 2
    assert "not a Word .docx file" in capsys.readouterr().err


def test_sub_items_and_numbering_restart(tmp_path: Path) -> None:
    import docx

    from .wordfiles import decimal_list, numbered

    document = docx.Document()
    document.add_paragraph("标题", style="Title")
    first = decimal_list(document)
    for text, level in (
        ("一项。", 0),
        ("细目。", 1),
        ("细目二。", 1),
        ("二项。", 0),
        ("细目。", 1),
    ):
        numbered(document.add_paragraph(text), first, level)
    document.add_paragraph("一段文字。", style="List Number")  # numbering by the style
    path = tmp_path / "n.docx"
    document.save(path)
    log = ChangeLog()
    items = read_docx(path, log).article.items
    assert [(i.kind, i.text) for i in items[1:]] == [
        ("item", "1. 一项。"),
        ("para", "（1）细目。"),
        ("para", "（2）细目二。"),
        ("item", "2. 二项。"),
        ("para", "（1）细目。"),  # a deeper level restarts under a new item
        ("item", "1. 一段文字。"),
    ]


def test_into_an_existing_issue(tmp_path: Path, capsys) -> None:
    issue = tmp_path / "2024-03"
    shutil.copytree(REFERENCE, issue)
    before = (issue / "issue.yaml").read_text(encoding="utf-8")
    one = article(tmp_path / "p50.docx")
    two = article(tmp_path / "p04.docx", title=("另一篇",))  # its id is taken: p04-2
    note = tmp_path / "note.md"
    note.write_text("## 委员风采\n\n本刊讯, 委员们积极履职。\n", encoding="utf-8")
    argv = ["import", str(one), str(two), str(note), "--into", str(issue), "--section", "动态"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "3 articles imported" in out and "normalised: half-width punctuation" in out
    after = (issue / "issue.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.split("\ncolophon:")[0])  # the editor's text kept as it was
    entries = yaml.safe_load(after)["articles"]
    assert [(e["id"], e["section"]) for e in entries[-3:]] == [
        ("p50", "dongtai"),
        ("p04-2", "dongtai"),
        ("note", "dongtai"),
    ]
    assert (issue / "articles" / "note.txt").read_text(encoding="utf-8").startswith("# 委员风采")
    assert main(["check", str(issue)]) == 0


def test_into_refuses_an_unknown_section(tmp_path: Path, capsys) -> None:
    issue = tmp_path / "2024-03"
    shutil.copytree(REFERENCE, issue)
    before = (issue / "issue.yaml").read_bytes()
    one = article(tmp_path / "p50.docx")
    assert main(["import", str(one), "--into", str(issue), "--section", "nope"]) == 2
    assert "--section nope: no such section" in capsys.readouterr().err
    assert (issue / "issue.yaml").read_bytes() == before
    assert not (issue / "articles" / "p50.txt").exists()


@pytest.mark.parametrize("argv", [["--mode", "ocr"]])
def test_ocr_mode_is_for_one_issue_text(tmp_path: Path, argv, capsys) -> None:
    one = article(tmp_path / "a.docx")
    assert main(["import", str(one), "-o", str(tmp_path / "d"), *argv]) == 2
    assert "--mode ocr reads the OCR text of one whole issue" in capsys.readouterr().err


_RUN_TEXT = st.text(alphabet="会议强调 *ab，。", max_size=6)


def _read_marks(marked: str) -> tuple[str, str, bool]:
    """The text and the bold text of marked-up text, read left to right as the markup reads
    it (`\\*` a literal star, `**` toggles bold); and whether bold is closed at the end."""
    text, bold, inside, index = "", "", False, 0
    while index < len(marked):
        if marked.startswith("\\*", index):
            piece, index = "*", index + 2
        elif marked.startswith("**", index):
            inside, index = not inside, index + 2
            continue
        else:
            piece, index = marked[index], index + 1
        text += piece
        bold += piece if inside else ""
    return text, bold, not inside


@given(st.lists(st.tuples(_RUN_TEXT, st.booleans()), max_size=8))
def test_bold_runs_mark_exactly_the_bold_text(runs) -> None:
    text, bold, closed = _read_marks(_marked(runs))
    assert closed and text == "".join(piece for piece, _ in runs)
    # the bold text is that of the bold runs (spaces at a bold stretch's ends stay outside)
    assert bold.replace(" ", "") == "".join(p for p, b in runs if b).replace(" ", "")


def test_outline_levels_without_heading_styles(tmp_path: Path) -> None:
    """A paragraph Word shows in its outline (w:outlineLvl on the paragraph, in a plain style)
    is a heading: the first the title, a later one a subhead."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()

    def outline(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        node = OxmlElement("w:outlineLvl")
        node.set(qn("w:val"), str(level))
        paragraph._p.get_or_add_pPr().append(node)

    outline("大纲标题", 0)
    document.add_paragraph("正文。")
    outline("大纲小标题", 1)
    document.add_paragraph("又一段。")
    path = tmp_path / "o.docx"
    document.save(path)
    items = read_docx(path, ChangeLog()).article.items
    assert [(i.kind, i.text) for i in items] == [
        ("title", "大纲标题"),
        ("para", "正文。"),
        ("subhead", "大纲小标题"),
        ("para", "又一段。"),
    ]
