"""layout.manifest.nodes under hostile YAML: depth, aliases, refused characters, dates and
whole numbers parsed by our code, text limits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.errors import LayoutError
from layout.manifest import limits
from layout.manifest.nodes import Reader, check_characters, compose_yaml

PATH = Path("x.yaml")


def error_of(text: str) -> str:
    with pytest.raises(LayoutError) as caught:
        compose_yaml(PATH, text)
    return str(caught.value)


@pytest.mark.parametrize("depth", [600, 5000, 100_000])
def test_deep_flow_nesting_is_refused_at_the_too_deep_node(depth: int) -> None:
    text = "a: " + "[" * depth + "]" * depth + "\n"
    # the mapping is level 1, the first '[' level 2: the 64th '[' opens level 65
    assert error_of(text) == (
        f"x.yaml:1:{3 + limits.YAML_DEPTH}: YAML nested more than 64 levels deep "
        "(these files need a few levels; check the brackets and the indentation)"
    )


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(f"{' ' * i}k{i}:\n" for i in range(300))
    assert "YAML nested more than 64 levels deep" in error_of(text)


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = limits.YAML_DEPTH - 1
    node = compose_yaml(PATH, "a: " + "[" * depth + "]" * depth)
    assert node is not None


def test_billion_laughs_is_refused_at_the_first_alias() -> None:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    assert error_of("\n".join(lines)) == (
        "x.yaml:2:10: YAML alias *l0 is not allowed (write the value out in full)"
    )


def test_a_character_yaml_refuses_gets_its_position() -> None:
    assert error_of("a: 1\nb: x\x07y\n") == (
        "x.yaml:2:5: YAML cannot hold the character U+0007 (delete it)"
    )


def test_characters_are_checked_before_yaml_reads_the_manifest() -> None:
    text, errors, warnings = check_characters(PATH, "a: 甲\x00乙\nb: 丙\u200b丁\n")
    assert text == "a: 甲\ufffd乙\nb: 丙丁\n"
    assert [str(e) for e in errors] == ["x.yaml:1:5: control character U+0000 NULL (delete it)"]
    assert [(where.line, where.column) for where, _ in warnings] == [(2, 5)]
    assert compose_yaml(PATH, text) is not None  # parsing goes on to find the other errors


def value(text: str, read: str, **kwargs):
    reader = Reader(PATH)
    node = compose_yaml(PATH, f"v: {text}\n").value[0][1]
    return getattr(reader, read)("v", node, **kwargs), [str(e) for e in reader.errors]


@given(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99))
def test_a_date_is_accepted_exactly_when_it_exists(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        real = dt.date(year, month, day)
    except ValueError:
        real = None
    got, errors = value(text, "date")
    assert got == real
    assert (errors == []) == (real is not None)
    if errors:
        assert errors[0].startswith("x.yaml:1:4: 'v' is not a real date: ")


def test_a_timestamp_keeps_its_date() -> None:
    assert value("2024-04-25 10:30:00", "date") == (dt.date(2024, 4, 25), [])


@pytest.mark.parametrize(
    "text,message",
    [
        ("0x_", "'v' must be a whole number from 1 to 1,000,000,000, not '0x_'"),
        ("9" * 5000, "'v' must be a whole number from 1 to 1,000,000,000, not '9999"),
        ("10000000000", "'v' must be a whole number from 1 to 1,000,000,000, not '10000000000'"),
        ("-3", "'v' must be a positive whole number, not '-3'"),
    ],
)
def test_whole_numbers_out_of_range(text: str, message: str) -> None:
    got, errors = value(text, "integer")
    assert got is None
    assert errors[0].startswith(f"x.yaml:1:4: {message}")


def test_number_bounds_come_from_the_limits_table() -> None:
    reader = Reader(PATH)
    node = compose_yaml(PATH, "page: 1000\n").value[0][1]
    assert reader.integer("page", node) is None
    assert str(reader.errors[0]) == (
        "x.yaml:1:7: 'page' must be a whole number from 1 to 999, not '1000' (write e.g. page: 1)"
    )


def test_text_limit_and_escaped_characters() -> None:
    assert value("'" + "字" * 201 + "'", "text")[1] == [
        "x.yaml:1:4: 'v' is too long: 201 characters (at most 200 characters; shorten it)"
    ]
    assert value('"a\\0b"', "text")[1] == [
        "x.yaml:1:4: 'v' holds a control character U+0000 NULL (delete it)"
    ]
    assert value('"\\u200b"', "text")[1] == [
        "x.yaml:1:4: 'v' is empty (write the text, or remove the key)"
    ]
    reader = Reader(PATH)
    node = compose_yaml(PATH, 'v: "甲\\t乙\\ufe0f"\n').value[0][1]
    assert reader.text("v", node) == "甲 乙"
    assert [message.split(" U+")[0] for _, message in reader.warnings] == [
        "'v': tab",
        "'v': variation selector",
    ]
