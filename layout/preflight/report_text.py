"""The plain-text summary on stdout: a head line, one line per finding (pages grouped), a few of
its details indented under it, and the verdict."""

from __future__ import annotations

from layout.preflight.findings import Group, Severity, page_ranges
from layout.preflight.identification import NAMES
from layout.preflight.run import Result, Summary

DETAILS_SHOWN = 3  # per finding; the HTML report has them all


def text_report(result: Result, shown_path: str | None = None) -> str:
    name = shown_path or str(result.summary.path)
    lines = [head(result.summary, name)]
    for group in result.findings.groups():
        lines.extend(_group(group, name))
    lines.append(verdict(result))
    return "\n".join(lines) + "\n"


def head(summary: Summary, name: str) -> str:
    claim = f"claims {summary.declared}" if summary.declared else "claims no PDF/X"
    intent = f", output intent {summary.intent}" if summary.intent else ""
    pages = f"{summary.pages} page{'s' if summary.pages != 1 else ''}"
    ink = f", max ink {max_ink(summary):.0f} %"
    return (
        f"{name}: {pages}, PDF {summary.pdf_version}, {claim} "
        f"(checked as {NAMES[summary.standard]}){intent}{ink}"
    )


def max_ink(summary: Summary) -> float:
    rendered = summary.ink.rendered if summary.ink.rendered is not None else 0.0
    return max(summary.ink.operators, rendered)


def _group(group: Group, name: str) -> list[str]:
    where = ""
    if group.pages:
        noun = "p." if len(group.pages) == 1 else "pp."
        where = f" {noun} {page_ranges(group.pages)}:"
        if len(group.pages) > 1:
            where = where[:-1] + f" ({len(group.pages)} pages):"
    hint = f" ({group.hint})" if group.hint else ""
    lines = [f"{name}:{where} {group.severity.value}: {group.message}{hint}"]
    for page, detail in group.details[:DETAILS_SHOWN]:
        where = f"p. {page}: " if page and len(group.pages) > 1 else ""
        lines.append(f"    {where}{detail}")
    if len(group.details) > DETAILS_SHOWN:
        lines.append(f"    … {len(group.details) - DETAILS_SHOWN} more in the HTML report")
    return lines


def verdict(result: Result) -> str:
    groups = result.findings.groups()  # a problem on 36 pages is one problem
    errors = sum(1 for g in groups if g.severity is Severity.ERROR)
    warnings = sum(1 for g in groups if g.severity is Severity.WARNING)
    counts = f"{_n(errors, 'error')}, {_n(warnings, 'warning')}"
    if errors:
        return f"{counts}: not ready for press"
    if warnings:
        return f"{counts}: ready for press once the warnings are looked at"
    return f"{counts}: ready for press"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
