"""Moving a glyph run builds it field by field (for speed): it must keep every field."""

from __future__ import annotations

import dataclasses

from layout.compose.slab import shift
from layout.render.model import GlyphRun


def test_shift_keeps_every_field_of_a_glyph_run() -> None:
    run = GlyphRun("body", 9.5, 20.0, (("中", 0.0), ("文", 9.5)), (0, 1, 1, 0), "c1l3", 4.0)
    moved = shift(run, 10.0, 5.0)
    assert moved == dataclasses.replace(run, baseline=25.0, x=14.0)
    # a field added to GlyphRun later must be added to shift() too
    assert [f.name for f in dataclasses.fields(GlyphRun)] == [
        "font",
        "size",
        "baseline",
        "glyphs",
        "color",
        "tag",
        "x",
    ]
