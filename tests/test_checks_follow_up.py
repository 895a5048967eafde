"""grader.checks.follow_up: signed commitments followed up after the activity, before the plan ends, by someone."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from check_samples import RULES, activity, edit, keys, no_hidden_criteria, sample  # noqa: F401 (autouse fixture)

from grader import checks
from grader.checks import follow_up
from grader.checks.dates import check_dates


def test_the_package_reexports_the_follow_up_criteria() -> None:
    assert checks.check_follow_up is follow_up.check_follow_up
    assert checks.commitment_follow_up is follow_up.commitment_follow_up


def test_the_worked_plan_follows_up_its_memoranda() -> None:
    plan = sample()
    assert follow_up.check_follow_up(plan, RULES).earned == 1
    assert follow_up.commitment_follow_up(activity(plan, 1), plan, ("biên bản ghi nhớ", "doanh nghiệp")) > 0
    assert follow_up.commitment_follow_up(activity(plan, 2), plan, ("biên bản ghi nhớ",)) == 0  # signs nothing


def test_a_signing_activity_without_follow_up_earns_nothing_here() -> None:
    plan = sample()
    edited = edit(plan, 1, follow_ups=())
    result = follow_up.check_follow_up(edited, RULES)
    assert result.earned == pytest.approx(3 / 4) and keys(result) == {"checks.no_follow_up"}
    assert check_dates(edited, RULES).earned == 1  # no cascade


def test_a_follow_up_before_the_activity_ends_is_mistimed() -> None:
    plan = sample()
    first = activity(plan, 1)
    early = (dataclasses.replace(first.follow_ups[0], deadline=dt.date(2027, 5, 1)), *first.follow_ups[1:])
    score, problems = follow_up.follow_up_problems(activity(edit(plan, 1, follow_ups=early), 1), plan)
    assert score < 1 and "substance.follow_up_timing" in {p.key for p in problems}


def test_an_activity_that_signs_nothing_needs_no_follow_up() -> None:
    plan = sample()
    assert not activity(plan, 3).signs_agreements
    assert follow_up.check_follow_up(edit(plan, 3, follow_ups=()), RULES).earned == 1


def test_a_follow_up_says_who_does_it() -> None:
    assert follow_up.names_owner("Sở Kế hoạch và Đầu tư rà soát từng biên bản ghi nhớ")
    assert not follow_up.names_owner("rà soát từng biên bản ghi nhớ")
