"""Composed paragraphs remembered between builds give the very same pages."""

from __future__ import annotations

from pathlib import Path

import layout.compose.setter as setter_module
from layout.compose.document import compose_issue
from layout.compose.memo import CompositionMemo, composer_fingerprint, spec_key
from layout.fonts.cache import RecordCache
from layout.fonts.metrics import FontMetrics
from layout.manifest import load_issue
from layout.render.trace import trace_document
from layout.style.load import load_style
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
