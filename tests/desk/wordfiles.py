"""Word files for the tests, made with python-docx as Word writes them: Title and Heading
styles, Word's own numbering (numPr), soft line breaks (w:br), bold runs, tables, photos."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def png(width: int = 40, height: int = 30) -> bytes:
    """A small RGB PNG."""
    raw = b"".join(b"\x00" + bytes([200, 50, 50]) * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(raw))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + idat + chunk(b"IEND", b"")


def soft_break(paragraph, *pieces: str) -> None:
    """Pieces of text separated by Shift+Enter line breaks."""
    for n, piece in enumerate(pieces):
        if n:
            paragraph.add_run().add_break()
        paragraph.add_run(piece)


def numbered(paragraph, num_id: str, level: int = 0) -> None:
    """Number a paragraph as Word does: a numPr on the paragraph itself (no list style)."""
    props = paragraph._p.get_or_add_pPr()
    num = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), str(level))
    ident = OxmlElement("w:numId")
    ident.set(qn("w:val"), num_id)
    num.append(ilvl)
    num.append(ident)
    props.append(num)


def decimal_list(document) -> str:
    """A new decimal list in the numbering part; returns its numId."""
    root = document.part.numbering_part.element
    abstract_id = str(900 + len(root.findall(qn("w:abstractNum"))))
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for level in range(2):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1.")):
            node = OxmlElement(tag)
            node.set(qn("w:val"), value)
            lvl.append(node)
        abstract.append(lvl)
    root.insert(0, abstract)
    num_id = str(900 + len(root.findall(qn("w:num"))))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    root.append(num)
    return num_id


def article(
    path: Path,
    title: tuple[str, ...] = ("市政协召开常委会议", "部署全年工作"),
    *,
    photo: bytes | None = None,
    table: bool = False,
    body: int = 1,
) -> Path:
    """A Word article: two title lines, a subtitle, a bold lead-in with half-width
    punctuation, a heading, a Word-numbered list, soft line breaks, optionally a photo with
    its caption and a table. `body` repeats the plain paragraphs (a longer article)."""
    document = docx.Document()
    for line in title:
        document.add_paragraph(line, style="Title")
    document.add_paragraph("聚焦中心任务 凝聚奋进力量", style="Subtitle")
    lead = document.add_paragraph()
    lead.add_run("会议强调。").bold = True
    lead.add_run("3月5日,市政协召开十四届常委会第五次会议 ,孙珅主持会议。")
    document.add_heading("一、提高政治站位", level=1)
    num_id = decimal_list(document)
    for text in ("坚持党的领导。", "加强委员队伍建设。", "提升履职能力。"):
        numbered(document.add_paragraph(text), num_id)
    soft_break(document.add_paragraph(), "第一行文字没有结束", "第二行接着写完。")
    soft_break(document.add_paragraph(), "这是第一段。", "这是第二段。", "这是第三段。")
    document.add_heading("下一步工作", level=2)
    if photo is not None:
        document.add_picture(io.BytesIO(photo))
        document.add_paragraph("会议现场", style="Caption")
    for _ in range(body):
        document.add_paragraph(
            "会议要求，各级政协组织和广大政协委员要深入学习贯彻全会精神，围绕中心、服务大局，"
            "在推动高质量发展中展现新作为，为全面振兴新突破贡献智慧和力量。"
        )
    if table:
        document.add_table(rows=2, cols=2)
        document.add_paragraph("表后的一段。")
    document.save(path)
    return path
