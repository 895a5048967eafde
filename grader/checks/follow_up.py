"""Follow-up of signed commitments: real actions after the activity, with deadlines and an owner."""

from __future__ import annotations

from collections.abc import Sequence

from grader.checks._common import (
    DEFAULT_RULES,
    MIN_TEXT_WORDS,
    PlanRules,
    _day,
    _f,
    _per_activity,
    fold_text,
    names_any,
)
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding
from grader.substance import boilerplate, cues
from grader.substance.text import expand, real_words


def follow_up_problems(a: Activity, plan: Plan) -> tuple[float, list[Finding]]:
    """A signing activity's follow-up: real actions tied to the activity, after it ends, before the plan ends."""
    if not a.follow_ups:
        return 0.0, [_f("checks.no_follow_up", a)]
    scores: list[float] = []
    problems: list[Finding] = []
    for i, fu in enumerate(a.follow_ups, 1):
        parts = 0
        if len(real_words(fu.action)) < MIN_TEXT_WORDS or boilerplate.analyse(fu.action).share > 0.6:
            problems.append(_f("checks.follow_up_vague", a, number=i))
        else:
            parts += 1
        if fu.deadline is None:
            problems.append(_f("checks.follow_up_no_deadline", a, number=i))
        elif (a.end is not None and fu.deadline <= a.end) or (plan.end is not None and fu.deadline > plan.end):
            problems.append(_f("substance.follow_up_timing", a, number=i, deadline=_day(fu.deadline),
                               end=_day(a.end) if a.end else "—", plan_end=_day(plan.end) if plan.end else "—"))
        else:
            parts += 1
        scores.append(parts / 2)
    owner = any(names_owner(fu.action) for fu in a.follow_ups) or names_owner(a.lead_unit) and len(a.follow_ups) > 1
    if not owner:
        problems.append(_f("substance.follow_up_owner", a))
    return (2 * sum(scores) / len(scores) + owner) / 3, problems


OWNER_WORDS = ("sở", "ban", "ủy ban", "uỷ ban", "ubnd", "trung tâm", "phòng", "tổ công tác", "tổ theo dõi", "tổ",
               "đơn vị", "văn phòng", "cục", "bộ", "đại sứ quán", "hội đồng", "lãnh đạo", "giám đốc", "chủ tịch",
               "cán bộ phụ trách", "hiệp hội", "công ty")


def names_owner(text: str | None) -> bool:
    """True if a follow-up action says who does it (a unit, a team, an office: "Sở Tài chính ...", "BQL KKT ...",
    the trade's abbreviations written out)."""
    return cues.mentions(expand(text or ""), OWNER_WORDS)


def check_follow_up(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Every activity that signs commitments has follow-up actions after it, with deadlines inside the plan."""

    def judge(a: Activity) -> tuple[float, list[Finding]]:
        if not a.signs_agreements:
            return 1.0, []
        return follow_up_problems(a, plan)

    return _per_activity(plan, rules, "theo_doi_cam_ket", judge)


def commitment_follow_up(a: Activity, plan: Plan, about: Sequence[str]) -> float:
    """A signing activity's follow-up score (actions, timing, who), halved when no action names one of
    ``about`` (words of the commitments it follows: memoranda, agreements, projects...); 0 if nothing is signed."""
    if not a.signs_agreements:
        return 0.0
    score, _ = follow_up_problems(a, plan)
    named = any(names_any(fold_text(f.action), about) for f in a.follow_ups)
    return score * (1.0 if named else 0.5)
