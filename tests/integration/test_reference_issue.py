"""The reference issue end to end: contents folios, print checks, the page checker's figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.compose.contents import toc_lines
from layout.manifest import load_issue
from layout.render.model import GlyphRun
from layout.render.trace import summary_document

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "issues" / "2024-03"
SHARED_TOOLS = ROOT.parent / "shared" / "tools"
GOLDEN = Path(__file__).parent / "golden"


def page_text(page) -> str:
    return "".join(t for item in page.items if isinstance(item, GlyphRun) for t, _ in item.glyphs)


def test_every_contents_entry_points_at_the_page_where_its_article_starts(reference):
    issue = load_issue(REFERENCE)
    pages = {page.label: page for page in reference.document.pages}
    first_body = min(reference.folios.values())
    doc_pages = reference.document.pages
    start = next(i for i, p in enumerate(doc_pages) if page_text(p).startswith("目录"))
    contents = [p for p in doc_pages[start:] if p.label.isdigit() and int(p.label) < first_body]
    runs = [item for page in contents for item in page.items if isinstance(item, GlyphRun)]
    texts = ["".join(t for t, _ in run.glyphs) for run in runs]
    checked = 0
    for entry in issue.articles:
        if not entry.in_toc:
            continue
        folio = f"{reference.folios[entry.id]:02d}"
        title, _ = toc_lines(entry)
        # the entry: its folio run, then the first line of its contents title
        hits = [
            i
            for i, t in enumerate(texts[:-1])
            if t == folio
            and title[0].replace(" ", "").startswith(texts[i + 1].replace(" ", "")[:6])
        ]
        assert hits, f"{entry.id}: no contents entry '{folio} {title[0]}'"
        body_title = entry.content.title[0].text if entry.content.title else title[0]
        assert body_title.replace(" ", "")[:8] in page_text(pages[folio]).replace(" ", ""), (
            f"{entry.id}: the title is not on page {folio}"
        )
        checked += 1
    assert checked >= 44


def test_page_count_is_a_multiple_of_four_with_covers(reference):
    labels = [page.label for page in reference.document.pages]
    assert len(labels) % 4 == 0
    assert labels[:2] == ["封一", "封二"] and labels[-2:] == ["封三", "封四"]
    assert len(set(labels)) == len(labels)


def test_layout_settles(reference):
    assert reference.iterations <= 3
    assert not [w for w in reference.warnings if "did not settle" in w]


def test_page_geometry_summary_matches_golden(reference):
    """Per page and column: how many body lines, on which grid rows (tier-2 golden trace)."""
    actual = summary_document(reference.document)
    golden = GOLDEN / "reference-summary.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def figures(reference_pdf, reference_text, tmp_path_factory):
    checker = SHARED_TOOLS / "cjk_pdf_qa.py"
    if not checker.exists():
        pytest.skip(f"the shared checker is not at {checker}")
    out = tmp_path_factory.mktemp("qa") / "qa.json"
    subprocess.run(
        [
            sys.executable,
            str(checker),
            str(reference_pdf),
            "--ref",
            str(reference_text),
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def test_checker_figures_meet_the_bar(figures):
    assert figures["justified_share"] >= 0.995
    assert figures["kinsoku_violations"] == 0
    assert figures["split_dash_or_ellipsis"] == 0
    assert figures["overfull_lines"] == 0
    assert figures["cross_column_aligned_share"] >= 0.99
    assert figures["line_gaps_on_pitch_grid_share"] >= 0.99
    assert figures["punct_pairs_compressed_share"] >= 0.98
    assert figures["han_latin_spaced_share"] >= 0.98
    assert figures["han_missing"] == 0


def test_print_structure(figures):
    assert figures["fonts_not_embedded"] == []
    assert figures["pages_with_trimbox"] == figures["pages"]
    assert figures["pages_with_bleedbox"] == figures["pages"]
    assert figures["trim_sizes_mm"] == {"210x285": figures["pages"]}
    assert figures["page_count_multiple_of_4"] is True
    # its 53 photos are placeholders: a draft, which claims no PDF/X (issue 11)
    assert figures["output_intent"] is False
    assert not figures["pdfx_version"]
    assert figures["colour_ops_rgb"] == 0


def test_same_input_gives_byte_identical_pdf(reference, reference_pdf, fonts):
    from layout.render.pdf import render_pdf

    again = render_pdf(reference.document, fonts, variant="print", date="2024-04-25")
    assert again == reference_pdf.read_bytes()


def test_two_cores_give_the_same_pdf_as_one(reference_pdf, monkeypatch, tmp_path, fonts):
    from layout.compose.document import compose_issue
    from layout.fonts.metrics import FontMetrics
    from layout.parallel import JOBS_ENV
    from layout.render.pdf import render_pdf
    from layout.style.load import load_style

    monkeypatch.setenv(JOBS_ENV, "1")
    issue = load_issue(REFERENCE)
    serial = compose_issue(issue, load_style(issue.meta.style), FontMetrics(fonts))
    data = render_pdf(serial.document, fonts, variant="print", date="2024-04-25")
    assert data == reference_pdf.read_bytes()
