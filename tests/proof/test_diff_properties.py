"""Random edits on synthetic units: every edit is found, nothing unchanged is reported, and a
paragraph moved unchanged is one move."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.proof.diff import JOIN, MOVE, compare
from layout.proof.record import Line, Round, Unit

# a wide alphabet: random text then has one best alignment, as real text nearly always has
HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]
WIDTH = 7  # characters per line


def unit_of(paragraphs: list[str]) -> Unit:
    unit = Unit("a", "")
    number = 1
    for para, text in enumerate(paragraphs, start=1):
        for start in range(0, len(text), WIDTH):
            unit.lines.append(
                Line(number // 40, "p", 1, number % 40 + 1, para, text[start : start + WIDTH])
            )
            number += 1
    return unit


def round_of(paragraphs: list[str], number: int) -> Round:
    return Round(number, False, "", {"a": unit_of(paragraphs)}, ["p"] * 10)


paragraph = st.lists(st.sampled_from(HAN), min_size=3, max_size=30).map("".join)
edit = st.tuples(
    st.sampled_from(["insert", "delete", "replace"]),
    st.floats(0, 1),
    st.lists(st.sampled_from(HAN), min_size=1, max_size=6).map("".join),
)


# texts whose characters are all different: the place of each change is then unambiguous
# (in 一一一 an inserted 一 could be anywhere), up to the characters an edit itself repeats
distinct = st.lists(st.sampled_from(HAN), min_size=3, max_size=150, unique=True)


@settings(max_examples=60, deadline=None)
@given(distinct, st.lists(edit, max_size=3), st.data())
def test_random_edits_are_found_and_only_they(chars, edits, data) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(1, len(chars) - 1), max_size=7)))
    paragraphs = ["".join(chars[i:j]) for i, j in zip([0, *cuts], [*cuts, len(chars)], strict=True)]
    new = list(paragraphs)
    touched: list[tuple[int, int, int]] = []  # (paragraph, start, end) in the new text
    for kind, where, text in edits:
        k = data.draw(st.integers(0, len(new) - 1))
        para = new[k]
        at = int(where * len(para))
        if kind == "insert":
            end = at
        elif kind == "delete" and len(para) > 2:
            end, text = min(len(para) - 1, at + len(text)), ""
        else:
            end = min(len(para), at + len(text))
        new[k] = para[:at] + text + para[end:]
        touched = [_shifted(region, k, at, end, len(text)) for region in touched]
        touched.append((k, at, at + len(text)))
    comparison = compare(round_of(paragraphs, 1), round_of(new, 2))
    if new == paragraphs:
        assert comparison.changes == [] and comparison.reflowed == 0
        return
    # applying the changes to the old text gives the new text (nothing missed)
    old_text, new_text = "".join(paragraphs), "".join(new)
    rebuilt, at = [], 0
    for change in sorted(comparison.changes, key=lambda c: c.old):
        rebuilt.append(old_text[at : change.old[0]])
        rebuilt.append(change.new_text)
        at = change.old[1]
    rebuilt.append(old_text[at:])
    assert "".join(rebuilt) == new_text
    # nothing unchanged reported: every change lies at an edit (within the joining slack)
    starts = [sum(len(p) for p in new[:k]) for k in range(len(new))]
    edited = [(starts[k] + a, starts[k] + b) for k, a, b in touched]
    for change in comparison.changes:
        lo, hi = change.new
        assert any(a - JOIN - 6 <= lo and hi <= b + JOIN + 6 for a, b in edited), change
    # and no more text than was edited
    size = sum(max(len(c.old_text), len(c.new_text)) for c in comparison.changes)
    assert size <= sum(len(text) for _, _, text in edits) + JOIN * len(comparison.changes)


def _shifted(region: tuple[int, int, int], k: int, at: int, end: int, size: int):
    """An earlier edit's region after text [at, end) of paragraph k became `size` long."""
    para, lo, hi = region
    if para != k or hi < at:
        return region
    delta = size - (end - at)
    if lo > end:
        return para, lo + delta, hi + delta
    return para, min(lo, at), max(hi + delta, at + size)


@settings(max_examples=40, deadline=None)
@given(st.lists(paragraph, min_size=3, max_size=8, unique=True), st.data())
def test_a_moved_paragraph_is_one_move(paragraphs, data) -> None:
    k = data.draw(st.integers(0, len(paragraphs) - 1))
    to = data.draw(st.integers(0, len(paragraphs) - 1).filter(lambda t: abs(t - k) > 1))
    new = list(paragraphs)
    new.insert(to, new.pop(k))
    comparison = compare(round_of(paragraphs, 1), round_of(new, 2))
    assert [c.kind for c in comparison.changes] in ([MOVE], [MOVE, MOVE])
    assert all(c.old_text == c.new_text for c in comparison.changes)
    marks = comparison.marks["a"]
    assert not any(m.tint or m.carets for m in marks.values())
