"""A face's cmap from its cache record (two sorted arrays) answers as the dict it stands for."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.fonts.face import ArrayCmap


@given(st.dictionaries(st.integers(0, 0x10FFFF), st.integers(0, 65535), max_size=200))
def test_array_cmap_is_its_dict(mapping):
    codepoints = array("I", sorted(mapping))
    cmap = ArrayCmap(codepoints, array("I", (mapping[cp] for cp in codepoints)))
    assert cmap == mapping and len(cmap) == len(mapping) and list(cmap) == sorted(mapping)
    assert cmap.items() == sorted(mapping.items())
    for cp in [*mapping, -1, 0, 0x4E00, 0x10FFFF, 0x110000]:
        assert cmap.get(cp) == mapping.get(cp)
        assert (cp in cmap) == (cp in mapping)
        if cp in mapping:
            assert cmap[cp] == mapping[cp]
        else:
            with pytest.raises(KeyError):
                cmap[cp]
    assert "a" not in cmap


def test_a_face_from_its_record_has_the_array_cmap(tmp_path):
    from layout.fonts import FontRegistry

    read = FontRegistry.load(cache_dir=tmp_path).face("body")  # read from the font file
    face = FontRegistry.load(cache_dir=tmp_path).face("body")  # from the record it left
    assert isinstance(face.cmap, ArrayCmap) and face.cmap == read.cmap
    assert face.glyph("政") == read.glyph("政") is not None and face.glyph("\U000f0000") is None
