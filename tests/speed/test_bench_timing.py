"""`make bench` times whole processes: the clock must stop when the process exits."""

from __future__ import annotations

import subprocess
import sys
import time

from layout.bench import run_fresh, wait_exactly


def test_a_run_is_timed_to_its_exit_not_to_a_polling_step():
    # Popen.wait(timeout) wakes at 113.5, 163.5, 213.5 ms ...: a process ending at about
    # 170 ms (150 ms of sleep and the interpreter's start) read 213.5 ms
    sleeper = [sys.executable, "-c", "import time; time.sleep(0.15)"]
    start_up = max(_timed([sys.executable, "-c", "pass"]) for _ in range(3))
    elapsed = run_fresh(sleeper)
    assert 0.15 <= elapsed < 0.15 + start_up + 0.025


def _timed(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True)
    return time.perf_counter() - started


def test_a_run_past_its_time_is_killed():
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    started = time.perf_counter()
    assert wait_exactly(proc, 0.3) is False
    assert time.perf_counter() - started < 5
    assert proc.returncode is not None
