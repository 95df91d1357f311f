"""Characters that must not reach the page: one table of classes, and pure functions over it.

Some characters are errors (the editor must delete them): controls, bidi controls that
reorder text invisibly, private-use and noncharacters no font prints, lone surrogates. Some
are invisible and have no glyph in the fonts, so they are removed with a warning: zero-width
spaces and joiners, variation selectors, the soft hyphen. A tab inside a line is a paste
artefact: it becomes a space, with a warning. Everything else is left to the composer (a
character missing from the fonts is its error).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

ERROR = "error"  # report, keep nothing
REMOVE = "remove"  # warn, delete the character
SPACE = "space"  # warn, replace by a space (a tab inside a line)

HINT = "delete it"
REPLACEMENT = "\ufffd"  # stands in for an error character, so that columns stay right


@dataclass(frozen=True)
class CharClass:
    label: str  # "control character", for the message
    action: str  # ERROR, REMOVE or SPACE


CONTROL = CharClass("control character", ERROR)
BIDI = CharClass("bidi control", ERROR)
SEPARATOR = CharClass("line or paragraph separator", ERROR)
SURROGATE = CharClass("lone surrogate", ERROR)
PRIVATE = CharClass("private-use character", ERROR)
NONCHARACTER = CharClass("noncharacter", ERROR)
INVISIBLE = CharClass("invisible character", REMOVE)
VARIATION = CharClass("variation selector", REMOVE)
TAB = CharClass("tab", SPACE)

# (first, last, class), not overlapping. Newline is a line end, not a character; a carriage
# return is allowed only before it (CRLF files), which the scanners handle.
_RANGES: tuple[tuple[int, int, CharClass], ...] = (
    (0x0000, 0x0008, CONTROL),
    (0x0009, 0x0009, TAB),
    (0x000B, 0x001F, CONTROL),  # VT, FF, CR (inside a line), SO … US
    (0x007F, 0x009F, CONTROL),  # DEL and the C1 controls
    (0x00AD, 0x00AD, INVISIBLE),  # soft hyphen: a CJK font prints it as a hyphen
    (0x034F, 0x034F, INVISIBLE),  # combining grapheme joiner
    (0x061C, 0x061C, BIDI),  # Arabic letter mark
    (0x200B, 0x200D, INVISIBLE),  # zero width space, non-joiner, joiner
    (0x200E, 0x200F, BIDI),  # left-to-right and right-to-left marks
    (0x2028, 0x2029, SEPARATOR),
    (0x202A, 0x202E, BIDI),  # embeddings and overrides
    (0x2060, 0x2064, INVISIBLE),  # word joiner, invisible operators
    (0x2066, 0x2069, BIDI),  # isolates
    (0xD800, 0xDFFF, SURROGATE),
    (0xE000, 0xF8FF, PRIVATE),
    (0xFDD0, 0xFDEF, NONCHARACTER),
    (0xFE00, 0xFE0F, VARIATION),
    (0xFEFF, 0xFEFF, INVISIBLE),  # zero width no-break space (a BOM inside the text)
    *(
        (plane + 0xFFFE, plane + 0xFFFF, NONCHARACTER)
        for plane in range(0x00000, 0x0F0000, 0x10000)  # planes 0-14; 15 and 16 below
    ),
    (0xE0000, 0xE007F, INVISIBLE),  # tag characters
    (0xE0100, 0xE01EF, VARIATION),
    (0xF0000, 0xFFFFD, PRIVATE),
    (0xFFFFE, 0xFFFFF, NONCHARACTER),
    (0x100000, 0x10FFFD, PRIVATE),
    (0x10FFFE, 0x10FFFF, NONCHARACTER),
)
TABLE = tuple(sorted(_RANGES, key=lambda entry: entry[0]))

_STARTS = [first for first, _, _ in TABLE]
_PATTERN = re.compile(
    "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b, _ in TABLE) + "]"
)

# Control characters have no Unicode name; these are their formal aliases (NameAliases.txt).
C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
    "ENQUIRY", "ACKNOWLEDGE", "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
    "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)  # fmt: skip
C1_NAMES = (
    "PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE",
    "INDEX", "NEXT LINE", "START OF SELECTED AREA", "END OF SELECTED AREA",
    "CHARACTER TABULATION SET", "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET", "PARTIAL LINE FORWARD", "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE", "DEVICE CONTROL STRING",
    "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE", "CANCEL CHARACTER",
    "MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA", "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE", "APPLICATION PROGRAM COMMAND",
)  # fmt: skip


def classify(char: str) -> CharClass | None:
    """The class of one character, or None for an ordinary one (newline included)."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    if index >= 0:
        first, last, kind = TABLE[index]
        if first <= code <= last:
            return kind
    return None


def char_name(char: str) -> str:
    """The Unicode name of `char`, or its control alias; "" when it has neither."""
    code = ord(char)
    if code < 0x20:
        return C0_NAMES[code]
    if code == 0x7F:
        return "DELETE"
    if 0x80 <= code <= 0x9F:
        return C1_NAMES[code - 0x80]
    return unicodedata.name(char, "")


def describe(char: str) -> str:
    """`U+200B ZERO WIDTH SPACE`: the code point and its name, for messages."""
    name = char_name(char)
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


@dataclass(frozen=True)
class Finding:
    """A character of one class at a place: `line` and `column` count from 1 (`line` is 0
    when the text is a single value)."""

    char: str
    kind: CharClass
    line: int
    column: int

    @property
    def is_error(self) -> bool:
        return self.kind.action == ERROR

    @property
    def message(self) -> str:
        text = f"{self.kind.label} {describe(self.char)}"
        if self.kind.action == REMOVE:
            return f"{text} removed ({HINT}: it is invisible and the fonts have no glyph)"
        if self.kind.action == SPACE:
            return f"{text} replaced by a space (a paste artefact? {HINT}, or type a space)"
        return text


def _edge_space(char: str) -> bool:
    """Whitespace that the parsers strip off a line's ends; a control character that Python
    counts as whitespace (U+001F …) is not: it is an error, replaced, and stays text."""
    return char.isspace() and classify(char) in (None, TAB)


def inner(line: str) -> tuple[int, int]:
    """The span of `line` without its leading and trailing whitespace (where tabs are
    indentation, which the parsers strip, not text)."""
    start, end = 0, len(line)
    while start < end and _edge_space(line[start]):
        start += 1
    while end > start and _edge_space(line[end - 1]):
        end -= 1
    return start, end


def scan_line(line: str, number: int = 0, tabs: bool = True) -> Iterator[Finding]:
    """The findings of one line (no newline in it), in order.

    Tabs in the leading or trailing whitespace are never findings; with `tabs=False` (YAML,
    where a tab has a syntax of its own) no tab is.
    """
    start, end = inner(line)
    for match in _PATTERN.finditer(line):
        char, index = match.group(), match.start()
        kind = classify(char)
        if kind is None or (kind is TAB and not (tabs and start <= index < end)):
            continue
        yield Finding(char, kind, number, index + 1)


def clean_line(line: str, findings: list[Finding]) -> str:
    """`line` with its findings applied: removed, a space, or REPLACEMENT for an error."""
    if not findings:
        return line
    out, last = [], 0
    for finding in findings:
        index = finding.column - 1
        out.append(line[last:index])
        if finding.kind.action == SPACE:
            out.append(" ")
        elif finding.kind.action == ERROR:
            out.append(REPLACEMENT)
        last = index + 1
    out.append(line[last:])
    return "".join(out)


def check_text(text: str, tabs: bool = True) -> tuple[str, list[Finding]]:
    """A whole file's text, cleaned, and every finding with its line and column.

    A carriage return right before a newline (or at the very end) is a line end, not a
    finding.
    """
    if not _PATTERN.search(text):
        return text, []
    findings: list[Finding] = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        body = line[:-1] if line.endswith("\r") else line
        found = list(scan_line(body, number, tabs))
        if found:
            findings += found
            lines[number - 1] = clean_line(body, found) + line[len(body) :]
    return "\n".join(lines), findings


MAX_REPORTED = 20  # findings of each kind (errors, warnings) reported one by one, per file


@dataclass(frozen=True)
class Report:
    """One line to tell the user: at `line`:`column`, `message` (`hint`)."""

    line: int
    column: int
    message: str
    hint: str = ""


def reports(findings: list[Finding]) -> tuple[list[Report], list[Report]]:
    """The errors and the warnings to print for one file's findings: each finding up to
    MAX_REPORTED of its kind, then one line for the rest (a paste can bring thousands)."""
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    return (
        _capped(errors, HINT, "delete them"),
        [Report(r.line, r.column, f"{r.message} ({r.hint})" if r.hint else r.message)
         for r in _capped(warnings, "", "")],
    )  # fmt: skip


def _capped(findings: list[Finding], hint: str, more_hint: str) -> list[Report]:
    shown = [Report(f.line, f.column, f.message, hint) for f in findings[:MAX_REPORTED]]
    if len(findings) > MAX_REPORTED:
        rest = findings[MAX_REPORTED]
        count = len(findings) - MAX_REPORTED
        what = "such characters" if rest.is_error else "such characters removed or replaced"
        shown.append(Report(rest.line, rest.column, f"and {count:,} more {what}", more_hint))
    return shown
