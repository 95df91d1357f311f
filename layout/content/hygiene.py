"""Paste hygiene: the artefacts that Word, input methods and OCR leave in Chinese text.

One set of rules, used three ways: `layout check` reports what they would change as warnings
(content/markup.py), `layout fix` applies them to the article files in place, and the importer
applies them to every piece of text it writes (importer/normalize.py).

A rule is a pure function from a piece of text to the edits it would make there. Which text a
rule sees is decided by the markup of its line (`segment`): body text (paragraphs, numbered
items) gets every rule; display text (titles, kickers, directives, captions) keeps its spaces
between Han characters, which are display breaks and separators there; comment lines and the
options of `@image` are never touched. URLs and e-mail addresses are never touched either, and
no rule touches digits, `.`, `%` or `+`, so `99.9%`, `3.8万`, `1+3+N` and list numbers stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from layout.content.charcheck import REMOVE, classify, describe

# Han ideographs: URO, Extension A, compatibility ideographs, Extensions B-H, and 〇 (二〇二四).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\u3007\uf900-\ufaff\U00020000-\U0003134f"
# Full-width punctuation that belongs to CJK text.
CJK_PUNCT = "，。、；：！？（）“”‘’《》【】〈〉「」『』—…·■□"
# Marks that carry their own space: a space beside one is a paste artefact. Dashes, ellipses
# and the middle dot are left out (a space beside them may be deliberate).
_SPACED_MARKS = "，。、；：！？（）“”‘’《》【】〈〉「」『』■□"
# Marks that end a sentence, and the closing marks that may follow them.
SENTENCE_FINAL = "。！？!?…"
CLOSERS = "”’」』）)》】"

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}
ELLIPSIS = "……"
DASH = "——"


def is_han(char: str) -> bool:
    """A single character of the HAN ranges (compared by code point: a regular expression of
    these ranges costs milliseconds to compile in every process)."""
    if len(char) != 1:
        return False
    o = ord(char)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or o == 0x3007
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3134F
    )


def is_cjk(char: str) -> bool:
    """A Han character or a full-width CJK mark."""
    return is_han(char) or (bool(char) and char in CJK_PUNCT)


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] by `new`; `what` and `fix` say it in words for a warning."""

    start: int
    end: int
    new: str
    what: str
    fix: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """`text` with `edits` (in order, not overlapping) applied."""
    out, last = [], 0
    for edit in edits:
        out.append(text[last : edit.start])
        out.append(edit.new)
        last = edit.end
    out.append(text[last:])
    return "".join(out)


# -- spans no rule touches, and quoted spans --------------------------------------------------

_PROTECTED = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"  # e-mail
    r"|(?:https?|ftp)://[!-~]+"  # URL (ASCII: Chinese right after it is text again)
    r"|(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|gov|edu)(?:\.cn)?"
    r"(?:/[!-~]*)?"  # bare domain
    r"|\]\([^()\s]*\)"  # the target of a Markdown link `[text](target)`
)
# Pairs inside which a space between Han is the writer's: slogans `“提升城市品质 喜迎亚冬会”`,
# titles `《加强和改进人民政协工作 全面发展协商民主》`, bold lead-ins.
_OPENERS = {"“": "”", "‘": "’", "《": "》", "「": "」", "『": "』", "〈": "〉"}


_URL_TAIL = ",;:!?)"  # marks that end the sentence around a URL rather than the URL


def _url_end(text: str, start: int, end: int) -> int:
    """Where a URL matched at start:end really ends: without trailing sentence marks, but with
    a closing bracket that closes one inside it (`…/wiki/A_(b)`)."""
    while end > start and text[end - 1] in _URL_TAIL:
        if text[end - 1] == ")" and text.count("(", start, end) >= text.count(")", start, end):
            break
        end -= 1
    return end


def protected_mask(text: str) -> list[bool]:
    mask = [False] * len(text)
    for match in _PROTECTED.finditer(text):
        start, end = match.start(), _url_end(text, match.start(), match.end())
        mask[start:end] = [True] * (end - start)
    return mask


# what changes quoted_mask's state: an escaped asterisk, a bold toggle, an opening or a
# closing mark (tried in this order at each place, as quoted_mask_reference reads them)
_QUOTE_EVENTS = re.compile(
    r"\\\*|\*\*|[" + re.escape("".join(_OPENERS) + "".join(_OPENERS.values())) + "]"
)


def quoted_mask(text: str) -> list[bool]:
    """Which characters lie inside quotes, book-title marks or `**bold**` on this line.

    Only the places _QUOTE_EVENTS finds change the state; the characters between them take
    it as it is (the same mask as a walk character by character, a tenth of the time)."""
    mask = [False] * len(text)
    closers: list[str] = []
    bold = False
    start = 0
    for match in _QUOTE_EVENTS.finditer(text):
        at = match.start()
        if (bold or closers) and at > start:
            mask[start:at] = [True] * (at - start)
        token = match.group()
        if token == "\\*":  # a literal asterisk
            mask[at : at + 2] = [bold or bool(closers)] * 2
        elif token == "**":
            bold = not bold  # the toggle itself is never inside
        else:
            if token in _OPENERS:
                closers.append(_OPENERS[token])
            elif closers and token == closers[-1]:
                closers.pop()
            mask[at] = bold or bool(closers)
        start = match.end()
    if (bold or closers) and start < len(text):
        mask[start:] = [True] * (len(text) - start)
    return mask


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character from position i in direction step, skipping spaces ('' at the
    edge)."""
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


def _cjk_beside(text: str, start: int, end: int) -> bool:
    """Whether CJK text stands next to text[start:end] (spaces between are skipped)."""
    return is_cjk(_neighbour(text, start, -1)) or is_cjk(_neighbour(text, end - 1, +1))


# -- the rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What a rule may know about the text it looks at."""

    text: str
    body: bool  # paragraph text (not a title, kicker, directive or caption)
    quoted: list[bool]
    protected: list[bool]  # URLs and e-mail addresses (no edit may touch them)


Finder = Callable[[Context], Iterator[Edit]]


@dataclass(frozen=True)
class Rule:
    name: str  # the change, for the importer's report
    find: Finder
    trigger: str = ""  # the rule can fire only if one of these characters is in the text
    charcheck: bool = False  # `layout check` reports these already (content/charcheck.py)
    gate: re.Pattern | None = None  # ... and only where this matches (the finder's own search)

    def may_fire(self, text: str) -> bool:
        """False when the rule surely finds nothing in `text` (most lines of most files): a
        check of its characters and of its expression, without setting up the finder."""
        if self.trigger and _any_of(self.trigger).search(text) is None:
            return False
        return self.gate is None or self.gate.search(text) is not None


@cache
def _any_of(trigger: str) -> re.Pattern:
    """A search for any of the characters: in C, where a set's isdisjoint makes a string of
    each character of a Han line (a third of reading an article)."""
    return re.compile("[" + re.escape(trigger) + "]")


def _invisible(ctx: Context) -> Iterator[Edit]:
    """Zero-width spaces, joiners, variation selectors, soft hyphens: no glyph, no meaning in
    print. The same characters charcheck removes (with a warning) before composing."""
    for i, char in enumerate(ctx.text):
        kind = classify(char)
        if kind is not None and kind.action == REMOVE:
            yield Edit(i, i + 1, "", f"invisible character {describe(char)}", "delete it")


def _punctuation(ctx: Context) -> Iterator[Edit]:
    """`,;:!?()` next to CJK text become full width. A bracket pair converts as a pair when it
    holds Han or CJK text stands outside it; marks between two digits (15:30, 1,000) stay."""
    text = ctx.text
    pairs = _matching_parens(text)
    for i, char in enumerate(text):
        if char not in FULL_WIDTH:
            continue
        if char in "()" and i in pairs:
            start, end = sorted((i, pairs[i]))
            convert = not (ctx.protected[start] or ctx.protected[end]) and (
                any(is_han(c) for c in text[start + 1 : end])
                or is_cjk(_neighbour(text, start, -1))
                or is_cjk(_neighbour(text, end, +1))
            )
        else:
            between_digits = 0 < i < len(text) - 1 and (
                text[i - 1].isdigit() and text[i + 1].isdigit()
            )
            convert = _cjk_beside(text, i, i + 1) and not between_digits
        if convert:
            wide = FULL_WIDTH[char]
            yield Edit(i, i + 1, wide, f"half-width '{char}' in Chinese text", f"write {wide}")


def _matching_parens(text: str) -> dict[int, int]:
    """Index of each ASCII '(' -> index of its ')' (and back), for balanced pairs."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            j = stack.pop()
            pairs[j] = i
            pairs[i] = j
    return pairs


# `......`, `。。。`, `．．．`, `···`, and a single `…` (the Chinese ellipsis is two of them).
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|．{3,}|·{3,}|・{3,}|(?<!…)…(?!…)")


def _ellipsis(ctx: Context) -> Iterator[Edit]:
    for match in _ELLIPSIS.finditer(ctx.text):
        old = match.group()
        latin_dots = old[0] in ".·"  # `wait...` and `a...z` in Latin text stay
        if latin_dots or old == "…":
            if not _cjk_beside(ctx.text, match.start(), match.end()):
                continue
        yield Edit(match.start(), match.end(), ELLIPSIS, f"'{old}' for an ellipsis", "write ……")


# `--` (not an option such as --force), `－－`, `―` or `――`, and a single em or en dash set
# off by spaces (English style). A single `—` without spaces is the connecting dash of GB/T
# 15834 (`3月10日—16日`, `党组—专委会`) and stays.
_DASH = re.compile(r" *(?:(?<!-)-{2,3}(?![A-Za-z-])|－{2,}|―{1,2}) *|(?<=[^ —]) +[—–] +(?=[^ —])")


def _dash(ctx: Context) -> Iterator[Edit]:
    for match in _DASH.finditer(ctx.text):
        core = match.group().strip(" ")
        if not _cjk_beside(ctx.text, match.start(), match.end()):
            continue
        yield Edit(match.start(), match.end(), DASH, f"'{core}' for a dash", "write ——")


_GAP = re.compile("[ \t\u00a0]+")
_GAP_NAMES = {" ": "space", "\t": "tab", "\u00a0": "no-break space"}


def _han_gap(ctx: Context) -> Iterator[Edit]:
    """Spaces, tabs and no-break spaces between two Han characters in body text: Chinese has
    no spaces, so they came with the paste. Inside quotes, book titles and bold, and in display
    lines, a space is a separator the writer meant: there only a tab or no-break space is
    made a plain space."""
    text = ctx.text
    for match in _GAP.finditer(text):
        start, end = match.start(), match.end()
        if not (start and end < len(text) and is_han(text[start - 1]) and is_han(text[end])):
            continue
        gap = match.group()
        kinds = sorted({_GAP_NAMES[c] for c in gap}, key=list(_GAP_NAMES.values()).index)
        what = " and ".join(kinds) + " between Chinese characters"
        if ctx.body and not ctx.quoted[match.start()]:
            yield Edit(match.start(), match.end(), "", what, "delete it")
        elif set(gap) != {" "}:
            yield Edit(match.start(), match.end(), " ", what, "type a plain space")


_BESIDE_MARK = re.compile(f"[ \u00a0]+(?=[{_SPACED_MARKS}])|(?<=[{_SPACED_MARKS}])[ \u00a0]+")


def _space_beside_mark(ctx: Context) -> Iterator[Edit]:
    """A full-width mark carries its own space: `这几点， 让` -> `这几点，让`."""
    for match in _BESIDE_MARK.finditer(ctx.text):
        if match.start() == 0 or match.end() == len(ctx.text):
            continue  # the edges of a segment belong to the line's markup
        after = ctx.text[match.end()]
        mark = after if after in _SPACED_MARKS else ctx.text[match.start() - 1]
        yield Edit(match.start(), match.end(), "", f"space beside full-width {mark}", "delete it")


INVISIBLE = Rule("invisible characters removed", _invisible, charcheck=True)
PUNCTUATION = Rule("half-width punctuation made full width", _punctuation, ",;:!?()")
ELLIPSES = Rule("ellipsis made ……", _ellipsis, ".。．·・…", gate=_ELLIPSIS)
DASHES = Rule("dash made ——", _dash, "-－―—–", gate=_DASH)
HAN_GAPS = Rule("space removed between Han characters", _han_gap, " \t\u00a0", gate=_GAP)
MARK_SPACES = Rule(
    "space removed beside full-width punctuation", _space_beside_mark, " \u00a0", gate=_BESIDE_MARK
)

# In the order `layout fix` applies them: invisible characters first, so that the others see
# the text as it prints; full-width marks before the spaces beside them.
RULES: tuple[Rule, ...] = (INVISIBLE, PUNCTUATION, ELLIPSES, DASHES, HAN_GAPS, MARK_SPACES)


def find_edits(rule: Rule, text: str, body: bool, quoted: list[bool] | None = None) -> list[Edit]:
    """The edits `rule` makes in `text`, without those that touch a URL or e-mail address."""
    if not rule.may_fire(text):
        return []
    mask = protected_mask(text) if _PROTECTED.search(text) else [False] * len(text)
    ctx = Context(text, body, quoted if quoted is not None else quoted_mask(text), mask)
    edits = list(rule.find(ctx))
    return [e for e in edits if not any(mask[e.start : max(e.end, e.start + 1)])]


def apply_rule(rule: Rule, text: str, body: bool) -> str:
    return apply_edits(text, find_edits(rule, text, body))


def clean(text: str, body: bool, rules: tuple[Rule, ...] = RULES) -> str:
    """`text` with every rule applied in turn, until nothing changes (a rule's result can give
    another one something to do; two passes always settle, the cap is a guard)."""
    for _ in range(4):
        before = text
        for rule in rules:
            text = apply_rule(rule, text, body)
        if text == before:
            break
    return text
