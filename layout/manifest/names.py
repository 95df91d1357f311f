"""The names lint: flag variant spellings of registered names (OCR slips such as 孙琿 for 孙珅)
in the article files and in the text values of issue.yaml (cover, colophon, contents titles,
captions: where a wrong leader's name hurts most), at the line and column where they stand."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from layout.errors import Location
from layout.manifest.schema import LayoutWarning, NameEntry


def _occurrences(line: str, word: str) -> Iterator[int]:
    start = line.find(word)
    while start != -1:
        yield start
        start = line.find(word, start + 1)


def _inside_canonical(line: str, start: int, variant: str, canonical: str) -> bool:
    """Whether the variant at `start` is part of an occurrence of the canonical name itself
    (a variant may be a piece of the canonical spelling)."""
    end = start + len(variant)
    return any(c <= start and end <= c + len(canonical) for c in _occurrences(line, canonical))


def _in_line(names: tuple[NameEntry, ...], line: str) -> Iterator[tuple[int, str]]:
    """(index, message) of every variant name in one line of text."""
    for entry in names:
        note = f" ({entry.note})" if entry.note else ""
        for variant in entry.variants:
            for start in _occurrences(line, variant):
                if not _inside_canonical(line, start, variant, entry.canonical):
                    yield start, f"{variant} is a variant of {entry.canonical}{note}"


def _present(names: tuple[NameEntry, ...], text: str) -> tuple[NameEntry, ...]:
    """The entries with a variant somewhere in `text` (one search of the text each)."""
    return tuple(entry for entry in names if any(v in text for v in entry.variants))


def _sorted(warnings: list[LayoutWarning]) -> tuple[LayoutWarning, ...]:
    return tuple(
        sorted(warnings, key=lambda w: (str(w.location.path), w.location.line, w.location.column))
    )


def find_variants(
    names: tuple[NameEntry, ...], texts: Mapping[Path, str]
) -> tuple[LayoutWarning, ...]:
    """Warnings for every variant name in the article sources `texts` (path -> file text).

    Editor comments (`%` lines) are skipped: they may discuss the variant on purpose.
    """
    warnings = []
    for path, text in texts.items():
        present = _present(names, text)
        if not present:  # the usual case: no variant anywhere in the file
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            if line.lstrip().startswith("%"):
                continue
            for start, message in _in_line(present, line):
                warnings.append(LayoutWarning(message, Location(path, number, start + 1)))
    return _sorted(warnings)


def find_manifest_variants(
    names: tuple[NameEntry, ...], path: Path, root: Node | None
) -> tuple[LayoutWarning, ...]:
    """Warnings for every variant name in the text values of issue.yaml (`root`, its node
    tree), but not in the `names` registry itself, nor in keys or comments."""
    if not names or not isinstance(root, MappingNode):
        return ()
    buffer = root.start_mark.buffer
    if buffer is not None:
        names = _present(names, buffer)
        if not names:
            return ()
    warnings = []
    for key, value in root.value:
        if getattr(key, "value", None) == "names":
            continue
        for scalar in _scalars(value):
            for line, column, message in _scalar_variants(names, scalar):
                warnings.append(LayoutWarning(message, Location(path, line, column)))
    return _sorted(warnings)


def _scalars(node: Node) -> Iterator[ScalarNode]:
    """The value scalars under `node` (mapping keys are names, not text)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ScalarNode):
            yield current
        elif isinstance(current, SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, MappingNode):
            stack.extend(reversed([value for _, value in current.value]))


def _scalar_variants(
    names: tuple[NameEntry, ...], node: ScalarNode
) -> Iterator[tuple[int, int, str]]:
    """(line, column, message) of the variants in one scalar, found in its source text (so
    that the position is right for quoted and multi-line values too)."""
    start, end = node.start_mark, node.end_mark
    buffer = start.buffer
    raw = buffer[start.index : end.index] if buffer is not None else str(node.value)
    for number, line in enumerate(raw.split("\n")):
        for index, message in _in_line(names, line):
            column = index + 1 + (start.column if number == 0 else 0)
            yield start.line + 1 + number, column, message
