"""Compiled kernels: a few modules of plain Python that Cython compiles as they are.

A kernel is an ordinary module (`layout/text/breakloop.py`, ...) holding only inner loops over
plain lists and bytes, with a `.pxd` beside it that gives its locals C types. `make compile`
builds each into an extension module beside its source (`python -m layout.native`), and
Python's import system prefers the extension. The source stays the reference: the tests run
both and compare (tests/speed/test_kernels.py), and a build made with either writes the same
bytes.

`kernel(name)` is how the rest of the code imports one. It returns the compiled module only
when it was built after its source was last changed; otherwise (not built, a source edited
since, or $HRB_LAYOUT_PURE=1) the source itself, so a stale extension never runs.
"""

from __future__ import annotations

import importlib
import os
import sys
import warnings
from pathlib import Path
from types import ModuleType

PURE_ENV = "HRB_LAYOUT_PURE"  # set to 1 to run every kernel from its Python source

_TEMP = Path(".cache/kernels")  # object files, under the project root

#: The kernels, by module name (each has a .py and a .pxd).
KERNELS = ("layout.text.breakloop", "layout.fonts.charstrings", "layout.render.pdf.tjloop")


def kernel(name: str) -> ModuleType:
    """The kernel module `name`: compiled when that is current, else its Python source."""
    module = importlib.import_module(name)
    source = _source_path(name)
    if not is_compiled(module):
        return module
    if os.environ.get(PURE_ENV) == "1" or _stale(Path(module.__file__), source):
        return pure(name)
    return module


def is_compiled(module: ModuleType) -> bool:
    return not str(module.__file__).endswith(".py")


def pure(name: str) -> ModuleType:
    """The kernel executed from its Python source, whether or not it is compiled."""
    key = name + "  (source)"
    module = sys.modules.get(key)
    if module is None:
        import importlib.util  # only here: the compiled kernels are the usual case

        spec = importlib.util.spec_from_file_location(name, _source_path(name))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[key] = module
    return module


def _source_path(name: str) -> Path:
    return Path(__file__).parent.parent.joinpath(*name.split(".")).with_suffix(".py")


def _stale(extension: Path, source: Path) -> bool:
    built = extension.stat().st_mtime
    declared = source.with_suffix(".pxd")
    return any(p.exists() and p.stat().st_mtime > built for p in (source, declared))


def build(quiet: bool = True) -> list[str]:
    """Compile every kernel in place (`make compile`); returns the problems, one line each.

    Without Cython or a C compiler nothing is built and the sources run: slower, same bytes.
    """
    try:
        import Cython.Build  # noqa: F401 - _compile's; missing, nothing is built
        from setuptools import Extension
    except ImportError as error:
        return [f"kernels not compiled ({error}): the Python sources run instead"]
    root = Path(__file__).parent.parent
    kernels = [
        Extension(
            name,
            [str(_source_path(name).relative_to(root))],
            # the same double arithmetic as Python: no fused multiply-add, no fast-math, and
            # x ** 2 from libm's pow() as Python takes it (GCC would make it x * x, which
            # rounds differently for some x)
            extra_compile_args=["-O2", "-ffp-contract=off", "-fno-fast-math", "-fno-builtin"],
        )
        for name in KERNELS
    ]
    problem = _compile(root, "hrb-layout-kernels", kernels, quiet)
    if problem:  # a failed compile leaves the sources running
        return [f"kernels not compiled: {problem}"]
    if not sys.platform.startswith("linux"):
        return []
    linux = [Extension(n, [str(Path(*n.split(".")).with_suffix(".pyx"))]) for n in LINUX_ONLY]
    problem = _compile(root, "hrb-layout-linux", linux, quiet)
    if problem:  # its callers fall back to ctypes
        return [f"{', '.join(LINUX_ONLY)} not compiled ({problem}): ctypes is used instead"]
    return []


#: Extensions with no Python source: Linux system calls that ctypes reaches more slowly.
LINUX_ONLY = ("layout.deathsignal",)

_DIRECTIVES = {
    "language_level": 3,
    "boundscheck": False,
    "wraparound": False,
    "annotation_typing": False,  # the .pxd files give the types; annotations are for readers
    "embedsignature": True,
}


def _compile(root: Path, name: str, extensions: list, quiet: bool) -> str:
    """Cythonize and build `extensions` in place, each beside its source; "" or the problem."""
    from Cython.Build import cythonize
    from setuptools import setup

    cwd = os.getcwd()
    os.chdir(root)  # --inplace puts each module beside its source, found from here
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # setuptools' notes on pyproject.toml are not ours
            modules = cythonize(extensions, compiler_directives=_DIRECTIVES, quiet=quiet)
            setup(
                name=name,
                ext_modules=modules,
                script_args=[
                    "-q" if quiet else "-v",
                    *("build_ext", "--inplace", "--build-temp", str(_TEMP)),
                    *("--build-lib", str(_TEMP)),
                ],
            )
    except (SystemExit, Exception) as error:
        return str(error) or type(error).__name__
    finally:
        os.chdir(cwd)
    return ""


if __name__ == "__main__":
    problems = build(quiet="-v" not in sys.argv)
    for line in problems:
        print(line, file=sys.stderr)
    sys.exit(0)
