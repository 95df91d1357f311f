"""Reading YAML with positions.

The manifest is composed into yaml node trees with `SafeLoader` (never constructed with an
unsafe loader), so every key and value keeps its line and column. `Fields` wraps one mapping
node: it reports unknown, duplicate and missing keys, and its typed getters report wrong types,
all into a shared error list so that one run shows every problem.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from layout.content.charcheck import check_text, reports
from layout.errors import LayoutError, Location
from layout.inputs import close_matches, shorten
from layout.manifest import limits

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
INT_TAG = "tag:yaml.org,2002:int"
BOOL_TAG = "tag:yaml.org,2002:bool"
DATE_TAG = "tag:yaml.org,2002:timestamp"

# The date part of a YAML timestamp (the resolver already matched the whole value).
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ALIAS_HINT = "write the value out in full"


class _Refused(Exception):
    """YAML that parses but that we do not take: too deep, or an alias."""

    def __init__(self, message: str, mark: yaml.Mark, hint: str) -> None:
        super().__init__(message)
        self.message, self.mark, self.hint = message, mark, hint


class _Limits:
    """Composing nodes only, with two limits: nesting depth (PyYAML composes recursively, so
    600 levels overflow the stack) and no aliases (an alias makes the tree a graph, which
    "billion laughs" files blow up to any size)."""

    depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                f"YAML alias *{shorten(event.anchor, 40)} is not allowed",
                event.start_mark,
                _ALIAS_HINT,
            )
        if self.depth >= limits.YAML_DEPTH:
            raise _Refused(
                f"YAML nested more than {limits.YAML_DEPTH} levels deep",
                event.start_mark,
                "these files need a few levels; check the brackets and the indentation",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Limits, yaml.SafeLoader):
    """The pure-Python safe loader: the reference, and the one whose error messages we print."""


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    CParser = None

if CParser is not None:

    class _FastLoader(_Limits, Composer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser (a C extension, 5 to 10 times faster) under PyYAML's
        own composer, so that the limits above still apply and the nodes and their marks are
        those of the Python loader. Used for documents that parse: on any error the document
        is read again with `_Loader`, whose messages and positions are the ones reported."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.buffer = stream + "\0"  # as PyYAML's reader holds it

        def compose_node(self, parent: Node | None, index: object) -> Node | None:
            node = super().compose_node(parent, index)
            if node is not None:
                # PyYAML's marks carry the source text (names.py reads quoted values from it)
                node.start_mark = self._mark(node.start_mark)
                node.end_mark = self._mark(node.end_mark)
            return node

        def _mark(self, mark: yaml.Mark) -> yaml.Mark:
            return yaml.Mark(mark.name, mark.index, mark.line, mark.column, self.buffer, mark.index)

        def compose_scalar_node(self, anchor: str | None) -> Node:
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml says "" for a plain scalar, PyYAML None
            return node

else:
    _FastLoader = None


def _fast_compose(text: str) -> Node | None:
    """The node tree through libyaml, or raises (any error: the caller asks `_Loader`)."""
    if _FastLoader is None or (not text.isascii() and _FAST_REFUSED.search(text)):
        raise ValueError("no fast path")
    loader = _FastLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# Characters PyYAML's reader refuses (and reports with their position): such text goes to the
# pure-Python loader directly. libyaml accepts a few of them silently. Written as the small
# complement of what the reader accepts ([^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD
# \U00010000-\U0010FFFF]), which compiles in a fraction of the time.
_FAST_REFUSED = re.compile(
    r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"
)


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at `index` of `text`."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


# The last document composed from each file, by its text: `layout watch` reads issue.yaml
# again after every save of an article. Nodes are never changed once composed.
_LAST: dict[Path, tuple[str, Node | None]] = {}


def compose_yaml(path: Path, text: str) -> Node | None:
    """The node tree of a YAML document (None for an empty one).

    Raises LayoutError at the problem's position for a syntax error, a character YAML does
    not take, nesting deeper than limits.YAML_DEPTH, and an alias.
    """
    last = _LAST.get(path)
    if last is not None and last[0] == text:
        return last[1]
    try:
        root = _fast_compose(text)
    except Exception:  # noqa: BLE001 - any failure: the reference loader says what it is
        pass
    else:
        _LAST[path] = (text, root)
        return root
    loader = None
    try:
        loader = _Loader(text)  # a str is checked for refused characters here
        return loader.get_single_node()
    except _Refused as refused:
        where = Location(path, refused.mark.line + 1, refused.mark.column + 1)
        raise LayoutError(refused.message, where, refused.hint) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses outright
        where = Location(path, *_position(text, error.position))
        raise LayoutError(
            f"YAML cannot hold the character U+{error.character:04X}", where, "delete it"
        ) from None
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
    except RecursionError:  # cannot happen below YAML_DEPTH, but never a traceback
        raise LayoutError(
            "YAML nested too deep", Location(path), "check the brackets and the indentation"
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def check_characters(
    path: Path, text: str
) -> tuple[str, list[LayoutError], list[tuple[Location, str]]]:
    """A YAML file's text with its characters checked before YAML reads it.

    Returns the text to parse (invisible characters removed, an error character replaced so
    that parsing goes on and finds the file's other errors), the errors (at line:column) and
    the warnings. Tabs are YAML's business here.
    """
    cleaned, findings = check_text(text, tabs=False)
    errors, notes = reports(findings)
    return (
        cleaned,
        [LayoutError(e.message, Location(path, e.line, e.column), e.hint) for e in errors],
        [(Location(path, n.line, n.column), n.message) for n in notes],
    )


def is_null(node: Node | None) -> bool:
    return node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG)


def describe(node: Node, limit: int = 60) -> str:
    """How a wrong value looks to the user, for `must be X, not Y` messages (a long value is
    cut in the middle)."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if is_null(node):
        return "empty"
    return f"'{shorten(str(node.value), limit)}'"


class Reader:
    """Shared state of one manifest read: the file and the errors found so far."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[LayoutError] = []
        self.warnings: list[tuple[Location, str]] = []
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

    def text(self, name: str, node: Node, key: str | None = None) -> str | None:
        """A text value; `key` (default `name`) picks its length limit in limits.TEXT_CHARS."""
        if isinstance(node, ScalarNode) and node.tag == STR_TAG and node.value.strip():
            return self.checked_text(name, node, node.value.strip(), key or name)
        if isinstance(node, ScalarNode) and node.tag == STR_TAG:
            self.fail(f"'{name}' is empty", node, "write the text, or remove the key")
        else:
            self.wrong_type(
                name, node, "text", f"{name}: 文字 (quote it if it looks like a number)"
            )
        return None

    def checked_text(self, name: str, node: Node, value: str, key: str) -> str | None:
        """`value` within its length limit and with its characters checked (the raw file was
        checked before parsing; this catches what escapes such as "\\u200b" make)."""
        limit = limits.text_chars(key)
        if len(value) > limit:
            self.fail(
                f"'{name}' is too long: {len(value):,} characters",
                node,
                f"at most {limit:,} characters; shorten it",
            )
            return None
        cleaned, findings = check_text(value)
        for finding in findings:
            if finding.is_error:
                self.fail(f"'{name}' holds a {finding.message}", node, "delete it")
            else:
                self.warnings.append((self.at(node), f"'{name}': {finding.message}"))
        if any(f.is_error for f in findings):
            return None
        if not cleaned.strip():
            self.fail(f"'{name}' is empty", node, "write the text, or remove the key")
            return None
        return cleaned.strip()

    def integer(
        self, name: str, node: Node, minimum: int = 1, maximum: int | None = None
    ) -> int | None:
        """A whole number from `minimum` to `maximum` (default: limits.NUMBERS[name], else
        no more than a billion)."""
        low, high = limits.NUMBERS.get(name, (minimum, maximum or 10**9))
        low, high = max(low, minimum), maximum or high
        if isinstance(node, ScalarNode) and node.tag == INT_TAG:
            # a value of thousands of digits cannot be converted (and is no count anyway)
            try:
                value = self.scalar(node) if len(node.value) <= 24 else None
            except ValueError:  # e.g. 0x_ (no digits left once '_' is dropped)
                value = None
            if isinstance(value, int) and low <= value <= high:
                return value
            if isinstance(value, int) and value >= low or value is None:
                self.fail(
                    f"'{name}' must be a whole number from {low:,} to {high:,}, "
                    f"not {describe(node, 24)}",
                    node,
                    f"write e.g. {name}: {max(low, 1)}",
                )
                return None
        wanted = "a positive whole number" if low == 1 else f"a whole number >= {low}"
        self.wrong_type(name, node, wanted, f"{name}: {max(low, 1)}")
        return None

    def boolean(self, name: str, node: Node) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL_TAG:
            try:
                return bool(self.scalar(node))
            except KeyError:  # `!!bool maybe`: the tag forced on a value that is none
                pass
        self.wrong_type(name, node, "true or false", f"{name}: true")
        return None

    def date(self, name: str, node: Node) -> date | None:
        """A date written YYYY-MM-DD (a time after it is ignored). Parsed here, not by the
        YAML constructor, whose ValueError for 2024-02-30 would end the whole run."""
        match = _DATE.match(node.value) if isinstance(node, ScalarNode) else None
        if node.tag != DATE_TAG or match is None:
            self.wrong_type(name, node, "a date", f"{name}: 2024-04-25")
            return None
        year, month, day = (int(part) for part in match.groups())
        example = f"write e.g. {name}: 2024-04-25"
        if year < 1 or not 1 <= month <= 12:
            what = "there is no year 0" if year < 1 else f"{node.value} has month {month}"
            hint = example if year < 1 else f"months run from 1 to 12; {example}"
            self.fail(f"'{name}' is not a real date: {what}", node, hint)
            return None
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            self.fail(
                f"'{name}' is not a real date: {node.value} has day {day}",
                node,
                f"{year:04d}-{month:02d} has {days} days; {example}",
            )
            return None
        return date(year, month, day)

    def lines(self, name: str, node: Node) -> tuple[str, ...]:
        """A text or a list of texts (display lines), at most limits.lines(name) of them."""
        if isinstance(node, SequenceNode):
            if len(node.value) > limits.lines(name):
                self.fail(
                    f"'{name}' has too many lines: {len(node.value):,}",
                    node,
                    f"at most {limits.lines(name)}; shorten it",
                )
                return ()
            found = (self.text(f"{name} line", item, name) for item in node.value)
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
                close = close_matches(str(key)[:100], known, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(known)
                shown_key = shorten(str(key_node.value), 60)
                reader.fail(f"unknown key '{shown_key}' in {name}", key_node, hint)
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

    def integer(self, key: str, minimum: int = 1, maximum: int | None = None) -> int | None:
        node = self.get(key)
        return self.reader.integer(key, node, minimum, maximum) if node is not None else None

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
