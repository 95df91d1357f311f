"""The HTML report: one self-contained page (styles inline, no scripts, no external assets) that
a person opens from the print shop's e-mail or beside the PDF. Deterministic: the same PDF gives
the same bytes (no date; the PDF is named by its SHA-256)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from layout.atomic import output_error, write_bytes_atomic
from layout.errors import LayoutError
from layout.preflight.findings import Group, Severity, page_ranges
from layout.preflight.identification import NAMES
from layout.preflight.report_text import max_ink, verdict
from layout.preflight.run import Result

DETAILS_OPEN = 5  # more details than this are folded away
LABELS_SHOWN = 12
WRITE_HINT = "write it elsewhere with --html FILE, or not at all with --no-html"

STYLE = """
body { font: 15px/1.45 system-ui, "Noto Sans CJK SC", sans-serif; margin: 2em auto;
       max-width: 60em; padding: 0 1em; color: #222; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; word-break: break-all; }
.verdict { font-size: 1.15em; font-weight: bold; padding: 0.6em 0.9em; border-radius: 4px; }
.fail { background: #fde4e4; color: #8a1010; } .pass { background: #e3f5e1; color: #1d5e17; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { text-align: left; vertical-align: top; padding: 0.35em 0.6em;
         border-bottom: 1px solid #ddd; }
th { background: #f4f4f4; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1.2em; }
dl.facts dt { color: #666; } dl.facts dd { margin: 0; word-break: break-all; }
.sev { font-weight: bold; text-transform: uppercase; font-size: 0.8em; padding: 0.1em 0.4em;
       border-radius: 3px; white-space: nowrap; }
.error { background: #c62828; color: #fff; } .warning { background: #f9a825; color: #222; }
.info { background: #90a4ae; color: #fff; }
.hint { color: #444; } .labels { color: #777; font-size: 0.85em; }
code { font-size: 0.9em; color: #555; }
details summary { cursor: pointer; color: #555; }
"""


def write_html_report(result: Result, path: Path) -> None:
    """Write the report to `path` atomically (LayoutError if it cannot be written)."""
    try:
        write_bytes_atomic(path, html_report(result).encode("utf-8"))
    except OSError as error:
        told = output_error(path, error, "the HTML report")
        raise LayoutError(told.message, told.location, WRITE_HINT) from None


def html_report(result: Result) -> str:
    summary = result.summary
    title = f"Preflight: {summary.path.name}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="verdict {"pass" if result.passed else "fail"}">{escape(verdict(result))}</p>',
        _facts(result),
        _findings(result.findings.groups(), result.summary.labels),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _facts(result: Result) -> str:
    s = result.summary
    ink = f"{max_ink(s):.0f} % (limit {s.ink_limit:g} %)"
    if s.ink.rendered is not None:
        ink += f"; {s.ink.rendered_pages} page(s) measured in a Ghostscript render"
    facts = [
        ("File", str(s.path)),
        ("Size", f"{s.size:,} bytes"),
        ("SHA-256", s.sha256),
        ("Pages", str(s.pages)),
        ("PDF version", s.pdf_version),
        ("Declared", s.declared or "no PDF/X identification"),
        ("Checked as", NAMES[s.standard]),
        ("Output intent", s.intent or "none"),
        ("Maximum ink", ink),
        ("Fonts", str(s.fonts)),
        ("Images placed", str(s.images)),
        ("Placeholders", str(s.placeholders)),
        ("Spot colours", ", ".join(s.spots) or "none"),
    ]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    return f'<dl class="facts">{rows}</dl>'


def _findings(groups: list[Group], labels: dict[int, str]) -> str:
    if not groups:
        return "<p>No findings.</p>"
    head = "<tr><th></th><th>Pages</th><th>Finding</th><th>What to do</th></tr>"
    return "<table>" + head + "".join(_row(g, labels) for g in groups) + "</table>"


def _row(group: Group, labels: dict[int, str]) -> str:
    severity = group.severity.value
    pages = escape(page_ranges(group.pages)) if group.pages else "whole file"
    named = [labels[p] for p in group.pages if p in labels]
    if named:  # the editor's names of the pages: 封一, 01, ...
        shown = ", ".join(named[:LABELS_SHOWN]) + (" …" if len(named) > LABELS_SHOWN else "")
        pages += f'<br><span class="labels">{escape(shown)}</span>'
    details = ""
    if group.details:
        items = "".join(
            f"<li>{_page(page, labels)}{escape(detail)}</li>" for page, detail in group.details
        )
        opened = " open" if len(group.details) <= DETAILS_OPEN else ""
        details = (
            f"<details{opened}><summary>{len(group.details)} detail(s)</summary>"
            f"<ul>{items}</ul></details>"
        )
    label = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
    return (
        f'<tr><td><span class="sev {severity}">{label[group.severity]}</span></td>'
        f"<td>{pages}</td>"
        f"<td>{escape(group.message)} <code>{escape(group.code)}</code>{details}</td>"
        f'<td class="hint">{escape(group.hint)}</td></tr>'
    )


def _page(page: int | None, labels: dict[int, str]) -> str:
    if not page:
        return ""
    label = f" ({escape(labels[page])})" if page in labels else ""
    return f"p. {page}{label}: "
