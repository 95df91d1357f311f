"""`layout watch ISSUE_DIR`: rebuild the PDF on every save, in one resident process.

Looks at the issue folder and the style sheets (modification time and size of each file, a
few hundred stat calls) every --interval seconds, and at once when inotify says a file there
changed; after a change it waits until the files stop changing for a moment (an editor may
write in several steps), then rebuilds and prints one line: the time, the pages drawn anew,
the overruns. report.html beside the PDF is rewritten with it (an open report reloads itself).
Bad input prints the positioned errors as `layout build` does and puts them in the report; the
last good PDF stays, and the next save is tried again. Ctrl-C stops
it (exit 130) after saving the composed paragraphs for the next run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from layout.commands.build import OUTPUT_ROOT
from layout.errors import LayoutError
from layout.inotify import Waker
from layout.style.load import STYLES_DIR
from layout.watch import Resident, snapshot

SETTLE = 0.02  # seconds the files must stay unchanged before a rebuild starts (polling)
QUIET = 0.005  # with inotify: seconds without a file event before a rebuild starts
QUIET_MAX = 2.0  # ... but a folder that never stops changing is rebuilt after this long


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("issue", type=Path, help="the issue folder, e.g. issues/2024-03")
    parser.add_argument("-o", "--output", type=Path, help="output folder (default output/<issue>)")
    parser.add_argument("--quiet", action="store_true", help="no warnings, only a line a rebuild")
    parser.add_argument(
        "--no-cache", action="store_true", help="do not read or save the paragraph memo"
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=0.2,
        help="seconds between two looks at the files (default 0.2, at most 5)",
    )
    parser.add_argument(
        "--max-rebuilds",
        type=int,
        default=0,
        help="stop after this many rebuilds, the first included (0: never; --once is 1)",
    )
    parser.add_argument("--once", action="store_true", help="build once and stop")
    parser.add_argument(
        "--no-report",
        action="store_true",
        help="no report.html beside the PDF (by default it is kept current, errors included)",
    )
    parser.add_argument(
        "--press",
        metavar="CONDITION",
        help="the press condition, instead of the style's press.condition (as for build)",
    )


def run(args: argparse.Namespace) -> int:
    interval = min(max(args.interval, 0.01), 5.0)
    limit = 1 if args.once else max(args.max_rebuilds, 0)
    out_dir = args.output or OUTPUT_ROOT / args.issue.resolve().name
    resident = Resident(
        args.issue,
        out_dir,
        use_memo=not args.no_cache,
        report=not args.no_report,
        press=args.press,
    )
    watched = [args.issue, STYLES_DIR]
    waker = Waker.create(watched, skip=out_dir) if limit != 1 else None
    rebuilds = 0
    try:
        state = _state(watched, out_dir)
        while True:
            ok = _rebuild(resident, args.quiet)
            rebuilds += 1
            if limit and rebuilds >= limit:
                return 0 if ok else 2  # as `layout build` would have exited on the last one
            state = _wait_for_change(watched, out_dir, state, interval, waker)
    finally:
        resident.save()
        if waker is not None:
            waker.close()


def _rebuild(resident: Resident, quiet: bool) -> bool:
    stamp = time.strftime("%H:%M:%S")
    try:
        done = resident.rebuild()
    except LayoutError as error:
        print(str(error), file=sys.stderr)
        print(f"{stamp} failed: the last good PDF stays; waiting for the next save", flush=True)
        return False
    if not quiet:
        for warning in done.warnings:
            print(warning, file=sys.stderr)
    over = f"{done.overruns} overrun" + ("s" if done.overruns != 1 else "")
    print(
        f"{stamp} rebuilt {done.path} in {done.seconds:.3f} s: {done.pages} pages, "
        f"{done.changed} changed, {over}",
        flush=True,
    )
    try:
        resident.report_pending()
    except LayoutError as error:  # the PDF is good; only the report could not be written
        print(str(error), file=sys.stderr, flush=True)
    return True


def _state(watched: list[Path], out_dir: Path) -> tuple:
    return tuple(snapshot(folder, skip=out_dir) for folder in watched)


def _wait_for_change(
    watched: list[Path], out_dir: Path, state: tuple, interval: float, waker: Waker | None
) -> tuple:
    """Sleep until a watched file changes, then until the files settle; the new state."""
    while True:
        if waker is None:
            time.sleep(interval)
        else:
            waker.wait(interval)
        now = _state(watched, out_dir)
        if now != state:
            break
    if waker is not None:
        # an editor that writes in steps (truncate, write, close, rename) sends its events
        # within a millisecond or two: wait until the folders are quiet, then look again
        until = time.monotonic() + QUIET_MAX
        while waker.wait(QUIET) and time.monotonic() < until:
            pass
        return _state(watched, out_dir)
    while True:  # polling: wait until the files stay still
        time.sleep(SETTLE)
        settled = _state(watched, out_dir)
        if settled == now:
            return now
        now = settled
