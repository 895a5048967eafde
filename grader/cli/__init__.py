"""``ngoaivu``: the instructor's command-line tool.

Each subcommand lives in its own module under ``grader.cli`` and registers
itself through a ``register(subparsers)`` function listed in ``SUBCOMMANDS``.

The help the trainers read comes from the message catalogue (``grader/messages/cli.yaml``):
:func:`build_parser` gives every parser, subcommand and option the text of its key, in Vietnamese by
default and in English with ``NGOAIVU_LOCALE=en``. The English help written beside each option in the
code is the maintainers' copy of the ``en`` entry (a test keeps the two equal). Everything the commands
print while they run comes from the catalogue too (``grader/messages/cli_run.yaml``), argparse's own
option errors included (:meth:`ArgumentParser.error`); tests/test_cli_vi.py keeps English out of it.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from grader.messages import catalogue, has, t

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


# argparse's error messages (English, from its gettext calls) and the catalogue key saying each one.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (?P<names>.*)"), "cli.argparse.required"),
    (re.compile(r"unrecognized arguments: (?P<args>.*)"), "cli.argparse.unrecognized"),
    (re.compile(r"argument (?P<option>\S+): invalid (?P<kind>\w+) value: (?P<value>.*)"),
     "cli.argparse.invalid_value"),
    (re.compile(r"argument (?P<option>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)"),
     "cli.argparse.invalid_choice"),
    (re.compile(r"argument (?P<option>\S+): expected one argument"), "cli.argparse.expected_one"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"), "cli.argparse.ambiguous"),
)


def argparse_message(message: str) -> str:
    """argparse's error ``message`` in the current locale (as argparse wrote it when it is not a known one)."""
    for pattern, key in _ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            params = found.groupdict()
            if "kind" in params and has(f"cli.argparse.kind.{params['kind']}"):
                params["kind"] = t(f"cli.argparse.kind.{params['kind']}")
            return t(key, **params)
    return message


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, reporting a wrong option in the current locale (``ngoaivu autograde: lỗi: ...``)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{t('cli.error', prog=self.prog)} {argparse_message(message)}\n")


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
        shown = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
        if action.nargs != 0 and isinstance(shown, str) and f"cli.metavar.{shown}" in known:
            action.metavar = t(f"cli.metavar.{shown}")  # the value's placeholder: THƯ_MỤC, not DIR


def build_parser(localised: bool = True) -> argparse.ArgumentParser:
    """The ``ngoaivu`` parser; ``localised=False`` keeps the English help written in the code (for the test
    that keeps the catalogue's ``en`` entries equal to it)."""
    parser = ArgumentParser(prog="ngoaivu", description=t("cli.description"))
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
        print(t("cli.error", prog=f"ngoaivu {args.command}"), exc, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(t("cli.interrupted", prog=f"ngoaivu {args.command}"), file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
