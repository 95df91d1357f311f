"""The hostile inputs of issue 8, one by one, through the real command line with both cores
and a cold composition memo (the conditions under which they used to hang): each ends in time,
with exit 0 and every character printed or exit 2 and positioned messages, and leaves no
process behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fuzz.hostile import Edit, apply_all, make_base_issue
from fuzz.test_fuzz_build import assert_outcome, build_on_command_line

N = "p15b"  # a news item in 动态
FIRST = 0.05  # near the start of the article, so that the parent's half meets it first


def text(chars: str, count: int = 1, target: str = N, at: float = FIRST) -> list[Edit]:
    return [Edit("insert_text", target, at, chars, count)]


def line(content: str, count: int = 1, target: str = N, at: float = 0.5) -> list[Edit]:
    return [Edit("insert_line", target, at, content, count)]


def yaml_set(*key, value) -> list[Edit]:
    return [Edit("yaml_set", "issue.yaml", key=tuple(key), value=value)]


CATALOGUE: dict[str, list[Edit]] = {
    "missing from the fonts: ≒": text("≒"),
    "emoji": text("😀"),
    "CJK Extension B": text("𠀀"),
    "Tibetan": text("ཀ"),
    "NUL": text("\x00"),
    "control character": text("\x01"),
    "zero-width space": text("\u200b"),
    "bidi override": text("\u202e"),
    "variation selector": text("\ufe0f"),
    "private use": text("\ue000"),
    "zero-byte image": [Edit("image", N, 0.5, "empty.jpg")],
    "truncated image": [Edit("image", N, 0.5, "truncated.jpg")],
    "not a JPEG": [Edit("image", N, 0.5, "text.jpg")],
    "JPEG header claims 65535 x 65535": [Edit("image", N, 0.5, "huge.jpg")],
    "box taller than a column": line("@box 长\n" + "方框里的文字很长。" * 300 + "\n@end"),
    "title of 1,000 characters": [Edit("insert_line", N, 0.0, "# " + "题" * 1000)],
    "260 title lines": [Edit("insert_line", N, 0.0, "# 标题", 260)],
    "@num of 2,000 digits": line("@num " + "9" * 2000, target="p47"),
    "500-line toc_title": yaml_set("articles", 1, "toc_title", value=["目录标题"] * 500),
    "5 M-character magazine title": yaml_set("magazine", "title", value="哈" * 5_000_000),
    "page 1e20 pinned": yaml_set("articles", 1, "page", value=10**20)
    + yaml_set("articles", 1, "pin", value=True),
    "page 100000 pinned": yaml_set("articles", 1, "page", value=100000)
    + yaml_set("articles", 1, "pin", value=True),
    "YAML nested 600 deep": [
        Edit("yaml_append", "issue.yaml", text="deep: " + "[" * 600 + "]" * 600 + "\n")
    ],
    "print date 2024-13-45": yaml_set("issue", "print_date", value="2024-13-45"),
    "print date 2024-02-30": yaml_set("issue", "print_date", value="2024-02-30"),
    "5,000-character byline": [Edit("insert_line", N, 0.0, "@byline " + "署" * 5000)],
    "3,000-character caption": line("@image x.jpg placeholder : " + "图" * 3000),
    "image slot of 60 lines": line("@image x.jpg lines=60 placeholder : 说明"),
    "3,000 colophon fields": yaml_set(
        "colophon", "fields", value=[{"label": "委员", "value": "张三 李四"}] * 3000
    ),
    "long gallery bio": line("@bio " + "艺术家简介。" * 200, target="back-gallery", at=0.6),
    "style outside styles/": yaml_set("issue", "style", value="../../x"),
}


@pytest.fixture(scope="module")
def base_issue(tmp_path_factory) -> Path:
    return make_base_issue(tmp_path_factory.mktemp("catalogue") / "base")


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_hostile_input_ends_cleanly(name, base_issue, tmp_path):
    folder = tmp_path / "issue"
    shutil.copytree(base_issue, folder)
    apply_all(folder, CATALOGUE[name])
    out = tmp_path / "out"
    status, err = build_on_command_line(folder, out, tmp_path / "cache", name)
    assert_outcome(folder, out, status, err, CATALOGUE[name])
