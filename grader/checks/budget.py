"""Budgets: each activity's budget plausible for its kind, the budgets adding up to the plan's total."""

from __future__ import annotations

from grader.checks._common import DEFAULT_RULES, PlanRules, _f, _per_activity, _unread, _vnd
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding
from grader.substance import plausibility, profile


def budget_problems(a: Activity) -> tuple[float, list[Finding]]:
    if a.budget is None:
        return 0.0, [] if _unread(a, "kinh_phi") else [_f("checks.activity_no_budget", a)]
    kind = profile(a).kind
    low, high = plausibility.budget_bounds(kind)
    if not low <= a.budget <= high:
        label = kind.label if kind else plausibility.ANY_KIND.label
        return 0.0, [_f("substance.budget_implausible", a, amount=_vnd(a.budget), kind=label,
                        low=_vnd(low), high=_vnd(high))]
    return 1.0, []


def check_budget(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Each activity's budget is plausible for its kind, and the budgets add up to the plan's total."""
    findings: list[Finding] = []
    total_ok = 0.0
    if plan.total_budget is None or plan.total_budget <= 0:
        if not _unread(plan, "tong_kinh_phi"):
            findings.append(_f("checks.no_total_budget"))
    elif plan.total_budget > rules.max_total_budget:
        findings.append(_f("substance.total_budget_too_large", stated=_vnd(plan.total_budget),
                           limit=_vnd(rules.max_total_budget)))
    elif plan.activities and all(a.budget is not None for a in plan.activities):
        total = sum(a.budget or 0 for a in plan.activities)
        if total == plan.total_budget:
            total_ok = 1.0
        else:
            findings.append(_f("checks.budget_mismatch", total=_vnd(total), stated=_vnd(plan.total_budget)))
    if not any(profile(a).counts for a in plan.activities):
        total_ok = 0.0
    return _per_activity(plan, rules, "ngan_sach", budget_problems, (total_ok, 1.0, findings))
