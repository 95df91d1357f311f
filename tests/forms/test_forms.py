"""The magazine's article forms in the reference issue: parsed structure, golden layout traces.

Structure tests read the article files through the markup parser; layout traces record every
glyph run, rule and image box of the pages a form occupies (regenerate with UPDATE_GOLDEN=1 after
a deliberate change, and look at the pages)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from layout.content import model as m
from layout.manifest import load_issue
from layout.render.trace import trace_page

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def issue():
    return load_issue(ROOT / "issues" / "2024-03")


def kinds(article, kind):
    return [b for b in article.walk() if b.kind == kind]


def test_speech(issue):
    speech = issue.article("p06")
    art = speech.content
    assert speech.form == "speech"
    assert [t.text for t in art.title] == ["在全国政协十四届二次会议", "闭幕会上的讲话"]
    assert art.author.text == "王沪宁"
    assert art.date.text == "（2024年3月10日）"
    assert [b.text for b in kinds(art, m.SALUTATION)] == ["各位委员、同志们！"] * 2
    openings = [b.text[:3] for b in kinds(art, m.PARA) if re.match("第[一二三]，", b.text)]
    assert openings == ["第一，", "第二，", "第三，"]
    assert art.blocks[-1].kind == m.SOURCE and art.blocks[-1].text == "摘自《人民政协报》"


def test_proposals(issue):
    proposals = [a for a in issue.articles if a.form == "proposal"]
    assert len(proposals) == 4
    assert proposals[0].content.series.text == "市政协十四届三次会议书面发言摘登"
    assert [p.in_toc for p in proposals] == [True, False, False, False]
    bylines = [p.content.byline.text for p in proposals]
    assert all(b.startswith("□") for b in bylines)
    assert [b[1:3] for b in bylines] == ["民革", "民盟", "民建", "民进"]
    for proposal in proposals:
        bands = [b.text for b in kinds(proposal.content, m.BAND)]
        assert bands[:2] == ["【建言背景】", "【核心建议】"]
        leads = [b for b in kinds(proposal.content, m.PARA) if b.spans and b.spans[0].bold]
        assert len(leads) >= 3 or proposal.id == "p30d"  # #4 prints its lead-ins plain
    boxes = [p.id for p in proposals if kinds(p.content, m.BOX)]
    assert boxes == ["p30a", "p30b", "p30d"]  # 现状分析 sidebars; #3 has none
    box = kinds(issue.article("p30a").content, m.BOX)[0]
    assert box.text == "【现状分析】" and box.children


def test_work_plan(issue):
    plan = issue.article("p34").content
    chapters = [b.text[:2] for b in kinds(plan, m.CHAPTER)]
    assert chapters == ["一、", "二、", "三、", "四、", "五、", "六、"]
    numbers = [int(b.attrs["number"][:-1]) for b in kinds(plan, m.ITEM)]
    assert numbers == list(range(1, 21))
    assert all(b.spans[0].bold for b in kinds(plan, m.ITEM))  # each item's lead sentence


def test_innovation_roundup(issue):
    roundup = issue.article("p38").content
    units = kinds(roundup, m.UNIT)
    assert len(kinds(roundup, m.ORG)) >= 20 and len(units) == 20
    assert roundup.blocks[-1].kind == m.CREDIT
    assert sum(1 for b in kinds(roundup, m.PARA) if b.spans and b.spans[0].bold) >= 15


def test_essays_and_health(issue):
    first = issue.article("p46")
    # the source prints this title only in the contents; the editors gave the body the same
    assert [t.text for t in first.content.title] == ["你的时间花在哪儿，", "人生的花就开在哪儿"]
    assert [b.text for b in kinds(first.content, m.NUM)] == ["1", "2", "3"]
    second = issue.article("p47").content
    assert second.standfirst.text.startswith("很多家庭不缺少爱")
    assert len(kinds(second, m.SUBHEAD)) == 3
    health = issue.article("p48").content
    assert [b.text for b in kinds(health, m.SUBHEAD)][0] == "精神心理压力"
    assert health.blocks[-1].kind == m.SOURCE


def test_gallery(issue):
    gallery = issue.article("back-gallery").content
    works = kinds(gallery, m.WORK)
    assert [w.text for w in works] == ["《凤凰山写生》", "《喜上枝头》"]
    for work in works:
        assert [c.kind for c in work.children] == [m.ARTIST, m.BIO, m.IMAGE]
    assert works[0].children[0].text == "刘 森"  # two-character name padded as printed


def test_lead_reprint(issue):
    reprint = issue.article("lead-reprint")
    assert reprint.form == "reprint" and not reprint.in_toc
    assert reprint.content.blocks[-1].text == "摘自《人民政协报》"


FORM_ARTICLES = {
    "speech": "p06",
    "proposal": "p30a",
    "workplan": "p34",
    "roundup": "p38",
    "essay": "p47",
    "health": "p48",
    "reprint": "lead-reprint",
}


@pytest.mark.parametrize("form", sorted(FORM_ARTICLES))
def test_form_layout_matches_golden_trace(form, reference):
    article = FORM_ARTICLES[form]
    folios = {row.article: (row.first_folio, row.last_folio) for row in reference.fit}
    if article in folios:
        first, last = folios[article]
        labels = {f"{n:02d}" for n in range(first, last + 1)}
    else:  # front matter: the lead reprint is page 01
        labels = {"01"}
    pages = [p for p in reference.document.pages if p.label in labels]
    assert pages
    actual = "\n".join(line for page in pages for line in trace_page(page)) + "\n"
    golden = GOLDEN / f"{form}.txt"
    if os.environ.get("UPDATE_GOLDEN") or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_gallery_layout_matches_golden_trace(reference):
    back = reference.document.pages[-1]
    assert back.label == "封四"
    actual = "\n".join(trace_page(back)) + "\n"
    golden = GOLDEN / "gallery.txt"
    if os.environ.get("UPDATE_GOLDEN") or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
