"""Each clreq / GB15834 rule, observed on composed paragraphs (FixedMetrics: Han 1 em, Latin ½)."""

from __future__ import annotations

import itertools

import pytest

from layout.text.classes import (
    CLOSING,
    NO_LINE_END,
    NO_LINE_START,
    OPENING,
    PAUSE,
    STOP,
)

from .helpers import HAN, METRICS, TOL, compose, glyph, line_texts

# --- line-start / line-end prohibitions, one paragraph per table entry ----------------------


@pytest.mark.parametrize("c", sorted(NO_LINE_START))
def test_no_line_start_char_never_starts_a_line(c):
    # ten Han fill the 10-em line exactly: the natural break would put c at the next line start
    p = compose(HAN + c + "甲乙丙丁戊")
    assert len(p.lines) >= 2
    assert not p.warnings
    for line in p.lines[1:]:
        assert line.text[0] not in NO_LINE_START, line_texts(p)
    for line in p.lines:
        assert line.width <= 10 + TOL


@pytest.mark.parametrize("c", sorted(NO_LINE_END))
def test_no_line_end_char_never_ends_a_line(c):
    # nine Han and c fill the line: the natural break would leave c at the line end
    p = compose(HAN[:9] + c + "甲乙丙丁戊")
    assert not p.warnings
    for line in p.lines[:-1]:
        assert line.text[-1] not in NO_LINE_END, line_texts(p)


@pytest.mark.parametrize("c", "，。、")
def test_push_in_preferred_to_push_out(c):
    # the line holds shrinkable marks: the mark is pulled in, not a character pushed out
    # "一二，三四，五六七八" fills the line; c may not start the next one
    p = compose("一二，三四，五六七八" + c + "甲乙丙")
    assert p.lines[0].text == "一二，三四，五六七八" + c
    assert p.lines[0].width == pytest.approx(10)


# --- adjacent punctuation: two full-width marks take 1.5 em ---------------------------------

# marks FixedMetrics sets full width (‼ ⁇ are proportional there: no blank to compress)
MARKS = "".join(c for c in OPENING + CLOSING + PAUSE + STOP if METRICS.advance("body", c) == 1)


def _compressible(a: str, b: str) -> bool:
    # an opening mark followed by a closing/pause/stop mark has both inks facing: nothing to take
    return not (a in OPENING and b not in OPENING)


PAIRS = [(a, b) for a, b in itertools.product(MARKS, repeat=2) if _compressible(a, b)]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_adjacent_marks_take_one_and_a_half_em(a, b):
    p = compose("甲" + a + b + "乙", measure=20)
    (line,) = p.lines
    ga, gb = line.glyphs[1], line.glyphs[2]
    assert ga.width + gb.width == pytest.approx(1.5)
    # what the checker measures: distance between drawing origins ≤ 0.7 em
    assert (gb.x - gb.offset) - (ga.x - ga.offset) <= 0.7 + TOL


@pytest.mark.parametrize("pair", ["。”", "”（", "）。", "，“", "““", "》，", "：“"])
def test_named_pairs_from_clreq(pair):
    p = compose("我" + pair + "们", measure=20)
    g = p.lines[0].glyphs
    assert g[1].width + g[2].width == pytest.approx(1.5)


def test_compressed_pair_stays_compressed_under_shrink():
    # a squeezed line takes the other blanks, not the ½ em left between ” and （
    p = compose("一二，三”（四）五六七八甲乙丙丁", measure=9.5)
    _, q = glyph(p, "”")
    _, o = glyph(p, "（")
    assert q.width + o.width == pytest.approx(1.5)


def test_three_marks_take_two_em():
    p = compose("甲。”）乙", measure=20)
    g = p.lines[0].glyphs
    assert sum(x.width for x in g[1:4]) == pytest.approx(2.0)


# --- line edges ----------------------------------------------------------------------------


@pytest.mark.parametrize("c", CLOSING + PAUSE + STOP)
def test_line_end_mark_takes_half_an_em(c):
    # nine Han + the mark at ½ em fill a 9.5-em line exactly
    p = compose(HAN[:9] + c + "甲乙丙", measure=9.5)
    first = p.lines[0]
    assert first.text == HAN[:9] + c
    assert first.glyphs[-1].width == pytest.approx(0.5)
    assert first.glyphs[-1].x + first.glyphs[-1].width == pytest.approx(9.5, abs=TOL)
    assert first.width == pytest.approx(9.5, abs=TOL)


@pytest.mark.parametrize("c", OPENING)
def test_opening_bracket_trimmed_at_line_start(c):
    p = compose(HAN + c + "甲乙" + "丙", measure=10)
    n, g = glyph(p, c)
    assert n == 1 and g.x == 0
    assert g.width == pytest.approx(0.5)
    assert g.offset == pytest.approx(0.5)


@pytest.mark.parametrize("c", OPENING)
def test_opening_bracket_kept_whole_without_trim(c):
    p = compose(HAN + c + "甲乙" + "丙", measure=10, trim=False)
    n, g = glyph(p, c)
    assert n == 1 and g.width == pytest.approx(1.0) and g.offset == 0


def test_indented_first_line_keeps_its_opening_bracket_whole():
    p = compose("“引文”在这里", measure=20, indent=2)
    g = p.lines[0].glyphs[0]
    assert g.x == 2 and g.width == 1.0


def test_unindented_first_line_trims_its_opening_bracket():
    p = compose("《标题》", measure=20, align="center")
    g = p.lines[0].glyphs[0]
    assert g.width == pytest.approx(0.5) and g.offset == pytest.approx(0.5)


def test_indent_applies_to_the_first_line_only():
    p = compose(HAN * 3, measure=10, indent=2)
    assert p.lines[0].indent == 2 and p.lines[0].glyphs[0].x == 2
    assert all(line.indent == 0 and line.glyphs[0].x == 0 for line in p.lines[1:])
    assert len(p.lines[0].text) == 8


# --- Han–Latin spacing ---------------------------------------------------------------------


def test_han_latin_quarter_em():
    p = compose("中文ABC中文", measure=20)
    _, latin = glyph(p, "ABC")
    assert latin.x == pytest.approx(2.25)
    _, after = glyph(p, "中", 1)
    assert after.x == pytest.approx(2.25 + 1.5 + 0.25)


def test_han_digit_quarter_em():
    p = compose("在2024年", measure=20)
    g = p.lines[0].glyphs
    assert [x.text for x in g] == ["在", "2024", "年"]
    assert g[1].x == pytest.approx(1.25) and g[2].x == pytest.approx(3.5)


def test_source_space_becomes_han_latin_glue():
    spaced = compose("中文 ABC 中文", measure=20)
    plain = compose("中文ABC中文", measure=20)
    assert [(g.text, g.x) for g in spaced.lines[0].glyphs] == [
        (g.text, g.x) for g in plain.lines[0].glyphs
    ]


def test_no_han_latin_glue_next_to_punctuation():
    p = compose("中文，ABC。", measure=20)
    g = p.lines[0].glyphs
    assert g[2].x == pytest.approx(g[1].x + g[1].width)
    assert g[3].x == pytest.approx(g[2].x + g[2].width)


def test_no_han_latin_glue_at_line_edges():
    p = compose(HAN + "ABC甲乙丙" + HAN[:9] + "XY" + "丁戊", measure=10)
    starts = [line.glyphs[0] for line in p.lines]
    assert all(g.x == 0 for g in starts)
    assert p.lines[1].text.startswith("ABC")
    # a line ending in a Latin token ends flush, without a trailing gap
    for line in p.lines[:-1]:
        last = line.glyphs[-1]
        assert last.x + last.width == pytest.approx(10, abs=TOL)


def test_han_latin_stretches_before_even_spacing():
    # 0.1 em of slack fits in the two gaps' ⅓-em allowance: Han stay solid
    p = compose("一二三四ABC五六七八九十", measure=10.1)
    g = p.lines[0].glyphs
    assert g[1].x - g[0].x == pytest.approx(1.0)
    assert g[4].x - (g[3].x + g[3].width) == pytest.approx(0.3)


def test_latin_words_keep_their_spaces_as_glyphs():
    p = compose("他说 Key points of work 很好", measure=20)
    texts = [g.text for g in p.lines[0].glyphs]
    assert texts == ["他", "说", "Key", " ", "points", " ", "of", " ", "work", "很", "好"]


# --- long marks ----------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["——", "……", "⸺", "⋯⋯", "…………"])
def test_long_marks_are_one_unstretched_unbroken_box(mark):
    for k in range(6, 12):
        p = compose(HAN[:k] + mark + "甲乙丙丁戊己庚辛壬癸" * 2, measure=10)
        n, g = glyph(p, mark)
        assert g.width == pytest.approx(sum(METRICS.advance("body", c) for c in mark))
        assert all(line.text.count(mark[0]) in (0, len(mark)) for line in p.lines)


def test_single_em_dash_is_a_connector_not_at_line_start():
    p = compose(HAN + "—甲乙丙", measure=10)
    assert all(not line.text.startswith("—") for line in p.lines)


# --- Latin tokens and URLs -----------------------------------------------------------------


def test_latin_words_and_numbers_never_break():
    p = compose("一二三四五六七八abcdef九十一二三四12345678五六", measure=10)
    tokens = [g.text for line in p.lines for g in line.glyphs]
    assert "abcdef" in tokens and "12345678" in tokens


def test_url_longer_than_the_measure_breaks_after_slash_dot():
    url = "https://www.example.com/path/to/page.html"
    p = compose("请访问" + url + "了解详情", measure=10)
    assert not p.warnings
    for line in p.lines:
        assert line.width <= 10 + TOL
    pieces = [line.text for line in p.lines]
    assert "".join(pieces) == "请访问" + url + "了解详情"
    for piece in pieces[:-1]:
        assert piece[-1] in "/.-@访" or not piece[-1].isascii(), pieces


def test_token_without_break_chars_splits_between_characters():
    p = compose("甲" + "x" * 30 + "乙", measure=10)
    assert all(line.width <= 10 + TOL for line in p.lines)
    assert "".join(line.text for line in p.lines) == "甲" + "x" * 30 + "乙"


# --- widows and justification --------------------------------------------------------------


def test_one_character_last_line_avoided():
    p = compose(HAN + "甲", measure=10)
    assert len(p.lines[-1].text) >= 2


def test_one_character_and_mark_last_line_avoided():
    p = compose(HAN + "甲。", measure=10)
    assert p.lines[-1].text != "甲。"
    assert all(line.width <= 10 + TOL for line in p.lines)


def test_justified_lines_end_flush_last_line_natural():
    p = compose("这是一个用来测试的段落，里面有标点符号。还有“引号”和（括号），以及数字2024。" * 3)
    for line in p.lines[:-1]:
        assert line.width == pytest.approx(10, abs=TOL)
        last = line.glyphs[-1]
        assert last.x + last.width == pytest.approx(10, abs=TOL)
    last = p.lines[-1]
    assert last.is_last
    assert last.width == pytest.approx(last.glyphs[-1].x + last.glyphs[-1].width)
    assert last.width < 10


def test_even_spacing_is_even():
    p = compose("一二三四五六七八九" + "，甲乙", measure=9.8)
    # nine Han and a ½-em comma need 0.3 em... push-in impossible (no blank left): push-out
    xs = [g.x for g in p.lines[0].glyphs]
    steps = {round(b - a, 9) for a, b in zip(xs, xs[1:], strict=False)}
    assert len(steps) == 1


# --- ragged, centred, right-aligned --------------------------------------------------------


def test_ragged_title_is_balanced():
    title = "加强协同联动提升协商质效助力振兴发展"  # 18 Han
    p = compose(title, measure=12, align="ragged")
    assert [len(t) for t in line_texts(p)] == [9, 9]


def test_ragged_never_overflows_and_keeps_rules():
    p = compose("他说：“我们明天去北京。”然后，他们就走了。" * 2, measure=7, align="ragged")
    for line in p.lines:
        assert line.width <= 7 + TOL
        assert line.text[0] not in NO_LINE_START
        assert line.text[-1] not in NO_LINE_END


def test_centered_and_right_lines():
    c = compose("标题", measure=10, align="center").lines[0]
    r = compose("标题", measure=10, align="right").lines[0]
    assert c.glyphs[0].x == pytest.approx(4) and c.width == pytest.approx(6)
    assert r.glyphs[0].x == pytest.approx(8) and r.width == pytest.approx(10)


def test_right_aligned_source_line_ends_flush_with_its_mark():
    r = compose("（市政协全媒体工作室）", measure=20, align="right").lines[0]
    assert r.width == pytest.approx(20)
    assert r.glyphs[-1].width == pytest.approx(0.5)


# --- degenerate input ----------------------------------------------------------------------


def test_empty_and_blank_paragraphs():
    assert compose("").lines == ()
    assert compose("   ").lines == ()


def test_glyph_wider_than_measure_is_reported_not_dropped():
    p = compose("汉字", measure=0.5)
    assert "".join(line.text for line in p.lines) == "汉字"
    assert p.warnings


def test_bad_alignment_and_measure_are_errors():
    from layout.errors import LayoutError

    with pytest.raises(LayoutError):
        compose("汉字", align="justified")
    with pytest.raises(LayoutError):
        compose("汉字", measure=2, indent=2)


def test_char_split_of_over_long_token_keeps_line_start_rules():
    # x’https:/ is wider than the measure and splits between characters, but not before ’ or :
    p = compose("中x’https://a.example/b.c", measure=4, indent=2)
    for line in p.lines[1:]:
        assert line.text[0] not in "’:", [ln.text for ln in p.lines]
