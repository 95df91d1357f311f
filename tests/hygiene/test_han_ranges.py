"""is_han compares code points; it says what a regular expression of the HAN ranges says."""

import re

from layout.content import hygiene


def test_is_han_is_the_han_ranges_over_every_code_point():
    han = re.compile(f"[{hygiene.HAN}]")
    text = "".join(map(chr, range(0x110000)))
    assert [i for i, c in enumerate(text) if hygiene.is_han(c)] == [
        m.start() for m in han.finditer(text)
    ]
    assert not hygiene.is_han("") and not hygiene.is_han("汉字")
