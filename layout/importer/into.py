"""Add imported articles to an existing issue folder (`layout import FILES --into ISSUE`).

issue.yaml is the editor's file, with comments and an order of their own: it is not rewritten
but the new entries are inserted as text at the end of its `articles:` list (an empty `[]`
list becomes a block list). The article files and photos are new files (a photo already there
with the same name has the same bytes: its name is their hash); issue.yaml is replaced last,
atomically, and a failure before removes what this import wrote.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from layout.atomic import output_error, remove_path, write_bytes_atomic, write_text_atomic
from layout.errors import LayoutError, Location
from layout.importer import settings
from layout.importer.articles import Articles, unique_ids
from layout.importer.pipeline import _article_entry, _forms
from layout.importer.report import render_report
from layout.importer.writer import REPORT, render_article
from layout.inputs import is_folder, shown
from layout.manifest.files import read_text

MANIFEST = "issue.yaml"
_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")
_ARTICLES = re.compile(r"^articles\s*:\s*(\[\s*\])?\s*(#.*)?$")


def add_to_issue(folder: Path, found: Articles, section: str | None, source_name: str) -> int:
    """Write the articles of `found` into the issue `folder`; returns how many were added."""
    if not is_folder(folder) or not (folder / MANIFEST).is_file():
        raise LayoutError(
            "--into is not an issue folder",
            Location(shown(folder)),
            "give a folder that holds issue.yaml (layout new makes one)",
        )
    manifest = folder / MANIFEST
    previous = settings.read_previous(folder)
    draft = found.draft
    log = draft.log
    section_id = _section(previous, section, manifest, log)
    entries = previous.get("articles")
    taken = {str(e.get("id")) for e in entries if isinstance(e, dict)} if entries else set()
    taken |= {p.stem for p in (folder / "articles").glob("*.txt")}
    unique_ids(draft.articles, taken)
    for article in draft.articles:
        article.section = section_id
    _forms(draft, log)
    text = read_text(manifest).lstrip("\ufeff")
    new_text = insert_entries(text, [_article_entry(a) for a in draft.articles], manifest)
    files: dict[Path, bytes] = {}
    for name, data in found.images.items():
        path = folder / "images" / name
        if not path.exists():
            files[path] = data
    for article in draft.articles:
        files[folder / "articles" / f"{article.id}.txt"] = render_article(article).encode()
    _write(files, manifest, new_text)
    write_text_atomic(folder / REPORT, render_report(draft, source_name))
    return len(draft.articles)


def _section(previous: settings.Previous, wanted: str | None, manifest: Path, log) -> str:
    """The section id the new articles go to: --section (an id or name of the issue's), else
    the issue's first section (a guess, noted)."""
    sections = [s for s in previous.get("sections") or [] if isinstance(s, dict)]
    if not sections:
        raise LayoutError(
            "the issue has no sections to put the articles in",
            Location(shown(manifest)),
            "add a section to issue.yaml first",
        )
    if wanted:
        ident, name = settings._section_option(wanted)
        for s in sections:
            if (ident and s.get("id") == ident) or (name and s.get("name") == name):
                return str(s.get("id"))
        known = ", ".join(f"{s.get('id')} ({s.get('name')})" for s in sections)
        raise LayoutError(
            f"--section {wanted}: no such section in the issue",
            Location(shown(manifest)),
            f"give one of {known}",
        )
    first = sections[0]
    settings.guess(
        log,
        "sections",
        f"the new articles were put in the issue's first section `{first.get('id')}` "
        f"({first.get('name')}): give each its section in issue.yaml (or pass --section)",
    )
    return str(first.get("id"))


def insert_entries(text: str, entries: list[dict], manifest: Path) -> str:
    """`text` with `entries` added at the end of its top-level `articles:` block list."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _ARTICLES.match(line.rstrip())), None)
    if start is None:
        raise LayoutError(
            "issue.yaml has no `articles:` list that new articles can be added to",
            Location(shown(manifest)),
            "write the list as a block (`articles:` followed by `- id: …` entries) or as "
            "`articles: []`",
        )
    if _ARTICLES.match(lines[start].rstrip()).group(1):  # `articles: []`
        lines[start] = "articles:\n"
    end = start + 1
    while end < len(lines) and not _TOP_KEY.match(lines[end]):
        end += 1
    indent = next(
        (m.group(1) for line in lines[start + 1 : end] if (m := re.match(r"^( *)- ", line))), ""
    )
    block = "".join(indent + line for line in _entries_text(entries).splitlines(keepends=True))
    last = end  # after the last non-blank, non-comment line of the list
    while last > start + 1 and (not lines[last - 1].strip() or lines[last - 1].startswith("#")):
        last -= 1
    if last > start and not lines[last - 1].endswith("\n"):
        lines[last - 1] += "\n"
    new = "".join(lines[:last]) + block + "".join(lines[last:])
    _verify(new, entries, manifest)
    return new


def _entries_text(entries: list[dict]) -> str:
    text = yaml.safe_dump(
        [dict(e) for e in entries], allow_unicode=True, sort_keys=False, width=1000
    )
    return text if text.endswith("\n") else text + "\n"


def _verify(text: str, entries: list[dict], manifest: Path) -> None:
    """The edited issue.yaml must read back with the new entries at the end of its list."""
    try:
        data = yaml.safe_load(text)
        ids = [e.get("id") for e in data["articles"]]
    except (yaml.YAMLError, TypeError, KeyError, AttributeError):
        ids = []
    if ids[len(ids) - len(entries) :] != [e["id"] for e in entries]:
        raise LayoutError(
            "the new articles could not be added to issue.yaml's `articles:` list (its layout "
            "is unusual)",
            Location(shown(manifest)),
            "write the list as a block of `- id: …` entries at the top level, then import again",
        )


def _write(files: dict[Path, bytes], manifest: Path, text: str) -> None:
    written: list[Path] = []
    try:
        for path, data in files.items():
            write_bytes_atomic(path, data)
            written.append(path)
        write_text_atomic(manifest, text)
    except BaseException as error:
        for path in written:
            remove_path(path)
        if isinstance(error, OSError):
            where = Path(error.filename or manifest)
            raise output_error(where, error, "the import") from None
        raise
