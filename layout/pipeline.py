"""The stages from an issue folder to positioned pages, shared by the commands that need them.

`layout check` runs exactly what `layout build` runs up to the PDF writer, so every error a
build can stop on is found by check first (and reported the same way, with its position). That
includes the print PDF's rules for image files: every image slot placed is checked here (the
file decodes; its effective resolution after scaling and cropping is at least 150 ppi, or the
slot says `lowres`, with a warning under 300), at the @image line or yaml key that asks for it.
A photo its slot cuts by more than a few percent (fit=crop) is reported there too, once a
slot. All errors of a run are reported together, in reading order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from layout.compose.bounds import find_value
from layout.compose.chartable import CharacterTable
from layout.compose.covers import slot_source
from layout.compose.document import BuildResult, compose_issue
from layout.compose.fallbacks import fallback_warnings
from layout.compose.memo import CompositionMemo, composer_fingerprint
from layout.compose.report import errors_in_order, flatten, reading_order
from layout.content import model as m
from layout.errors import LayoutError, LayoutErrors, Location
from layout.fonts.metrics import FontMetrics
from layout.fonts.registry import FontRegistry
from layout.images import (
    ImageInfo,
    check_printable,
    contain_problem,
    crop_problem,
    crop_remedy,
    read_image_info,
    resolution_error,
    resolution_problem,
)
from layout.manifest import Issue, load_issue
from layout.manifest.schema import LayoutWarning
from layout.render.model import Document, ImageBox
from layout.style.load import load_style
from layout.style.sheet import Style


@dataclass
class Composed:
    """An issue laid out: what the PDF writer and the reports need."""

    issue: Issue
    style: Style
    fonts: FontRegistry
    result: BuildResult
    memo: CompositionMemo | None
    # every warning of the run (the loader's, the composer's, the images'), in reading order,
    # as printed: `file:line:column: warning: message`
    warnings: list[str] = field(default_factory=list)
    characters: CharacterTable | None = None  # the composer's, kept between builds

    def save_caches(self) -> None:
        """Keep what this build composed and measured for the next one."""
        if self.memo is not None:
            self.memo.save()
        if self.characters is not None:
            self.characters.save()


def compose_folder(folder: Path, *, use_memo: bool = True, account: bool = True) -> Composed:
    """Load, validate and lay out the issue in `folder`; raises LayoutError(s) with positions.

    With `use_memo`, paragraphs composed by earlier runs are taken from the cache (and the
    memo is returned so the caller can save what this run composed). Without `account`, the
    check that every character is printed is the caller's: `result.verify` (publish runs it).
    """
    issue = load_issue(folder)
    style = load_style(issue.meta.style)
    fonts = FontRegistry.load()
    name, fingerprint = memo_name(fonts, folder)
    memo = CompositionMemo(fonts.cache, name, fingerprint) if use_memo else None
    metrics = FontMetrics(fonts)
    characters = CharacterTable(fonts.cache, name, fingerprint, metrics)
    result, warnings = checked_layout(
        issue,
        fonts,
        lambda: compose_issue(issue, style, metrics, memo, account=account),
    )
    return Composed(issue, style, fonts, result, memo, warnings, characters)


def memo_name(fonts: FontRegistry, folder: Path) -> tuple[str, str]:
    """What the caches of the issue in `folder` are kept under: its folder, and the
    fingerprint of these fonts and this composer (their entries hold for those alone)."""
    return str(folder.resolve()), composer_fingerprint(fonts.fingerprint_files())


def checked_layout(
    issue: Issue, fonts: FontRegistry, compose: Callable[[], BuildResult]
) -> tuple[BuildResult, list[str]]:
    """`compose()` the issue, then check what the print PDF needs (image files, supplied
    pages): the result and every warning in reading order, as printed; raises LayoutErrors
    with every error of the run (`layout build` and `layout watch` alike)."""
    supplied = check_supplied(issue)  # the print PDF's rules, for advertisements
    try:
        result = compose()
    except LayoutError as error:
        # the pages are not there to look at, but the image files named are: report their
        # problems with the composer's, so that one run shows everything
        errors, _ = check_images(issue, named_images(issue))
        errors += supplied
        raise LayoutErrors(errors_in_order(issue, flatten(error) + errors)) from None
    errors, notes = check_images(issue, placed_images(issue, result.document))
    errors += supplied
    if errors:
        raise LayoutErrors(errors_in_order(issue, errors))
    notes += fallback_warnings(issue, result.document, fonts)
    warnings = reading_order(
        issue, [*issue.warnings, *result.notes, *notes], lambda warning: warning.location
    )
    return result, [str(w) for w in warnings]


SUPPLIED_HINT = "ask the sender for a PDF/X-1a export (CMYK, fonts embedded, no transparency)"


def check_supplied(issue: Issue) -> list[LayoutError]:
    """Our preflight's errors on each supplied page (RGB, fonts not embedded, transparency,
    ...), at the `file:` key of its entry: they would be errors in the issue's PDF/X too."""
    from layout.supplied import preflight_problems, read_supplied, supplied_error

    errors = []
    for entry in issue.supplied:
        where = find_value(entry.location, "file")  # where the loader's errors point
        try:
            problems = preflight_problems(read_supplied(entry.path, entry.page_of_file))
        except LayoutError as error:  # the file changed since it was loaded
            problems = [(error.message, error.hint)]
        errors += [
            supplied_error(entry.file, problem, where, hint or SUPPLIED_HINT)
            for problem, hint in problems
        ]
    return errors


# -- image slots --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageUse:
    """An image slot: its file (None for a placeholder), where it is asked for, and, once the
    pages are laid out, its box and the label of its page."""

    path: Path | None
    location: Location
    box: ImageBox | None = None
    page: str = ""


def placed_images(issue: Issue, document: Document) -> list[ImageUse]:
    """Every image slot on the pages, as the PDF writer will meet them."""
    uses = []
    for page in document.pages:
        for item in page.items:
            if isinstance(item, ImageBox):
                path = Path(item.path) if item.path else None
                where = item.source or (Location(path) if path else issue.location)
                uses.append(ImageUse(path, where, item, page.label))
    return uses


def named_images(issue: Issue) -> list[ImageUse]:
    """The image files the issue names (cover, inside cover, articles), without their boxes:
    what can be checked when the pages could not be laid out."""
    return list(_named(issue))


def _named(issue: Issue) -> Iterator[ImageUse]:
    slots = [issue.cover.image] if issue.cover and issue.cover.image else []
    slots += list(issue.inside_cover.images) if issue.inside_cover else []
    for slot in slots:
        if slot.path is not None and not slot.placeholder:
            yield ImageUse(slot.path, slot_source(slot))
    media = issue.colophon.media if issue.colophon else None
    for item in media.items if media else ():
        if item.path is not None:
            yield ImageUse(item.path, item.location)
    images = issue.folder / "images"
    for entry in issue.articles:
        for block in entry.content.walk():
            if block.kind == m.IMAGE and not block.attrs.get("placeholder"):
                yield ImageUse(images / str(block.attrs.get("file")), block.location)


def check_images(
    issue: Issue, uses: Iterable[ImageUse]
) -> tuple[list[LayoutError], list[LayoutWarning]]:
    """The errors the print PDF would stop on (the writer's own check, at each use), and the
    warnings an editor must see: placeholders, photos cut by their slot, low resolution,
    transparency flattened on white (EXIF turns are applied: layout/color/photos.py)."""
    errors: list[LayoutError] = []
    warnings: list[LayoutWarning] = []
    flattened: set[Path] = set()
    for use in uses:
        if use.path is None:
            if use.box is not None:
                warnings.append(placeholder_warning(issue, use))
            continue
        name = _shown(issue, use.path)
        try:
            info = read_image_info(use.path)
            check_printable(info)
        except LayoutError as error:
            errors.append(LayoutError(f"image {name}: {error.message}", use.location, error.hint))
            continue
        if info.alpha and use.path not in flattened:
            flattened.add(use.path)  # said once a file, at its first use
            message = f"image {name}: its transparency is flattened on white (print has none)"
            warnings.append(LayoutWarning(message, use.location))
        if use.box is not None:
            error, found = _fit_findings(issue, use, info, name)
            errors += [error] if error else []
            warnings += found
    return errors, warnings


def _fit_findings(
    issue: Issue, use: ImageUse, info: ImageInfo, name: str
) -> tuple[LayoutError | None, list[LayoutWarning]]:
    """How the photo fits its box, as fitted (scaled and cropped, or contained): an error
    under 150 ppi unless the slot says `lowres`; warnings for a crop of more than a few
    percent and for a resolution under 300 ppi (once: a `lowres` photo is not warned of twice).
    """
    box = use.box
    assert box is not None
    on = f"on page {use.page}" if use.page else "on its page"
    in_yaml = use.location.path == issue.location.path
    if problem := resolution_error(info, box.width, box.height, on, box.fit):
        if not box.lowres:
            flag = "lowres: true in its entry" if in_yaml else "lowres on its @image line"
            hint = (
                "use a larger original, or give the photo a smaller slot; to print it soft all "
                f"the same, write {flag}"
            )
            return LayoutError(f"image {name}: {problem}", use.location, hint), []
        # the editor allows it: said in place of the under-300 warning
        problem += "; printed all the same (lowres)"
    else:
        problem = resolution_problem(info, box.width, box.height, on, box.fit)
    soft = [LayoutWarning(f"image {name}: {problem}", use.location)] if problem else []
    return None, _crop_warnings(use, info, name, in_yaml) + soft


def _crop_warnings(use: ImageUse, info: ImageInfo, name: str, in_yaml: bool) -> list[LayoutWarning]:
    """The photo cut off by its box by more than a few percent (fit=crop), or shown whole in
    a slot it leaves much of white (fit=contain): where, and what the editor can write."""
    box = use.box
    assert box is not None
    on = f"on page {use.page}" if use.page else "on its page"
    if box.fit == "contain":
        problem = contain_problem(info, box.width, box.height)
        if problem is None:
            return []
        # an @image slot takes its height from lines=; a yaml slot (cover, inside cover) is
        # fixed by the design: there the photo must come in the slot's shape
        shape = (
            "use a photo of the slot's shape"
            if in_yaml
            else "give the slot the photo's shape (lines=N)"
        )
        crop = "fit: crop" if in_yaml else "fit=crop"
        remedy = f"{shape}, or let it fill the slot cropped ({crop})"
        return [LayoutWarning(f"the photo {name} {on}: {problem}; {remedy}", use.location)]
    if box.fit != "crop":
        return []
    problem = crop_problem(info, box.width, box.height, box.crop)
    if problem is None:
        return []
    choices = crop_remedy(info, box.width, box.height, box.crop, in_yaml)
    if not in_yaml:
        choices.append("lines=N to suit the photo")
    remedy = "write " + ", ".join(choices[:-1]) + ", or " + choices[-1]
    return [LayoutWarning(f"the photo {name} {on}: {problem} ({remedy})", use.location)]


def placeholder_warning(issue: Issue, use: ImageUse) -> LayoutWarning:
    """One line per placeholder: the editor sees each missing photo and where it goes."""
    box = use.box
    assert box is not None
    label = box.label if len(box.label) <= 24 else box.label[:24] + "…"
    page = f"on page {use.page} " if use.page else ""
    return LayoutWarning(f"placeholder image {page}({label})", use.location)


def _shown(issue: Issue, path: Path) -> str:
    """The file as the editor names it: images/visit.png."""
    try:
        return str(path.relative_to(issue.folder))
    except ValueError:
        return str(path)
