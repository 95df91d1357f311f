"""Faces are located by name tables read from the font files, as fontTools reads them."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTCollection, TTFont

from layout.fonts import locate
from layout.fonts.roles import load_roles

FILES = sorted({path for spec in load_roles().values() for path in spec.files if path.is_file()})


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_face_is_found_where_fonttools_finds_it(path):
    collection = path.suffix.lower() in (".ttc", ".otc")
    faces = (
        TTCollection(str(path), lazy=True).fonts if collection else [TTFont(str(path), lazy=True)]
    )
    for index, face in enumerate(faces):
        family, style = locate._names(face)
        for wanted in ((family, style), (family, "no such style")):
            expected = locate._face_index_fonttools(path, *wanted)
            assert locate.face_index(path, *wanted) == expected
            try:
                assert locate._face_index_read(path, wanted) == expected
            except locate._Unsure:
                pass  # face_index asked fontTools, as the line above checked
        found = locate.face_index(path, family, style)  # this face, or an earlier namesake
        assert found is not None and found <= index
        assert locate._names(faces[found]) == (family, style)


def test_a_name_in_an_encoding_not_read_here_is_left_to_fonttools():
    import struct

    # one record: Mac, Japanese encoding, name id 1
    record = struct.pack(">6H", 1, 1, 11, 1, 2, 0)
    blob = struct.pack(">HHH", 0, 1, 6 + 12) + record + b"ab"
    with pytest.raises(locate._Unsure):
        locate._debug_name(blob, 1)
