"""Running heads and folios: `| 动态 | Events and Activities |` above the type area, the folio
on the outer edge."""

from __future__ import annotations

from layout.compose.bounds import located
from layout.compose.frame import Frame
from layout.compose.setter import Setter
from layout.compose.slab import shift
from layout.errors import LayoutError, Location
from layout.render.model import Rule
from layout.style.units import MM


def running_head(
    setter: Setter,
    frame: Frame,
    recto: bool,
    name: str,
    english: str | None,
    folio: str,
    location: Location | None = None,
) -> list:
    """Items of the head band: section names between vertical bars, the folio outside them.

    On a recto page the band reads from the outer (right) edge inwards, mirrored on a verso page,
    so the folio always sits on the outer edge where a reader thumbs the pages. The band must
    fit the type area's width: a longer section name is an error at the section (`location`).
    """
    key = ("running-head", frame, recto, name, english, folio)
    kept = setter.kept.get(key)  # the same objects for the same head: unchanged pages of a
    if kept is not None:  # watched issue then compare by identity (layout/watch.py)
        return list(kept)
    style = setter.style
    head = style.running_head
    ts_cn, ts_en = setter.text_style(head.chinese), setter.text_style(head.english)
    ts_folio = setter.text_style(head.folio)
    accent = style.color("accent")
    baseline = frame.top - head.height + 0.5 * head.height + 0.35 * ts_cn.size
    rule_y = frame.top - 0.45 * head.height
    gap = 0.8 * ts_cn.size

    least = (len(name) + len(english or "")) * 0.2 * ts_en.size
    if least > frame.width:  # too wide whatever its characters: not worth composing
        _too_wide(name, frame.width, location, least, "at least ")
    with located(location):
        cn_runs, cn_w = setter.line(name, ts_cn)
        en_runs, en_w = setter.line(english, ts_en) if english else ([], 0.0)
        folio_runs, folio_w = setter.line(folio, ts_folio) if folio else ([], 0.0)
    bar_h = 1.1 * ts_cn.size
    bar_y = baseline - 0.9 * ts_cn.size

    # widths of the pieces in reading order: | 名 | English |   folio
    parts: list[tuple[str, float]] = [("bar", 0.0), ("cn", cn_w), ("bar", 0.0)]
    if en_runs:
        parts += [("en", en_w), ("bar", 0.0)]
    total = sum(w for _, w in parts) + gap * (len(parts) - 1)
    folio_space = folio_w + 2 * gap if folio_runs else 0.0
    if total + folio_space > frame.width + 0.01:
        _too_wide(name, frame.width - folio_space, location, total)
    x = frame.left + frame.width - total - folio_space if recto else frame.left + folio_space

    items: list = []
    for kind, width in parts:
        if kind == "bar":
            items.append(Rule(x, bar_y, 0.6, bar_h, fill=accent))
        elif kind == "cn":
            items += [shift(r, x, baseline) for r in cn_runs]
        else:
            items += [shift(r, x, baseline) for r in en_runs]
        x += width + gap
    if folio_runs:
        fx = frame.left + frame.width - folio_w if recto else frame.left
        items += [shift(r, fx, baseline) for r in folio_runs]
    items.append(Rule(frame.left, rule_y, frame.width, head.rule, fill=accent))
    setter.kept[key] = tuple(items)
    return list(items)


def _too_wide(
    name: str, room: float, location: Location | None, width: float, bound: str = ""
) -> None:
    sample = name if len(name) <= 12 else name[:12] + "…"
    raise LayoutError(
        f"the running head of section “{sample}” is {bound}{width / MM:.0f} mm wide; the page "
        f"has room for {room / MM:.0f} mm",
        location,
        "shorten the section's name or english name",
    )
