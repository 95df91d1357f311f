"""kill -9, SIGTERM and SIGINT of `layout build` at several points of a cold build: the command
ends at once, no process of it survives, the previous PDF is untouched, and the next run
removes the temporary files a killed run left behind.

The tests share one output folder: a real PDF is built first, every killed build must leave it
byte-identical, and the last test's build must clear what the killed ones left."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from layout import parallel

from .helpers import (
    REFERENCE,
    children_of,
    cold_env,
    group_members,
    kill_group,
    run,
    start,
    wait_for,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not parallel.available(), reason="needs fork and two cores"),
]
EXIT_WITHIN = 5.0  # seconds from the signal to the end of every process of the build


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """The cache of the first build: rebuilds with it compose in one process (the memo knows
    every paragraph) and fork only to draw pages."""
    return tmp_path_factory.mktemp("warm-cache")


@pytest.fixture(scope="module")
def site(tmp_path_factory, warm) -> tuple[Path, bytes]:
    """The output folder with a previous issue.pdf, and that PDF's bytes."""
    out = tmp_path_factory.mktemp("killed") / "out"
    done = run(["build", str(REFERENCE), "-o", str(out), "--quiet"], cold_env(warm), out.parent)
    assert done.returncode == 0, done.stderr
    return out, (out / "issue.pdf").read_bytes()


def kill_at(site, cache, number: int, when, *, group: bool = False) -> tuple[int, str]:
    """Start a build into the site, signal it when `when(pid)` says so; returns the exit
    status and stderr once every process of the build is gone."""
    out, _ = site
    build = start(["build", str(REFERENCE), "-o", str(out), "--quiet"], cold_env(cache), out)
    try:
        assert when(build.pid), "the build did not reach the point to kill it at"
        assert build.poll() is None, "the build ended before it could be killed"
        (os.killpg if group else os.kill)(build.pid, number)
        signalled = time.monotonic()
        # communicate() returns only when every holder of the build's stdout/stderr is gone
        _, stderr = build.communicate(timeout=EXIT_WITHIN + 5)
        assert wait_for(lambda: not group_members(build.pid), EXIT_WITHIN)
        assert time.monotonic() - signalled < EXIT_WITHIN
    finally:
        kill_group(build.pid)
        if build.poll() is None:
            build.kill()
            build.wait(5)
    return build.returncode, stderr


def after(seconds: float):
    return lambda pid: time.sleep(seconds) or True


def while_child_works(pid: int) -> bool:
    """When the build's forked child is alive: composing stories with a cold cache, drawing
    pages with a warm one."""
    if not wait_for(lambda: children_of(pid), 30):
        return False
    time.sleep(0.05)  # well into its work
    return True


def expected_end(number: int, rc: int, stderr: str) -> None:
    assert "Traceback" not in stderr
    if number == signal.SIGKILL:
        assert rc == -signal.SIGKILL
    elif number == signal.SIGINT:
        assert (rc, stderr.splitlines()[-1:]) == (130, ["interrupted"])
    else:
        assert (rc, stderr.splitlines()[-1:]) == (128 + number, ["interrupted (SIGTERM)"])


@pytest.mark.parametrize(
    "number, seconds",
    [
        (signal.SIGKILL, 0.2),
        (signal.SIGKILL, 0.5),
        (signal.SIGKILL, 1.0),
        (signal.SIGTERM, 0.5),
        (signal.SIGINT, 1.0),
    ],
)
def test_killed_after(site, tmp_path, number, seconds):
    rc, stderr = kill_at(site, tmp_path, number, after(seconds))  # a cold cache
    expected_end(number, rc, stderr)
    assert (site[0] / "issue.pdf").read_bytes() == site[1]


@pytest.mark.parametrize(
    "number, phase",
    [
        (signal.SIGKILL, "compose"),
        (signal.SIGTERM, "compose"),
        (signal.SIGINT, "compose"),
        (signal.SIGKILL, "render"),
        (signal.SIGINT, "render"),
    ],
)
def test_killed_while_the_child_works(site, warm, tmp_path, number, phase):
    cache = tmp_path if phase == "compose" else warm
    rc, stderr = kill_at(site, cache, number, while_child_works)
    expected_end(number, rc, stderr)
    assert (site[0] / "issue.pdf").read_bytes() == site[1]


def test_ctrl_c_interrupts_the_whole_group(site, tmp_path):
    """A terminal sends SIGINT to the parent and its child at once."""
    rc, stderr = kill_at(site, tmp_path, signal.SIGINT, while_child_works, group=True)
    expected_end(signal.SIGINT, rc, stderr)
    assert (site[0] / "issue.pdf").read_bytes() == site[1]


def test_the_next_run_removes_what_killed_runs_left(site, warm):
    out, previous = site
    dead = _a_dead_pid()
    left = [
        out / f".issue.pdf.{dead}.k2j4h1.tmp",  # a run killed while writing
        out / ".issue.pdf.x8d0vq3e.tmp",  # an older version's name, without a pid
    ]
    for path in left:
        path.write_bytes(previous[:1000])
    os.utime(left[1], (time.time() - 3600, time.time() - 3600))
    alive = out / f".issue.pdf.{os.getpid()}.a1b2c3.tmp"  # a concurrent build's: kept
    alive.write_bytes(b"%PDF-")
    done = run(["build", str(REFERENCE), "-o", str(out), "--quiet"], cold_env(warm), out)
    assert done.returncode == 0, done.stderr
    # the build report beside the PDF leaves no temporaries either
    expected = ["issue.pdf", alive.name, "report.html", "report-assets"]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    assert (out / "issue.pdf").read_bytes() == previous  # deterministic, and not damaged


def _a_dead_pid() -> int:
    """The pid of a process that has exited."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid
