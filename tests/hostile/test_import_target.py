"""`layout import` never replaces what it did not make, never blocks on its source, and
leaves nothing behind (layout.importer.writer, layout.commands.import_)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from layout.cli import main
from layout.importer.frontmatter import Colophon
from layout.importer.pipeline import _print_date

SOURCE = "# 哈尔滨政协\n\n## 关注\n\n# 发展农业新质生产力\n\n正文第一段。\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("source.md").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["import", *args])
    return status, capsys.readouterr().err.strip()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.parametrize(
    "target,message",
    [
        (".", ".: cannot write the draft there: it is the folder you are working in (or holds it)"),
        (
            "..",
            "..: cannot write the draft there: it is the folder you are working in (or holds it)",
        ),
        ("source.md", "source.md: cannot write the draft there: it exists and is not a folder"),
        (
            "mine",
            "mine: cannot write the draft there: it is not a draft made by layout import "
            "(it has no import-report.md of ours)",
        ),
        (
            "forged",
            "forged: cannot write the draft there: it is not a draft made by layout import "
            "(it has no import-report.md of ours)",
        ),
        ("link", "link: cannot write the draft there: it is a symbolic link"),
    ],
)
def test_force_replaces_only_a_draft_of_ours(
    work: Path, capsys: pytest.CaptureFixture[str], target: str, message: str
) -> None:
    Path("mine").mkdir()
    Path("mine/notes.txt").write_text("keep me")
    Path("forged").mkdir()
    Path("forged/import-report.md").write_text("my own report\n")
    Path("link").symlink_to("mine")
    before = {p: p.read_bytes() for p in work.rglob("*") if p.is_file() and not p.is_symlink()}
    status, err = run(capsys, "source.md", "-o", target, "--force")
    assert (status, err) == (2, f"{message} (choose a new folder)")
    after = {p: p.read_bytes() for p in work.rglob("*") if p.is_file() and not p.is_symlink()}
    assert after == before
    assert not [p for p in work.iterdir() if p.name.startswith(".")]


def test_folder_that_holds_the_source(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("in").mkdir()
    Path("in/import-report.md").write_text("# Import report\n")
    Path("in/source.md").write_text(SOURCE, encoding="utf-8")
    status, err = run(capsys, "in/source.md", "-o", "in", "--force")
    assert (status, err) == (
        2,
        "in: cannot write the draft there: it holds the source file (choose a new folder)",
    )


def test_a_previous_draft_is_replaced_without_leftovers(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "source.md", "-o", "draft")[0] == 0
    first = listing(work)
    status, err = run(capsys, "source.md", "-o", "draft")
    assert status == 2 and "pass --force to replace a draft made by import" in err
    assert run(capsys, "source.md", "-o", "draft", "--force")[0] == 0
    assert listing(work) == first  # no .draft.*.old or .tmp beside it
    assert oct(os.stat("draft").st_mode & 0o777) == oct(0o777 & ~current_umask())


def test_leftovers_of_a_killed_import_are_removed(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path(".draft.999999999.abc.tmp").mkdir()  # pid 999999999 is not alive
    Path(".draft.999999999.abc.tmp/issue.yaml").write_text("half")
    assert run(capsys, "source.md", "-o", "draft")[0] == 0
    assert not [p for p in work.iterdir() if p.name.startswith(".")]


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_source_that_is_a_fifo_does_not_block(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo("pipe")
    assert run(capsys, "pipe", "-o", "draft") == (
        2,
        "pipe: cannot read source file: it is a FIFO (named pipe) (give the path of a source file)",
    )
    assert not Path("draft").exists()


@pytest.mark.parametrize(
    "source,message",
    [
        (".", "cannot read source file: it is a folder"),
        ("gone.md", "source file does not exist"),
        ("x" * 100_000, "cannot read source file: the path is too long"),
    ],
)
def test_unreadable_sources(
    work: Path, capsys: pytest.CaptureFixture[str], source: str, message: str
) -> None:
    status, err = run(capsys, source, "-o", "draft")
    assert status == 2 and message in err and len(err) < 200


def test_long_output_path(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, "source.md", "-o", "x" * 100_000)
    assert status == 2 and "cannot" in err and len(err) < 300


def test_style_must_be_a_known_name(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, "source.md", "-o", "draft", "--style", "../../x")
    assert (status, err) == (
        2,
        "unknown style '../../x' (--style takes the name of a sheet in styles/: hrb-zhengxie)",
    )


def test_impossible_print_date_in_the_colophon_is_left_out() -> None:
    def colophon(value: str) -> Colophon:
        return Colophon(fields=[("印刷日期", [value])])

    assert _print_date(colophon("2024年13月45日")) is None
    assert _print_date(colophon("2024年2月30日")) is None
    assert str(_print_date(colophon("2024年4月25日"))) == "2024-04-25"
