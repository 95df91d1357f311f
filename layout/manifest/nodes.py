"""Reading YAML with positions.

The manifest is composed into yaml node trees with `SafeLoader` (never constructed with an
unsafe loader), so every key and value keeps its line and column. `Fields` wraps one mapping
node: it reports unknown, duplicate and missing keys, and its typed getters report wrong types,
all into a shared error list so that one run shows every problem.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from layout.errors import LayoutError, Location

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
BOOL_TAG = "tag:yaml.org,2002:bool"
DATE_TAG = "tag:yaml.org,2002:timestamp"


def compose_yaml(path: Path, text: str) -> Node | None:
    """The node tree of a YAML document (None for an empty one).

    Raises LayoutError at the problem's position for a syntax error.
    """
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = error.problem or error.context or "cannot be parsed"
        raise LayoutError(
            f"YAML syntax error: {problem}",
            where,
            "check the indentation, colons and brackets around here",
        ) from None
    except yaml.YAMLError as error:  # e.g. a composer error without a mark
        raise LayoutError(f"YAML syntax error: {error}", Location(path)) from None


def is_null(node: Node | None) -> bool:
    return node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG)


def describe(node: Node) -> str:
    """How a wrong value looks to the user, for `must be X, not Y` messages."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if is_null(node):
        return "empty"
    return f"'{node.value}'"


class Reader:
    """Shared state of one manifest read: the file and the errors found so far."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[LayoutError] = []
        self._constructor = SafeConstructor()

    def at(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def fail(self, message: str, node: Node, hint: str = "") -> None:
        self.errors.append(LayoutError(message, self.at(node), hint))

    def scalar(self, node: Node) -> object:
        return self._constructor.construct_object(node, deep=True)

    def wrong_type(self, name: str, node: Node, wanted: str, example: str) -> None:
        self.fail(f"'{name}' must be {wanted}, not {describe(node)}", node, f"write e.g. {example}")

    # -- typed values --------------------------------------------------------------------

    def text(self, name: str, node: Node) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == STR_TAG and node.value.strip():
            return node.value.strip()
        if isinstance(node, ScalarNode) and node.tag == STR_TAG:
            self.fail(f"'{name}' is empty", node, "write the text, or remove the key")
        else:
            self.wrong_type(
                name, node, "text", f"{name}: 文字 (quote it if it looks like a number)"
            )
        return None

    def integer(self, name: str, node: Node, minimum: int = 1) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == INT_TAG:
            value = self.scalar(node)
            if isinstance(value, int) and value >= minimum:
                return value
        wanted = "a positive whole number" if minimum == 1 else f"a whole number >= {minimum}"
        self.wrong_type(name, node, wanted, f"{name}: {max(minimum, 1)}")
        return None

    def boolean(self, name: str, node: Node) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            return bool(self.scalar(node))
        self.wrong_type(name, node, "true or false", f"{name}: true")
        return None

    def date(self, name: str, node: Node) -> date | None:
        if isinstance(node, ScalarNode) and node.tag == DATE_TAG:
            value = self.scalar(node)
            return value if isinstance(value, date) else value.date()
        self.wrong_type(name, node, "a date", f"{name}: 2024-04-25")
        return None

    def lines(self, name: str, node: Node) -> tuple[str, ...]:
        """A text or a list of texts (display lines)."""
        if isinstance(node, SequenceNode):
            found = (self.text(f"{name} line", item) for item in node.value)
            return tuple(line for line in found if line is not None)
        line = self.text(name, node)
        return (line,) if line is not None else ()

    def sequence(self, name: str, node: Node) -> list[Node]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.wrong_type(name, node, "a list", f"{name}: [...] or lines starting with '- '")
        return []

    def fields(
        self, name: str, node: Node, known: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> Fields | None:
        """The mapping `node` as Fields, or None (with an error) if it is no mapping."""
        if not isinstance(node, MappingNode):
            self.wrong_type(name, node, "a mapping", f"{name}: {{key: value}}")
            return None
        return Fields(self, name, node, known, required)


class Fields:
    """One YAML mapping with known keys. Absent keys read as None (or the default)."""

    def __init__(
        self,
        reader: Reader,
        name: str,
        node: MappingNode,
        known: tuple[str, ...],
        required: tuple[str, ...],
    ) -> None:
        self.reader = reader
        self.name = name
        self.node = node
        self.values: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else None
            if key is None or key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)
                reader.fail(f"unknown key '{key_node.value}' in {name}", key_node, hint)
            elif key in self.values:
                first = reader.at(self.values[key]).line
                reader.fail(
                    f"duplicate key '{key}' in {name}",
                    key_node,
                    f"keep one; the first is on line {first}",
                )
            else:
                self.values[key] = value_node
        for key in required:
            if is_null(self.values.get(key)):
                where = self.values.get(key) or node
                reader.fail(f"{name} has no '{key}'", where, f"add {key}: ...")

    @property
    def location(self) -> Location:
        return self.reader.at(self.node)

    def get(self, key: str) -> Node | None:
        """The value node, or None when the key is absent or empty (`key:` alone)."""
        node = self.values.get(key)
        return None if is_null(node) else node

    def where(self, key: str) -> Location:
        """Location of the value of `key`, or of the mapping when the key is absent."""
        node = self.values.get(key)
        return self.reader.at(node) if node is not None else self.location

    def text(self, key: str) -> str | None:
        node = self.get(key)
        return self.reader.text(key, node) if node is not None else None

    def integer(self, key: str, minimum: int = 1) -> int | None:
        node = self.get(key)
        return self.reader.integer(key, node, minimum) if node is not None else None

    def boolean(self, key: str, default: bool) -> bool:
        node = self.get(key)
        value = self.reader.boolean(key, node) if node is not None else None
        return default if value is None else value

    def date(self, key: str) -> date | None:
        node = self.get(key)
        return self.reader.date(key, node) if node is not None else None

    def lines(self, key: str) -> tuple[str, ...]:
        node = self.get(key)
        return self.reader.lines(key, node) if node is not None else ()

    def items(self, key: str) -> Iterator[tuple[int, Node]]:
        """The entries of a list value with their 1-based numbers."""
        node = self.get(key)
        if node is not None:
            yield from enumerate(self.reader.sequence(key, node), start=1)

    def fields(
        self, key: str, known: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> Fields | None:
        node = self.get(key)
        return self.reader.fields(key, node, known, required) if node is not None else None
