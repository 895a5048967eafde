"""Criteria shared by the action-plan exercises (bt3, bt5): the public checks of grader.checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class WithRules:
    """A check judged with the rules in force when it is called (``rules()``), so that the plan period the
    trainer sets (:mod:`grader.period`) is the one applied, whenever it was put in force."""

    check: Callable[..., CheckResult]
    rules: Callable[[], PlanRules]
    extra: tuple[tuple[str, Any], ...] = ()

    def __call__(self, plan: Plan) -> CheckResult:
        return self.check(plan, rules=self.rules(), **dict(self.extra))


def generic_plan_criteria(rules: Callable[[], PlanRules]) -> tuple[Criterion, ...]:
    """The public criteria every action plan is judged on, in the order test cells present them.

    ``rules`` gives the exercise's rules at the time of judging (they follow the course's plan period).
    Substance carries most of the points: an activity that says nothing concrete earns nothing in
    any of them (see :mod:`grader.checks`).
    """
    return (
        public("truong_bat_buoc", WithRules(checks.check_required_fields, rules), 1),
        public("ngay_hop_le", WithRules(checks.check_dates, rules), 1),
        public("chi_so_do_duoc", WithRules(checks.check_indicators, rules), 2),
        public("linh_vuc_tru_cot_hop_le", WithRules(checks.check_focus_and_pillars, rules), 2),
        public("doi_tac_thuc_chat", WithRules(checks.check_partners, rules), 1),
        public("hoat_dong_cu_the", WithRules(checks.check_concrete, rules), 3),
        public("chi_tiet", WithRules(checks.check_detail, rules), 3),
        public("hoat_dong_khac_biet", WithRules(checks.check_distinct, rules), 1),
        public("ngan_sach", WithRules(checks.check_budget, rules), 1),
        public("theo_doi_cam_ket", WithRules(checks.check_follow_up, rules), 1),
        public("muc_tieu", WithRules(checks.check_objectives, rules, (("minimum", 2),)), 1),
    )
