from pathlib import Path

import pytest

from layout.errors import LayoutError, LayoutErrors
from layout.style.load import STYLES_DIR, load_style
from layout.style.units import MM, UnitError, parse_cmyk, parse_length, parse_size


def test_reference_style_geometry():
    style = load_style("hrb-zhengxie")
    grid = style.grid
    assert grid.chars == 25 and grid.columns == 2
    assert grid.width == pytest.approx(52 * 9.5)
    # the type area and margins fill the trim exactly
    assert style.page.inner + grid.width + style.page.outer == pytest.approx(210 * MM)
    three = style.grid_for(3)
    assert three.width == pytest.approx(grid.width)
    assert three.chars == 16 and three.gutter == pytest.approx(2.0)


@pytest.mark.parametrize(
    "text,pt", [("五号", 10.5), ("小五", 9), ("小二", 18), ("9.5pt", 9.5), (12, 12.0)]
)
def test_sizes(text, pt):
    assert parse_size(text) == pytest.approx(pt)


def test_lengths():
    assert parse_length("10mm") == pytest.approx(28.3464567)
    assert parse_length("2em", em=9.5) == pytest.approx(19)
    with pytest.raises(UnitError):
        parse_length("2em")
    with pytest.raises(UnitError):
        parse_length("two mm")


def test_cmyk():
    assert parse_cmyk([0, 100, 100, 15]) == (0, 1, 1, 0.15)
    with pytest.raises(UnitError):
        parse_cmyk([0, 100, 100])
    with pytest.raises(UnitError):
        parse_cmyk([0, 0, 0, 120])


REFERENCE = STYLES_DIR / "hrb-zhengxie.yaml"


def write_variant(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the reference sheet as tmp_path/v.yaml with one `old` replaced by `new`."""
    text = REFERENCE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "v.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def position(path: Path, needle: str) -> str:
    """`path:line:column` of the first occurrence of `needle` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return f"{path}:{number}:{line.index(needle) + 1}"
    raise AssertionError(needle)


def error_lines(path: Path) -> list[str]:
    with pytest.raises(LayoutError) as caught:
        load_style(path.stem, path.parent)
    errors = caught.value.errors if isinstance(caught.value, LayoutErrors) else [caught.value]
    return [str(error) for error in errors]


SIZES = (
    "初号、小初、一号、小一、二号、小二、三号、小三、四号、小四、五号、小五、六号、小六、七号、八号"
)

# (old, new, [(needle at the reported position, "message (hint)"), ...]): the reference sheet
# with one edit, and every error line it must produce, in order.
ERROR_CASES = {
    "unknown key": (
        "  chars: 25 ",
        "  charz: 25 ",
        [
            ("body_size", "grid has no 'chars' (add chars: ...)"),
            ("charz", "unknown key 'charz' in grid (did you mean 'chars'?)"),
        ],
    ),
    "unknown top-level key": (
        "name: hrb-zhengxie",
        "name: hrb-zhengxie\nfonts: 1",
        [
            (
                "fonts: 1",
                "unknown key 'fonts' in v.yaml "
                "(known keys: name, page, grid, colors, text, running_head, sections, press)",
            )
        ],
    ),
    "duplicate key": (
        "  chars: 25 ",
        "  chars: 25\n  chars: 26 ",
        [("chars: 26", "duplicate key 'chars' in grid (keep one; the first is on line 14)")],
    ),
    "duplicate colour": (
        "  grey: [0, 0, 0, 55]",
        "  grey: [0, 0, 0, 55]\n  grey: [0, 0, 0, 50]",
        [
            (
                "grey: [0, 0, 0, 50]",
                "duplicate key 'grey' in colors (keep one; the first is on line 25)",
            )
        ],
    ),
    "missing required key": (
        "  lines: 43\n",
        "",
        [("body_size", "grid has no 'lines' (add lines: ...)")],
    ),
    "empty required key": (
        "  top: 24mm",
        "  top: ~",
        [("~", "page has no 'top' (add top: ...)")],
    ),
    "missing font": (
        "  body:       {font: body, size: 9.5pt, indent: 2}",
        "  body:       {size: 9.5pt, indent: 2}",
        [("{size: 9.5pt, indent: 2}", "text style 'body' has no 'font' (add font: ...)")],
    ),
    "missing text style": (
        "  folio:      {font: heading, size: 五号, color: accent}\n",
        "",
        [("body:", "text has no style 'folio' (add folio: {font: ..., size: ...})")],
    ),
    "missing colour": (
        "  accent: [0, 100, 100, 0]",
        "  accnt: [0, 100, 100, 0]",
        [("text: [0, 0, 0, 100]", "colors has no 'accent' (add accent: [C, M, Y, K])")],
    ),
    "unknown 字号": (
        "size: 小二",
        "size: 小七",
        [
            (
                "小七",
                f"'size': expected a 字号 name ({SIZES}) or a size in pt, got '小七' "
                "(write e.g. size: 五号)",
            )
        ],
    ),
    "bad CMYK": (
        "accent: [0, 100, 100, 0]",
        "accent: [0, 100, 15]",
        [
            (
                "[0, 100, 15]",
                "colour 'accent': expected a CMYK colour as four percentages [C, M, Y, K], "
                "got [0, 100, 15] (write e.g. accent: [0, 100, 100, 15])",
            )
        ],
    ),
    "CMYK out of range": (
        "  grey: [0, 0, 0, 55]",
        "  grey: [0, 0, 0, 155]",
        [
            (
                "[0, 0, 0, 155]",
                "colour 'grey': CMYK percentages must lie between 0 and 100, got [0, 0, 0, 155] "
                "(write e.g. grey: [0, 100, 100, 15])",
            )
        ],
    ),
    "bad length": (
        "  top: 24mm",
        "  top: 24 mm mm",
        [
            (
                "24 mm mm",
                "'top': expected a length such as 3mm, 9.5pt or 2em, got '24 mm mm' "
                "(write e.g. top: 24mm)",
            )
        ],
    ),
    "em not allowed": (
        "  top: 24mm",
        "  top: 2em",
        [("2em", "'top': '2em': em is not allowed here; use mm or pt (write e.g. top: 24mm)")],
    ),
    "length is a list": (
        "  top: 24mm",
        "  top: [24mm]",
        [("[24mm]", "'top' must be a length, not a list (write e.g. top: 24mm)")],
    ),
    "zero body size": (
        "  body_size: 9.5pt",
        "  body_size: 0pt",
        [("0pt", "'body_size' must be more than 0 (write e.g. body_size: 9.5pt)")],
    ),
    "trim with three values": (
        "trim: [210mm, 285mm]",
        "trim: [210mm, 285mm, 3mm]",
        [
            (
                "[210mm, 285mm, 3mm]",
                "'trim' must be [width, height], not 3 values (write e.g. trim: [210mm, 285mm])",
            )
        ],
    ),
    "not a whole number": (
        "  lines: 43",
        "  lines: many",
        [("many", "'lines' must be a positive whole number, not 'many' (write e.g. lines: 1)")],
    ),
    "bad indent": (
        "  body:       {font: body, size: 9.5pt, indent: 2}",
        "  body:       {font: body, size: 9.5pt, indent: two}",
        [("two}", "'indent' must be a number >= 0, not 'two' (write e.g. indent: 2)")],
    ),
    "bad boolean": (
        "  创新:   {columns: 3}",
        "  创新:   {columns: 3, new_page: maybe}",
        [("maybe", "'new_page' must be true or false, not 'maybe' (write e.g. new_page: true)")],
    ),
    "unknown alignment": (
        "align: center, pitch: 26pt",
        "align: middle, pitch: 26pt",
        [
            (
                "middle",
                "unknown alignment 'middle' (use one of center, justify, left, ragged, right)",
            )
        ],
    ),
    "unknown colour name": (
        "  caption:    {font: sans, size: 小五, align: center, color: grey}",
        "  caption:    {font: sans, size: 小五, align: center, color: gray}",
        [("gray}", "unknown colour 'gray' (did you mean 'grey'?)")],
    ),
    "unknown key in a section": (
        "  创新:   {columns: 3}",
        "  创新:   {colums: 3}",
        [("colums", "unknown key 'colums' in section '创新' (did you mean 'columns'?)")],
    ),
    "type area too wide": (
        "  chars: 25 ",
        "  chars: 31 ",
        [
            (
                "31",
                "the type area is too wide: outer margin -23.0 mm (it must be at least 8 mm: "
                "use fewer characters per line, a smaller body size or a smaller inner margin)",
            )
        ],
    ),
    "type area too tall": (
        "  lines: 43",
        "  lines: 60",
        [
            (
                "60",
                "the type area is too tall: bottom margin -75.4 mm "
                "(it must be at least 10 mm: use fewer lines or a smaller pitch)",
            )
        ],
    ),
    "pitch too small": (
        "  pitch: 16pt",
        "  pitch: 11pt",
        [
            (
                "11pt",
                "the line pitch 11pt is less than 1.2 x the body size 9.5pt "
                "(use at least 11.4pt; clreq: a line gap of 50-100 %)",
            )
        ],
    ),
    "YAML syntax error": (
        "  chars: 25 ",
        "  chars: 25: x ",
        [
            (
                ": x",
                "YAML syntax error: mapping values are not allowed here "
                "(check the indentation, colons and brackets around here)",
            )
        ],
    ),
    "unsupported tag": (
        "  top: 24mm",
        "  top: !!python/object:os.system 24mm",
        [
            (
                "!!python",
                "'top' cannot be read: could not determine a constructor for the tag "
                "'tag:yaml.org,2002:python/object:os.system' (remove the '!' tag)",
            )
        ],
    ),
}


@pytest.mark.parametrize("case", ERROR_CASES, ids=str)
def test_style_errors_are_exact_lines(tmp_path, case):
    old, new, expected = ERROR_CASES[case]
    path = write_variant(tmp_path, old, new)
    assert error_lines(path) == [f"{position(path, needle)}: {text}" for needle, text in expected]


def test_invalid_utf8_names_line_and_column(tmp_path):
    data = REFERENCE.read_bytes()
    assert data.count(b"name: hrb-zhengxie") == 1
    path = tmp_path / "v.yaml"
    path.write_bytes(data.replace(b"name: hrb-zhengxie", b"name: hrb-\xffzhengxie"))
    line = REFERENCE.read_text(encoding="utf-8").splitlines().index("name: hrb-zhengxie") + 1
    column = len("name: hrb-") + 1
    assert error_lines(path) == [
        f"{path}:{line}:{column}: not valid UTF-8 (byte 0xFF) (save the file as UTF-8)"
    ]


def test_empty_and_non_mapping_sheets(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert error_lines(path) == [
        f"{path}:1:1: the style sheet is empty (see styles/hrb-zhengxie.yaml for the format)"
    ]
    path.write_text("- body\n", encoding="utf-8")
    assert error_lines(path) == [
        f"{path}:1:1: a style sheet must be a mapping of keys to values, not a list "
        "(start with name: ..., page: ..., grid: ...; see styles/hrb-zhengxie.yaml)"
    ]


def test_gutter_in_points_is_converted_to_em(tmp_path):
    path = write_variant(tmp_path, "  gutter: 2em", "  gutter: 19pt")
    style = load_style(path.stem, path.parent)
    assert style.grid.gutter == pytest.approx(2.0)
    assert style.page.outer == pytest.approx(210 * MM - style.page.inner - style.grid.width)


def test_unknown_style_lists_known(tmp_path):
    with pytest.raises(LayoutError, match="known styles: hrb-zhengxie"):
        load_style("nope")
