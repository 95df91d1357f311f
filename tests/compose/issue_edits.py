"""Small synthetic issues for the page composer's tests: the valid fixture, copied and edited."""

from __future__ import annotations

import contextlib
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "issue-valid"


class TimeLimit(Exception):
    """A test's work ran past its time limit (a loop that should have ended)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimit in this (main) thread when the block runs longer than `seconds`."""

    def expire(signum, frame):
        raise TimeLimit(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def issue_copy(tmp_path: Path) -> Path:
    """The fixture issue in `tmp_path`, with its RGB picture made a placeholder so that the
    issue also prints (the print PDF refuses PNGs)."""
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    edit(
        folder / "articles" / "p04-nongji.txt",
        lambda t: t.replace("visit.png cols=2 lines=10", "visit.png cols=2 lines=10 placeholder"),
    )
    edit(
        folder / "issue.yaml",
        lambda t: t.replace("{file: visit.png, caption: 调研现场}", "{placeholder: true}"),
    )
    return folder


def edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the edit did not change {path.name}"
    path.write_text(changed, encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of `path` holding `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in {path}")
