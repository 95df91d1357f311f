"""Composed paragraphs remembered between builds give the very same pages."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import layout.compose.setter as setter_module
from layout.compose.document import compose_issue
from layout.compose.memo import (
    BadEntry,
    CompositionMemo,
    _pack,
    composer_fingerprint,
    spec_key,
    unpack_checked,
)
from layout.fonts.cache import RecordCache
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.render.trace import trace_document
from layout.style.load import load_style
from layout.text.compose import compose_paragraph
from layout.text.metrics import FixedMetrics
from layout.text.model import ParagraphSpec, Run

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "issue-valid"


def test_key_depends_on_everything_that_changes_lines():
    base = ParagraphSpec((Run("中文段落", "body"),), 24.0)
    variants = [
        ParagraphSpec((Run("中文段落。", "body"),), 24.0),
        ParagraphSpec((Run("中文段落", "bold"),), 24.0),
        ParagraphSpec((Run("中文段落", "body"),), 23.0),
        ParagraphSpec((Run("中文段落", "body"),), 24.0, indent=0.0),
        ParagraphSpec((Run("中文段落", "body"),), 24.0, align="ragged"),
        ParagraphSpec((Run("中文段落", "body"),), 24.0, trim_open_at_line_start=False),
    ]
    keys = {spec_key(v) for v in variants}
    assert spec_key(base) not in keys and len(keys) == len(variants)


def test_rebuild_from_memo_is_identical_and_composes_nothing(tmp_path, fonts, monkeypatch):
    issue = load_issue(FIXTURE)
    style = load_style(issue.meta.style)
    cache = RecordCache(tmp_path)
    fingerprint = composer_fingerprint([fonts.face(r).ref.path for r in fonts.roles])

    first = CompositionMemo(cache, "fixture", fingerprint)
    before = trace_document(compose_issue(issue, style, FontMetrics(fonts), first).document)
    first.save()

    calls = []
    real = setter_module.compose_paragraph
    monkeypatch.setattr(
        setter_module,
        "compose_paragraph",
        lambda spec, metrics: calls.append(spec) or real(spec, metrics),
    )
    second = CompositionMemo(cache, "fixture", fingerprint)
    after = trace_document(compose_issue(issue, style, FontMetrics(fonts), second).document)
    assert after == before
    assert calls == []


def test_damaged_memo_is_a_miss(tmp_path):
    cache = RecordCache(tmp_path)
    memo = CompositionMemo(cache, "x", "f")
    (tmp_path / "compose").mkdir()
    (tmp_path / "compose" / f"{memo.key}.bin").write_bytes(b"garbage")
    again = CompositionMemo(cache, "x", "f")
    assert again.known == {}


# --- a memo cannot lie (issue 8) ----------------------------------------------------------------

PIECES = (
    list("中文字体排版测试会")
    + list("，。、“”（）《》—")
    + ["——", "abc", "Word", "2024", " ", "  "]
)
PIECES += ["\u3000", "\t", "https://a.example/b.c"]
SETTINGS = settings(max_examples=150, deadline=None)
METRICS = FixedMetrics(latin=0.5)

run_st = st.builds(
    Run,
    st.lists(st.sampled_from(PIECES), min_size=0, max_size=12).map("".join),
    st.sampled_from(["body", "bold", "kai"]),
    st.sampled_from([1.0, 0.8]),
)
spec_st = st.builds(
    ParagraphSpec,
    st.lists(run_st, min_size=1, max_size=4).map(tuple),
    st.sampled_from([4.0, 7.5, 12.0, 24.0]),
    st.sampled_from([0.0, 2.0]),
    st.sampled_from(["justify", "ragged", "center", "right"]),
    st.booleans(),
)


@SETTINGS
@given(spec_st)
def test_every_fresh_composition_passes_the_check(spec):
    """No false alarm: what the composer made is what the check accepts (else every warm build
    would compose again)."""
    paragraph = compose_paragraph(spec, METRICS)
    assert unpack_checked(_pack(paragraph), spec) == paragraph
    assert marshal.loads(marshal.dumps(_pack(paragraph))) == _pack(paragraph)


def _entry(last: str = "中文字体") -> tuple[ParagraphSpec, tuple]:
    """A three-run paragraph (two fonts, Latin word spaces) and its memo entry."""
    runs = (Run("会议，Word ", "body"), Run("会。", "bold"), Run(last, "body"))
    spec = ParagraphSpec(runs, 5.0)
    return spec, _pack(compose_paragraph(spec, METRICS))


def _glyph_column(entry: tuple, column: int, change) -> tuple:
    glyphs = list(entry[0])
    glyphs[column] = tuple(change(list(glyphs[column])))
    return (tuple(glyphs), *entry[1:])


def _line_column(entry: tuple, column: int, change) -> tuple:
    lines = list(entry[1])
    lines[column] = tuple(change(list(lines[column])))
    return (entry[0], tuple(lines), *entry[2:])


def _replace(values: list, old, new) -> list:
    return [new if v == old else v for v in values]


def _swap_first_two(values: list) -> list:
    return [values[1], values[0], *values[2:]]


MUTATIONS = {
    "会 became 假": lambda e: _glyph_column(e, 0, lambda t: _replace(t, "会", "假")),
    "two glyphs swapped": lambda e: _glyph_column(e, 0, _swap_first_two),
    "a glyph's text emptied": lambda e: _glyph_column(e, 0, lambda t: ["", *t[1:]]),
    "a glyph's text not a str": lambda e: _glyph_column(e, 0, lambda t: [7, *t[1:]]),
    "a character added": lambda e: _glyph_column(e, 0, lambda t: [t[0] + "会", *t[1:]]),
    "a glyph in another font": lambda e: _glyph_column(e, 3, lambda f: ["kai", *f[1:]]),
    "a glyph at another scale": lambda e: _glyph_column(e, 4, lambda s: [0.5, *s[1:]]),
    "x not a number": lambda e: _glyph_column(e, 1, lambda x: ["0", *x[1:]]),
    "x not finite": lambda e: _glyph_column(e, 1, lambda x: [float("nan"), *x[1:]]),
    "a width infinite": lambda e: _glyph_column(e, 2, lambda w: [float("inf"), *w[1:]]),
    "an offset None": lambda e: _glyph_column(e, 5, lambda o: [None, *o[1:]]),
    "a glyph column short": lambda e: _glyph_column(e, 2, lambda w: w[:-1]),
    "a seventh glyph column": lambda e: ((*e[0], e[0][0]), *e[1:]),
    "glyph columns a list": lambda e: (list(e[0]), *e[1:]),
    "an empty line": lambda e: _line_column(e, 0, lambda c: [*c[:-1], 0, c[-1]]),
    "a line count off": lambda e: _line_column(e, 0, lambda c: [c[0] + 1, *c[1:]]),
    "a negative line count": lambda e: _line_column(e, 0, lambda c: [-c[0], *c[1:]]),
    "is_last not a bool": lambda e: _line_column(e, 4, lambda c: [1, *c[1:]]),
    "a line start a float": lambda e: _line_column(e, 2, lambda c: [0.5, *c[1:]]),
    "a line width a str": lambda e: _line_column(e, 1, lambda c: ["10", *c[1:]]),
    "another measure": lambda e: (*e[:2], e[2] + 1, *e[3:]),
    "warnings a str": lambda e: (*e[:4], "warning"),
    "a sixth field": lambda e: (*e, ()),
    "the old per-glyph layout": lambda e: ((), e[2], e[3], e[4]),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_an_edited_entry_is_rejected(mutation):
    spec, entry = _entry()
    assert unpack_checked(entry, spec)  # the original is accepted
    with pytest.raises(BadEntry):
        unpack_checked(MUTATIONS[mutation](entry), spec)


def test_an_entry_of_another_paragraph_is_rejected():
    spec, entry = _entry()
    other, _ = _entry("中文字休")
    with pytest.raises(BadEntry):
        unpack_checked(entry, other)


marshallable = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=4)
    | st.binary(max_size=4),
    lambda inner: st.lists(inner, max_size=6).map(tuple) | st.lists(inner, max_size=6),
    max_leaves=40,
)


@SETTINGS
@given(marshallable)
def test_entries_of_any_other_shape_are_rejected_not_raised(value):
    spec, _ = _entry()
    with pytest.raises(BadEntry):
        unpack_checked(value, spec)


def _memo_build(cache: RecordCache, fonts) -> tuple[list, CompositionMemo]:
    issue = load_issue(FIXTURE)
    fingerprint = composer_fingerprint([fonts.face(r).ref.path for r in fonts.roles])
    memo = CompositionMemo(cache, "fixture", fingerprint)
    style = load_style(issue.meta.style)
    trace = trace_document(compose_issue(issue, style, FontMetrics(fonts), memo).document)
    memo.save()
    return trace, memo


def _rewrite_entries(cache: RecordCache, key: str, change) -> int:
    """Edit every entry with `change` and store the record with a correct hash (an edit that
    the hash cannot catch); the number of entries changed."""
    meta, payload = cache.get(CompositionMemo.KIND, key)
    entries = marshal.loads(payload)  # each entry marshalled on its own
    edited = {k: marshal.dumps(change(marshal.loads(v))) for k, v in entries.items()}
    cache.put(CompositionMemo.KIND, key, meta, marshal.dumps(edited))
    return sum(edited[k] != entries[k] for k in entries)


def _hui_to_jia(value: object) -> object:
    """Every glyph text 会 of an entry made 假 (whatever the entry's layout)."""
    if isinstance(value, tuple):
        return tuple(map(_hui_to_jia, value))
    return "假" if value == "会" else value


def test_hui_turned_jia_in_a_rehashed_memo_is_composed_again(tmp_path, fonts):
    cache = RecordCache(tmp_path)
    clean, memo = _memo_build(cache, fonts)
    assert "会" in str(clean)
    assert _rewrite_entries(cache, memo.key, _hui_to_jia) > 0

    again, memo = _memo_build(cache, fonts)
    assert again == clean and "假" not in str(again)
    assert memo.rejected > 0
    # the record was replaced: the next build takes everything from the memo, unedited
    third, memo = _memo_build(cache, fonts)
    assert third == clean and memo.rejected == 0 and len(memo.known) == len(memo.used)


@pytest.mark.parametrize(
    "payload",
    [
        marshal.dumps([1, 2, 3]),
        marshal.dumps({b"k" * 16: (1,)}),
        marshal.dumps("not a dict"),
        b"\xff\x00 not marshal",
    ],
)
def test_a_memo_record_of_another_shape_is_a_miss(tmp_path, fonts, payload):
    cache = RecordCache(tmp_path)
    clean, memo = _memo_build(cache, fonts)
    cache.put(CompositionMemo.KIND, memo.key, {"entries": 1}, payload)
    again, _ = _memo_build(cache, fonts)
    assert again == clean


def test_an_entry_that_does_not_unmarshal_is_a_miss(tmp_path, fonts):
    cache = RecordCache(tmp_path)
    clean, memo = _memo_build(cache, fonts)
    meta, payload = cache.get(CompositionMemo.KIND, memo.key)
    entries = marshal.loads(payload)
    broken = next(iter(entries))
    entries[broken] = entries[broken][: len(entries[broken]) // 2]  # cut short
    cache.put(CompositionMemo.KIND, memo.key, meta, marshal.dumps(entries))
    again, memo = _memo_build(cache, fonts)
    assert again == clean and memo.rejected == 1


def test_every_entry_of_another_shape_is_a_miss(tmp_path, fonts):
    cache = RecordCache(tmp_path)
    clean, memo = _memo_build(cache, fonts)
    _rewrite_entries(cache, memo.key, lambda entry: entry[:4])
    again, memo = _memo_build(cache, fonts)
    assert again == clean and memo.rejected == len(memo.used)
