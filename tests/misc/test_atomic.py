import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from layout import atomic
from layout.atomic import remove_stale_siblings, write_bytes_atomic, write_output
from layout.errors import LayoutError


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out" / "issue.pdf"
    write_bytes_atomic(target, b"one")
    write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["issue.pdf"]


def test_atomic_write_has_ordinary_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_bytes_atomic(tmp_path / "a.pdf", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.pdf").stat().st_mode) == 0o644


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "issue.pdf"
    target.write_bytes(b"good")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["issue.pdf"]


# --- faults while writing (issue #8) ---------------------------------------------------------


def dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_the_temporary_name_carries_the_writers_pid(tmp_path, monkeypatch):
    names = []

    def fill(fd, data):
        names.append(os.readlink(f"/proc/self/fd/{fd}"))
        os.close(fd)

    monkeypatch.setattr(atomic, "_fill", fill)
    write_bytes_atomic(tmp_path / "issue.pdf", b"x")
    assert Path(names[0]).name.startswith(f".issue.pdf.{os.getpid()}.")


def test_stale_temporaries_of_the_target_are_removed(tmp_path):
    target = tmp_path / "issue.pdf"
    dead = tmp_path / f".issue.pdf.{dead_pid()}.k2j4h1.tmp"  # its writer was killed
    old = tmp_path / ".issue.pdf.x8d0vq3e.tmp"  # an old name without a pid, an hour old
    live = tmp_path / f".issue.pdf.{os.getpid()}.a1b2c3.tmp"  # a concurrent writer's
    other = tmp_path / f".other.pdf.{dead_pid()}.k2j4h1.tmp"  # another target's
    for path in (dead, old, live, other):
        path.write_bytes(b"%PDF-")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    write_bytes_atomic(target, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["issue.pdf", live.name, other.name]
    )


def test_a_stale_old_folder_of_import_is_removed(tmp_path):
    target = tmp_path / "out"
    left = tmp_path / f".out.{dead_pid()}.q1w2e3.old"
    (left / "articles").mkdir(parents=True)
    (left / "articles" / "a.txt").write_text("x")
    assert remove_stale_siblings(target, (".tmp", ".old")) == [left]
    assert not left.exists()


def disk_full(fd, data):
    with os.fdopen(fd, "wb") as handle:
        handle.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_disk_full_is_an_error_naming_the_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "issue.pdf"
    target.write_bytes(b"good")
    monkeypatch.setattr(atomic, "_fill", disk_full)
    with pytest.raises(LayoutError) as caught:
        write_output(target, b"new" * 1000, "the PDF")
    assert str(caught.value) == (
        f"{target}: cannot write the PDF: No space left on device "
        "(the disk is full: free some space or write elsewhere with -o)"
    )
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["issue.pdf"]


def test_file_size_limit_is_an_error(tmp_path):
    """RLIMIT_FSIZE in a child process: with SIGXFSZ ignored (as the CLI does) the write
    fails with EFBIG instead of killing the process."""
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from layout.atomic import write_output\n"
        "from layout.errors import LayoutError\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        "    write_output(Path(sys.argv[1]), b'x' * 100000, 'the PDF')\n"
        "except LayoutError as error:\n"
        "    print(error)\n"
    )
    target = tmp_path / "issue.pdf"
    target.write_bytes(b"good")
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=30
    )
    assert done.stdout.startswith(f"{target}: cannot write the PDF: File too large (")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["issue.pdf"]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda t: t.mkdir(), "Is a directory"),
        (lambda t: os.mkfifo(t), "not a regular file"),
        (lambda t: t.symlink_to("/proc/self/fd/1"), "not a regular file"),
        (lambda t: t.symlink_to(t.parent / "fifo") or os.mkfifo(t.parent / "fifo"), "not a"),
    ],
    ids=["folder", "fifo", "link-to-stdout", "link-to-fifo"],
)
def test_a_target_that_is_no_file_is_refused_and_left_alone(tmp_path, make, message):
    target = tmp_path / "issue.pdf"
    make(target)
    before = sorted((p.name, p.lstat().st_mode) for p in tmp_path.iterdir())
    with pytest.raises(LayoutError, match=f"{target}: cannot write the PDF: {message}"):
        write_output(target, b"new", "the PDF")
    assert sorted((p.name, p.lstat().st_mode) for p in tmp_path.iterdir()) == before


def test_a_link_to_a_file_is_written_through(tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "issue.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "issue.pdf"
    link.symlink_to(Path("real") / "issue.pdf")
    write_bytes_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_part_of_the_path_is_a_file(tmp_path):
    (tmp_path / "out").write_text("a file")
    with pytest.raises(LayoutError, match="Not a directory .a part of the path is a file"):
        write_output(tmp_path / "out" / "issue.pdf", b"x", "the PDF")


def test_a_name_too_long_gives_one_short_line(tmp_path):
    target = tmp_path / ("长" * 300 + ".pdf")
    with pytest.raises(LayoutError) as caught:
        write_output(target, b"x", "the PDF")
    text = str(caught.value)
    assert "\n" not in text and len(text) < 400
    assert "cannot write the PDF: File name too long (the path is too long" in text


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_no_permission(tmp_path):
    (tmp_path / "locked").mkdir(mode=0o500)
    with pytest.raises(LayoutError, match="Permission denied .no permission to write there"):
        write_output(tmp_path / "locked" / "issue.pdf", b"x", "the PDF")
