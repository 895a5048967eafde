"""grader.checks.budget: each activity's budget plausible for its kind; the budgets add up to the total."""

from __future__ import annotations

import dataclasses

import pytest
from check_samples import RULES, edit, keys, no_hidden_criteria, sample  # noqa: F401 (autouse fixture)

from grader import checks
from grader.checks import budget
from grader.checks.dates import check_dates


def test_the_package_reexports_the_budget_criterion() -> None:
    assert checks.check_budget is budget.check_budget and checks.budget_problems is budget.budget_problems


def test_the_worked_plans_budgets_add_up() -> None:
    result = budget.check_budget(sample(), RULES)
    assert result.earned == 1 and not result.findings


def test_a_total_that_does_not_add_up_costs_only_the_totals_share() -> None:
    plan = sample()
    wrong = dataclasses.replace(plan, total_budget=(plan.total_budget or 0) + 100_000_000)
    result = budget.check_budget(wrong, RULES)
    assert result.earned == pytest.approx(4 / 5) and keys(result) == {"checks.budget_mismatch"}
    assert check_dates(wrong, RULES).earned == 1  # no cascade


def test_an_implausible_budget_is_named_with_its_kind() -> None:
    plan = sample()
    tiny = edit(plan, 2, budget=10_000)
    tiny = dataclasses.replace(tiny, total_budget=sum(a.budget or 0 for a in tiny.activities))
    result = budget.check_budget(tiny, RULES)
    assert result.earned == pytest.approx(4 / 5) and keys(result) == {"substance.budget_implausible"}
    assert budget.budget_problems(tiny.activities[1])[0] == 0


def test_a_missing_budget_and_a_missing_total_are_each_named() -> None:
    result = budget.check_budget(dataclasses.replace(edit(sample(), 3, budget=None), total_budget=None), RULES)
    assert {"checks.activity_no_budget", "checks.no_total_budget"} <= keys(result)
    assert result.earned == pytest.approx(3 / 5)


def test_a_total_above_the_exercises_limit_is_named() -> None:
    rules = dataclasses.replace(RULES, max_total_budget=1_000_000_000)
    result = budget.check_budget(sample(), rules)
    assert "substance.total_budget_too_large" in keys(result) and result.earned < 1
