"""grader.checks.indicators: a plausible number, a unit, a deadline inside the plan, tied to the activity."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from check_samples import RULES, activity, edit, keys, no_hidden_criteria, sample  # noqa: F401 (autouse fixture)

from grader import checks
from grader.checks import indicators
from grader.checks.partners import check_partners


def test_the_package_reexports_the_indicator_criteria() -> None:
    assert checks.check_indicators is indicators.check_indicators
    assert checks.indicator_score is indicators.indicator_score and checks.best_indicator is indicators.best_indicator


def test_the_worked_plans_indicators_are_sound() -> None:
    plan = sample()
    assert indicators.check_indicators(plan, RULES).earned == 1
    assert all(indicators.best_indicator(a, plan) == 1 for a in plan.activities)


def test_a_deadline_after_the_plan_costs_a_quarter_of_one_indicator() -> None:
    plan = sample()
    late = dataclasses.replace(activity(plan, 2).indicators[0], deadline=dt.date(2026, 6, 30))
    edited = edit(plan, 2, indicators=(late,))
    result = indicators.check_indicators(edited, RULES)
    assert result.earned == pytest.approx((3 + 0.75) / 4)
    assert keys(result) == {"checks.indicator_deadline_outside"}
    assert check_partners(edited, RULES).earned == 1  # no cascade


def test_an_indicator_with_no_phrase_or_no_deadline_is_named() -> None:
    plan = sample()
    bare = dataclasses.replace(activity(plan, 3).indicators[0], metric="", deadline=None)
    score, problems = indicators.indicator_score(bare, 1, plan.start, plan.end, activity(plan, 3))
    assert score == pytest.approx(0.5)
    assert {p.key for p in problems} == {"checks.indicator_no_metric", "checks.indicator_no_deadline"}


def test_an_activity_without_indicators_earns_nothing_here() -> None:
    result = indicators.check_indicators(edit(sample(), 4, indicators=()), RULES)
    assert result.earned == pytest.approx(3 / 4) and keys(result) == {"checks.activity_no_indicator"}


def test_an_indicator_problem_names_the_activity_s_line_wherever_it_is_shown() -> None:
    """Issue 21/20: the grading feedback, not only the self-check, says on which line the activity starts."""
    plan = sample()
    bare = dataclasses.replace(activity(plan, 2).indicators[0], deadline=None)
    edited = edit(plan, 2, line=23, indicators=(bare,))
    messages = indicators.check_indicators(edited, RULES).messages("vi")
    assert any("dòng 23" in m and "Hoạt động 2" in m for m in messages), messages
