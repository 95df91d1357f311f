"""`layout watch`: a resident process that rebuilds on every save.

Each test runs the command in a subprocess on a copy of the reference issue, reads its one line
per rebuild (with a deadline), edits the copy like an editor would and checks the PDF."""

from __future__ import annotations

import hashlib
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# the reference issue: the test fixture issue is for checks (its image is not printable)
FIXTURE = Path(__file__).resolve().parents[2] / "issues" / "2024-03"

DEADLINE = 60  # seconds for one rebuild line; a first build of the fixture takes about 2 s


class Watch:
    def __init__(self, issue: Path, out: Path, *args: str) -> None:
        self.out = out
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "layout.cli",
                "watch",
                str(issue),
                "-o",
                str(out),
                "--quiet",
                "--interval",
                "0.05",
                *args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.errors: list[str] = []

    def line(self) -> str:
        """The next line on stdout (errors on stderr are kept in self.errors meanwhile)."""
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        selector.register(self.proc.stderr, selectors.EVENT_READ)
        end = time.monotonic() + DEADLINE
        try:
            while time.monotonic() < end:
                for key, _ in selector.select(timeout=end - time.monotonic()):
                    text = key.fileobj.readline()
                    if key.fileobj is self.proc.stderr:
                        if text:
                            self.errors.append(text.rstrip("\n"))
                    elif text:
                        return text.rstrip("\n")
                    else:
                        raise AssertionError(f"watch ended: {self.errors}")
        finally:
            selector.close()
        raise AssertionError(f"no rebuild line within {DEADLINE} s: {self.errors}")

    def stop(self, sig: int = signal.SIGINT) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            raise
        finally:
            self.proc.stdout.close()
            self.proc.stderr.close()


def eventually(read, check, deadline: float = DEADLINE):
    """read() until check(value) holds (the report is written just after the rebuild line)."""
    end = time.monotonic() + deadline
    while True:
        try:
            value = read()
        except OSError:
            value = None
        if value is not None and check(value):
            return value
        if time.monotonic() > end:
            raise AssertionError(f"not within {deadline} s: {value!r:.200}")
        time.sleep(0.05)


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def layout(*args: str) -> subprocess.CompletedProcess:
    """The command in a fresh process, its output kept (text), within the deadline."""
    return subprocess.run(
        [sys.executable, "-m", "layout.cli", *args],
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save(path: Path, text: str) -> None:
    """An editor's save: new content and a later modification time, even on a coarse clock."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 10**7, before + 10**7))


@pytest.fixture
def issue(tmp_path: Path) -> Path:
    copy = tmp_path / "issue"
    shutil.copytree(FIXTURE, copy)
    return copy


def an_article(issue: Path) -> Path:
    return sorted((issue / "articles").glob("*.txt"))[0]


def test_an_edit_is_rebuilt_and_a_bad_one_keeps_the_last_good_pdf(issue: Path, tmp_path: Path):
    out = tmp_path / "out"
    watch = Watch(issue, out)
    try:
        first = watch.line()
        assert " rebuilt " in first and " changed, " in first and "overrun" in first
        pdf = out / "issue.pdf"
        good = digest(pdf)
        report = out / "report.html"
        stamp = out / "report-assets" / "stamp.js"
        eventually(lambda: text_of(report), lambda t: "<h2>Fit report</h2>" in t)
        stamps = [eventually(lambda: text_of(stamp), bool)]
        article = an_article(issue)
        text = article.read_text(encoding="utf-8")
        save(article, text.rstrip("\n") + "补充的一句话。\n")
        edited = watch.line()
        assert " rebuilt " in edited
        changed = int(edited.split(" pages, ")[1].split(" changed")[0])
        assert 1 <= changed < int(edited.split(": ")[1].split(" pages")[0])  # not all redrawn
        assert digest(pdf) != good
        assert pdf.read_bytes().startswith(b"%PDF-") and b"%%EOF" in pdf.read_bytes()[-64:]
        good = digest(pdf)
        # an open report reloads itself: the stamp changes
        stamps.append(eventually(lambda: text_of(stamp), lambda t: t not in stamps))

        save(article, text + "@nosuchdirective\n")
        failed = watch.line()
        assert "failed" in failed and "last good PDF stays" in failed
        line = text.count("\n") + 1
        assert any(f"{article.name}:{line}:1: unknown directive" in e for e in watch.errors)
        assert digest(pdf) == good  # the last good PDF, untouched
        shown = eventually(lambda: text_of(report), lambda t: "The build failed" in t)
        assert "The build failed with 1 error" in shown and "unknown directive" in shown
        assert "The pages below are those of the last good PDF" in shown
        assert shown.count('<figure id="page-') == int(edited.split(": ")[1].split(" pages")[0])
        assert stamp.read_text(encoding="utf-8") not in stamps

        save(article, text)  # fixed again: rebuilt
        assert " rebuilt " in watch.line()
        eventually(lambda: text_of(report), lambda t: "The build failed" not in t)
    finally:
        status = watch.stop()
    assert status == 130  # Ctrl-C


def test_the_watched_pdf_is_the_built_pdf(issue: Path, tmp_path: Path):
    """Reused stories and content streams change nothing: byte for byte `layout build`'s."""
    watch = Watch(issue, tmp_path / "w")
    try:
        watch.line()
        article = an_article(issue)
        save(article, article.read_text(encoding="utf-8").rstrip("\n") + "又一句。\n")
        watch.line()
    finally:
        watch.stop()
    built = layout("build", str(issue), "-o", str(tmp_path / "b"), "--quiet")
    assert built.returncode == 0, built.stderr
    assert digest(tmp_path / "w" / "issue.pdf") == digest(tmp_path / "b" / "issue.pdf")


def test_once_exits_with_the_build_status(issue: Path, tmp_path: Path):
    done = layout("watch", str(issue), "-o", str(tmp_path / "o"), "--once", "--quiet")
    assert done.returncode == 0 and " rebuilt " in done.stdout
    (issue / "issue.yaml").write_text("issue: [\n", encoding="utf-8")
    done = layout("watch", str(issue), "-o", str(tmp_path / "p"), "--once", "--quiet")
    assert done.returncode == 2
    assert "issue.yaml:2:1: YAML syntax error" in done.stderr
    assert not (tmp_path / "p" / "issue.pdf").exists()


def test_an_article_is_parsed_again_only_when_its_text_changes(tmp_path: Path):
    from layout.watch import ScanMemo

    memo = ScanMemo()
    path = tmp_path / "a.txt"
    first = memo(path, "# 标题\n\n正文。\n")
    assert memo(path, "# 标题\n\n正文。\n") is first  # kept: not parsed again
    memo.forget_unused()
    edited = memo(path, "# 标题\n\n正文改了。\n")
    assert edited is not first and edited.article != first.article
    memo.forget_unused()  # the old text was not read by the last build: forgotten
    assert list(memo.kept) == [(path, "# 标题\n\n正文改了。\n")]


def test_every_rebuild_is_the_build_byte_for_byte(issue: Path, tmp_path: Path):
    """Kept stories, page characters and content streams change nothing, whatever the edit:
    a sentence, a character no page had, a paragraph gone, a page's text moved on."""
    from layout.pipeline import compose_folder
    from layout.publish import press_for, publish
    from layout.watch import Resident

    resident = Resident(issue, tmp_path / "w", report=False)
    resident.rebuild()
    articles = sorted((issue / "articles").glob("*.txt"))
    middle, early = articles[len(articles) // 2], articles[2]
    text = middle.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n\n") if p and not p.startswith(("#", "@"))]
    edits = [
        (middle, text.rstrip("\n") + "补充一句话。\n"),
        (middle, text.rstrip("\n") + "龘\n"),  # a character the issue never had
        (middle, text.replace(paragraphs[-1], "", 1)),
        (early, early.read_text(encoding="utf-8") + "\n" + "又加了一段新的文字。" * 30 + "\n"),
    ]
    for number, (article, new) in enumerate(edits):
        save(article, new)
        done = resident.rebuild()
        composed = compose_folder(issue)
        built = publish(composed, tmp_path / f"b{number}", press_for(composed), report=False)
        assert digest(done.path) == digest(built.path), f"edit {number}"
