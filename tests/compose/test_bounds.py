"""Blocks too big for their place are errors at their source, never an endless page loop or text
off the page (issue #8). Every build here runs under a time limit: before the fix, several of
these inputs made the page composer loop for minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from issue_edits import edit, issue_copy, line_of, time_limit

from layout.compose import accounting
from layout.compose.bounds import find_char, find_key
from layout.compose.columns import Piece
from layout.compose.document import IssueComposer, compose_issue
from layout.compose.flow import Flow, StoryRequest
from layout.compose.report import flatten
from layout.compose.slab import Slab
from layout.compose.story import Story
from layout.errors import LayoutError, Location
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.style.load import load_style

SECONDS = 20  # a build of the small fixture takes well under a second


@pytest.fixture(autouse=True)
def one_process(monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")  # the loops were endless in a single process too


@pytest.fixture
def compose(fonts):
    metrics = FontMetrics(fonts)

    def run(folder: Path):
        issue = load_issue(folder)
        with time_limit(SECONDS):
            return compose_issue(issue, load_style(issue.meta.style), metrics)

    return run


def fails_at(compose, folder: Path, path: Path, line: int, *words: str) -> LayoutError:
    """Composing `folder` fails with an error at `path:line` whose message has `words`."""
    with pytest.raises(LayoutError) as caught:
        compose(folder)
    # all errors of the issue come together: the one looked for is among them
    found = [e for e in flatten(caught.value) if e.location and e.location.path == path]
    error = next((e for e in found if e.location.line == line), found[0] if found else None)
    assert error is not None and error.location is not None, str(caught.value)
    assert (error.location.path, error.location.line) == (path, line), str(error)
    for word in words:
        assert word in str(error), str(error)
    return error


def speech(folder: Path) -> Path:
    return folder / "articles" / "p06-speech.txt"


def news(folder: Path) -> Path:
    return folder / "articles" / "p04-nongji.txt"


# -- blocks taller than a page: were endless loops ------------------------------------------


def test_title_of_1000_characters(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(
        speech(folder), lambda t: t.replace("# 凝心聚力 共谋发展", "# " + "凝心聚力共谋发展" * 125)
    )
    error = fails_at(compose, folder, speech(folder), 2, "the title", "lines tall", "a page holds")
    assert error.location.column == 3  # the title text, after "# "


def test_200_title_lines(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(
        speech(folder), lambda t: t.replace("# 凝心聚力 共谋发展", "\n".join(["# 凝心聚力"] * 200))
    )
    fails_at(compose, folder, speech(folder), 2, "the title (# lines) is")


def test_num_of_2000_digits(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(speech(folder), lambda t: t.replace("@num 1", "@num " + "1234567890" * 200))
    line = line_of(speech(folder), "@num")
    fails_at(compose, folder, speech(folder), line, "the @num mark is", "a column holds 43")


def test_contents_entry_taller_than_a_column(tmp_path, compose):
    folder = issue_copy(tmp_path)
    title = "[" + ", ".join(["发展农业新质生产力助推农机装备产业发展" * 10] * 10) + "]"
    edit(
        folder / "issue.yaml",
        lambda t: t.replace(
            "toc_title: [发展农业新质生产力 助推农机装备产业发展]", f"toc_title: {title}"
        ),
    )
    line = line_of(folder / "issue.yaml", "toc_title: [")
    error = fails_at(
        compose, folder, folder / "issue.yaml", line, "the contents entry is", "lines tall"
    )
    assert error.location.column == 5  # at the toc_title key


# -- silent losses: now errors at the block ------------------------------------------------


def test_byline_of_5000_characters(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(news(folder), lambda t: t.replace("@byline □本刊记者", "@byline " + "本刊记者采访" * 833))
    line = line_of(news(folder), "@byline")
    fails_at(compose, folder, news(folder), line, "the @byline is", "a page holds 40")


def test_caption_of_3000_characters(tmp_path, compose):
    folder = issue_copy(tmp_path)
    image = "@image visit.png lines=10 placeholder : " + "调研组在企业考察" * 375 + "\n\n"
    edit(news(folder), lambda t: t.replace("@box", image + "@box", 1))
    line = line_of(news(folder), "调研组在企业考察调研组")
    fails_at(compose, folder, news(folder), line, "the image slot with its caption is")


def test_image_slot_and_caption_taller_than_a_column(tmp_path, compose):
    folder = issue_copy(tmp_path)
    image = "@image visit.png lines=42 placeholder : 调研组在企业考察\n\n"
    edit(news(folder), lambda t: t.replace("@box", image + "@box", 1))
    line = line_of(news(folder), "lines=42")
    fails_at(compose, folder, news(folder), line, "44 lines tall but a column holds 43")


def test_float_waits_for_a_page_with_room(tmp_path, compose):
    """A tall image anchored below the article's head goes to the top of the next page's last
    column; it used to be placed beside its anchor and run off the foot of the page."""
    folder = issue_copy(tmp_path)
    body = "\n\n".join(
        ["这次会议是在二〇二四年召开的一次重要会议，全市农机总动力达到万千瓦。" * 3] * 40
    )
    image = "@image visit.png cols=1 lines=38 placeholder : 调研组在企业考察"
    edit(speech(folder), lambda t: t.replace("@num 1", image + "\n\n@num 1") + "\n" + body)
    result = compose(folder)
    foot = 24 * 72 / 25.4 + 42 * 16 + 9.5  # the top margin and the grid's height
    slots = [
        (page.label, item)
        for page in result.document.pages[2:-2]  # the flowed pages
        for item in page.items
        if type(item).__name__ == "ImageBox"
    ]
    assert any(slot.height > 37 * 16 for _, slot in slots)  # this one is among them
    for label, slot in slots:
        assert slot.y + slot.height <= foot + 0.01, label


def test_colophon_with_3000_fields(tmp_path, compose):
    folder = issue_copy(tmp_path)
    fields = "\n".join(f"    - {{label: 主任, value: 王镜铭{i}}}" for i in range(3000))
    edit(folder / "issue.yaml", lambda t: t.replace("    - {label: 主任, value: 王镜铭}", fields))
    error = fails_at(
        compose,
        folder,
        folder / "issue.yaml",
        line_of(folder / "issue.yaml", "王镜铭49}") + 1,
        "the colophon page holds",
        "do not fit",
    )
    assert "holds 50 of its 3001 fields" in str(error)


def test_colophon_value_wider_than_its_column(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(
        folder / "issue.yaml",
        lambda t: t.replace("value: 王镜铭}", "value: " + "王镜铭" * 40 + "}"),
    )
    line = line_of(folder / "issue.yaml", "王镜铭王镜铭")
    fails_at(compose, folder, folder / "issue.yaml", line, "the colophon value", "mm wide")


def gallery(folder: Path, works: int, bio: str = "哈尔滨市美术家协会会员。") -> Path:
    """Add a back-cover gallery article with `works` works."""
    path = folder / "articles" / "back.txt"
    parts = ["# 书画作品选登", ""]
    for n in range(works):
        parts += [
            f"@work 《作品{n}》",
            "@artist 刘 森",
            f"@bio {bio}",
            f"@image work{n}.jpg lines=8 placeholder : 《作品{n}》",
            "",
        ]
    path.write_text("\n".join(parts), encoding="utf-8")
    entry = (
        "  - {id: back, section: dongtai, file: articles/back.txt, form: gallery, in_toc: false}\n"
    )
    edit(folder / "issue.yaml", lambda t: t.replace("colophon:", entry + "colophon:", 1))
    return path


def test_gallery_fits_the_back_cover(tmp_path, compose):
    folder = issue_copy(tmp_path)
    gallery(folder, 2)
    result = compose(folder)
    back = result.document.pages[-1]
    printed = accounting.glyph_text(back.items)
    assert printed.count("哈尔滨市美术家协会会员") == 2


def test_gallery_longer_than_the_back_cover(tmp_path, compose):
    """It used to print the first page only, with a warning and exit 0."""
    folder = issue_copy(tmp_path)
    path = gallery(folder, 6)
    with pytest.raises(LayoutError) as caught:
        compose(folder)
    [error] = flatten(caught.value)
    assert error.location.path == path, str(error)
    assert "the back cover holds one page" in error.message
    assert "do not fit on it" in error.message


def test_items_in_a_box_keep_their_numbers(tmp_path, fonts):
    """`1.` items inside a @box printed without their numbers."""
    issue = load_issue(issue_copy(tmp_path))
    composer = IssueComposer(issue, load_style(issue.meta.style), FontMetrics(fonts))
    story = composer.story(issue.article("p04-nongji"))
    boxes = [slab for _, slab in story.floats if slab.kind == "box"]
    assert len(boxes) == 1
    assert "3.盘活存量资源。" in accounting.slab_text(boxes)


# -- error positions -------------------------------------------------------------------------


NO_FONT = "\U0001d800"  # SignWriting: no font of any fallback chain has it


def test_character_missing_from_every_font_names_its_line_and_column(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(speech(folder), lambda t: t.replace("这次会议", f"这次{NO_FONT}会议"))
    line = line_of(speech(folder), NO_FONT)
    column = speech(folder).read_text(encoding="utf-8").split("\n")[line - 1].index(NO_FONT) + 1
    error = fails_at(compose, folder, speech(folder), line, "U+1D800", "is in none of the fonts")
    assert error.location.column == column


def test_character_missing_in_a_title(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(
        speech(folder), lambda t: t.replace("# 凝心聚力 共谋发展", f"# 凝心聚力 共谋{NO_FONT}发展")
    )
    error = fails_at(compose, folder, speech(folder), 2, "U+1D800")
    assert error.location.column == len("# 凝心聚力 共谋") + 1


# -- pins ------------------------------------------------------------------------------------


def test_pin_far_beyond_the_issue(tmp_path, compose):
    """It used to add blank pages up to the pin: `page: 100000` wrote 100,008 pages."""
    folder = issue_copy(tmp_path)
    edit(
        folder / "issue.yaml",
        lambda t: t.replace("page: 4\n    pin: true", "page: 999\n    pin: true"),
    )
    line = line_of(folder / "issue.yaml", "page: 999")
    error = fails_at(compose, folder, folder / "issue.yaml", line, "pinned to page 999")
    assert error.location.column == 5  # at the page: key
    assert "remove pin: true" in error.hint


def test_pin_a_few_pages_ahead_leaves_them_empty(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(
        folder / "issue.yaml",
        lambda t: t.replace("page: 4\n    pin: true", "page: 9\n    pin: true"),
    )
    result = compose(folder)
    assert result.folios["p04-nongji"] == 9


def test_pin_not_met_warns_at_the_manifest_entry(tmp_path, compose):
    folder = issue_copy(tmp_path)
    yaml = folder / "issue.yaml"
    edit(yaml, lambda t: t.replace("form: speech\n", "form: speech\n    page: 3\n    pin: true\n"))
    result = compose(folder)
    line = line_of(yaml, "page: 3")
    warning = next(w for w in result.warnings if "p06-speech: pinned to page 03" in w)
    assert warning.startswith(f"{yaml}:{line}:5: ")


# -- work in proportion to the text -----------------------------------------------------------


class CountingPieces(list):
    """A piece list that counts how many pieces the page composer looks at."""

    looked = 0

    def __iter__(self):
        for piece in super().__iter__():
            CountingPieces.looked += 1
            yield piece

    def __getitem__(self, index):
        found = super().__getitem__(index)
        CountingPieces.looked += len(found) if isinstance(index, slice) else 1
        return found


def pour(lines: int) -> int:
    """Pieces looked at while pouring a story of `lines` body lines into two columns."""
    stream, pieces = [], CountingPieces()
    for group in range(lines // 4):
        for index in range(4):
            stream.append(Slab(1, kind="line"))
            pieces.append(Piece(1, group, index, 4))
    story = Story(head=[Slab(3, kind="title")], stream=stream, pieces=pieces)
    CountingPieces.looked = 0
    with time_limit(SECONDS):
        Flow(load_style("hrb-zhengxie"), 1).add(
            StoryRequest("a", "s", "t", story, 2, 0, True), True
        )
    return CountingPieces.looked


def test_pouring_a_story_costs_in_proportion_to_its_length():
    """Balancing used to sum the whole rest of the story on every page (quadratic: a
    5,000-paragraph article took seconds more than it should)."""
    small, large = pour(4_000), pour(16_000)
    assert large < 5 * small  # four times the lines: about four times the work, not sixteen


def test_a_slab_taller_than_a_page_ends_the_flow_with_an_error():
    """Whatever builds a story, the flow refuses a slab no page can take instead of looping."""
    location = Location(Path("articles/x.txt"), 7, 1)
    stream = [Slab(1, kind="line"), Slab(50, kind="box", location=location)]
    pieces = [Piece(1), Piece(50)]
    story = Story(head=[Slab(3, kind="title")], stream=stream, pieces=pieces)
    flow = Flow(load_style("hrb-zhengxie"), 1)
    with time_limit(SECONDS), pytest.raises(LayoutError) as caught:
        flow.add(StoryRequest("a", "s", "t", story, 2, 0, True), True)
    assert caught.value.location == location
    assert "50 lines tall but a column holds 43" in caught.value.message


def test_positions_of_a_key_and_a_character_in_a_file(tmp_path):
    yaml = tmp_path / "issue.yaml"
    yaml.write_text(
        "articles:\n  - {id: a, homepage: x, page: 9, pin: true}\n  - id: b\n    page: 3\n",
        encoding="utf-8",
    )
    assert find_key(Location(yaml, 2, 5), "page") == Location(yaml, 2, 26)  # not homepage
    assert find_key(Location(yaml, 3, 5), "page") == Location(yaml, 4, 5)
    assert find_char(Location(yaml, 2, 11), "a") == Location(yaml, 2, 18)  # in "homepage"
    assert find_char(Location(yaml, 3, 1), "≒") == Location(yaml, 3, 1)  # not there: the start
