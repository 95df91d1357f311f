"""A text dump of positioned pages, for golden tests of page geometry.

One line per glyph run (font, size, baseline, first x, text), rule and image; numbers rounded
to 0.01 pt so that a trace changes only when the layout does.
"""

from __future__ import annotations

from layout.render.model import Document, GlyphRun, ImageBox, Page, Rule


def trace_page(page: Page) -> list[str]:
    out = [f"page {page.label}"]
    for item in page.items:
        if isinstance(item, GlyphRun):
            text = "".join(t for t, _ in item.glyphs)
            x = item.glyphs[0][1] + item.x if item.glyphs else 0.0
            out.append(f"  text {item.font} {item.size:g} y={item.baseline:.2f} x={x:.2f} {text}")
        elif isinstance(item, Rule):
            out.append(f"  rule {item.x:.2f},{item.y:.2f} {item.width:.2f}x{item.height:.2f}")
        elif isinstance(item, ImageBox):
            line = (
                f"  image {item.x:.2f},{item.y:.2f} {item.width:.2f}x{item.height:.2f} {item.label}"
            )
            # how the photo fills the box, when not the default (earlier traces stay as they were)
            line += f" fit={item.fit}" if item.fit != "crop" else ""
            line += f" crop={item.crop}" if item.crop != "center" else ""
            out.append(line + (" lowres" if item.lowres else ""))
    return out


def trace_document(document: Document) -> str:
    return "\n".join(line for page in document.pages for line in trace_page(page)) + "\n"


def summary_page(page: Page) -> str:
    """One line per page: label, then per body column its lines, first baseline and opening."""
    columns: dict[float, list] = {}
    for line in page.proof_lines:
        columns.setdefault(round(line.x, 1), []).append(line)
    parts = [f"{page.label}:"]
    for x in sorted(columns):
        lines = columns[x]
        parts.append(f"[x={x:.1f} n={len(lines)} rows={lines[0].number}-{lines[-1].number}]")
    return " ".join(parts)


def summary_document(document: Document) -> str:
    return "\n".join(summary_page(page) for page in document.pages) + "\n"
