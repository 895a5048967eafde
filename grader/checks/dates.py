"""Dates and periods: the plan period the exercise states, each activity's dates inside it."""

from __future__ import annotations

import datetime as dt

from grader.checks._common import DEFAULT_RULES, PlanRules, _day, _f, _per_activity, _period_ok, _result, _unread
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding


def _plan_period_problems(plan: Plan, rules: PlanRules) -> list[Finding]:
    if not _period_ok(plan):
        said = plan.start is None and _unread(plan, "bat_dau") or plan.end is None and _unread(plan, "ket_thuc")
        return [] if said else [_f("checks.period_invalid")]
    assert plan.start is not None and plan.end is not None
    if plan.start < rules.period_start or plan.end > rules.period_end \
            or (plan.end - plan.start).days < rules.min_period_days:
        return [_f("substance.period_outside", start=_day(rules.period_start), end=_day(rules.period_end))]
    return []


def check_dates(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """The plan period is the one the exercise states; each activity starts before it ends, inside it."""
    period = _plan_period_problems(plan, rules)

    def judge(a: Activity) -> tuple[float, list[Finding]]:
        if a.start is None or a.end is None:
            said = a.start is None and _unread(a, "bat_dau") or a.end is None and _unread(a, "ket_thuc")
            return 0.0, [] if said else [_f("checks.activity_no_dates", a)]
        if a.start > a.end:
            return 0.0, [_f("checks.activity_dates_reversed", a, start=_day(a.start), end=_day(a.end))]
        if period or plan.start is None or plan.end is None or not _period_ok(plan):
            return 0.5, []  # the activity's own dates are sound; the plan period is judged (or reported) once
        if not (plan.start <= a.start and a.end <= plan.end):
            return 0.0, [_f("checks.activity_outside_period", a, start=_day(a.start), end=_day(a.end),
                            period_start=_day(plan.start), period_end=_day(plan.end))]
        return 1.0, []

    valid = _period_ok(plan) and not period
    return _per_activity(plan, rules, "ngay_hop_le", judge, (1.0 if valid else 0.0, 1.0, period))


def check_period(plan: Plan, *, start: dt.date, end: dt.date, criterion: str = "ky_han") -> CheckResult:
    """The plan covers exactly the period the exercise sets."""
    if plan.start == start and plan.end == end:
        return _result(criterion, 1, 1, [])
    return _result(criterion, 0, 1, [_f("checks.wrong_period", start=_day(start), end=_day(end))])
