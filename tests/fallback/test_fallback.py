"""Fallback fonts (issue 9): a character the role's face lacks is printed from the first face of
the role's fallback chain that has it, on the same baseline, embedded, and reported once per
character with its file:line:column; a character no face has is an error."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from layout.compose.memo import _pack, unpack_checked
from layout.errors import LayoutError
from layout.fonts.errors import MissingGlyphError
from layout.fonts.fallback import fallback_uses
from layout.fonts.metrics import FontMetrics
from layout.fonts.registry import FontRegistry
from layout.fonts.roles import base_role, face_role, load_roles
from layout.pipeline import compose_folder
from layout.text.compose import compose_paragraph
from layout.text.items import build_items
from layout.text.model import ParagraphSpec, Run

ROOT = Path(__file__).resolve().parents[2]
NO_FONT = "\U0001d800"  # SignWriting: in no face of any chain
EXT_B = "𠀀𪚥𫠠𬺰𰀀"  # Extensions B, B, C/D, F, G
SYMBOLS = "≒😀"  # not in Noto CJK; both in BabelStone Han


@pytest.fixture(scope="module")
def metrics(fonts: FontRegistry) -> FontMetrics:
    return FontMetrics(fonts)


# -- the chain -----------------------------------------------------------------------------------


@pytest.mark.parametrize("char", list(EXT_B + SYMBOLS))
def test_a_character_the_body_face_lacks_is_drawn_by_the_chain(fonts, char):
    role = fonts.draws("body", char)
    assert role == "body/han-ext"
    assert base_role(role) == "body" and face_role(role) == "han-ext"
    assert fonts.face(role).glyph(char) is not None


def test_a_character_the_face_has_stays_in_its_role(fonts):
    assert fonts.draws("body", "国") == "body"
    assert fonts.draws("kai", "≌") == "kai"  # LXGW WenKai has it
    assert fonts.draws("latin", "A") == "latin"


def test_roles_keep_their_chain_when_they_are_the_same_as_another(fonts):
    assert fonts.draws("latin", "𠀀") == "latin/han-ext"


def test_every_role_that_sets_text_has_a_chain():
    roles = load_roles()
    fallbacks = {name for spec in roles.values() for name in spec.fallback}
    for role, spec in roles.items():
        if role not in fallbacks:
            assert spec.fallback, role


def test_a_character_in_no_face_names_every_face_tried(fonts):
    with pytest.raises(MissingGlyphError) as caught:
        fonts.draws("body", NO_FONT)
    message = str(caught.value)
    assert "U+1D800" in message and "in none of the fonts" in message
    for face in ("Noto Serif CJK SC", "BabelStone Han", "Symbola", "DejaVu Sans"):
        assert face in message


# -- fonts.yaml ----------------------------------------------------------------------------------


def _config(tmp_path: Path, chains: str, roles: str) -> Path:
    path = tmp_path / "fonts.yaml"
    path.write_text(f"fallback-chains:\n{chains}roles:\n{roles}", encoding="utf-8")
    return path


BODY = (
    "  body:\n    family: Noto Serif CJK SC\n    style: Regular\n"
    "    files: [/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc]\n"
)


def test_an_unknown_chain_is_an_error_at_its_key(tmp_path):
    path = _config(tmp_path, "  serif: []\n", BODY + "    fallback: sarif\n")
    with pytest.raises(LayoutError) as caught:
        load_roles(path)
    assert "no fallback chain 'sarif'" in str(caught.value)
    assert ":8:" in str(caught.value)  # the line of `fallback: sarif`


def test_a_chain_naming_an_unknown_role_is_an_error(tmp_path):
    path = _config(tmp_path, "  serif: [han]\n", BODY + "    fallback: serif\n")
    with pytest.raises(LayoutError, match="names 'han', which is not a font role"):
        load_roles(path)


def test_a_fallback_face_that_is_not_installed_is_an_error_only_when_needed(tmp_path):
    missing = (
        "  han:\n    family: No Such Han Font\n    style: Regular\n"
        "    files: [/nonexistent/NoSuch.ttf]\n    package: fonts-no-such\n"
    )
    path = _config(tmp_path, "  serif: [han]\n", BODY + "    fallback: serif\n" + missing)
    registry = FontRegistry.load(path, cache_dir=tmp_path / "cache")
    assert registry.draws("body", "国") == "body"  # never looked for
    with pytest.raises(LayoutError) as caught:
        registry.draws("body", "𠀀")
    assert "fonts-no-such" in str(caught.value)


# -- the composer ------------------------------------------------------------------------------


def test_a_fallback_character_is_a_box_of_its_own_role_with_the_han_rules(metrics):
    spec = ParagraphSpec(runs=(Run("王𠀀先生说，≒好。"),), measure=20)
    items = build_items(spec, metrics)
    assert items.text == list("王𠀀先生说，≒好。")
    assert items.font[1] == items.font[6] == "body/han-ext"
    assert items.font[0] == items.font[2] == "body"
    assert items.width[1] == pytest.approx(1.0) and items.width[6] == pytest.approx(1.0)
    assert items.src0 == list(range(9))


def test_fallback_lines_stay_justified_and_source_complete(metrics):
    text = ("政协委员𠀀𪚥在会上说，" + "≒" + "优化营商环境需要久久为功。") * 6
    spec = ParagraphSpec(runs=(Run(text),), measure=17)
    paragraph = compose_paragraph(spec, metrics)
    assert "".join(line.text for line in paragraph.lines) == text
    for line in paragraph.lines[:-1]:
        assert line.width == pytest.approx(17)
    fallback = {g.font for line in paragraph.lines for g in line.glyphs if "/" in g.font}
    assert fallback == {"body/han-ext"}


def test_a_memo_entry_with_fallback_glyphs_is_taken_back(metrics):
    """The memo checks that glyphs follow their runs' roles: `body/han-ext` follows `body`."""
    spec = ParagraphSpec(runs=(Run("王𠀀先生"), Run("≒", "bold")), measure=20)
    composed = compose_paragraph(spec, metrics)
    again = unpack_checked(_pack(composed), spec)
    assert again == composed


def test_uses_are_counted_once_per_character_in_order():
    uses = fallback_uses([("body", "国"), ("body/han-ext", "𠀀≒"), ("kai/han-ext", "𠀀")])
    assert [(u.char, u.role, u.count) for u in uses] == [
        ("𠀀", "body/han-ext", 2),
        ("≒", "body/han-ext", 1),
    ]


# -- typeset-text, end to end ----------------------------------------------------------------------

PROSE = (
    "据统计，今年一季度全市规上工业增加值同比增长约≒5.2%，车间温度保持在25℃左右。\n"
    "\n"
    "  𠀀𪚥家族的后人𫠠先生和𬺰女士参加了座谈会，他们的名字在户籍系统里常常显示为方框😀。\n"
)


def _typeset(tmp_path: Path, text: str) -> subprocess.CompletedProcess:
    source = tmp_path / "prose.txt"
    source.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "layout.cli", "typeset-text", str(source), "-o",
         str(tmp_path / "out.pdf"), "--chars", "20"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip


def test_typeset_text_prints_every_character_and_warns_once_each(tmp_path):
    done = _typeset(tmp_path, PROSE)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if ": warning: " in line]
    source = tmp_path / "prose.txt"
    assert warnings[0].startswith(f"{source}:1:24: warning: '≒' (U+2252) is not in Noto Serif")
    assert f"{source}:3:3: warning: '𠀀' (U+20000)" in warnings[1]
    assert len(warnings) == 6  # ≒ 𠀀 𪚥 𫠠 𬺰 😀, each once
    assert all("BabelStone Han" in line for line in warnings)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True, timeout=30
    ).stdout
    solid = "".join(text.split())
    for char in "".join(PROSE.split()):
        assert char in solid, char
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "out.pdf")], capture_output=True, text=True, timeout=30
    ).stdout
    babel = [line for line in fonts.splitlines() if "BabelStoneHan" in line]
    assert babel and babel[0].split()[-5:-2] == ["yes", "yes", "yes"]  # emb sub uni


def test_a_fallback_glyph_sits_on_the_line_and_in_its_cell(tmp_path):
    """Same baseline as its neighbours, and its 1 em cell where a Han character would be."""
    done = _typeset(tmp_path, "王𠀀先生参加了座谈会。\n")
    assert done.returncode == 0, done.stderr
    page = pdfium.PdfDocument(str(tmp_path / "out.pdf"))[0]
    chars = page.get_textpage()
    origins = []
    for k in range(chars.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(chars.raw, k, ctypes.byref(x), ctypes.byref(y))
        origins.append((round(x.value, 2), round(y.value, 2)))
    # 王 then the two surrogate halves of 𠀀 (PDFium counts UTF-16 units), then 先
    wang, fallback, xian = origins[0], origins[1], origins[3]
    assert wang[1] == fallback[1] == xian[1]  # one baseline
    assert fallback[0] - wang[0] == pytest.approx(xian[0] - fallback[0], abs=0.01)  # 1 em each


def test_a_character_in_no_font_stops_typeset_text_at_its_position(tmp_path):
    done = _typeset(tmp_path, f"第一段。\n第二段有{NO_FONT}字。\n")
    assert done.returncode == 2
    assert f"prose.txt:2:5: character '{NO_FONT}' (U+1D800) is in none of the fonts" in done.stderr


# -- an issue ----------------------------------------------------------------------------------

FIXTURE = ROOT / "tests" / "fixtures" / "issue-valid"


@pytest.fixture
def issue(tmp_path, monkeypatch) -> Path:
    """The valid fixture with its RGB picture made a placeholder (so it composes anywhere)."""
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")
    folder = tmp_path / "issue"
    shutil.copytree(FIXTURE, folder)
    nongji = folder / "articles" / "p04-nongji.txt"
    _edit(nongji, "visit.png cols=2 lines=10", "visit.png cols=2 lines=10 placeholder")
    _edit(folder / "issue.yaml", "{file: visit.png, caption: 调研现场}", "{placeholder: true}")
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_issue_warns_once_per_fallback_character_at_its_first_place(issue):
    speech = issue / "articles" / "p06-speech.txt"
    _edit(speech, "# 凝心聚力 共谋发展", "# 凝心聚力 共谋𠀀发展")  # a title, in the heading role
    _edit(speech, "这次会议是", "这次会议≒是𠀀")
    composed = compose_folder(issue, use_memo=False)
    found = [w for w in composed.warnings if "fallback font" in w]
    assert len(found) == 2, found
    assert found[0].startswith(f"{speech}:2:10: warning: '𠀀' (U+20000) is not in Noto Sans CJK SC")
    assert "font role 'heading'" in found[0]
    assert "(3 times;" in found[0]  # the title, the body text and the contents
    line = next(n for n, t in enumerate(speech.read_text("utf-8").split("\n"), 1) if "≒" in t)
    assert found[1].startswith(f"{speech}:{line}:5: warning: '≒' (U+2252)")
    roles = {
        item.font
        for page in composed.result.document.pages
        for item in page.items
        if getattr(item, "font", "").endswith("/han-ext")
    }
    assert roles == {"heading/han-ext", "body/han-ext"}


def test_a_fallback_in_issue_yaml_is_found_there(issue):
    _edit(issue / "issue.yaml", "name: 动态", "name: 动𠀀态")  # a running head
    composed = compose_folder(issue, use_memo=False)
    found = [w for w in composed.warnings if "fallback font" in w]
    assert found and found[0].startswith(f"{issue / 'issue.yaml'}:30:26: warning: '𠀀'")


def test_the_memo_takes_fallback_paragraphs_back(issue, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _edit(issue / "articles" / "p06-speech.txt", "这次会议是", "这次会议≒是𠀀")
    first = compose_folder(issue)
    first.memo.save()
    second = compose_folder(issue)
    # every paragraph came back from the memo, none refused by its checks
    assert second.memo.rejected == 0 and set(second.memo.used) <= set(second.memo.known)
    assert second.result.document == first.result.document
