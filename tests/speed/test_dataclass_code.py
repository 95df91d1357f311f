"""Dataclass methods from the code stored by `make compile` are those dataclasses makes."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from layout import dataclass_code

pytestmark = pytest.mark.skipif(
    sys.version_info[:2] not in dataclass_code._VERSIONS, reason="dataclasses without _create_fn"
)


def test_it_is_installed_and_the_store_holds_this_package_s_methods():
    assert dataclasses._create_fn is dataclass_code._create_fn
    stored = dataclass_code._load()
    assert len(stored) > 300, "run `make compile`"
    assert any("def __init__(self,font:_type_font,size:_type_size" in txt for txt in stored)


def test_every_stored_code_object_is_its_text_compiled():
    for txt, stored in dataclass_code._load().items():
        code = dataclass_code._code(stored)
        assert code == compile(txt, "<string>", "exec", dont_inherit=True), txt


def make_point():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Point:
        x: float
        y: float = 0.0
        tags: tuple = ()

    return Point


def test_a_dataclass_made_through_the_store_is_the_one_dataclasses_makes(monkeypatch):
    Point = make_point()
    p = Point(1.0, tags=("a",))
    assert p == Point(1.0, 0.0, ("a",)) and hash(p) == hash(Point(1.0, 0.0, ("a",)))
    assert repr(p).endswith("Point(x=1.0, y=0.0, tags=('a',))")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2.0  # type: ignore[misc]
    monkeypatch.setattr(dataclasses, "_create_fn", dataclass_code._original)
    Own = make_point()
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        mine, theirs = getattr(Point, name), getattr(Own, name)
        mine = getattr(mine, "__wrapped__", mine)  # __repr__ is wrapped against recursion
        theirs = getattr(theirs, "__wrapped__", theirs)
        assert mine.__code__ == theirs.__code__, name
        assert mine.__annotations__ == theirs.__annotations__, name
