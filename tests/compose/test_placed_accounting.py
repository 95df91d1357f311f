"""The build's accounting: every character of the source on a printed page, inside the trim.

Each test takes a correctly composed issue, breaks one promise by hand (a slab not placed, a
page not printed, a glyph dropped, a line pushed past the trim) and checks that the accounting
names the source of the loss."""

from __future__ import annotations

import dataclasses
import time

import pytest
from issue_edits import issue_copy

from layout.compose import accounting
from layout.compose.accounting import Printed, check_issue
from layout.compose.document import IssueComposer
from layout.compose.slab import place
from layout.errors import LayoutError
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.render.model import GlyphRun
from layout.style.load import load_style


def composed(folder, fonts) -> tuple[object, Printed, FontMetrics]:
    """An issue composed up to the accounting: (issue, what was printed, metrics)."""
    issue = load_issue(folder)
    metrics = FontMetrics(fonts)
    composer = IssueComposer(issue, load_style(issue.meta.style), metrics)
    composer.check_parts()
    body = composer.flow_body(3)
    front = composer.flow_front({p.article: p.first_folio for p in body.placements})
    return issue, composer.assemble(front, body), metrics


@pytest.fixture
def fixture_issue(tmp_path, fonts, monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")
    return composed(issue_copy(tmp_path), fonts)


def speech_placement(printed: Printed):
    return next(p for p in printed.placements if p.article == "p06-speech")


def test_reference_issue_is_accounted_for_in_milliseconds(reference_dir, fonts, monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")
    issue, printed, metrics = composed(reference_dir, fonts)
    check_issue(issue, printed, metrics)  # nothing lost
    started = time.perf_counter()
    for _ in range(5):
        check_issue(issue, printed, metrics)
    each = (time.perf_counter() - started) / 5
    assert each < 0.1  # about 15 ms on the reference issue; the build takes 0.6 s


def test_fixture_issue_is_accounted_for(fixture_issue):
    check_issue(*fixture_issue)


def test_a_slab_that_was_not_placed(fixture_issue):
    issue, printed, metrics = fixture_issue
    placement = speech_placement(printed)
    lost = next(p for p in placement.placed if p.slab.kind == "line")
    placement.placed.remove(lost)
    with pytest.raises(LayoutError) as caught:
        check_issue(issue, printed, metrics)
    assert caught.value.location == lost.slab.location
    assert "characters of this line were not placed" in caught.value.message


def test_a_slab_placed_twice(fixture_issue):
    issue, printed, metrics = fixture_issue
    placement = speech_placement(printed)
    placement.placed.append(placement.placed[-1])
    with pytest.raises(LayoutError, match="were placed 2 times"):
        check_issue(issue, printed, metrics)


def test_a_page_that_is_not_printed(fixture_issue):
    issue, printed, metrics = fixture_issue
    last = speech_placement(printed).placed[-1]
    sources = [None if s is last.page else s for s in printed.sources]
    with pytest.raises(LayoutError, match="which is not printed") as caught:
        check_issue(issue, dataclasses.replace(printed, sources=sources), metrics)
    assert caught.value.location.path.name == "p06-speech.txt"


def test_characters_dropped_from_a_line(fixture_issue):
    """The story's slabs must show every character of the article's blocks."""
    issue, printed, metrics = fixture_issue
    placement = speech_placement(printed)
    line = next(slab for slab in placement.story.stream if slab.kind == "line")
    run = next(item for item in line.items if isinstance(item, GlyphRun))
    line.items[line.items.index(run)] = dataclasses.replace(run, glyphs=run.glyphs[:-3])
    with pytest.raises(LayoutError) as caught:
        check_issue(issue, printed, metrics)
    error = caught.value
    assert error.location == line.location
    assert "characters of this" in error.message and "were not placed" in error.message


def test_text_past_the_trim(fixture_issue):
    issue, printed, metrics = fixture_issue
    placed = speech_placement(printed).placed[-1]
    page = printed.document.pages[printed.sources.index(placed.page)]
    run = next(item for item in page.items if isinstance(item, GlyphRun))
    page.items.append(dataclasses.replace(run, x=run.x + page.width))
    with pytest.raises(LayoutError, match="reaches beyond the trim"):
        check_issue(issue, printed, metrics)


def test_a_placed_line_past_the_trim_is_named_by_its_block(fixture_issue):
    issue, printed, metrics = fixture_issue
    placement = speech_placement(printed)
    placed = next(p for p in placement.placed if p.slab.kind == "line")
    page = printed.document.pages[printed.sources.index(placed.page)]
    moved = place(placed.slab, placed.x, placed.y)
    for item in moved:  # the same line, as if set 40 rows further down
        page.items[page.items.index(item)] = dataclasses.replace(item, baseline=item.baseline + 640)
    placement.placed[placement.placed.index(placed)] = dataclasses.replace(placed, y=placed.y + 640)
    with pytest.raises(LayoutError, match="reaches beyond the trim") as caught:
        check_issue(issue, printed, metrics)
    assert caught.value.location == placed.slab.location


def test_a_colophon_field_missing_from_its_page(fixture_issue):
    issue, printed, metrics = fixture_issue
    page = next(p for p in printed.document.pages if p.label == "封三")
    page.items[:] = [
        item for item in page.items if "王" not in accounting.glyph_text([item])
    ]  # the field 主任 王镜铭
    with pytest.raises(LayoutError, match="colophon field") as caught:
        check_issue(issue, printed, metrics)
    assert caught.value.location == issue.colophon.fields[0].location


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_whose_accounting_fails_writes_no_pdf(tmp_path, monkeypatch, capsys, jobs):
    # `layout build` runs the accounting as the pages are drawn (on the second core when there
    # is one): its error still stops the PDF, and is told with its position
    from layout.cli import main

    monkeypatch.setenv("HRB_LAYOUT_JOBS", jobs)
    folder = issue_copy(tmp_path)

    def lost(issue, printed, metrics) -> None:
        raise LayoutError("3 characters of this paragraph were not placed", issue.location)

    monkeypatch.setattr("layout.compose.document.check_issue", lost)
    out = tmp_path / "out"
    status = main(["build", str(folder), "-o", str(out), "--quiet", "--no-report", "--no-cache"])
    assert status == 2
    assert not (out / "issue.pdf").exists()
    assert "characters of this paragraph were not placed" in capsys.readouterr().err
