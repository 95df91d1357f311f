"""The proof PDF: the print PDF's text on the same lines, rendered pages against small
references, the change list, the time it takes, and the command's errors."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from layout.cli import main
from layout.commands.proof import make_proof
from layout.pipeline import Composed
from layout.proof.record import Round, load_round, save_round
from layout.render.pdf import render_pdf

from .conftest import copy_reference

REFERENCES = Path(__file__).parent / "references"
UPDATE = os.environ.get("HRB_UPDATE_REFERENCES") == "1"  # write the references anew
MOMENT = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
DPI = 30
TOLERATED = 20  # pixels: a rasteriser's rounding, not a mark (the marks of the 核红 page are ~300)
TIMEOUT = 60


def pdftotext(pdf: Path, page: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-raw", str(pdf), "-"],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    return [line.strip() for line in out.stdout.decode("utf-8").splitlines() if line.strip()]


def render(pdf: Path, page: int) -> Image.Image:
    out = subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-gray", "-png", str(pdf)],
        capture_output=True,
        timeout=TIMEOUT,
        check=True,
    )
    return Image.open(io.BytesIO(out.stdout)).convert("L")


def matches_reference(image: Image.Image, name: str) -> None:
    path = REFERENCES / name
    if UPDATE:
        image.save(path, optimize=True)
    assert path.exists(), f"no reference {name}: run with HRB_UPDATE_REFERENCES=1 and look at it"
    assert path.stat().st_size < 50_000
    reference = Image.open(path).convert("L")
    assert reference.size == image.size
    changed = differing(reference, image)
    assert changed <= TOLERATED, f"{name}: {changed} pixels differ"


def differing(one: Image.Image, other: Image.Image) -> int:
    """Pixels that differ by more than anti-aliasing noise."""
    diff = ImageChops.difference(one, other).point(lambda v: 255 if v > 16 else 0)
    return diff.histogram()[255]


@pytest.fixture(scope="module")
def first_proof(composed_reference: Composed, tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("proof1")
    made = make_proof(composed_reference, 1, False, MOMENT, None, folder / "proofs")
    (folder / "proof-1.pdf").write_bytes(made.data)
    save_round(folder / "proofs", made.record)
    return folder / "proof-1.pdf", folder / "proofs"


@pytest.fixture(scope="module")
def second_proof(composed_reference: Composed, first_proof, tmp_path_factory) -> Path:
    """Round 2 of unchanged sources against a round 1 whose texts differed: a replaced word,
    a deleted phrase, an inserted one."""
    _, proofs = first_proof
    one = load_round(proofs, 1)
    unit = one.units["p04"]
    for old, new in (
        ("胜利召开", "召开"),
        ("紧紧围绕", "紧紧依靠"),
        ("广泛凝聚共识", "广泛凝聚各方共识"),
    ):
        k = next(k for k, line in enumerate(unit.lines) if old in line.text)
        unit.lines[k] = dataclasses.replace(
            unit.lines[k], text=unit.lines[k].text.replace(old, new)
        )
    folder = tmp_path_factory.mktemp("proof2")
    save_round(folder / "proofs", Round(1, False, one.date, one.units, one.labels))
    made = make_proof(composed_reference, 2, False, MOMENT, 1, folder / "proofs")
    kinds = sorted(c.kind for c in made.comparison.changes)
    assert kinds == ["delete", "insert", "replace"]
    (folder / "proof-2.pdf").write_bytes(made.data)
    return folder / "proof-2.pdf"


def test_proof_has_the_print_text_on_the_same_lines(
    composed_reference: Composed, first_proof, tmp_path: Path
) -> None:
    proof, _ = first_proof
    doc = composed_reference.result.document
    print_pdf = tmp_path / "print.pdf"
    print_pdf.write_bytes(render_pdf(doc, composed_reference.fonts, date="2024-03-01"))
    for page, numbered in ((6, range(20, 44)), (9, range(1, 16))):  # body pages 04 and 07
        printed, proofed = pdftotext(print_pdf, page), pdftotext(proof, page)
        body = [line for line in printed if len(line) > 12 and "DRAFT" not in line]  # no slug
        assert len(body) > 20
        for line in body:
            assert any(line in other for other in proofed), line
        # and the proof numbers the lines beside the columns
        numbers = {int(t) for line in proofed for t in re.findall(r"(?<!\d)\d+(?!\d)", line)}
        assert set(numbered) <= numbers


def test_proof_page_with_line_numbers(first_proof) -> None:
    proof, _ = first_proof
    matches_reference(render(proof, 6), "proof-page-04.png")


def test_hehong_page_and_change_list(second_proof: Path) -> None:
    matches_reference(render(second_proof, 1), "change-list.png")
    marked = render(second_proof, 7)
    matches_reference(marked, "hehong-page-04.png")
    # the comparison sees the marks: the same page unmarked is far from this reference
    plain = Image.open(REFERENCES / "proof-page-04.png").convert("L")
    assert differing(plain, marked) > 10 * TOLERATED
    text = "\n".join(pdftotext(second_proof, 1))
    assert "变更表" in text and "“广泛凝聚各方共识”" not in text
    assert "“各方”" in text and "（无）" in text


def test_proof_takes_at_most_a_little_longer_than_print(composed_reference: Composed) -> None:
    doc, fonts = composed_reference.result.document, composed_reference.fonts

    def best(make) -> float:
        times = []
        for _ in range(2):
            started = time.perf_counter()
            make()
            times.append(time.perf_counter() - started)
        return min(times)

    # the same pages without decorations (the print variant would add the photos' colour
    # conversion, which the proof leaves out: a looser comparison)
    printing = best(lambda: render_pdf(doc, fonts, variant="proof", date="2024-03-01"))
    proofing = best(
        lambda: make_proof(composed_reference, 1, False, MOMENT, None, Path("/nonexistent"))
    )
    # the brief's bound is 1.3x the whole build (composition included); this compares the
    # writer alone, where the proof's extra work weighs most, with room for a busy machine
    assert proofing <= 2.0 * printing + 0.1, (printing, proofing)


def test_command_rounds_and_errors(tmp_path: Path, capsys, monkeypatch) -> None:
    folder = copy_reference(tmp_path)
    out = tmp_path / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709285400")
    assert main(["proof", str(folder), "-o", str(out)]) == 0
    assert main(["proof", str(folder), "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert "proof-2.pdf" in said and "against round 1: 0 changes, 0 re-flowed lines" in said
    assert sorted(p.name for p in (out / "proofs").iterdir()) == ["round-1", "round-2"]
    first = (out / "proof-1.pdf").read_bytes()
    assert main(["proof", str(folder), "-o", str(out), "--round", "1"]) == 0
    assert (out / "proof-1.pdf").read_bytes() == first  # deterministic
    assert main(["proof", str(folder), "-o", str(out), "--article", "p04"]) == 0
    assert (out / "proof-3-p04.pdf").exists()
    assert not (out / "proofs" / "round-3").exists()  # an author's proof is no round
    assert main(["proof", str(folder), "-o", str(out), "--round", "4", "--final"]) == 0
    final = "\n".join(pdftotext(out / "proof-4.pdf", 1))
    assert "核红 变更表（对照第二校）" in final and "2024-03-01 09:30" in final
    capsys.readouterr()
    assert main(["proof", str(folder), "-o", str(out), "--article", "nope"]) == 2
    assert "no article 'nope'" in capsys.readouterr().err
    assert main(["proof", str(folder), "-o", str(out), "--round", "0"]) == 2
    (out / "proofs" / "round-4" / "texts.json").write_text("{")
    assert main(["proof", str(folder), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "texts.json" in err and "cannot read the record of proof round 4" in err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert main(["proof", str(folder), "-o", str(out), "--round", "1"]) == 2
