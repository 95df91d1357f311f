"""`layout fix FILE|DIR [--dry-run]`: repair the paste artefacts `layout check` warns about.

The repairs are those of content/tidy.py (half-width marks in Chinese text, `......`, `--`,
spaces, tabs and no-break spaces between Han, invisible characters, full-width `＃`/`＠`
markers, one paragraph per line). Each file is rewritten atomically, and only when something
changed; every change is printed as `file:line:column: old → new`. Comment lines are never
touched. A folder means the article files its issue.yaml lists.
"""

from __future__ import annotations

import argparse
import os
import stat
from pathlib import Path

from layout.atomic import write_output
from layout.content.tidy import fix_text
from layout.errors import LayoutError, LayoutErrors, Location
from layout.inputs import file_status, is_folder, read_input, shown
from layout.manifest.files import MAX_TEXT_BYTES, decode_utf8, path_problem

MANIFEST = "issue.yaml"
BOM = "\ufeff"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "target", type=Path, help="an article file, or an issue folder (all its article files)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print the changes without writing anything"
    )


def run(args: argparse.Namespace) -> int:
    files = article_files(args.target) if is_folder(args.target) else [args.target]
    errors: list[LayoutError] = []
    changed = changes = 0
    for path in files:
        try:
            count = fix_file(path, args.dry_run)
        except LayoutErrors as many:
            errors.extend(many.errors)
            continue
        except LayoutError as error:
            errors.append(error)
            continue
        changes += count
        changed += count > 0
    verb = "would change" if args.dry_run else "changed"
    noun = plural(len(files), "file")
    print(f"{verb} {changed} of {len(files)} {noun} ({changes} {plural(changes, 'change')})")
    if errors:
        raise LayoutErrors(errors)
    return 0


def plural(count: int, noun: str) -> str:
    return noun if count == 1 else noun + "s"


def fix_file(path: Path, dry_run: bool = False) -> int:
    """Repair one article file in place (unless `dry_run`); print and count the changes."""
    text = decode_utf8(shown(path), read_input(path, MAX_TEXT_BYTES, "article file"))
    fixed, changes = fix_text(text)
    for change in changes:
        print(f"{shown(path)}:{change}")
    if changes and not dry_run:
        _write(path, fixed, _had_bom(path))
    return len(changes)


def _had_bom(path: Path) -> bool:
    """Whether the file starts with a byte order mark (decode_utf8 drops it; we keep it)."""
    try:
        with path.open("rb") as handle:
            return handle.read(3) == BOM.encode()
    except OSError:
        return False


def _write(path: Path, text: str, bom: bool) -> None:
    status = file_status(path)
    if not isinstance(status, str) and not os.access(path, os.W_OK):
        raise LayoutError(
            "cannot fix the file: it is read-only", Location(shown(path)), "make it writable"
        )
    write_output(path, ((BOM if bom else "") + text).encode("utf-8"), "the article file")
    if not isinstance(status, str):
        try:  # the new file gets the old one's permissions
            os.chmod(path, stat.S_IMODE(status.st_mode))
        except OSError:
            pass


def article_files(folder: Path) -> list[Path]:
    """The article files issue.yaml lists, in its order, each once (a missing one is
    reported when it is read)."""
    from layout.manifest.files import read_text
    from layout.manifest.nodes import check_characters, compose_yaml

    manifest = folder / MANIFEST
    if not (folder / MANIFEST).exists():
        raise LayoutError(
            f"no {MANIFEST} in the folder",
            Location(shown(folder)),
            "give an issue folder, or the path of an article file",
        )
    text, errors, _ = check_characters(manifest, read_text(manifest))
    if errors:
        raise LayoutErrors(errors)
    root = compose_yaml(manifest, text)
    files: list[Path] = []
    for relative in _listed_files(root):
        if path_problem(folder, relative) is None and (folder / relative) not in files:
            files.append(folder / relative)
    return files


def _listed_files(root) -> list[str]:
    """The `file` values of the `articles` entries (nothing when the shape is wrong: `layout
    check` reports that)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if not isinstance(root, MappingNode):
        return []
    articles = next((v for k, v in root.value if getattr(k, "value", None) == "articles"), None)
    if not isinstance(articles, SequenceNode):
        return []
    found = []
    for entry in articles.value:
        if not isinstance(entry, MappingNode):
            continue
        for key, value in entry.value:
            if getattr(key, "value", None) == "file" and isinstance(value, ScalarNode):
                found.append(str(value.value))
    return found
