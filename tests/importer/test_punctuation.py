import pytest

from layout.importer.punctuation import fix_backslash_slash, normalize_punctuation


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("3月15日,全国政协", "3月15日，全国政协"),
        ("包括五方面内容:1.予", "包括五方面内容：1.予"),
        ("土地;2.发展", "土地；2.发展"),
        ("各位委员、同志们!", "各位委员、同志们！"),
        ("谁偷走了你的睡眠?", "谁偷走了你的睡眠？"),
        ("党组(扩大)会议", "党组（扩大）会议"),
        ("肾上腺轴(HPA)会释放", "肾上腺轴（HPA）会释放"),
        ("准印证号:(黑)2301005号", "准印证号：（黑）2301005号"),
        ("“两个确立”,做到", "“两个确立”，做到"),
    ],
)
def test_half_width_in_cjk_text_becomes_full_width(before: str, after: str) -> None:
    assert normalize_punctuation(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "E-mail: hrbzngxzs@126.com",  # e-mail and its Latin label
        "网址 https://www.example.com/a,b 见",  # URL
        "My399.com",  # bare domain
        "电话0451-86491656",  # phone number
        "99.9%的提案已经办复",  # decimal and percentage
        "构建了“1+3+N”工作矩阵",  # 1+3+N
        "下午15:30召开",  # a time
        "共1,000人",  # thousands separator
        "1.盘活新建住宅小区存量车位",  # list number
        "20.深入推进党风廉政建设",
    ],
)
def test_exceptions_stay_ascii(text: str) -> None:
    assert normalize_punctuation(text) == text


def test_backslash_read_for_slash() -> None:
    assert fix_backslash_slash("本地 APP\\ 网址导航") == "本地 APP/ 网址导航"
    assert fix_backslash_slash("整合\\链接云闪付") == "整合/链接云闪付"
    assert fix_backslash_slash("\\# 不是标题") == "\\# 不是标题"  # a Markdown escape
