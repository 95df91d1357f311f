"""Supplied pages (advertisements) as Form XObjects.

A page of a PDF made elsewhere is imported whole: its content streams become the stream of a
Form XObject, and its resources (fonts, images, colour spaces, graphics states, forms) are
copied object by object into our file, so the designer's fonts and images come along and the
page prints as the designer exported it. The form is drawn with the page's trim on the box
(the trim of the issue's page) and clipped to our bleed, so the page's own bleed fills ours and
nothing of it reaches the crop marks.

Like images, forms are drawn in two passes: `collect` reads each (file, page) once, `prepare`
names them Fm1, Fm2, ... in the order of their files' content hashes, and `write` copies their
objects. Objects are copied in a fixed order (dictionary keys sorted), so the same files give
the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from layout.errors import LayoutError
from layout.render.model import SuppliedBox
from layout.render.pdf.content import Content, n
from layout.render.pdf.geometry import PageGeometry
from layout.render.pdf.objects import Name, Raw, Ref, Stream, number, serialize
from layout.render.pdf.writer import PdfWriter
from layout.supplied import SuppliedInfo, read_supplied

if TYPE_CHECKING:
    import pikepdf

# Keys never followed: a resource that points back into the page tree would pull the whole
# source document in.
SKIPPED_KEYS = frozenset({"/Parent", "/P", "/StructParent", "/StructParents"})
MAX_DEPTH = 64  # nesting of direct objects; deeper is a damaged or hostile file


@dataclass
class _Form:
    info: SuppliedInfo
    digest: str  # of the file's bytes and the page number: the naming order
    name: str = ""
    ref: Ref | None = None


class EmbeddedForms:
    def __init__(self) -> None:
        self._by_key: dict[tuple[str, int], _Form] = {}

    # --- pass 1 ---------------------------------------------------------------------------

    def collect(self, box: SuppliedBox) -> None:
        """Read the supplied page's boxes (a LayoutError naming the file if it cannot be)."""
        key = (box.path, box.page)
        if key in self._by_key:
            return
        path = Path(box.path)
        try:
            info = read_supplied(path, box.page)
            data = path.read_bytes()
        except LayoutError as error:
            message = f"supplied page {path}: {error.message}"
            raise LayoutError(message, box.source, error.hint) from None
        except OSError as error:
            message = f"supplied page {path}: {error.strerror or error}"
            raise LayoutError(message, box.source) from None
        digest = hashlib.sha256(data + b"\0%d" % box.page).hexdigest()
        self._by_key[key] = _Form(info, digest)

    def prepare(self, writer: PdfWriter) -> None:
        """Name and reserve every collected form, in content-hash order."""
        forms = sorted(self._by_key.values(), key=lambda form: form.digest)
        for number_, form in enumerate(forms, start=1):
            form.name = f"Fm{number_}"
            form.ref = writer.reserve()

    # --- pass 2 ---------------------------------------------------------------------------

    def draw(self, content: Content, box: SuppliedBox, geometry: PageGeometry) -> None:
        """The supplied page with its trim on `box`, clipped to the box plus our bleed."""
        form = self._by_key[(box.path, box.page)]
        assert form.name, "prepare() first"
        left, bottom = geometry.x(box.x), geometry.y(box.y + box.height)
        bleed = geometry.bleed
        content.op(b"q")
        content.rect(left - bleed, bottom - bleed, box.width + 2 * bleed, box.height + 2 * bleed)
        content.op(b"W", b"n")
        # the form's /Matrix maps its trim onto the unit square: stretched onto the box here
        content.op(n(box.width), b"0 0", n(box.height), n(left), n(bottom), b"cm")
        content.op(serialize(Name(form.name)), b"Do")
        content.op(b"Q")

    def resources(self, boxes: list[SuppliedBox]) -> dict[str, Ref]:
        """name -> form object, for the page's /XObject resources."""
        found = {}
        for box in boxes:
            form = self._by_key.get((box.path, box.page))
            if form is not None and form.ref is not None:
                found[form.name] = form.ref
        return found

    def write(self, writer: PdfWriter) -> None:
        """Each form, its objects copied: once per file, so that two pages of one file share
        their fonts and images."""
        if not self._by_key:
            return
        import pikepdf  # only for an issue with supplied pages (75 ms to import)

        opened: dict[Path, tuple[pikepdf.Pdf, _Copier]] = {}
        try:
            for form in sorted(self._by_key.values(), key=lambda form: form.digest):
                assert form.ref is not None
                path = form.info.path
                if path not in opened:
                    opened[path] = (pikepdf.open(path), _Copier(writer))
                pdf, copier = opened[path]
                page = pdf.pages[form.info.index]
                writer.set(form.ref, _form_xobject(copier, page, form.info))
        finally:
            for pdf, _ in opened.values():
                pdf.close()


def _form_xobject(copier: _Copier, page: pikepdf.Page, info: SuppliedInfo) -> Stream:
    resources = _inherited(page.obj, "/Resources")
    x0, y0, _, _ = info.trim
    # the trim onto the unit square, so that a page's content stream names only its box (the
    # file's offsets stay with the file: `layout watch` keeps unchanged pages' streams)
    matrix = [1 / info.width, 0.0, 0.0, 1 / info.height, -x0 / info.width, -y0 / info.height]
    entries = {
        "Type": Name("XObject"),
        "Subtype": Name("Form"),
        "FormType": 1,
        "BBox": list(info.bleed),  # the page's bleed: what lies beyond is no part of it
        "Matrix": [Raw(number(v, 10)) for v in matrix],
        "Resources": copier.copy(resources) if resources is not None else {},
    }
    return Stream(_contents(page.obj), entries)


def _contents(page: pikepdf.Dictionary) -> bytes:
    """The page's content streams, decoded and joined (a page may split them anywhere but
    between tokens, hence the newline)."""
    import pikepdf

    contents = page.get("/Contents")
    if contents is None:
        return b""
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    return b"\n".join(s.read_bytes() for s in streams if isinstance(s, pikepdf.Stream))


def _inherited(page: pikepdf.Dictionary, key: str) -> object | None:
    """`key` of the page or, when the page has none, of the nearest page-tree node."""
    import pikepdf

    node, depth = page, 0
    while isinstance(node, pikepdf.Dictionary) and depth < MAX_DEPTH:
        if key in node:
            return node[key]
        node, depth = node.get("/Parent"), depth + 1
    return None


class _Copier:
    """pikepdf objects -> our objects; each indirect object of the source copied once."""

    def __init__(self, writer: PdfWriter) -> None:
        self.writer = writer
        self.copied: dict[tuple[int, int], Ref] = {}

    def copy(self, value: object, depth: int = 0) -> object:
        import pikepdf

        if depth > MAX_DEPTH:
            raise LayoutError("a supplied page's objects are nested too deeply (damaged file?)")
        if isinstance(value, pikepdf.Object) and value.is_indirect:
            key = value.objgen
            if key not in self.copied:
                self.copied[key] = self.writer.reserve()
                self.writer.set(self.copied[key], self._direct(value, depth))
            return self.copied[key]
        return self._direct(value, depth)

    def _direct(self, value: object, depth: int) -> object:
        from decimal import Decimal  # as pikepdf, only for an issue with supplied pages

        import pikepdf

        if isinstance(value, pikepdf.Stream):
            entries = self._dictionary(value.stream_dict, depth, skip=("/Length",))
            return Stream(value.read_raw_bytes(), entries, compress=False)
        if isinstance(value, pikepdf.Dictionary):
            if value.get("/Type") in (pikepdf.Name.Page, pikepdf.Name.Pages):
                return None  # never the page tree (SKIPPED_KEYS keeps most paths away)
            return self._dictionary(value, depth)
        if isinstance(value, pikepdf.Array):
            return [self.copy(item, depth + 1) for item in value]
        if isinstance(value, pikepdf.Name | pikepdf.String):
            return Raw(value.unparse())
        if isinstance(value, Decimal):
            return Raw(format(value, "f").encode("ascii"))
        if isinstance(value, bool | int | float) or value is None:
            return value
        if isinstance(value, pikepdf.Object):  # any other scalar, as the file writes it
            return Raw(value.unparse())
        raise LayoutError(f"a supplied page holds an object we cannot copy ({type(value)})")

    def _dictionary(
        self, value: pikepdf.Dictionary, depth: int, skip: tuple[str, ...] = ()
    ) -> dict:
        entries = {}
        for key in sorted(value.keys()):
            if key in SKIPPED_KEYS or key in skip:
                continue
            entries[key[1:]] = self.copy(value[key], depth + 1)
        return entries
