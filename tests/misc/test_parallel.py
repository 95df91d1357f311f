import os

import pytest

from layout import parallel
from layout.errors import LayoutError, Location


def test_both_halves_come_back_in_order():
    here, there = parallel.in_parallel(lambda: [1, 2], lambda: {"pid": os.getpid(), "v": [3]})
    assert here == [1, 2] and there["v"] == [3]
    if parallel.available():
        assert there["pid"] != os.getpid()  # really computed in the child


def test_a_failing_child_is_redone_here_with_the_real_error():
    calls = []

    def there():
        calls.append(os.getpid())
        raise LayoutError("bad box", Location("a.txt", 3, 1))

    with pytest.raises(LayoutError) as caught:
        parallel.in_parallel(lambda: None, there)
    assert str(caught.value) == "a.txt:3:1: bad box"
    assert os.getpid() in calls  # the parent ran it itself to raise it


def test_unpicklable_result_falls_back():
    here, there = parallel.in_parallel(lambda: 1, lambda: lambda: 2)
    assert here == 1 and there() == 2


def test_jobs_one_keeps_everything_here(monkeypatch):
    monkeypatch.setenv(parallel.JOBS_ENV, "1")
    assert not parallel.available()
    _, there = parallel.in_parallel(lambda: None, lambda: os.getpid())
    assert there == os.getpid()
