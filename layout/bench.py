"""`make bench`: time the full build against Typst setting the same text in the same run.

Typst gets the same page (210 x 285 mm, the style's margins), the same fonts and sizes (body
Noto Serif CJK SC at the grid's body size and pitch, Noto Sans CJK SC Bold titles spanning the
columns, justified, 2 em indent, GB punctuation) and every article's title, kicker and text.
Both run in this process, warm after one untimed round; they take turns for seven rounds and the
medians are compared, so a change in the machine's load falls on both alike.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from layout.cli import main as layout_main
from layout.content import model as m
from layout.manifest import load_issue
from layout.style.load import load_style
from layout.style.units import MM

FONT_DIRS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/lxgw-wenkai"]


def typst_escape(text: str) -> str:
    for char in "\\#*_`$<>@[]~\"'=-+/":
        text = text.replace(char, "\\" + char)
    return text


def typst_source(issue_dir: Path) -> str:
    issue = load_issue(issue_dir)
    style = load_style(issue.meta.style)
    grid, page = style.grid, style.page
    size, pitch = grid.body_size, grid.pitch
    bottom = page.trim_height - page.top - grid.height
    out = [
        f"#set page(width: 210mm, height: 285mm, margin: (top: {page.top / MM:.2f}mm, "
        f"bottom: {bottom / MM:.2f}mm, inside: {page.inner / MM:.2f}mm, "
        f"outside: {page.outer / MM:.2f}mm), columns: {grid.columns})",
        f"#set columns(gutter: {grid.gutter * size:.2f}pt)",
        f'#set text(font: "Noto Serif CJK SC", size: {size}pt, lang: "zh", region: "cn", '
        "overhang: false)",
        f"#set par(justify: true, leading: {pitch - size:.2f}pt, spacing: {pitch - size:.2f}pt, "
        'first-line-indent: (amount: 2em, all: true), linebreaks: "optimized")',
        '#show heading: set text(font: "Noto Sans CJK SC", weight: "bold", size: 18pt)',
    ]
    for entry in issue.articles:
        art = entry.content
        title = " ".join(t.text for t in art.title) or " ".join(entry.toc_title)
        head = [f"#heading[{typst_escape(title)}]"]
        for k in art.kicker:
            head.append(
                f'#align(center, text(font: "LXGW WenKai", size: 10.5pt)[{typst_escape(k.text)}])'
            )
        out.append(
            '#place(top + center, scope: "parent", float: true, clearance: 16pt)['
            + " \\ ".join(head)
            + "]"
        )
        for block in art.walk():
            if block.kind in (m.PARA, m.ITEM, m.SALUTATION, m.BIO, m.SOURCE, m.CREDIT):
                out.append(typst_escape(block.text) + "\n")
            elif block.kind in (m.SUBHEAD, m.BAND, m.CHAPTER, m.UNIT, m.ORG, m.NUM):
                out.append(f"#strong[{typst_escape(block.text)}]\n")
        out.append("#pagebreak(weak: true)")
    return "\n".join(out)


def median_times(fns: list, runs: int = 7) -> list[float]:
    """Median wall time of each function, run in turns (one of each per round) so that a
    change in the machine's load falls on all of them alike; one untimed warm-up round."""
    for fn in fns:
        fn()  # warm-up: font caches, imports
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, bucket in zip(fns, times, strict=True):
            started = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - started)
    return [statistics.median(bucket) for bucket in times]


def typst_text_source(text: Path, chars: int, size: float, pitch: float, lines: int) -> str:
    """Typst setting a plain text file like `layout typeset-text`: one justified column."""
    margin = 20 * MM
    page_width = chars * size + 2 * margin
    page_height = lines * size * pitch + 2 * margin
    paragraphs = [p.strip() for p in text.read_text(encoding="utf-8").splitlines() if p.strip()]
    head = (
        f"#set page(width: {page_width:.2f}pt, height: {page_height:.2f}pt, "
        f"margin: {margin:.2f}pt)\n"
        f'#set text(font: "Noto Serif CJK SC", size: {size}pt, lang: "zh", region: "cn", '
        "overhang: false)\n"
        f"#set par(justify: true, leading: {size * pitch - size:.2f}pt, "
        f"spacing: {size * pitch - size:.2f}pt, first-line-indent: (amount: 2em, all: true), "
        'linebreaks: "optimized")\n'
    )
    return head + "\n\n".join(typst_escape(p) for p in paragraphs)


def bench_text(text: Path, chars: int = 24, size: float = 9.5) -> None:
    """`layout typeset-text` against Typst on the same text, same column, fonts and size."""
    import typst

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "text.typ"
        source.write_text(typst_text_source(text, chars, size, 1.6, 40), encoding="utf-8")
        out = Path(tmp) / "ours.pdf"
        argv = [
            "typeset-text",
            str(text),
            "--chars",
            str(chars),
            "--size",
            str(size),
            "-o",
            str(out),
        ]
        t_typst, t_ours = median_times(
            [
                lambda: typst.compile(
                    str(source), output=str(Path(tmp) / "t.pdf"), font_paths=FONT_DIRS
                ),
                lambda: layout_main(argv),
            ]
        )
    print(
        f"typeset-text: {t_ours:.3f} s   typst: {t_typst:.3f} s   "
        f"ratio (ours / typst): {t_ours / t_typst:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    import typst

    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["--text"]:
        bench_text(Path(args[1]))
        return 0
    issue_dir = Path(args[0] if args else "issues/2024-03")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "issue.typ"
        source.write_text(typst_source(issue_dir), encoding="utf-8")
        typst_pdf = Path(tmp) / "typst.pdf"
        ours_dir = Path(tmp) / "ours"
        build = ["build", str(issue_dir), "-o", str(ours_dir), "--quiet"]
        t_typst, t_cold, t_warm = median_times(
            [
                lambda: typst.compile(str(source), output=str(typst_pdf), font_paths=FONT_DIRS),
                lambda: layout_main([*build, "--no-cache"]),
                lambda: layout_main(build),
            ]
        )
    print(f"typst: {t_typst:.3f} s")
    print(
        f"layout build, every paragraph composed: {t_cold:.3f} s   "
        f"ratio (ours / typst): {t_cold / t_typst:.2f}"
    )
    print(
        f"layout build, a rebuild (composed paragraphs remembered): {t_warm:.3f} s   "
        f"ratio (ours / typst): {t_warm / t_typst:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
