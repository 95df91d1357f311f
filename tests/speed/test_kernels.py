"""The compiled kernels (layout/native.py) give exactly what their Python sources give.

`make test` compiles them first, so here they must be compiled and current; each is then run
against its source executed as Python (`native.pure`) on random inputs and on the reference
issue, and a whole build with every kernel compiled is compared byte for byte with one where
$HRB_LAYOUT_PURE=1 runs the sources.
"""

from __future__ import annotations

import importlib
import marshal
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout import native, parallel
from layout.compose.document import compose_issue
from layout.fonts import FontRegistry, cffsubset
from layout.fonts.cffsubset import GlyphPrograms, subset_cff
from layout.render.pdf.objects import number
from layout.text import linebreak
from layout.text.compose import compose_paragraph

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "issues" / "2024-03"


@pytest.mark.parametrize("name", native.KERNELS)
def test_every_kernel_is_compiled_and_current(name):
    module = importlib.import_module(name)
    assert native.is_compiled(module), f"{name} is not compiled: run `make compile`"
    assert native.kernel(name) is module
    assert not native.is_compiled(native.pure(name))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux system call")
def test_the_parent_death_signal_is_compiled_and_armed():
    # a forked child arms it through the extension, not through ctypes (milliseconds to import)
    from layout.deathsignal import die_with_parent

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child reports what the kernel then holds for it
        status = 1
        try:
            saved = sys.modules.get("ctypes")
            sys.modules["ctypes"] = None  # importing it now fails: the extension must do it
            parallel._set_parent_death_signal()
            if saved is None:
                del sys.modules["ctypes"]
            else:
                sys.modules["ctypes"] = saved
            import ctypes  # only to read the setting back: prctl(PR_GET_PDEATHSIG)

            value = ctypes.c_int(-1)
            ctypes.CDLL(None).prctl(2, ctypes.byref(value), 0, 0, 0)
            os.write(write, str(value.value).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    got = os.read(read, 16)
    os.close(read)
    os.waitpid(pid, 0)
    assert got == str(int(signal.SIGKILL)).encode()
    assert die_with_parent(0)  # 0 clears it again: the call itself works here too


def test_a_kernel_edited_after_its_build_runs_from_its_source(tmp_path, monkeypatch):
    source, declared = tmp_path / "loops.py", tmp_path / "loops.pxd"
    extension = tmp_path / "loops.cpython-311-x86_64-linux-gnu.so"
    for path, mtime in ((source, 100), (declared, 100), (extension, 200)):
        path.write_text("")
        os.utime(path, (mtime, mtime))
    assert not native._stale(extension, source)
    os.utime(declared, (300, 300))  # the types changed since the build
    assert native._stale(extension, source)
    os.utime(declared, (100, 100))
    os.utime(source, (300, 300))  # the code changed since the build
    assert native._stale(extension, source)
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert native.kernel("layout.text.breakloop") is native.pure("layout.text.breakloop")


# --- the line breaker's loops ------------------------------------------------------------------

floats = st.floats(min_value=0.0, max_value=3.0, allow_nan=False)


@st.composite
def paragraphs(draw):
    """The parallel lists of a paragraph of n boxes, with some trims, blanks and penalties."""
    n = draw(st.integers(min_value=1, max_value=60))
    lists = st.lists(floats, min_size=n, max_size=n)
    junctions = st.lists(floats, min_size=n + 1, max_size=n + 1)
    penalty = draw(
        st.lists(st.sampled_from([0.0, 0.0, 50.0, float("inf")]), min_size=n + 1, max_size=n + 1)
    )
    return {
        "n": n,
        "bw": draw(st.lists(st.floats(0.3, 1.5), min_size=n, max_size=n)),
        "ls": draw(lists),
        "rs": draw(lists),
        "glue": draw(junctions),
        "gshrink": draw(junctions),
        "gstretch": draw(junctions),
        "even": draw(st.lists(st.booleans(), min_size=n + 1, max_size=n + 1)),
        "start_trim": draw(lists),
        "end_trim": draw(lists),
        "chars": draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)),
        "penalty": penalty,
        "measure": draw(st.floats(2.0, 20.0)),
        "indent": draw(st.sampled_from([0.0, 2.0])),
        "trim": draw(st.booleans()),
        "trim_first": draw(st.booleans()),
        "max_ratio": draw(st.sampled_from([2.5, float("inf")])),
        "orphan": draw(st.sampled_from([1e8, float("inf")])),
        "lettered": draw(st.booleans()),
    }


def run_loops(loops, p: dict):
    n = p["n"]
    sums = loops.prefix_sums(
        n, p["bw"], p["ls"], p["rs"], p["glue"], p["gshrink"], p["gstretch"], p["even"]
    )
    width, shrink, stretch, hw, hs, ht = sums
    head_w, head_s, el, after = loops.line_edges(
        n,
        p["ls"],
        p["rs"],
        p["start_trim"],
        p["end_trim"],
        p["chars"],
        list(hw),
        list(hs),
        p["trim"],
        p["trim_first"],
    )
    head_w = list(head_w)
    head_w[0] -= p["indent"]
    lg = list(range(n + 1)) if p["lettered"] else None
    le = [max(0, i - 1) for i in range(n + 1)] if p["lettered"] else None
    points = [j for j in range(1, n) if p["penalty"][j] < float("inf")] + [n]
    fit = loops.total_fit(
        points,
        width,
        shrink,
        stretch,
        head_w,
        head_s,
        ht,
        p["end_trim"],
        el,
        p["penalty"],
        after,
        lg,
        le,
        p["measure"],
        p["max_ratio"],
        p["orphan"],
        float("inf"),
    )
    return sums, (head_w, head_s, el, after), fit


@settings(max_examples=300, deadline=None)
@given(paragraphs())
def test_breaker_loops_compiled_equal_their_source(p):
    compiled = native.kernel("layout.text.breakloop")
    source = native.pure("layout.text.breakloop")
    assert outcome(compiled, p) == outcome(source, p)


def outcome(loops, p: dict) -> str:
    """What the loops return (repr: -0.0 and inf exactly), or the kind of error they raise
    (random lists can divide by a zero shrink, which real paragraphs never do)."""
    try:
        return repr(run_loops(loops, p))
    except ZeroDivisionError:
        return "ZeroDivisionError"


@pytest.fixture(scope="module")
def fonts() -> FontRegistry:
    return FontRegistry.load()


def test_reference_paragraphs_break_alike(fonts, monkeypatch):
    """Every paragraph of the reference issue: the same lines, glyph positions and demerits."""
    from layout.compose import setter
    from layout.fonts.metrics import FontMetrics
    from layout.manifest import load_issue
    from layout.style.load import load_style

    specs = []

    def recording(spec, metrics):
        specs.append(spec)
        return compose_paragraph(spec, metrics)

    monkeypatch.setattr(setter, "compose_paragraph", recording)
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")  # every paragraph composed in this process
    issue = load_issue(REFERENCE)
    metrics = FontMetrics(fonts)
    compose_issue(issue, load_style(issue.meta.style), metrics)
    assert len(specs) > 400
    compiled = [compose_paragraph(spec, metrics) for spec in specs]
    monkeypatch.setattr(linebreak, "_loops", native.pure("layout.text.breakloop"))
    assert [compose_paragraph(spec, metrics) for spec in specs] == compiled


# --- the charstring walker ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["body", "heading"])
def test_charstring_walker_compiled_equals_its_source(fonts, monkeypatch, role):
    face = fonts.face(role)
    gids = sorted({0, *range(1, face.info.glyph_count, 37)})
    compiled, store = GlyphPrograms(), GlyphPrograms()
    program = subset_cff(face.ref.path, face.ref.index, gids, compiled)
    monkeypatch.setattr(cffsubset, "_walk", native.pure("layout.fonts.charstrings"))
    assert subset_cff(face.ref.path, face.ref.index, gids, store) == program
    # the cut programs and the subroutines' effects too (marshal's bytes depend on refcounts)
    assert marshal.loads(store.dumps()) == marshal.loads(compiled.dumps())


# --- a whole build -----------------------------------------------------------------------------


def test_a_build_writes_the_same_bytes_with_and_without_the_kernels(tmp_path):
    def build(pure: bool) -> bytes:
        out = tmp_path / ("pure" if pure else "compiled")
        env = dict(os.environ, HRB_LAYOUT_CACHE=str(tmp_path / f"cache-{pure}"))
        env[native.PURE_ENV] = "1" if pure else "0"
        command = [sys.executable, "-m", "layout.cli", "build", str(REFERENCE), "-o", str(out)]
        command += ["--no-report", "--quiet"]
        started = time.monotonic()
        subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
        assert time.monotonic() - started < 300
        return (out / "issue.pdf").read_bytes()

    assert build(pure=False) == build(pure=True)


# --- the PDF writer's TJ loop ------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["政", "协", "A", "ff", "。"]), st.floats(-50, 500)),
        min_size=1,
        max_size=40,
    ),
    st.floats(-20, 20),
    st.sampled_from([9.5, 10.5, 24.0]),
)
def test_tj_loop_compiled_equals_its_source(glyphs, dx, size):
    widths = {"政": (1000.0,), "协": (1000.0,), "A": (603.0,), "ff": (310.5, 310.5), "。": (500.0,)}
    made = []

    def codes(font, chars):
        made.append(chars)
        return bytes(len(chars) * 2), widths[chars]

    def run(loops):
        known = {"政": (b"\x00\x01", widths["政"])}
        start = 56.7 + glyphs[0][1] + dx
        return repr(loops.tj_array(tuple(glyphs), dx, 56.7, start, size, known, codes, "body"))

    compiled = run(native.kernel("layout.render.pdf.tjloop"))
    assert compiled == run(native.pure("layout.render.pdf.tjloop"))


def reference_tj_array(glyphs, dx, margin, start, size, known, codes, font) -> bytes:
    """The TJ loop as it was first written: round() and float formatting for every kern."""
    from binascii import hexlify

    pen, parts, out = start, [], bytearray()
    for chars, x in glyphs:
        kern = round((pen - (margin + (x + dx))) * 1000 / size, 3)
        if kern:
            if out:
                parts.append(b"<" + hexlify(out).upper() + b">")
                out.clear()
            parts.append(f"{kern:.3f}".rstrip("0").rstrip(".").encode("ascii"))
            pen -= kern * size / 1000
        string, widths = known.get(chars) or codes(font, chars)
        out += string
        for width in widths:
            pen += width * size / 1000
    if out:
        parts.append(b"<" + hexlify(out).upper() + b">")
    return b"[" + b" ".join(parts) + b"]"


positions = st.one_of(
    st.floats(-600, 600, allow_nan=False),
    # kerns a hair from a tie of the third decimal, where rint and decimal rounding may part
    st.integers(-(10**6), 10**6).map(lambda k: (k + 0.5) / 1000 * 9.5 / 1000),
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["政", "A", "ff"]), positions), min_size=1, max_size=30),
    st.sampled_from([9.5, 10.5, 7.0, 24.0]),
    st.floats(-30, 30, allow_nan=False),
)
def test_tj_loop_writes_what_rounding_each_kern_wrote(glyphs, size, dx):
    widths = {"政": (1000.0,), "A": (603.0,), "ff": (310.5, 310.5)}

    def codes(font, chars):
        return bytes(len(chars) * 2), widths[chars]

    args = (tuple(glyphs), dx, 56.69, 56.69 + glyphs[0][1] + dx, size, {}, codes, "body")
    expected = reference_tj_array(*args)
    for loops in (
        native.kernel("layout.render.pdf.tjloop"),
        native.pure("layout.render.pdf.tjloop"),
    ):
        assert loops.tj_array(*args) == expected


@given(st.integers(-(10**9), 10**9))
def test_thousandths_are_written_as_the_rounded_kern_was(count):
    loops = native.pure("layout.render.pdf.tjloop")
    assert loops.thousandths_bytes(count) == number(count / 1000, 3)  # as the writer writes it


def reference_ragged(p: dict, sums, edges, points, jtext, balance_max=12):
    """break_ragged as it was first written (dicts of layers, a cost closure), on the lists."""
    inf, n = float("inf"), p["n"]
    width, shrink, _, _, _, _ = sums
    head_w, head_s, el, after = edges
    et = p["end_trim"]
    measure, first = p["measure"], p["measure"] - p["indent"]

    def natural(a, b):
        return width[b] - head_w[a] - et[b - 1]

    def shrinkable(a, b):
        return shrink[b] - head_s[a] - el[b - 1]

    spans, starts, lo = [], [0], 0
    for b in points:
        while lo < len(starts):
            a = starts[lo]
            m = first if a == 0 else measure
            if natural(a, b) - shrinkable(a, b) > m + 1e-9:
                lo += 1
            else:
                break
        options = []
        for a in starts[lo:]:
            m = first if a == 0 else measure
            w = natural(a, b)
            if w > m + 1e-9:
                options.append((a, 0.0, 50.0 * ((w - m) / shrinkable(a, b)) ** 3))
            else:
                options.append((a, m - w, 0.0))
        if options:
            spans.append((b, options))
            starts.append(b)
    fewest = {0: 0}
    for b, options in spans:
        k = min((fewest[a] for a, _, _ in options if a in fewest), default=None)
        if k is not None:
            fewest[b] = k + 1
    if n not in fewest:
        return None
    balance = fewest[n] <= balance_max

    def cost(a, b, slack, squeeze):
        c = squeeze + p["penalty"][b]
        if b < n and not jtext[b]:
            c += 4.0
        if b < n or balance:
            c += slack * slack
        if b == n and a and after[a] == 1:
            c += p["orphan"]
        return c

    if not balance:
        best, back = [inf] * (n + 1), [-1] * (n + 1)
        best[0] = 0.0
        for b, options in spans:
            for a, slack, squeeze in options:
                if best[a] < inf:
                    d = best[a] + cost(a, b, slack, squeeze)
                    if d < best[b]:
                        best[b], back[b] = d, a
        if best[n] == inf:
            return None
        ends, b = [], n
        while b > 0:
            ends.append(b)
            b = back[b]
        return tuple(reversed(ends)), best[n]
    layer, backs = {0: 0.0}, []
    for _ in range(fewest[n]):
        nxt, bk = {}, {}
        for b, options in spans:
            for a, slack, squeeze in options:
                base = layer.get(a)
                if base is not None and base < inf:
                    d = base + cost(a, b, slack, squeeze)
                    if d < nxt.get(b, inf):
                        nxt[b], bk[b] = d, a
        layer = nxt
        backs.append(bk)
    if layer.get(n, inf) == inf:
        return None
    ends = [n]
    for bk in reversed(backs[1:]):
        ends.append(bk[ends[-1]])
    return tuple(reversed(ends)), layer[n]


@settings(max_examples=300, deadline=None)
@given(paragraphs(), st.integers(0, 3), st.lists(st.booleans(), min_size=61, max_size=61))
def test_ragged_breaking_is_what_it_was_compiled_or_not(p, balance_max, spaced):
    n = p["n"]
    source = native.pure("layout.text.breakloop")
    sums = source.prefix_sums(
        n, p["bw"], p["ls"], p["rs"], p["glue"], p["gshrink"], p["gstretch"], p["even"]
    )
    edges = source.line_edges(
        n,
        p["ls"],
        p["rs"],
        p["start_trim"],
        p["end_trim"],
        p["chars"],
        list(sums[3]),
        list(sums[4]),
        p["trim"],
        p["trim_first"],
    )
    points = [j for j in range(1, n) if p["penalty"][j] < float("inf")] + [n]
    jtext = [" " if s else "" for s in spaced[: n + 1]]
    args = (points, sums[0], sums[1], edges[0], edges[1], p["end_trim"], edges[2])
    args += (p["penalty"], edges[3], jtext, p["measure"], p["measure"] - p["indent"])
    args += (p["orphan"], 4.0, balance_max)

    def outcome(run):
        try:
            return repr(run())
        except ZeroDivisionError:
            return "ZeroDivisionError"

    expected = outcome(lambda: reference_ragged(p, sums, edges, points, jtext, balance_max))
    for loops in (source, native.kernel("layout.text.breakloop")):
        assert outcome(lambda loops=loops: loops.ragged_fit(*args)) == expected
