"""Large streams (font programs) are compressed once and kept in the record cache."""

from __future__ import annotations

import os
import zlib

from layout.render.pdf import objects


def test_a_large_stream_is_compressed_once_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setenv("HRB_LAYOUT_CACHE", str(tmp_path))
    data = os.urandom(1 << 17) + bytes(1 << 17)  # large, and compressible
    calls = []
    real = zlib.compress
    counted = lambda d, level: calls.append(1) or real(d, level)  # noqa: E731
    monkeypatch.setattr(objects.zlib, "compress", counted)
    first = objects._stored_deflate(data)
    assert first == real(data, 6) and len(calls) == 1
    assert objects._stored_deflate(data) == first and len(calls) == 1  # from the cache
    for record in (tmp_path / "deflated").iterdir():
        record.write_bytes(b"damaged")
    assert objects._stored_deflate(data) == first and len(calls) == 2  # a miss, made again
