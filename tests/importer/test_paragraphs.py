from layout.importer.changes import ChangeLog
from layout.importer.draft import Item
from layout.importer.paragraphs import ends_open, rejoin, starts_mid_sentence


def para(text: str, line: int = 1) -> Item:
    return Item("para", text, line)


def texts(items: list[Item]) -> list[tuple[str, str]]:
    return [(i.kind, i.text) for i in items]


def test_open_and_closed_endings() -> None:
    assert ends_open("王沪宁总结了过去一年人民政")
    assert ends_open("同心同德、群策群力,")
    assert not ends_open("圆满完成各项议程。")
    assert not ends_open("**提升停车空间利用效率。**")
    assert not ends_open("告诉孩子：")
    assert starts_mid_sentence("质。2.多杆合一") and not starts_mid_sentence("近年来随着我市")


def test_cut_paragraph_is_rejoined() -> None:
    log = ChangeLog()
    out = rejoin([para("王沪宁总结了过去一年人民政", 253), para("协工作。他说", 255)], log)
    assert texts(out) == [("para", "王沪宁总结了过去一年人民政协工作。他说")]
    assert log.total("paragraph rejoined") == 1


def test_complete_paragraphs_stay_apart() -> None:
    items = [para("大会在雄壮的国歌声中闭幕。"), para("中国人民政治协商会议")]
    assert texts(rejoin(items)) == texts(items)


def test_running_header_is_dropped_and_text_rejoined() -> None:
    items = [
        Item("item", "7. 围绕…开展“冰城商量”专题协", 1078),
        Item("header", "| 要点 | Key points of work", 1080),
        para("商。针对群众", 1082),
    ]
    assert texts(rejoin(items)) == [("item", "7. 围绕…开展“冰城商量”专题协商。针对群众")]


def test_photo_slot_moves_after_the_rejoined_paragraph() -> None:
    log = ChangeLog()
    items = [para("今后要继续"), Item("image", "", 760), para("发挥优势，深入基层。")]
    assert texts(rejoin(items, log)) == [("para", "今后要继续发挥优势，深入基层。"), ("image", "")]
    assert log.questions  # a person checks nothing is lost under the photo


def test_sidebar_cut_into_a_word_becomes_a_box() -> None:
    items = [
        para("提升街道空间活力与宜居生活品", 959),
        Item("subhead", "【现状分析】", 961),
        para("近年来，随着我市基础设施建设不断完善，仍存在问题。", 963),
        para("质。2.多杆合一优化街道复合空间。", 966),
    ]
    out = rejoin(items)
    assert texts(out)[0] == ("para", "提升街道空间活力与宜居生活品质。2.多杆合一优化街道复合空间。")
    assert out[1].kind == "box" and out[1].text == "【现状分析】"
    assert [c.text for c in out[1].children] == [items[2].text]


def test_subhead_after_open_paragraph_without_continuation_is_left() -> None:
    items = [para("在这个基础上"), Item("subhead", "肯定鼓励孩子", 2), para("很多时候，让孩子。")]
    assert texts(rejoin(items)) == texts(items)


def test_cut_more_than_once() -> None:
    items = [para("道理,"), para("激发了爱岗敬业的"), para("工作热情。")]
    assert texts(rejoin(items)) == [("para", "道理,激发了爱岗敬业的工作热情。")]
