"""Remember composed paragraphs between builds.

An editor rebuilds an issue many times a day after small edits; most paragraphs are unchanged
and composing them again is most of the work. Results are kept in the font cache directory,
keyed by everything that decides a paragraph's lines: its runs, measure, indent, alignment and
trim setting, plus a fingerprint of the composer's code and the fonts. Values are plain tuples
serialised with marshal (data, never code).

What comes from the memo is printed, so it is trusted no further than it can be checked: the
record passes the cache's hash check (payload and key), and each paragraph taken from it is
unpacked with its shape checked (tuple lengths and types) and must give back its spec's text:
the characters of the placed glyphs in order are the characters of the runs, less the spaces
the composer may drop, each in the font and scale of its run. An entry that fails is composed
again and the record rewritten; a damaged or stale file is simply a miss.
"""

from __future__ import annotations

import hashlib
import marshal
import math
import re
from collections.abc import Iterable
from functools import cache
from itertools import accumulate, groupby, pairwise
from operator import itemgetter
from pathlib import Path

from layout.fonts.cache import RecordCache
from layout.fonts.roles import FALLBACK_SEPARATOR, base_role
from layout.text.classes import CharClass, char_class
from layout.text.model import ComposedParagraph, Line, ParagraphSpec, placed_glyphs

_TEXT_PACKAGE = Path(__file__).resolve().parents[1] / "text"

# Bump when the packed layout of an entry changes: the record key changes with it.
FORMAT = 4

_NUMBER = frozenset((float, int))
_STR = frozenset((str,))
_INT = frozenset((int,))
_BOOL = frozenset((bool,))
_TUPLE = frozenset((tuple,))


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


# An entry is kept as columns, not as a tuple per glyph: marshal reads it faster, and its
# shape and types are checked column by column in C (sum, str.join, set(map(type, ...)))
# instead of glyph by glyph in Python:
#   (glyph columns: texts, xs, widths, fonts, scales, offsets;
#    line columns: glyph counts, widths, starts, ends, is_last flags, indents;
#    measure, demerits, warnings)
_EMPTY_COLUMNS = ((),) * 6


def _pack(p: ComposedParagraph) -> tuple:
    glyphs = [g for line in p.lines for g in line.glyphs]
    lines = [(len(ln.glyphs), ln.width, ln.start, ln.end, ln.is_last, ln.indent) for ln in p.lines]
    return (
        tuple(zip(*glyphs, strict=True)) or _EMPTY_COLUMNS,
        tuple(zip(*lines, strict=True)) or _EMPTY_COLUMNS,
        p.measure,
        p.demerits,
        p.warnings,
    )


def _unpack(data: tuple) -> ComposedParagraph:
    """An entry this build packed itself, or one unpack_checked has checked."""
    glyph_columns, line_columns, measure, demerits, warnings = data
    counts, widths, starts, ends, lasts, indents = line_columns
    glyphs = placed_glyphs(zip(*glyph_columns, strict=True))
    bounds = pairwise(accumulate(counts, initial=0))
    return ComposedParagraph(
        tuple(
            Line(glyphs[a:b], width, start, end, is_last, indent)
            for (a, b), width, start, end, is_last, indent in zip(
                bounds, widths, starts, ends, lasts, indents, strict=True
            )
        ),
        measure,
        demerits,
        warnings,
    )


class BadEntry(ValueError):
    """A memo entry of another shape, or one that does not give back its spec's text."""


def unpack_checked(data: object, spec: ParagraphSpec) -> ComposedParagraph:
    """The paragraph `data` holds, if it is a well-formed composition of `spec`; else BadEntry.

    Shape and types first (so that nothing below can fail on a foreign value), then the text:
    the glyphs' characters in order must be the runs' characters less dropped spaces, each in
    its run's font and scale. A few milliseconds for an issue's ~55,000 glyphs.
    """
    try:
        _check(data, spec)
    except (TypeError, ValueError, OverflowError) as error:  # BadEntry is a ValueError
        raise BadEntry(str(error) or type(error).__name__) from None
    return _unpack(data)  # type: ignore[arg-type]


def _check(data: object, spec: ParagraphSpec) -> None:
    """Raises BadEntry (or TypeError from sum / str.join on a value of another type)."""
    if type(data) is not tuple or len(data) != 5:
        raise BadEntry("not a 5-tuple")
    glyph_columns, line_columns, measure, demerits, warnings = data
    if not (_columns(glyph_columns) and _columns(line_columns) and type(warnings) is tuple):
        raise BadEntry("columns")
    texts, xs, advances, fonts, scales, offsets = glyph_columns
    counts, widths, starts, ends, lasts, indents = line_columns
    if not (
        set(map(type, warnings)) <= _STR
        and {type(measure), type(demerits)} <= _NUMBER
        and measure == spec.measure
        and set(map(type, counts + starts + ends)) <= _INT
        and set(map(type, lasts)) <= _BOOL
        # every line holds at least one glyph, and the lines hold all of them
        and min(counts, default=1) >= 1
        and sum(counts) == len(texts)
        and all(texts)
        # sum raises TypeError on anything but numbers; the total is finite if each one is
        and math.isfinite(
            sum(xs) + sum(advances) + sum(scales) + sum(offsets) + sum(widths) + sum(indents)
        )
    ):
        raise BadEntry("line or glyph fields")
    placed = "".join(texts)  # TypeError unless every text is a str
    if not _styles_follow_runs(texts, fonts, scales, spec):
        raise BadEntry("a glyph in another font or scale than its run")
    if not _same_text(placed, spec):
        raise BadEntry("glyph text differs from the spec")


def _columns(value: object) -> bool:
    """Six tuples of one length."""
    return (
        type(value) is tuple
        and len(value) == 6
        and set(map(type, value)) <= _TUPLE
        and len(set(map(len, value))) == 1
    )


@cache
def _spaces() -> re.Pattern[str]:
    """What the composer may drop: its SPACE class, the str.isspace characters less U+3000
    (content, not a space). No character above U+3000 is a space."""
    whitespace = re.findall(r"\s", "".join(map(chr, range(0x3001))))  # \s is str.isspace
    spaces = [c for c in whitespace if char_class(c) is CharClass.SPACE]
    return re.compile("[" + re.escape("".join(spaces)) + "]")


def _same_text(placed: str, spec: ParagraphSpec) -> bool:
    """Every character of the runs placed once, in order; spaces only ever dropped (the
    composer's own contract, see layout/text/compose.py)."""
    source = "".join(run.text for run in spec.runs)
    if placed == source:  # nothing dropped: most CJK paragraphs
        return True
    spaces = _spaces()
    source_solid, placed_solid = spaces.sub("", source), spaces.sub("", placed)
    dropped = len(source) - len(source_solid) - (len(placed) - len(placed_solid))
    return placed_solid == source_solid and dropped >= 0


def _styles_follow_runs(
    texts: tuple[str, ...], fonts: tuple, scales: tuple, spec: ParagraphSpec
) -> bool:
    """Each glyph in the font role and scale of the run its characters come from (a glyph
    drawn by a fallback font names its run's role first: `body/han-ext` follows `body`)."""
    if any(FALLBACK_SEPARATOR in font for font in set(fonts)):
        fonts = tuple(base_role(font) for font in fonts)
    styles = {(run.font, run.scale) for run in spec.runs}
    if len(styles) == 1:  # the common case: one style, whatever the spaces
        ((font, scale),) = styles
        return fonts.count(font) == len(fonts) and scales.count(scale) == len(scales)
    # Several runs: the same sequence of (style, number of solid characters) either way. A word
    # space glyph takes the style of the glyph before it, so only solid characters are counted.
    from_runs = _segments(((run.font, run.scale), run.text) for run in spec.runs)
    glyphs = groupby(zip(fonts, scales, texts, strict=True), key=_style)
    from_glyphs = _segments((style, "".join(map(_text, group))) for style, group in glyphs)
    return from_runs == from_glyphs


_style = itemgetter(0, 1)
_text = itemgetter(2)


def _segments(pieces: Iterable[tuple[tuple, str]]) -> list[list]:
    """[style, solid characters] of consecutive pieces, merged while the style stays."""
    spaces = _spaces()
    result: list[list] = []
    for style, text in pieces:
        solid = len(text) - len(spaces.findall(text)) if text else 0
        if not solid:
            continue
        if result and result[-1][0] == style:
            result[-1][1] += solid
        else:
            result.append([style, solid])
    return result


def _decode_entries(meta: dict, payload: bytes) -> dict:
    """The record: each entry marshalled on its own, by its key. A build unmarshals the entries
    it asks for, and saves those it used again as the bytes it read (an edit's build writes
    the record in a few milliseconds, where marshalling every entry anew took fifteen)."""
    entries = marshal.loads(payload)
    if type(entries) is not dict or not all(type(v) is bytes for v in entries.values()):
        raise BadEntry("not a dict of marshalled entries")
    return entries


def _entry(data: bytes) -> object:
    """A marshalled entry (BadEntry when it does not unmarshal)."""
    try:
        return marshal.loads(data)
    except (EOFError, ValueError, TypeError) as error:
        raise BadEntry(f"does not unmarshal ({error})") from None


class CompositionMemo:
    """Composed paragraphs of one build, loaded from and saved to a RecordCache."""

    KIND = "compose"

    def __init__(self, cache: RecordCache | None, name: str, fingerprint: str) -> None:
        self.cache = cache
        self.key = hashlib.sha256(f"{name}:{fingerprint}:{FORMAT}".encode()).hexdigest()
        # key -> the entry, marshalled (`_pack`: plain tuples)
        self.known: dict[bytes, bytes] = {}
        self.used: dict[bytes, bytes] = {}
        # paragraphs unpacked from `used` (frozen: shared by every build of a resident process)
        self.unpacked: dict[bytes, ComposedParagraph] = {}
        self.rejected = 0  # entries that failed their checks this build (composed again)
        if cache is not None:
            self.known = cache.load(self.KIND, self.key, _decode_entries) or {}

    def get(self, spec: ParagraphSpec) -> tuple[bytes, ComposedParagraph | None]:
        key = spec_key(spec)
        paragraph = self.unpacked.get(key)
        if paragraph is not None:  # unpacked before in this process (`layout watch`)
            return key, paragraph
        data = self.used.get(key)
        if data is not None:  # composed (or checked) by this build
            paragraph = self.unpacked[key] = _unpack(marshal.loads(data))
            return key, paragraph
        data = self.known.get(key)
        if data is None:
            return key, None
        try:
            paragraph = unpack_checked(_entry(data), spec)
        except BadEntry:
            # composed again by the caller; the record no longer equals what is used, so
            # save() writes it anew without this entry's damage
            del self.known[key]
            self.rejected += 1
            return key, None
        self.used[key] = data
        self.unpacked[key] = paragraph
        return key, paragraph

    def put(self, key: bytes, paragraph: ComposedParagraph) -> None:
        self.used[key] = marshal.dumps(_pack(paragraph))
        self.unpacked[key] = paragraph

    def save(self) -> None:
        """Keep what this build used (entries of deleted text drop out)."""
        if self.cache is not None and self.used != self.known:
            self.cache.put(
                self.KIND, self.key, {"entries": len(self.used)}, marshal.dumps(self.used)
            )
