"""The `layout` command. Each subcommand lives in layout/commands/<name>.py and provides
`add_arguments(parser)` and `run(args) -> int`; they are imported only when used so that
`layout check` does not pay for the PDF writer."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from layout.errors import LayoutError

# subcommand name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": (
        "layout.commands.check",
        "validate an issue folder: every error with its file:line, writes nothing",
    ),
    "import": (
        "layout.commands.import_",
        "bring articles in: Word .docx and Markdown files (into an issue, or a new draft), or "
        "an OCR text of a printed issue",
    ),
    "typeset-text": (
        "layout.commands.typeset_text",
        "set a plain text file in one justified column (tries the line composer alone)",
    ),
    "build": (
        "layout.commands.build",
        "build an issue folder into its PDF, with the fit report and report.html",
    ),
    "fix": ("layout.commands.fix", "repair paste artefacts in article files, in place"),
    "watch": ("layout.commands.watch", "rebuild an issue's PDF on every save (resident)"),
    "preflight": ("layout.commands.preflight", "check a print PDF as a print shop would"),
    "new": ("layout.commands.new", "start the next issue's folder from the last one"),
    "proof": ("layout.commands.proof", "proof PDF with line numbers; marks changes since a round"),
}

DESCRIPTION = (
    "Typeset a Chinese magazine issue: an issue folder (issue.yaml and article texts) in, a "
    "print PDF out. A month: `new` starts the issue, `import` brings the articles in, `check` "
    "and `build` set it (open output/<issue>/report.html), `proof` and `preflight` hand it on."
)
DEBUG_ENV = "HRB_LAYOUT_DEBUG"  # set to 1 to see the traceback of an internal error
EXIT_SOFTWARE = 70  # sysexits.h EX_SOFTWARE: a bug of ours, not the user's input
_LONGEST_MESSAGE = 300  # characters of an internal error's message shown


class Interrupted(BaseException):
    """A termination signal (SIGTERM, SIGHUP) turned into an exception, so that every `finally`
    runs: temporaries are removed and the child process is killed before the command exits."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def main(argv: list[str] | None = None) -> int:
    # the `layout` program itself (not a caller in this process), and not under a profiler or
    # a coverage tracer, which write their results on the ordinary way out
    exiting = argv is None and sys.getprofile() is None and sys.gettrace() is None
    status = _run(argv, exiting)
    if exiting:
        _exit_now(status)
    return status


def _exit_now(status: int) -> None:
    """Exit without tearing the interpreter down: freeing a build's few hundred thousand
    objects one by one takes 30-40 ms and helps nothing. Every `finally` has run by now (the
    PDF is renamed into place, temporaries removed); only the output streams need flushing,
    and the children that sent their share collected (they have exited by now)."""
    parallel = sys.modules.get("layout.parallel")  # only a command that forked has children
    if parallel is not None:
        parallel.reap_exiting()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the status is still what counts
        status = status or 128 + signal.SIGPIPE
    os._exit(status)


def _run(argv: list[str] | None, exiting: bool = False) -> int:
    # The handlers are restored inside the `try`: a signal that lands while they are being
    # restored (the work done) still ends in one line and the right status, not a traceback.
    try:
        with _signals():
            return _main(argv, exiting)
    except LayoutError as error:
        print(str(error), file=sys.stderr)  # `file:line:column: message (hint)`, one a line
        return error.exit_status
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 128 + signal.SIGINT
    except Interrupted as stop:
        print(f"interrupted ({signal.Signals(stop.signum).name})", file=sys.stderr)
        return 128 + stop.signum
    except BrokenPipeError:
        return _broken_pipe()
    except Exception as error:  # the safety net: a bug, told in one line, never a traceback
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        print(internal_error(error), file=sys.stderr)
        return EXIT_SOFTWARE


def _main(argv: list[str] | None, exiting: bool = False) -> int:
    # A command allocates a few hundred thousand small objects, and its modules a few tens of
    # thousands more while they are imported; none of them holds reference cycles worth
    # collecting, so the cyclic collector would only walk them again and again (~10 % of a
    # build, 30 ms of its imports). A process `exiting` right after the command stays without
    # it: turned back on, its first allocation would have it walk all those objects (13 ms).
    collecting = gc.isenabled() and not exiting
    gc.disable()
    try:
        return _command(argv)
    finally:
        if collecting:
            gc.enable()


def _command(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="layout",
        description=DESCRIPTION,
        epilog="docs/editor-guide.md walks through an issue's month; `layout COMMAND --help` "
        "tells a command's options.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = {}
    wanted = (argv if argv is not None else sys.argv[1:])[:1]
    for name, (module_name, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        if wanted and wanted[0] == name:
            module = importlib.import_module(module_name)
            module.add_arguments(p)
            modules[name] = module
    args = parser.parse_args(argv)
    return int(modules[args.command].run(args) or 0)


class _Version(argparse.Action):
    """`--version`: the version is looked up only when asked for (importlib.metadata takes
    40 ms to import, a tenth of a rebuild)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"{parser.prog} {_version()}")  # on stdout, as argparse's own version action
        parser.exit()


def _version() -> str:
    """The installed package's version (pyproject.toml), as pip knows it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hrb-layout")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"


def internal_error(error: BaseException) -> str:
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if len(message) > _LONGEST_MESSAGE:
        message = message[:_LONGEST_MESSAGE] + "…"
    what = f"{type(error).__name__}: {message}" if message else type(error).__name__
    return f"internal error: {what} (please report; run with {DEBUG_ENV}=1 for the traceback)"


@contextmanager
def _signals() -> Iterator[None]:
    """For the length of a command: termination signals raise Interrupted, and the file-size
    limit makes writes fail with EFBIG (an error we can report) instead of killing us."""
    handlers = {}

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    wanted = {"SIGTERM": stop, "SIGHUP": stop, "SIGXFSZ": signal.SIG_IGN}
    try:
        for name, handler in wanted.items():
            number = getattr(signal, name, None)
            if number is None:
                continue
            previous = signal.getsignal(number)
            if previous is signal.SIG_IGN and handler is stop:
                continue  # started under nohup or as a background job: stay deaf to it
            handlers[number] = previous
            signal.signal(number, handler)
    except ValueError:  # not the main thread (an embedding program): leave signals alone
        pass
    try:
        yield
    finally:
        for number, previous in handlers.items():
            signal.signal(number, previous if previous is not None else signal.SIG_DFL)


def _broken_pipe() -> int:
    """The reader of our output went away (`layout build | head`): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return 128 + signal.SIGPIPE


if __name__ == "__main__":
    sys.exit(main())
