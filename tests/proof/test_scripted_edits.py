"""A scripted series of edits on a copy of the reference issue: round 2's change list holds
exactly those changes, at the right page·column·line in both rounds, and re-flowed lines are
marked as such, not as changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.pipeline import compose_folder
from layout.proof.diff import DELETE, INSERT, MOVE, REPLACE, Comparison, compare
from layout.proof.record import Round

from .conftest import copy_reference, record

SENTENCE = "这是校对测试加入的一句话，它足够长，会让这个段落多出整整一行来。"
NAME, NEW_NAME = "于洪涛", "于洪滔"


def body_paragraphs(text: str) -> list[int]:
    """Indexes of the body paragraphs among the blank-line separated blocks."""
    blocks = text.split("\n\n")
    return [i for i, b in enumerate(blocks) if b and b[0] not in "#>@" and "\n" not in b.strip()]


def where(round_: Round, unit: str, phrase: str) -> str:
    """page·column·line of the line holding the start of `phrase` (found independently of the
    diff: by searching the recorded lines)."""
    lines = round_.units[unit].lines
    text = "".join(line.text for line in lines)
    at = text.index(phrase)
    for line in lines:
        if at < len(line.text):
            return line.where()
        at -= len(line.text)
    raise AssertionError(phrase)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory) -> tuple[Round, Round, Comparison, dict]:
    folder = copy_reference(tmp_path_factory.mktemp("edits"))
    one = record(compose_folder(folder), 1)
    facts: dict = {}
    articles = folder / "articles"
    # 1. replace a word
    p04 = articles / "p04.txt"
    p04.write_text(p04.read_text().replace("在北京胜利召开", "在北京隆重召开", 1))
    facts["word"] = where(one, "p04", "胜利召开")
    # 2. insert a sentence in the middle of a paragraph: it adds a line, and re-flows the rest
    p06 = articles / "p06.txt"
    text = p06.read_text()
    anchor = "奋勇前进。"
    assert text.count(anchor) == 1
    p06.write_text(text.replace(anchor, anchor + SENTENCE))
    facts["sentence"] = where(one, "p06", anchor)
    # 3. delete a paragraph (p11's second body paragraph)
    p11 = articles / "p11.txt"
    blocks = p11.read_text().split("\n\n")
    gone = blocks[body_paragraphs(p11.read_text())[1]]
    assert NAME not in gone
    facts["deleted"] = (gone.strip(), where(one, "p11", gone.strip()[:12]))
    p11.write_text("\n\n".join(b for b in blocks if b is not gone))
    # 4. move a paragraph (p08's first body paragraph after its third)
    p08 = articles / "p08.txt"
    blocks = p08.read_text().split("\n\n")
    body = body_paragraphs(p08.read_text())
    moved = blocks[body[0]]
    facts["moved"] = (moved.strip(), where(one, "p08", moved.strip()[:12]))
    blocks.insert(body[3], blocks.pop(body[0]))
    p08.write_text("\n\n".join(blocks))
    # 5. change a name everywhere
    facts["names"] = sum(u.text.count(NAME) for u in one.units.values())
    for path in articles.glob("*.txt"):
        path.write_text(path.read_text().replace(NAME, NEW_NAME))
    # 6. edit the colophon
    yaml = folder / "issue.yaml"
    yaml.write_text(yaml.read_text().replace("value: 孙琦", "value: 孙琪"))
    facts["colophon"] = where(one, "封三", "孙琦")
    two = record(compose_folder(folder), 2)
    return one, two, compare(one, two), facts


def test_exactly_the_edits_are_found(rounds) -> None:
    one, two, comparison, facts = rounds
    found = [(c.unit, c.kind, c.old_text, c.new_text) for c in comparison.changes]
    expected_names = [c for c in found if c[2:] == ("涛", "滔")]
    assert len(expected_names) == facts["names"] >= 3
    rest = [c for c in found if c[2:] != ("涛", "滔")]
    assert rest == [
        ("p04", REPLACE, "胜利", "隆重"),
        ("p06", INSERT, "", SENTENCE),
        ("p08", MOVE, "".join(facts["moved"][0].split()), "".join(facts["moved"][0].split())),
        ("p11", DELETE, "".join(facts["deleted"][0].split()), ""),
        ("封三", REPLACE, "琦", "琪"),
    ]


def test_changes_are_at_their_lines_in_both_rounds(rounds) -> None:
    one, two, comparison, facts = rounds
    by_unit = {c.unit: c for c in comparison.changes if c.old_text != "涛"}
    assert by_unit["p04"].old_line.where() == facts["word"]
    assert by_unit["p04"].new_line.where() == where(two, "p04", "隆重召开")
    assert by_unit["p06"].new_line.where() == where(two, "p06", SENTENCE)
    # an insertion's place in the old round: the line of the character after it
    assert by_unit["p06"].old_line.where() == where(one, "p06", "全体委员更加深刻")
    assert by_unit["p08"].old_line.where() == facts["moved"][1]
    assert by_unit["p08"].new_line.where() == where(two, "p08", facts["moved"][0][:12])
    assert by_unit["p11"].old_line.where() == facts["deleted"][1]
    assert by_unit["封三"].old_line.where() == facts["colophon"] == by_unit["封三"].new_line.where()
    for change in comparison.changes:
        if change.kind != INSERT:
            assert change.old_text == one.units[change.unit].text[slice(*change.old)]
        if change.kind != DELETE:
            assert change.new_text == two.units[change.unit].text[slice(*change.new)]


def test_reflowed_lines_are_marked_moved_not_changed(rounds) -> None:
    one, two, comparison, facts = rounds
    marks = comparison.marks["p06"]
    lines = two.units["p06"].lines
    inserted = [i for i, m in marks.items() if m.tint]
    reflowed = [i for i, m in marks.items() if m.reflow]
    assert reflowed, "the rest of the paragraph is re-flowed"
    assert min(reflowed) > max(inserted)
    assert {lines[i].para for i in reflowed} == {lines[inserted[0]].para}
    for i in reflowed:
        assert not marks[i].tint and not marks[i].carets
    summary = next(s for s in comparison.summaries if s.unit == "p06")
    assert summary.new_lines == summary.old_lines + 1
    assert comparison.reflowed == sum(s.reflowed for s in comparison.summaries)


def test_no_changes_between_identical_rounds(rounds) -> None:
    one, _, _, _ = rounds
    same = compare(one, one)
    assert same.changes == [] and same.reflowed == 0
    assert not any(s.pages_moved or s.old_lines != s.new_lines for s in same.summaries)


def test_a_round_survives_its_file(rounds, tmp_path: Path) -> None:
    from layout.proof.record import load_round, save_round

    one, two, comparison, _ = rounds
    save_round(tmp_path, one)
    again = load_round(tmp_path, 1)
    assert [u.lines for u in again.units.values()] == [u.lines for u in one.units.values()]
    assert compare(again, two).changes == comparison.changes
    size = (tmp_path / "round-1" / "texts.json").stat().st_size
    assert size < 400_000
