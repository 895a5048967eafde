"""`ngoaivu`'s help in the trainers' language (issue 21, deliverable 4): every subcommand and option is
described from the catalogue (grader/messages/cli.yaml), Vietnamese by default, English by locale."""

from __future__ import annotations

import argparse

import pytest

from grader import messages
from grader.cli import build_parser, help_key
from grader.course import default_course_dir
from grader.messages import catalogue


def _commands(parser: argparse.ArgumentParser) -> tuple[argparse._SubParsersAction, dict[str, argparse.ArgumentParser]]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub, dict(sub.choices)


def _texts(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Every help text of the parser by its catalogue key."""
    sub, commands = _commands(parser)
    out: dict[str, str] = {}  # (the top description is written only in the catalogue)
    for choice in sub._choices_actions:
        out[f"cli.{choice.dest}.help"] = choice.help or ""
    for name, command in commands.items():
        out[f"cli.{name}.description"] = command.description or ""
        for action in command._actions:
            if action.dest != "help" and action.help:
                out[help_key(name, action.dest)] = action.help.replace(str(default_course_dir()), "{default}")
    return out


def test_every_subcommand_and_option_has_its_catalogue_entry() -> None:
    missing = sorted(set(_texts(build_parser(localised=False))) - set(catalogue()))
    assert not missing, f"add these keys to grader/messages/cli.yaml (vi and en): {missing}"


def test_the_catalogue_s_english_is_the_help_written_in_the_code() -> None:
    for key, english in _texts(build_parser(localised=False)).items():
        assert catalogue()[key]["en"] == english, f"{key}: update its en entry in grader/messages/cli.yaml"


def _help(parser: argparse.ArgumentParser, command: str | None = None) -> str:
    return (_commands(parser)[1][command] if command else parser).format_help()


def test_the_help_is_vietnamese_by_default() -> None:
    parser = build_parser()
    texts = [_help(parser)] + [_help(parser, name) for name in _commands(parser)[1]]
    for text in texts:
        assert text.startswith("cách dùng: ngoaivu") and "in hướng dẫn này rồi thoát" in text
        for english in ("usage:", "show this help", "options:", "positional arguments", "exit codes"):
            assert english not in text, (english, text[:200])
    assert "chấm song song các bài đã thu" in texts[0]
    autograde = _help(parser, "autograde")
    assert "chỉ chấm bài của học viên này" in autograde and f"hoặc {default_course_dir()})" in " ".join(
        autograde.split())


@pytest.fixture
def english() -> object:
    messages.set_locale("en")
    yield
    messages.set_locale("vi")


def test_the_help_is_english_for_maintainers(english: object) -> None:
    parser = build_parser()
    text = _help(parser, "autograde")
    assert text.startswith("usage: ngoaivu autograde") and "grade only this trainee's submissions" in text
    assert "exit codes: 0 success" in text
