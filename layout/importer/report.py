"""import-report.md: every change class with counts and examples, and the open questions."""

from __future__ import annotations

from layout.importer.chars import han_count
from layout.importer.pipeline import Draft

_EXAMPLES = 3


def _cell(text: str, limit: int = 40) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_report(draft: Draft, source_name: str) -> str:
    log = draft.log
    article_han = sum(
        han_count(t)
        for a in draft.articles
        for i in a.items
        for t in [i.text, *(c.text for c in i.children)]
        if i.kind not in ("title", "kicker")
    ) + sum(han_count("".join(a.title_lines + a.kicker_lines)) for a in draft.articles)
    out = [
        "# Import report",
        "",
        f"Source: `{source_name}` ({draft.source_han:,} Han characters).",
        f"Draft: {len(draft.articles)} articles holding {article_han:,} Han characters.",
        "",
        "## Recognised front matter",
        "",
    ]
    if draft.mode == "markdown":
        out.append(
            "- None: the text was read as Markdown (articles under headings, taken as "
            "written; `--mode ocr` reads it as a printed issue's OCR)."
        )
    if draft.cover:
        out.append(
            f"- Cover (L{draft.cover.line}): title `{draft.cover.title}`, serial "
            f"{draft.cover.serial}, issue {draft.cover.number}/{draft.cover.year}."
        )
    if draft.inside_cover:
        out.append(f"- Inside cover heading: `{draft.inside_cover}`.")
    if draft.toc:
        out.append(
            f"- Contents: {len(draft.toc.sections)} sections, "
            f"{len(draft.toc.entries)} entries"
            + (f", feature p{draft.toc.feature.page:02d}" if draft.toc.feature else "")
            + (f", sponsor line `{draft.toc.sponsor}`" if draft.toc.sponsor else "")
            + "; moved to issue.yaml."
        )
    if draft.colophon:
        out.append(f"- Colophon: {len(draft.colophon.fields)} fields; moved to issue.yaml.")
    out += [
        "",
        "## Changes",
        "",
        "| Change | Count | Examples (source line: before → after) |",
        "|---|---|---|",
    ]
    for kind, changes in log.changes.items():
        examples = "<br>".join(
            f"L{c.line}: `{_cell(c.before)}` → `{_cell(c.after) or '(removed)'}`"
            for c in changes[:_EXAMPLES]
        )
        out.append(f"| {kind} | {log.total(kind)} | {examples} |")
    out += ["", "## Left for a person to decide", ""]
    if not log.questions:
        out.append("Nothing.")
    for question in sorted(log.questions, key=lambda q: q.line):
        out.append(f"- [{question.topic}] {question.text}")
    return "\n".join(out) + "\n"
