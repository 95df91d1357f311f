"""The reference issue keeps the seed's article text: every Han character is accounted for."""

import re
from pathlib import Path

import pytest
import yaml

from layout.importer.chars import han_count

ISSUE = Path(__file__).resolve().parents[2] / "issues" / "2024-03"
SEED = Path("/work/shared/seed/000_b8663036f03c9b7a.txt")
# The seed's article text: the lead reprint (L27–37) and L231 to the end. L1–26 are the cover
# and inside cover, L38–230 the contents page and the colophon.
ARTICLE_LINES = [(27, 37), (231, None)]
CJK = r"[\u3400-\u9fff\u3007“”‘’《》【】、，。；：！？（）]"
HALF_WIDTH_NEXT_TO_CJK = re.compile(rf"(?<={CJK})[,;:()]|[,;:()](?={CJK})")


def _article_files() -> list[Path]:
    manifest = yaml.safe_load((ISSUE / "issue.yaml").read_text(encoding="utf-8"))
    return [ISSUE / entry["file"] for entry in manifest["articles"]]


def _printed_han(path: Path) -> int:
    """Han in the text, without editors' comments and image captions (not source text)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return sum(han_count(line) for line in lines if not line.startswith(("%", "@image")))


def _ledger_delta() -> int:
    """The sum of the Han Δ column of editorial-fixes.md."""
    text = (ISSUE / "editorial-fixes.md").read_text(encoding="utf-8")
    deltas = re.findall(r"\|\s*([+−-]\d+)\s*\|[^|\n]*\|\s*$", text, flags=re.M)
    return sum(int(d.replace("−", "-")) for d in deltas)


@pytest.mark.skipif(not SEED.exists(), reason="seed text not available")
def test_article_text_is_kept_and_every_difference_recorded() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    seed = sum(han_count(line) for a, b in ARTICLE_LINES for line in lines[a - 1 : b])
    issue = sum(_printed_han(path) for path in _article_files())
    print(f"Han: seed articles {seed:,}, issue articles {issue:,}, difference {issue - seed:+}")
    assert issue >= 46_000
    assert issue - seed == _ledger_delta()


def test_no_half_width_punctuation_next_to_cjk() -> None:
    offenders = [
        f"{path.name}:{n}: {line[:40]}"
        for path in _article_files()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HALF_WIDTH_NEXT_TO_CJK.search(line)
    ]
    assert not offenders, "\n".join(offenders)
