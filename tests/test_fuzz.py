"""The answer path's invariant, as a property: for any answer, in the data form or the text form,

* the plan reader, the self-check, ``cham`` (every criterion, hidden ones loaded) and the grading path's
  export and re-check raise nothing but the documented ``AnswerError`` (which earns 0 with its reasons);
* the self-check's verdict, ``cham``'s points and the points nbgrader reads from the re-checked test cell
  agree for every criterion.

Bounded to stay fast (well under a minute); benchmarks/fuzz_benchmark.py runs the same judge over
10,000 answers.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from fuzz_answers import TEXT_IDS, Mutator, judge, load_hidden_criteria, solution_forms
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from grader import assignments
from grader.assignments import ASSIGNMENT_IDS
from grader.grading import export as ex

FAST = settings(max_examples=15, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def hidden_criteria():
    load_hidden_criteria()
    yield
    assignments.unload_hidden()


def _check(assignment_id: str, answer: object) -> None:
    outcome = judge(assignment_id, answer)
    assert not outcome.defects, "\n".join(outcome.defects[:5])


plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.dates(min_value=dt.date(1, 1, 1)) | st.integers(4_000, 6_000).map(lambda digits: 10**digits)
    | st.sampled_from([math.nan, -math.inf, "{ ... }", "\ud800", "30/6/2024", "2.000.000.000 đồng"]),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.sampled_from(["ten", "mo_ta", "hoat_dong", "linh_vuc", "chi_so", "x"]) | st.integers(),
                      inner, max_size=4),
    max_leaves=12,
)


@FAST
@given(assignment=st.sampled_from(ASSIGNMENT_IDS), answer=plain_values)
def test_any_value_is_judged_the_same_everywhere(assignment: str, answer: object) -> None:
    _check(assignment, answer)


@FAST
@given(assignment=st.sampled_from(ASSIGNMENT_IDS), seed=st.integers(0, 2**32 - 1))
def test_a_solution_with_one_field_changed_is_judged_the_same_everywhere(assignment: str, seed: int) -> None:
    mutator = Mutator(seed)
    _check(assignment, mutator.mutate_data(solution_forms(assignment)[0]))


@FAST
@given(assignment=st.sampled_from(TEXT_IDS), seed=st.integers(0, 2**32 - 1))
def test_a_text_plan_with_one_line_changed_is_judged_the_same_everywhere(assignment: str, seed: int) -> None:
    mutator = Mutator(seed)
    text = solution_forms(assignment)[-1]
    assume(isinstance(text, str))  # every plan and proposal has a text form (grader.plan_text)
    _check(assignment, mutator.mutate_text(text))


@settings(max_examples=30, deadline=None, derandomize=True)
@given(answer=plain_values)
def test_the_export_gives_back_the_plain_form(answer: object) -> None:
    plain = ex.plain(answer)
    exported = ex.read_payload(ex.export_payload({"x": answer}, "x"))
    assert exported.status == ex.EXPORT_OK
    assert _same(exported.value, plain)


def _same(a: object, b: object) -> bool:
    """The very same values and types, all the way down (NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)  # type: ignore[arg-type]
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)  # type: ignore[index,call-overload]
    return a == b


@pytest.mark.parametrize("assignment", ASSIGNMENT_IDS)
def test_the_solutions_in_both_forms_score_full_marks_everywhere(assignment: str) -> None:
    for form in solution_forms(assignment):
        outcome = judge(assignment, form)
        assert not outcome.defects, outcome.defects[:5]
        total = sum(assignments.evaluate(assignment, form, c.key).earned for c in assignments.get(assignment).criteria)
        assert total == assignments.get(assignment).total_points


@pytest.mark.parametrize("assignment", TEXT_IDS)
@pytest.mark.parametrize("period", ["𐜌𐦼 ẵ", "", "31/02/2024 - 30/02/2024", "2025 - 2024", "1/1/99999 - 2/2/99999"])
def test_a_plan_period_that_cannot_be_read_is_judged_the_same_everywhere(assignment: str, period: str) -> None:
    text = solution_forms(assignment)[-1]
    assert isinstance(text, str)
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("Thời gian:"))
    lines[first] = f"Thời gian: {period}"
    _check(assignment, "\n".join(lines))
