"""The cohort report speaks the trainers' language: Vietnamese by default, English for maintainers by locale."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from grader import messages, report

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def english():
    messages.set_locale("en")
    yield
    messages.set_locale("vi")


def test_the_report_s_words_are_vietnamese_by_default() -> None:
    assert report._img(None, messages.t("report.h.provinces")) == (
        "<p class='muted'>Chưa có dữ liệu cho: Điểm trung bình theo tỉnh.</p>")


def test_the_report_s_words_are_english_for_maintainers(english: None) -> None:
    assert report._img(None, messages.t("report.h.provinces")) == (
        "<p class='muted'>No data yet for: Average per province.</p>")


def test_no_chart_or_heading_of_the_report_is_written_in_the_code() -> None:
    """Every title, axis label and heading comes from the catalogue (report.yaml), not from a string literal."""
    tree = ast.parse((REPO / "grader" / "report.py").read_text(encoding="utf-8"))
    docstrings = {id(ast.get_docstring(n, clean=False) and n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "set_title", "set_xlabel", "set_ylabel"):
            assert not any(isinstance(arg, ast.Constant | ast.JoinedStr) for arg in node.args), ast.unparse(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            for english in ("per assignment", "per province", "most often failed", "could not be", "No data"):
                assert english not in node.value, node.value
