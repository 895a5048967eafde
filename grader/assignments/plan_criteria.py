"""Criteria shared by the action-plan exercises (bt3, bt5): the generic checks of grader.checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from grader import checks
from grader.assignments import Criterion
from grader.plan import Plan, read_plan
from grader.results import CheckResult


def parse(raw: Any) -> Plan:
    """Assignments read plans tolerantly so that one bad field costs only its own criterion."""
    return read_plan(raw)


def public(key: str, check: Callable[[Plan], CheckResult], points: float) -> Criterion:
    return Criterion(key=key, title_key=f"crit.{key}", points=points, hidden=False, check=check)


def hidden(key: str, check: Callable[[Any], CheckResult], points: float) -> Criterion:
    return Criterion(key=key, title_key=f"crit.{key}", points=points, hidden=True, check=check)


def generic_plan_criteria() -> tuple[Criterion, ...]:
    """The public criteria every action plan is judged on, in the order test cells present them."""
    return (
        public("truong_bat_buoc", checks.check_required_fields, 2),
        public("ngay_hop_le", checks.check_dates, 1),
        public("chi_so_do_duoc", checks.check_indicators, 2),
        public("linh_vuc_tru_cot_hop_le", checks.check_focus_and_pillars, 2),
        public("doi_tac_thuc_chat", checks.check_partners, 1),
        public("hoat_dong_khac_biet", checks.check_distinct, 2),
        public("ngan_sach", checks.check_budget, 1),
        public("theo_doi_cam_ket", checks.check_follow_up, 1),
        public("muc_tieu", partial(checks.check_objectives, minimum=2), 1),
    )
