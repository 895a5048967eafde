"""Required fields of a plan and its activities, and the locality the exercise names."""

from __future__ import annotations

from grader.checks._common import (
    DEFAULT_RULES,
    MIN_TEXT_WORDS,
    MIN_TITLE_WORDS,
    PlanRules,
    _f,
    _few_activities,
    _label,
    _result,
    _slots,
    _unread,
)
from grader.plan import Activity, Plan
from grader.results import CheckResult
from grader.substance import MIN_REAL_WORDS, profile
from grader.substance.text import fold, real_words


def _activity_gaps(a: Activity) -> list[str]:
    gaps = []
    if len(real_words(a.title)) < MIN_TITLE_WORDS:
        gaps.append("ten")
    if profile(a).words < MIN_REAL_WORDS:  # whether the words make sense is judged elsewhere
        gaps.append("mo_ta")
    for key, value in (("linh_vuc", a.focus_areas), ("tru_cot", a.pillars), ("doi_tac", a.partners),
                       ("bat_dau", a.start), ("ket_thuc", a.end), ("chi_so", a.indicators),
                       ("kinh_phi", a.budget)):
        if not value:
            gaps.append(key)
    if not real_words(a.lead_unit):
        gaps.append("chu_tri")
    return gaps


ACTIVITY_FIELDS = 10


def check_required_fields(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Every field of the plan and of each activity is filled in with real words (partial credit per field)."""
    findings = list(plan.problems)
    plan_gaps = [k for k, ok in (
        ("dia_phuong", bool(real_words(plan.locality))), ("bat_dau", plan.start is not None),
        ("ket_thuc", plan.end is not None), ("tong_kinh_phi", bool(plan.total_budget)),
        ("muc_tieu", any(len(real_words(o)) >= MIN_TEXT_WORDS for o in plan.objectives)),
        ("hoat_dong", bool(plan.activities)),
    ) if not ok]
    said = [k for k in plan_gaps if not _unread(plan, k)]
    if said:
        findings.append(_f("checks.plan_missing", fields=", ".join(_label(k) for k in said)))
    earned = (6 - len(plan_gaps)) / 6
    for a in plan.activities:
        gaps = _activity_gaps(a)
        said = [k for k in gaps if not _unread(a, k)]
        if said:
            findings.append(_f("checks.activity_missing", a, fields=", ".join(_label(k) for k in said)))
        earned += (ACTIVITY_FIELDS - len(gaps)) / ACTIVITY_FIELDS
    if not plan.activities:
        return _result("truong_bat_buoc", 0, 1, findings)
    return _result("truong_bat_buoc", earned, 1 + _slots(plan, rules), findings + _few_activities(plan, rules))


def check_locality(plan: Plan, *, expected: str, criterion: str = "dia_phuong") -> CheckResult:
    """The plan is for the locality the exercise names (folded comparison, "tỉnh"/"thành phố" ignored)."""
    def bare(name: str | None) -> str:
        folded = fold(name)
        for prefix in ("tinh ", "thanh pho ", "tp "):
            if folded.startswith(prefix):
                folded = folded[len(prefix):]
        return folded

    if bare(plan.locality) == bare(expected):
        return _result(criterion, 1, 1, [])
    return _result(criterion, 0, 1, [_f("checks.wrong_locality", expected=expected)])
