"""``ngoaivu``: the instructor's command-line tool.

Each subcommand lives in its own module under ``grader.cli`` and registers
itself through a ``register(subparsers)`` function listed in ``SUBCOMMANDS``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ngoaivu",
        description="Instructor tool for the local foreign-affairs course: sources, nbgrader course, grading, reports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(sub)
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
