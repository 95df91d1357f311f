"""Errors and warnings as the editor reads them: all of them, in the order of the issue.

The composer collects problems instead of stopping at the first: every article's story is
set even when another one fails, so one `layout check` lists them all. They are reported in
reading order: issue.yaml first, then the article files in manifest order, each by line and
column (files no entry names, such as a style sheet, come last, in the order first met).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from layout.errors import LayoutError, LayoutErrors, Location
from layout.manifest.schema import Issue

T = TypeVar("T")

MAX_PER_ARTICLE = 20  # errors of one article reported one by one; the rest are counted


def flatten(error: LayoutError) -> list[LayoutError]:
    """The single errors of `error` (a LayoutErrors holds several)."""
    if isinstance(error, LayoutErrors):
        return [single for inner in error.errors for single in flatten(inner)]
    return [error]


def capped(errors: list[LayoutError], limit: int = MAX_PER_ARTICLE) -> list[LayoutError]:
    """At most `limit` errors, and one more line that counts the rest (at the first of them)."""
    if len(errors) <= limit:
        return errors
    rest = errors[limit:]
    return errors[:limit] + [
        LayoutError(
            f"and {len(rest)} more errors in this file",
            rest[0].location,
            "correct those above and check again",
        )
    ]


def reading_order(issue: Issue | None, items: Iterable[T], where: Callable[[T], object]) -> list[T]:
    """`items` sorted by their location (`where(item)`, a Location or None) in reading order.
    Without an issue, files rank in the order first met. The sort is stable: items at one place
    keep the order they were found in."""
    rank: dict[Path, int] = {}
    if issue is not None:
        rank[issue.location.path] = 0
        for entry in issue.articles:
            rank.setdefault(entry.path, len(rank))
    listed = list(items)
    for item in listed:
        location = where(item)
        if isinstance(location, Location):
            rank.setdefault(location.path, len(rank))

    def key(item: T) -> tuple[int, int, int]:
        location = where(item)
        if not isinstance(location, Location):
            return (-1, 0, 0)  # no place: before everything that has one
        return (rank[location.path], location.line, location.column)

    return sorted(listed, key=key)


def errors_in_order(issue: Issue | None, errors: Iterable[LayoutError]) -> list[LayoutError]:
    """The errors, each once, in reading order."""
    seen: set[str] = set()
    unique = []
    for error in errors:
        text = str(error)
        if text not in seen:
            seen.add(text)
            unique.append(error)
    return reading_order(issue, unique, lambda error: error.location)
