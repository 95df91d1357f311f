"""Read OCR Markdown into blocks: runs of non-blank lines, with their line numbers and the
number of blank lines before them (a long blank run is where the OCR skipped a photo)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the source file
    text: str  # without the trailing Markdown hard-break spaces
    hard_break: bool  # the source line ended in two spaces (a forced line break)


@dataclass(frozen=True)
class Block:
    lines: tuple[Line, ...]
    gap: int  # blank lines before this block
    level: int = 0  # Markdown heading level, 0 for text
    mark: str = ""  # Markdown input only: "quote" (> lines), "bullet" (- item), "image"

    @property
    def line(self) -> int:
        return self.lines[0].number

    @property
    def text(self) -> str:
        """The block's lines joined as one paragraph (no separator, as CJK text wraps)."""
        return join_lines([line.text for line in self.lines])

    @property
    def is_heading(self) -> bool:
        return self.level > 0

    def with_lines(
        self, lines: tuple[Line, ...], gap: int | None = None, mark: str | None = None
    ) -> Block:
        return replace(
            self,
            lines=lines,
            gap=self.gap if gap is None else gap,
            mark=self.mark if mark is None else mark,
        )


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines: no space, except between two Latin letters or digits."""
    text = ""
    for part in parts:
        part = part.strip()
        if (
            text
            and part
            and text[-1].isascii()
            and text[-1].isalnum()
            and part[0].isascii()
            and part[0].isalnum()
        ):
            text += " "
        text += part
    return text


def read_blocks(source: str) -> list[Block]:
    """Split source text into blocks. Whitespace-only lines count as blank."""
    blocks: list[Block] = []
    current: list[Line] = []
    gap = 0
    pending_gap = 0

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(_make_block(current, pending_gap))
            current = []

    for number, raw in enumerate(source.splitlines(), start=1):
        if not raw.strip():
            if current:
                flush()
                gap = 0
            gap += 1
            continue
        if not current:
            pending_gap = gap
        text = raw.rstrip()
        hard = raw.endswith("  ") or raw.endswith("\\")
        heading = _HEADING.match(text)
        if heading:
            # A heading is always a block of its own.
            flush()
            blocks.append(
                Block((Line(number, heading.group(2), False),), gap, len(heading.group(1)))
            )
            gap = 0
            continue
        current.append(Line(number, text.strip(), hard))
        gap = 0
    flush()
    return blocks


def _make_block(lines: list[Line], gap: int) -> Block:
    return Block(tuple(lines), gap)
