"""``ngoaivu``: the instructor's command-line tool.

Each subcommand lives in its own module under ``grader.cli`` and registers
itself through a ``register(subparsers)`` function listed in ``SUBCOMMANDS``.

The help the trainers read comes from the message catalogue (``grader/messages/cli.yaml``):
:func:`build_parser` gives every parser, subcommand and option the text of its key, in Vietnamese by
default and in English with ``NGOAIVU_LOCALE=en``. The English help written beside each option in the
code is the maintainers' copy of the ``en`` entry (a test keeps the two equal).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from grader.messages import catalogue, t

# Modules providing subcommands, in the order `--help` lists them.
SUBCOMMANDS: tuple[str, ...] = (
    "grader.cli.sources",
    "grader.cli.setup",
    "grader.cli.release",
    "grader.cli.collect",
    "grader.cli.autograde",
    "grader.cli.watch",
    "grader.cli.feedback",
    "grader.cli.export",
    "grader.cli.report",
)


class CLIError(Exception):
    """An error the instructor can fix; printed without a traceback."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's layout, with its "usage:" in the current locale."""

    def add_usage(self, usage: str | None, actions: Sequence[argparse.Action],
                  groups: Sequence[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, t("cli.usage") if prefix is None else prefix)


def help_key(command: str | None, dest: str) -> str:
    """The catalogue key of an option's help: shared options (``--course``, ``--db``) have one key for all."""
    shared = f"cli.opt.{dest}"
    return shared if shared in catalogue() or command is None else f"cli.{command}.opt.{dest}"


def _localise(parser: argparse.ArgumentParser, command: str | None) -> None:
    from grader.course import default_course_dir

    known = catalogue()
    parser.formatter_class = HelpFormatter
    parser._positionals.title = t("cli.positionals")
    parser._optionals.title = t("cli.optionals")
    if command is not None:
        parser.description = t(f"cli.{command}.description")
        parser.epilog = t("cli.exit_codes")
    for action in parser._actions:
        if action.dest == "help":
            action.help = t("cli.help_option")
        elif isinstance(action, argparse._SubParsersAction):
            action.metavar = t("cli.commands")
            for choice in action._choices_actions:
                choice.help = t(f"cli.{choice.dest}.help")
        elif help_key(command, action.dest) in known:
            action.help = t(help_key(command, action.dest), default=str(default_course_dir()))


def build_parser(localised: bool = True) -> argparse.ArgumentParser:
    """The ``ngoaivu`` parser; ``localised=False`` keeps the English help written in the code (for the test
    that keeps the catalogue's ``en`` entries equal to it)."""
    parser = argparse.ArgumentParser(prog="ngoaivu", description=t("cli.description"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(sub)
    if not localised:
        return parser
    _localise(parser, None)
    for name, subparser in sub.choices.items():
        _localise(subparser, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CLIError as exc:
        print(f"ngoaivu {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"ngoaivu {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
