"""The names lint: flag variant spellings of registered names (OCR slips such as 孙琿 for 孙珅)
in the article files, at the line and column where they stand."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

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


def find_variants(
    names: tuple[NameEntry, ...], texts: Mapping[Path, str]
) -> tuple[LayoutWarning, ...]:
    """Warnings for every variant name in the article sources `texts` (path -> file text).

    Editor comments (`%` lines) are skipped: they may discuss the variant on purpose.
    """
    warnings = []
    for path, text in texts.items():
        for number, line in enumerate(text.split("\n"), start=1):
            if line.lstrip().startswith("%"):
                continue
            for entry in names:
                note = f" ({entry.note})" if entry.note else ""
                for variant in entry.variants:
                    for start in _occurrences(line, variant):
                        if _inside_canonical(line, start, variant, entry.canonical):
                            continue
                        warnings.append(
                            LayoutWarning(
                                f"{variant} is a variant of {entry.canonical}{note}",
                                Location(path, number, start + 1),
                            )
                        )
    return tuple(
        sorted(warnings, key=lambda w: (str(w.location.path), w.location.line, w.location.column))
    )
