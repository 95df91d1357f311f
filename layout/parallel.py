"""Use the second core: run one piece of work in a forked child while the parent does another.

Layout work splits into independent halves (stories of different articles, content streams of
different pages). Forking shares everything already loaded (fonts, metrics, the issue) without
pickling; only the child's result travels back through a pipe. Any failure in the child, or a
machine without fork or a second core, falls back to doing the work here, so errors surface
exactly as they would in a serial run and output never depends on how the work was split.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")

JOBS_ENV = "HRB_LAYOUT_JOBS"  # set to 1 to keep everything in one process


def available() -> bool:
    if os.environ.get(JOBS_ENV) == "1":
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    cores = (
        os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    )
    return len(cores) >= 2


def in_parallel(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    """(here(), there()), with `there` computed in a forked child when that is possible."""
    if not available():
        return here(), there()
    sys.stdout.flush()
    sys.stderr.flush()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_run_child, args=(there, sender), daemon=True)
    child.start()
    sender.close()
    try:
        mine = here()
        try:
            ok, theirs = receiver.recv()
        except EOFError:  # the child died without a word
            ok, theirs = False, None
    finally:
        receiver.close()
        child.join()
    return mine, theirs if ok else there()


def _run_child(work: Callable[[], B], sender) -> None:
    try:
        result = (True, work())
    except BaseException:  # the parent redoes the work and raises it with full context
        result = (False, None)
    try:
        sender.send(result)
    except Exception:  # an unpicklable result: the parent redoes the work
        sender.send((False, None))
    finally:
        sender.close()
