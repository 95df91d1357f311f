"""Supplied pages (a designer's advertisement placed as a page of the issue) and the split
cover (`layout build --split-cover`: cover.pdf and text.pdf beside issue.pdf).

The issue here is the small fixture issue made printable (every image slot filled with a CMYK
JPEG), so that its PDFs are print PDF/X-1a files that preflight can pass."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from layout.cli import main
from layout.fonts.registry import FontRegistry
from layout.preflight import Severity, preflight
from layout.render.model import Document, GlyphRun, Page, Rule, SuppliedBox
from layout.render.pdf import render_pdf
from layout.render.pdf.split import COVER_LABELS, split_cover
from layout.style.units import MM

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "issue-valid"
TRIM = (210.0, 285.0)  # mm: the fixture's style (hrb-zhengxie)
AD_TEXT = "广告页面测试"
AD_PAGE = 6


def make_ad(path: Path, fonts: FontRegistry, size: tuple[float, float] = TRIM, **kw) -> None:
    """A one-page advertisement as a designer's export: a CMYK background into the bleed and
    a line of text in an embedded font, TrimBox and BleedBox set."""
    width, height = size[0] * MM, size[1] * MM
    glyphs = tuple((char, 40 + index * 30.0) for index, char in enumerate(AD_TEXT))
    page = Page(
        width,
        height,
        items=[GlyphRun("body", 28.0, 200.0, glyphs)],
        bleed_fill=[Rule(-8.5, -8.5, width + 17, height + 17, fill=(0.2, 0.0, 0.6, 0.0))],
    )
    variant = kw.get("variant", "print")
    path.write_bytes(render_pdf(Document([page]), fonts, variant=variant, date="2024-01-01"))


def make_rgb_ad(path: Path) -> None:
    """A page of the issue's size whose content paints in DeviceRGB."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(TRIM[0] * MM, TRIM[1] * MM))
    page.obj.Contents = pdf.make_stream(b"1 0 0 rg 0 0 100 100 re f")
    pdf.save(path, deterministic_id=True)


def printable_issue(tmp_path: Path, supplied: str = "") -> Path:
    """The fixture issue with every image slot filled, and `supplied` (YAML) appended."""
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    for name in ("cover.jpg", "inside.jpg", "qr.jpg"):
        Image.new("CMYK", (2400, 2400), (40, 10, 0, 20)).save(folder / "images" / name)
    yaml = folder / "issue.yaml"
    text = yaml.read_text(encoding="utf-8")
    text = text.replace("{placeholder: true, caption: 封面照片}", "{file: cover.jpg}")
    text = text.replace("{file: visit.png, caption: 调研现场}", "{file: inside.jpg}")
    text = text.replace("    - {placeholder: true}\n", "")
    text = text.replace("items: [官方网站, APP 客户端]", "items: [{name: 官方网站, image: qr.jpg}]")
    yaml.write_text(text + supplied, encoding="utf-8")
    for article in (folder / "articles").glob("*.txt"):
        lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
        article.write_text("".join(x for x in lines if not x.startswith("@image")), "utf-8")
    return folder


def page_text(pdf: Path, number: int) -> str:
    """The text of page `number` (1-based), as pdftotext reads it, without the slug."""
    out = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return "".join(out.split())


def labels(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return [page.label for page in pdf.pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory, fonts: FontRegistry) -> Path:
    """The printable issue with an advertisement on page 06, built with --split-cover."""
    tmp = tmp_path_factory.mktemp("split")
    folder = printable_issue(tmp, f"supplied:\n  - {{page: {AD_PAGE}, file: ads/ad.pdf}}\n")
    (folder / "ads").mkdir()
    make_ad(folder / "ads" / "ad.pdf", fonts)
    out = tmp / "out"
    status = main(["build", str(folder), "-o", str(out), "--split-cover", "--quiet", "--no-report"])
    assert status == 0
    return out


# -- split cover --------------------------------------------------------------------------------


def test_split_cover_has_the_cover_pages_and_the_text_pages_of_the_issue(built: Path) -> None:
    issue, cover, text = built / "issue.pdf", built / "cover.pdf", built / "text.pdf"
    whole = labels(issue)
    assert labels(cover) == list(COVER_LABELS)
    inside = [label for label in whole if label not in COVER_LABELS]
    assert labels(text) == inside and len(inside) % 4 == 0
    assert len(labels(cover)) + len(inside) == len(whole)
    for number, label in enumerate(labels(cover), start=1):
        assert page_text(cover, number) == page_text(issue, whole.index(label) + 1)
    for number, label in enumerate(inside, start=1):
        assert page_text(text, number) == page_text(issue, whole.index(label) + 1)


def test_each_part_is_a_print_pdf_that_preflights_clean(built: Path) -> None:
    for name in ("cover.pdf", "text.pdf"):
        result = preflight(built / name)
        errors = [f for f in result.findings.items if f.severity is Severity.ERROR]
        assert errors == [], name
        assert result.summary.declared == "PDF/X-1a:2001"
        assert result.summary.intent  # the output intent is in each file
        with pikepdf.open(built / name) as pdf:
            for page in pdf.pages:  # bleed and crop marks: the MediaBox leaves room for both
                trim, bleed, media = (page.obj[k] for k in ("/TrimBox", "/BleedBox", "/MediaBox"))
                assert float(media[0]) < float(bleed[0]) < float(trim[0])


def test_split_cover_is_deterministic(built: Path, tmp_path: Path, fonts: FontRegistry) -> None:
    folder = built.parent / "issue"
    again = tmp_path / "again"
    status = main(
        ["build", str(folder), "-o", str(again), "--split-cover", "--quiet", "--no-report"]
    )
    assert status == 0
    for name in ("issue.pdf", "cover.pdf", "text.pdf"):
        assert (again / name).read_bytes() == (built / name).read_bytes(), name


def test_without_the_option_no_split_is_written(tmp_path: Path) -> None:
    folder = printable_issue(tmp_path)
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--quiet", "--no-report"]) == 0
    assert not (out / "cover.pdf").exists() and not (out / "text.pdf").exists()


@given(sheets=st.integers(min_value=1, max_value=20), data=st.data())
@settings(max_examples=40, deadline=None)
def test_split_takes_the_covers_by_label_and_keeps_the_text_in_order(sheets, data) -> None:
    inside = [Page(10, 10, label=f"{n:02d}") for n in range(1, 4 * sheets - 3)]
    pages = [Page(10, 10, label="封一"), Page(10, 10, label="封二"), *inside]
    pages += [Page(10, 10, label="封三"), Page(10, 10, label="封四")]
    shuffled = data.draw(st.permutations(pages))
    split = split_cover(Document(list(shuffled)))
    assert [shuffled[i].label for i in split.cover] == list(COVER_LABELS)
    assert list(split.text) == sorted(split.text)
    assert len(split.text) == len(inside) and len(split.text) % 4 == 0


# -- supplied pages -----------------------------------------------------------------------------


def test_the_supplied_page_is_printed_on_its_page_without_head_or_folio(built: Path) -> None:
    issue = built / "issue.pdf"
    whole = labels(issue)
    number = whole.index(f"{AD_PAGE:02d}") + 1
    assert page_text(issue, number) == AD_TEXT  # the designer's page, nothing of ours on it
    assert AD_TEXT not in "".join(
        page_text(issue, n) for n in range(1, len(whole) + 1) if n != number
    )
    result = preflight(issue)  # its font came along inside the form
    assert result.passed
    assert "font-not-embedded" not in result.findings.codes()


def test_articles_flow_round_the_supplied_page(tmp_path: Path, build_issue, fonts) -> None:
    plain = build_issue(printable_issue(tmp_path / "a"))
    folder = printable_issue(tmp_path / "b", f"supplied:\n  - {{page: {AD_PAGE}, file: ad.pdf}}\n")
    make_ad(folder / "ad.pdf", fonts)
    with_ad = build_issue(folder)
    folios = [p.label for p in with_ad.document.pages]
    assert folios.count(f"{AD_PAGE:02d}") == 1
    ad_page = with_ad.document.pages[folios.index(f"{AD_PAGE:02d}")]
    assert [type(item) for item in ad_page.items] == [SuppliedBox]
    before = {row.article: row for row in plain.fit}
    for row in with_ad.fit:  # articles from the page on move one page on, the others stay
        old = before[row.article]
        moved = 1 if old.last_folio >= AD_PAGE else 0
        assert row.last_folio == old.last_folio + moved
        assert row.first_folio == old.first_folio + (1 if old.first_folio >= AD_PAGE else 0)


def test_a_supplied_page_is_placed_by_its_trim(tmp_path: Path, fonts: FontRegistry) -> None:
    """An export without crop marks (a smaller MediaBox): its trim still lands on ours."""
    folder = printable_issue(tmp_path, f"supplied:\n  - {{page: {AD_PAGE}, file: ad.pdf}}\n")
    make_ad(folder / "ad.pdf", fonts, variant="proof")
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--quiet", "--no-report"]) == 0
    issue = out / "issue.pdf"
    number = labels(issue).index(f"{AD_PAGE:02d}") + 1
    ad_word, ad_trim = _word_and_trim(folder / "ad.pdf", 1)
    word, trim = _word_and_trim(issue, number)
    assert ad_trim != trim  # the two files' MediaBoxes differ
    assert word[0] - trim[0] == pytest.approx(ad_word[0] - ad_trim[0], abs=0.01)
    assert word[1] - trim[1] == pytest.approx(ad_word[1] - ad_trim[1], abs=0.01)


def _word_and_trim(pdf: Path, number: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """The ad's text (x, y from the top of the MediaBox) and the trim's top-left, alike."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if AD_TEXT in x)
    x = float(line.split('xMin="')[1].split('"')[0])
    y = float(line.split('yMin="')[1].split('"')[0])
    with pikepdf.open(pdf) as doc:
        page = doc.pages[number - 1]
        trim, media = page.obj.TrimBox, page.obj.MediaBox
        return (x, y), (float(trim[0]), float(media[3]) - float(trim[3]))


def _build_fails(folder: Path, tmp_path: Path, capsys) -> str:
    out = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--quiet", "--no-report"]) == 2
    assert not out.exists() or not any(out.iterdir())  # nothing written
    return capsys.readouterr().err


def _at(folder: Path, value: str) -> str:
    """`issue.yaml:line:column` of `value` (the file named by a supplied entry)."""
    lines = (folder / "issue.yaml").read_text(encoding="utf-8").splitlines()
    number, line = next((n, x) for n, x in enumerate(lines, start=1) if value in x)
    return f"{folder / 'issue.yaml'}:{number}:{line.index(value) + 1}"


def test_a_wrong_size_page_is_an_error_at_its_entry(tmp_path, capsys, fonts) -> None:
    folder = printable_issue(tmp_path, "supplied:\n  - {page: 6, file: ads/a4.pdf}\n")
    (folder / "ads").mkdir()
    make_ad(folder / "ads" / "a4.pdf", fonts, size=(210.0, 297.0))
    err = _build_fails(folder, tmp_path, capsys)
    assert (
        f"{_at(folder, 'ads/a4.pdf')}: supplied page ads/a4.pdf: its page 1 is "
        "210 x 297 mm (trim), the issue's pages are 210 x 285 mm" in err
    )


def test_an_rgb_page_is_an_error_at_its_entry(tmp_path, capsys) -> None:
    folder = printable_issue(tmp_path, "supplied:\n  - {page: 6, file: rgb.pdf}\n")
    make_rgb_ad(folder / "rgb.pdf")
    err = _build_fails(folder, tmp_path, capsys)
    assert f"{_at(folder, 'rgb.pdf')}: supplied page rgb.pdf: DeviceRGB colour" in err


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{page: 6, file: none.pdf}", "bad supplied file 'none.pdf': the file does not exist"),
        ("{page: 6, file: images/cover.jpg}", "supplied page images/cover.jpg: not a readable PDF"),
        ("{page: 6, file: ad.pdf, page_of_file: 2}", "ad.pdf: has no page 2: it has 1 page"),
        ("{page: 1, file: ad.pdf}", "page 1 is a front page"),
        ("{page: 60, file: ad.pdf}", "page 60 is supplied, but the articles end on page 06"),
        ("{page: 4, file: ad.pdf}", "p04-nongji is pinned to page 4, which is a supplied page"),
    ],
)
def test_bad_supplied_entries_are_errors(tmp_path, capsys, fonts, entry, message) -> None:
    folder = printable_issue(tmp_path, f"supplied:\n  - {entry}\n")
    make_ad(folder / "ad.pdf", fonts)
    err = _build_fails(folder, tmp_path, capsys)
    assert f"{folder / 'issue.yaml'}:" in err and message in err


@given(folios=st.sets(st.integers(min_value=2, max_value=12).filter(lambda f: f != 4), max_size=3))
@settings(max_examples=8, deadline=None)
def test_any_supplied_pages_keep_every_page_in_order(folios, build_issue, fonts) -> None:
    """Wherever the supplied pages go (after the contents; page 04 is pinned): each is on its
    folio with nothing else, the folios run on without a gap, the page count stays a multiple
    of 4, and the composer's accounting (every character printed) holds."""
    with tempfile.TemporaryDirectory() as tmp:
        entries = "".join(f"  - {{page: {f}, file: ad.pdf}}\n" for f in sorted(folios))
        folder = printable_issue(Path(tmp), "supplied:\n" + entries if folios else "")
        make_ad(folder / "ad.pdf", fonts)
        result = build_issue(folder)  # check_issue runs inside: nothing lost, all in the trim
    pages = result.document.pages
    assert len(pages) % 4 == 0
    inside = [p.label for p in pages[2:-2]]
    assert inside == [f"{n:02d}" for n in range(1, len(inside) + 1)]
    for page in pages:
        supplied = [item for item in page.items if isinstance(item, SuppliedBox)]
        assert bool(supplied) == (page.label in {f"{f:02d}" for f in folios})
        assert not supplied or page.items == supplied
