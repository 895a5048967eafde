"""The course's worked plan as records, and small edits of it, for the per-concern tests of grader.checks.

The worked plan (:func:`grader.examples.ke_hoach_mau_van_ban`) earns full marks on every public criterion;
each test changes one field of one activity and looks at the one criterion that judges it (and at a
criterion that does not, which must not move: nothing cascades). The course-copy rule is off here (no
hidden criteria loaded), as in a trainee's kernel.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from grader import period
from grader.assignments import unload_hidden
from grader.checks import PlanRules
from grader.examples import ke_hoach_mau_van_ban
from grader.plan import Activity, Plan, read_plan

RULES = PlanRules(period.SOURCE.start, period.SOURCE.end, 4)  # the period the worked example is written for


@pytest.fixture(autouse=True)
def no_hidden_criteria() -> None:
    unload_hidden()


def sample() -> Plan:
    """The worked plan: four activities; activity 1 signs memoranda and is followed up."""
    plan = read_plan(ke_hoach_mau_van_ban())
    assert len(plan.activities) == 4 and plan.activities[0].signs_agreements
    return plan


def edit(plan: Plan, number: int, **changes: Any) -> Plan:
    """``plan`` with activity ``number`` changed (fields of :class:`grader.plan.Activity`)."""
    activities = tuple(dataclasses.replace(a, **changes) if a.number == number else a for a in plan.activities)
    return dataclasses.replace(plan, activities=activities)


def activity(plan: Plan, number: int) -> Activity:
    return next(a for a in plan.activities if a.number == number)


def keys(result: Any) -> set[str]:
    return {f.key for f in result.findings}
