"""Remember composed paragraphs between builds.

An editor rebuilds an issue many times a day after small edits; most paragraphs are unchanged
and composing them again is most of the work. Results are kept in the font cache directory,
keyed by everything that decides a paragraph's lines: its runs, measure, indent, alignment and
trim setting, plus a fingerprint of the composer's code and the fonts. Values are plain tuples
serialised with marshal (data, never code); a damaged or stale file is simply a miss.
"""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path

from layout.fonts.cache import RecordCache
from layout.text.model import ComposedParagraph, Line, ParagraphSpec, PlacedGlyph

_TEXT_PACKAGE = Path(__file__).resolve().parents[1] / "text"


def composer_fingerprint(font_files: list[Path]) -> str:
    """Changes when the composer's code or any font file changes."""
    digest = hashlib.sha256()
    for source in sorted(_TEXT_PACKAGE.glob("*.py")):
        digest.update(source.read_bytes())
    for font in sorted(font_files):
        stat = font.stat()
        digest.update(f"{font}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def spec_key(spec: ParagraphSpec) -> bytes:
    runs = tuple((r.text, r.font, r.scale) for r in spec.runs)
    data = marshal.dumps(
        (runs, spec.measure, spec.indent, spec.align, spec.trim_open_at_line_start)
    )
    return hashlib.blake2b(data, digest_size=16).digest()


def _pack(p: ComposedParagraph) -> tuple:
    lines = tuple(
        (
            tuple((g.text, g.x, g.width, g.font, g.scale, g.offset) for g in line.glyphs),
            line.width,
            line.start,
            line.end,
            line.is_last,
            line.indent,
        )
        for line in p.lines
    )
    return (lines, p.measure, p.demerits, p.warnings)


def _unpack(data: tuple) -> ComposedParagraph:
    lines, measure, demerits, warnings = data
    return ComposedParagraph(
        tuple(
            Line(tuple(PlacedGlyph(*g) for g in glyphs), width, start, end, is_last, indent)
            for glyphs, width, start, end, is_last, indent in lines
        ),
        measure,
        demerits,
        tuple(warnings),
    )


class CompositionMemo:
    """Composed paragraphs of one build, loaded from and saved to a RecordCache."""

    KIND = "compose"

    def __init__(self, cache: RecordCache | None, name: str, fingerprint: str) -> None:
        self.cache = cache
        self.key = hashlib.sha256(f"{name}:{fingerprint}".encode()).hexdigest()[:32]
        self.known: dict[bytes, tuple] = {}
        self.used: dict[bytes, tuple] = {}
        if cache is not None:
            record = cache.get(self.KIND, self.key)
            if record is not None:
                try:
                    self.known = marshal.loads(record[1])
                except (EOFError, ValueError, TypeError):
                    self.known = {}

    def get(self, spec: ParagraphSpec) -> tuple[bytes, ComposedParagraph | None]:
        key = spec_key(spec)
        data = self.used.get(key) or self.known.get(key)
        if data is None:
            return key, None
        self.used[key] = data
        return key, _unpack(data)

    def put(self, key: bytes, paragraph: ComposedParagraph) -> None:
        self.used[key] = _pack(paragraph)

    def save(self) -> None:
        """Keep what this build used (entries of deleted text drop out)."""
        if self.cache is not None and self.used != self.known:
            self.cache.put(
                self.KIND, self.key, {"entries": len(self.used)}, marshal.dumps(self.used)
            )
