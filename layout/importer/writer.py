"""Render draft articles to the article markup and the issue to issue.yaml, and write the
folder so that it is either complete or absent: everything is built in a temporary folder
beside the target, then renamed into place."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from layout.atomic import (
    output_error,
    remove_path,
    remove_stale_siblings,
    temp_prefix,
    umask,
    write_bytes_atomic,
    write_text_atomic,
)
from layout.errors import LayoutError, Location
from layout.importer.draft import DraftArticle, Item
from layout.inputs import shown

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
        if item.file:  # a photo the source held: the composer sizes it to its width
            return [f"@image {item.file} cols=1{caption}"]
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


REPORT = "import-report.md"
REPORT_HEADING = "# Import report\n"  # the first line of every report render_report writes


def _is_draft(folder: Path) -> bool:
    """Whether `folder` holds an import report that `layout import` wrote (a draft it made)."""
    report = folder / REPORT
    try:
        if report.is_symlink() or not report.is_file():
            return False
        with report.open("rb") as handle:
            return handle.read(len(REPORT_HEADING)) == REPORT_HEADING.encode()
    except OSError:
        return False


def _encloses(folder: Path, path: Path) -> bool:
    """Whether `path` is `folder` or lies inside it."""
    return path == folder or path.is_relative_to(folder)


def target_problem(target: Path, force: bool, source: Path | None = None) -> str | None:
    """Why the draft may not be written to `target` (or replace what is there), or None.

    Only an absent folder, an empty one, or, with `force`, a draft that import made before
    (it holds our import-report.md) may be replaced, and never the folder we work in or one
    that holds the source. A file, a symlink or any other folder is left alone.
    """
    try:
        if target.is_symlink():
            return "it is a symbolic link"
        if not target.exists():
            return None
        if not target.is_dir():
            return "it exists and is not a folder"
        resolved = target.resolve()
        if _encloses(resolved, Path.cwd().resolve()):
            return "it is the folder you are working in (or holds it)"
        if source is not None and _encloses(resolved, source.resolve()):
            return "it holds the source file"
        if not any(target.iterdir()):
            return None
        if not force:
            return "it exists and is not empty"
        if not _is_draft(target):
            return f"it is not a draft made by layout import (it has no {REPORT} of ours)"
    except (OSError, RuntimeError) as error:
        return f"it cannot be looked at ({getattr(error, 'strerror', None) or error})"
    return None


def write_issue_folder(
    target: Path, files: dict[str, str | bytes], force: bool = False, source: Path | None = None
) -> None:
    """Write `files` (relative path -> text) as the folder `target`, all or nothing.

    Raises LayoutError, writing nothing, if `target_problem` finds a reason not to.
    """
    problem = target_problem(target, force, source)
    if problem:
        hint = "choose a new folder"
        if problem == "it exists and is not empty":
            hint = "choose a new folder, or pass --force to replace a draft made by import"
        raise LayoutError(f"cannot write the draft there: {problem}", Location(shown(target)), hint)
    target = target.resolve()  # `-o .` has no name to build a temporary name from
    try:
        _replace_folder(target, files)
    except OSError as error:
        raise output_error(
            Path(error.filename) if error.filename else target, error, "the draft"
        ) from None


def _replace_folder(target: Path, files: dict[str, str | bytes]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # what a killed import left beside the target: its staging folder or the old draft
    remove_stale_siblings(target, (".tmp", ".old"))
    staging = Path(tempfile.mkdtemp(prefix=temp_prefix(target), suffix=".tmp", dir=target.parent))
    try:
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp makes it private; a draft is not
        for name, text in files.items():
            if isinstance(text, bytes):  # a photo (Word import)
                write_bytes_atomic(staging / name, text)
            else:
                write_text_atomic(staging / name, text)
        if target.exists():
            # Move the old folder aside first so that a failure leaves one or the other.
            old = Path(
                tempfile.mkdtemp(prefix=temp_prefix(target), suffix=".old", dir=target.parent)
            )
            os.rmdir(old)
            os.replace(target, old)
            try:
                os.replace(staging, target)
            except BaseException:
                os.replace(old, target)  # put the draft back
                raise
            remove_path(old)
        else:
            os.replace(staging, target)
    except BaseException:
        remove_path(staging)
        raise
