"""Covers, running heads and the contents page: a text too wide or too many lines for its place
is an error at its manifest entry, never text past the trim (issue #8)."""

from __future__ import annotations

import pytest
from issue_edits import edit, issue_copy, line_of, time_limit

from layout.compose.document import compose_issue
from layout.compose.report import flatten
from layout.errors import LayoutError
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.style.load import load_style


@pytest.fixture
def compose(fonts, monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")
    metrics = FontMetrics(fonts)

    def run(folder):
        issue = load_issue(folder)
        with time_limit(20):
            return compose_issue(issue, load_style(issue.meta.style), metrics)

    return run


def yaml_error(compose, folder, needle: str, *words: str) -> LayoutError:
    """Composing fails at the issue.yaml line holding `needle`, with `words` in the message."""
    yaml = folder / "issue.yaml"
    with pytest.raises(LayoutError) as caught:
        compose(folder)
    line = line_of(yaml, needle)
    # all errors of the issue come together: the one looked for is among them
    at = [e for e in flatten(caught.value) if e.location and e.location.path == yaml]
    error = next((e for e in at if e.location.line == line), at[0] if at else caught.value)
    assert error.location is not None, str(caught.value)
    assert (error.location.path, error.location.line) == (yaml, line), str(caught.value)
    for word in words:
        assert word in str(error), str(error)
    return error


def test_cover_headline_wider_than_the_cover(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(folder / "issue.yaml", lambda t: t.replace("助力振兴发展]", "助力振兴发展" * 10 + "]"))
    yaml_error(compose, folder, "award:", "the cover headline", "mm wide but has room for")


def test_magazine_title_wider_than_the_cover(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(
        folder / "issue.yaml",
        lambda t: t.replace("  title: 哈尔滨政协\n", "  title: 哈尔滨政协报刊\n", 1),
    )
    yaml_error(compose, folder, "title: 哈尔滨政协报刊", "the magazine title", "mm wide")


def test_running_head_wider_than_the_page(tmp_path, compose):
    folder = issue_copy(tmp_path)
    edit(folder / "issue.yaml", lambda t: t.replace("name: 动态,", "name: " + "动态" * 40 + ","))
    yaml_error(compose, folder, "id: dongtai", "the running head of section", "mm wide")


def test_inside_cover_with_too_many_images(tmp_path, compose):
    folder = issue_copy(tmp_path)
    images = "\n".join(["    - {placeholder: true}"] * 40)
    edit(folder / "issue.yaml", lambda t: t.replace("    - {placeholder: true}", images, 1))
    yaml_error(
        compose, folder, "heading: 省政协主席", "the inside cover has room for", "41 are given"
    )


def test_contents_feature_caption_wider_than_its_box(tmp_path, compose):
    folder = issue_copy(tmp_path)
    caption = "发展农业新质生产力" * 8
    edit(
        folder / "issue.yaml",
        lambda t: t.replace("caption: 发展农业新质生产力", f"caption: {caption}"),
    )
    yaml_error(compose, folder, "article: p04-nongji", "the featured box's text", "mm wide")


def test_cover_headline_with_more_lines_than_the_cover_holds(tmp_path, compose):
    folder = issue_copy(tmp_path)
    more = "助力振兴发展, 一, 二, 三, 四]"
    edit(folder / "issue.yaml", lambda t: t.replace("助力振兴发展]", more))
    yaml_error(compose, folder, "award:", "the cover has room for 4 headline", "7 are given")
