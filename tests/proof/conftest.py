"""A copy of the reference issue, composed (rounds are made from copies: never the original)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from layout.fonts.metrics import FontMetrics
from layout.pipeline import Composed, compose_folder
from layout.proof.record import Round, build_round

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "issues" / "2024-03"


def copy_reference(where: Path) -> Path:
    folder = where / "2024-03"
    shutil.copytree(REFERENCE, folder)
    return folder


def record(composed: Composed, number: int = 1) -> Round:
    printed = composed.result.printed
    assert printed is not None
    return build_round(
        number, False, "2024-03-01 00:00", composed.issue, printed, FontMetrics(composed.fonts)
    )


@pytest.fixture(scope="session")
def composed_reference() -> Composed:
    return compose_folder(REFERENCE)
