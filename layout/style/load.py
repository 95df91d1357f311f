"""Read a style sheet from styles/NAME.yaml into `Style`, reporting errors like manifest errors.

The file is read with the manifest's machinery (`layout.manifest.files` for strict UTF-8,
`layout.manifest.nodes` for YAML nodes with positions), so every error reads
`path:line:column: message (hint)` and one run reports every problem.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from layout.color.press import CONDITIONS, INTENTS
from layout.errors import LayoutError, LayoutErrors, Location
from layout.inputs import close_matches
from layout.manifest.files import read_text
from layout.manifest.limits import MIN_COLUMN_CHARS, STYLE_BYTES
from layout.manifest.nodes import Fields, Reader, compose_yaml, describe, is_null
from layout.style.sheet import (
    Grid,
    PageGeometry,
    PressSettings,
    RunningHead,
    SectionVariant,
    Style,
    TextStyle,
)
from layout.style.units import MM, UnitError, parse_cmyk, parse_length, parse_size

STYLES_DIR = Path(__file__).resolve().parents[2] / "styles"
# A style is named, never given as a path: styles/<name>.yaml and nothing else.
STYLE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_COLUMNS = 12  # never tried beyond this, whatever the page width

# Sane bounds (pt) of what a sheet may set; beyond them pages overflow or nothing fits.
BODY_SIZE = (5.0, 24.0)
TEXT_SIZE = (4.0, 144.0)  # the cover title is 80pt
TRIM = (50 * MM, 1000 * MM)
BLEED = (0.0, 10 * MM)
TEXT_PITCH = (0.0, 200.0)
HEAD_HEIGHT = (0.0, 50 * MM)
RULE = (0.0, 5.0)
GUTTER_EM = (0.0, 10.0)
INDENT_EM = (0.0, 10.0)
GRID_CHARS = 100
GRID_LINES = 200
SPACE_LINES = 10  # space_before / space_after
PER_PAGE = 10

_TOP_KEYS = ("name", "page", "grid", "colors", "text", "running_head", "sections", "press")
_TOP_REQUIRED = ("page", "grid", "colors", "text")
_PAGE_KEYS = ("trim", "bleed", "top", "inner")
_PAGE_REQUIRED = ("trim", "top", "inner")
_GRID_KEYS = ("body_size", "chars", "columns", "gutter", "lines", "pitch", "three_column_gutter")
_GRID_REQUIRED = ("body_size", "chars", "columns", "lines", "pitch")
_TEXT_KEYS = (
    "font",
    "size",
    "color",
    "align",
    "indent",
    "pitch",
    "space_before",
    "space_after",
    "trim_opening",
)
_ALIGNS = ("center", "justify", "left", "ragged", "right")
_HEAD_KEYS = ("height", "rule")
_SECTION_KEYS = ("columns", "per_page", "new_page")
_PRESS_KEYS = ("condition", "ink_limit", "intent", "black_point_compensation")
INK_LIMIT = (100.0, 400.0)  # % total area coverage; presses print 240-350
REQUIRED_COLORS = ("text", "accent")
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


# sheets read in this process, by path and text: a Style is never changed once read
_LOADED: dict[tuple[Path, str], Style] = {}


def load_style(name: str, styles_dir: Path = STYLES_DIR) -> Style:
    """The style sheet `styles_dir/NAME.yaml`.

    Raises LayoutError if there is no such sheet or it cannot be read or parsed, and
    LayoutErrors with every problem of a sheet that parses but is not valid.
    """
    known = known_styles(styles_dir)
    if not STYLE_NAME.fullmatch(name) or name not in known:
        raise LayoutError(
            f"no style sheet named {name[:64]!r}", hint=f"known styles: {', '.join(known)}"
        )
    path = styles_dir / f"{name}.yaml"
    text = read_text(path, STYLE_BYTES)
    known_sheet = _LOADED.get((path, text))
    if known_sheet is not None:  # read before in this process (a build reads it twice)
        return known_sheet
    root = compose_yaml(path, text)
    if is_null(root):
        raise LayoutError(
            "the style sheet is empty",
            Location(path, 1, 1),
            "see styles/hrb-zhengxie.yaml for the format",
        )
    reader = Reader(path)
    style = _StyleReader(reader).read(root)
    if reader.errors or style is None:
        raise LayoutErrors(sorted(reader.errors, key=_position))
    if len(_LOADED) >= 8:  # `layout watch` over many edits of a sheet: keep the latest
        _LOADED.clear()
    _LOADED[(path, text)] = style
    return style


def known_styles(styles_dir: Path = STYLES_DIR) -> list[str]:
    """The names of the sheets in `styles_dir`, sorted."""
    try:
        return sorted(p.stem for p in styles_dir.glob("*.yaml") if STYLE_NAME.fullmatch(p.stem))
    except OSError:
        return []


def max_columns(style: Style) -> int:
    """The most columns a section may be set in: as many as keep MIN_COLUMN_CHARS characters
    a line (and never fewer than the grid's own columns)."""
    most = style.grid.columns
    for columns in range(most + 1, MAX_COLUMNS + 1):
        if style.grid_for(columns).chars < MIN_COLUMN_CHARS:
            break
        most = columns
    return most


def _percent(value: object) -> float:
    """A percentage: 300, 300% or "300 %"."""
    text = str(value).strip().removesuffix("%").strip() if isinstance(value, str) else value
    if isinstance(text, str):
        try:
            return float(text)
        except ValueError:
            raise UnitError(f"expected a percentage such as 300%, got {value!r}") from None
    if isinstance(text, bool) or not isinstance(text, int | float):
        raise UnitError(f"expected a percentage such as 300%, got {value!r}")
    return float(text)


def _position(error: LayoutError) -> tuple[int, int]:
    where = error.location
    return (where.line, where.column) if where else (0, 0)


def _suggest(word: str, known: Sequence[str], otherwise: str) -> str:
    """`did you mean 'x'?` for a near miss among `known`, else the hint `otherwise`."""
    close = close_matches(word, known, n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise


class _StyleReader:
    """Builds a Style from the node tree; all errors go to the shared Reader's list."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.color_names: list[str] | None = None  # names under colors:, if it is a mapping
        self.columns_nodes: dict[str, Node] = {}  # section variant name -> its columns: value

    def fail(self, message: str, node: Node, hint: str = "") -> None:
        self.reader.fail(message, node, hint)

    # -- values ----------------------------------------------------------------------------

    def value(self, name: str, node: Node) -> tuple[bool, object]:
        """The plain value of a scalar or list node; (False, None) after an error."""
        try:
            return True, self.reader.scalar(node)
        except (yaml.YAMLError, ValueError) as error:
            problem = getattr(error, "problem", None) or str(error)
            self.fail(f"'{name}' cannot be read: {problem}", node, "remove the '!' tag")
            return False, None

    def parsed(
        self,
        name: str,
        node: Node,
        parse: Callable[[object], float],
        wanted: str,
        example: str,
        positive: bool = False,
    ) -> float | None:
        """A scalar parsed by `parse` (a units.py function), or None after an error."""
        if not isinstance(node, ScalarNode) or is_null(node):
            self.reader.wrong_type(name, node, wanted, f"{name}: {example}")
            return None
        ok, value = self.value(name, node)
        if not ok:
            return None
        try:
            result = parse(value)
        except OverflowError:  # a whole number of hundreds of digits
            result = math.inf
        except UnitError as error:
            self.fail(f"'{name}': {error}", node, f"write e.g. {name}: {example}")
            return None
        if not math.isfinite(result):  # .inf, .nan, 1e999
            self.fail(f"'{name}' must be a finite number", node, f"write e.g. {name}: {example}")
            return None
        if positive and result <= 0:
            self.fail(f"'{name}' must be more than 0", node, f"write e.g. {name}: {example}")
            return None
        return result

    def within(
        self, name: str, node: Node | None, value: float, bounds: tuple[float, float], unit: str
    ) -> float:
        """`value` if it lies within `bounds` (pt, or em for unit "em"), else an error at
        `node` and the nearest bound (so that later checks still see a sane number)."""
        low, high = bounds
        if low <= value <= high or node is None:
            return value
        scale = MM if unit == "mm" else 1.0
        self.fail(
            f"'{name}' must be from {low / scale:g}{unit} to {high / scale:g}{unit}, "
            f"not {value / scale:g}{unit}",
            node,
            "a value this far out cannot be set on a page",
        )
        return min(max(value, low), high)

    def length(
        self,
        fields: Fields,
        key: str,
        default: str | None = None,
        em: float | None = None,
        example: str = "3mm",
        positive: bool = False,
    ) -> float:
        """A length in pt; 0.0 when it is absent (and has no default) or wrong."""
        node = fields.get(key)
        if node is None:
            return parse_length(default, em) if default is not None else 0.0
        return self.length_of(key, node, em, example, positive)

    def length_of(
        self,
        name: str,
        node: Node,
        em: float | None = None,
        example: str = "3mm",
        positive: bool = False,
    ) -> float:
        value = self.parsed(
            name, node, lambda v: parse_length(v, em), "a length", example, positive
        )
        return 0.0 if value is None else value

    def em_length(self, fields: Fields, key: str, default: str, body_size: float) -> float:
        """A length given in em of the body size (or mm/pt), as a number of em."""
        em = body_size if body_size > 0 else 1.0
        return self.length(fields, key, default, em, "2em") / em

    def number(self, fields: Fields, key: str, example: str) -> float:
        """A number >= 0 (e.g. an indent in em); 0.0 when absent or wrong."""
        node = fields.get(key)
        if node is None:
            return 0.0
        if isinstance(node, ScalarNode) and node.tag in (
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
        ):
            ok, value = self.value(key, node)
            if ok and isinstance(value, int | float) and not isinstance(value, bool):
                number = float(value) if abs(value) < 1e300 else math.inf  # 10**400: too big
                if 0 <= number < math.inf:
                    return number
        self.reader.wrong_type(key, node, "a number >= 0", f"{key}: {example}")
        return 0.0

    def mapping(
        self,
        key: str,
        node: Node | None,
        label: str,
        known: tuple[str, ...],
        required: tuple[str, ...] = (),
        example: str = "{key: value}",
    ) -> Fields | None:
        """The mapping `node` (the value of `key`) as Fields named `label` in messages."""
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            self.reader.wrong_type(key, node, "a mapping", f"{key}: {example}")
            return None
        return Fields(self.reader, label, node, known, required)

    def entries(
        self, key: str, node: Node | None, example: str
    ) -> Iterator[tuple[str, Node, Node]]:
        """The (name, key node, value node) of a mapping with free names (colours, styles …).

        Reports a value that is no mapping, names that are not text and duplicate names.
        """
        if node is None:
            return
        if not isinstance(node, MappingNode):
            self.reader.wrong_type(key, node, "a mapping", f"{key}: {example}")
            return
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or is_null(key_node):
                self.fail(f"a name in {key} must be text", key_node, f"write e.g. {example}")
                continue
            name = str(key_node.value)
            if name in seen:
                first = self.reader.at(seen[name]).line
                self.fail(
                    f"duplicate key '{name}' in {key}",
                    key_node,
                    f"keep one; the first is on line {first}",
                )
                continue
            seen[name] = value_node
            yield name, key_node, value_node

    # -- the sheet -------------------------------------------------------------------------

    def read(self, root: Node) -> Style | None:
        if not isinstance(root, MappingNode):
            self.fail(
                f"a style sheet must be a mapping of keys to values, not {describe(root)}",
                root,
                "start with name: ..., page: ..., grid: ...; see styles/hrb-zhengxie.yaml",
            )
            return None
        top = Fields(self.reader, self.reader.path.name, root, _TOP_KEYS, _TOP_REQUIRED)
        page_fields = self.mapping(
            "page", top.get("page"), "page", _PAGE_KEYS, _PAGE_REQUIRED, "{trim: ..., top: ...}"
        )
        grid_fields = self.mapping(
            "grid", top.get("grid"), "grid", _GRID_KEYS, _GRID_REQUIRED, "{body_size: 9.5pt, ...}"
        )
        grid = self.grid(grid_fields)
        press = self.press(
            self.mapping(
                "press", top.get("press"), "press", _PRESS_KEYS, (), "{condition: fogra39}"
            )
        )
        colors = self.colors(top.get("colors"), press.ink_limit)
        text = self.text_styles(top.get("text"), grid)
        head = self.running_head(
            self.mapping("running_head", top.get("running_head"), "running_head", _HEAD_KEYS)
        )
        sections = self.sections(top.get("sections"))
        three_gutter = (
            self.within(
                "three_column_gutter",
                grid_fields.get("three_column_gutter"),
                self.em_length(grid_fields, "three_column_gutter", "2em", grid.body_size),
                GUTTER_EM,
                "em",
            )
            if grid_fields is not None
            else 2.0
        )
        name = top.text("name") or ""
        page = self.page(page_fields, grid) if page_fields is not None else None
        if page is None or grid_fields is None or self.reader.errors:
            return None
        self.check_fit(page, grid, grid_fields)
        if self.reader.errors:
            return None
        style = Style(
            name=name,
            page=page,
            grid=grid,
            text=text,
            colors=colors,
            running_head=head,
            sections=sections,
            three_column_gutter=three_gutter,
            press=press,
        )
        self.check_section_columns(style)
        return None if self.reader.errors else style

    def check_section_columns(self, style: Style) -> None:
        """A section variant may not have more columns than the type area can hold."""
        most = max_columns(style)
        for name, node in self.columns_nodes.items():
            columns = style.sections[name].columns
            if columns > most:
                self.fail(
                    f"section '{name}' has {columns} columns",
                    node,
                    f"the type area holds at most {most} columns of "
                    f"{MIN_COLUMN_CHARS} characters or more",
                )

    def grid(self, fields: Fields | None) -> Grid:
        if fields is None:
            return Grid(0.0, 1, 1, 2.0, 1, 0.0)
        body_size = self.length(fields, "body_size", example="9.5pt", positive=True)
        if body_size > 0:
            body_size = self.within(
                "body_size", fields.get("body_size"), body_size, BODY_SIZE, "pt"
            )
        gutter = self.em_length(fields, "gutter", "2em", body_size)
        return Grid(
            body_size=body_size,
            chars=fields.integer("chars", maximum=GRID_CHARS) or 1,
            columns=fields.integer("columns", maximum=MAX_COLUMNS) or 1,
            gutter=self.within("gutter", fields.get("gutter"), gutter, GUTTER_EM, "em"),
            lines=fields.integer("lines", maximum=GRID_LINES) or 1,
            pitch=self.length(fields, "pitch", example="16pt", positive=True),
        )

    def page(self, fields: Fields, grid: Grid) -> PageGeometry:
        """The page geometry; the outer margin is what the type area leaves of the width."""
        width = height = 0.0
        trim = fields.get("trim")
        if trim is not None:
            if isinstance(trim, SequenceNode) and len(trim.value) == 2:
                width = self.length_of("trim width", trim.value[0], example="210mm", positive=True)
                height = self.length_of(
                    "trim height", trim.value[1], example="285mm", positive=True
                )
                if width > 0:
                    width = self.within("trim width", trim.value[0], width, TRIM, "mm")
                if height > 0:
                    height = self.within("trim height", trim.value[1], height, TRIM, "mm")
            else:
                got = f"{len(trim.value)} values" if isinstance(trim, SequenceNode) else None
                self.fail(
                    f"'trim' must be [width, height], not {got or describe(trim)}",
                    trim,
                    "write e.g. trim: [210mm, 285mm]",
                )
        top = self.length(fields, "top", example="24mm")
        inner = self.length(fields, "inner", example="18.5mm")
        if width > 0 and height > 0:  # margins within the trim (check_fit does the rest)
            top = self.within("top", fields.get("top"), top, (0.0, height), "mm")
            inner = self.within("inner", fields.get("inner"), inner, (0.0, width), "mm")
        bleed = self.length(fields, "bleed", "3mm")
        return PageGeometry(
            trim_width=width,
            trim_height=height,
            bleed=self.within("bleed", fields.get("bleed"), bleed, BLEED, "mm"),
            top=top,
            inner=inner,
            outer=width - inner - grid.width,
        )

    def check_fit(self, page: PageGeometry, grid: Grid, fields: Fields) -> None:
        """The type area must fit the trim with sane margins and a sane line pitch."""
        bottom = page.trim_height - page.top - grid.height
        if page.outer < 8 * MM:
            self.fail(
                f"the type area is too wide: outer margin {page.outer / MM:.1f} mm",
                fields.get("chars") or fields.node,
                "it must be at least 8 mm: use fewer characters per line, a smaller body size"
                " or a smaller inner margin",
            )
        if bottom < 10 * MM:
            self.fail(
                f"the type area is too tall: bottom margin {bottom / MM:.1f} mm",
                fields.get("lines") or fields.node,
                "it must be at least 10 mm: use fewer lines or a smaller pitch",
            )
        if grid.pitch < grid.body_size * 1.2:
            self.fail(
                f"the line pitch {grid.pitch:g}pt is less than 1.2 x the body size"
                f" {grid.body_size:g}pt",
                fields.get("pitch") or fields.node,
                f"use at least {grid.body_size * 1.2:g}pt; clreq: a line gap of 50-100 %",
            )

    def press(self, fields: Fields | None) -> PressSettings:
        """The press condition, the ink limit and how photos are converted."""
        default = PressSettings()
        if fields is None:
            return default
        condition = fields.text("condition") or default.condition
        if condition not in CONDITIONS:
            self.fail(
                f"unknown press condition '{condition}'",
                fields.values["condition"],
                _suggest(condition, list(CONDITIONS), f"use one of {', '.join(CONDITIONS)}"),
            )
        intent = fields.text("intent") or default.intent
        if intent not in INTENTS:
            self.fail(
                f"unknown rendering intent '{intent}'",
                fields.values["intent"],
                _suggest(intent, INTENTS, f"use one of {', '.join(INTENTS)}"),
            )
        limit = default.ink_limit
        node = fields.get("ink_limit")
        if node is not None:
            parsed = self.parsed("ink_limit", node, _percent, "a percentage", "300%", True)
            if parsed is not None:
                limit = self.within("ink_limit", node, parsed, INK_LIMIT, "%")
        return PressSettings(
            condition=condition,
            ink_limit=limit,
            intent=intent,
            black_point_compensation=fields.boolean("black_point_compensation", True),
        )

    def colors(
        self, node: Node | None, ink_limit: float = PressSettings().ink_limit
    ) -> dict[str, tuple[float, float, float, float]]:
        """The named CMYK colours; each puts down at most `ink_limit` % of ink."""
        result = {}
        names: list[str] = []
        example = "text: [0, 0, 0, 100]"
        for name, _key_node, value_node in self.entries("colors", node, example):
            names.append(name)
            ok, value = self.value(name, value_node)
            if not ok:
                continue
            try:
                result[name] = parse_cmyk(value)
            except UnitError as error:
                self.fail(
                    f"colour '{name}': {error}", value_node, f"write e.g. {name}: [0, 100, 100, 15]"
                )
                continue
            total = 100 * sum(result[name])
            if total > ink_limit + 1e-9:
                self.fail(
                    f"colour '{name}' puts down {total:g} % ink, more than the press takes "
                    f"({ink_limit:g} %, press.ink_limit)",
                    value_node,
                    "take some cyan, magenta and yellow out and keep the black",
                )
        if isinstance(node, MappingNode):
            self.color_names = names
            for needed in REQUIRED_COLORS:
                if needed not in names:
                    self.fail(f"colors has no '{needed}'", node, f"add {needed}: [C, M, Y, K]")
        return result

    def text_styles(self, node: Node | None, grid: Grid) -> dict[str, TextStyle]:
        styles: dict[str, TextStyle] = {}
        example = "body: {font: body, size: 9.5pt}"
        defined_colors = self.color_names
        for name, _key_node, value_node in self.entries("text", node, example):
            fields = self.mapping(
                name,
                value_node,
                f"text style '{name}'",
                _TEXT_KEYS,
                ("font",),
                "{font: body, size: 9.5pt}",
            )
            if fields is None:
                continue
            size = grid.body_size
            size_node = fields.get("size")
            if size_node is not None:
                wanted = "a 字号 name or a size"
                size = self.parsed("size", size_node, parse_size, wanted, "五号", True) or size
                size = self.within("size", size_node, size, TEXT_SIZE, "pt")
            align = fields.text("align") or "justify"
            if align not in _ALIGNS:
                self.fail(
                    f"unknown alignment '{align}'",
                    fields.values["align"],
                    _suggest(align, _ALIGNS, f"use one of {', '.join(_ALIGNS)}"),
                )
            color = fields.text("color") or "text"
            # a missing required colour is reported once, under colors:
            if defined_colors is not None and color not in (*defined_colors, *REQUIRED_COLORS):
                self.fail(
                    f"unknown colour '{color}'",
                    fields.values["color"],
                    _suggest(
                        color,
                        defined_colors,
                        f"define it under colors, or use one of {', '.join(defined_colors)}",
                    ),
                )
            styles[name] = TextStyle(
                font=fields.text("font") or "body",
                size=size,
                color=color,
                align=align,
                indent=self.within(
                    "indent",
                    fields.get("indent"),
                    self.number(fields, "indent", "2"),
                    INDENT_EM,
                    "em",
                ),
                pitch=self.within(
                    "pitch",
                    fields.get("pitch"),
                    self.length(fields, "pitch", example="16pt"),
                    TEXT_PITCH,
                    "pt",
                ),
                space_before=fields.integer("space_before", 0, SPACE_LINES) or 0,
                space_after=fields.integer("space_after", 0, SPACE_LINES) or 0,
                trim_opening=fields.boolean("trim_opening", False),
            )
        if isinstance(node, MappingNode):
            names = {str(k.value) for k, _ in node.value if isinstance(k, ScalarNode)}
            for needed in REQUIRED_TEXT_STYLES:
                if needed not in names:
                    self.fail(
                        f"text has no style '{needed}'",
                        node,
                        f"add {needed}: {{font: ..., size: ...}}",
                    )
        return styles

    def running_head(self, fields: Fields | None) -> RunningHead:
        height, rule = parse_length("9mm"), parse_length("0.5pt")
        if fields is not None:
            height = self.length(fields, "height", "9mm", example="9mm")
            height = self.within("height", fields.get("height"), height, HEAD_HEIGHT, "mm")
            rule = self.length(fields, "rule", "0.5pt", example="0.5pt")
            rule = self.within("rule", fields.get("rule"), rule, RULE, "pt")
        return RunningHead(
            height=height, rule=rule, chinese="head-cn", english="head-en", folio="folio"
        )

    def sections(self, node: Node | None) -> dict[str, SectionVariant]:
        result = {}
        for name, _key_node, value_node in self.entries("sections", node, "动态: {per_page: 2}"):
            fields = self.mapping(
                name, value_node, f"section '{name}'", _SECTION_KEYS, (), "{columns: 3}"
            )
            if fields is None:
                continue
            if fields.get("columns") is not None:
                self.columns_nodes[name] = fields.values["columns"]
            result[name] = SectionVariant(
                columns=fields.integer("columns", 0, MAX_COLUMNS) or 0,
                per_page=fields.integer("per_page", 0, PER_PAGE) or 0,
                new_page=fields.boolean("new_page", True),
            )
        return result
