"""The print PDF of the reference issue (built once per session by tests/conftest.py).

Tolerant on purpose: the writer is changing (honest PDF/X keys, drafts, ICC profiles), so this
asserts what must hold whatever it writes: preflight reads the whole file, each placeholder
box is found on its page, and nothing our writer should never produce is reported."""

from __future__ import annotations

from pathlib import Path

from layout.compose.document import BuildResult
from layout.preflight import Severity, preflight
from layout.render.model import ImageBox

# Problems our writer must never make, whatever the issue holds.
NEVER = {
    "font-not-embedded",
    "colour-space",
    "box-missing",
    "box-nesting",
    "transparency",
    "content",
    "ink-limit",
    "annotation-in-trim",
    "page-count",
    "damaged",
}


def test_reference_issue(reference: BuildResult, reference_pdf: Path) -> None:
    result = preflight(reference_pdf)
    document = reference.document
    assert result.summary.pages == len(document.pages)
    labels = {n: p.label for n, p in enumerate(document.pages, start=1) if p.label != str(n)}
    assert result.summary.labels == labels  # 封一, 封二, 01, ... in the HTML report
    placeholders = {
        number: sum(1 for item in page.items if isinstance(item, ImageBox) and not item.path)
        for number, page in enumerate(document.pages, start=1)
    }
    placeholders = {number: count for number, count in placeholders.items() if count}
    found = {f.page: f for f in result.findings.items if f.code == "placeholder"}
    assert set(found) == set(placeholders)
    assert all(f.detail.startswith(f"{placeholders[p]} box") for p, f in found.items())
    assert result.summary.placeholders == sum(placeholders.values())
    severity = Severity.ERROR if result.summary.declared else Severity.WARNING
    assert {f.severity for f in found.values()} == {severity}
    assert not result.passed or not placeholders
    assert result.findings.codes(Severity.ERROR, Severity.WARNING).isdisjoint(NEVER)
    assert 0 < result.summary.ink.operators <= 300  # the red is 0/100/100/15 today
