"""The next issue's folder, started from the last one (`layout new`).

What stays from issue to issue is carried over: the magazine, the style, the sections, the cover
lines that do not change (award, notice, permit, title credit), the colophon and the names
registry. The serial and the number advance (after 第12期 comes the next year's 第1期), the print
date moves on a month, and a colophon date line that spelled the old print date spells the new
one. What is this issue's own (cover headline, photos, contents feature, articles) is left empty
and listed in CHECKLIST.md.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from layout.atomic import output_error, remove_path, temp_prefix, umask, write_text_atomic
from layout.errors import LayoutError, Location
from layout.importer.settings import NUMBERS_A_YEAR, Previous, find_previous, read_previous
from layout.importer.writer import Flow, FlowMap, dump_yaml
from layout.inputs import is_folder, shown

MANIFEST = "issue.yaml"
CHECKLIST = "CHECKLIST.md"
KEPT_COVER = ("award", "notice", "permit", "title_credit")
_FOLDER_NAME = re.compile(r"(\d{4})-(\d{1,2})")  # issues/2024-04: year and number


@dataclass(frozen=True)
class Numbers:
    serial: int
    year: int
    number: int
    print_date: dt.date | None


@dataclass
class NewIssue:
    previous: Previous
    numbers: Numbers
    files: dict[str, str]  # relative path -> text
    notes: list[str]  # what the editor should know (a folder name that disagrees, ...)


def next_numbers(previous: Previous) -> Numbers:
    """总第N期, year and 第N期 of the issue after `previous`, and its print date a month on."""
    serial, year, number = (previous.get("issue", key) for key in ("serial", "year", "number"))
    where = Location(shown(previous.folder / MANIFEST))
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (serial, year, number)):
        raise LayoutError(
            "the previous issue has no whole-number serial, year and number",
            where,
            "fix its issue: block (see docs/manifest.md), or pass --from another issue",
        )
    turns = number >= NUMBERS_A_YEAR
    date = previous.get("issue", "print_date")
    return Numbers(
        serial=serial + 1,
        year=year + 1 if turns else year,
        number=1 if turns else number + 1,
        print_date=month_later(date) if isinstance(date, dt.date) else None,
    )


def month_later(date: dt.date) -> dt.date:
    """The same day a month on (the 31st becomes the month's last day)."""
    year, month = (date.year + 1, 1) if date.month == 12 else (date.year, date.month + 1)
    return date.replace(
        year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1])
    )


def chinese_date(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def plan_next_issue(target: Path, source: Path | None) -> NewIssue:
    """The files of the issue after `source` (default: the latest issue beside `target`)."""
    previous = _previous(target, source)
    numbers = next_numbers(previous)
    notes = []
    named = _FOLDER_NAME.fullmatch(target.name)
    if named and (int(named.group(1)), int(named.group(2))) != (numbers.year, numbers.number):
        notes.append(
            f"note: the folder is named {target.name}, but the issue after {previous.name} is "
            f"{numbers.year}年第{numbers.number}期: correct issue.yaml if the name is right"
        )
    data = _manifest(previous, numbers)
    files = {
        MANIFEST: _header(previous, numbers) + dump_yaml(data),
        CHECKLIST: checklist(target, previous, numbers),
    }
    return NewIssue(previous, numbers, files, notes)


def _previous(target: Path, source: Path | None) -> Previous:
    if source is not None:
        if not is_folder(source) or not (source / MANIFEST).is_file():
            raise LayoutError(
                "--from is not an issue folder",
                Location(shown(source)),
                "give the folder that holds the previous issue's issue.yaml",
            )
        return read_previous(source)
    found = find_previous(target.parent, target)
    if found is None:
        raise LayoutError(
            f"no earlier issue in {shown(target.parent)}/ to start from",
            Location(shown(target)),
            "pass --from ISSUE_DIR, the issue to carry sections, cover and colophon over from",
        )
    return found


def _header(previous: Previous, numbers: Numbers) -> str:
    return (
        f"# 总第{numbers.serial}期, {numbers.year}年第{numbers.number}期: started by `layout new` "
        f"from {previous.name}.\n# What is left to fill in is listed in {CHECKLIST}.\n\n"
    )


def _manifest(previous: Previous, numbers: Numbers) -> dict:
    issue: dict = {"serial": numbers.serial, "year": numbers.year, "number": numbers.number}
    if numbers.print_date is not None:
        issue["print_date"] = numbers.print_date
    issue["style"] = previous.get("issue", "style")
    data: dict = {"magazine": previous.get("magazine"), "issue": issue}
    cover = previous.get("cover")
    if isinstance(cover, dict):
        kept = {k: cover[k] for k in KEPT_COVER if cover.get(k)}
        data["cover"] = {**kept, "image": FlowMap(placeholder=True, caption="封面照片")}
    sections = previous.get("sections")
    data["sections"] = [FlowMap(s) if isinstance(s, dict) else s for s in sections or []]
    data["articles"] = []
    colophon = previous.get("colophon")
    if isinstance(colophon, dict):
        data["colophon"] = _colophon(colophon, previous, numbers)
    names = previous.get("names")
    if isinstance(names, list) and names:
        data["names"] = [FlowMap(n) if isinstance(n, dict) else n for n in names]
    return data


def _colophon(colophon: dict, previous: Previous, numbers: Numbers) -> dict:
    """The colophon in the importer's flow style, its printing date line moved on."""
    old = previous.get("issue", "print_date")
    out = dict(colophon)
    fields = []
    for entry in colophon.get("fields") or []:
        if isinstance(entry, dict):
            entry = dict(entry)
            value = entry.get("value")
            if (
                isinstance(old, dt.date)
                and numbers.print_date is not None
                and value == chinese_date(old)
            ):
                entry["value"] = chinese_date(numbers.print_date)
            if isinstance(value, list):
                entry["value"] = Flow(value)
            entry = FlowMap(entry)
        fields.append(entry)
    if fields:
        out["fields"] = fields
    media = colophon.get("media")
    if isinstance(media, dict):
        out["media"] = {k: Flow(v) if isinstance(v, list) else v for k, v in media.items()}
    return out


def checklist(target: Path, previous: Previous, numbers: Numbers) -> str:
    """CHECKLIST.md: what `layout new` could not know, in the order an editor meets it."""
    folder = shown(target)
    date = chinese_date(numbers.print_date) if numbers.print_date else "(none)"
    return f"""# {folder}: 总第{numbers.serial}期, {numbers.year}年第{numbers.number}期

Started by `layout new` from {previous.name}. Carried over: the magazine, the style, the
sections, the cover lines that stay (award, notice, permit, title credit), the colophon and the
names registry. Tick each line when it is done; see docs/editor-guide.md for the whole month.

## In issue.yaml

- [ ] `issue.print_date` ({date}): the day the issue goes to press.
- [ ] `cover`: write this issue's `headline` (display lines) and `subhead`; put the cover photo
      into `images/` and name it in `cover.image` (`{{file: cover.jpg, caption: ...}}`).
- [ ] `inside_cover` (optional): `heading` and `images` of the inside cover page.
- [ ] `toc.feature` (optional): the article featured on the contents page.
- [ ] `sections`: remove those this issue does not have, add new ones.
- [ ] `colophon`: check the people, the 印刷日期 and the 印数 lines.
- [ ] `names`: add the names this issue's articles spell (canonical and variants).

## Articles

- [ ] Import each article (Word or Markdown) into this issue:
      `layout import article.docx --into {folder}` (photos go to `images/`).
- [ ] Give each article its `section`, its `form` and, where the printed contents plans it, its
      `page:` (the page where it starts).
- [ ] Photos: CMYK JPEGs of 300 ppi in `images/`; an `@image` line names each one.

## Before the press

- [ ] `layout check {folder}`: no errors (exit status 0).
- [ ] `layout build {folder}`: open `output/{target.name}/report.html`; read the fit report and
      every warning.
- [ ] Proofs to the authors, corrections made, then the print PDF to the press.
"""


def write_new_issue(target: Path, files: dict[str, str]) -> None:
    """Write `files` and an empty images/ as the folder `target`, all or nothing: built in a
    temporary folder beside it, then renamed into place."""
    if target.exists() or target.is_symlink():
        raise LayoutError(
            "the issue folder already exists",
            Location(shown(target)),
            "layout new makes a new folder: choose another name, or remove that folder",
        )
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=temp_prefix(target), suffix=".tmp", dir=parent))
    except OSError as error:
        raise output_error(Path(error.filename or parent), error, "the issue folder") from None
    try:
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp makes it private; an issue is not
        (staging / "articles").mkdir()
        (staging / "images").mkdir()
        for name, text in files.items():
            write_text_atomic(staging / name, text)
        if target.exists():  # made meanwhile by someone else: never replace it
            raise FileExistsError(17, "File exists", str(target))
        os.rename(staging, target)
    except OSError as error:
        remove_path(staging)
        raise output_error(Path(error.filename or target), error, "the issue folder") from None
    except BaseException:
        remove_path(staging)
        raise
