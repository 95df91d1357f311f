"""The `layout` command. Each subcommand lives in layout/commands/<name>.py and provides
`add_arguments(parser)` and `run(args) -> int`; they are imported only when used so that
`layout check` does not pay for the PDF writer."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys

from layout.errors import LayoutError

# subcommand name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("layout.commands.check", "load and validate an issue folder"),
    "import": ("layout.commands.import_", "turn OCR/Markdown text into a draft issue folder"),
    "typeset-text": (
        "layout.commands.typeset_text",
        "set a plain text file in one justified column",
    ),
    "build": ("layout.commands.build", "build an issue folder into PDF"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="layout", description=__doc__.splitlines()[0])
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
    # A build allocates a few hundred thousand small objects that hold no reference cycles;
    # the cyclic collector would only walk them again and again (~10 % of a build).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return int(modules[args.command].run(args) or 0)
    except LayoutError as error:
        print(str(error), file=sys.stderr)  # `file:line:column: message (hint)`, one a line
        return error.exit_status
    except KeyboardInterrupt:
        return 130
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
