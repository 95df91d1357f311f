"""What preflight found: findings of three severities, each with its page and what to do.

A finding is one fact about one page (or about the whole file, page None). Reports group the
findings that say the same thing on several pages into one line with a list of pages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(Enum):
    ERROR = "error"  # the press would stop the file: exit status 2
    WARNING = "warning"  # prints, but someone should look
    INFO = "info"  # a fact worth knowing (spot colours, the measured ink)

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str  # the check, e.g. `colour-space`: stable, for tests and for grouping
    message: str  # what is wrong, the same words on every page it applies to
    hint: str = ""  # what to do
    page: int | None = None  # 1-based; None: the whole file
    detail: str = ""  # what differs from page to page (a font's name, a measured value)


@dataclass(frozen=True)
class Group:
    """Findings that differ only in page and detail."""

    severity: Severity
    code: str
    message: str
    hint: str
    pages: tuple[int, ...]
    details: tuple[tuple[int | None, str], ...]  # (page, detail) for the non-empty details


@dataclass
class Findings:
    items: list[Finding] = field(default_factory=list)

    def error(self, code: str, message: str, hint: str = "", **where: object) -> None:
        self.add(Severity.ERROR, code, message, hint, **where)

    def warning(self, code: str, message: str, hint: str = "", **where: object) -> None:
        self.add(Severity.WARNING, code, message, hint, **where)

    def info(self, code: str, message: str, hint: str = "", **where: object) -> None:
        self.add(Severity.INFO, code, message, hint, **where)

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        hint: str = "",
        page: int | None = None,
        detail: str = "",
    ) -> None:
        self.items.append(Finding(severity, code, message, hint, page, detail))

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.items if f.severity is severity)

    def codes(self, *severities: Severity) -> set[str]:
        wanted = severities or tuple(Severity)
        return {f.code for f in self.items if f.severity in wanted}

    def groups(self) -> list[Group]:
        return group(self.items)


def group(findings: Iterable[Finding]) -> list[Group]:
    """Findings grouped by what they say, errors first, then in the order they were found."""
    order: dict[tuple, list[Finding]] = {}
    for finding in findings:
        key = (finding.severity, finding.code, finding.message, finding.hint)
        order.setdefault(key, []).append(finding)
    groups = []
    for (severity, code, message, hint), members in order.items():
        pages = tuple(sorted({f.page for f in members if f.page is not None}))
        details = tuple((f.page, f.detail) for f in members if f.detail)
        groups.append(Group(severity, code, message, hint, pages, details))
    return sorted(groups, key=lambda g: g.severity.rank)


def page_ranges(pages: Iterable[int]) -> str:
    """`1-3, 5, 7-8`."""
    numbers = sorted(set(pages))
    parts: list[str] = []
    start = previous = None
    for number in [*numbers, None]:
        if number is not None and previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = number
    return ", ".join(parts)
