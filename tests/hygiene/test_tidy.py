"""The hygiene rules on article files (layout/content/tidy.py): which part of a markup line they
touch, full-width markers, one paragraph per line, and check and fix agreeing."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout.content.hygiene import is_han
from layout.content.tidy import (
    fix_line,
    fix_text,
    marker_edit,
    paragraph_runs,
    scan_line,
    scan_text,
    segment,
)

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("line", "part", "body"),
    [
        ("会议强调,要坚持。", "会议强调,要坚持。", True),
        ("  会议强调。 ", "会议强调。", True),
        ("# 深入学习 结合实际", "深入学习 结合实际", False),
        ("### 一、坚持", "一、坚持", False),
        ("> 市政协召开会议", "市政协召开会议", False),
        ("@source (市政协全媒体工作室)", "(市政协全媒体工作室)", False),
        ("@image p13.jpg cols=2 lines=12 placeholder : 调研(左)", "调研(左)", False),
        ("1. 加快平台(功能)完善", "加快平台(功能)完善", True),
        ("12．推进", "推进", True),
        ("\\# 不是标题,真的", "# 不是标题,真的", True),
        ("＃ 标题", "标题", False),
        ("＠source (本刊)", "(本刊)", False),
    ],
)
def test_the_text_of_a_line(line: str, part: str, body: bool) -> None:
    seg = segment(line)
    assert seg is not None and (line[seg.start : seg.end], seg.body) == (part, body)


@pytest.mark.parametrize(
    "line",
    ["", "   ", "% 注释,不改", "@image p.jpg cols=2 placeholder", "#### 太深", "@ 不是指令"],
)
def test_lines_without_text(line: str) -> None:
    assert segment(line) is None


def test_comment_and_image_options_are_never_touched() -> None:
    for line in ["% 注释,不改......", "@image a,b.jpg cols=2 placeholder", "  %\t注释 "]:
        assert fix_line(line) == line
        assert scan_line(line) == []


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("＃ 标题", "# 标题"),
        ("＃＃ 小标题", "## 小标题"),
        ("  ＃标题", "  #标题"),
        ("＠image a.jpg placeholder", "@image a.jpg placeholder"),
        ("＠source （本刊）", "@source （本刊）"),
    ],
)
def test_full_width_markers(line: str, fixed: str) -> None:
    edit = marker_edit(line)
    assert edit is not None and fix_line(line) == fixed
    (found,) = [a for a in scan_line(line, 3) if "full-width" in a.what]
    mark = line.strip()[0]
    ascii_mark = "#" if mark == "＃" else "@"
    assert found.message == (
        f"full-width {mark} at line start: did you mean the {ascii_mark} marker? "
        f"(write {ascii_mark}; layout fix does it)"
    )


@pytest.mark.parametrize(
    "line",
    ["＃两会＃ 代表委员说", "＠张三：你好", "正文里的＃号", "＠＠"],
)
def test_full_width_signs_that_are_no_markers(line: str) -> None:
    assert marker_edit(line) is None and fix_line(line) == line


WORD_PASTE = [
    "王丽华委员长期关注基层医疗卫生事业。",
    "她先后提交了十余件提案！",
    "“作为委员，就要把群众放在心上。”",
    "她这样说。",
]


def test_one_paragraph_per_line_is_found_and_split() -> None:
    (run,) = paragraph_runs(WORD_PASTE)
    assert (run.first, run.lines, run.breaks) == (0, 4, (0, 1, 2))
    fixed, changes = fix_text("\n".join(WORD_PASTE) + "\n")
    assert fixed == "\n\n".join(WORD_PASTE) + "\n"
    assert [str(c) for c in changes] == ["1:19: 。⏎ → 。⏎⏎", "2:13: ！⏎ → ！⏎⏎", "3:18: ”⏎ → ”⏎⏎"]
    (artefact,) = scan_text("\n".join(WORD_PASTE))
    assert (artefact.line, artefact.column) == (1, 1)
    assert artefact.message == (
        "4 lines run into one paragraph and 3 of them end a sentence: one paragraph per "
        "line, pasted from Word? (put a blank line between paragraphs; layout fix does it)"
    )


@pytest.mark.parametrize(
    "lines",
    [
        ["3月8日，市政协主席带领调研组，", "走访智能农机企业 VR", "demo 展厅。"],  # wrapped by hand
        ["一个段落。", "", "另一个段落。"],
        ["1. 第一项。", "2. 第二项。"],  # items are blocks of their own
        ["# 标题", "正文。"],
    ],
)
def test_paragraphs_that_are_paragraphs(lines: list[str]) -> None:
    assert paragraph_runs(lines) == []


def test_a_comment_line_does_not_end_the_paragraph() -> None:
    (run,) = paragraph_runs(["第一句。", "% 注", "第二句。"])
    assert run.breaks == (0,)


def test_fix_reports_old_and_new_with_context() -> None:
    text = "# 标题\n\n会议强调,要坚持\u00a0学习和贯彻--落实工作......全面推进。\n"
    fixed, changes = fix_text(text)
    assert fixed == "# 标题\n\n会议强调，要坚持学习和贯彻——落实工作……全面推进。\n"
    assert [str(c) for c in changes] == [
        "3:5: 调,要 → 调，要",
        "3:9: 持<NBSP>学 → 持学",
        "3:15: 彻--落 → 彻——落",
        "3:21: 作......全 → 作……全",
    ]
    # check warns at the same places
    assert [(a.line, a.column) for a in scan_text(text)] == [(3, 5), (3, 9), (3, 15), (3, 21)]


def test_line_ends_and_comment_lines_are_kept() -> None:
    text = "会议,要。\r\n% 注释,不改\r\n\r\n第二段\u200b。\r\n"
    fixed, changes = fix_text(text)
    assert fixed == "会议，要。\r\n% 注释,不改\r\n\r\n第二段。\r\n"
    assert [str(c) for c in changes] == ["1:3: 议,要 → 议，要", "4:4: 段<U+200B>。 → 段。"]


# -- check and fix agree ------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "会议", "强调", "政协", "委员", ",", ";", ":", "!", "?", "(", ")", "，", "。", "！",
        "“", "”", "《", "》", " ", "  ", "\t", "\u00a0", "\u200b", "......", "…", "--", "—",
        "－－", "99.9%", "3.8万", "1+3+N", "www.a.cn", "x@y.cn", "abc", "**", "\x1f", "\u3000",
    ]
)  # fmt: skip
STARTS = st.sampled_from(
    ["", "", "", "\t", " ", "# ", "> ", "@source ", "1. ", "% ", "＃ ", "＠source ", "\\"]
)
LINE = st.builds(lambda s, parts: s + "".join(parts), STARTS, st.lists(PIECES, max_size=12))
FILE = st.lists(st.one_of(LINE, st.just("")), max_size=10).map("\n".join)


@SETTINGS
@given(FILE)
def test_fix_is_idempotent(text: str) -> None:
    once, _ = fix_text(text)
    twice, changes = fix_text(once)
    assert twice == once and changes == []


@SETTINGS
@given(FILE)
def test_after_fix_check_finds_nothing(text: str) -> None:
    fixed, _ = fix_text(text)
    assert scan_text(fixed) == []


@SETTINGS
@given(FILE)
def test_check_warns_where_fix_changes(text: str) -> None:
    fixed, changes = fix_text(text)
    if scan_text(text):
        assert changes and fixed != text


@SETTINGS
@given(FILE)
def test_fix_keeps_every_han_character(text: str) -> None:
    fixed, _ = fix_text(text)
    assert [c for c in fixed if is_han(c)] == [c for c in text if is_han(c)]
