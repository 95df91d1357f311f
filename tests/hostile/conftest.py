"""Hostile-input tests: a test that could block (a FIFO opened for reading) fails after a
deadline instead of hanging the suite."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

DEADLINE = 30  # seconds; each test here takes well under one


class Deadline(Exception):
    pass


@pytest.fixture(autouse=True)
def deadline() -> Iterator[None]:
    def expire(signum, frame):
        raise Deadline(f"still running after {DEADLINE} s: blocked?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(DEADLINE)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
