"""Fault tests run `layout` as a real process: killed, interrupted, short of disk, limited in
file size. Every run has a timeout, and every test checks that no process of the run survives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "issues" / "2024-03"
_SCRIPT = Path(sys.executable).parent / "layout"  # the console script an editor runs
LAYOUT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "layout.cli"]


def cold_env(cache: Path, **extra: str) -> dict[str, str]:
    """An environment with an empty cache: no composition memo, so the work is split between
    two processes (a warm rebuild stays in one)."""
    env = dict(os.environ, HRB_LAYOUT_CACHE=str(cache), **extra)
    env.pop("HRB_LAYOUT_JOBS", None)
    env.pop("HRB_LAYOUT_DEBUG", None)
    return env


def _default_signals() -> None:
    """In the child before exec: a test run started in the background (SIGINT ignored) must
    not make the build deaf to the signals the tests send."""
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    """`layout ARGS` in a session of its own: its process group is its id."""
    return subprocess.Popen(
        LAYOUT + args,
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_default_signals,
    )


def run(args: list[str], env: dict[str, str], cwd: Path, timeout: float = 60, **kw):
    """`layout ARGS` to its end; past `timeout` its whole process group is killed (a forked
    child too) and TimeoutExpired raised."""
    with subprocess.Popen(
        LAYOUT + args,
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **kw,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process.pid)
            process.kill()
            process.communicate()
            raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _stat(pid: str) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()  # state, ppid, pgrp, ...
    except OSError:
        return None


def living(select: Callable[[list[str]], bool]) -> list[int]:
    """Pids of processes that are alive (not zombies) and match `select(stat fields)`."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit() and (fields := _stat(name)) and fields[0] != "Z" and select(fields):
            found.append(int(name))
    return found


def group_members(group: int) -> list[int]:
    return living(lambda fields: int(fields[2]) == group)


def children_of(pid: int) -> list[int]:
    return living(lambda fields: int(fields[1]) == pid)


def wait_for(condition: Callable[[], object], seconds: float) -> object:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if found := condition():
            return found
        time.sleep(0.01)
    return condition()


def kill_group(group: int) -> None:
    """Clean up after a failed test: nothing of ours may outlive it."""
    for pid in group_members(group):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
