from layout.importer.article import display_lines
from layout.importer.source import read_blocks
from layout.importer.split import prepare, split_articles

SOURCE = """## 第一篇 标题

副题一行

正文。

(市政协全媒体工作室)

市政协十四届三次会议书面发言摘登

# 提高城市基础设施利用率 高效提升城市功能品质

□民革哈尔滨市委员会

## 【建言背景】

背景。会议还研究了其他事项。 (哈尔滨日报)

## 下一篇
"""


def test_articles_end_at_source_lines_and_keep_series_labels() -> None:
    groups = split_articles(prepare(read_blocks(SOURCE)))
    firsts = [g[0].text for g in groups]
    assert firsts == ["第一篇 标题", "市政协十四届三次会议书面发言摘登", "下一篇"]
    assert groups[1][-1].text == "(哈尔滨日报)"  # an inline source is split off


def test_title_display_lines() -> None:
    assert display_lines("发展农业新质生产力 助推农机装备产业发展") == [
        "发展农业新质生产力",
        "助推农机装备产业发展",
    ]
    assert display_lines("昭昭前事 勿忘国耻 砥砺前行") == ["昭昭前事 勿忘国耻 砥砺前行"]
