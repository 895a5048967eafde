"""Exercise 5 (capstone): a province's local foreign-affairs plan for the course's plan period.

Answer variable: ``ke_hoach`` (see :mod:`grader.plan`). Public criteria: those of
:func:`~grader.assignments.plan_criteria.generic_plan_criteria`, for a plan within the course's plan period
(:func:`grader.period.current`, the trainer's setting) with at least
seven activities. Further criteria are applied at grading (instructor side).
"""

from __future__ import annotations

from grader.assignments import Assignment
from grader.assignments.plan_criteria import generic_plan_criteria, parse
from grader.checks import PlanRules
from grader.checks.gates import plan_gate
from grader.period import current

MIN_ACTIVITIES = 7
MAX_TOTAL_BUDGET = 50_000_000_000


def rules() -> PlanRules:
    """The exercise's rules for the plan period in force (the trainer's setting, or the released notebook's)."""
    period = current()
    return PlanRules(period_start=period.start, period_end=period.end, min_activities=MIN_ACTIVITIES,
                     max_total_budget=MAX_TOTAL_BUDGET)


ASSIGNMENT = Assignment(
    id="bt5_ke_hoach_tinh",
    title_key="assignment.bt5_ke_hoach_tinh",
    answer_variable="ke_hoach",
    parse=parse,
    criteria=generic_plan_criteria(rules),
    gate=plan_gate,
    hidden_at_grading=True,  # instructor-side criteria (exercises/criteria) are applied at grading
)
