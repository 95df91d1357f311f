"""Warnings for the characters an issue prints in a fallback font, at their source positions."""

from __future__ import annotations

from pathlib import Path

from layout.errors import Location
from layout.fonts.fallback import FALLBACK_SEPARATOR, fallback_message, fallback_uses
from layout.fonts.registry import FontRegistry
from layout.manifest import Issue
from layout.manifest.schema import LayoutWarning
from layout.render.model import Document, GlyphRun


def fallback_warnings(issue: Issue, document: Document, fonts: FontRegistry) -> list[LayoutWarning]:
    """One warning per character set in a fallback face, at its first occurrence in the
    sources (issue.yaml first, then the articles in manifest order)."""
    runs = (  # only runs in a fallback face: the others would be joined for nothing
        (item.font, "".join(text for text, _ in item.glyphs))
        for page in document.pages
        for item in page.items
        if isinstance(item, GlyphRun) and FALLBACK_SEPARATOR in item.font
    )
    uses = fallback_uses(runs)
    if not uses:
        return []
    sources = _sources(issue)
    return [
        LayoutWarning(fallback_message(use, fonts), _first(use.char, sources) or issue.location)
        for use in uses
    ]


def _sources(issue: Issue) -> list[tuple[Path, list[str]]]:
    """The text files of the issue, in reading order, as lines (unreadable ones skipped: their
    errors are reported where they are read)."""
    paths = [issue.location.path, *(entry.path for entry in issue.articles)]
    sources = []
    for path in dict.fromkeys(paths):
        try:
            sources.append((path, path.read_text(encoding="utf-8").split("\n")))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
    return sources


def _first(char: str, sources: list[tuple[Path, list[str]]]) -> Location | None:
    for path, lines in sources:
        for number, line in enumerate(lines, start=1):
            column = line.find(char)
            if column >= 0:
                return Location(path, number, column + 1)
    return None
