"""The libyaml loader gives the nodes and marks of the pure-Python one, and its refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml.nodes import ScalarNode

from layout.errors import LayoutError
from layout.manifest import nodes

ROOT = Path(__file__).resolve().parents[2]
QUOTED = (
    'a:\n  subhead: "省政协主席孙坤与蓝绍敏\n    到哈尔滨市政协机关调研"\n  b: [1, x, {c: d}]\n'
)


def shape(node) -> list:
    def mark(m) -> tuple:
        return (m.name, m.index, m.line, m.column, m.pointer, m.buffer)

    style = node.style if isinstance(node, ScalarNode) else None
    if isinstance(node.value, list):
        value = [
            (shape(x[0]), shape(x[1])) if isinstance(x, tuple) else shape(x) for x in node.value
        ]
    else:
        value = node.value
    return [type(node).__name__, node.tag, mark(node.start_mark), mark(node.end_mark), style, value]


def documents() -> list[str]:
    paths = [ROOT / "issues" / "2024-03" / "issue.yaml", ROOT / "fonts" / "fonts.yaml"]
    paths += sorted((ROOT / "styles").glob("*.yaml"))
    return [p.read_text(encoding="utf-8") for p in paths] + [QUOTED]


@pytest.mark.skipif(nodes._FastLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("text", documents(), ids=lambda t: t[:12])
def test_the_fast_loader_gives_the_reference_nodes(text):
    reference = nodes._Loader(text)
    try:
        expected = shape(reference.get_single_node())
    finally:
        reference.dispose()
    assert shape(nodes._fast_compose(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "2:4: YAML alias *x is not allowed"),
        ("a: [" * 200 + "]" * 200 + "\n", "YAML nested more than"),
        ("a: b: c\n", "1:5: YAML syntax error"),
        ("a: \x01\n", "1:4: YAML cannot hold the character U+0001"),
    ],
)
def test_refusals_and_errors_are_the_reference_loaders(tmp_path, text, message):
    with pytest.raises(LayoutError) as caught:
        nodes.compose_yaml(tmp_path / "x.yaml", text)
    assert message in str(caught.value)


def test_the_fast_path_refuses_exactly_what_pyyaml_refuses():
    """_FAST_REFUSED is written as the complement of PyYAML's printable set (it compiles
    faster): over every code point, both say the same."""
    import re

    from layout.manifest.nodes import _FAST_REFUSED

    printable = re.compile(
        r"[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
    )
    text = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _FAST_REFUSED.finditer(text)] == [
        m.start() for m in printable.finditer(text)
    ]
