"""Word input: one .docx file is one article, read with python-docx into the importer's blocks
(source.Block), so that the Markdown path sets its title, kicker, body, numbering checks and
text normalisation as for a Markdown file.

Word's structure is read, not guessed: the leading paragraphs of the first heading rank (the
`Title` style, else the highest outline level) are the title's display lines, a `Subtitle`
paragraph after them is the kicker, later headings (Heading 1/2…, or any paragraph with an
outline level) are subheads, paragraphs that Word numbers (numPr, on the paragraph or its
style) are `1.` items numbered as Word counts them, bold runs are `**bold**`, a `Caption`
paragraph after a photo is its caption. A soft line break (Shift+Enter) is a display line
break in a title or kicker; in body text it is a wrapped line, which the markup joins, unless
the lines read as one paragraph per line (the paste rule of `layout check`): then they are
split. A table is refused (the markup has none). Embedded photos are written to images/ under
the hash of their bytes, as they are.

"Line" numbers of a Word file are paragraph numbers (1 = the first paragraph of the body).
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from layout.errors import LayoutError, Location
from layout.importer.article import parse_article
from layout.importer.changes import ChangeLog
from layout.importer.draft import DraftArticle, Item
from layout.importer.markdown import _paragraphs
from layout.importer.source import Block, Line, join_lines
from layout.inputs import MB, read_input, shown

DOCX_BYTES = 50 * MB  # a Word file of one article with a few phone photos
IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/tiff": ".tif",
    "image/bmp": ".bmp",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_TITLE_RANK = -1  # the Title style ranks above Heading 1 (outline level 0)
_BREAK = "\n"  # a soft line break inside a paragraph's text


@dataclass
class Picture:
    name: str  # images/<name>: the hash of the bytes and the format's extension
    data: bytes
    paragraph: int


@dataclass
class Para:
    """One paragraph of the body as the importer needs it."""

    number: int
    text: str  # bold runs marked `**`, soft breaks as _BREAK
    plain: str  # without the bold marks (headings, captions)
    style: str
    rank: int | None  # heading rank: _TITLE_RANK, 0.. outline level, None for body text
    numbering: tuple[str, int] | None  # (numId, level) of a paragraph Word numbers
    bullet: bool = False
    pictures: list[Picture] = field(default_factory=list)


@dataclass
class WordArticle:
    article: DraftArticle
    pictures: list[Picture]


def read_docx(path: Path, log: ChangeLog) -> WordArticle:
    """The draft article of one .docx file, and the photos it embeds."""
    document = _open(path)
    paragraphs = _paragraphs_of(document, path)
    numbered = _number_items(paragraphs, document)
    blocks, title_lines, kicker_lines = _blocks(paragraphs, numbered, log)
    if not blocks:
        raise LayoutError(
            "the Word file has no text", Location(shown(path)), "check that it is the article"
        )
    article = parse_article(blocks, log, markdown=True)
    _display_lines(article, title_lines, kicker_lines)
    article.items = _with_pictures(article.items, paragraphs)
    return WordArticle(article, [p for para in paragraphs for p in para.pictures])


def _open(path: Path):
    import docx  # python-docx: imported only when a Word file is imported

    data = read_input(path, DOCX_BYTES, "Word file")
    try:
        return docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise LayoutError(
            f"not a Word .docx file ({error})",
            Location(shown(path)),
            "save it from Word as .docx (Word 2007 or later); an old .doc must be saved again",
        ) from None
    except Exception as error:  # python-docx raises its own errors for damaged packages
        if type(error).__module__.startswith("docx"):
            raise LayoutError(
                f"the Word file cannot be read ({type(error).__name__}: {error})",
                Location(shown(path)),
                "open it in Word and save it again as .docx",
            ) from None
        raise


# --- paragraphs -------------------------------------------------------------------------------


def _paragraphs_of(document, path: Path) -> list[Para]:
    """The body's paragraphs in order; a table anywhere is an error naming its place."""
    from docx.text.paragraph import Paragraph

    out: list[Para] = []
    number = 0
    tables = 0
    for element in _blocks_of(document.element.body):
        if element.tag == f"{_W}tbl":
            tables += 1
            raise LayoutError(
                f"table {tables} (after paragraph {number}) cannot be imported: the article "
                "markup has no tables",
                Location(shown(path)),
                "set the table as a picture (images/), or as paragraphs or numbered items in "
                "Word, and import again",
            )
        if element.tag != f"{_W}p":
            continue
        number += 1
        out.append(_para(Paragraph(element, document), number, document))
    return out


def _blocks_of(parent):
    """The body's paragraphs and tables in order, those inside content controls (w:sdt, which
    Word wraps around tables of contents and forms) included."""
    for element in parent.iterchildren():
        if element.tag == f"{_W}sdt":
            content = element.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks_of(content)
        else:
            yield element


def _para(paragraph, number: int, document) -> Para:
    text, plain, pictures = _runs(paragraph, number, document)
    style = paragraph.style.name if paragraph.style is not None else ""
    numbering = _num_pr(paragraph)
    return Para(
        number=number,
        text=text,
        plain=plain,
        style=style,
        rank=_rank(paragraph, style),
        numbering=numbering,
        pictures=pictures,
    )


def _runs(paragraph, number: int, document) -> tuple[str, str, list[Picture]]:
    """The paragraph's text with bold runs marked, the plain text, and its photos."""
    pieces: list[tuple[str, bool]] = []
    pictures: list[Picture] = []
    for run in paragraph._p.iter(f"{_W}r"):
        bold = _is_bold(run)
        for child in run:
            if child.tag == f"{_W}t":
                pieces.append((child.text or "", bold))
            elif child.tag == f"{_W}tab":
                pieces.append(("\t", False))
            elif child.tag in (f"{_W}br", f"{_W}cr"):
                pieces.append((_BREAK, False))
            elif child.tag in (f"{_W}drawing", f"{_W}pict", f"{_W}object"):
                pictures += _pictures(child, number, document)
    plain = "".join(text for text, _ in pieces)
    return _marked(pieces), plain, pictures


def _is_bold(run) -> bool:
    """A run is bold by its own w:b or by its character style's (not by the paragraph's)."""
    props = run.find(f"{_W}rPr")
    if props is None:
        return False
    b = props.find(f"{_W}b")
    if b is not None:
        return b.get(f"{_W}val", "true") not in ("0", "false", "off")
    return False


def _marked(pieces: list[tuple[str, bool]]) -> str:
    """Join runs, `**` around each stretch of bold text (its surrounding spaces left out); a
    literal `*` of the text is escaped (`\\*`) as the markup reads it."""
    out: list[str] = []
    bold_run: list[str] = []

    def close() -> None:
        text = "".join(bold_run)
        bold_run.clear()
        core = text.strip()
        if not core:
            out.append(text)
            return
        lead, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}**{core}**{tail}")

    for text, bold in pieces:
        text = text.replace("*", "\\*")  # every literal star: none can run into a bold mark
        if bold and _BREAK not in text:
            bold_run.append(text)
        else:
            close()
            out.append(text)
    close()
    return "".join(out)


def _pictures(element, number: int, document) -> list[Picture]:
    found = []
    for blip in element.iter(_BLIP):
        rel = blip.get(_R_EMBED)
        part = document.part.related_parts.get(rel) if rel else None
        if part is None:
            continue
        data = part.blob
        extension = IMAGE_TYPES.get(part.content_type) or Path(str(part.partname)).suffix.lower()
        name = hashlib.sha256(data).hexdigest()[:16] + (extension or ".bin")
        found.append(Picture(name, data, number))
    return found


def _style_chain(paragraph):
    style = paragraph.style
    seen = 0
    while style is not None and seen < 20:  # a basedOn loop in a damaged file ends here
        yield style
        style = style.base_style
        seen += 1


def _rank(paragraph, style: str) -> int | None:
    """The paragraph's heading rank: Title, else its outline level (its own, else its
    style's), else a `Heading N` style name; None for body text."""
    if style == "Title":
        return _TITLE_RANK
    if style in ("Subtitle", "Caption"):
        return None
    level = _outline_level(paragraph._p.pPr)
    for candidate in _style_chain(paragraph):
        if level is not None:
            break
        level = _outline_level(candidate.element.pPr)
    if level is None:
        named = re.fullmatch(r"[Hh]eading ([1-9])", style)
        level = int(named.group(1)) - 1 if named else None
    return level if level is not None and level < 9 else None  # 9 is "body text"


def _outline_level(props) -> int | None:
    node = props.find(f"{_W}outlineLvl") if props is not None else None
    value = node.get(f"{_W}val") if node is not None else None
    return int(value) if value is not None and value.isdigit() else None


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, level) when Word numbers the paragraph: its own numPr, else its style's."""
    for props in [paragraph._p.pPr, *(s.element.pPr for s in _style_chain(paragraph))]:
        num = props.find(f"{_W}numPr") if props is not None else None
        if num is None:
            continue
        ident = num.find(f"{_W}numId")
        level = num.find(f"{_W}ilvl")
        value = ident.get(f"{_W}val") if ident is not None else None
        if value is None or value == "0":  # numId 0 switches numbering off
            return None
        lvl = level.get(f"{_W}val") if level is not None else "0"
        return value, int(lvl) if lvl and lvl.isdigit() else 0
    return None


# --- numbering --------------------------------------------------------------------------------


def _number_items(paragraphs: list[Para], document) -> dict[int, str]:
    """The number Word prints before each numbered paragraph ("3." for decimal lists; "" for
    bullets), counted per list (numId) and level as Word counts: a deeper level restarts when
    a shallower one goes on."""
    formats = _formats(document)
    counters: dict[tuple[str, int], int] = {}
    labels: dict[int, str] = {}
    for para in paragraphs:
        if para.numbering is None or not para.plain.strip():
            continue
        ident, level = para.numbering
        fmt, start = formats.get((ident, level), ("decimal", 1))
        if fmt in ("bullet", "none"):
            para.bullet = True
            labels[para.number] = ""
            continue
        for key in [k for k in counters if k[0] == ident and k[1] > level]:
            del counters[key]
        counters[(ident, level)] = counters.get((ident, level), start - 1) + 1
        labels[para.number] = str(counters[(ident, level)])
    return labels


def _formats(document) -> dict[tuple[str, int], tuple[str, int]]:
    """(numId, level) -> (numFmt, start) from the numbering part (empty when it has none)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in root.findall(f"{_W}abstractNum"):
        levels = {}
        for lvl in node.findall(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            start = lvl.find(f"{_W}start")
            value = start.get(f"{_W}val") if start is not None else "1"
            levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                fmt.get(f"{_W}val") if fmt is not None else "decimal",
                int(value) if value and value.isdigit() else 1,
            )
        abstract[node.get(f"{_W}abstractNumId")] = levels
    out = {}
    for num in root.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        levels = abstract.get(ref.get(f"{_W}val") if ref is not None else None, {})
        for level, value in levels.items():
            out[(num.get(f"{_W}numId"), level)] = value
    return out


# --- blocks -----------------------------------------------------------------------------------


def _blocks(
    paragraphs: list[Para], labels: dict[int, str], log: ChangeLog
) -> tuple[list[Block], list[str], list[str]]:
    """The importer's blocks, and the title's and kicker's display lines."""
    blocks: list[Block] = []
    texts = [p for p in paragraphs if p.plain.strip()]
    title_rank = texts[0].rank if texts and texts[0].rank is not None else None
    title: list[str] = []
    kicker: list[str] = []
    index = 0
    while title_rank is not None and index < len(texts) and texts[index].rank == title_rank:
        title += _lines(texts[index].plain)
        index += 1
    if title:
        blocks.append(_block(texts[0].number, [" ".join(title)], level=1))
    while title and index < len(texts) and texts[index].style == "Subtitle":
        kicker += _lines(texts[index].plain)
        index += 1
    if kicker:
        blocks.append(_block(texts[len(title) and index - 1].number, kicker, mark="quote"))
    for para in texts[index:]:
        blocks += _body_blocks(para, labels, log)
    return blocks, title, kicker


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split(_BREAK) if line.strip()]


def _block(number: int, lines: list[str], level: int = 0, mark: str = "") -> Block:
    return Block(tuple(Line(number, text, False) for text in lines), 1, level, mark)


def _body_blocks(para: Para, labels: dict[int, str], log: ChangeLog) -> list[Block]:
    if para.style == "Caption":
        return []  # a photo's caption: placed with the photo (_with_pictures)
    if para.rank is not None:
        return [_block(para.number, [" ".join(_lines(para.plain))], level=2)]
    lines = _lines(para.text)
    if para.number in labels and lines:
        label = labels[para.number]
        if para.bullet or para.numbering and para.numbering[1] > 0:
            # the markup's lists are flat and numbered: a bullet or a sub-item is a paragraph
            lines[0] = (f"（{label}）" if label else "") + lines[0]
            kind = "Word bullet or sub-item made a paragraph"
        else:
            lines[0] = f"{label}. {lines[0]}"
            kind = "Word numbering written as `N.` items"
        log.record(kind, para.number, para.plain, lines[0], 1)
    if len(lines) > 1:
        pieces = _paragraphs([Line(para.number, text, False) for text in lines])
        kind = (
            "soft line breaks: one paragraph per line, split"
            if len(pieces) > 1
            else "soft line breaks joined (wrapped lines of one paragraph)"
        )
        after = "⏎⏎".join(join_lines([line.text for line in piece]) for piece in pieces)
        log.record(kind, para.number, para.plain.replace(_BREAK, "⏎"), after, len(lines) - 1)
        return [Block(tuple(piece), 1) for piece in pieces]
    return [_block(para.number, lines)] if lines else []


# --- after parsing ----------------------------------------------------------------------------


def _display_lines(article: DraftArticle, title: list[str], kicker: list[str]) -> None:
    """Each title paragraph (and each soft break in one) is a display line of its own."""
    for item in article.items:
        if item.kind == "title" and title:
            item.lines = list(title)
            item.text = " ".join(title)
        elif item.kind == "kicker" and kicker:
            item.lines = list(kicker)


def _with_pictures(items: list[Item], paragraphs: list[Para]) -> list[Item]:
    """A photo follows the paragraph it was anchored in (after the head when it is in the
    head); a `Caption` paragraph right after it is its caption."""
    captions = {p.number: " ".join(_lines(p.plain)) for p in paragraphs if p.style == "Caption"}
    head = ("series", "title", "kicker", "byline", "author", "date")
    out: list[Item] = []
    pending = [p for p in paragraphs if p.pictures]
    for item in items:
        if item.kind not in head:
            for para in [p for p in pending if p.number < item.line]:
                out += _picture_items(para, captions)
                pending.remove(para)
        out.append(item)
    for para in pending:
        out += _picture_items(para, captions)
    return out


def _picture_items(para: Para, captions: dict[int, str]) -> list[Item]:
    caption = captions.get(para.number + 1, "")
    return [
        Item("image", caption if n == len(para.pictures) - 1 else "", para.number, file=pic.name)
        for n, pic in enumerate(para.pictures)
    ]
