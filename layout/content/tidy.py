"""The paste-hygiene rules (content/hygiene.py) applied to article files: which part of each
line they may touch, the artefacts of whole files (one paragraph per line, full-width markers),
the warnings `layout check` prints and the repairs `layout fix` makes.

Both sides use the same functions, so that check warns exactly where fix would change
something, and a fixed file checks without a hygiene warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from layout.content.charcheck import REMOVE, classify, inner
from layout.content.hygiene import (
    CLOSERS,
    RULES,
    SENTENCE_FINAL,
    Edit,
    apply_edits,
    clean,
    find_edits,
    quoted_mask,
)

HINT = "layout fix does it"
MAX_REPORTED = 20  # artefacts reported one by one per file; a paste can bring hundreds

_ITEM = re.compile(r"[0-9]{1,3}[.．](?![0-9])")
_DIRECTIVE = re.compile(r"@([a-z]+)(?=\s|$)")
# A full-width ＃ run at the start of a line, typed with a Chinese input method for the title
# or heading marker; not when another ＃ follows on the line (a topic tag `＃两会＃`).
_WIDE_HASH = re.compile(r"[＃#]{1,3}(?![＃#])")
_WIDE_AT = re.compile(r"＠(?=[a-z]+(?:\s|$))")
_SENTENCE_END = re.compile(f"[{SENTENCE_FINAL}][{CLOSERS}]*(?:\\*\\*)?$")


@dataclass(frozen=True)
class Segment:
    """line[start:end] is the text the rules may touch; `body`: paragraph text."""

    start: int
    end: int
    body: bool


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def marker_edit(line: str) -> Edit | None:
    """A full-width ＃ or ＠ where a line's marker stands: the edit that makes it ASCII."""
    if "＃" not in line and "＠" not in line:  # most lines, found without slicing them
        return None
    start = _indent(line)
    rest = line[start:]
    if rest.startswith("＠") and _WIDE_AT.match(rest):
        return Edit(
            start, start + 1, "@", "full-width ＠ at line start: did you mean the @ marker?",
            "write @",
        )  # fmt: skip
    run = _WIDE_HASH.match(rest)
    if run and "＃" in run.group() and "＃" not in rest[run.end() :]:
        marker = "#" * len(run.group())
        return Edit(
            start,
            start + len(marker),
            marker,
            "full-width ＃ at line start: did you mean the # marker?",
            "write #",
        )
    return None


def with_markers(line: str) -> str:
    edit = marker_edit(line)
    return apply_edits(line, [edit]) if edit else line


def _after(line: str, start: int, end: int, body: bool) -> Segment | None:
    while start < end and line[start].isspace():
        start += 1
    return Segment(start, end, body) if start < end else None


def segment(line: str) -> Segment | None:
    """The part of one markup line (docs/manifest.md) that is text, or None: blank lines,
    comments, headings deeper than ###, unknown markers. Full-width markers count as the
    ASCII ones (they are edits of their own)."""
    view = with_markers(line)
    start, end = _indent(view), len(view.rstrip())
    text = view[start:end]
    if not text or text[0] == "%":
        return None
    if text[0] == "\\":
        return _after(view, start + 1, end, True)
    if text[0] == "#":
        level = len(text) - len(text.lstrip("#"))
        return _after(view, start + level, end, False) if level <= 3 else None
    if text[0] == ">":
        return _after(view, start + 1, end, False)
    if text[0] == "@":
        directive = _DIRECTIVE.match(text)
        if directive is None:
            return None
        rest = start + directive.end()
        if directive.group(1) == "image":  # only the caption: the options are not text
            colon = view.find(":", rest, end)
            return _after(view, colon + 1, end, False) if colon >= 0 else None
        return _after(view, rest, end, False)
    item = _ITEM.match(text)
    if item:
        return _after(view, start + item.end(), end, True)
    return Segment(start, end, True)


def is_text_line(line: str) -> bool:
    """A line of paragraph text (neither blank, nor a comment, a marker or a numbered item)."""
    view = with_markers(line).strip()
    if not view or view[0] in "%#>@":
        return False
    return view[0] == "\\" or _ITEM.match(view) is None


# -- one paragraph per line --------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A paragraph that looks like several, one per line (Word pastes them so): its first line
    (0-based), how many lines it has, and the lines after which a new paragraph starts."""

    first: int
    lines: int
    breaks: tuple[int, ...]


def ends_sentence(line: str) -> bool:
    return _SENTENCE_END.search(line.rstrip()) is not None


def paragraph_runs(lines: list[str]) -> list[Run]:
    """Paragraphs of two or more lines of which at least half the line ends close a sentence:
    the markup joins them into one paragraph, the writer meant one paragraph per line. (A
    paragraph wrapped by hand breaks mid-sentence.) A `%` line does not end a paragraph."""
    runs: list[Run] = []
    current: list[int] = []

    def close() -> None:
        if len(current) >= 2:
            breaks = tuple(i for i in current[:-1] if ends_sentence(lines[i]))
            if breaks and 2 * len(breaks) >= len(current) - 1:
                runs.append(Run(current[0], len(current), breaks))
        current.clear()

    for index, line in enumerate(lines):
        if is_text_line(line):
            current.append(index)
        elif not line.lstrip().startswith("%"):
            close()
    close()
    return runs


# -- check: the artefacts of a file ------------------------------------------------------------


@dataclass(frozen=True)
class Artefact:
    """A paste artefact at `line`:`column` (from 1): what it is and how to repair it."""

    line: int
    column: int
    what: str
    fix: str
    marker: bool = False  # a full-width ＃ or ＠ where a marker stands

    @property
    def message(self) -> str:
        return f"{self.what} ({self.fix}; {HINT})"


def scan_line(line: str, number: int = 0) -> list[Artefact]:
    """The artefacts of one line (no newline in it), by column. Characters that charcheck
    reports (invisible ones, tabs outside Han) are not repeated here."""
    found: list[Artefact] = []
    marker = marker_edit(line)
    if marker is not None:
        found.append(Artefact(number, marker.start + 1, marker.what, marker.fix, marker=True))
    seg = segment(line)
    if seg is not None:
        text = line[seg.start : seg.end]
        quoted = None  # made once, for the first rule that may fire
        for rule in RULES:
            if rule.charcheck or not rule.may_fire(text):
                continue
            if quoted is None:
                quoted = quoted_mask(text)
            for edit in find_edits(rule, text, seg.body, quoted):
                found.append(Artefact(number, seg.start + edit.start + 1, edit.what, edit.fix))
    return sorted(found, key=lambda a: a.column)


def _lines(text: str) -> list[str]:
    """The lines of `text`, each without its newline and the carriage return before it."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def scan_text(text: str) -> list[Artefact]:
    """Every paste artefact of an article file, in file order."""
    lines = _lines(text)
    found = [a for number, line in enumerate(lines, 1) for a in scan_line(line, number)]
    for run in paragraph_runs(lines):
        first = lines[run.first]
        found.append(
            Artefact(
                run.first + 1,
                _indent(first) + 1,
                f"{run.lines} lines run into one paragraph and {len(run.breaks)} of them end a "
                "sentence: one paragraph per line, pasted from Word?",
                "put a blank line between paragraphs",
            )
        )
    return sorted(found, key=lambda a: (a.line, a.column))


def capped(found: list[Artefact]) -> list[Artefact]:
    """At most MAX_REPORTED artefacts, then one line that counts the rest."""
    if len(found) <= MAX_REPORTED:
        return found
    rest = found[MAX_REPORTED]
    more = Artefact(
        rest.line,
        rest.column,
        f"and {len(found) - MAX_REPORTED:,} more paste artefacts",
        "run layout fix on the file",
    )
    return [*found[:MAX_REPORTED], more]


# -- fix: the repairs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One repair, for the report: at `line`:`column` of the original file, `old` became
    `new` (both with a character of context, invisible characters spelled out)."""

    line: int
    column: int
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.old} → {self.new}"


def _remove_invisible(line: str) -> str:
    """Zero-width and other invisible characters removed (charcheck removes them before
    composing; fix removes them from the file)."""
    return "".join(c for c in line if (k := classify(c)) is None or k.action != REMOVE)


def _tabs_to_spaces(line: str) -> str:
    """Tabs inside the line (not its indentation) made spaces, as charcheck does."""
    if "\t" not in line:
        return line
    start, end = inner(line)  # the span charcheck looks at
    return line[:start] + line[start:end].replace("\t", " ") + line[end:]


def fix_line(line: str) -> str:
    """One markup line with every safe repair made. Comment lines are left as they are."""
    if line.lstrip().startswith("%"):
        return line
    for _ in range(4):  # a repair can make another possible; two passes always settle
        before = line
        line = with_markers(_remove_invisible(line))
        seg = segment(line)
        if seg is not None:
            text = line[seg.start : seg.end]
            line = line[: seg.start] + clean(text, seg.body) + line[seg.end :]
        line = _tabs_to_spaces(line)
        if line == before:
            break
    return line


_SHOWN = {"\t": "<TAB>", "\u00a0": "<NBSP>", "\u3000": "<U+3000>"}


def _visible(text: str) -> str:
    out = []
    for char in text:
        kind = classify(char)
        if char in _SHOWN:
            out.append(_SHOWN[char])
        elif kind is not None:
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    return "".join(out)


def line_changes(old: str, new: str, number: int) -> list[Change]:
    """What changed between two versions of a line, as Change records with one character of
    context on each side (changes a character or two apart are shown as one)."""
    from difflib import SequenceMatcher  # `layout fix` and the importer's report only

    matcher = SequenceMatcher(None, old, new, autojunk=False)
    groups: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if groups and i1 - groups[-1][1] <= 2:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
    changes = []
    for i1, i2, j1, j2 in groups:
        left = 1 if i1 > 0 and j1 > 0 else 0
        right = 1 if i2 < len(old) and j2 < len(new) else 0
        shown_old = _visible(old[i1 - left : i2 + right])
        shown_new = _visible(new[j1 - left : j2 + right])
        changes.append(Change(number, i1 + 1, shown_old, shown_new))
    return changes


def fix_text(text: str) -> tuple[str, list[Change]]:
    """An article file's text with every safe repair made, and the changes in file order.

    Line ends are kept (LF or CRLF); a paragraph found to hold one paragraph per line gets a
    blank line after each of its lines that ends a sentence.
    """
    raw = text.split("\n")
    lines = _lines(text)
    changes: list[Change] = []
    fixed = []
    for number, line in enumerate(lines, start=1):
        new = fix_line(line)
        if new != line:
            changes += line_changes(line, new, number)
        fixed.append(new)
    after: set[int] = set()
    for run in paragraph_runs(fixed):
        after.update(run.breaks)
    out = []
    for index, line in enumerate(fixed):
        ending = "\r" if raw[index].endswith("\r") else ""
        out.append(line + ending)
        if index in after:
            out.append(ending)
            tail = _visible(line[-1:])
            changes.append(Change(index + 1, len(lines[index]) + 1, f"{tail}⏎", f"{tail}⏎⏎"))
    changes.sort(key=lambda c: (c.line, c.column))
    return "\n".join(out), changes
