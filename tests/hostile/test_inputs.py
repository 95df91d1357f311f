"""Input files: only regular files are opened, never more than their limit, and every
failure of the system names the file (layout.inputs, layout.manifest.files)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from layout.cli import main
from layout.errors import LayoutError
from layout.images import read_image_info
from layout.inputs import read_input, shorten
from layout.manifest import load_issue
from layout.manifest.files import path_problem, read_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "issue-valid"


def message(path: Path, limit: int = 100) -> str:
    with pytest.raises(LayoutError) as caught:
        read_input(path, limit)
    return str(caught.value)


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert message(fifo) == (
        f"{fifo}: cannot read file: it is a FIFO (named pipe) (give the path of a file)"
    )


def test_image_fifo_is_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    with pytest.raises(LayoutError, match="it is a FIFO"):
        read_image_info(fifo)


def test_folder_device_and_missing_file(tmp_path: Path) -> None:
    assert (
        message(tmp_path)
        == f"{tmp_path}: cannot read file: it is a folder (give the path of a file)"
    )
    assert "it is a device" in message(Path("/dev/zero"))
    assert (
        message(tmp_path / "gone") == f"{tmp_path / 'gone'}: file does not exist (check the path)"
    )


def test_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"x" * 101)
    assert message(path) == (
        f"{path}: file is too large (101 bytes; at most 100 bytes) "
        "(is it the right file? split it, or make it smaller)"
    )
    assert read_input(path, 101) == b"x" * 101


def test_a_path_too_long_for_the_system_is_named_short(tmp_path: Path) -> None:
    long = tmp_path / ("a" * 100_000)
    text = message(long)
    assert text.endswith(": cannot read file: the path is too long (give the path of a file)")
    assert len(text) < 200 and "…" in text


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret"
    path.write_text("x")
    path.chmod(0)
    assert "permission denied" in message(path)


def test_read_text_checks_utf8_too(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_bytes("甲\n乙".encode() + b"\xff")
    with pytest.raises(LayoutError, match=r"t.txt:2:2: not valid UTF-8"):
        read_text(path)


def test_shorten() -> None:
    assert shorten("abc", 5) == "abc"
    assert shorten("abcdefghij", 5) == "ab…ij"
    assert len(shorten("x" * 1000)) == 80


@pytest.mark.parametrize(
    "relative,problem",
    [
        ("a" * 2000, "it is 2,000 characters long (at most 1,024)"),
        ("a\0b", "it holds a NUL character"),
        ("articles/" + "a" * 300, None),  # too long for the system: reported when read
    ],
)
def test_path_problem(tmp_path: Path, relative: str, problem: str | None) -> None:
    assert path_problem(tmp_path, relative) == problem


def test_folder_argument_of_100000_characters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "a" * 100_000]) == 2
    err = capsys.readouterr().err
    assert err.endswith(": no such issue folder (give the folder that holds issue.yaml)\n")
    assert len(err) < 200


def test_folder_argument_that_is_a_file(tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_text("x")
    with pytest.raises(LayoutError, match="no such issue folder"):
        load_issue(path)


def test_issue_yaml_that_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    (folder / "issue.yaml").unlink()
    (folder / "issue.yaml").mkdir()
    with pytest.raises(LayoutError) as caught:
        load_issue(folder)
    assert str(caught.value) == (
        f"{folder}: issue.yaml cannot be read: it is a folder (see docs/manifest.md for its format)"
    )
