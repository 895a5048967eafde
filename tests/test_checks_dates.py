"""grader.checks.dates: the plan period the exercise states, each activity's dates inside it."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from check_samples import RULES, edit, keys, no_hidden_criteria, sample  # noqa: F401 (autouse fixture)

from grader import checks
from grader.checks import dates
from grader.checks.budget import check_budget


def test_the_package_reexports_the_dates_criteria() -> None:
    assert checks.check_dates is dates.check_dates and checks.check_period is dates.check_period


def test_the_worked_plan_has_sound_dates() -> None:
    result = dates.check_dates(sample(), RULES)
    assert result.earned == 1 and not result.findings


def test_reversed_dates_cost_only_their_activitys_share() -> None:
    plan = sample()
    reversed_ = edit(plan, 2, start=dt.date(2027, 10, 31), end=dt.date(2027, 9, 1))
    result = dates.check_dates(reversed_, RULES)
    assert result.earned == pytest.approx(4 / 5)  # the plan period plus four activities, one of them wrong
    assert keys(result) == {"checks.activity_dates_reversed"}
    assert check_budget(reversed_, RULES).earned == check_budget(plan, RULES).earned  # no cascade


def test_an_activity_outside_the_plan_period_is_named() -> None:
    outside = edit(sample(), 4, end=dt.date(2029, 3, 31))
    result = dates.check_dates(outside, RULES)
    assert result.earned < 1 and keys(result) == {"checks.activity_outside_period"}


def test_an_activity_without_dates_is_named() -> None:
    result = dates.check_dates(edit(sample(), 3, start=None, end=None), RULES)
    assert result.earned == pytest.approx(4 / 5) and keys(result) == {"checks.activity_no_dates"}


def test_the_plan_period_must_be_the_exercises() -> None:
    shifted = dataclasses.replace(sample(), end=dt.date(2029, 12, 31))
    result = dates.check_dates(shifted, RULES)
    assert "substance.period_outside" in keys(result) and result.earned < 1


def test_check_period_wants_exactly_the_period_set() -> None:
    plan = sample()
    assert dates.check_period(plan, start=dt.date(2027, 1, 1), end=dt.date(2028, 12, 31)).earned == 1
    late = dates.check_period(plan, start=dt.date(2028, 1, 1), end=dt.date(2029, 12, 31))
    assert late.earned == 0 and keys(late) == {"checks.wrong_period"}
