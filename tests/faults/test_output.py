"""Writing output under faults, and what reaches the user: one line and exit status 2 for an
environment error (disk full, file-size limit), `interrupted` and 128+signal for a signal, one
line and 70 for a bug of ours. Never a traceback, never exit 0 with nothing written."""

from __future__ import annotations

import errno
import os
import resource
import signal
from pathlib import Path

import pytest

from layout import atomic, cli, publish
from layout.commands import typeset_text

from .helpers import cold_env, run

HINT = "(please report; run with HRB_LAYOUT_DEBUG=1 for the traceback)"


@pytest.fixture
def text(tmp_path) -> Path:
    path = tmp_path / "text.txt"
    path.write_text("全国政协机关召开会议，部署今年工作。\n" * 30, encoding="utf-8")
    return path


@pytest.fixture
def previous(tmp_path) -> Path:
    path = tmp_path / "out" / "x.pdf"
    path.parent.mkdir()
    path.write_bytes(b"%PDF-1.3 the previous one")
    return path


def disk_full(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as handle:
        handle.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def only_the_previous(previous: Path) -> None:
    assert previous.read_bytes() == b"%PDF-1.3 the previous one"
    assert [p.name for p in previous.parent.iterdir()] == [previous.name]  # no temporary


def test_typeset_text_on_a_full_disk(text, previous, monkeypatch, capsys):
    monkeypatch.setattr(atomic, "_fill", disk_full)
    assert cli.main(["typeset-text", str(text), "-o", str(previous)]) == 2
    assert capsys.readouterr().err == (
        f"{previous}: cannot write the PDF: No space left on device "
        "(the disk is full: free some space or write elsewhere with -o)\n"
    )
    only_the_previous(previous)


def test_build_on_a_full_disk(previous, monkeypatch, capsys):
    """Only the write path of `layout build`: composing and drawing are stood in for."""
    folder = Path(__file__).resolve().parents[2] / "issues" / "2024-03"

    monkeypatch.setattr(publish, "render_pdf", lambda *args, **kw: b"%PDF-1.3 new")
    monkeypatch.setattr(atomic, "_fill", disk_full)
    previous.rename(previous.parent / "issue.pdf")
    previous = previous.parent / "issue.pdf"
    argv = ["build", str(folder), "-o", str(previous.parent), "--quiet", "--no-cache"]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err.endswith(
        f"{previous}: cannot write the PDF: No space left on device "
        "(the disk is full: free some space or write elsewhere with -o)\n"
    )
    only_the_previous(previous)


def test_typeset_text_over_the_file_size_limit(text, previous, tmp_path):
    """`ulimit -f`: the kernel's SIGXFSZ would kill the command; it reports EFBIG instead."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    done = run(
        ["typeset-text", str(text), "-o", str(previous)],
        cold_env(tmp_path / "cache"),
        tmp_path,
        timeout=60,
        preexec_fn=limit,  # subprocess restores SIGXFSZ to its default action before exec
    )
    assert (done.returncode, done.stderr) == (
        2,
        f"{previous}: cannot write the PDF: File too large "
        "(the file is larger than this process may write (ulimit -f): raise the limit)\n",
    )
    only_the_previous(previous)


@pytest.mark.parametrize("content", ["", "\n\n  \t\n"], ids=["empty", "blank-lines"])
def test_typeset_text_of_an_empty_text_is_an_error(tmp_path, content, capsys):
    source = tmp_path / "empty.txt"
    source.write_text(content, encoding="utf-8")
    assert cli.main(["typeset-text", str(source), "-o", str(tmp_path / "x.pdf")]) == 2
    assert capsys.readouterr().err == (
        f"{source}: the text is empty "
        "(it has no line with anything but blanks; give one paragraph per line)\n"
    )
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    "error, shown",
    [
        (RuntimeError("something\nbroke"), "RuntimeError: something"),
        (RecursionError("maximum recursion depth exceeded"), "RecursionError: maximum recursion"),
        (MemoryError(), "MemoryError (please"),
        (ValueError("x" * 5000), "ValueError: " + "x" * 300 + "…"),
    ],
    ids=["runtime", "recursion", "memory", "long"],
)
def test_a_bug_of_ours_is_one_line_and_exit_70(text, monkeypatch, capsys, error, shown):
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)

    def broken(args):
        raise error

    monkeypatch.setattr(typeset_text, "run", broken)
    assert cli.main(["typeset-text", str(text), "-o", "x.pdf"]) == 70
    err = capsys.readouterr().err
    assert err.startswith(f"internal error: {shown}") and err.endswith(f"{HINT}\n")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_debug_shows_the_traceback(text, monkeypatch):
    monkeypatch.setenv(cli.DEBUG_ENV, "1")

    def broken(args):
        raise RuntimeError("the real cause")

    monkeypatch.setattr(typeset_text, "run", broken)
    with pytest.raises(RuntimeError, match="the real cause"):
        cli.main(["typeset-text", str(text), "-o", "x.pdf"])


def test_ctrl_c_is_one_word_and_130(text, monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(typeset_text, "run", interrupted)
    assert cli.main(["typeset-text", str(text), "-o", "x.pdf"]) == 130
    assert capsys.readouterr().err == "interrupted\n"


class NotCaught(Exception):
    pass


@pytest.fixture
def guarded():
    """A SIGTERM the command does not catch must fail the test, not end the test run."""

    def not_caught(signum, frame):
        raise NotCaught("SIGTERM reached the test's own handler")

    previous = signal.signal(signal.SIGTERM, not_caught)
    yield
    signal.signal(signal.SIGTERM, previous)


def test_sigterm_unwinds_and_the_handlers_are_restored(
    text, previous, monkeypatch, capsys, guarded
):
    before = {n: signal.getsignal(n) for n in (signal.SIGTERM, signal.SIGHUP, signal.SIGXFSZ)}
    seen = {}

    def terminated(args):
        seen["xfsz"] = signal.getsignal(signal.SIGXFSZ)
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            signal.sigtimedwait([], 0)  # let the handler run
        finally:
            seen["unwound"] = True  # every `finally` runs: temporaries go, the child is killed

    monkeypatch.setattr(typeset_text, "run", terminated)
    assert cli.main(["typeset-text", str(text), "-o", str(previous)]) == 143
    assert capsys.readouterr().err == "interrupted (SIGTERM)\n"
    assert seen == {"xfsz": signal.SIG_IGN, "unwound": True}
    assert {n: signal.getsignal(n) for n in before} == before
