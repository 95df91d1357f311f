"""What the source text does not say about the issue: numbers, sections, style, magazine,
cover, colophon and names registry.

They come from the command's options first, then from the source's own front matter (the OCR
seed has a cover and a colophon), then from the latest issue beside the draft (`issues/`: the
highest year and number), and last from stand-ins. Everything not given by an option or the
source is a guess, and each guess is listed in the report under "Left for a person to decide".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from yaml.constructor import ConstructorError, SafeConstructor

from layout.errors import LayoutError, Location
from layout.importer.changes import ChangeLog
from layout.inputs import is_folder, shown
from layout.manifest.files import read_text
from layout.manifest.load import valid_id
from layout.manifest.nodes import check_characters, compose_yaml

MANIFEST = "issue.yaml"
DEFAULT_STYLE = "hrb-zhengxie"
STAND_IN_MAGAZINE = "（刊名）"
STAND_IN_SECTION = {"id": "zhengwen", "name": "正文"}
NUMBERS_A_YEAR = 12  # after 第12期 comes 第1期 of the next year (a monthly, as 期数 says)
MAX_CANDIDATES = 200  # issue folders looked at when searching for the latest


@dataclass
class Options:
    """What the user said on the command line (None: not said)."""

    serial: int | None = None
    year: int | None = None
    number: int | None = None
    section: str | None = None  # ID, NAME or ID=NAME
    style: str | None = None
    magazine: str | None = None
    previous: Path | None = None  # the issue to carry over from (default: the latest found)
    search: Path | None = None  # where to look for the latest issue
    exclude: Path | None = None  # never this folder (the draft's own target)


@dataclass
class Previous:
    folder: Path
    data: dict

    @property
    def name(self) -> str:
        return str(shown(self.folder))

    def get(self, *keys: str) -> object:
        value: object = self.data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    def number_key(self) -> tuple[int, int]:
        year, number = self.get("issue", "year"), self.get("issue", "number")
        good = isinstance(year, int) and isinstance(number, int)
        return (year, number) if good else (0, 0)  # type: ignore[return-value]


def read_previous(folder: Path) -> Previous:
    """The issue.yaml of `folder` as plain data (LayoutError when it cannot be read)."""
    manifest = folder / MANIFEST
    text, errors, _ = check_characters(manifest, read_text(manifest))
    if errors:
        raise errors[0]
    root = compose_yaml(manifest, text)
    try:
        data = SafeConstructor().construct_document(root) if root is not None else None
    except (ConstructorError, ValueError, TypeError) as error:
        raise LayoutError(f"{MANIFEST} cannot be read: {error}", Location(manifest)) from None
    if not isinstance(data, dict):
        raise LayoutError(f"{MANIFEST} is not a mapping", Location(manifest))
    return Previous(folder, data)


def find_previous(search: Path, exclude: Path | None = None) -> Previous | None:
    """The issue in `search` with the highest (year, number), or None. Folders whose
    issue.yaml cannot be read are passed over."""
    if not is_folder(search):
        return None
    best: Previous | None = None
    try:
        candidates = sorted(p for p in search.iterdir() if (p / MANIFEST).is_file())
    except OSError:
        return None
    for folder in candidates[:MAX_CANDIDATES]:
        if exclude is not None and folder.resolve() == exclude.resolve():
            continue
        try:
            previous = read_previous(folder)
        except LayoutError:
            continue
        if previous.number_key() > (0, 0) and (
            best is None or previous.number_key() > best.number_key()
        ):
            best = previous
    return best


@dataclass
class Resolved:
    """The issue.yaml parts the importer cannot read from the text."""

    magazine: dict = field(default_factory=dict)
    issue: dict = field(default_factory=dict)
    sections: list[dict] = field(default_factory=list)
    default_section: str = ""
    cover: dict | None = None
    colophon: dict | None = None
    names: list = field(default_factory=list)


def guess(log: ChangeLog, topic: str, text: str) -> None:
    """A guess for the report's "Left for a person to decide" (line 0: listed first)."""
    log.ask(0, topic, text)


def issue_numbers(
    options: Options, found: dict, previous: Previous | None, log: ChangeLog
) -> dict[str, int]:
    """serial, year and number: options, the source's cover (`found`), the issue after the
    previous one, or stand-ins, each guess noted."""
    numbers = {k: v for k, v in found.items() if v}
    given = {"serial": options.serial, "year": options.year, "number": options.number}
    numbers.update({k: v for k, v in given.items() if v is not None})
    missing = [k for k in ("serial", "year", "number") if k not in numbers]
    if not missing:
        return numbers
    if previous is not None and previous.number_key() > (0, 0):
        year, number = previous.number_key()
        serial = previous.get("issue", "serial")
        after = {
            "serial": serial + 1 if isinstance(serial, int) else 1,
            "year": year + 1 if number >= NUMBERS_A_YEAR else year,
            "number": 1 if number >= NUMBERS_A_YEAR else number + 1,
        }
        source = f"the issue after {previous.name} (总第{serial}期, {year}年第{number}期)"
    else:
        after = {"serial": 1, "year": dt.date.today().year, "number": 1}
        source = "stand-ins: no earlier issue was found"
    for key in missing:
        numbers[key] = after[key]
    guess(
        log,
        "issue numbers",
        f"issue {', '.join(missing)} guessed ({source}): 总第{numbers['serial']}期, "
        f"{numbers['year']}年第{numbers['number']}期; correct issue.yaml or pass "
        "--serial --year --number",
    )
    return numbers


def _section_option(value: str) -> tuple[str, str]:
    """`ID=NAME`, `ID` or `NAME` -> (id, name), either may be ""."""
    ident, _, name = value.partition("=")
    if name:
        return ident.strip(), name.strip()
    value = value.strip()
    return (value, "") if value.isascii() else ("", value)


def sections(
    options: Options, previous: Previous | None, log: ChangeLog, needed: bool = True
) -> tuple[list[dict], str]:
    """The sections and the id of the section articles go to when the text does not say.
    `needed`: some article has no section from the text (else no stand-in is made)."""
    carried = previous.get("sections") if previous else None
    found = [dict(s) for s in carried if isinstance(s, dict)] if isinstance(carried, list) else []
    if found:
        guess(
            log,
            "sections",
            f"the {len(found)} sections of {previous.name} carried over: remove those this "
            "issue does not have",
        )
    chosen = ""
    if options.section:
        ident, name = _section_option(options.section)
        match = next(
            (
                s
                for s in found
                if (ident and s.get("id") == ident) or (name and s.get("name") == name)
            ),
            None,
        )
        if match is None:
            ident = ident or f"section-{len(found) + 1}"
            if not valid_id(ident):
                raise LayoutError(
                    f"bad section id '{ident}' in --section",
                    hint="give ID=NAME with an id of lowercase letters a-z, digits and '-', "
                    "e.g. --section guanzhu=关注",
                )
            match = {"id": ident, "name": name or ident}
            found.append(match)
        chosen = str(match.get("id"))
    if not found and not needed:
        return [], ""
    if not found:
        found = [dict(STAND_IN_SECTION)]
        guess(
            log,
            "sections",
            f"no sections known: one stand-in section `{STAND_IN_SECTION['id']}` "
            f"({STAND_IN_SECTION['name']}) holds every article; pass --section ID=NAME, or "
            "write the sections into issue.yaml",
        )
    return found, chosen or str(found[0].get("id"))


def carried_cover(previous: Previous | None, log: ChangeLog) -> dict | None:
    """The cover lines that stay from issue to issue (award, notice, permit, title credit),
    with a placeholder picture; the headline is this issue's, left for the editor."""
    cover = previous.get("cover") if previous else None
    if not isinstance(cover, dict):
        return None
    kept = {k: cover[k] for k in ("award", "notice", "permit", "title_credit") if cover.get(k)}
    kept["image"] = {"placeholder": True, "caption": "封面照片"}
    guess(
        log,
        "cover",
        f"cover lines {', '.join(k for k in kept if k != 'image') or '(none)'} carried over "
        f"from {previous.name}; write this issue's cover headline and subhead, and put in the "
        "cover photo",
    )
    return kept


def carried_colophon(previous: Previous | None, log: ChangeLog) -> dict | None:
    colophon = previous.get("colophon") if previous else None
    if not isinstance(colophon, dict):
        return None
    dated = [
        f"{f.get('label')} ({f.get('value')})"
        for f in colophon.get("fields") or []
        if isinstance(f, dict) and "日期" in str(f.get("label", ""))
    ]
    guess(
        log,
        "colophon",
        f"colophon carried over from {previous.name}: check the people"
        + (f" and update {', '.join(dated)}" if dated else ""),
    )
    return colophon


def carried_names(previous: Previous | None, log: ChangeLog) -> list:
    names = previous.get("names") if previous else None
    if not isinstance(names, list) or not names:
        return []
    guess(
        log,
        "names",
        f"the names registry of {previous.name} ({len(names)} names) carried over",
    )
    return names
