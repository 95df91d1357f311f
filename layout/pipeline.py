"""The stages from an issue folder to positioned pages, shared by the commands that need them.

`layout check` runs exactly what `layout build` runs up to the PDF writer, so every error a
build can stop on is found by check first (and reported the same way, with its position).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from layout.compose.document import BuildResult, compose_issue
from layout.compose.memo import CompositionMemo, composer_fingerprint
from layout.fonts.metrics import FontMetrics
from layout.fonts.registry import FontRegistry
from layout.manifest import Issue, load_issue
from layout.style.load import load_style
from layout.style.sheet import Style


@dataclass
class Composed:
    """An issue laid out: what the PDF writer and the reports need."""

    issue: Issue
    style: Style
    fonts: FontRegistry
    result: BuildResult
    memo: CompositionMemo | None


def compose_folder(folder: Path, *, use_memo: bool = True) -> Composed:
    """Load, validate and lay out the issue in `folder`; raises LayoutError(s) with positions.

    With `use_memo`, paragraphs composed by earlier runs are taken from the cache (and the
    memo is returned so the caller can save what this run composed).
    """
    issue = load_issue(folder)
    style = load_style(issue.meta.style)
    fonts = FontRegistry.load()
    memo = None
    if use_memo:
        font_files = [fonts.face(role).ref.path for role in fonts.roles]
        memo = CompositionMemo(fonts.cache, str(folder.resolve()), composer_fingerprint(font_files))
    result = compose_issue(issue, style, FontMetrics(fonts), memo)
    return Composed(issue, style, fonts, result, memo)
