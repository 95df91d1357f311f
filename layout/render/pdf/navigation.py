"""Bookmarks (the outline) and page labels (printed folios such as 04 or 封一)."""

from __future__ import annotations

from layout.render.model import Bookmark, Page
from layout.render.pdf.geometry import PageGeometry
from layout.render.pdf.objects import Name, Ref, Text
from layout.render.pdf.writer import PdfWriter


def page_labels(pages: list[Page]) -> dict:
    """A /PageLabels number tree: each page's label as a prefix; unlabelled pages get their
    page number."""
    nums: list = []
    for index, page in enumerate(pages):
        if page.label:
            nums += [index, {"P": Text(page.label)}]
        else:
            nums += [index, {"S": Name("D"), "St": index + 1}]
    return {"Nums": nums}


def outline(
    writer: PdfWriter,
    pages: list[Page],
    page_refs: list[Ref],
    geometries: list[PageGeometry],
) -> Ref | None:
    """The outline tree: level-0 bookmarks at the top, deeper ones under the latest level 0."""
    marks = [(i, b) for i, page in enumerate(pages) for b in page.bookmarks]
    if not marks:
        return None
    root = writer.reserve()
    top: list[tuple[Ref, dict]] = []
    children: dict[Ref, list[tuple[Ref, dict]]] = {}
    for index, mark in marks:
        item = (writer.reserve(), _item(mark, page_refs[index], geometries[index]))
        if mark.level > 0 and top:
            children.setdefault(top[-1][0], []).append(item)
        else:
            top.append(item)
    _link(writer, root, top, children)
    writer.set(root, {"Type": Name("Outlines"), **_ends(top), "Count": len(marks)})
    return root


def _item(mark: Bookmark, page: Ref, geometry: PageGeometry) -> dict:
    return {
        "Title": Text(mark.title),
        "Dest": [page, Name("XYZ"), geometry.x(0), geometry.y(mark.y), None],
    }


def _link(
    writer: PdfWriter,
    parent: Ref,
    items: list[tuple[Ref, dict]],
    children: dict[Ref, list[tuple[Ref, dict]]],
) -> None:
    for k, (ref, entry) in enumerate(items):
        entry["Parent"] = parent
        if k > 0:
            entry["Prev"] = items[k - 1][0]
        if k + 1 < len(items):
            entry["Next"] = items[k + 1][0]
        if kids := children.get(ref):
            entry.update(_ends(kids), Count=len(kids))
            _link(writer, ref, kids, {})
        writer.set(ref, entry)


def _ends(items: list[tuple[Ref, dict]]) -> dict:
    return {"First": items[0][0], "Last": items[-1][0]}
