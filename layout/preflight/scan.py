"""One pass over a page's content streams (and the forms and patterns it draws), keeping the
graphics state, that gathers what the checks ask: colour spaces set, the ink of every colour that
paints inside the printed area, images at their placed size, fonts shown, graphics states set,
transparency groups, shadings and our placeholder tags.

Positions are tracked well enough to tell what lies outside the BleedBox (crop marks in
registration colour may carry 400 % ink); text is placed at its origin, not glyph by glyph.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

from layout.preflight.colourspaces import DEVICE, UNKNOWN, ColourSpace, resolve
from layout.render.pdf.page import PLACEHOLDER_TAG

Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in default user space
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 12  # forms inside forms: deeper is a loop or a hostile file
MAX_OPERATORS = 1_000_000  # per page (some 6 s); beyond, the page is reported, scanned in part


@dataclass(frozen=True)
class Paint:
    """The colour with the most ink painted inside the printed area."""

    ink: float  # per cent
    values: tuple[float, ...]
    space: str  # colour space label
    what: str  # fill, stroke, text, image mask


@dataclass(frozen=True)
class PlacedImage:
    name: str  # resource name, or `inline`
    width: int  # pixels
    height: int
    ppi: float  # effective resolution at the placed size (the lower of both directions)
    bits: int
    space: ColourSpace | None  # None: an image mask (painted in the fill colour)
    smask: bool  # has a soft mask (transparency)
    inline: bool


@dataclass
class PageScan:
    number: int
    spaces: dict[str, ColourSpace] = field(default_factory=dict)
    max_paint: Paint | None = None
    overprint: bool = False  # something painted with overprint on: inks may add up
    # The most of each process plate any colour lays down (per cent), and whether some colour
    # had inks outside them (spots): overprinting can add up to their sum, no more.
    plates: list[float] = field(default_factory=lambda: [0.0, 0.0, 0.0, 0.0])
    other_inks: bool = False
    images: list[PlacedImage] = field(default_factory=list)
    fonts: dict[object, pikepdf.Object] = field(default_factory=dict)  # objgen -> font dict
    gstates: dict[object, tuple[str, pikepdf.Object]] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)  # transparency groups drawn
    shadings: int = 0
    placeholders: int = 0
    problems: list[str] = field(default_factory=list)
    incomplete: bool = False  # more than MAX_OPERATORS: the checks saw the first ones only

    def needs_render(self, limit: float) -> bool:
        """True when the operators cannot tell whether the ink stays within `limit`: images,
        shadings, or overprinted colours whose plates could add up beyond it."""
        if self.shadings or any(i.space for i in self.images):
            return True
        return self.overprint and (self.other_inks or sum(self.plates) > limit + 0.05)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (the PDF order: `cm` makes CTM' = M x CTM)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def to_matrix(values: object) -> Matrix | None:
    try:
        numbers = tuple(float(v) for v in values)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    return numbers if len(numbers) == 6 else None  # type: ignore[return-value]


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: ColourSpace = DEVICE["DeviceGray"]
    fill_values: tuple[float, ...] = (0.0,)
    stroke: ColourSpace = DEVICE["DeviceGray"]
    stroke_values: tuple[float, ...] = (0.0,)
    fill_overprint: bool = False
    stroke_overprint: bool = False
    font: pikepdf.Object | None = None
    font_size: float = 0.0
    render_mode: int = 0
    leading: float = 0.0

    def copy(self) -> _State:
        return _State(**self.__dict__)


# Text rendering modes that fill and that stroke (PDF 1.7, table 106); 3 and 7 paint nothing.
_FILLS = {0, 2, 4, 6}
_STROKES = {1, 2, 5, 6}
_SHOW = {"Tj", "TJ", "'", '"'}
_PAINTS = {
    **dict.fromkeys(("f", "F", "f*"), ("fill",)),
    **dict.fromkeys(("S", "s"), ("stroke",)),
    **dict.fromkeys(("B", "B*", "b", "b*"), ("fill", "stroke")),
}
_PLACEHOLDER = f"/{PLACEHOLDER_TAG}"


class Scanner:
    def __init__(self, number: int, printed: Box | None) -> None:
        self.scan = PageScan(number)
        self.printed = printed  # paints wholly outside it (marks) do not count for ink
        self._operators = 0
        self._patterns: set[object] = set()
        self._parsed: dict[object, list] = {}
        self._drawn: set[tuple] = set()  # forms drawn, with where and in which colours

    def run(self, page: pikepdf.Page) -> PageScan:
        resources = _dict(page.obj, "/Resources") or _inherited(page.obj, "/Resources")
        group = page.obj.get("/Group")
        if _is_transparency_group(group):
            self.scan.groups.append("the page")
        try:
            self._walk(pikepdf.parse_content_stream(page), resources, _State(), 0)
        except pikepdf.PdfError as error:
            self.scan.problems.append(f"content stream cannot be read: {_short(error)}")
        except _TooLong:
            self.scan.incomplete = True
        return self.scan

    # --- the walk -------------------------------------------------------------------------

    def _walk(self, ops: list, resources: pikepdf.Object | None, state: _State, depth: int) -> None:
        stack: list[_State] = []
        path: list[list[tuple[float, float]]] = []  # subpaths, each its points
        text = _Text()
        for instruction in ops:
            self._operators += 1
            if self._operators > MAX_OPERATORS:
                raise _TooLong
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self._inline_image(instruction.iimage, resources, state)
                continue
            op = str(instruction.operator)
            args = list(instruction.operands)
            try:
                state = self._operator(op, args, resources, state, stack, path, text, depth)
            except (TypeError, ValueError, IndexError, AttributeError, KeyError):
                self._bad(op)

    def _operator(
        self,
        op: str,
        args: list,
        resources: pikepdf.Object | None,
        state: _State,
        stack: list[_State],
        path: list[tuple[float, float]],
        text: _Text,
        depth: int,
    ) -> _State:
        if op == "q":
            stack.append(state.copy())
        elif op == "Q":
            if stack:
                state = stack.pop()
        elif op == "cm":
            matrix = to_matrix(args)
            if matrix is not None:
                state.ctm = multiply(matrix, state.ctm)
        elif op == "m" or (op == "l" and not path):
            path.append([apply(state.ctm, float(args[0]), float(args[1]))])
        elif op == "l":
            path[-1].append(apply(state.ctm, float(args[0]), float(args[1])))
        elif op in ("c", "v", "y") and path:
            for i in range(0, len(args) - 1, 2):
                path[-1].append(apply(state.ctm, float(args[i]), float(args[i + 1])))
        elif op == "re":
            x, y, w, h = (float(a) for a in args[:4])
            path.append([apply(state.ctm, px, py) for px, py in _corners(x, y, w, h)])
        elif op in _PAINTS:
            for what in _PAINTS[op]:
                self._paint_path(state, what, path)
            path.clear()
        elif op == "n":
            path.clear()
        else:
            self._colour_or_other(op, args, resources, state, text, depth)
        return state

    def _colour_or_other(
        self,
        op: str,
        args: list,
        resources: pikepdf.Object | None,
        state: _State,
        text: _Text,
        depth: int,
    ) -> None:
        if op in ("g", "rg", "k"):
            space = DEVICE[{"g": "DeviceGray", "rg": "DeviceRGB", "k": "DeviceCMYK"}[op]]
            state.fill, state.fill_values = space, _numbers(args)
            self._use(space)
        elif op in ("G", "RG", "K"):
            space = DEVICE[{"G": "DeviceGray", "RG": "DeviceRGB", "K": "DeviceCMYK"}[op]]
            state.stroke, state.stroke_values = space, _numbers(args)
            self._use(space)
        elif op == "cs":
            state.fill = resolve(args[0], resources)
            state.fill_values = _initial(state.fill)
            self._use(state.fill)
        elif op == "CS":
            state.stroke = resolve(args[0], resources)
            state.stroke_values = _initial(state.stroke)
            self._use(state.stroke)
        elif op in ("sc", "scn"):
            state.fill_values = _numbers(args)
            if args and isinstance(args[-1], pikepdf.Name):
                self._pattern(args[-1], resources, state, depth)
        elif op in ("SC", "SCN"):
            state.stroke_values = _numbers(args)
            if args and isinstance(args[-1], pikepdf.Name):
                self._pattern(args[-1], resources, state, depth)
        elif op == "gs":
            self._gstate(args[0], resources, state)
        elif op == "Do":
            self._xobject(args[0], resources, state, depth)
        elif op == "sh":
            self._shading(_lookup(resources, "/Shading", args[0]), resources)
        elif op in ("BMC", "BDC"):
            if str(args[0]) == _PLACEHOLDER:
                self.scan.placeholders += 1
        else:
            self._text(op, args, resources, state, text)

    def _text(
        self, op: str, args: list, resources: pikepdf.Object | None, state: _State, text: _Text
    ) -> None:
        if op == "BT":
            text.reset()
        elif op == "Tf":
            state.font = _lookup(resources, "/Font", args[0])
            state.font_size = float(args[1])
            if state.font is not None:
                self.scan.fonts.setdefault(_key(state.font), state.font)
        elif op == "Tr":
            state.render_mode = int(args[0])
        elif op == "TL":
            state.leading = float(args[0])
        elif op == "Tm":
            matrix = to_matrix(args)
            if matrix is not None:
                text.matrix = text.line = matrix
        elif op in ("Td", "TD"):
            if op == "TD":
                state.leading = -float(args[1])
            text.move(float(args[0]), float(args[1]))
        elif op == "T*":
            text.move(0.0, -state.leading)
        elif op in _SHOW:
            if op in ("'", '"'):
                text.move(0.0, -state.leading)
            self._show(state, text)

    # --- what paints ----------------------------------------------------------------------

    def _paint_path(self, state: _State, what: str, path: list[list[tuple[float, float]]]) -> None:
        """Paint the path if one of its subpaths reaches into the printed area (the crop marks
        are one path of eight lines around it, none inside)."""
        inside = [points for points in path if self._inside(_bbox(points))]
        if inside or not path:
            self._paint(state, what, _bbox(inside[0]) if inside else None)

    def _paint(self, state: _State, what: str, box: Box | None) -> None:
        if what == "stroke":
            space, values, overprint = state.stroke, state.stroke_values, state.stroke_overprint
        else:
            space, values, overprint = state.fill, state.fill_values, state.fill_overprint
        if not self._inside(box):
            return
        if overprint:
            self.scan.overprint = True
        ink = space.ink(values)
        if ink is None:
            return
        self._plates(space, values)
        best = self.scan.max_paint
        if best is None or ink > best.ink + 1e-9:
            self.scan.max_paint = Paint(ink, values, space.label, what)

    def _plates(self, space: ColourSpace, values: tuple[float, ...]) -> None:
        plates = self.scan.plates
        if space.model == "cmyk" and len(values) == 4:
            for i, value in enumerate(values):
                plates[i] = max(plates[i], 100 * min(1.0, max(0.0, value)))
        elif space.model == "gray" and len(values) == 1:
            plates[3] = max(plates[3], 100 * (1 - min(1.0, max(0.0, values[0]))))
        else:
            self.scan.other_inks = True

    def _show(self, state: _State, text: _Text) -> None:
        size = state.font_size
        matrix = multiply(text.matrix, state.ctm)
        x, y = apply(matrix, 0.0, 0.0)
        scale = math.hypot(matrix[2], matrix[3]) * abs(size)
        box = (x, y - 0.3 * scale, x + scale, y + scale)
        if state.render_mode in _FILLS:
            self._paint(state, "text", box)
        if state.render_mode in _STROKES:
            self._paint(state, "stroke", box)

    def _inside(self, box: Box | None) -> bool:
        if box is None or self.printed is None:
            return True
        x0, y0, x1, y1 = box
        px0, py0, px1, py1 = self.printed
        return x1 > px0 and x0 < px1 and y1 > py0 and y0 < py1

    def _use(self, space: ColourSpace) -> None:
        self.scan.spaces.setdefault(space.label, space)

    def _bad(self, op: str) -> None:
        message = f"malformed operands of `{op}`"
        if message not in self.scan.problems:
            self.scan.problems.append(message)

    # --- resources ------------------------------------------------------------------------

    def _gstate(self, name: object, resources: pikepdf.Object | None, state: _State) -> None:
        entry = _lookup(resources, "/ExtGState", name)
        if not isinstance(entry, pikepdf.Dictionary):
            return
        self.scan.gstates.setdefault(_key(entry), (str(name), entry))
        if "/OP" in entry:
            state.stroke_overprint = bool(entry.OP)
            state.fill_overprint = bool(entry.get("/op", entry.OP))
        elif "/op" in entry:
            state.fill_overprint = bool(entry.op)

    def _xobject(
        self, name: object, resources: pikepdf.Object | None, state: _State, depth: int
    ) -> None:
        xobject = _lookup(resources, "/XObject", name)
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = str(xobject.get("/Subtype", ""))
        if subtype == "/Image":
            self._image(str(name)[1:], xobject, None, state, inline=False)
        elif subtype == "/Form" and depth < MAX_DEPTH and self._first_time(xobject, state):
            if _is_transparency_group(xobject.get("/Group")):
                self.scan.groups.append(f"form {str(name)[1:]}")
            inner = state.copy()
            matrix = to_matrix(xobject.get("/Matrix", IDENTITY)) or IDENTITY
            inner.ctm = multiply(matrix, state.ctm)
            own = _dict(xobject, "/Resources")
            self._walk(
                self._parse(xobject), own if own is not None else resources, inner, depth + 1
            )

    def _first_time(self, form: pikepdf.Object, state: _State) -> bool:
        """False if the form was drawn already at this place in these colours: it would find
        nothing new (and a form that draws itself, or a hostile tree of forms, ends here)."""
        key = (
            _key(form),
            state.ctm,
            state.fill.label,
            state.fill_values,
            state.stroke.label,
            state.stroke_values,
            state.fill_overprint,
            state.stroke_overprint,
        )
        if key in self._drawn:
            return False
        self._drawn.add(key)
        return True

    def _image(
        self,
        name: str,
        image: pikepdf.Object,
        resources: pikepdf.Object | None,
        state: _State,
        inline: bool,
    ) -> None:
        mask = bool(image.get("/ImageMask", False))
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        space = None
        if not mask:
            raw = image.get("/ColorSpace")
            space = resolve(raw, resources) if raw is not None else UNKNOWN
            if raw is None and str(image.get("/Filter", "")) == "/JPXDecode":
                space = ColourSpace("JPX", "unknown", 0)  # colour inside the JPEG 2000 data
            self._use(space)
        else:
            self._paint(state, "image mask", _bbox(list(_unit_square(state.ctm))))
        smask = "/SMask" in image or int(image.get("/SMaskInData", 0)) != 0
        placed = PlacedImage(
            name,
            width,
            height,
            _ppi(state.ctm, width, height),
            int(image.get("/BitsPerComponent", 1 if mask else 8)),
            space,
            smask,
            inline,
        )
        self.scan.images.append(placed)

    def _inline_image(
        self, iimage: pikepdf.PdfInlineImage, resources: pikepdf.Object | None, state: _State
    ) -> None:
        try:
            self._image("inline", iimage.obj, resources, state, inline=True)
        except (pikepdf.PdfError, TypeError, ValueError, AttributeError):
            self._bad("BI")

    def _shading(self, shading: object, resources: pikepdf.Object | None) -> None:
        if not isinstance(shading, pikepdf.Dictionary | pikepdf.Stream):
            return
        self.scan.shadings += 1
        self._use(resolve(shading.get("/ColorSpace"), resources))

    def _pattern(
        self, name: pikepdf.Name, resources: pikepdf.Object | None, state: _State, depth: int
    ) -> None:
        pattern = _lookup(resources, "/Pattern", name)
        if not isinstance(pattern, pikepdf.Dictionary | pikepdf.Stream):
            return
        if int(pattern.get("/PatternType", 0)) == 2:
            self._shading(pattern.get("/Shading"), resources)
            return
        key = _key(pattern)
        if key in self._patterns or depth >= MAX_DEPTH or not isinstance(pattern, pikepdf.Stream):
            return  # a tiling pattern's cell is the same wherever it is used: scan it once
        self._patterns.add(key)
        inner = _State()
        inner.ctm = to_matrix(pattern.get("/Matrix", IDENTITY)) or IDENTITY
        self._walk(self._parse(pattern), _dict(pattern, "/Resources"), inner, depth + 1)

    def _parse(self, stream: pikepdf.Stream) -> list:
        key = _key(stream)
        if key not in self._parsed:
            self._parsed[key] = pikepdf.parse_content_stream(stream)
        return self._parsed[key]


class _TooLong(Exception):
    pass


class _Text:
    """The text matrix and text line matrix between BT and ET."""

    def __init__(self) -> None:
        self.matrix: Matrix = IDENTITY
        self.line: Matrix = IDENTITY

    def reset(self) -> None:
        self.matrix = self.line = IDENTITY

    def move(self, tx: float, ty: float) -> None:
        self.line = multiply((1.0, 0.0, 0.0, 1.0, tx, ty), self.line)
        self.matrix = self.line


def _ppi(ctm: Matrix, width: int, height: int) -> float:
    """Pixels per inch at the placed size: the image fills the unit square mapped by the CTM."""
    placed_w = math.hypot(ctm[0], ctm[1]) / 72
    placed_h = math.hypot(ctm[2], ctm[3]) / 72
    if placed_w <= 0 or placed_h <= 0:
        return math.inf
    return min(width / placed_w, height / placed_h)


def _unit_square(ctm: Matrix) -> Iterator[tuple[float, float]]:
    for x, y in ((0, 0), (1, 0), (0, 1), (1, 1)):
        yield apply(ctm, x, y)


def _corners(x: float, y: float, w: float, h: float) -> list[tuple[float, float]]:
    return [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]


def _bbox(points: list[tuple[float, float]]) -> Box | None:
    if not points:
        return None
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _numbers(args: list) -> tuple[float, ...]:
    return tuple(float(a) for a in args if _is_num(a))


def _is_num(value: object) -> bool:
    if isinstance(value, pikepdf.Name | str | bytes):
        return False  # a pattern's name, after a scn's components
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _initial(space: ColourSpace) -> tuple[float, ...]:
    """The colour a `cs` sets: black in device spaces, tint 1 in spot spaces (PDF 1.7, 8.6.8)."""
    if space.model == "cmyk":
        return (0.0, 0.0, 0.0, 1.0)
    if space.model == "spot":
        return tuple(1.0 for _ in space.spots)
    return tuple(0.0 for _ in range(max(space.components, 1)))


def _lookup(resources: pikepdf.Object | None, kind: str, name: object) -> pikepdf.Object | None:
    if resources is None or not isinstance(name, pikepdf.Name):
        return None
    category = resources.get(kind)
    if not isinstance(category, pikepdf.Dictionary):
        return None
    return category.get(name)


def _dict(obj: pikepdf.Object, key: str) -> pikepdf.Object | None:
    value = obj.get(key)
    return value if isinstance(value, pikepdf.Dictionary) else None


def _inherited(page: pikepdf.Object, key: str) -> pikepdf.Object | None:
    node, seen = page.get("/Parent"), 0
    while isinstance(node, pikepdf.Dictionary) and seen < 64:
        if key in node:
            return node[key]
        node, seen = node.get("/Parent"), seen + 1
    return None


def _is_transparency_group(group: object) -> bool:
    return isinstance(group, pikepdf.Dictionary) and str(group.get("/S", "")) == "/Transparency"


def _key(obj: pikepdf.Object) -> object:
    """Identity of a resource: its object number, or its text when it is a direct object."""
    return obj.objgen if obj.is_indirect else bytes(obj.unparse())


def _short(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:200]
