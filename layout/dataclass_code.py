"""Dataclass methods compiled once, at `make compile`, instead of in every process.

`@dataclass` writes the source of each class's __init__, __repr__, __eq__ ... and compiles it
with exec() when the class is created: for this package's hundred dataclasses that is a third
of a command's start-up (80 ms, the whole budget of a `layout watch` rebuild). The code objects
depend only on that source text, so `make compile` (dataclass_code.main)
imports every module and stores them, marshalled, beside the bytecode in __pycache__; a process
then executes the stored code object for a text it finds there, and compiles any other text as
dataclasses would (a class changed since, another Python). The methods are the same either way:
the same text compiled with the same flags.

Only for the Python versions whose dataclasses build methods with `_create_fn` (3.11, 3.12);
on others nothing is changed.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys

_STORE = os.path.join(
    os.path.dirname(__file__), "__pycache__", f"dataclass-code.{sys.implementation.cache_tag}"
)
_VERSIONS = ((3, 11), (3, 12))

# method source -> its code object, or (read from the store) the code object marshalled: a
# process unmarshals only the methods of the classes it creates (half of them for a build)
_codes: dict[str, object] = {}
_used: set[str] = set()  # the texts this package's classes asked for
_original = None  # dataclasses' own _create_fn, once installed (the tests compare)


def install() -> None:
    """Let dataclasses take stored code objects (once a process)."""
    if sys.version_info[:2] not in _VERSIONS or not hasattr(dataclasses, "_create_fn"):
        return
    if dataclasses._create_fn is _create_fn:
        return
    global _original
    _codes.update(_load())
    _original = dataclasses._create_fn
    dataclasses._create_fn = _create_fn


def _load() -> dict[str, bytes]:
    """The store: each method's source text and its code object, marshalled."""
    try:
        with open(_STORE, "rb") as handle:
            stored = marshal.loads(handle.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if type(stored) is not dict or not all(
        type(k) is str and type(v) is bytes for k, v in stored.items()
    ):
        return {}
    return stored


def _code(stored: bytes) -> object | None:
    """A stored code object, or None when it does not unmarshal as one."""
    try:
        code = marshal.loads(stored)
    except (EOFError, ValueError, TypeError):
        return None
    return code if type(code) is type(_code.__code__) else None


def _create_fn(name, args, body, *, globals=None, locals=None, return_type=dataclasses.MISSING):  # noqa: A002
    # The text below is dataclasses._create_fn's own (Python 3.11 and 3.12), character for
    # character: only the exec() of the text becomes an exec() of its stored code object.
    if locals is None:
        locals = {}  # noqa: A001
    return_annotation = ""
    if return_type is not dataclasses.MISSING:
        locals["_return_type"] = return_type
        return_annotation = "->_return_type"
    args = ",".join(args)
    body = "\n".join(f"  {b}" for b in body)
    txt = f" def {name}({args}){return_annotation}:\n{body}"
    local_vars = ", ".join(locals.keys())
    txt = f"def __create_fn__({local_vars}):\n{txt}\n return {name}"
    code = _codes.get(txt)
    if type(code) is bytes:
        code = _codes[txt] = _code(code)
    if code is None:
        # as exec(txt) in dataclasses.py compiles it: no __future__ flags of this module
        code = _codes[txt] = compile(txt, "<string>", "exec", dont_inherit=True)
    if globals is not None and str(globals.get("__name__", "")).startswith("layout."):
        _used.add(txt)  # this package's: what `store` keeps
    ns: dict = {}
    exec(code, globals, ns)  # noqa: S102
    return ns["__create_fn__"](**locals)


def store() -> int:
    """Import every module of the package and store the code of every dataclass method made
    in this process (`make compile`); returns how many."""
    import importlib
    import pkgutil

    import layout

    install()
    for module in pkgutil.walk_packages(layout.__path__, "layout."):
        if module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)
    kept = {txt: marshal.dumps(_compiled(txt)) for txt in sorted(_used)}
    os.makedirs(os.path.dirname(_STORE), exist_ok=True)
    temporary = f"{_STORE}.{os.getpid()}.tmp"
    with open(temporary, "wb") as handle:
        handle.write(marshal.dumps(kept))
    os.replace(temporary, _STORE)
    return len(kept)


def _compiled(txt: str) -> object:
    code = _codes[txt]
    return _code(code) if type(code) is bytes else code


def main() -> None:
    """`make compile` (python -c: `python -m` would import this module twice). A folder that
    cannot be written only costs start-up time: every method is then compiled as before."""
    try:
        print(f"{store()} dataclass methods stored in {_STORE}")
    except OSError as error:
        print(f"dataclass methods not stored ({error}): they are compiled at start-up")
