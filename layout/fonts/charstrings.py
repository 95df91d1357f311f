"""Walk Type 2 charstrings far enough to cut them at their subroutine calls.

The inner loop of the CFF subsetter (cffsubset.py), kept apart so that Cython compiles this
very file (typed by charstrings.pxd: `make compile`); uncompiled it is the reference the
compiled module is tested against. A first build on a machine walks every glyph the issue
uses, some thousands of charstrings and their subroutines.
"""

from __future__ import annotations

from layout.fonts.errors import Unsupported

_CALLSUBR, _RETURN, _ENDCHAR, _CALLGSUBR = 10, 11, 14, 29
_HSTEM, _VSTEM, _HSTEMHM, _VSTEMHM = 1, 3, 18, 23  # hints: count stems
_HINTMASK, _CNTRMASK = 19, 20  # followed by one bit per stem declared so far
_ESCAPE = 12  # a two-byte operator: only the flex ones (12 34 .. 12 37) are expected
_MAX_DEPTH = 10  # the Type 2 charstring nesting limit
_MAX_OPS = 200_000  # per glyph: a loop of subroutine calls is a broken font, not a hang


def bias(count: int) -> int:
    """What a charstring adds to a subroutine operand to get its index."""
    return 107 if count < 1240 else 1131 if count < 33900 else 32768


def operand_size(b0: int) -> int:
    """Bytes of the operand starting with byte b0."""
    return 1 if 32 <= b0 <= 246 else 2 if 247 <= b0 <= 254 else 3 if b0 == 28 else 5


class Program:
    """A charstring cut at its subroutine calls: literal pieces and (kind, old index) calls."""

    __slots__ = ("pieces", "calls")

    def __init__(self) -> None:
        self.pieces: list[bytes] = []
        self.calls: list[tuple[bool, int]] = []  # (global?, unbiased old subroutine number)


class Walker:
    """Executes charstrings just enough to find their subroutine calls and mask lengths.

    A `hintmask` is followed by one bit per stem hint declared so far, so the walk counts
    stems (and the operands a `hintmask` takes as implicit vstems), across subroutine calls.
    A subroutine without hints, masks or endchar only clears the stack or adds to it: its
    effect is remembered (`effects`: (cleared, left)) and applied instead of running it again.
    `gsubrs` and `lsubrs` are the font's subroutine INDEXes (anything with `count` and
    `[number] -> bytes`); `gprograms`, `lprograms` and `effects` are dicts the caller may
    share between walkers of one face.
    """

    def __init__(self, gsubrs, lsubrs, gprograms: dict, lprograms: dict, effects: dict) -> None:
        self.gsubrs = gsubrs
        self.lsubrs = lsubrs
        self.gbias = bias(gsubrs.count)
        self.lbias = bias(lsubrs.count) if lsubrs is not None else 0
        self.gprograms = gprograms
        self.lprograms = lprograms
        self.effects = effects
        self.depth = self.stack = self.stems = self.ops = 0
        self.done = self.cleared = self.pure = False

    def glyph(self, code: bytes) -> Program:
        self.depth = self.stack = self.stems = self.ops = 0
        self.done = False
        self.cleared = False
        self.pure = True
        program = Program()
        self.run(code, program)
        return program

    def run(self, code: bytes, program: Program | None) -> None:
        """Run `code`; cut it into `program` (None: a subroutine already cut, run for effect)."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise Unsupported("subroutines nested too deep")
        i = 0
        n = len(code)
        cut = 0
        last = 0  # the last operand, when `known`: a subroutine number is never computed
        known = False
        last_at = 0
        stack = self.stack
        while i < n:
            self.ops += 1
            if self.ops > _MAX_OPS:
                raise Unsupported("charstring does not end")
            b0 = code[i]
            if b0 >= 32:
                last_at = i
                known = True
                if b0 <= 246:
                    last = b0 - 139
                    i += 1
                elif b0 <= 250:
                    b1 = code[i + 1]
                    last = (b0 - 247) * 256 + b1 + 108
                    i += 2
                elif b0 <= 254:
                    b1 = code[i + 1]
                    last = -(b0 - 251) * 256 - b1 - 108
                    i += 2
                else:
                    known = False  # 16.16 fixed: never a subroutine number
                    i += 5
                stack += 1
                continue
            if b0 == 28:
                last_at = i
                known = True
                b1 = code[i + 1]
                b2 = code[i + 2]
                last = (b1 << 8) | b2
                if last >= 0x8000:
                    last -= 0x10000
                i += 3
                stack += 1
                continue
            if b0 == _CALLSUBR or b0 == _CALLGSUBR:
                if not known or last_at + operand_size(code[last_at]) != i:
                    raise Unsupported("computed subroutine number")
                is_global = b0 == _CALLGSUBR
                number = last + (self.gbias if is_global else self.lbias)
                if program is not None:
                    program.pieces.append(code[cut:last_at])
                    program.calls.append((is_global, number))
                    cut = i + 1
                known = False
                i += 1
                self.stack = stack - 1
                self.call(is_global, number)
                stack = self.stack
                if self.done:
                    break
                continue
            known = False
            if b0 == _RETURN:
                i += 1
                break
            if b0 == _ENDCHAR:
                if stack >= 4:
                    raise Unsupported("seac-style endchar")
                self.done = True
                self.pure = False
                i += 1
                break
            if b0 == _HSTEM or b0 == _VSTEM or b0 == _HSTEMHM or b0 == _VSTEMHM:
                self.stems += stack // 2
                self.pure = False
            elif b0 == _HINTMASK or b0 == _CNTRMASK:
                self.stems += stack // 2  # implicit vstem before the first mask
                i += (self.stems + 7) // 8
                self.pure = False
            elif b0 == _ESCAPE:
                b1 = code[i + 1]
                if b1 < 34 or b1 > 37:
                    raise Unsupported("arithmetic charstring operator")
                i += 1
            stack = 0
            self.cleared = True
            i += 1
        self.stack = stack
        if program is not None:
            program.pieces.append(code[cut:])
        self.depth -= 1

    def call(self, is_global: bool, number: int) -> None:
        key = (is_global, number)
        effect = self.effects.get(key)
        if effect is not None:
            cleared, left = effect
            if cleared:
                self.stack = left
                self.cleared = True
            else:
                self.stack += left
            return
        index = self.gsubrs if is_global else self.lsubrs
        if index is None:
            raise Unsupported("callsubr without local subroutines")
        programs = self.gprograms if is_global else self.lprograms
        program = programs.get(number)
        if program is None:
            program = programs[number] = Program()
        else:
            program = None  # already cut: run for its effect on the stack and stems only
        outer_cleared = self.cleared
        outer_pure = self.pure
        entry = self.stack
        self.pure = True
        self.cleared = False
        self.run(index[number], program)
        if self.pure and key not in self.effects:
            left = self.stack if self.cleared else self.stack - entry
            self.effects[key] = (self.cleared, left)
        self.cleared = outer_cleared or self.cleared
        self.pure = outer_pure and self.pure


def called(roots: list, gprograms: dict, lprograms: dict) -> tuple[set, dict]:
    """The global and (per FD) local subroutines that the (FD, program) pairs `roots` call,
    directly or through other subroutines. `lprograms` maps each FD of `roots` to its local
    subroutines. A global subroutine calling a local one is Unsupported: its callee would
    depend on the caller's FD, and no single renumbering would fit."""
    gused: set = set()
    lused: dict = {fd: set() for fd in lprograms}
    pending = [(fd, program, False) for fd, program in roots]
    while pending:
        fd, program, in_global = pending.pop()
        for is_global, number in program.calls:
            if is_global:
                if number not in gused:
                    gused.add(number)
                    pending.append((fd, gprograms[number], True))
            elif in_global:
                raise Unsupported("a global subroutine calls a local one")
            else:
                local = lused[fd]
                if number not in local:
                    local.add(number)
                    pending.append((fd, lprograms[fd][number], False))
    return gused, lused


def renumbered(program: Program, gcalls: dict, lcalls: dict) -> bytes:
    """The program with each call's operand and operator from `gcalls`/`lcalls` (old number
    -> the new call's bytes)."""
    pieces = program.pieces
    calls = program.calls
    out = [pieces[0]]
    for k in range(len(calls)):
        is_global, number = calls[k]
        out.append(gcalls[number] if is_global else lcalls[number])
        out.append(pieces[k + 1])
    return b"".join(out)
