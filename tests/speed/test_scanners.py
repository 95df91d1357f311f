"""The line scanners that skip from one markup character to the next give what a walk
character by character gives (the walks are kept here as the reference)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.content.hygiene import _OPENERS, quoted_mask
from layout.content.inline import _TOGGLE, SourceLine, _tokens, parse_inline

# the characters that matter, and a few that do not
ALPHABET = st.sampled_from(
    ["\\", "*", "a", "1", " ", "中", "文", "。", *_OPENERS, *_OPENERS.values(), '"']
)
LINES = st.lists(ALPHABET, max_size=40).map("".join)


def quoted_mask_reference(text: str) -> list[bool]:
    mask = [False] * len(text)
    closers: list[str] = []
    bold = False
    i = 0
    while i < len(text):
        char = text[i]
        if text.startswith("\\*", i):
            mask[i : i + 2] = [bold or bool(closers)] * 2
            i += 2
            continue
        if text.startswith("**", i):
            bold = not bold
            i += 2
            continue
        if char in _OPENERS:
            closers.append(_OPENERS[char])
        elif closers and char == closers[-1]:
            closers.pop()
        mask[i] = bold or bool(closers)
        i += 1
    return mask


def tokens_reference(piece: SourceLine) -> list[tuple[str | None, int]]:
    """One token a character (or a `**` toggle), as the scanner read before."""
    tokens: list[tuple[str | None, int]] = []
    text, i = piece.text, 0
    while i < len(text):
        column = piece.column + i
        if text.startswith("\\*", i):
            tokens.append(("*", column))
            i += 2
        elif text.startswith("**", i):
            tokens.append((_TOGGLE, column))
            i += 2
        else:
            tokens.append((text[i], column))
            i += 1
    return tokens


@settings(max_examples=400, deadline=None)
@given(LINES)
def test_quoted_mask_is_the_walks(text: str) -> None:
    assert quoted_mask(text) == quoted_mask_reference(text)


@settings(max_examples=400, deadline=None)
@given(LINES, st.integers(1, 9))
def test_tokens_are_the_walks(text: str, column: int) -> None:
    piece = SourceLine(text, 3, column)
    runs = _tokens(piece)
    assert all(token for token, _ in runs if token is not _TOGGLE)  # no empty runs
    # a run "*" from an escape and a "*" in the text read the same
    assert "".join(t for t, _ in runs if t is not _TOGGLE) == "".join(
        t for t, _ in tokens_reference(piece) if t is not _TOGGLE
    )
    toggles = [c for t, c in runs if t is _TOGGLE]
    assert toggles == [c for t, c in tokens_reference(piece) if t is _TOGGLE]


@settings(max_examples=200, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=4))
def test_inline_spans_and_errors_stay_as_they_were(lines: list[str]) -> None:
    pieces = [SourceLine(text, n, 1) for n, text in enumerate(lines, start=1)]
    spans, error = parse_inline(Path("a.txt"), pieces)
    # the reference: characters one by one through the same joining rules
    from layout.content import inline

    original = inline._tokens
    inline._tokens = tokens_reference
    try:
        expected = parse_inline(Path("a.txt"), pieces)
    finally:
        inline._tokens = original
    assert (spans, str(error)) == (expected[0], str(expected[1]))
