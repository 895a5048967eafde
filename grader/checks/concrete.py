"""Concreteness, detail and distinctness of activities: what is done, with whom, where; no copies."""

from __future__ import annotations

from grader.checks._common import (
    DEFAULT_RULES,
    PlanRules,
    _f,
    _few_activities,
    _not_counted,
    _per_activity,
    _result,
    _similar,
    _slots,
)
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding
from grader.substance import MIN_DETAIL_WORDS, profile


def concreteness(a: Activity) -> tuple[float, list[Finding]]:
    """Four equal parts: what is done, with whom, where, and in words of its own (not slogans, not a salad)."""
    p = profile(a)
    problems: list[Finding] = []
    why = p.why_not_meaningful
    if why is not None:
        return 0.0, [_f(why, a, words=p.words)]
    if p.copied:
        return 0.0, [_f("substance.course_copy", a)]
    if not p.named:
        return 0.0, [_f("substance.generic", a), _f("substance.no_whom", a), _f("substance.no_where", a)]
    parts = 0
    if p.kind is not None:
        parts += 1
    else:
        problems.append(_f("substance.no_what", a))
    if p.organisations:
        parts += 1
    else:
        problems.append(_f("substance.no_whom", a))
    if p.places:
        parts += 1
    else:
        problems.append(_f("substance.no_where", a))
    if p.boilerplate:
        problems.append(_f("substance.slogans", a, share=round(100 * p.slogan_share)))
    elif not p.well_worded:
        problems.append(_f("substance.not_fluent", a))
    else:
        parts += 1
    return parts / 4, problems


MIN_RICH_WORDS = 25  # a description that gives the reader the whole picture runs to about this many words


def detail_score(a: Activity) -> tuple[float, list[Finding]]:
    """Two equal parts: some detail (a quantity, or several named partners and places), and a description
    long enough to give the whole picture."""
    p = profile(a)
    problems: list[Finding] = []
    parts = 0
    if p.detailed:
        parts += 1
    else:
        problems.append(_f("substance.no_detail", a, words=MIN_DETAIL_WORDS))
    if p.words >= MIN_RICH_WORDS:
        parts += 1
    else:
        problems.append(_f("substance.detail_short", a, words=p.words, minimum=MIN_RICH_WORDS))
    return parts / 2, problems


def check_detail(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Each activity is described in detail: how many, which partners and places, what for."""
    return _per_activity(plan, rules, "chi_tiet", detail_score)


def is_concrete(a: Activity) -> bool:
    """True if the activity says what is done, with whom and where, in words of its own."""
    return concreteness(a)[0] >= 1.0


def check_concrete(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Each activity says what will be done, with whom and where (a named market, place or organisation)."""
    earned = 0.0
    findings: list[Finding] = []
    kept: list[Activity] = []
    for a in plan.activities:
        twin = next((b for b in kept if _similar(a, b)), None)
        if twin is not None:
            findings.append(_f("checks.activity_copy", a, other=twin.label))
            continue
        kept.append(a)
        score, problems = concreteness(a)
        earned += score
        findings += problems
    return _result("hoat_dong_cu_the", earned, _slots(plan, rules), findings + _few_activities(plan, rules))


def check_distinct(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Activities are different pieces of work: no repeated or copy-pasted activities."""
    findings: list[Finding] = []
    kept: list[Activity] = []
    for a in plan.activities:
        if not profile(a).counts:
            continue
        twin = next((b for b in kept if _similar(a, b)), None)
        if twin is not None:
            findings.append(_f("checks.activity_copy", a, other=twin.label))
            continue
        kept.append(a)
    return _result("hoat_dong_khac_biet", len(kept), _slots(plan, rules), findings + _not_counted(plan))
