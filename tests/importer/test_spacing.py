import pytest

from layout.importer.normalize import normalize_text
from layout.importer.spacing import (
    remove_cjk_latin_spaces,
    remove_spaces_at_full_width,
    tighten_joiners,
    tighten_run_in_numbers,
)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("2024 年", "2024年"),
        ("全年挂牌 21 个,开展界别", "全年挂牌21个,开展界别"),
        ("办理 sim 卡", "办理sim卡"),
        ("应用 5G、VR 全景", "应用5G、VR全景"),
        ("市政协 2024 年工作要点", "市政协2024年工作要点"),
    ],
)
def test_spaces_between_han_and_latin_or_digits_go(before: str, after: str) -> None:
    assert remove_cjk_latin_spaces(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "“提升城市品质 喜迎亚冬会”",  # slogan separator
        "刘 森",  # name padding
        "在全国政协十四届二次会议 闭幕会上的讲话",  # title line break
        "Key points of work",  # Latin-Latin spaces stay
    ],
)
def test_han_han_spaces_stay(text: str) -> None:
    assert remove_cjk_latin_spaces(text) == text


def test_space_beside_full_width_mark_goes() -> None:
    assert remove_spaces_at_full_width("做到这几点， 让孩子") == "做到这几点，让孩子"


def test_joiners_tighten_between_han() -> None:
    assert tighten_joiners("“委员 + 政协委员工作站”") == "“委员+政协委员工作站”"
    assert tighten_joiners("APP/ 网址导航") == "APP/网址导航"
    assert tighten_joiners("“1+3+N”") == "“1+3+N”"


def test_list_numbers() -> None:
    assert tighten_run_in_numbers("3.围绕“发展循环经济”") == "3. 围绕“发展循环经济”"
    assert tighten_run_in_numbers("艺术品位；4. 推进有关自贸区") == "艺术品位；4.推进有关自贸区"
    assert tighten_run_in_numbers("2.2025年亚洲冬季运动会") == "2.2025年亚洲冬季运动会"


def test_whole_pipeline_on_a_line() -> None:
    assert normalize_text("做到这几点, 让孩子", 1) == "做到这几点，让孩子"
    assert normalize_text("印刷日期: 2024 年 4 月 25 日", 1) == "印刷日期：2024年4月25日"
