"""Errors that reach the user: each names a place (file:line:column) and what to do."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column count from 1 (0 = unknown)."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        text = str(self.path)
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text

    def __reduce_ex__(self, protocol: object) -> tuple:
        # pickled as its fields (stories sent back from the second core name thousands)
        return (Location, (self.path, self.line, self.column))


class LayoutError(Exception):
    """An error in the user's input (manifest, article, style, fonts).

    The CLI prints `location: message` and exits with status 2. `hint` says what to do.
    """

    exit_status = 2

    def __init__(self, message: str, location: Location | None = None, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class LayoutErrors(LayoutError):
    """Several input errors found in one pass, reported together."""

    def __init__(self, errors: list[LayoutError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
