"""Indicators: a plausible number, a unit, a deadline inside the plan, a phrase tied to the activity."""

from __future__ import annotations

import datetime as dt

from grader.checks._common import DEFAULT_RULES, MIN_TEXT_WORDS, PlanRules, _day, _f, _per_activity, _unread
from grader.messages import t
from grader.plan import Activity, Indicator, Plan
from grader.results import CheckResult, Finding
from grader.substance import plausibility, related
from grader.substance.text import fold, real_words


def _owner(activity: Activity | None) -> str:
    if activity is None:
        return t("plan.where.proposal")
    if activity.title:
        owner = t("plan.where.activity_titled", number=activity.number, title=activity.title[:60])
    else:
        owner = t("plan.where.activity", number=activity.number)
    # the line of the activity's header in the text form, so the feedback too says where to look
    return owner if activity.line is None else t("plan.where.line", where=owner, line=activity.line)


def indicator_score(ind: Indicator, number: int, start: dt.date | None, end: dt.date | None,
                    activity: Activity | None, context: str | None = None) -> tuple[float, list[Finding]]:
    """An indicator's share of credit (0..1) and what is wrong with it.

    Four equal parts: a plausible number (whole for counted units), a unit of the vocabulary, a deadline
    between ``start`` and ``end``, and a phrase of real words related to the activity (or ``context``).
    """
    where = {"owner": _owner(activity), "number": number}
    problems: list[Finding] = []
    parts = 0
    why = plausibility.target_problem(ind.target, ind.unit)
    if why is None:
        parts += 1
    else:
        problems.append(Finding(why, where))
    if plausibility.known_unit(ind.unit) or plausibility.unit_in_phrase(ind.metric):
        parts += 1
    else:
        problems.append(Finding("substance.unit_unknown", {**where, "unit": ind.unit or "—"}))
    if ind.deadline is None:
        problems.append(Finding("checks.indicator_no_deadline", where))
    elif (start is not None and ind.deadline < start) or (end is not None and ind.deadline > end):
        problems.append(Finding("checks.indicator_deadline_outside", {**where, "deadline": _day(ind.deadline)}))
    else:
        parts += 1
    phrase = ind.metric or ""
    if len(real_words(phrase)) < MIN_TEXT_WORDS:
        problems.append(Finding("checks.indicator_no_metric", where))
    elif activity is not None and not related(phrase, activity):
        problems.append(Finding("substance.indicator_unrelated", where))
    elif activity is None and context is not None and not _shares_words(phrase, context):
        problems.append(Finding("substance.indicator_unrelated", where))
    else:
        parts += 1
    return parts / 4, problems


def _shares_words(a: str, b: str) -> bool:
    generic = {"tinh", "so", "hoat", "dong"}
    return bool(({fold(w) for w in real_words(a)} & {fold(w) for w in real_words(b)}) - generic)


def check_indicators(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Each activity's indicators: a plausible number, a unit, a deadline inside the plan, tied to the activity."""

    def judge(a: Activity) -> tuple[float, list[Finding]]:
        if not a.indicators:
            return 0.0, [] if _unread(a, "chi_so") else [_f("checks.activity_no_indicator", a)]
        scores = [indicator_score(ind, i, a.start, plan.end, a) for i, ind in enumerate(a.indicators, 1)]
        return sum(s for s, _ in scores) / len(scores), [p for _, ps in scores for p in ps]

    return _per_activity(plan, rules, "chi_so_do_duoc", judge)


def best_indicator(a: Activity, plan: Plan) -> float:
    """The credit (0..1) of the activity's best indicator."""
    if not a.indicators:
        return 0.0
    return max(indicator_score(i, n, a.start, plan.end, a)[0] for n, i in enumerate(a.indicators, 1))
