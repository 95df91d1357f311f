"""What `layout watch` keeps between rebuilds, and one rebuild.

A fresh `layout build` spends most of a rebuild's time on things an edit does not change: the
interpreter and imports, the font faces, the paragraph memo read from disk and checked, every
article's story set again from the memo. A `Resident` keeps them in memory: the font registry
and metrics, the memo's paragraphs (checked once, when first read), and each article's story by
a fingerprint of what it is made from (its content tree, its columns, the style and the image
files). A rebuild then loads the issue, sets only the stories whose fingerprint changed, flows
the pages and writes the PDF. Finished pages are compared with the last build's to tell how many
an edit changed.

The rebuild is the same code as `layout build` (pipeline.compose_folder's steps, then
layout/publish.py: the same renderer and report.html), so the PDF is byte for byte the one a
build would write.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, fields
from pathlib import Path

from layout.compose.chartable import CharacterTable
from layout.compose.document import IssueComposer
from layout.compose.memo import CompositionMemo
from layout.compose.report import flatten
from layout.compose.setter import Setter
from layout.content.markup import ArticleRead, scan_article
from layout.errors import LayoutError, LayoutErrors
from layout.fonts.metrics import FontMetrics
from layout.fonts.registry import FontRegistry
from layout.manifest import load_issue
from layout.parallel import in_parallel
from layout.pipeline import Composed, checked_layout, memo_name
from layout.publish import press_for, publish, report_failure
from layout.render.model import Page
from layout.render.pdf.page import page_texts
from layout.style.load import load_style

_SETTER_HELD = 50_000  # compositions and slabs a kept setter may hold (a few MB)


@dataclass(frozen=True)
class Rebuilt:
    """What one rebuild did, for the line `layout watch` prints."""

    seconds: float
    pages: int
    changed: int  # pages drawn anew (the others' content streams were kept from before)
    overruns: int  # articles over their planned space
    warnings: list[str]
    path: Path


class Resident:
    """The state kept between rebuilds of one issue folder."""

    def __init__(
        self,
        folder: Path,
        output: Path,
        *,
        use_memo: bool = True,
        report: bool = True,
        press: str | None = None,
    ) -> None:
        self.folder = folder
        self.output = output
        self.report = report  # report.html beside the PDF, kept current
        self.press_override = press  # `--press`, as for `layout build`
        self.presses: dict[tuple, object] = {}  # press settings -> Press (profile found once)
        self.fonts = FontRegistry.load()
        self.metrics = FontMetrics(self.fonts)
        name, fingerprint = memo_name(self.fonts, folder)
        self.memo: CompositionMemo | None = None
        if use_memo:
            self.memo = CompositionMemo(self.fonts.cache, name, fingerprint)
        self.characters = CharacterTable(self.fonts.cache, name, fingerprint, self.metrics)
        self.stories: dict[str, object] = {}  # story fingerprint -> Story
        self.scans = ScanMemo()  # article files read and parsed, by their text
        self.pending: tuple | None = None  # the last rebuild's report, not yet written
        self.style_text: tuple | None = None  # (style, its repr) of the last rebuild
        self.streams = PageStreams()
        self.setter: Setter | None = None  # kept while the style stays the same

    def rebuild(self) -> Rebuilt:
        """Build the issue and write its PDF and report; raises LayoutError(s) and then writes
        nothing but a report of the errors."""
        try:
            return self._rebuild()
        except LayoutError as error:
            if self.report:
                trouble = report_failure(self.output, error, self.folder)
                if trouble:
                    raise LayoutErrors([*flatten(error), LayoutError(trouble)]) from None
            raise

    def _rebuild(self) -> Rebuilt:
        started = time.perf_counter()
        issue = load_issue(self.folder, scan=self.scans)
        self.scans.forget_unused()
        style = load_style(issue.meta.style)
        if self.setter is None or self.setter.style is not style or self.setter.held > _SETTER_HELD:
            self.setter = Setter(style, self.metrics, self.memo)
        composer = IssueComposer(issue, style, self.metrics, self.memo, self.setter)
        keys = self._story_keys(issue, composer)
        for entry in issue.articles:
            story = self.stories.get(keys[entry.id])
            if story is not None:
                composer._stories[entry.id] = story  # noqa: SLF001 - set once, never changed
        result, printed = checked_layout(issue, self.fonts, composer.compose)
        self._keep_stories(issue, composer, keys)
        if self.memo is not None:
            # what this build used is known from now on: the next build then takes the
            # rebuild path (no second process for a handful of paragraphs)
            self.memo.known = dict(self.memo.used)
        composed = Composed(issue, style, self.fonts, result, self.memo, printed)
        # report.html comes after the line saying the PDF is there (report_pending)
        written = publish(
            composed, self.output, self._press(composed), report=False, reuse=self.streams
        )
        self.pending = (written, composed) if self.report else None
        overruns = sum(1 for row in result.fit if row.over)
        if written.missing:
            printed.append(written.draft_notice())
        return Rebuilt(
            time.perf_counter() - started,
            written.pages,
            self.streams.drawn,
            overruns,
            printed,
            written.path,
        )

    def report_pending(self) -> None:
        """Write report.html for the last rebuild (its thumbnails take longer than the PDF:
        `layout watch` says the PDF is written first)."""
        if self.pending is not None:
            from layout.report import write_report

            written, composed = self.pending
            self.pending = None
            write_report(written.path, written.pdf, composed)

    def _press(self, composed: Composed):
        """The press of this build: its profile is looked up once per condition."""
        key = (repr(composed.style.press), self.press_override)
        if key not in self.presses:
            self.presses[key] = press_for(composed, self.press_override)
        return self.presses[key]

    def save(self) -> None:
        """Keep the composed paragraphs and the characters measured for the next run (called
        on the way out)."""
        if self.memo is not None:
            self.memo.save()
        self.characters.save()

    def _story_keys(self, issue, composer: IssueComposer) -> dict[str, str]:
        images = _folder_state(issue.folder / "images")
        style = self._style_text(composer.style)
        # the texts this build read (forget_unused left only those): an article's content is
        # a pure function of its file's path and text, which stand for it in the key
        texts = dict(self.scans.kept.keys())
        keys = {}
        for entry in issue.articles:
            columns = composer.article_variant(entry).columns
            source = texts.get(entry.content.path)
            content = repr(entry.content) if source is None else repr((entry.content.path, source))
            text = repr((content, entry.form, columns, style, images))
            keys[entry.id] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
        return keys

    def _style_text(self, style) -> str:
        """repr(style), once per style object (load_style gives the same one while the sheet
        is unchanged); the object is kept with it, so its id cannot be another's."""
        if self.style_text is None or self.style_text[0] is not style:
            self.style_text = (style, repr(style))
        return self.style_text[1]

    def _keep_stories(self, issue, composer: IssueComposer, keys: dict[str, str]) -> None:
        """Remember this build's stories; photos sized to fill the planned space (lines=auto)
        depend on the other articles too, so those stories are set again each time."""
        kept = {}
        for entry in issue.articles:
            story = composer._stories.get(entry.id)  # noqa: SLF001
            if story is not None and not story.auto:
                kept[keys[entry.id]] = story
        self.stories = kept


class ScanMemo:
    """scan_article with a memory: an article file whose text did not change since the last
    build is not checked and parsed again (a third of a rebuild's time otherwise). The
    result is a pure function of the path and the text, and nothing downstream changes it."""

    def __init__(self) -> None:
        self.kept: dict[tuple[Path, str], ArticleRead] = {}
        self.used: set[tuple[Path, str]] = set()

    def __call__(self, path: Path, text: str) -> ArticleRead:
        key = (path, text)
        self.used.add(key)
        read = self.kept.get(key)
        if read is None:
            read = self.kept[key] = scan_article(path, text)
        return read

    def forget_unused(self) -> None:
        """Keep only the texts of the last build (an edited file's old text goes)."""
        self.kept = {key: self.kept[key] for key in self.used if key in self.kept}
        self.used = set()


def _where(warning) -> object:
    return warning.location


class PageStreams:
    """Content streams of the last build's pages, keyed by everything a stream is drawn from:
    the page's items (`PageKey`: compared by equality, so only an equal page finds its
    stream), its geometry, the variant, the draft slug, the resource names of the fonts and
    images. Glyphs are drawn by CID, which is the glyph's own for every subset, so a page's
    stream does not change when another page brings a new character."""

    def __init__(self) -> None:
        self.kept: dict[PageKey, object] = {}
        self.texts: dict[PageKey, tuple] = {}  # page key -> its characters by font role
        self.keys: list[PageKey] = []  # of this build's pages, in order
        self.keyed: list | None = None  # the pages they are of (the very list object)
        self.drawn = 0  # pages drawn (not reused) by the last build

    def page_texts(self, pages: list) -> list[tuple]:
        """Each page's characters by font role (render/pdf/page.py page_texts), kept by the
        page's key; the keys serve the content streams' keys after."""
        # a page equal to the last build's page at its place keeps that key, hash and all
        # (its items are mostly the very same objects, which compare at once)
        old, old_keys = self.keyed or [], self.keys
        self.keys = [
            old_keys[i] if i < len(old) and page == old[i] else PageKey.of(page)
            for i, page in enumerate(pages)
        ]
        texts = {
            k: self.texts.get(k) or page_texts(p) for k, p in zip(self.keys, pages, strict=True)
        }
        self.texts = texts  # only this build's pages stay
        self.keyed = pages
        return [texts[key] for key in self.keys]

    def __call__(self, pages: list, geometries: list, context: tuple, draw) -> list:
        embedded, images, variant, slug = context
        # which face each font resource name (F1, F2 ...) stands for
        faces = tuple((u.name, str(u.face.ref.path), u.face.ref.index) for u in embedded._ordered)  # noqa: SLF001
        if self.keyed is not pages:  # page_texts was not asked for these pages first
            self.page_texts(pages)
        keys = []
        for page, key, geometry in zip(pages, self.keys, geometries, strict=True):
            names = tuple(sorted((images.resources(page) or {}).keys()))
            keys.append(PageKey((key, geometry, variant.name, slug, faces, names)))
        missing = [i for i, key in enumerate(keys) if key not in self.kept]
        if len(missing) > 8:  # a first build or a big change: both cores, as a build does
            half = len(missing) // 2
            first, second = in_parallel(lambda: draw(missing[:half]), lambda: draw(missing[half:]))
            fresh = first + second
        else:
            fresh = draw(missing)
        for i, stream in zip(missing, fresh, strict=True):
            self.kept[keys[i]] = stream
        self.kept = {key: self.kept[key] for key in keys}  # only this build's pages stay
        self.drawn = len(missing)
        return [self.kept[key] for key in keys]


def _folder_state(folder: Path) -> tuple:
    """Name, size and modification time of each file in `folder` (a cheap fingerprint)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return ()
    state = []
    for entry in entries:
        try:
            st = entry.stat()
        except OSError:
            continue
        state.append((entry.name, st.st_size, st.st_mtime_ns))
    return tuple(state)


def snapshot(folder: Path, skip: Path | None = None) -> tuple:
    """The state of every file under `folder` (but not under `skip`, where the PDF is
    written): what a save changes (mtime and size, read with stat only)."""
    state = []
    skipped = os.path.realpath(skip) if skip is not None else None
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if os.path.realpath(os.path.join(root, d)) != skipped)
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            state.append((path, st.st_size, st.st_mtime_ns))
    return tuple(state)


class PageKey:
    """A page as a hashable value that is equal exactly for pages drawn alike: its fields in
    order, lists as tuples (the items are frozen dataclasses; an image's `source`, which is not
    drawn, takes no part in equality). The hash is taken once: a tuple does not keep its own,
    and a page's is thousands of glyph positions."""

    __slots__ = ("value", "hash")

    def __init__(self, value: tuple) -> None:
        self.value = value
        self.hash = hash(value)

    @classmethod
    def of(cls, page: Page) -> PageKey:
        values = (getattr(page, f.name) for f in _PAGE_FIELDS)
        return cls(tuple(tuple(v) if type(v) is list else v for v in values))

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PageKey) and self.hash == other.hash and self.value == other.value


_PAGE_FIELDS = fields(Page)
