"""Hostile issues for the fuzz suite: a small real issue and the edits an editor (or a bad
paste, or a broken file) can make to it.

The base issue is cut from the reference issue: one article of each form the engine treats
differently (a news item, a proposal with its sidebar, an essay with section marks, a health
article, the back-cover gallery, the lead reprint), with the reference's cover, colophon and
names. Edits are plain data (`Edit`), applied to a copy on disk, so a failing case can be
printed, replayed and turned into a regression test.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "issues" / "2024-03"
BASE_ARTICLES = ("lead-reprint", "p15b", "p30a", "p47", "p48", "back-gallery")

# Characters an editor's text brings in: missing from the fonts, invisible, controls,
# other scripts, punctuation the composer treats specially.
ODD_CHARACTERS = (
    "≒≌∵∴℃№",
    "😀👍🏽🇨🇳",
    "𠀀𪚥𫠠",  # CJK Extension B-E
    "ཀྵ",  # Tibetan
    "\x00",
    "\x01\x1b",
    "\x7f\x85",
    "\u200b",
    "\u200c\u200d",
    "\u202e\u2066",
    "\ufe0f",
    "\U000e0100",
    "\ue000",
    "\ufffe",
    "\ufeff",
    "\t",
    "\u00a0",
    "\u3000",
    "e\u0301",
    "مرحبا",
    "한국어",
    "……——",
    "“”‘’",
    ",;:()!?",
    "......--",
    "＃",
    "＠",
    "**",
    "\\",
    "https://example.org/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z",
)

MARKERS = (
    "# ",
    "## ",
    "## 【",
    "### ",
    "> ",
    "@series ",
    "@byline ",
    "@author ",
    "@date ",
    "@standfirst ",
    "@salutation ",
    "@source ",
    "@credit ",
    "@org ",
    "@unit ",
    "@num ",
    "@work ",
    "@artist ",
    "@bio ",
    "@box ",
    "@end",
    "1. ",
    "2．",
    "% ",
    "\\# ",
    "＃ ",
    "＠image ",
    "@image ",
    "@bogus ",
    "",
)

BROKEN_IMAGES = {
    "empty.jpg": b"",
    "text.jpg": "这不是图片\n".encode(),
    "truncated.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
    # a baseline greyscale JPEG header that claims 65535 x 65535 pixels and holds no data
    "huge.jpg": b"\xff\xd8\xff\xc0\x00\x0b\x08\xff\xff\xff\xff\x01\x01\x11\x00\xff\xd9",
    "fake.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
}


@dataclass(frozen=True)
class Edit:
    """One change to the base issue. `target` is an article id or `issue.yaml`."""

    kind: str  # insert_line, insert_text, delete_line, repeat_line, yaml_set, yaml_append, image
    target: str
    at: float = 0.0  # where, as a fraction of the file (0 = start, 1 = end)
    text: str = ""
    count: int = 1
    key: tuple = ()
    value: object = None


def make_base_issue(folder: Path) -> Path:
    """Write the base issue into `folder` (created) and return it."""
    data = yaml.safe_load((REFERENCE / "issue.yaml").read_text(encoding="utf-8"))
    data["articles"] = [a for a in data["articles"] if a["id"] in BASE_ARTICLES]
    used = {a["section"] for a in data["articles"]}
    data["sections"] = [s for s in data["sections"] if s["id"] in used]
    data["toc"]["feature"]["article"] = "p15b"
    (folder / "articles").mkdir(parents=True)
    (folder / "images").mkdir()
    for article in data["articles"]:
        shutil.copy(REFERENCE / article["file"], folder / article["file"])
    write_yaml(folder / "issue.yaml", data)
    return folder


def write_yaml(path: Path, data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(text, encoding="utf-8")


def article_path(folder: Path, article_id: str) -> Path:
    return folder / "articles" / f"{article_id}.txt"


def apply_all(folder: Path, edits: list[Edit]) -> None:
    """Apply `edits` in order, raw YAML text last (a structural edit must still parse)."""
    for edit in sorted(edits, key=lambda e: e.kind == "yaml_append"):
        apply(folder, edit)


def apply(folder: Path, edit: Edit) -> None:
    """Apply `edit` to the issue in `folder`."""
    if edit.kind.startswith("yaml"):
        _apply_yaml(folder, edit)
    elif edit.kind == "image":
        (folder / "images" / edit.text).write_bytes(BROKEN_IMAGES[edit.text])
        line = f"@image {edit.text}" + (f" lines={edit.count}" if edit.count > 1 else "")
        _apply_text(folder, Edit("insert_line", edit.target, edit.at, line))
    else:
        _apply_text(folder, edit)


def _apply_text(folder: Path, edit: Edit) -> None:
    path = article_path(folder, edit.target)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = min(int(edit.at * len(lines)), len(lines))
    if edit.kind == "insert_line":
        lines[index:index] = ["", edit.text, ""] * edit.count
    elif edit.kind == "delete_line" and index < len(lines):
        del lines[index : index + edit.count]
    elif edit.kind == "repeat_line" and index < len(lines):
        lines[index:index] = [lines[index]] * edit.count
    elif edit.kind == "insert_text":
        offset = min(int(edit.at * len(text)), len(text))
        path.write_text(text[:offset] + edit.text * edit.count + text[offset:], encoding="utf-8")
        return
    path.write_text("\n".join(lines), encoding="utf-8")


def _apply_yaml(folder: Path, edit: Edit) -> None:
    path = folder / "issue.yaml"
    if edit.kind == "yaml_append":  # raw text: deep nesting, tags, anchors
        with path.open("a", encoding="utf-8") as handle:
            handle.write(edit.text)
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    node = data
    for step in edit.key[:-1]:
        node = node[step]
    node[edit.key[-1]] = edit.value
    write_yaml(path, data)


def printed_source_han(folder: Path) -> list[str]:
    """Every Han character of the article files that must be printed (not `%` comments)."""
    han = []
    for path in sorted((folder / "articles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            stripped = line.lstrip()
            if stripped.startswith("%"):
                continue
            if stripped.startswith("@image"):  # the file name is not printed, the caption is
                line = stripped.partition(":")[2]
            han += HAN.findall(line)
    return han


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
# `file:line:column: message`, or `file: message` for a whole file (too large, unreadable)
POSITIONED = re.compile(r"^\S[^:\s]*(:\d+){0,2}: ")
