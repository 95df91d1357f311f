"""Work split between two processes fails exactly as the serial run does, whichever half
raises: before issue #8 an error in the parent's half left the parent in join() while the child
blocked writing its result into the pipe, and the command hung for ever."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout import parallel

from .helpers import REFERENCE, cold_env, run

needs_fork = pytest.mark.skipif(not parallel.available(), reason="needs fork and two cores")
MISSING = "\U0001d800"  # SignWriting: in none of the fonts (nor the fallbacks): composing raises


def paragraphs(count: int) -> list[str]:
    """Ordinary paragraphs of the reference issue."""
    found = []
    for path in sorted((REFERENCE / "articles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 40 and line[0] not in "#@>%\\":
                found.append(line)
    return (found * (count // max(len(found), 1) + 1))[:count]


@needs_fork
@pytest.mark.parametrize("where", [0, 150])  # the parent's half, then the child's
def test_typeset_text_with_a_missing_glyph_fails_and_does_not_hang(tmp_path, where):
    lines = paragraphs(200)
    lines[where] = lines[where][:10] + MISSING + lines[where][10:]
    source = tmp_path / "text.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run(
        ["typeset-text", str(source), "--chars", "24", "--size", "9.5", "-o", "x.pdf"],
        cold_env(tmp_path / "cache"),
        tmp_path,
        timeout=30,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{source}:{where + 1}:11: character '{MISSING}'")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.pdf").exists()


@needs_fork
@pytest.mark.slow
def test_build_with_a_missing_glyph_in_the_first_article_fails_and_does_not_hang(tmp_path):
    issue = tmp_path / "issue"
    shutil.copytree(REFERENCE, issue)
    first = issue / "articles" / "lead-reprint.txt"  # composed by the parent
    lines = first.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if len(line) > 40)
    lines[number] = lines[number][:10] + MISSING + lines[number][10:]
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run(
        ["build", str(issue), "-o", str(tmp_path / "out"), "--quiet"],
        cold_env(tmp_path / "cache"),
        tmp_path,
        timeout=30,
    )
    assert done.returncode == 2, done.stderr
    assert f"lead-reprint.txt:{number + 1}:11: character '{MISSING}'" in done.stderr
    assert not Path(tmp_path / "out" / "issue.pdf").exists()
