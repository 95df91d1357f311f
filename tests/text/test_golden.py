"""Golden traces of representative seed paragraphs: any change in breaking or spacing shows.

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/text/test_golden.py`
and review the diff of tests/text/golden/*.trace.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.text.compose import compose_paragraph
from layout.text.metrics import FixedMetrics
from layout.text.model import ParagraphSpec, Run
from layout.text.trace import trace_paragraph

GOLDEN = Path(__file__).parent / "golden"
METRICS = FixedMetrics(latin=0.55)

# (name, text, measure, indent, align) — texts from the seed issue, half-width marks as printed
CASES = [
    (
        "latin_and_digits",
        "多措并举解决现金支付问题。建议鼓励机场、铁路、地铁等交通站点和大型商超、3A 级以上景区"
        "设置人民币换零服务。鼓励商户配置可以刷 visa、master 等国际常用信用卡的 POS 机,"
        "探讨对于重点时期(如哈洽会、冰洽会、亚冬会等)外币刷卡产生的手续费用实行通过减免企业税费"
        "等方式补偿的方案。对于拒绝接受现金的商户,相关执法部门要根据《中国人民银行法》予以惩处。",
        24.0,
        2.0,
        "justify",
    ),
    (
        "nested_titles",
        "会议学习习近平总书记在参加江苏代表团审议时、在看望参加政协会议的民革科技界环境资源界委员"
        "时的重要讲话精神和全国两会精神,学习《中共中央、国务院关于学习运用“千村示范、万村整治”"
        "工程经验有力有效推进乡村全面振兴的意见》;研究审定《市政协深化能力作风建设“抓基层、打基础、"
        "强落实、见实效”活动实施方案》,听取各专项组工作汇报;传达《中共哈尔滨市纪委办公厅关于印发"
        "〈关于开展哈尔滨市安全生产专项监督工作的实施方案〉的通知》;审议有关人事事项。",
        17.0,
        2.0,
        "justify",
    ),
    (
        "dash_and_quotes",
        "3月3日至9日，市政协文化文史和学习委员会组织部分政协委员、市直相关部门和区、县(市)"
        "政协有关人员赴福建省部分地市，围绕“予‘老房子’以新生，给城市以未来——可持续发展视角下的"
        "历史文化建筑保护利用”开展专题考察。市政协副主席赵昱参加考察。",
        17.0,
        2.0,
        "justify",
    ),
    (
        "balanced_title",
        "加强历史文化建筑保护利用 推动文旅融合高质量发展",
        14.0,
        0.0,
        "center",
    ),
    (
        "ragged_caption",
        "2月19日,“冬之恋”——黑龙江省政协“大美龙江”书画作品展在省政协书画院展览馆开展。",
        12.0,
        0.0,
        "ragged",
    ),
]


@pytest.mark.parametrize(("name", "text", "measure", "indent", "align"), CASES)
def test_golden_trace(name, text, measure, indent, align):
    spec = ParagraphSpec(runs=(Run(text),), measure=measure, indent=indent, align=align)
    trace = trace_paragraph(compose_paragraph(spec, METRICS))
    path = GOLDEN / f"{name}.trace"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(trace, encoding="utf-8")
    assert path.exists(), f"missing {path}: run with UPDATE_GOLDEN=1"
    assert trace == path.read_text(encoding="utf-8")
