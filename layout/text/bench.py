"""Throughput of the line composer on the seed text: `python -m layout.text.bench [FILE]`.

Each line of the file with at least ten Han characters is one paragraph, composed at 24 em
with synthetic metrics: fixed-width Latin (0.55 em) and a rough proportional Latin table.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from layout.text.compose import compose_paragraph
from layout.text.metrics import FixedMetrics
from layout.text.model import ParagraphSpec, Run

SEED = Path("/work/shared/seed/000_b8663036f03c9b7a.txt")

# rough advances of a serif Latin face, in em
_NARROW = dict.fromkeys("ijlI.,:;'!|", 0.28) | dict.fromkeys("ftr()[]-/ ", 0.35)
_WIDE = dict.fromkeys("mwMW@%", 0.85)


class ProportionalMetrics(FixedMetrics):
    """Han and full-width marks 1 em; Latin letters and digits from a rough serif table."""

    def advance(self, font: str, char: str) -> float:
        if char in _NARROW:
            return _NARROW[char]
        if char in _WIDE:
            return _WIDE[char]
        if char.isupper():
            return 0.68
        if char.isdigit():
            return 0.5
        return super().advance(font, char)


def seed_paragraphs(path: Path = SEED) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [s for s in lines if sum("\u4e00" <= c <= "\u9fff" for c in s) >= 10]


def measure(paragraphs: list[str], metrics, measure_em: float = 24.0, rounds: int = 3):
    """Best-of-`rounds` CPU seconds to compose all paragraphs, and the lines made."""
    specs = [ParagraphSpec(runs=(Run(p),), measure=measure_em) for p in paragraphs]
    best = float("inf")
    lines = 0
    for _ in range(rounds):
        start = time.process_time()
        lines = sum(len(compose_paragraph(s, metrics).lines) for s in specs)
        best = min(best, time.process_time() - start)
    return best, lines


def main(argv: list[str]) -> int:
    paragraphs = seed_paragraphs(Path(argv[0]) if argv else SEED)
    chars = sum(map(len, paragraphs))
    for name, metrics in (
        ("FixedMetrics(latin=0.55)", FixedMetrics(latin=0.55)),
        ("proportional Latin", ProportionalMetrics()),
    ):
        seconds, lines = measure(paragraphs, metrics)
        print(
            f"{name}: {len(paragraphs)} paragraphs, {chars} chars, {lines} lines "
            f"in {seconds:.3f} s CPU = {chars / seconds:,.0f} chars/s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
