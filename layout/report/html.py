"""report.html: one self-contained page (inline style and script, thumbnails beside it in
report-assets/) that shows an issue's build as an editor looks at it: the spreads, the fit
report, the warnings, a few typographic figures and the preflight summary."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from layout.compose.document import FitRow
from layout.fit_columns import FIT_COLUMNS
from layout.report.figures import Figures

ASSETS = "report-assets"
STAMP_SCRIPT = "stamp.js"
POLL_MS = 2000

_STYLE = """
body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; margin: 0 0 .2em; } h2 { font-size: 1.15em; margin: 1.6em 0 .5em; }
.figures { display: flex; flex-wrap: wrap; gap: .6em 1.6em; padding: 0; list-style: none; }
.figures b { font-size: 1.2em; }
.spreads { display: flex; flex-wrap: wrap; gap: 18px; align-items: flex-start; }
.spread { display: flex; gap: 1px; background: #bbb; box-shadow: 0 1px 4px #0003; }
figure { margin: 0; background: #fff; position: relative; }
figure img { display: block; width: 150px; height: auto; }
figcaption { font-size: 11px; text-align: center; background: #f4f4f4; padding: 1px 0; }
figure.target { outline: 3px solid #d33; }
table { border-collapse: collapse; } th, td { padding: 2px 8px; border-bottom: 1px solid #ddd; }
th { text-align: left; background: #f4f4f4; } td.num { text-align: right; }
tr.over td { background: #fde2e2; } tr.under td { background: #fff5d6; }
td.moved { color: #b00; font-weight: bold; }
dl.legend dt { font-weight: bold; float: left; clear: left; width: 8em; }
dl.legend dd { margin-left: 9em; }
ul.warnings { padding-left: 1.2em; } ul.warnings code { color: #555; }
.none { color: #777; } .error { color: #b00; }
pre { background: #f6f6f6; padding: .6em; overflow-x: auto; }
"""


@dataclass
class PageView:
    index: int  # 0-based page in the PDF
    label: str  # printed label ("04", "封一")
    image: str  # relative URL of the thumbnail
    width: int
    height: int
    starts: list[str] = field(default_factory=list)  # articles starting on the page


@dataclass
class ReportData:
    title: str
    pdf_name: str
    stamp: str  # changes with the PDF: the page reloads when stamp.js says another
    pages: list[PageView]
    fit: list[FitRow]
    folio_pages: dict[int, int]  # printed folio -> 0-based page index
    warnings: list[str]
    errors: list[str]
    figures: Figures | None  # None when the build failed (nothing was laid out)
    preflight: str = ""  # ready HTML, "" when there is no preflight beside the PDF
    failed: bool = False  # the build failed: the pages shown are the last good PDF's


def render(data: ReportData) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(data.title)}: build report</title>",
        '<link rel="icon" href="data:,">',  # no favicon request (a console error on file://)
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{e(data.title)}</h1>",
        _failure(data) if data.failed else "",
        f'<p><a href="{e(data.pdf_name)}">{e(data.pdf_name)}</a>: {len(data.pages)} pages. '
        "This page reloads itself when a new build writes the PDF.</p>",
        _figures(data),
        "<h2>Pages</h2>",
        _spreads(data),
        "<h2>Fit report</h2>",
        _fit(data),
        f"<h2>Warnings ({len(data.warnings)})</h2>",
        _messages(data.warnings, "warnings"),
        "" if data.failed else f"<h2>Errors ({len(data.errors)})</h2>",
        "" if data.failed else _messages(data.errors, "errors"),  # at the top when failed
        "<h2>Preflight</h2>",
        data.preflight
        or '<p class="none">No preflight report beside the PDF (run <code>layout preflight '
        f"{e(data.pdf_name)}</code>).</p>",
        _reload_script(data.stamp),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _failure(data: ReportData) -> str:
    """The failed build's errors at the top, where the editor looks first."""
    last = (
        "The pages below are those of the last good PDF."
        if data.pages
        else "There is no earlier PDF to show."
    )
    return (
        f'<p class="error" id="failed"><b>The build failed with {len(data.errors)} '
        f"error{'s' if len(data.errors) != 1 else ''}</b>: nothing new was written. "
        f"{last} Fix the errors below and build again.</p>" + _messages(data.errors, "errors")
    )


def _figures(data: ReportData) -> str:
    f = data.figures
    if f is None:
        return ""
    share = "–" if f.justified_share is None else f"{f.justified_share * 100:.1f} %"
    over = sum(1 for row in data.fit if row.over)
    moved = sum(
        1
        for row in data.fit
        if row.planned_page is not None and row.planned_page != row.first_folio
    )
    items = [
        ("pages", f.pages),
        ("body lines", f.body_lines),
        ("justified", share),
        ("line-start / line-end breaks", f"{f.line_start_breaks} / {f.line_end_breaks}"),
        ("one-character lines", f.one_char_lines),
        ("overfull lines", f.overfull_lines),
        ("articles over their space", over),
        ("articles not on their planned page", moved),
        ("warnings", len(data.warnings)),
    ]
    body = "".join(f"<li>{html.escape(k)}: <b>{html.escape(str(v))}</b></li>" for k, v in items)
    note = (
        f'<p class="none">Measured on the body text ({f.body_size:g} pt): a line is justified '
        "when it reaches its column's edge and the paragraph goes on below it.</p>"
    )
    examples = (
        "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in f.examples) + "</ul>"
        if f.examples
        else ""
    )
    return f'<ul class="figures" id="figures">{body}</ul>{note}{examples}'


def spreads(count: int) -> list[list[int]]:
    """Page indices as a magazine opens: the cover alone, then 2-3, 4-5, …, the last alone
    when it has no partner."""
    if count <= 0:
        return []
    out = [[0]]
    for left in range(1, count, 2):
        out.append([left, left + 1] if left + 1 < count else [left])
    return out


def _spreads(data: ReportData) -> str:
    e = html.escape
    out = ['<div class="spreads" id="spreads">']
    for spread in spreads(len(data.pages)):
        out.append('<div class="spread">')
        for index in spread:
            page = data.pages[index]
            starts = " ".join(page.starts)
            caption = e(page.label or str(index + 1)) + (f" · {e(starts)}" if starts else "")
            out.append(
                f'<figure id="page-{index + 1}"><a href="{e(data.pdf_name)}#page={index + 1}">'
                f'<img src="{e(page.image)}" width="{page.width // 2}" '
                f'height="{page.height // 2}" alt="page {e(page.label)}" loading="eager"></a>'
                f"<figcaption>{caption}</figcaption></figure>"
            )
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def _page_link(data: ReportData, folio: int) -> str:
    index = data.folio_pages.get(folio)
    text = f"{folio:02d}"
    return f'<a href="#page-{index + 1}">{text}</a>' if index is not None else text


def _fit(data: ReportData) -> str:
    e = html.escape
    if not data.fit:
        return '<p class="none">No articles.</p>'
    head = "".join(f"<th>{e(name)}</th>" for name, _ in FIT_COLUMNS)
    rows = []
    for row in data.fit:
        diff = row.difference
        kind = "" if diff is None else "over" if diff > 0 else "under" if diff < 0 else "exact"
        verdict = (
            ""
            if diff is None
            else f"+{diff} over"
            if diff > 0
            else f"{diff} under"
            if diff < 0
            else "exact"
        )
        pages = _page_link(data, row.first_folio)
        if row.last_folio != row.first_folio:
            pages += "–" + _page_link(data, row.last_folio)
        moved = row.planned_page is not None and row.planned_page != row.first_folio
        hint = (
            "" if row.planned_page is None else f"{row.planned_page:02d}" + ("*" if moved else "")
        )
        rows.append(
            f'<tr class="{kind}"><td>{e(row.article)}</td><td>{e(row.section)}</td>'
            f"<td>{pages}</td><td{' class=moved' if moved else ''}>{hint}</td>"
            f'<td class="num">{row.rows}</td>'
            f'<td class="num">{_planned(row)}</td>'
            f"<td>{verdict}{_remedies(row)}</td></tr>"
        )
    legend = "".join(f"<dt>{e(name)}</dt><dd>{e(text)}</dd>" for name, text in FIT_COLUMNS)
    return (
        f'<table id="fit"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<details><summary>What the columns mean</summary><dl class="legend">{legend}</dl>'
        "</details>"
    )


def _planned(row: FitRow) -> str:
    if row.planned is None:
        return ""
    rule = getattr(row, "basis", "hints") == "rule"  # by the section's rule, not by hints
    return ("~" if rule else "") + str(row.planned)


def _remedies(row: FitRow) -> str:
    """The copy-fit remedies the composer suggests for the row, when it has any."""
    remedies = getattr(row, "remedies", ()) or ()
    texts = [html.escape(str(getattr(r, "text", r))) for r in remedies]
    return "<ul>" + "".join(f"<li>{t}</li>" for t in texts) + "</ul>" if texts else ""


def _messages(messages: list[str], kind: str) -> str:
    if not messages:
        return '<p class="none">None.</p>'
    items = []
    for message in messages:
        where, sep, text = message.partition(": ")
        if sep and (":" in where or where.endswith((".txt", ".yaml"))):
            items.append(f"<li><code>{html.escape(where)}</code>: {html.escape(text)}</li>")
        else:
            items.append(f"<li>{html.escape(message)}</li>")
    return f'<ul class="{kind}" id="{kind}">{"".join(items)}</ul>'


def _reload_script(stamp: str) -> str:
    """Poll report-assets/stamp.js (a script, so that it loads from file:// too, where fetch is
    refused) and reload when it names another build."""
    return (
        "<script>(function(){var mine=" + _js(stamp) + ";"
        "window.layoutReportStamp=function(s){if(s!==mine){location.reload();}};"
        "function poll(){var s=document.createElement('script');"
        f"s.src='{ASSETS}/{STAMP_SCRIPT}?'+Date.now();"
        "s.onload=s.onerror=function(){s.remove();};document.head.appendChild(s);}"
        f"setInterval(poll,{POLL_MS});}})();</script>"
    )


def stamp_script(stamp: str) -> str:
    return f"window.layoutReportStamp&&window.layoutReportStamp({_js(stamp)});\n"


def _js(text: str) -> str:
    return '"' + "".join(c for c in text if c.isalnum()) + '"'
