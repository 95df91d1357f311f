"""Safe YAML loading that remembers where every value came from.

`load_yaml` returns plain Python data plus a `Positions` table mapping each key path
(("grid", "chars"), ("articles", 3, "id") …) to its file:line:column, so validators can point
at the exact place of a bad value without carrying YAML nodes around.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from layout.errors import LayoutError, Location

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Positions:
    path: Path
    table: dict[KeyPath, tuple[int, int]]

    def at(self, keys: KeyPath) -> Location:
        """The location of the value at `keys`, or of its nearest ancestor that has one."""
        while keys not in self.table and keys:
            keys = keys[:-1]
        line, column = self.table.get(keys, (0, 0))
        return Location(self.path, line, column)


def read_utf8(path: Path) -> str:
    """Read a text file, naming line and column of the first byte that is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise LayoutError(
            f"invalid UTF-8 (byte 0x{data[error.start]:02x})",
            Location(path, line, column),
            "save the file as UTF-8",
        ) from None


def load_yaml(path: Path) -> tuple[object, Positions]:
    text = read_utf8(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise LayoutError(f"YAML syntax error: {error.problem}", where) from None
    table: dict[KeyPath, tuple[int, int]] = {}
    data = _convert(node, (), table) if node is not None else None
    return data, Positions(path, table)


def _convert(node: yaml.Node, keys: KeyPath, table: dict[KeyPath, tuple[int, int]]) -> object:
    table[keys] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[object, object] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            result[key] = _convert(value_node, (*keys, key), table)
            # the key's own position, for "unknown key" messages
            table[(*keys, key, "<key>")] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*keys, i), table) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> object:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
