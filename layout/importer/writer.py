"""Render draft articles to the article markup and the issue to issue.yaml, and write the
folder so that it is either complete or absent: everything is built in a temporary folder
beside the target, then renamed into place."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml

from layout.atomic import write_text_atomic
from layout.errors import LayoutError, Location
from layout.importer.draft import DraftArticle, Item

_NEEDS_ESCAPE = re.compile(r"^(?:#|>|@|%|\d{1,2}[.．]\D)")
DEFAULT_IMAGE = "cols=1 lines=8"


def _escape(text: str) -> str:
    """A paragraph that happens to start like a marker gets a backslash."""
    return "\\" + text if _NEEDS_ESCAPE.match(text) else text


def render_item(item: Item, article_id: str, image_no: int) -> list[str]:
    simple = {
        "series": "@series",
        "byline": "@byline",
        "author": "@author",
        "date": "@date",
        "standfirst": "@standfirst",
        "num": "@num",
        "source": "@source",
        "credit": "@credit",
        "org": "@org",
        "unit": "@unit",
        "salutation": "@salutation",
        "subhead": "##",
        "chapter": "###",
        "comment": "%",
    }
    if item.kind == "title":
        return [f"# {line}" for line in item.lines]
    if item.kind == "kicker":
        return [f"> {line}" for line in item.lines]
    if item.kind == "image":
        caption = f" : {item.text}" if item.text else ""
        return [f"@image {article_id}-{image_no}.jpg {DEFAULT_IMAGE} placeholder{caption}"]
    if item.kind == "box":
        return (
            [f"@box {item.text}", ""]
            + [line for child in item.children for line in (_escape(child.text), "")]
            + ["@end"]
        )
    if item.kind == "item":
        return [item.text]
    if item.kind in simple:
        return [f"{simple[item.kind]} {item.text}"]
    return [_escape(item.text)]


def render_article(article: DraftArticle) -> str:
    """The article file: header lines grouped, body blocks separated by blank lines."""
    out: list[str] = []
    images = 0
    header_kinds = ("series", "title", "kicker", "byline", "author", "date")
    previous = ""
    for item in article.items:
        if item.kind == "image":
            images += 1
        lines = render_item(item, article.id, images)
        in_header = item.kind in header_kinds and previous in header_kinds
        if out and not in_header:
            out.append("")
        out.extend(lines)
        previous = item.kind
    return "\n".join(out) + "\n"


class _Dumper(yaml.SafeDumper):
    pass


class Flow(list):
    """A list written in flow style: `[a, b]`."""


class FlowMap(dict):
    """A mapping written in flow style: `{id: x, name: y}`."""


_Dumper.add_representer(
    Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(
    FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)


def dump_yaml(data: dict) -> str:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    # A blank line between top-level keys reads better in a file people edit.
    return re.sub(r"\n(?=[a-z_]+:)", "\n\n", text)


def write_issue_folder(target: Path, files: dict[str, str], force: bool = False) -> None:
    """Write `files` (relative path -> text) as the folder `target`, all or nothing."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())) and not force:
        raise LayoutError(
            "output folder exists and is not empty",
            Location(target),
            "choose a new folder or pass --force to replace it",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        for name, text in files.items():
            write_text_atomic(staging / name, text)
        if target.exists():
            # Move the old folder aside first so that a failure leaves one or the other.
            old = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
            )
            os.rmdir(old)
            os.replace(target, old)
            os.replace(staging, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
