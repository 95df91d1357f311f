"""Read a style sheet from styles/NAME.yaml into `Style`, reporting errors like manifest errors."""

from __future__ import annotations

import difflib
from pathlib import Path

from layout.errors import LayoutError, LayoutErrors
from layout.style.sheet import (
    Grid,
    PageGeometry,
    RunningHead,
    SectionVariant,
    Style,
    TextStyle,
)
from layout.style.units import MM, UnitError, parse_cmyk, parse_length, parse_size
from layout.yamlsource import KeyPath, Positions, load_yaml

STYLES_DIR = Path(__file__).resolve().parents[2] / "styles"

_TOP_KEYS = {"name", "page", "grid", "colors", "text", "running_head", "sections"}
_PAGE_KEYS = {"trim", "bleed", "top", "inner"}
_GRID_KEYS = {"body_size", "chars", "columns", "gutter", "lines", "pitch", "three_column_gutter"}
_TEXT_KEYS = {"font", "size", "color", "align", "indent", "pitch", "space_before", "space_after"}
_ALIGNS = {"justify", "ragged", "center", "right", "left"}
_HEAD_KEYS = {"height", "rule"}
_SECTION_KEYS = {"columns", "per_page", "new_page"}
REQUIRED_TEXT_STYLES = (
    "body",
    "title",
    "kicker",
    "source",
    "caption",
    "head-cn",
    "head-en",
    "folio",
)


def load_style(name: str, styles_dir: Path = STYLES_DIR) -> Style:
    path = styles_dir / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in styles_dir.glob("*.yaml"))
        raise LayoutError(
            f"no style sheet named {name!r}", hint=f"known styles: {', '.join(known)}"
        )
    data, positions = load_yaml(path)
    return _StyleReader(positions).read(data)


class _StyleReader:
    """Walks the YAML data, collecting every error before raising them together."""

    def __init__(self, positions: Positions) -> None:
        self.pos = positions
        self.errors: list[LayoutError] = []

    def fail(self, keys: KeyPath, message: str, hint: str = "") -> None:
        self.errors.append(LayoutError(message, self.pos.at(keys), hint))

    def mapping(self, value: object, keys: KeyPath, allowed: set[str]) -> dict:
        if not isinstance(value, dict):
            self.fail(keys, "expected a mapping of keys to values")
            return {}
        for key in value:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else f"known keys: {', '.join(sorted(allowed))}"
                )
                self.fail((*keys, key, "<key>"), f"unknown key {key!r}", hint)
        return value

    def require(self, data: dict, key: str, keys: KeyPath) -> object:
        if key not in data:
            self.fail(keys, f"missing key {key!r}")
        return data.get(key)

    def length(self, value: object, keys: KeyPath, em: float | None = None) -> float:
        try:
            return parse_length(value, em)
        except UnitError as error:
            self.fail(keys, str(error))
            return 0.0

    def integer(self, value: object, keys: KeyPath, minimum: int = 1) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(keys, f"expected a whole number ≥ {minimum}, got {value!r}")
            return minimum
        return value

    def read(self, data: object) -> Style:
        top = self.mapping(data, (), _TOP_KEYS)
        name = top.get("name", "")
        page = self.page(self.mapping(self.require(top, "page", ()), ("page",), _PAGE_KEYS))
        grid_data = self.mapping(self.require(top, "grid", ()), ("grid",), _GRID_KEYS)
        grid = self.grid(grid_data)
        colors = self.colors(top.get("colors", {}))
        text = self.text_styles(top.get("text", {}), grid.body_size, colors)
        head = self.running_head(
            self.mapping(top.get("running_head", {}), ("running_head",), _HEAD_KEYS)
        )
        sections = self.sections(top.get("sections", {}))
        three_gutter = grid_data.get("three_column_gutter", "2em")
        style = Style(
            name=str(name),
            page=page,
            grid=grid,
            text=text,
            colors=colors,
            running_head=head,
            sections=sections,
            three_column_gutter=self.length(three_gutter, ("grid", "three_column_gutter"), 1.0),
        )
        if not self.errors:
            self.check_fit(style)
        if self.errors:
            raise LayoutErrors(self.errors)
        return style

    def page(self, data: dict) -> PageGeometry:
        trim = self.require(data, "trim", ("page",))
        if not (isinstance(trim, list) and len(trim) == 2):
            self.fail(("page", "trim"), "expected [width, height], e.g. [210mm, 285mm]")
            trim = [0, 0]
        return PageGeometry(
            trim_width=self.length(trim[0], ("page", "trim", 0)),
            trim_height=self.length(trim[1], ("page", "trim", 1)),
            bleed=self.length(data.get("bleed", "3mm"), ("page", "bleed")),
            top=self.length(self.require(data, "top", ("page",)), ("page", "top")),
            inner=self.length(self.require(data, "inner", ("page",)), ("page", "inner")),
            outer=0.0,  # derived in check_fit
        )

    def grid(self, data: dict) -> Grid:
        keys = ("grid",)
        size = self.length(self.require(data, "body_size", keys), (*keys, "body_size"))
        return Grid(
            body_size=size,
            chars=self.integer(self.require(data, "chars", keys), (*keys, "chars")),
            columns=self.integer(self.require(data, "columns", keys), (*keys, "columns")),
            gutter=self.length(data.get("gutter", "2em"), (*keys, "gutter"), 1.0),
            lines=self.integer(self.require(data, "lines", keys), (*keys, "lines")),
            pitch=self.length(self.require(data, "pitch", keys), (*keys, "pitch")),
        )

    def colors(self, data: object) -> dict:
        if not isinstance(data, dict):
            self.fail(("colors",), "expected a mapping of colour names to [C, M, Y, K]")
            return {}
        result = {}
        for name, value in data.items():
            try:
                result[name] = parse_cmyk(value)
            except UnitError as error:
                self.fail(("colors", name), str(error))
        for needed in ("text", "accent"):
            if needed not in result:
                self.fail(("colors",), f"missing colour {needed!r}")
        return result

    def text_styles(self, data: object, body_size: float, colors: dict) -> dict[str, TextStyle]:
        if not isinstance(data, dict):
            self.fail(("text",), "expected a mapping of text style names to styles")
            return {}
        styles = {}
        for name, spec in data.items():
            keys = ("text", name)
            spec = self.mapping(spec, keys, _TEXT_KEYS)
            size = body_size
            if "size" in spec:
                try:
                    size = parse_size(spec["size"])
                except UnitError as error:
                    self.fail((*keys, "size"), str(error))
            align = spec.get("align", "justify")
            if align not in _ALIGNS:
                self.fail(
                    (*keys, "align"),
                    f"unknown alignment {align!r}",
                    f"use one of {', '.join(sorted(_ALIGNS))}",
                )
            color = spec.get("color", "text")
            if colors and color not in colors:
                self.fail(
                    (*keys, "color"),
                    f"unknown colour {color!r}",
                    f"define it under colors: ({', '.join(colors)})",
                )
            styles[name] = TextStyle(
                font=str(self.require(spec, "font", keys) or "body"),
                size=size,
                color=color,
                align=align,
                indent=float(spec.get("indent", 0)),
                pitch=self.length(spec["pitch"], (*keys, "pitch")) if "pitch" in spec else 0.0,
                space_before=self.integer(spec.get("space_before", 0), (*keys, "space_before"), 0),
                space_after=self.integer(spec.get("space_after", 0), (*keys, "space_after"), 0),
            )
        for needed in REQUIRED_TEXT_STYLES:
            if needed not in styles:
                self.fail(("text",), f"missing text style {needed!r}")
        return styles

    def running_head(self, data: dict) -> RunningHead:
        return RunningHead(
            height=self.length(data.get("height", "9mm"), ("running_head", "height")),
            rule=self.length(data.get("rule", "0.5pt"), ("running_head", "rule")),
            chinese="head-cn",
            english="head-en",
            folio="folio",
        )

    def sections(self, data: object) -> dict[str, SectionVariant]:
        if not isinstance(data, dict):
            self.fail(("sections",), "expected a mapping of section names to settings")
            return {}
        result = {}
        for name, spec in data.items():
            keys = ("sections", name)
            spec = self.mapping(spec, keys, _SECTION_KEYS)
            result[str(name)] = SectionVariant(
                columns=self.integer(spec.get("columns", 0), (*keys, "columns"), 0),
                per_page=self.integer(spec.get("per_page", 0), (*keys, "per_page"), 0),
                new_page=bool(spec.get("new_page", True)),
            )
        return result

    def check_fit(self, style: Style) -> None:
        """The type area must fit the trim with sane margins; derive the outer margin."""
        page, grid = style.page, style.grid
        outer = page.trim_width - page.inner - grid.width
        bottom = page.trim_height - page.top - grid.height
        if outer < 8 * MM:
            self.fail(
                ("grid", "chars"),
                f"the type area is too wide: outer margin {outer / MM:.1f} mm",
                "use fewer characters per line, a smaller body size or a smaller inner margin",
            )
        if bottom < 10 * MM:
            self.fail(
                ("grid", "lines"),
                f"the type area is too tall: bottom margin {bottom / MM:.1f} mm",
                "use fewer lines or a smaller pitch",
            )
        if grid.pitch < grid.body_size * 1.2:
            self.fail(
                ("grid", "pitch"),
                "the line pitch must be at least 1.2 x the body size (clreq: gap 50-100 %)",
            )
        object.__setattr__(page, "outer", outer)
