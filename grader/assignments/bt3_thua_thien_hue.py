"""Exercise 3: an action plan for Thừa Thiên Huế to attract investors and international tourists.

Answer variable: ``ke_hoach`` (see :mod:`grader.plan`). Public criteria: those of
:func:`~grader.assignments.plan_criteria.generic_plan_criteria`, for a plan within 2024-2025 with at least
four activities. Further criteria are applied at grading (instructor side).
"""

from __future__ import annotations

import datetime as dt

from grader.assignments import Assignment
from grader.assignments.plan_criteria import generic_plan_criteria, parse
from grader.checks import PlanRules
from grader.checks.gates import plan_gate

RULES = PlanRules(period_start=dt.date(2024, 1, 1), period_end=dt.date(2025, 12, 31), min_activities=4,
                  max_total_budget=20_000_000_000)

ASSIGNMENT = Assignment(
    id="bt3_thua_thien_hue",
    title_key="assignment.bt3_thua_thien_hue",
    answer_variable="ke_hoach",
    parse=parse,
    criteria=generic_plan_criteria(RULES),
    gate=plan_gate,
    hidden_at_grading=True,  # instructor-side criteria (exercises/criteria) are applied at grading
)
