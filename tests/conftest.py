"""Shared fixtures: the reference issue built once per test session (composed and written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.compose.document import BuildResult, compose_issue
from layout.content.stats import article_text
from layout.fonts.metrics import FontMetrics
from layout.fonts.registry import FontRegistry
from layout.manifest import load_issue
from layout.render.pdf import write_pdf
from layout.style.load import load_style

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "issues" / "2024-03"
FIXTURE = ROOT / "tests" / "fixtures" / "issue-valid"
SHARED_TOOLS = ROOT.parent / "shared" / "tools"


@pytest.fixture(scope="session")
def fonts() -> FontRegistry:
    return FontRegistry.load()


def build(folder: Path, fonts: FontRegistry) -> BuildResult:
    issue = load_issue(folder)
    return compose_issue(issue, load_style(issue.meta.style), FontMetrics(fonts))


@pytest.fixture(scope="session")
def reference(fonts: FontRegistry) -> BuildResult:
    return build(REFERENCE, fonts)


@pytest.fixture(scope="session")
def reference_pdf(reference: BuildResult, fonts: FontRegistry, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reference") / "issue.pdf"
    write_pdf(reference.document, fonts, path, variant="print", date="2024-04-25")
    return path


@pytest.fixture(scope="session")
def reference_text(tmp_path_factory) -> Path:
    """The article texts, the checker's --ref."""
    issue = load_issue(REFERENCE)
    path = tmp_path_factory.mktemp("ref") / "articles.txt"
    path.write_text("\n".join(article_text(a.content) for a in issue.articles), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def build_issue(fonts: FontRegistry):
    """Compose any issue folder with the session's fonts."""
    return lambda folder: build(folder, fonts)


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    return REFERENCE
