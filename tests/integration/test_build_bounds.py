"""`layout build` on blocks too big for their page: a one-line `file:line:column: message (hint)`,
exit status 2 and the previous PDF kept, in one process and with the second core in use; before
issue #8 these inputs looped for minutes (a title of 1,000 characters, a 2,000-digit @num) or
exited 0 with text lost (a 5,000-character byline). Run as real commands, under a timeout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "issue-valid"
LAYOUT = ROOT / ".venv" / "bin" / "layout"
TIMEOUT = 60  # seconds; each build takes about one

EDITS = {
    "title": ("p06-speech.txt", "# 凝心聚力 共谋发展", "# " + "凝心聚力共谋发展" * 125),
    "num": ("p06-speech.txt", "@num 1", "@num " + "1234567890" * 200),
    "byline": ("p04-nongji.txt", "@byline □本刊记者", "@byline " + "本刊记者采访" * 833),
}


def hostile_issue(tmp_path: Path, case: str) -> tuple[Path, Path, int]:
    """The fixture with one hostile edit: (issue folder, edited article, line of the edit)."""
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    name, old, new = EDITS[case]
    article = folder / "articles" / name
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace(old, new), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return folder, article, line


@pytest.mark.skipif(not LAYOUT.exists(), reason="needs the installed command")
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("case", sorted(EDITS))
def test_oversized_block_is_a_located_error(tmp_path, case, jobs):
    folder, article, line = hostile_issue(tmp_path, case)
    out = tmp_path / "out"
    out.mkdir()
    (out / "issue.pdf").write_bytes(b"%PDF-1.3 previous good build")
    env = dict(os.environ, HRB_LAYOUT_JOBS=jobs)
    done = subprocess.run(
        [str(LAYOUT), "build", str(folder), "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    # (the fixture's PNG, which the print PDF refuses, is reported in the same run)
    errors = [
        row for row in done.stderr.splitlines() if "warning" not in row and "visit.png" not in row
    ]
    assert len(errors) == 1, done.stderr
    assert re.match(rf"{re.escape(str(article))}:{line}:\d+: .* lines tall .*\(.+\)$", errors[0])
    assert "Traceback" not in done.stderr
    assert (out / "issue.pdf").read_bytes() == b"%PDF-1.3 previous good build"
