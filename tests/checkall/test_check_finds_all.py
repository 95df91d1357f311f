"""`layout check` finds every error `layout build` can stop on, all in one run (issue #9).

Each case breaks a printable copy of the fixture; `check` and `build` run on the same folder,
and every line `build` prints on stderr must be among those `check` prints, with exit status 2
from check whenever build has it. Before the fix, check passed the RGB JPEG, the PNG, and
reported one error at a time; images were named by their file only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from checkall_inputs import (
    FIXTURE,
    NO_FONT_HAS,
    P04,
    P06,
    P10,
    YAML,
    jpeg,
    line_of,
    printable_copy,
    replace,
    write,
)

from layout.cli import main

LONG_BOX = "@box 【现状分析】\n" + "这是一段很长的方框文字。" * 400 + "\n@end"
FIELDS = "\n".join(f"    - {{label: 主任, value: 王镜铭{i}}}" for i in range(120))
GALLERY = "\n\n".join(
    f"@work 《作品{n}》\n@artist 刘 森\n@bio 哈尔滨市美术家协会会员。\n"
    f"@image work{n}.jpg lines=8 placeholder : 《作品{n}》"
    for n in range(6)
)
GALLERY_ENTRY = (
    "  - {id: back, section: dongtai, file: articles/back.txt, form: gallery, in_toc: false}\n"
)

# name -> edits of the printable fixture; every one of these stops a build
CASES = {
    "character no font has": [replace(P06, "这次会议是在", f"这次会议{NO_FONT_HAS}是在")],
    "character no font has, in a title": [
        replace(P06, "# 凝心聚力 共谋发展", f"# 凝心聚力{NO_FONT_HAS}共谋发展")
    ],
    "coarse RGB JPEG in an article": [
        write("images/rgb.jpg", jpeg(200, 130, 3)),
        replace(P04, "visit.png cols=2 lines=10 placeholder", "rgb.jpg cols=2 lines=10"),
    ],
    "coarse RGB JPEG on the inside cover": [
        write("images/rgb.jpg", jpeg(200, 130, 3)),
        replace(
            YAML, "{placeholder: true, caption: 调研现场}", "{file: rgb.jpg, caption: 调研现场}"
        ),
    ],
    "1-pixel PNG, as the fixture has it": [
        replace(P04, "visit.png cols=2 lines=10 placeholder", "visit.png cols=2 lines=10")
    ],
    "box too tall for a column": [
        replace(
            P04,
            "@box 【现状分析】\n全市农机总动力达到\\*\\*万千瓦。\n3. 盘活存量资源。\n@end",
            LONG_BOX,
        )
    ],
    "title taller than a page": [
        replace(P06, "# 凝心聚力 共谋发展", "# " + "凝心聚力共谋发展" * 125)
    ],
    "@num wider than anything": [replace(P06, "@num 1", "@num " + "1234567890" * 200)],
    "byline of 5000 characters": [
        replace(P04, "@byline □本刊记者", "@byline " + "本刊记者采访" * 833)
    ],
    "unmeetable pin": [replace(YAML, "page: 4\n    pin: true", "page: 999\n    pin: true")],
    "colophon overflow": [replace(YAML, "    - {label: 主任, value: 王镜铭}", FIELDS)],
    "colophon value too wide": [replace(YAML, "value: 王镜铭}", "value: " + "王镜铭" * 40 + "}")],
    "cover headline lines": [replace(YAML, "助力振兴发展]", "助力振兴发展, 一, 二, 三, 四]")],
    "magazine title too wide": [
        replace(YAML, "  title: 哈尔滨政协\n  sponsor", "  title: 哈尔滨政协报刊\n  sponsor")
    ],
    "inside cover images": [
        replace(YAML, "    - {placeholder: true}\n", "    - {placeholder: true}\n" * 40)
    ],
    "feature caption too wide": [
        replace(YAML, "caption: 发展农业新质生产力", "caption: " + "发展农业新质生产力" * 8)
    ],
    "gallery longer than the back cover": [
        write("articles/back.txt", ("# 书画作品选登\n\n" + GALLERY + "\n").encode()),
        replace(YAML, "colophon:", GALLERY_ENTRY + "colophon:"),
    ],
    "running head too wide": [replace(YAML, "name: 动态,", "name: " + "动态" * 40 + ",")],
    "image slot taller than a column": [replace(P04, "cols=2 lines=10", "cols=2 lines=60")],
    "unknown style": [replace(YAML, "style: hrb-zhengxie", "style: hrb-zhengxi")],
    "1000 columns": [replace(YAML, "columns: 3}", "columns: 1000}")],
    "unreadable image": [
        write("images/cut.jpg", jpeg(600, 400, 4)[:200]),
        replace(P04, "visit.png cols=2 lines=10 placeholder", "cut.jpg cols=2 lines=10"),
    ],
    "several at once": [
        replace(P06, "这次会议是在", f"这次会议{NO_FONT_HAS}是在"),
        # the coarse photo is not reported here: its resolution needs the laid-out slot
        write("images/rgb.jpg", jpeg(200, 130, 3)),
        replace(P04, "visit.png cols=2 lines=10 placeholder", "rgb.jpg cols=2 lines=10"),
        replace(P10, "@org 市政协办公厅", f"@org 市政协办公厅{NO_FONT_HAS}"),
        replace(YAML, "    - {label: 主任, value: 王镜铭}", FIELDS),
        replace(YAML, "助力振兴发展]", "助力振兴发展, 一, 二, 三, 四]"),
    ],
}


@pytest.fixture(autouse=True)
def one_process(monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "1")  # fast; the second core has its own test below


def run(args: list[str], capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    status = main(args)
    return status, capsys.readouterr().err.splitlines()


def check_and_build(folder: Path, capsys) -> tuple[int, list[str], int, list[str]]:
    checked, check_err = run(["check", str(folder)], capsys)
    out = folder.parent / "out"
    built, build_err = run(["build", str(folder), "-o", str(out), "--quiet"], capsys)
    return checked, check_err, built, build_err


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_check_finds_every_error_build_stops_on(case, tmp_path, capsys):
    folder = printable_copy(tmp_path / "issue")
    for edit in CASES[case]:
        edit(folder)
    checked, check_err, built, build_err = check_and_build(folder, capsys)
    assert built == 2, build_err  # the case breaks the issue
    assert checked == 2, check_err
    missed = [line for line in build_err if line not in check_err]
    assert not missed, f"build said, check did not:\n{missed}\ncheck said:\n{check_err}"
    for line in check_err:  # every error and warning has its place
        assert line.startswith(str(folder)), line
        assert line.split(": ", 1)[0].count(":") == 2, line  # path:line:column


def test_a_valid_issue_warns_alike_from_check_and_build(tmp_path, capsys):
    folder = printable_copy(tmp_path / "issue")
    checked, check_err, built, build_err = check_and_build(folder, capsys)
    assert (checked, built) == (0, 0)
    # build says last that it wrote a draft: the copy's photos are placeholders (issue 11)
    assert check_err == build_err[:-1]
    assert build_err[-1].startswith("wrote a draft, not a print PDF: 7 images are missing")
    assert all(": warning: " in line for line in check_err)


def test_several_errors_come_in_one_run_in_manifest_order(tmp_path, capsys):
    folder = printable_copy(tmp_path / "issue")
    for edit in CASES["several at once"]:
        edit(folder)
    status, err = run(["check", str(folder)], capsys)
    assert status == 2
    yaml, p04, p06, p10 = (folder / name for name in (YAML, P04, P06, P10))
    expected = [
        (yaml, line_of(yaml, "award:"), "the cover has room for 4 headline"),
        (yaml, line_of(yaml, "王镜铭49}") + 1, "the colophon page holds 50 of its 121 fields"),
        (p06, line_of(p06, NO_FONT_HAS), "U+1D800"),
        (p10, line_of(p10, NO_FONT_HAS), "U+1D800"),
    ]
    assert len(err) == len(expected), "\n".join(err)
    for line, (path, number, words) in zip(err, expected, strict=True):
        assert line.startswith(f"{path}:{number}:"), line
        assert words in line, line


def test_image_errors_name_the_line_and_the_key_that_use_the_file(tmp_path, capsys):
    """The fixture as it is: its PNG is used on the inside cover and in an article."""
    status, err = run(["check", str(FIXTURE)], capsys)
    assert status == 2
    # a PNG is converted for print (issue 11), but one pixel is far too coarse for any slot
    blurred = "it would print blurred (at least 150 ppi, print wants 300) (use a larger original, "
    assert err == [
        f"{FIXTURE / YAML}:21:14: image images/visit.png: 0 ppi at 178 x 104 mm on page 封二: "
        f"{blurred}or give the photo a smaller slot; to print it soft all the same, write "
        "lowres: true in its entry)",
        f"{FIXTURE / P04}:7:1: image images/visit.png: 0 ppi at 54 x 54 mm on page 04: "
        f"{blurred}or give the photo a smaller slot; to print it soft all the same, write "
        "lowres on its @image line)",
    ]


def test_errors_of_the_second_core_half_are_collected_too(tmp_path, capsys, monkeypatch):
    """Stories are composed on two cores; errors do not travel back from the child, so the
    parent composes its half again and reports them with its own, as a single process does."""
    folder = printable_copy(tmp_path / "issue")
    for edit in CASES["several at once"]:
        edit(folder)
    replace(P04, "# 助推农机装备产业发展", "# 助推农机装备产业发展" + "长" * 900)(folder)
    _, serial = run(["check", str(folder), "--no-cache"], capsys)
    monkeypatch.setenv("HRB_LAYOUT_JOBS", "2")
    monkeypatch.setenv("HRB_LAYOUT_CACHE", str(tmp_path / "cache"))  # cold: both halves compose
    _, parallel = run(["check", str(folder)], capsys)
    assert parallel == serial
    assert sum("U+1D800" in line for line in parallel) == 2  # first and last articles
    assert any("the title (# lines)" in line for line in parallel)
