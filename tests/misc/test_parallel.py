import os
import signal
import subprocess
import sys
import time

import pytest

from layout import parallel
from layout.errors import LayoutError, Location


def test_both_halves_come_back_in_order():
    here, there = parallel.in_parallel(lambda: [1, 2], lambda: {"pid": os.getpid(), "v": [3]})
    assert here == [1, 2] and there["v"] == [3]
    if parallel.available():
        assert there["pid"] != os.getpid()  # really computed in the child


def test_a_failing_child_is_redone_here_with_the_real_error():
    calls = []

    def there():
        calls.append(os.getpid())
        raise LayoutError("bad box", Location("a.txt", 3, 1))

    with pytest.raises(LayoutError) as caught:
        parallel.in_parallel(lambda: None, there)
    assert str(caught.value) == "a.txt:3:1: bad box"
    assert os.getpid() in calls  # the parent ran it itself to raise it


def test_unpicklable_result_falls_back():
    here, there = parallel.in_parallel(lambda: 1, lambda: lambda: 2)
    assert here == 1 and there() == 2


def test_jobs_one_keeps_everything_here(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_ENV, "1")
    assert not parallel.available()
    _, there = parallel.in_parallel(lambda: None, lambda: os.getpid())
    assert there == os.getpid()


# --- no wait without end (issue #8) ----------------------------------------------------------
# Each test runs under a deadline of its own (SIGALRM): a regression hangs no test run, it fails.

needs_fork = pytest.mark.skipif(not parallel.available(), reason="needs fork and two cores")
HUGE = 8 << 20  # far more than a pipe holds: a child sending it blocks until someone reads


class Deadline(Exception):
    pass


@pytest.fixture
def deadline():
    def expire(signum, frame):
        raise Deadline("in_parallel did not return in time")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def gone(pid: int) -> bool:
    """The process has exited and been reaped (or is a zombie nobody of ours can reap)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def wait_for(condition, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def child_pid(path) -> int:
    assert wait_for(lambda: path.exists() and path.read_text().endswith("\n"))
    return int(path.read_text())


def note_pid(path) -> None:
    path.write_text(f"{os.getpid()}\n")


@needs_fork
def test_here_raising_kills_the_child_that_sends_a_huge_result(tmp_path, deadline):
    pid_file = tmp_path / "child"

    def there():
        note_pid(pid_file)
        return b"x" * HUGE

    def here():
        child_pid(pid_file)
        time.sleep(0.2)  # the child is now blocked writing into the pipe
        raise LayoutError("bad glyph", Location("a.txt", 1, 11))

    with pytest.raises(LayoutError) as caught:
        parallel.in_parallel(here, there)
    assert str(caught.value) == "a.txt:1:11: bad glyph"
    assert gone(child_pid(pid_file))


@needs_fork
def test_here_interrupted_kills_the_child(tmp_path, deadline):
    pid_file = tmp_path / "child"

    def there():
        note_pid(pid_file)
        time.sleep(60)

    def here():
        child_pid(pid_file)
        raise KeyboardInterrupt

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        parallel.in_parallel(here, there)
    assert time.monotonic() - started < 5
    assert gone(child_pid(pid_file))


@needs_fork
def test_a_huge_result_comes_back(deadline):
    here, there = parallel.in_parallel(lambda: 1, lambda: b"y" * HUGE)
    assert here == 1 and there == b"y" * HUGE


@needs_fork
def test_child_raising_while_here_works_long_is_redone_here(deadline):
    calls = []

    def there():
        calls.append(os.getpid())
        raise LayoutError("bad box", Location("b.txt", 7, 2))

    with pytest.raises(LayoutError, match="b.txt:7:2: bad box"):
        parallel.in_parallel(lambda: time.sleep(0.3), there)
    assert calls == [os.getpid()]


@needs_fork
def test_child_killing_itself_is_redone_here(deadline):
    parent = os.getpid()

    def there():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "redone"

    assert parallel.in_parallel(lambda: "mine", there) == ("mine", "redone")


@needs_fork
def test_child_killed_from_outside_mid_work_is_redone_here(tmp_path, deadline):
    parent, pid_file = os.getpid(), tmp_path / "child"

    def there():
        if os.getpid() != parent:
            note_pid(pid_file)
            time.sleep(60)
        return "redone"

    def here():
        os.kill(child_pid(pid_file), signal.SIGKILL)
        return "mine"

    assert parallel.in_parallel(here, there) == ("mine", "redone")
    assert gone(child_pid(pid_file))


@needs_fork
def test_child_interrupted_alone_is_redone_here(tmp_path, deadline):
    parent, pid_file = os.getpid(), tmp_path / "child"

    def there():
        if os.getpid() != parent:
            note_pid(pid_file)
            time.sleep(60)
        return "redone"

    def here():
        os.kill(child_pid(pid_file), signal.SIGINT)  # the child dies; the parent carries on
        return "mine"

    assert parallel.in_parallel(here, there) == ("mine", "redone")


@needs_fork
def test_the_child_holds_none_of_the_callers_files(deadline):
    def there():
        return [os.readlink(f"/proc/self/fd/{fd}") for fd in (0, 1, 2)]

    _, links = parallel.in_parallel(lambda: None, there)
    assert links == ["/dev/null"] * 3


@needs_fork
def test_the_child_does_not_fork_again(deadline):
    _, inner = parallel.in_parallel(
        lambda: None, lambda: parallel.in_parallel(lambda: os.getpid(), lambda: os.getpid())
    )
    assert inner[0] == inner[1]


# The parent dies outright (kill -9): its child must follow at once, and must not keep the
# caller's pipes open. `arm` chooses whether the kernel's parent-death signal is armed, so the
# fallback (no stdio, no read end of its own pipe) is tested on its own too.
ORPHAN_SCRIPT = """
import os, signal, sys, time
from layout import parallel
if sys.argv[2] == "unarmed":
    parallel._set_parent_death_signal = lambda: None
pid_file = sys.argv[1]

def there():
    with open(pid_file + ".part", "w") as f:
        f.write(str(os.getpid()))
    os.rename(pid_file + ".part", pid_file)
    if sys.argv[3] == "sleep":
        time.sleep(30)
    return b"z" * (8 << 20)

def here():
    while not os.path.exists(pid_file):
        time.sleep(0.01)
    time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGKILL)

parallel.in_parallel(here, there)
"""


@needs_fork
@pytest.mark.parametrize("arm, work", [("armed", "sleep"), ("armed", "send"), ("unarmed", "send")])
def test_a_child_never_outlives_its_parent(tmp_path, arm, work):
    pid_file = tmp_path / "child"
    started = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-c", ORPHAN_SCRIPT, str(pid_file), arm, work],
        capture_output=True,  # returns only when nobody holds the pipes any more
        timeout=20,
        cwd=tmp_path,
    )
    assert process.returncode == -signal.SIGKILL, process.stderr
    assert time.monotonic() - started < 10
    assert wait_for(lambda: gone(int(pid_file.read_text())))


@needs_fork
def test_a_finished_child_is_collected_by_the_next_call(deadline):
    # the parent does not wait for a child's exit once its result is in, nor leaves it a zombie
    _, pid = parallel.in_parallel(lambda: None, os.getpid)
    assert wait_for(lambda: gone(pid))
    parallel.in_parallel(lambda: None, lambda: None)
    assert not os.path.exists(f"/proc/{pid}")


# --- tasks shared from both ends ---------------------------------------------------------------


def _shared(count: int, there, first=lambda: "first", here_cost: float = 0.0):
    done_here = []

    def here(i):
        time.sleep(here_cost)
        done_here.append(i)

    value, theirs = parallel.from_both_ends(count, here, there, first)
    assert value == "first"
    assert sorted(done_here + list(theirs)) == list(range(count)), "each task done once"
    return done_here, theirs


@needs_fork
def test_both_ends_share_every_task_once(deadline):
    def there(i):
        time.sleep(0.005)
        return os.getpid(), i * i

    done_here, theirs = _shared(30, there, here_cost=0.005)
    assert done_here and theirs, "both cores took tasks"
    assert done_here == list(range(len(done_here)))  # this core from the first task on
    assert all(pid != os.getpid() and value == i * i for i, (pid, value) in theirs.items())


@needs_fork
def test_both_ends_a_task_the_child_fails_at_is_done_here(deadline):
    def there(i):
        if i == 15:
            raise LayoutError("bad box", Location("a.txt", 15, 1))
        return i

    done_here, theirs = _shared(20, there, here_cost=0.02)
    assert 15 in done_here and all(i > 15 for i in theirs)


@needs_fork
def test_both_ends_a_child_that_dies_leaves_its_tasks_here(deadline):
    def there(i):
        if i == 17:
            os.kill(os.getpid(), signal.SIGKILL)
        return i

    done_here, theirs = _shared(20, there, here_cost=0.01)
    assert set(theirs) <= {18, 19} and 17 in done_here


@needs_fork
def test_both_ends_an_unpicklable_result_is_done_here(deadline):
    done_here, theirs = _shared(10, lambda i: (lambda: i) if i == 8 else i, here_cost=0.02)
    assert set(theirs) == {9} and 8 in done_here


def _stuck(pid_file):
    """A child's task that notes the child's pid, then takes a minute."""

    def there(i):
        note_pid(pid_file)
        time.sleep(60)
        return i

    return there


@needs_fork
def test_both_ends_do_not_wait_for_a_slow_child(tmp_path, deadline):
    pid_file = tmp_path / "child"

    def first():
        child_pid(pid_file)  # the child is at its first task
        return "first"

    started = time.monotonic()
    done_here, theirs = _shared(5, _stuck(pid_file), first)
    assert time.monotonic() - started < 5 and not theirs
    assert wait_for(lambda: gone(child_pid(pid_file)))


@needs_fork
def test_both_ends_first_raising_kills_the_child(tmp_path, deadline):
    pid_file = tmp_path / "child"

    def first():
        child_pid(pid_file)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        parallel.from_both_ends(3, lambda i: None, _stuck(pid_file), first)
    assert gone(child_pid(pid_file))


def test_both_ends_without_a_second_core_do_all_here(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_ENV, "1")
    done_here, theirs = _shared(7, lambda i: i)
    assert done_here == list(range(7)) and theirs == {}
