"""The composer's character table, kept between builds, gives the very same lines and pages."""

from __future__ import annotations

import marshal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from issue_edits import issue_copy

from layout.cli import main
from layout.compose import document
from layout.compose.chartable import CharacterTable
from layout.content import model as m
from layout.fonts.cache import RecordCache
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.text.compose import compose_paragraph
from layout.text.items import (
    character_table,
    load_character_table,
    table_mark,
    table_size,
)
from layout.text.model import ParagraphSpec, Run

TEXT = "“提升城市品质”，2024 年 3 月——Harbin 会议（第 1 次）……纪要：会、议、和。"


def _compose(metrics, text: str, measure: float = 13.0):
    runs = (Run(text, "body"), Run("Bold 粗体", "bold"), Run("小字", "body", 0.8))
    return compose_paragraph(ParagraphSpec(runs, measure), metrics)


def test_a_table_taken_into_fresh_caches_gives_the_same_lines(fonts):
    measured = FontMetrics(fonts)
    first = _compose(measured, TEXT)
    table = marshal.loads(marshal.dumps(character_table(measured)))  # as kept on disk
    fresh = FontMetrics(fonts)
    assert load_character_table(fresh, table)
    assert table_size(fresh) == table_size(measured)
    assert _compose(fresh, TEXT) == first
    assert table_size(fresh) == table_size(measured)  # nothing had to be measured again


def test_a_table_since_a_mark_holds_what_was_measured_after_it(fonts):
    # what a second core sends back: the rows it measured, not those it started with
    first = FontMetrics(fonts)
    _compose(first, "中文排版，测试。")
    mark = table_mark(first)
    _compose(first, TEXT)
    later = character_table(first, since=mark)
    assert 0 < len(later[2]) and all(
        "中" not in rows and "文" not in rows for rows in later[2].values()
    )
    second = FontMetrics(fonts)
    _compose(second, "中文排版，测试。")
    assert load_character_table(second, later)
    assert character_table(second) == character_table(first)


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="中文排版会议，。、：；！？“”（）《》——……abcXYZ 0123456789", max_size=60))
def test_any_text_composes_alike_with_a_table_from_other_text(fonts, text):
    measured = FontMetrics(fonts)
    _compose(measured, TEXT)
    table = character_table(measured)
    fresh, own = FontMetrics(fonts), FontMetrics(fonts)
    load_character_table(fresh, table)
    assert _compose(fresh, text + "。") == _compose(own, text + "。")


def _single(text: str, font: str, cls: int) -> dict:
    """The single-character rows of one table for "中" in body at scale 1."""
    return {("body", 1.0): {"中": (text, font, 1.0, cls) + (0.0,) * 5 + (1, "H", "H")}}


@pytest.mark.parametrize(
    "table",
    [
        None,
        (),
        (99, {}, {}, {}),  # another format
        (2, {("body", "中"): "wide"}, {}, {}),  # an advance that is not a number
        (2, {}, _single("字", "body", 0), {}),  # a row for another character
        (2, {}, _single("中", "bold", 0), {}),  # a row of another font
        (2, {}, _single("中", "body", 99), {}),  # no such class
        (2, {}, {}, {("H", "H", False, "body", 1.0): (0.0,) * 3}),  # a junction row cut short
        (2, {}, {}, {}, {"body": ["中"]}),  # the first format's
    ],
)
def test_a_table_of_another_shape_is_refused_and_nothing_taken(fonts, table):
    metrics = FontMetrics(fonts)
    assert not load_character_table(metrics, table)
    assert table_size(metrics) == 0


def test_a_build_keeps_the_table_and_the_next_build_writes_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_CACHE", str(tmp_path / "cache"))
    issue_copy(tmp_path)
    first, second = tmp_path / "first", tmp_path / "second"
    args = ["build", str(tmp_path / "issue"), "--quiet", "--no-report", "--no-cache"]
    assert main([*args, "-o", str(first)]) == 0
    kept = list((tmp_path / "cache" / CharacterTable.KIND).glob("*.bin"))
    assert len(kept) == 1
    assert main([*args, "-o", str(second)]) == 0
    assert (second / "issue.pdf").read_bytes() == (first / "issue.pdf").read_bytes()
    # the second build met no character the table lacked: it did not write it again
    assert list((tmp_path / "cache" / CharacterTable.KIND).glob("*.bin")) == kept


def test_the_second_core_s_characters_are_kept_too(tmp_path, monkeypatch):
    # the child composing the later articles sends back what it measured, and the table the
    # build keeps has the characters of every article
    monkeypatch.setenv("HRB_LAYOUT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(document, "_SHARED_FROM", 1)  # the fixture's three articles, shared
    folder = issue_copy(tmp_path)
    args = ["build", str(folder), "-o", str(tmp_path / "out"), "--quiet", "--no-report"]
    assert main([*args, "--no-cache"]) == 0
    cache = RecordCache(tmp_path / "cache")
    (record,) = (tmp_path / "cache" / CharacterTable.KIND).glob("*.bin")
    table = cache.load(CharacterTable.KIND, record.stem, lambda meta, data: marshal.loads(data))
    measured = set().union(*(rows.keys() for rows in table[2].values()))
    last = load_issue(folder).articles[-1].content  # on the second core, when there is one
    text = "".join(block.text for block in last.walk() if block.kind == m.PARA)
    assert text and {c for c in text if "\u4e00" <= c <= "\u9fff"} <= measured
