"""URL-like tokens that fit the measure: broken after / . - @ and letter-spaced only as a last
resort, when no line sequence of whole tokens avoids a badly loose line. Ordinary words never."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.fonts.metrics import FontMetrics
from layout.text.classes import is_url_like
from layout.text.compose import compose_paragraph
from layout.text.items import build_items
from layout.text.linebreak import LineGeometry, break_justified
from layout.text.model import ParagraphSpec, Run

from .helpers import METRICS, TOL, compose, line_texts
from .test_properties import SETTINGS

URL = "https://wiki.debian.org/InstallingDebianOn"


@pytest.mark.parametrize(
    "token",
    [
        URL,
        "http://a.b",
        "www.example.com",
        "WWW.GOV.CN",
        "user.name@mail.example.com",
        "a@b.c",
        "/usr/share/doc",
        "tjener:/etc/exports",
        "abc/def/ghi.html",
        "socket://host:9100",
    ],
)
def test_url_like(token):
    assert is_url_like(token)


@pytest.mark.parametrize(
    "token",
    [
        "Internationalization",
        "co-operate",
        "don’t",
        "3.5%",
        "10.0.0.0/8",
        "and/or",
        "/storage",
        "root@tjener:~#",  # no dot after the @
        "e.g.",
        "U.S.A.",
        "debian-edu-config",
    ],
)
def test_not_url_like(token):
    assert not is_url_like(token)


def _flush(p, measure: float) -> None:
    for line in p.lines[:-1]:
        assert line.width == pytest.approx(measure, abs=TOL), line.text
        last = line.glyphs[-1]
        assert last.x + last.width == pytest.approx(measure, abs=TOL), line.text


def _gaps(line) -> list[float]:
    gs = line.glyphs
    return [b.x - (a.x + a.width) for a, b in zip(gs, gs[1:], strict=False)]


# --- real fonts -----------------------------------------------------------------------------

DEBIAN_HW = (
    URL + " 努力将如何在一些特定硬件上安装、配置和使用 Debian 记入文档，让可能的购买者知道"
    "硬件是否被支持，并且让现有的所有者知道如何让硬件达到最佳性能。"
)
DEBIAN_MID = (
    "有关特定硬件的安装说明，请参阅 " + URL + " 页面，那里记录了如何安装、配置和使用 Debian 系统。"
)


def _real(text: str, fonts) -> tuple:
    metrics = FontMetrics(fonts)
    spec = ParagraphSpec((Run(text, "body"),), 24.0)
    return compose_paragraph(spec, metrics), spec, metrics


def test_url_at_paragraph_start_is_letter_spaced_not_left_loose(fonts):
    # the URL (21.26 em) after the 2 em indent leaves 0.74 em it has no gap for: before, the
    # paragraph fell back and the line stayed short; now its letters take the slack, evenly
    p, spec, metrics = _real(DEBIAN_HW, fonts)
    assert p.warnings == ()
    _flush(p, 24.0)
    first = p.lines[0]
    assert first.text == URL
    assert [g.text for g in first.glyphs] == list(URL)  # one glyph per character
    gaps = _gaps(first)
    assert min(gaps) > 0 and max(gaps) - min(gaps) < TOL
    assert max(gaps) < 0.05  # 0.74 em over 41 gaps
    assert "".join(line_texts(p)).replace(" ", "") == DEBIAN_HW.replace(" ", "")
    # whole tokens alone could not do it within the first pass
    items = build_items(spec, metrics)
    assert break_justified(items, LineGeometry(24.0, 22.0, True, False)) is None


def test_url_mid_paragraph_breaks_after_a_dot(fonts):
    p, spec, metrics = _real(DEBIAN_MID, fonts)
    assert p.warnings == ()
    _flush(p, 24.0)
    pieces = [g.text for line in p.lines for g in line.glyphs if g.text.isascii() and g.text != " "]
    assert "".join(pieces[:-1]) == URL  # then Debian
    ends = [line.glyphs[-1].text for line in p.lines]
    assert any(e in ("wiki.", "debian.", "org/", "https://", "https:/", "/") for e in ends), ends
    items = build_items(spec, metrics)
    assert break_justified(items, LineGeometry(24.0, 22.0, True, False)) is None


def test_url_stays_whole_when_a_regular_solution_exists(fonts):
    # 见 URL 一 is 23.76 em: the two Han–Latin gaps take the slack at a modest ratio
    text = "一二三四五六七八九十" * 2 + "甲乙见" + URL + "一二三四五。"
    p, _, _ = _real(text, fonts)
    assert p.warnings == ()
    assert URL in [g.text for line in p.lines for g in line.glyphs]


# --- synthetic metrics --------------------------------------------------------------------------


def test_short_url_alone_on_a_line_is_split_or_spaced_instead_of_falling_back():
    # 一…九 fill the measure; abc/def/ghi.html (8 em) would be alone on a 9 em line, no gap
    text = "一二三四五六七八九abc/def/ghi.html了解详情。"
    p = compose(text, measure=9)
    assert p.warnings == ()
    _flush(p, 9.0)
    assert line_texts(p)[1] == "abc/def/ghi.html"
    line = p.lines[1]
    assert [g.text for g in line.glyphs] == list("abc/def/ghi.html")
    assert _gaps(line) == pytest.approx([1.0 / 15] * 15, abs=TOL)


def _letter_gaps(line) -> list[float]:
    """Gaps between two consecutive Latin glyphs with no space between them (letter-spacing)."""
    gs = line.glyphs
    return [
        b.x - (a.x + a.width)
        for a, b in zip(gs, gs[1:], strict=False)
        if a.text.isascii() and b.text.isascii() and a.text.strip() and b.text.strip()
    ]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        # ab/cd/ef (4 em) must stand alone before a 10 em word: filling 10.5 em would take
        # 0.93 em between its letters
        ("一二三四五六七八九十 ab/cd/ef Internationalization 了解详情。", 10.5),
        # 1.9 em over 15 gaps is 0.127 em, just over the limit
        ("一二三四五六七八九abc/def/ghi.html了解详情。", 9.9),
    ],
)
def test_short_url_is_never_spread_beyond_the_stretch_limit(text, measure):
    p = compose(text, measure=measure)
    assert p.warnings  # it falls back rather than spread the URL
    for line in p.lines:
        assert max(_letter_gaps(line), default=0) <= 0.125 + TOL, line.text


def test_ordinary_word_is_never_split_or_spaced_in_the_same_spot():
    # same geometry, an ordinary word: it stays one glyph and the paragraph falls back
    p = compose("一二三四五六七八九十abcdefghijklmnop了解详情。", measure=10)
    assert p.warnings and "abcdefghijklmnop" in [g.text for ln in p.lines for g in ln.glyphs]


def test_ragged_never_splits_a_url_that_fits():
    p = compose("一二三四五六七八九十abc/def/ghi.html了解详情。", measure=10, align="ragged")
    assert "abc/def/ghi.html" in [g.text for ln in p.lines for g in ln.glyphs]


# --- property: ordinary words are never split; URLs only when whole tokens fail --------------

ORDINARY = ["word", "co-operate", "and/or", "don’t", "e.g.", "3.5%", "10.0.0.0/8", "latin"]
#: all fit the narrowest measure (6.5 em): split only on the second try, never in the first
URLS = ["www.ab.cn", "a@b.org", "/usr/lib/x", "http://e.cn", "ab/cd/ef.html"]
chunks = st.lists(
    st.tuples(
        st.sampled_from(["中", "文字", "，", " ", "。", "中 ", "汉字排版"]),
        st.sampled_from(ORDINARY + URLS + ["排版", "测试汉字"]),
    ),
    min_size=1,
    max_size=25,
)


@SETTINGS
@given(chunks, st.sampled_from([6.5, 10.0, 17.0, 24.0]), st.sampled_from([0.0, 2.0]))
def test_only_url_like_tokens_split_and_only_as_a_last_resort(pairs, measure, indent):
    text = "".join(sep + piece for sep, piece in pairs)
    p = compose(text, measure=measure, indent=indent)
    if any("emergency" in w for w in p.warnings):
        return
    glyphs = [g.text for line in p.lines for g in line.glyphs]
    # every ordinary word is set whole, as one glyph (never split, never letter-spaced)
    ordinary = Counter(piece for _, piece in pairs if piece in ORDINARY)
    assert Counter(g for g in glyphs if g in ORDINARY) == ordinary, (glyphs, text)
    # any other Latin glyph is a whole URL or a piece (or letter) of one
    for g in glyphs:
        if g.isascii() and g.strip() and g not in ORDINARY and g not in URLS:
            assert any(g in u for u in URLS), (g, text)
    split = any(g.isascii() and g.strip() and g not in ORDINARY + URLS for g in glyphs)
    if split:  # whole tokens could not make it through the first pass
        spec = ParagraphSpec(runs=(Run(text),), measure=measure, indent=indent)
        geometry = LineGeometry(measure, measure - indent, True, indent == 0)
        assert break_justified(build_items(spec, METRICS), geometry) is None, text
