"""Issue 9, "Import": a Markdown file of `##` articles without front matter imports into a
draft that checks and builds with no hand edits; what the text does not say comes from the
options or the latest issue in issues/, and every guess is listed for a person to decide."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.content.tidy import scan_text
from layout.importer.article import parse_article
from layout.importer.changes import ChangeLog
from layout.importer.pipeline import build_draft
from layout.importer.source import read_blocks
from layout.manifest import load_issue

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = Path(sys.executable).parent / "layout"
REFERENCE = ROOT / "issues" / "2024-03" / "issue.yaml"

# Five articles as an editor pastes them together: lists, a glossary with a citation line, a
# first paragraph that ends in a colon, a paragraph broken across a blank line, Word's one
# paragraph per line, and the usual artefacts (half-width marks, ......, --, NBSP, a
# zero-width space, a tab, a space between Han).
SOURCE = """\
## 冰雪经济迎来发展新机遇

入冬以来，我市冰雪旅游持续升温。记者在采访中发现，冰雪经济正在成为拉动消费的新引擎：

一是冰雪旅游产品更加丰富。各区县推出了冰雪大世界、雪乡民俗游等特色线路,吸引了大批外地游客。

二是冰雪装备产业加快集聚。全市已有冰雪装备企业 42 家，去年实现产值3.8亿元,同比增长15.6%。

三是冰雪消费场景不断拓展......夜间经济、冰雪研学等新业态蓬勃发展，全市今年将新建

三处冰雪运动公园。

（本刊记者　李明）

## 推动数字政协建设走深走实

> 市政协召开数字政协建设推进会

为进一步提升履职效能，3月12日,市政协召开推进会。会议听取了平台建设情况汇报。

会议要求：

1. 加快平台功能完善。要围绕委员履职需求，优化提案、社情民意等模块。
2. 加强数据安全保障。要严格落实网络安全责任制。
3. 提升委员使用率。要加强培训指导，让委员会用、愿用、常用。

会议强调，数字政协建设是一项系统工程--各部门要密切配合。\
详情请访问 www.hrbzx.gov.cn 或发送邮件至 office@hrbzx.gov.cn 。

## 新质生产力名词解释

近年来，“新质生产力”成为热词。为帮助读者理解，本刊整理了几个相关概念。

### 名词解释

**新质生产力**：是创新起主导作用，具有高科技、高效能、高质量特征的先进生产力质态。

（据新华社）

**未来产业**：是由前沿技术驱动，当前处于孵化萌芽或产业化初期的前瞻性新兴产业。

**数字经济**：是以数据资源为关键要素的新经济形态。

## 委员风采

王丽华委员长期关注基层医疗卫生事业。
她先后提交了《关于加强社区卫生服务能力建设的建议》等十余件提案。
多件提案被评为优秀提案!
她说，作为一名政协委员，就要把群众的冷暖放在心上。

## 以实干实绩 助力全面振兴

今年是实现“十四五”规划目标任务的关键一年。市政协将坚持“1+3+N”工作格局，\
聚焦高质量\u00a0发展\u200b这个首要任务，99.9% 的提案已办复。

委员们表示，将立足本职\t岗位，积极 建言献策，为推动全面振兴贡献智慧和力量。
"""


def articles(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((folder / "articles").iterdir())}


def left_for_a_person(folder: Path) -> str:
    report = (folder / "import-report.md").read_text(encoding="utf-8")
    return report.split("## Left for a person to decide", 1)[1]


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The draft imported beside a copy of the reference issue's issue.yaml."""
    root = tmp_path_factory.mktemp("markdown")
    (root / "issues" / "2024-03").mkdir(parents=True)
    (root / "issues" / "2024-03" / "issue.yaml").write_bytes(REFERENCE.read_bytes())
    source = root / "new.md"
    source.write_text(SOURCE, encoding="utf-8")
    target = root / "issues" / "2024-04"
    assert main(["import", str(source), "-o", str(target)]) == 0
    return target


def test_the_draft_checks_and_builds_without_hand_edits(draft: Path, tmp_path: Path) -> None:
    assert main(["check", str(draft)]) == 0
    out = tmp_path / "out"
    run = subprocess.run(
        [str(LAYOUT), "build", str(draft), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert (out / "issue.pdf").stat().st_size > 10_000


def test_numbers_sections_and_more_come_from_the_latest_issue(draft: Path) -> None:
    manifest = yaml.safe_load((draft / "issue.yaml").read_text(encoding="utf-8"))
    reference = yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))
    assert manifest["issue"] == {"serial": 162, "year": 2024, "number": 4, "style": "hrb-zhengxie"}
    assert manifest["magazine"] == reference["magazine"]
    assert manifest["sections"] == reference["sections"]
    assert manifest["colophon"] == reference["colophon"]
    assert manifest["names"] == reference["names"]
    assert manifest["cover"]["permit"] == reference["cover"]["permit"]
    assert {a["section"] for a in manifest["articles"]} == {"guanzhu"}
    assert len(manifest["articles"]) == 5


def test_every_guess_is_left_for_a_person(draft: Path) -> None:
    left = left_for_a_person(draft)
    assert "Nothing." not in left
    for topic in ("issue numbers", "sections", "style", "magazine", "cover", "colophon",
                  "names", "forms"):  # fmt: skip
        assert f"- [{topic}]" in left
    assert "总第162期, 2024年第4期" in left
    assert "印刷日期" in left  # the carried colophon's date must be updated


def test_a_first_paragraph_ending_in_a_colon_stays_a_paragraph(draft: Path) -> None:
    text = articles(draft)["article-01"]
    assert "\n>" not in text
    assert "\n\n入冬以来，我市冰雪旅游持续升温。" in text


def test_the_kicker_is_what_the_source_marks(draft: Path) -> None:
    text = articles(draft)["article-02"]
    assert text.startswith("# 推动数字政协建设走深走实\n> 市政协召开数字政协建设推进会\n")
    assert "\n1. 加快平台功能完善。" in text and "\n3. 提升委员使用率。" in text


def test_a_citation_in_a_glossary_does_not_end_the_article(draft: Path) -> None:
    found = articles(draft)
    assert len(found) == 5
    glossary = found["article-03"]
    assert "\n\n（据新华社）\n\n**未来产业**：" in glossary
    assert "**数字经济**" in glossary
    assert "@source" not in glossary
    assert found["article-01"].rstrip().endswith("@source （本刊记者　李明）")


def test_paragraphs_are_not_rejoined_across_a_blank_line(draft: Path) -> None:
    text = articles(draft)["article-01"]
    assert "全市今年将新建\n\n三处冰雪运动公园。" in text


def test_word_paragraphs_are_split_and_artefacts_repaired(draft: Path) -> None:
    found = articles(draft)
    assert "卫生事业。\n\n她先后提交了" in found["article-04"]
    assert "被评为优秀提案！\n\n她说" in found["article-04"]
    last = found["article-05"]
    assert "聚焦高质量发展这个首要任务，99.9%的提案已办复。" in last
    assert "立足本职岗位，积极建言献策" in last
    assert "蓬勃发展" in found["article-01"] and "拓展……夜间" in found["article-01"]
    assert "系统工程——各部门" in found["article-02"]
    assert (
        "www.hrbzx.gov.cn" in found["article-02"] and "office@hrbzx.gov.cn" in found["article-02"]
    )
    for name, text in found.items():
        assert scan_text(text) == [], name
    warnings = load_issue(draft).warnings
    assert not [str(w) for w in warnings if "layout fix" in w.message]


def test_options_win_over_the_previous_issue(tmp_path: Path) -> None:
    source = tmp_path / "new.md"
    source.write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "draft"
    argv = ["import", str(source), "-o", str(target), "--serial", "7", "--year", "2025"]
    argv += ["--number", "1", "--section", "jianyan=建言", "--magazine", "某某政协"]
    assert main(argv) == 0
    manifest = yaml.safe_load((target / "issue.yaml").read_text(encoding="utf-8"))
    assert manifest["issue"] == {"serial": 7, "year": 2025, "number": 1, "style": "hrb-zhengxie"}
    assert manifest["magazine"] == {"title": "某某政协"}
    assert manifest["sections"] == [{"id": "jianyan", "name": "建言"}]
    assert {a["section"] for a in manifest["articles"]} == {"jianyan"}
    left = left_for_a_person(target)
    assert "[issue numbers]" not in left and "[magazine]" not in left
    assert main(["check", str(target)]) == 0


def test_without_options_or_previous_issue_stand_ins_are_listed(tmp_path: Path) -> None:
    source = tmp_path / "new.md"
    source.write_text(SOURCE, encoding="utf-8")
    target = tmp_path / "draft"
    assert main(["import", str(source), "-o", str(target)]) == 0
    left = left_for_a_person(target)
    assert "[issue numbers] issue serial, year, number guessed (stand-ins" in left
    assert "[magazine] magazine title unknown" in left
    assert "[sections] no sections known" in left
    assert main(["check", str(target)]) == 0


def test_section_headings_over_the_articles(tmp_path: Path) -> None:
    source = tmp_path / "new.md"
    source.write_text(
        "# 2024年第4期\n\n# 关注 Concerns\n\n## 第一篇\n\n正文一。\n\n## 第二篇\n\n正文二。\n\n"
        "# 新栏目\n\n## 第三篇\n\n正文三。\n",
        encoding="utf-8",
    )
    target = tmp_path / "draft"
    assert main(["import", str(source), "-o", str(target), "--year", "2024"]) == 0
    manifest = yaml.safe_load((target / "issue.yaml").read_text(encoding="utf-8"))
    assert manifest["sections"] == [
        {"id": "section-1", "name": "关注", "english": "Concerns"},
        {"id": "section-2", "name": "新栏目"},
    ]
    assert [a["section"] for a in manifest["articles"]] == ["section-1", "section-1", "section-2"]
    assert "[file title] L1: `2024年第4期`" in left_for_a_person(target)
    assert main(["check", str(target)]) == 0


def test_markdown_odds_and_ends() -> None:
    draft = build_draft(
        "## 标题\n\n- 第一条要点。\n- 第二条要点。\n\n![调研现场](photo.png)\n\n"
        "2. 不从1开始的编号。\n\n这是**没有闭合的粗体。\n\n## 只有标题\n\n## 下一篇\n\n正文。\n"
    )
    first, second = draft.articles
    kinds = [(item.kind, item.text) for item in first.items]
    assert kinds[:4] == [
        ("title", "标题"),
        ("para", "第一条要点。"),
        ("para", "第二条要点。"),
        ("image", "调研现场"),
    ]
    assert kinds[4] == ("para", "2. 不从1开始的编号。")
    assert kinds[5] == ("para", "这是\\*\\*没有闭合的粗体。")
    assert second.items[0].kind == "series" and second.items[0].text == "只有标题"
    topics = {q.topic for q in draft.log.questions}
    assert {"image", "list number", "unbalanced bold", "heading without text"} <= topics


def test_inline_markdown_and_tables_become_markup() -> None:
    draft = build_draft(
        "## 标题\n\n详见[市住建局网站](http://zjj.harbin.gov.cn/a?id=1)。开发*专项信贷*产品，"
        "`注意`：![图](a.png)遵医嘱。\n\n| 项目 | 数量 |\n|---|---|\n| 老旧小区 | 1200 |\n"
    )
    (article,) = draft.articles
    texts = [item.text for item in article.items[1:]]
    assert texts == [
        "详见市住建局网站（http://zjj.harbin.gov.cn/a?id=1）。开发**专项信贷**产品，注意：图遵医嘱。",
        "项目 | 数量",
        "老旧小区 | 1200",
    ]
    assert "table" in {q.topic for q in draft.log.questions}


def test_ocr_kicker_never_ends_in_a_colon() -> None:
    blocks = read_blocks("## 标题\n\n记者发现：\n\n正文第一段。\n")
    article = parse_article(blocks, ChangeLog())
    assert [item.kind for item in article.items] == ["title", "para", "para"]
    blocks = read_blocks("## 标题\n\n市政协召开推进会\n\n正文第一段。\n")
    assert [item.kind for item in parse_article(blocks, ChangeLog()).items][:2] == [
        "title",
        "kicker",
    ]
