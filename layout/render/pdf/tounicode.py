"""The /ToUnicode CMap that lets viewers, search and checkers turn glyph codes back into text."""

from __future__ import annotations

_HEADER = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
"""

_FOOTER = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def tounicode_cmap(codes: dict[int, str]) -> bytes:
    """A CMap for 2-byte codes; each code maps to its text (UTF-16BE, surrogates included)."""
    out = [_HEADER]
    items = sorted(codes.items())
    for start in range(0, len(items), 100):  # at most 100 entries per block (CMap syntax)
        block = items[start : start + 100]
        out.append(b"%d beginbfchar\n" % len(block))
        out.extend(b"<%04X> <%s>\n" % (code, _utf16(text)) for code, text in block)
        out.append(b"endbfchar\n")
    out.append(_FOOTER)
    return b"".join(out)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode("ascii")
