"""Partners: a few kinds of partner, of the kinds the sources name, that the activity's text mentions."""

from __future__ import annotations

from grader.checks._common import DEFAULT_RULES, MAX_PARTNER_KINDS, PlanRules, _f, _per_activity, _unread
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding
from grader.substance import cues, reading
from grader.substance.text import fold


def partner_problems(a: Activity) -> tuple[float, list[Finding]]:
    written = len(a.partners) + len(a.invalid_partners)
    if not written:
        return 0.0, [] if _unread(a, "doi_tac") else [_f("checks.no_partner", a)]
    problems: list[Finding] = []
    text = fold(reading.expand(f"{a.title or ''} {a.description or ''}"))  # "ĐSQ" names the embassy
    supported = [k for k in a.partners if cues.partner_supported(k, text)]
    for k in a.partners:
        if k not in supported:
            problems.append(_f("substance.partner_unsupported", a, partner=_partner_label(k)))
    score = len(supported) / written
    if len(a.partners) > MAX_PARTNER_KINDS:
        problems.append(_f("substance.too_many_partners", a, count=len(a.partners), limit=MAX_PARTNER_KINDS))
        score /= 2
    return score, problems


def _partner_label(kind: str) -> str:
    from grader.knowledge import knowledge

    try:
        return knowledge().partner_kind(kind).label
    except KeyError:
        return kind


def check_partners(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Each activity names a few kinds of partner, of the kinds the sources name, that its text mentions."""
    result = _per_activity(plan, rules, "doi_tac_thuc_chat", partner_problems)
    bad = [f for f in plan.problems if f.key == "plan.bad_partner"]
    return CheckResult(result.criterion, result.earned, result.possible, tuple(bad) + result.findings)
