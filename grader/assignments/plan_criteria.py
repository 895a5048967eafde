"""Criteria shared by the action-plan exercises (bt3, bt5): the public checks of grader.checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from grader import checks
from grader.assignments import Criterion
from grader.checks import PlanRules
from grader.plan import Plan, read_plan
from grader.results import CheckResult


def parse(raw: Any) -> Plan:
    """Assignments read plans tolerantly so that one bad field costs only its own criterion."""
    return read_plan(raw)


def public(key: str, check: Callable[[Any], CheckResult], points: float) -> Criterion:
    return Criterion(key=key, title_key=f"crit.{key}", points=points, hidden=False, check=check)


def hidden(key: str, check: Callable[[Any], CheckResult], points: float, title_key: str | None = None) -> Criterion:
    """A hidden criterion (defined only in the instructor's ``exercises/criteria/<id>.py``)."""
    return Criterion(key=key, title_key=title_key or f"hidden.{key}", points=points, hidden=True, check=check)


def generic_plan_criteria(rules: PlanRules) -> tuple[Criterion, ...]:
    """The public criteria every action plan is judged on, in the order test cells present them.

    Substance carries most of the points: an activity that says nothing concrete earns nothing in
    any of them (see :mod:`grader.checks`).
    """
    return (
        public("truong_bat_buoc", partial(checks.check_required_fields, rules=rules), 1),
        public("ngay_hop_le", partial(checks.check_dates, rules=rules), 1),
        public("chi_so_do_duoc", partial(checks.check_indicators, rules=rules), 2),
        public("linh_vuc_tru_cot_hop_le", partial(checks.check_focus_and_pillars, rules=rules), 2),
        public("doi_tac_thuc_chat", partial(checks.check_partners, rules=rules), 1),
        public("hoat_dong_cu_the", partial(checks.check_concrete, rules=rules), 3),
        public("chi_tiet", partial(checks.check_detail, rules=rules), 3),
        public("hoat_dong_khac_biet", partial(checks.check_distinct, rules=rules), 1),
        public("ngan_sach", partial(checks.check_budget, rules=rules), 1),
        public("theo_doi_cam_ket", partial(checks.check_follow_up, rules=rules), 1),
        public("muc_tieu", partial(checks.check_objectives, minimum=2, rules=rules), 1),
    )
