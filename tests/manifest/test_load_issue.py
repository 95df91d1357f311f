"""The valid fixture issue loads into the tree the page composer consumes."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from layout.cli import main
from layout.content import model as m
from layout.content.markup import parse_article, read_article
from layout.content.model import Span
from layout.content.stats import article_text, count_han
from layout.errors import LayoutErrors
from layout.manifest import load_issue

FIXTURE = Path(__file__).parents[1] / "fixtures" / "issue-valid"


@pytest.fixture(scope="module")
def issue():
    return load_issue(FIXTURE)


def test_manifest_fields(issue) -> None:
    assert issue.magazine.title == "哈尔滨政协"
    assert (issue.meta.serial, issue.meta.year, issue.meta.number) == (161, 2024, 3)
    assert issue.meta.print_date == date(2024, 4, 25)
    assert issue.cover.headline == ("加强协同联动 提升协商质效", "助力振兴发展")
    assert issue.cover.image.placeholder and issue.cover.image.file is None
    assert [s.file for s in issue.inside_cover.images] == ["visit.png", None]
    assert issue.toc_feature.article == "p04-nongji"
    assert [(s.id, s.columns) for s in issue.sections] == [("guanzhu", 3), ("dongtai", 2)]
    assert [a.id for a in issue.articles_in("guanzhu")] == ["p04-nongji", "p06-speech"]
    assert issue.colophon.fields[1].value == ("蒋少峰 赵炳阳 孙永斌", "关凌凯 闫生 范岩")
    assert issue.colophon.media.footer == ("哈尔滨日报 新晚报 My399.com",)
    assert issue.names[0].variants == ("孙琿", "孙坤")


def test_article_entry_defaults_and_locations(issue) -> None:
    p04, p06, p10 = issue.articles
    assert (p04.page, p04.pin, p04.in_toc) == (4, True, True)
    assert p06.toc_subtitle == ("在市政协十四届三次会议闭幕会上的讲话",)
    assert (p06.page, p06.pin, p06.toc_title) == (None, False, ())
    assert p10.in_toc is False
    assert (p10.location.path.name, p10.location.line, p10.location.column) == (
        "issue.yaml",
        44,
        5,
    )


def test_news_article_tree(issue) -> None:
    article = issue.article("p04-nongji").content
    assert [t.text for t in article.title] == ["发展农业新质生产力", "助推农机装备产业发展"]
    assert [t.text for t in article.kicker] == [
        "市政协农业和农村委开展调研",
        "率先建设农机装备先导区",
    ]
    assert article.byline.text == "□本刊记者"
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["image", "para", "band", "chapter", "item", "item", "box", "subhead",
                     "para", "source"]  # fmt: skip
    image, para = article.blocks[0], article.blocks[1]
    assert dict(image.attrs) == {
        "file": "visit.png",
        "cols": 2,
        "lines": 10,
        "fit": "crop",
        "crop": "center",
        "lowres": False,
        "placeholder": False,
        "caption": "调研组在企业考察",
    }
    # Han lines join without a space, Latin/digit neighbours across a line break get one.
    assert para.spans == (
        Span("3月8日，市政协主席孙琿带领调研组，走访"),
        Span("智能农机", bold=True),
        Span("企业 VR demo 展厅。"),
    )
    assert (para.location.line, para.location.column) == (9, 1)
    item = article.blocks[4]
    assert item.attrs["number"] == "1." and item.spans[0] == Span("提升装备水平。", bold=True)
    assert article.blocks[5].attrs["number"] == "2．"
    box = article.blocks[6]
    assert box.text == "【现状分析】"
    assert [(c.kind, c.text) for c in box.children] == [
        ("para", "全市农机总动力达到**万千瓦。"),
        ("item", "盘活存量资源。"),
    ]
    assert article.blocks[8].text == "# 不是标题的一行。"  # escaped marker


def test_speech_and_roundup_trees(issue) -> None:
    speech = issue.article("p06-speech").content
    assert speech.series.text == "市政协十四届三次会议"
    assert (speech.author.text, speech.date.text) == ("孙珅", "（2024年1月10日）")
    assert speech.standfirst.text == "会议圆满完成各项议程。"
    assert [b.kind for b in speech.blocks] == ["salutation", "num", "para"]
    roundup = issue.article("p10-roundup").content
    assert [b.kind for b in roundup.blocks] == ["org", "unit", "para", "work", "credit"]
    work = roundup.blocks[3]
    assert work.text == "《凤凰山写生》"
    assert [c.kind for c in work.children] == ["artist", "bio", "image"]
    assert work.children[2].attrs["placeholder"] is True


def test_names_lint_warns_with_position(issue) -> None:
    assert [str(w) for w in issue.warnings] == [
        f"{FIXTURE}/articles/p04-nongji.txt:9:11: warning: 孙琿 is a variant of 孙珅 (市政协主席)"
    ]


def test_count_han() -> None:
    assert count_han("二〇二四年 VR 3D，《凤凰山》") == 8
    assert count_han("\u3400\U00020000") == 2  # Extension A and B
    assert count_han("ＡＢ，。・") == 0


def test_article_text_counts_what_is_printed(issue) -> None:
    text = article_text(issue.article("p10-roundup").content)
    assert "各单位开展活动" in text and "《凤凰山写生》" in text and "刘 森" in text
    assert count_han(text) == count_han(text.replace("\n", ""))


def printable_copy(tmp_path: Path) -> Path:
    """The fixture with its PNG (which the print PDF refuses, so check too) as placeholders."""
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    for relative, old, new in (
        ("articles/p04-nongji.txt", "lines=10", "lines=10 placeholder"),
        ("issue.yaml", "{file: visit.png, caption: 调研现场}", "{placeholder: true}"),
    ):
        path = folder / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return folder


def test_check_prints_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["check", str(printable_copy(tmp_path))]) == 0
    out, err = capsys.readouterr()
    assert "2 sections, 3 articles" in out
    assert f"{len(err.splitlines())} warnings" in out  # the name variant, placeholders, pin ...
    assert "warning: 孙琿 is a variant of 孙珅" in err
    han = [count_han(article_text(a.content)) for a in load_issue(FIXTURE).articles]
    assert f"{han[0] + han[1]:>7,} Han" in out.splitlines()[1]
    assert f"{sum(han):,} Han" in out.splitlines()[-1]


def test_parse_article_raises_all_errors_in_file_order() -> None:
    text = "正文。\n# 迟到的标题\n@box A\n@box B\n@end\n@end\n"
    with pytest.raises(LayoutErrors) as caught:
        parse_article(Path("a.txt"), text)
    assert [str(e).split(" (")[0] for e in caught.value.errors] == [
        "a.txt:2:1: title after body text",
        "a.txt:4:1: nested @box",
        "a.txt:6:1: @end without @box",
    ]


def test_item_numbers_are_not_decimals() -> None:
    article = parse_article(Path("a.txt"), "3.8万亩土地\n\n1. 第一项\n")
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("para", "3.8万亩土地"),
        (m.ITEM, "第一项"),
    ]


def test_numbered_items_continue_or_restart_a_list() -> None:
    text = "1. 一\n2. 二\n\n### 二、章\n\n3. 三\n1. 新的一项\n"
    article = parse_article(Path("a.txt"), text)
    assert [b.attrs["number"] for b in article.blocks if b.kind == m.ITEM] == [
        "1.",
        "2.",
        "3.",
        "1.",
    ]


def test_numbered_item_outside_a_list_is_an_error() -> None:
    _, errors = read_article(Path("a.txt"), "# 题\n\n1. 一\n3. 三\n")
    assert [str(e) for e in errors] == [
        "a.txt:4:1: numbered item 3. is outside a list (the item before it is 1.) (number the "
        "items of a list 1, 2, 3 … (a list may run on across chapters), or write \\3. for text "
        "that starts with a number)"
    ]
