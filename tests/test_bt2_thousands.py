"""“2.000” written as the article prints it is judged the same by the self-check and the grader (issue 20)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbgrader_helpers import solution_source

from grader.assignments import evaluate_all, load_hidden, unload_hidden
from grader.selfcheck import kiem_tra

ROOT = Path(__file__).resolve().parent.parent
BT2 = "bt2_doc_nguon"


@pytest.fixture(autouse=True)
def hidden_loaded():
    load_hidden(ROOT / "exercises" / "criteria")
    yield
    unload_hidden()


def _answer(edit: tuple[str, str] | None = None) -> object:
    nb = nbformat.read(ROOT / "exercises" / "source" / BT2 / f"{BT2}.ipynb", as_version=4)
    source = solution_source(nb, "tra_loi")
    if edit is not None:
        assert edit[0] in source
        source = source.replace(*edit)
    scope: dict[str, object] = {}
    exec(source, scope)  # the instructor's own solution block
    return scope["tra_loi"]


def _grade(answer: object) -> float:
    return sum(r.earned for r in evaluate_all(BT2, answer, include_hidden=True))


def test_two_thousand_with_a_dot_earns_what_the_self_check_promises():
    """Kind of defect: “Tốt lắm” at the self-check, 0.67 of 2 points lost at grading."""
    dotted = _answer(('"luot_can_bo_boi_duong": 2000', '"luot_can_bo_boi_duong": 2.000'))
    assert _grade(dotted) == pytest.approx(_grade(_answer()))
    report = kiem_tra(dotted, bai=BT2)
    assert not report.all_passed  # the note about the dot is shown, so “Tốt lắm” is not said
    assert any("2.000" in w and "2000" in w for w in report.writing)


def test_a_number_that_is_not_the_figure_stays_wrong():
    wrong = _answer(('"luot_can_bo_boi_duong": 2000', '"luot_can_bo_boi_duong": 3.000'))
    assert _grade(wrong) < _grade(_answer())
