"""Images across the columns in the middle of an article (`@image … cols=2` in a two-column
section, issue 11): the text before the image is balanced above it, the image spans the type
area at the row where both columns can break, and the text continues below it; an image with
no room left on its page heads the next page while the text runs on."""

from __future__ import annotations

from issue_edits import edit, issue_copy, time_limit

from layout.compose.columns import Piece
from layout.compose.document import compose_issue
from layout.compose.flow import Flow, StoryRequest
from layout.compose.slab import Slab
from layout.compose.story import Story
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.render.model import ImageBox
from layout.style.load import load_style

STYLE = load_style("hrb-zhengxie")
LINES = STYLE.grid.lines  # rows of a column


def _story(before: int, image_rows: int, after: int) -> Story:
    """A title, one paragraph of `before` lines, a spanning image, one of `after` lines."""
    stream = [Slab(1, body_line=True, kind="line") for _ in range(before + after)]
    pieces = [Piece(1, 0, i, before) for i in range(before)]
    pieces += [Piece(1, 1, i, after) for i in range(after)]
    image = Slab(image_rows, [ImageBox(0, 0, STYLE.grid.width, 10)], kind="image")
    return Story(
        head=[Slab(3, kind="title")], stream=stream, pieces=pieces, spans=[(before, image)]
    )


def _pour(story: Story):
    flow = Flow(STYLE, 1)
    with time_limit(20):
        placement = flow.add(StoryRequest("a", "s", "t", story, 2, 0, True), True)
    rows = {id(p.slab): (p.page.folio, round((p.y - p.page.frame.row_top(0)) / STYLE.grid.pitch))
            for p in placement.placed}  # fmt: skip
    columns = {id(p.slab): p.x for p in placement.placed}
    return flow, placement, rows, columns


def test_the_text_above_is_balanced_and_the_image_follows_it():
    story = _story(before=20, image_rows=12, after=30)
    flow, placement, rows, columns = _pour(story)
    image = story.spans[0][1]
    # 20 lines in two columns: 10 rows each, below the 3-row title
    assert rows[id(image)] == (1, 3 + 10)
    assert columns[id(image)] == flow.pages[0].frame.left
    first_after = story.stream[20]
    assert rows[id(first_after)] == (1, 3 + 10 + 12)  # the text continues right below it
    assert columns[id(first_after)] == flow.pages[0].frame.column_left(0)
    assert {rows[id(s)] for s in story.stream[:10]} == {(1, r) for r in range(3, 13)}
    assert placement.rows == (3 + 12) * 2 + 50


def test_an_image_with_no_room_heads_the_next_page_and_the_text_runs_on():
    before = 2 * (LINES - 3) - 4  # fills the first page but for two rows in each column
    story = _story(before=before, image_rows=12, after=40)
    flow, placement, rows, columns = _pour(story)
    image = story.spans[0][1]
    assert rows[id(image)] == (2, 0)
    assert columns[id(image)] == flow.pages[1].frame.left
    # the first page is full: the text after the image's anchor filled its last rows
    first_page_lines = [s for s in story.stream if rows[id(s)][0] == 1]
    assert len(first_page_lines) == 2 * (LINES - 3)
    # on the next page the text starts below the image
    assert min(rows[id(s)][1] for s in story.stream if rows[id(s)][0] == 2) == 12


def test_spans_in_a_row_and_at_the_end():
    stream = [Slab(1, body_line=True, kind="line") for _ in range(8)]
    pieces = [Piece(1, 0, i, 8) for i in range(8)]
    images = [Slab(6, kind="image"), Slab(6, kind="image"), Slab(6, kind="image")]
    story = Story(
        [Slab(3, kind="title")],
        stream,
        pieces,
        spans=[(4, images[0]), (4, images[1]), (8, images[2])],
    )
    _, placement, rows, _ = _pour(story)
    assert [rows[id(s)] for s in images] == [(1, 3 + 2), (1, 3 + 2 + 6), (1, 3 + 2 + 12 + 2)]
    assert len(placement.placed) == 1 + 8 + 3


def test_a_mid_article_cols_2_image_spans_the_columns_in_an_issue(tmp_path, fonts, monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")
    folder = issue_copy(tmp_path)
    roundup = folder / "articles" / "p10-roundup.txt"
    prose = "市政协委员围绕优化营商环境深入企业社区开展调研，提出意见建议。" * 8
    image = "@image hall.jpg cols=2 lines=8 placeholder : 会场"
    edit(roundup, lambda t: t.replace("办公厅组织召开会议。", f"{prose}\n\n{image}\n\n{prose}"))
    issue = load_issue(folder)
    with time_limit(30):
        result = compose_issue(issue, load_style(issue.meta.style), FontMetrics(fonts))
    boxes = [
        item
        for page in result.document.pages
        for item in page.items
        if isinstance(item, ImageBox)
        and "hall.jpg" in item.label
        and item.source
        and item.source.path == roundup
    ]
    assert boxes and abs(boxes[-1].width - STYLE.grid.width) < 0.01
    # (compose_issue has checked that every slab is placed once and every character printed)
