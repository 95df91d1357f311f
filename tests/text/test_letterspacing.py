"""Last-resort letter-spacing: a justified line made only of pieces of a URL or path longer than
the measure spreads its slack between their characters; ordinary words are never spaced."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.fonts.metrics import FontMetrics
from layout.text.classes import char_class, is_punctuation
from layout.text.compose import compose_paragraph
from layout.text.model import Line, ParagraphSpec, Run

from .helpers import METRICS, TOL, compose
from .test_properties import SETTINGS

DEBIAN = (
    "像许多自由软件项目一样，本文档的翻译记录在 PO 文件中。有关该流程的更多信息可以在 "
    "/usr/share/doc/debian-edu-doc/README.debian-edu-bookworm-manual-translations 中找到。"
)


def _characters(line: Line) -> int:
    """Characters of the line that count against a one-character last line."""
    return sum(1 for c in line.text if c.isalnum() or not is_punctuation(char_class(c)))


def _spacing(line: Line) -> list[float]:
    """The blank between each glyph box and the next."""
    gs = line.glyphs
    return [b.x - (a.x + a.width) for a, b in zip(gs, gs[1:], strict=False)]


def test_long_path_with_real_fonts_justifies_without_fallback(fonts):
    p = compose_paragraph(ParagraphSpec((Run(DEBIAN, "body"),), 24.0), FontMetrics(fonts))
    assert p.warnings == ()
    assert "".join(line.text for line in p.lines).replace(" ", "") == DEBIAN.replace(" ", "")
    for line in p.lines[:-1]:
        assert line.width == pytest.approx(24.0, abs=TOL), line.text
        last = line.glyphs[-1]
        assert last.x + last.width == pytest.approx(24.0, abs=TOL)
    assert _characters(p.lines[-1]) >= 2, p.lines[-1].text
    # the line of path letters is the letter-spaced one, evenly
    spaced = [line for line in p.lines if line.text.isascii() and len(line.glyphs) > 5]
    assert [line.text for line in spaced] == ["share/doc/debian-edu-doc/README.debian-edu-"]
    for line in spaced:
        gaps = _spacing(line)
        assert min(gaps) > 0 and max(gaps) - min(gaps) < TOL


URL = "abcdefgh/ijklmnop/rstuvwxyzabcdef/ghijk.html"
TEXT = "一二三四五六七八九十" + URL + "了解详情。"


def test_url_line_gets_even_letter_spacing_across_its_pieces():
    # 十 | abcdefgh/ijklmnop/ (9 em) | rstuvwxyzabcdef/ (8 em) | ghijk.html了解详情。
    p = compose(TEXT, measure=10)
    assert p.warnings == ()
    assert [line.text for line in p.lines[1:3]] == ["abcdefgh/ijklmnop/", "rstuvwxyzabcdef/"]
    for line, slack, gaps in ((p.lines[1], 1.0, 17), (p.lines[2], 2.0, 15)):
        assert [g.text for g in line.glyphs] == list(line.text)  # one glyph per character
        assert all(g.width == pytest.approx(0.5) for g in line.glyphs)  # advances unchanged
        assert _spacing(line) == pytest.approx([slack / gaps] * gaps, abs=TOL)
        assert line.width == pytest.approx(10.0, abs=TOL)
        assert line.glyphs[-1].x + line.glyphs[-1].width == pytest.approx(10.0, abs=TOL)
    # the last line is not justified: its pieces stay whole and unspaced
    assert [g.text for g in p.lines[-1].glyphs][:2] == ["ghijk.", "html"]


def test_regular_solution_preferred_to_letter_spacing():
    p = compose("请访问https://www.example.com/path/to/page.html了解详情", measure=10)
    assert p.warnings == ()
    assert p.demerits < 1e9
    pieces = [g.text for line in p.lines for g in line.glyphs if g.text.isascii()]
    assert pieces == ["https:/", "/", "www.", "example.", "com/", "path/", "to/", "page.", "html"]


@pytest.mark.parametrize("align", ["ragged", "center", "right"])
def test_unjustified_lines_are_never_letter_spaced(align):
    p = compose(TEXT, measure=10, align=align)
    for line in p.lines:
        if line.text.isascii():
            assert _spacing(line) == pytest.approx([0.0] * (len(line.glyphs) - 1), abs=TOL)
    assert [g.text for g in p.lines[2].glyphs] == ["rstuvwxyzabcdef/"]


def test_ordinary_word_alone_on_a_line_stays_unspaced():
    # "Internationalization" fits the measure: an ordinary word, never letter-spaced
    p = compose("一二三四五六七八九十 Internationalization 一二三四五六七八九十", measure=10.5)
    glyph = next(g for line in p.lines for g in line.glyphs if "I" in g.text)
    assert glyph.text == "Internationalization"


# --- property: ordinary words never take letter-spacing ------------------------------------

WORDS = ["abc", "word", "x", "latin", "spacing"]  # lowercase: ordinary words
LONG = ["HTTPS://EXAMPLE.ORG/ABCDEFGHIJKLMNOPQRSTUVWXYZ/INDEX.HTML", "USER.NAME@MAIL.EXAMPLE.COM"]
SEPARATORS = ["中", "文字", "，", " ", "。", "中 "]
chunks = st.lists(
    st.tuples(st.sampled_from(SEPARATORS), st.sampled_from(WORDS + LONG + ["排版", "测试汉字"])),
    min_size=1,
    max_size=30,
).map(lambda pairs: "".join(sep + piece for sep, piece in pairs))


@SETTINGS
@given(chunks, st.sampled_from([4.0, 6.5, 10.0, 17.0, 24.0]), st.sampled_from([0.0, 2.0]))
def test_ordinary_words_are_never_letter_spaced(text, measure, indent):
    p = compose(text, measure=measure, indent=indent)
    emergency = any("emergency" in w for w in p.warnings)
    for line in p.lines:
        for a, b in zip(line.glyphs, line.glyphs[1:], strict=False):
            if a.text[-1].islower() and b.text[0].islower():  # inside one ordinary word
                assert b.x == pytest.approx(a.x + a.width, abs=TOL), line.text
        if not emergency:
            for g in line.glyphs:
                if any(c.islower() for c in g.text):
                    assert g.text in WORDS, (g.text, line.text)
    if not emergency:
        # and a line of pieces of the long tokens is always flush (unless it is one character)
        for line in p.lines[:-1]:
            over_long = [t for t in LONG if len(t) * METRICS.latin > measure]
            if len(line.text) > 1 and any(line.text in t for t in over_long):
                assert line.width == pytest.approx(measure, abs=TOL), line.text
