"""The paste-hygiene rules (layout/content/hygiene.py), one by one, and what they never touch."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.content import hygiene
from layout.content.hygiene import (
    DASHES,
    ELLIPSES,
    HAN_GAPS,
    INVISIBLE,
    MARK_SPACES,
    PUNCTUATION,
    apply_rule,
    clean,
    find_edits,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("会议强调,要坚持", "会议强调，要坚持"),
        ("土地;发展", "土地；发展"),
        ("主要做法:一是", "主要做法：一是"),
        ("同志们!", "同志们！"),
        ("睡眠?", "睡眠？"),
        ("党组(扩大)会议", "党组（扩大）会议"),
        ("轴(HPA)会", "轴（HPA）会"),
        ("(1)加强", "（1）加强"),
        ("“两个确立”,做到", "“两个确立”，做到"),
        ("第3期, 共", "第3期， 共"),  # the space beside it is another rule's
    ],
)
def test_half_width_marks_next_to_chinese_become_full_width(before: str, after: str) -> None:
    assert apply_rule(PUNCTUATION, before, body=True) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("拓展......夜间", "拓展……夜间"),
        ("拓展...夜间", "拓展……夜间"),
        ("等等。。。", "等等……"),
        ("等等．．．", "等等……"),
        ("然后…他说", "然后……他说"),
        ("然后……他说", "然后……他说"),  # already right
    ],
)
def test_ellipses(before: str, after: str) -> None:
    assert apply_rule(ELLIPSES, before, body=True) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("系统工程--各部门", "系统工程——各部门"),
        ("系统工程 -- 各部门", "系统工程——各部门"),
        ("系统工程－－各部门", "系统工程——各部门"),
        ("系统工程―各部门", "系统工程——各部门"),
        ("系统工程 — 各部门", "系统工程——各部门"),
        ("系统工程——各部门", "系统工程——各部门"),
    ],
)
def test_dashes(before: str, after: str) -> None:
    assert apply_rule(DASHES, before, body=True) == after


@pytest.mark.parametrize(
    "text",
    [
        "3月10日—16日",  # a single em dash is the connecting dash of GB/T 15834
        "市政协党组—专委会履职党总支—中共党员委员",
        "使用--force参数",  # an option
        "wait... and see",  # Latin text
        "a--b",
        "1949--2024",
    ],
)
def test_dashes_and_dots_that_stay(text: str) -> None:
    assert clean(text, body=True) == text


@pytest.mark.parametrize(
    ("before", "body", "after"),
    [
        ("我们 要坚持", True, "我们要坚持"),
        ("我们  要坚持", True, "我们要坚持"),
        ("我们\u00a0要坚持", True, "我们要坚持"),
        ("我们\t要坚持", True, "我们要坚持"),
        ("“提升城市品质 喜迎亚冬会”", True, "“提升城市品质 喜迎亚冬会”"),  # a slogan
        (
            "《加强和改进人民政协工作 全面发展协商民主》",
            True,
            "《加强和改进人民政协工作 全面发展协商民主》",
        ),
        ("**提升效率 缓解压力。**1.盘活", True, "**提升效率 缓解压力。**1.盘活"),  # bold lead-in
        ("“提升城市品质\u00a0喜迎亚冬会”", True, "“提升城市品质 喜迎亚冬会”"),
        ("深入学习 结合实际", False, "深入学习 结合实际"),  # a title's display break
        ("深入学习\t结合实际", False, "深入学习 结合实际"),
        ("企业 VR 展厅", True, "企业 VR 展厅"),  # Han and Latin: the typesetter's business
    ],
)
def test_spaces_between_han(before: str, body: bool, after: str) -> None:
    assert apply_rule(HAN_GAPS, before, body) == after


def test_space_beside_a_full_width_mark_goes() -> None:
    assert apply_rule(MARK_SPACES, "做到这几点， 让孩子", True) == "做到这几点，让孩子"
    assert apply_rule(MARK_SPACES, "主任： 王镜铭", False) == "主任：王镜铭"


def test_invisible_characters_go() -> None:
    assert apply_rule(INVISIBLE, "这次\u200b会议\ufe0f是在\u2060", True) == "这次会议是在"


@pytest.mark.parametrize(
    "text",
    [
        "E-mail: hrbzngxzs@126.com",
        "网址 https://www.example.com/a,b;c?d=(1)!x... 见",
        "发送邮件至office@hrbzx.gov.cn咨询",
        "My399.com",
        "电话0451-86491656",
        "99.9%的提案已经办复",
        "种植3.8万亩",
        "构建了“1+3+N”工作矩阵",
        "下午15:30召开",
        "共1,000人",
        "Key points of work: a, b (c)!",
    ],
)
def test_never_touched(text: str) -> None:
    assert clean(text, body=True) == text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("见https://a.cn/x?(1),谢谢", "见https://a.cn/x?(1)，谢谢"),
        ("见 www.hrbzx.gov.cn, 谢谢", "见 www.hrbzx.gov.cn，谢谢"),
        ("见(http://a.cn/x),谢谢", "见（http://a.cn/x），谢谢"),
        (
            "访问https://zh.wikipedia.org/wiki/A_(b),好",
            "访问https://zh.wikipedia.org/wiki/A_(b)，好",
        ),
        ("详见[网站](http://a.gov.cn/a?id=1)。", "详见[网站](http://a.gov.cn/a?id=1)。"),
    ],
)
def test_a_url_keeps_its_marks_but_the_sentence_around_it_is_text(before: str, after: str) -> None:
    assert clean(before, True) == after


def test_each_edit_says_what_and_how() -> None:
    (edit,) = find_edits(PUNCTUATION, "会议,要", True)
    assert (edit.start, edit.end, edit.new) == (2, 3, "，")
    assert edit.what == "half-width ',' in Chinese text" and edit.fix == "write ，"


# -- properties ---------------------------------------------------------------------------------

HAN = st.sampled_from("会议强调要坚持政协委员哈尔滨𠀀")
MARKS = st.sampled_from(list(",;:!?()，。、；：！？（）“”《》…—-－.。 \t\u00a0\u200b*"))
LATIN = st.sampled_from(list("abcXYZ0123456789%+@/"))
TEXT = st.lists(st.one_of(HAN, MARKS, LATIN), max_size=40).map("".join)


@SETTINGS
@given(TEXT, st.booleans())
def test_clean_is_idempotent(text: str, body: bool) -> None:
    once = clean(text, body)
    assert clean(once, body) == once


@SETTINGS
@given(TEXT, st.booleans())
def test_a_clean_text_has_no_edits(text: str, body: bool) -> None:
    once = clean(text, body)
    assert not [e for rule in hygiene.RULES for e in find_edits(rule, once, body)]


@SETTINGS
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60))
def test_latin_only_text_is_never_touched(text: str) -> None:
    assert clean(text, body=True) == text


@SETTINGS
@given(TEXT, st.sampled_from(["http://a.cn/x,y;z(1)", "me@b.org", "www.c.gov.cn/p?q=1!x"]), TEXT)
def test_urls_and_addresses_survive(before: str, address: str, after: str) -> None:
    assert address in clean(f"{before} {address} {after}", True)


@SETTINGS
@given(TEXT)
def test_han_characters_are_never_lost(text: str) -> None:
    han = [c for c in text if hygiene.is_han(c)]
    assert [c for c in clean(text, True) if hygiene.is_han(c)] == han
