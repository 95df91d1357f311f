"""Random hostile edits of a small real issue (the fuzz suite's): whatever `build` refuses,
`check` refused first, with the same lines. Issue #9 measured 47 % of randomly edited issues
that check accepted and build then refused. `HRB_CHECKALL_EXAMPLES=N` runs N cases."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from fuzz.hostile import apply_all, make_base_issue
from fuzz.test_fuzz_build import build_in_process, edits, one_process  # noqa: F401 (fixture)
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("HRB_CHECKALL_EXAMPLES", "10"))


@pytest.fixture(scope="module")
def base_issue(tmp_path_factory) -> Path:
    return make_base_issue(tmp_path_factory.mktemp("checkall") / "base")


def check_in_process(folder: Path) -> tuple[int, str]:
    import contextlib
    import io

    from layout.cli import main

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        status = main(["check", str(folder)])
    return status, stderr.getvalue()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="HRB_FUZZ_RANDOM" not in os.environ,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
@given(case=st.lists(edits(), min_size=1, max_size=3))
def test_check_refuses_whatever_build_refuses(base_issue, case):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "issue"
        shutil.copytree(base_issue, folder)
        apply_all(folder, case)
        checked, check_err = check_in_process(folder)
        built, build_err = build_in_process(folder, Path(tmp) / "out")
        note = f"edits: {case!r}\ncheck:\n{check_err[-2000:]}\nbuild:\n{build_err[-2000:]}"
        assert checked == built, note
        check_lines = set(check_err.splitlines())
        told = [line for line in build_err.splitlines() if not line.startswith("wrote a draft")]
        assert [line for line in told if line not in check_lines] == [], note
