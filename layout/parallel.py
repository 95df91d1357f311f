"""Use the second core: run one piece of work in a forked child while the parent does another.

Layout work splits into independent pieces (stories of different articles, content streams
of different pages). Forking shares everything already loaded (fonts, metrics, the issue)
without pickling; only the child's results travel back through a pipe. `in_parallel` gives the
child one half; `from_both_ends` lets the two cores share a list of tasks as they go, the child
from the last one back, the parent from the first on, until they meet. Any failure in the
child, or a machine without fork or a second core, falls back to doing the work here, so errors
surface exactly as they would in a serial run and output never depends on how the work was
split.

No wait without end, no child without its parent:
- the parent's own half raising (or being interrupted) kills and reaps the child first;
- the parent reads the child's result while watching the child, so a child that dies is noticed
  (end of file on the pipe, or its exit status) and its half is redone here;
- the child dies with its parent (PR_SET_PDEATHSIG on Linux), holds none of the caller's
  terminal or pipes (stdin/stdout/stderr go to /dev/null), and holds no copy of the read end of
  its own result pipe, so it can never block on a pipe nobody reads;
- a child whose tasks are no longer wanted (the parent met it) is killed, not waited for, and
  collected with the others that have exited (`reap_exiting`).
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import sys
import time
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")

JOBS_ENV = "HRB_LAYOUT_JOBS"  # set to 1 to keep everything in one process

_HEADER = 8  # bytes of the length that precedes the pickled result
_CHUNK = 1 << 20
_POLL_MS = 200  # how often a reader without news checks that the child still lives
_REAP_SECONDS = 5.0  # a child that closed its pipe but has not exited by then is killed
_in_child = False  # a child does its half itself: no grandchildren
_exiting: dict[int, float] = {}  # children that closed their pipe, by when, not yet collected


def available() -> bool:
    if _in_child or os.environ.get(JOBS_ENV) == "1":
        return False
    if not hasattr(os, "fork"):
        return False
    cores = (
        os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    )
    return len(cores) >= 2


def in_parallel(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    """(here(), there()), with `there` computed in a forked child when that is possible."""
    if not available():
        return here(), there()
    pid, receiver = _fork(there)
    done = False
    try:
        mine = here()
        payload, done = _receive(pid, receiver)
    finally:
        os.close(receiver)
        if not done:
            # here() raised or was interrupted, or the child lingers: it must not outlive this
            _kill_and_reap(pid)
    ok, theirs = _unpack(payload)
    reap_exiting()  # most often it has exited while its result was unpacked
    return mine, theirs if ok else there()


def from_both_ends(
    count: int,
    here: Callable[[int], None],
    there: Callable[[int], B],
    first: Callable[[], A],
) -> tuple[A, dict[int, B]]:
    """Tasks 0 .. count-1, shared by the two cores as they go: a forked child does `there(i)`
    from the last task back, sending each result as soon as it has it, while this process runs
    `first()` and then `here(i)` from the first task on, until the two meet. No share is fixed
    beforehand, so neither core waits for the other whatever the tasks cost (and however busy
    the machine keeps either core).

    Returns what `first` returned and the child's results, by task; every other task was done
    here. A task the child fails at (it stops there), or does not reach, is done here, where
    its errors are raised or collected with their positions. Without a second core, all of
    them are done here."""
    if not available() or count == 0:
        value = first()
        for i in range(count):
            here(i)
        return value, {}
    pid, receiver = _fork_body(lambda sender: _send_tasks(count, there, sender))
    try:
        inbox = _Inbox(receiver, count)
        value = first()
        i = 0
        while i < inbox.low:  # the child has sent every task from `low` on
            inbox.collect()
            if i < inbox.low:
                here(i)
                i += 1
    except BaseException:  # raised or interrupted: the child must not outlive this
        os.close(receiver)
        _kill_and_reap(pid)
        raise
    os.close(receiver)
    _stop(pid)  # a child still at work is doing a task that was done here
    # (a task both did as they met: this process's result stands)
    return value, {task: result for task, result in inbox.results.items() if task >= i}


_TASK = struct.Struct(">iBQ")  # task number, done (1) or failed (0), length of the pickle


def _send_tasks(count: int, there: Callable[[int], B], sender: int) -> int:
    """The child's side of from_both_ends: each task from the last back, its result sent at
    once; the first one that fails is reported and ends the child."""
    _widen(sender)
    for i in range(count - 1, -1, -1):
        try:
            data = pickle.dumps(there(i), protocol=pickle.HIGHEST_PROTOCOL)
            done = 1
        except BaseException:  # the parent does it, and meets its error where it belongs
            data, done = b"", 0
        try:
            _write_all(sender, _TASK.pack(i, done, len(data)) + data)
        except OSError:  # the parent has what it needs, or is gone
            return 1
        if not done:
            return 1
    return 0


def _widen(fd: int) -> None:
    """Let the pipe hold a whole issue's stories (Linux: up to 1 MiB without privileges), so
    that the child never waits for the parent to read."""
    import fcntl  # POSIX, as fork is

    size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if size is not None:
        try:
            fcntl.fcntl(fd, size, 1 << 20)
        except OSError:  # a lower limit: the parent reads between its own tasks
            pass


class _Inbox:
    """The parent's side of from_both_ends: what the child has sent, read without waiting."""

    def __init__(self, fd: int, count: int) -> None:
        os.set_blocking(fd, False)
        self.fd = fd
        self.low = count  # the child's results cover the tasks from here on
        self.results: dict = {}
        self.buffer = bytearray()
        self.open = True  # False once the child has ended, failed or sent nonsense

    def collect(self) -> None:
        """Read what has arrived and take every complete task it holds."""
        while self.open:
            try:
                chunk = os.read(self.fd, _CHUNK)
            except BlockingIOError:
                break
            if not chunk:
                self.open = False
                break
            self.buffer += chunk
        while len(self.buffer) >= _TASK.size:
            task, done, size = _TASK.unpack_from(self.buffer)
            if len(self.buffer) < _TASK.size + size:
                break
            payload = bytes(self.buffer[_TASK.size : _TASK.size + size])
            del self.buffer[: _TASK.size + size]
            try:
                if task != self.low - 1 or not done:  # out of order, or its failure: it stops
                    raise ValueError(task)
                self.results[task] = pickle.loads(payload)
            except Exception:  # nothing more is taken from it
                self.open = False
                self.buffer.clear()
                break
            self.low = task


def _stop(pid: int) -> None:
    """Kill a child whose work is no longer wanted, collected later (no waiting for it)."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _collect_later(pid)


def _collect_later(pid: int) -> None:
    """A child that is exiting: collected by reap_exiting (the next fork, or the program's
    end), or by init once this process has ended."""
    if not _collected(pid):
        _exiting[pid] = time.monotonic()


# --- the child -------------------------------------------------------------------------------


def _fork(work: Callable[[], B]) -> tuple[int, int]:
    """Start the child; returns its pid and the read end of its result pipe."""
    return _fork_body(lambda sender: _run_child(work, sender))


def _fork_body(body: Callable[[int], int]) -> tuple[int, int]:
    """Start a child that runs `body(write end of its pipe)` and exits with what it returns;
    returns its pid and the read end of the pipe."""
    reap_exiting()
    sys.stdout.flush()  # nothing buffered here is written twice
    sys.stderr.flush()
    parent = os.getpid()
    receiver, sender = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns from here
        status = 1
        try:
            os.close(receiver)
            _bind_to_parent(parent)
            status = body(sender)
        finally:
            os._exit(status)
    os.close(sender)
    return pid, receiver


def _bind_to_parent(parent: int) -> None:
    """Die with the parent; let go of everything of the caller's the child does not need."""
    global _in_child
    _in_child = True
    # Interrupts are the parent's business: it kills this child and decides what to do.
    # Should the child alone be signalled, it just dies and the parent redoes its half.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    _set_parent_death_signal()
    if os.getppid() != parent:  # the parent died before the death signal was armed
        os._exit(1)
    # Never hold the caller's terminal or pipes: `layout build | tee log` must end when the
    # build does, whatever happens to this child.
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)


def _set_parent_death_signal() -> None:
    """Linux: the kernel sends SIGKILL to this process when its parent exits."""
    if not sys.platform.startswith("linux"):
        return
    try:  # compiled by `make compile`: a system call, where ctypes takes milliseconds to import
        from layout.deathsignal import die_with_parent
    except ImportError:
        pass
    else:
        die_with_parent(int(signal.SIGKILL))
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the checks on the pipe still apply
        pass


def _run_child(work: Callable[[], B], sender: int) -> int:
    """Do the work and write (ok, result) to the pipe; returns the exit status."""
    try:
        result = (True, work())
    except BaseException:  # the parent redoes the work and raises it with full context
        result = (False, None)
    try:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable result: the parent redoes the work
        data = pickle.dumps((False, None))
    try:
        _write_all(sender, len(data).to_bytes(_HEADER, "big") + data)
    except OSError:  # the parent is gone or stopped listening
        return 1
    finally:
        os.close(sender)
    return 0 if result[0] else 1


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


# --- the parent ------------------------------------------------------------------------------


def _receive(pid: int, receiver: int) -> tuple[bytes, bool]:
    """Everything the child wrote, read until end of file or until the child is gone.

    Returns the bytes and whether the child is done: reaped, or exiting after closing its pipe."""
    chunks: list[bytes] = []
    poller = select.poll()
    poller.register(receiver, select.POLLIN | select.POLLHUP | select.POLLERR)
    while True:
        if poller.poll(_POLL_MS):
            chunk = os.read(receiver, _CHUNK)
            if not chunk:  # end of file: the child has written all, or died
                payload = b"".join(chunks)
                if _complete(payload):
                    # It is in os._exit, which takes a few milliseconds for a process this
                    # size: collected later rather than waited for here.
                    _collect_later(pid)
                else:  # it died on its way: its half is redone here
                    _kill_and_reap(pid)
                return payload, True
            chunks.append(chunk)
        elif _collected(pid):
            # gone without closing its end (a grandchild may hold a copy): take what is there
            chunks.extend(_drain(receiver))
            return b"".join(chunks), True


def _drain(fd: int) -> list[bytes]:
    os.set_blocking(fd, False)
    chunks = []
    try:
        while chunk := os.read(fd, _CHUNK):
            chunks.append(chunk)
    except BlockingIOError:
        pass
    return chunks


def _collected(pid: int) -> bool:
    """Whether the child has exited and its status is collected (or it is not ours)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:  # already collected (or not ours): nothing to wait for
        return True
    return bool(done)


def reap_exiting() -> None:
    """Collect the children that closed their pipe and have exited since; kill one that
    still lingers after _REAP_SECONDS."""
    now = time.monotonic()
    for pid, since in list(_exiting.items()):
        if _collected(pid):
            del _exiting[pid]
        elif now - since > _REAP_SECONDS:
            _kill_and_reap(pid)
            del _exiting[pid]


def _kill_and_reap(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    # SIGKILL cannot be caught or ignored: the wait ends as soon as the kernel has torn it down
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _complete(payload: bytes) -> bool:
    """Whether the child's bytes are as long as their header says."""
    size = int.from_bytes(payload[:_HEADER], "big")
    return len(payload) >= _HEADER and len(payload) == _HEADER + size


def _unpack(payload: bytes) -> tuple[bool, object]:
    """(ok, result) from the child's bytes; anything short or damaged counts as a failure."""
    if not _complete(payload):
        return False, None
    try:
        ok, result = pickle.loads(memoryview(payload)[_HEADER:])
    except Exception:
        return False, None
    return bool(ok), result
