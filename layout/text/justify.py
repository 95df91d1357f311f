"""Set one line: trim its edges, distribute its slack in clreq order, place the glyphs.

Reduction (clreq 3.8.2): the line-end mark is already ½ em (trimmed at the break); then Latin
word spaces down to ¼ em, interpuncts, bracket blanks, ，、；： blanks, Han–Latin gaps down to
⅛ em, and last the blanks of 。？！ — each step equally over the line before the next begins.
Expansion (clreq 3.8.3): word spaces up to ½ em, Han–Latin gaps up to ⅓ em, then every
inter-character gap of the line equally (never inside —— ……, Latin words, or next to
connectors and solidi).
Last resort: a line with none of those gaps (only pieces of a URL or path longer than the
measure) spreads its slack evenly between the characters of those pieces, one glyph each.
"""

from __future__ import annotations

from itertools import accumulate

from layout.text.classes import HAN_LATIN_PRIORITY, WORD_SPACE_PRIORITY
from layout.text.items import (
    GLUE_HAN_LATIN,
    GLUE_NONE,
    GLUE_WORD_SPACE,
    Items,
    letter_join,
    shrink_priority,
)
from layout.text.model import PlacedGlyph, placed_glyphs

EPS = 1e-9


class LineSetter:
    """Places lines of one paragraph; `set(a, b, ...)` handles boxes a..b-1."""

    def __init__(self, items: Items, trim_open: bool, trim_open_first: bool) -> None:
        self.items = items
        self.trim_open = trim_open
        self.trim_open_first = trim_open_first

    def set(
        self, a: int, b: int, x0: float, measure: float, justify: bool, align: str = "left"
    ) -> tuple[tuple[PlacedGlyph, ...], float]:
        """Glyphs of the line and the x where its last glyph box ends.

        `x0` is where the line's content starts (the indent), `measure` the right edge.
        """
        it = self.items
        widths = it.width[a:b]
        offsets = it.offset[a:b]
        lshrink = it.lshrink[a:b]
        rshrink = it.rshrink[a:b]
        gaps = it.glue[a + 1 : b]  # gaps[k] sits between box a+k and box a+k+1
        kinds = it.glue_kind[a + 1 : b]
        # line edges: an opening bracket loses its left blank, a closing mark its right blank
        if self.trim_open and (a > 0 or self.trim_open_first) and it.start_trim[a] > 0:
            widths[0] -= it.start_trim[a]
            offsets[0] += it.start_trim[a]
            lshrink[0] = max(0.0, lshrink[0] - it.start_trim[a])
        if it.end_trim[b - 1] > 0:
            widths[-1] -= it.end_trim[b - 1]
            rshrink[-1] = max(0.0, rshrink[-1] - it.end_trim[b - 1])
        slack = (measure - x0) - (sum(widths) + sum(gaps))
        spacing = 0.0
        if slack < -EPS:
            self._shrink(a, -slack, widths, offsets, lshrink, rshrink, gaps, kinds)
        elif slack > EPS and justify:
            spacing = self._stretch(a, b, slack, gaps, kinds)
        if not justify and align in ("center", "right"):
            free = (measure - x0) - (sum(widths) + sum(gaps))
            if free > 0:
                x0 += free / 2 if align == "center" else free
        return self._place(a, b, x0, widths, offsets, gaps, kinds, spacing)

    # --- reduction ---------------------------------------------------------------------------

    def _shrink(self, a, amount, widths, offsets, lshrink, rshrink, gaps, kinds) -> None:
        it = self.items
        # (priority, kind, index, capacity): kind 0 = left blank, 1 = right blank, 2 = gap
        slots: list[tuple[int, int, int, float]] = []
        for k in range(len(widths)):
            prio = shrink_priority(it.cls[a + k])
            if lshrink[k] > EPS:
                slots.append((prio, 0, k, lshrink[k]))
            if rshrink[k] > EPS:
                slots.append((prio, 1, k, rshrink[k]))
        for k, kind in enumerate(kinds):
            cap = it.glue_shrink[a + 1 + k]
            if cap > EPS:
                prio = HAN_LATIN_PRIORITY if kind == GLUE_HAN_LATIN else WORD_SPACE_PRIORITY
                slots.append((prio, 2, k, cap))
        slots.sort()
        i = 0
        while amount > EPS and i < len(slots):
            prio = slots[i][0]
            j = i
            while j < len(slots) and slots[j][0] == prio:
                j += 1
            group = slots[i:j]
            total = sum(s[3] for s in group)
            ratio = min(1.0, amount / total)
            for _, kind, k, cap in group:
                cut = cap * ratio
                if kind == 2:
                    gaps[k] -= cut
                else:
                    widths[k] -= cut
                    if kind == 0:
                        offsets[k] += cut  # ink stays on the right: draw further left
            amount -= total * ratio
            i = j

    # --- expansion ---------------------------------------------------------------------------

    def _stretch(self, a, b, amount, gaps, kinds) -> float:
        """Widen the gaps; returns the letter-spacing of over-long tokens (0 when not needed)."""
        it = self.items
        for wanted in (GLUE_WORD_SPACE, GLUE_HAN_LATIN):
            room = [
                it.glue_stretch[a + 1 + k] if kind == wanted else 0.0
                for k, kind in enumerate(kinds)
            ]
            total = sum(room)
            if total > EPS:
                ratio = min(1.0, amount / total)
                for k, r in enumerate(room):
                    gaps[k] += r * ratio
                amount -= total * ratio
            if amount <= EPS:
                return 0.0
        even = [k for k in range(len(gaps)) if it.even[a + 1 + k]]
        if even:
            share = amount / len(even)
            for k in even:
                gaps[k] += share
            return 0.0
        return self._letterspace(a, b, amount, gaps)

    def _letterspace(self, a, b, amount, gaps) -> float:
        """Spread `amount` evenly between the characters of over-long tokens on the line."""
        it = self.items
        letters = it.letters
        if not letters:
            return 0.0
        joins = [k for k in range(len(gaps)) if letter_join(it, a + 1 + k)]
        count = len(joins) + sum(len(letters[i]) - 1 for i in range(a, b) if i in letters)
        if count == 0:
            return 0.0
        spacing = amount / count
        for k in joins:
            gaps[k] += spacing
        return spacing

    # --- placement ---------------------------------------------------------------------------

    def _place(self, a, b, x, widths, offsets, gaps, kinds, spacing=0.0):
        """Glyphs of items a..b from x. With `spacing`, pieces of over-long tokens become one
        glyph per character with `spacing` between them (the gaps between pieces hold it)."""
        it = self.items
        text, font, scale = it.text, it.font, it.scale
        letters = it.letters if spacing > 0 else None
        if not letters and GLUE_WORD_SPACE not in kinds:
            return _placed(x, text[a:b], widths, gaps, font[a:b], scale[a:b], offsets)
        glyphs = []
        append = glyphs.append
        last = b - a - 1
        for k in range(b - a):
            i = a + k
            w = widths[k]
            advances = letters.get(i) if letters else None
            if advances is not None:
                start = x
                for c, adv in zip(text[i], advances, strict=True):
                    append(PlacedGlyph(c, x, adv, font[i], scale[i]))
                    x += adv + spacing
                x = start + w + spacing * (len(advances) - 1)
            else:
                append(PlacedGlyph(text[i], x, w, font[i], scale[i], offsets[k]))
                x += w
            if k < last:
                g = gaps[k]
                if kinds[k] == GLUE_WORD_SPACE:
                    # a Latin word space stays a glyph so the text reads back with its spaces
                    append(PlacedGlyph(it.jtext[i + 1], x, g, font[i], scale[i]))
                x += g
        return tuple(glyphs), x


def _placed(x, texts, widths, gaps, fonts, scales, offsets) -> tuple[tuple, float]:
    """_place for a line of single boxes and plain gaps (most lines): the pen goes x, x + w0,
    x + w0 + g0, ... as the loop adds them, and the glyphs are made without a Python call each."""
    steps = [0.0] * (2 * len(widths) - 1)
    steps[0::2] = widths
    steps[1::2] = gaps
    pens = list(accumulate(steps, initial=x))
    fields = zip(texts, pens[0::2], widths, fonts, scales, offsets, strict=True)
    return placed_glyphs(fields), pens[-1]


__all__ = ["GLUE_NONE", "LineSetter"]
