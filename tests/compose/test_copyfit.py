"""Copy-fit (issue 13): the fit report plans every article (page hints, or the section's rule),
and for each overrun suggests remedies that land the article when applied; lines=auto photos
take the rows that fill their article's planned space."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from issue_edits import time_limit

from layout.compose.copyfit import Cut, choose_rows
from layout.compose.document import compose_issue, planned_by_rule
from layout.compose.story import AutoImage, auto_range
from layout.content.image_options import parse_image_options
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.style.load import load_style
from layout.style.sheet import SectionVariant

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "issues" / "2024-03"
PUNCTUATION = "。！？”）"


def _build(folder: Path, fonts):
    issue = load_issue(folder)
    with time_limit(120):
        return compose_issue(issue, load_style(issue.meta.style), FontMetrics(fonts))


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "issue"
    shutil.copytree(REFERENCE, folder)
    return folder


def _apply_cuts(folder: Path, cuts: tuple[Cut, ...]) -> None:
    """Cut each paragraph's characters from its end, keeping its closing punctuation."""
    for cut in cuts:
        path = folder / "articles" / cut.location.path.name
        lines = path.read_text(encoding="utf-8").split("\n")
        text = lines[cut.location.line - 1]
        keep = len(text) - len(text.rstrip(PUNCTUATION))
        body = text[: len(text) - keep]
        assert len(body) > cut.chars, (cut, text)
        lines[cut.location.line - 1] = body[: len(body) - cut.chars] + text[len(body) :]
        path.write_text("\n".join(lines), encoding="utf-8")


def _set_lines(folder: Path, where, old: int, new: int) -> None:
    path = folder / "articles" / where.path.name
    lines = path.read_text(encoding="utf-8").split("\n")
    assert f"lines={old}" in lines[where.line - 1]
    lines[where.line - 1] = lines[where.line - 1].replace(f"lines={old}", f"lines={new}")
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def overruns(reference):
    rows = [r for r in reference.fit if r.section == "动态" and (r.difference or 0) > 0]
    assert len(rows) >= 10
    return rows


def test_every_overrun_has_a_remedy_that_would_land_it(overruns):
    for row in overruns:
        landing = [r for r in row.remedies if r.rows >= row.difference]
        assert landing, row


def test_the_suggested_cuts_land_every_dongtai_overrun(overruns, tmp_path, fonts):
    folder = _copy(tmp_path)
    for row in overruns:
        cut = next(r for r in row.remedies if r.kind == "cut")
        _apply_cuts(folder, cut.cuts)
    after = {r.article: r for r in _build(folder, fonts).fit}
    for row in overruns:
        assert after[row.article].difference <= 0, (row.article, after[row.article])


def test_the_suggested_photo_lines_land_their_overruns(tmp_path, fonts):
    """With taller photos (12 lines instead of 7), taking lines off them lands the articles."""
    folder = _copy(tmp_path)
    for path in (folder / "articles").glob("p1*.txt"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("cols=1 lines=7 ", "cols=1 lines=12 "), encoding="utf-8")
    before = _build(folder, fonts).fit
    photos = [(row, r) for row in before for r in row.remedies if r.kind == "photo"]
    assert len(photos) >= 5
    for _, remedy in photos:
        _set_lines(folder, remedy.photo, *remedy.photo_rows)
    after = {r.article: r for r in _build(folder, fonts).fit}
    for row, _ in photos:
        assert after[row.article].difference <= 0, (row.article, after[row.article])


def test_an_article_without_hints_is_planned_by_its_section_rule():
    two_a_page = SectionVariant(2, 2, True)
    assert planned_by_rule(two_a_page, 86, 50) == 42  # less the blank row between the two
    own_pages = SectionVariant(2, 0, True)
    assert planned_by_rule(own_pages, 86, 90) == 86  # four lines onto a new page: over
    assert planned_by_rule(own_pages, 86, 150) == 172  # most of a second page: under
    assert planned_by_rule(own_pages, 86, 10) == 86


# -- lines=auto ----------------------------------------------------------------------------------


def test_lines_auto_and_ranges_parse(tmp_path):
    attrs, errors = parse_image_options(tmp_path / "a.txt", 1, " a.jpg lines=auto", 7)
    assert not errors and attrs["lines_range"] == (0, 0) and attrs["lines"] is None
    attrs, errors = parse_image_options(tmp_path / "a.txt", 1, " a.jpg lines=8..14", 7)
    assert not errors and attrs["lines_range"] == (8, 14)
    for bad in ("lines=14..8", "lines=auto..3", "lines=big"):
        _, errors = parse_image_options(tmp_path / "a.txt", 1, f" a.jpg {bad}", 7)
        assert errors and "lines=MIN..MAX" in errors[0].hint, bad


def test_auto_range_is_a_quarter_either_way():
    assert auto_range(12) == (9, 15)
    assert auto_range(4) == (4, 5)


def test_choose_rows_shrinks_until_the_article_fits_and_grows_without_passing_the_plan():
    wide = AutoImage(("a", 1), rows=12, low=9, high=15, weight=2)
    narrow = AutoImage(("a", 2), rows=8, low=6, high=10, weight=1)
    assert choose_rows([wide, narrow], -5) == {("a", 1): 10, ("a", 2): 7}  # saves 5
    assert choose_rows([wide, narrow], 3) == {("a", 1): 13, ("a", 2): 9}  # gives 3
    assert choose_rows([wide], 1) == {("a", 1): 12}  # a wide row would pass the plan
    assert choose_rows([wide], -40) == {("a", 1): 9}  # as far as the range goes


def test_lines_auto_photos_land_the_dongtai_articles(tmp_path, fonts, reference):
    folder = _copy(tmp_path)
    auto = set()
    for path in sorted((folder / "articles").glob("p*.txt")):
        text = path.read_text(encoding="utf-8")
        if "cols=1 lines=7 placeholder" in text:
            auto.add(path.stem)
            path.write_text(text.replace("lines=7 placeholder", "lines=5..9 placeholder"), "utf-8")
    before = {r.article: r.difference for r in reference.fit}
    after = {r.article: r.difference for r in _build(folder, fonts).fit}
    dongtai = {r.article for r in reference.fit if r.section == "动态"}
    assert len(auto & dongtai) >= 10
    for article in auto & dongtai:
        was, now = before[article], after[article]
        if was > 0:  # shrunk by its two spare rows, or landed
            assert now <= max(0, was - 2), (article, was, now)
        else:  # grown, but never past its plan
            assert was <= now <= 0, (article, was, now)
    for article in dongtai - auto:
        assert after[article] == before[article]
