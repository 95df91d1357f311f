"""`make bench`: our commands against Typst setting the same text, in fresh processes.

Typst gets the same page (210 x 285 mm, the style's margins), the same fonts and sizes (body
Noto Serif CJK SC at the grid's body size and pitch, Noto Sans CJK SC Bold titles spanning the
columns, justified, 2 em indent, GB punctuation) and every article's title, kicker and text.

Every case starts a new process for each run, ours and Typst's taking turns (ours, Typst, ours,
Typst ...) after one untimed round, and reports the medians and the median of the pairs' ratios,
so a change in the machine's load falls on both alike. The cases: a cold build (`--no-cache`:
every paragraph composed), a warm build (the paragraph memo), one article edited, an edit adding
a character the issue never used (its font subset is new), a first build (an empty font and memo
cache) and `typeset-text`. Peak memory (the child's maximum resident set) is measured on the
issue and on a generated issue of eight copies of its articles. Everything is written in a
temporary folder (the ordinary cases use the user's font cache, warmed by the untimed round).
"""

from __future__ import annotations

import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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


# --- fresh-process measurements -------------------------------------------------------------

RUNS = 7  # as the issue measured its table: medians of 7
RUN_TIMEOUT = 120  # seconds: a run this slow is a bug, not a measurement


def run_fresh(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of one process, from its start to its exit, output discarded."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    exited = wait_exactly(proc, RUN_TIMEOUT)
    elapsed = time.perf_counter() - started
    if not exited:
        raise subprocess.TimeoutExpired(argv, RUN_TIMEOUT)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}")
    return elapsed


def wait_exactly(proc: subprocess.Popen, seconds: float) -> bool:
    """Wait for `proc` to exit, returning the moment it does; False when it was killed after
    `seconds`. Popen.wait(timeout) polls with sleeps that grow to 50 ms, which would round
    every time measured here up to the end of one of them (most runs of both engines fell in
    the same 50 ms step)."""
    expired = threading.Event()

    def expire() -> None:
        expired.set()
        proc.kill()

    timer = threading.Timer(seconds, expire)
    timer.start()
    try:
        proc.wait()  # a blocking waitpid
    finally:
        timer.cancel()
    return not expired.is_set()


def peak_rss(argv: list[str], env: dict[str, str] | None = None) -> int:
    """The peak resident set (KiB) of one run of `argv`, measured in a fresh helper process
    so that earlier children do not count (getrusage's children figure is a running maximum)."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, "
        f"check=True, timeout={RUN_TIMEOUT})\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *argv],
        capture_output=True,
        text=True,
        check=True,
        timeout=RUN_TIMEOUT + 10,
        env={**os.environ, **(env or {})},
    )
    return int(out.stdout.strip())


def in_turns(ours, theirs, runs: int = RUNS) -> tuple[float, float, float, float, float]:
    """Our median, Typst's median, and the median, lowest and highest of the pairs' ratios.
    `ours(i)` and `theirs(i)` each start one process and return its wall seconds."""
    ours(-1)
    theirs(-1)  # one untimed round: caches, the page cache
    a, b = [], []
    for i in range(runs):
        a.append(ours(i))
        b.append(theirs(i))
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return (
        statistics.median(a),
        statistics.median(b),
        statistics.median(ratios),
        min(ratios),
        max(ratios),
    )


def _layout(*args: str) -> list[str]:
    return [sys.executable, "-m", "layout.cli", *args]


def _typst(source: Path, output: Path) -> list[str]:
    script = (
        "import sys, typst\n"
        f"typst.compile(sys.argv[1], output=sys.argv[2], font_paths={FONT_DIRS!r})\n"
    )
    return [sys.executable, "-c", script, str(source), str(output)]


def _rare_characters(issue_dir: Path, count: int) -> list[str]:
    """Ideographs the body font has and the issue does not use, one per run."""
    from layout.fonts import FontRegistry

    used = set()
    for path in sorted(issue_dir.rglob("*")):
        if path.suffix in (".txt", ".yaml", ".md"):
            used.update(path.read_text(encoding="utf-8"))
    face = FontRegistry.load().face("body")
    found = [chr(cp) for cp in range(0x4E00, 0x9FA5) if cp in face.cmap and chr(cp) not in used]
    # spread over the block (and so over the font's FDs and subroutines), in a fixed order
    step = max(1, len(found) // (count + 1))
    return found[step::step][:count]


def _edit(article: Path, original: str, text: str) -> None:
    """`original` with `text` added to its last paragraph line: one paragraph composed anew."""
    lines = original.splitlines(keepends=True)
    for i in range(len(lines) - 1, -1, -1):
        if len(lines[i].strip()) > 20:
            lines[i] = lines[i].rstrip("\n") + text + "\n"
            break
    article.write_text("".join(lines), encoding="utf-8")


_ONE_PER_ISSUE = ("gallery", "reprint")  # forms with a fixed place (back cover, lead page)


def watch_edits(issue: Path, article: Path, original: str, typst_run, runs: int) -> tuple:
    """`layout watch` on the issue: from an editor's save to the line saying the PDF is
    written, against Typst compiling the whole issue in a fresh process."""
    out = issue.parent / "watched"
    proc = subprocess.Popen(
        # no report.html, as for the builds: its thumbnails would be drawn while Typst runs
        [
            *_layout("watch", str(issue), "-o", str(out), "--quiet", "--no-report"),
            "--interval",
            "0.5",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        _line(proc)  # the first build

        def saved(i: int) -> float:
            started = time.perf_counter()
            _edit(article, original, "第" + "五六七八九"[i % 5] * (i + 2) + "回。")
            line = _line(proc)
            if " rebuilt " not in line:
                raise RuntimeError(f"watch: {line}")
            return time.perf_counter() - started

        return in_turns(saved, typst_run, runs)
    finally:
        proc.terminate()
        proc.wait(timeout=RUN_TIMEOUT)
        article.write_text(original, encoding="utf-8")


def _line(proc: subprocess.Popen) -> str:
    """The next line the process prints, within RUN_TIMEOUT."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], RUN_TIMEOUT)
    if not ready:
        raise RuntimeError("no line from layout watch")
    return proc.stdout.readline()


def scaled_issue(issue_dir: Path, target: Path, copies: int) -> Path:
    """A copy of the issue whose articles come `copies` times (the copies without planned
    pages nor contents entries), for measuring memory at a larger size."""
    import yaml

    shutil.copytree(issue_dir, target)
    manifest = yaml.safe_load((issue_dir / "issue.yaml").read_text(encoding="utf-8"))
    articles = manifest["articles"]
    more = []
    for k in range(1, copies):
        for entry in articles:
            if entry.get("form") in _ONE_PER_ISSUE or "back" in entry.get("id", ""):
                continue
            copy = {key: v for key, v in entry.items() if key != "page"}
            copy["id"] = f"{entry['id']}-{k}"
            original = Path(entry["file"])
            copy["file"] = str(original.with_name(f"{original.stem}-{k}{original.suffix}"))
            shutil.copyfile(issue_dir / original, target / copy["file"])
            copy["in_toc"] = False
            more.append(copy)
    manifest["articles"] = articles + more

    class NoAliases(yaml.SafeDumper):  # the manifest reader refuses aliases
        def ignore_aliases(self, data: object) -> bool:
            return True

    text = yaml.dump(manifest, Dumper=NoAliases, allow_unicode=True, sort_keys=False)
    (target / "issue.yaml").write_text(text, encoding="utf-8")
    return target


def bench_issue(issue_dir: Path, runs: int = RUNS) -> tuple[list, list]:
    rows: list[tuple[str, tuple]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        work = root / "issue"
        shutil.copytree(issue_dir, work)
        source = root / "issue.typ"
        source.write_text(typst_source(work), encoding="utf-8")
        typst_cmd = _typst(source, root / "typst.pdf")
        out = root / "ours"
        # no report.html: its page thumbnails are not typesetting, and Typst makes none
        build = _layout("build", str(work), "-o", str(out), "--quiet", "--no-report")

        def typst_run(i: int) -> float:
            return run_fresh(typst_cmd)

        rows.append(
            (
                "cold build (--no-cache)",
                in_turns(lambda i: run_fresh([*build, "--no-cache"]), typst_run, runs),
            )
        )
        rows.append(("warm build (memo)", in_turns(lambda i: run_fresh(build), typst_run, runs)))

        article = sorted((work / "articles").glob("*.txt"))[
            len(list((work / "articles").glob("*.txt"))) // 2
        ]
        original = article.read_text(encoding="utf-8")

        def edited(i: int) -> float:
            _edit(article, original, "第" + "一二三四五六七八九十"[i % 10] * (i + 3) + "次。")
            return run_fresh(build)

        rows.append(("one-article edit", in_turns(edited, typst_run, runs)))
        rows.append(
            (
                "one-article edit, `layout watch`",
                watch_edits(work, article, original, typst_run, runs),
            )
        )
        rare = _rare_characters(issue_dir, runs + 1)

        def new_character(i: int) -> float:
            _edit(article, original, rare[i + 1])
            return run_fresh(build)

        rows.append(("edit adding a new character", in_turns(new_character, typst_run, runs)))
        article.write_text(original, encoding="utf-8")

        def first_build(i: int) -> float:
            cache = root / f"cache{i + 1}"
            return run_fresh(build, {"HRB_LAYOUT_CACHE": str(cache)})

        rows.append(("first build (empty font cache)", in_turns(first_build, typst_run, runs)))

        text = root / "text.txt"
        paragraphs = [
            b.text for a in load_issue(work).articles for b in a.content.walk() if b.kind == m.PARA
        ]
        text.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        text_source = root / "text.typ"
        text_source.write_text(typst_text_source(text, 24, 9.5, 1.6, 40), encoding="utf-8")
        text_typst = _typst(text_source, root / "t.pdf")
        text_ours = _layout(
            "typeset-text",
            str(text),
            "--chars",
            "24",
            "--size",
            "9.5",
            "-o",
            str(root / "text.pdf"),
        )
        rows.append(
            (
                "typeset-text (24 characters)",
                in_turns(lambda i: run_fresh(text_ours), lambda i: run_fresh(text_typst), runs),
            )
        )

        big = scaled_issue(issue_dir, root / "issue8", 8)
        big_source = root / "issue8.typ"
        big_source.write_text(typst_source(big), encoding="utf-8")
        memory = []
        for label, folder, typ in (("1x", work, source), ("8x", big, big_source)):
            ours_kib = peak_rss(
                _layout(
                    "build",
                    str(folder),
                    "-o",
                    str(root / label),
                    "--quiet",
                    "--no-cache",
                    "--no-report",
                )
            )
            typst_kib = peak_rss(_typst(typ, root / f"{label}.pdf"))
            memory.append((label, ours_kib, typst_kib))
    return rows, memory


def table(rows: list[tuple[str, tuple]], memory: list[tuple[str, int, int]]) -> str:
    lines = [
        "| case | ours (s) | Typst (s) | ours / Typst (lowest-highest) |",
        "|---|---|---|---|",
    ]
    for name, (ours, typst, ratio, low, high) in rows:
        lines.append(f"| {name} | {ours:.3f} | {typst:.3f} | {ratio:.2f}x ({low:.2f}-{high:.2f}) |")
    lines += ["", "| peak RSS | ours (MiB) | Typst (MiB) | ours / Typst |", "|---|---|---|---|"]
    for label, ours_kib, typst_kib in memory:
        lines.append(
            f"| {label} the issue, cold build | {ours_kib / 1024:.0f} | {typst_kib / 1024:.0f} | "
            f"{ours_kib / typst_kib:.2f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args[:1] == ["--text"]:
        bench_text(Path(args[1]))
        return 0
    runs = RUNS
    if args[:1] == ["--runs"]:
        runs, args = max(1, int(args[1])), args[2:]
    issue_dir = Path(args[0] if args else "issues/2024-03")
    rows, memory = bench_issue(issue_dir, runs)
    print(f"fresh processes taking turns, medians of {runs} (ratio: median of the pairs)")
    print(table(rows, memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
