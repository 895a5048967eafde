"""One function per criterion: a plan (or proposal) in, a :class:`~grader.results.CheckResult` out.

Each check judges substance, not keywords: dates must be real and inside the
plan period, indicators need a positive number, a unit and a deadline,
partners must be of a kind the sources name, focus areas and pillars must be
consistent with who the activity works with, activities must differ from
each other, budgets must add up. Results are on a scale of 1 point (the
assignment spec rescales them) and carry findings naming the activity and
the field. No check ever raises on a plan produced by :func:`grader.plan.read_plan`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable

from grader.messages import t
from grader.plan import Activity, Indicator, Plan, Proposal
from grader.results import CheckResult, Finding, fraction

MIN_DESCRIPTION_WORDS = 8  # a description shorter than this says nothing about what will be done
MIN_TEXT_WORDS = 3  # an indicator's metric or a follow-up action needs at least a short phrase
SIMILARITY_LIMIT = 0.8  # two activities whose title + description are this alike are copies
MAX_FOCUS_AREAS = 3  # one activity can seriously serve at most this many focus areas ...
MAX_PILLARS = 3  # ... and this many pillars
FOLLOW_UP_HORIZON_DAYS = 366  # follow-up must start within a year after the activity ends

# Consistency rules: what a claimed focus area or pillar requires of the activity.
# Each rule: (kind, number) -> partner kinds of which at least one must be present.
ECONOMIC_PARTNERS = frozenset({
    "doanh_nghiep_nuoc_ngoai", "hiep_hoi_doanh_nghiep", "doanh_nghiep_trong_nuoc", "to_chuc_quoc_te",
    "co_quan_dai_dien", "dia_phuong_nuoc_ngoai",
})
PARTNER_RULES: dict[tuple[str, int], frozenset[str]] = {
    # Focus area 3 (economic diplomacy) and pillar 2 work with investors, businesses or those who connect to them.
    ("linh_vuc", 3): ECONOMIC_PARTNERS,
    ("tru_cot", 2): ECONOMIC_PARTNERS,
    # Focus area 4: connection and promotion together with the Ministry, missions, or foreign localities.
    ("linh_vuc", 4): frozenset({"bo_ngoai_giao", "co_quan_dai_dien", "dia_phuong_nuoc_ngoai"}),
    # Focus area 5: plans coordinated with the Ministry and the ministries.
    ("linh_vuc", 5): frozenset({"bo_ngoai_giao", "bo_nganh"}),
    # Focus area 7: training and resources for foreign-affairs staff, with the Ministry or the ministries.
    ("linh_vuc", 7): frozenset({"bo_ngoai_giao", "bo_nganh", "to_chuc_quoc_te"}),
    # Pillar 4: overseas Vietnamese and citizen protection go through them or through the missions.
    ("tru_cot", 4): frozenset({"kieu_bao", "co_quan_dai_dien"}),
    # Pillar 1: political relations are with foreign partners or the diplomatic service.
    ("tru_cot", 1): frozenset({"dia_phuong_nuoc_ngoai", "co_quan_dai_dien", "bo_ngoai_giao", "to_chuc_quoc_te"}),
}
# Focus area 3 is economic diplomacy: claiming it without pillar 2 is contradictory.
REQUIRED_PILLAR_FOR_FOCUS = {3: 2}


# --------------------------------------------------------------------------- helpers


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", text or "")


def _normal(text: str | None) -> str:
    return " ".join(_words(unicodedata.normalize("NFC", text or "").casefold()))


def fold_text(text: str | None) -> str:
    """Lower case without diacritics, for comparing names such as provinces."""
    decomposed = unicodedata.normalize("NFD", (text or "").casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _period_ok(plan: Plan | Proposal) -> bool:
    return plan.start is not None and plan.end is not None and plan.start < plan.end


def _in_period(day: dt.date | None, plan: Plan | Proposal) -> bool:
    return day is not None and _period_ok(plan) and plan.start <= day <= plan.end  # type: ignore[operator]


def _f(key: str, activity: Activity | None = None, **params: object) -> Finding:
    if activity is not None:
        params = {"activity": activity.label, **params}
    return Finding(key, params)


def _indicator_problems(ind: Indicator, number: int, owner: Plan | Proposal, start: dt.date | None,
                        activity: Activity | None) -> list[Finding]:
    if activity is None:
        where = t("plan.where.proposal")
    elif activity.title:
        where = t("plan.where.activity_titled", number=activity.number, title=activity.title[:60])
    else:
        where = t("plan.where.activity", number=activity.number)
    keys = []
    if len(_words(ind.metric)) < MIN_TEXT_WORDS:
        keys.append("checks.indicator_no_metric")
    if ind.target is None or ind.target <= 0:
        keys.append("checks.indicator_no_number")
    if not ind.unit or not re.search(r"[^\W\d_]", ind.unit):
        keys.append("checks.indicator_no_unit")
    problems = [Finding(key, {"owner": where, "number": number}) for key in keys]
    if ind.deadline is None:
        problems.append(Finding("checks.indicator_no_deadline", {"owner": where, "number": number}))
    elif not _in_period(ind.deadline, owner) or (start is not None and ind.deadline < start):
        problems.append(Finding("checks.indicator_deadline_outside",
                                {"owner": where, "number": number, "deadline": ind.deadline.isoformat()}))
    return problems


def _activity_gaps(a: Activity) -> list[str]:
    gaps = []
    for field, value in (
        ("ten", a.title), ("linh_vuc", a.focus_areas), ("tru_cot", a.pillars), ("doi_tac", a.partners),
        ("chu_tri", a.lead_unit), ("bat_dau", a.start), ("ket_thuc", a.end), ("chi_so", a.indicators),
        ("kinh_phi", a.budget),
    ):
        if not value and value != 0:
            gaps.append(field)
    if len(_words(a.description)) < MIN_DESCRIPTION_WORDS:
        gaps.append("mo_ta")
    return gaps


# --------------------------------------------------------------------------- plan checks


def check_required_fields(plan: Plan) -> CheckResult:
    """Every plan field and every activity field is filled in (a description of at least a few words)."""
    findings = list(plan.problems)
    plan_gaps = [f for f, v in (("dia_phuong", plan.locality), ("bat_dau", plan.start), ("ket_thuc", plan.end),
                               ("tong_kinh_phi", plan.total_budget), ("muc_tieu", plan.objectives),
                               ("hoat_dong", plan.activities)) if not v and v != 0]
    if plan_gaps:
        findings.append(_f("checks.plan_missing", fields=", ".join(plan_gaps)))
    good = 0 if plan_gaps else 1
    for a in plan.activities:
        gaps = _activity_gaps(a)
        if gaps:
            findings.append(_f("checks.activity_missing", a, fields=", ".join(gaps)))
        else:
            good += 1
    if not plan.activities:
        return fraction("truong_bat_buoc", 0, 1, findings)
    return fraction("truong_bat_buoc", good, 1 + len(plan.activities), findings)


def check_dates(plan: Plan) -> CheckResult:
    """The period is valid; each activity starts before it ends and lies inside the period."""
    findings: list[Finding] = []
    if not _period_ok(plan):
        findings.append(_f("checks.period_invalid"))
        return fraction("ngay_hop_le", 0, max(1, len(plan.activities)), findings)
    good = 0
    for a in plan.activities:
        if a.start is None or a.end is None:
            findings.append(_f("checks.activity_no_dates", a))
        elif a.start > a.end:
            findings.append(_f("checks.activity_dates_reversed", a, start=a.start.isoformat(), end=a.end.isoformat()))
        elif not (_in_period(a.start, plan) and _in_period(a.end, plan)):
            findings.append(_f("checks.activity_outside_period", a, start=a.start.isoformat(), end=a.end.isoformat(),
                               period_start=plan.start.isoformat(), period_end=plan.end.isoformat()))  # type: ignore[union-attr]
        else:
            good += 1
    return fraction("ngay_hop_le", good, len(plan.activities), findings)


def check_indicators(plan: Plan) -> CheckResult:
    """Each activity has at least one indicator, and every indicator has a number, a unit and a deadline."""
    findings: list[Finding] = []
    good = 0
    for a in plan.activities:
        if not a.indicators:
            findings.append(_f("checks.activity_no_indicator", a))
            continue
        problems = [p for i, ind in enumerate(a.indicators, 1) for p in _indicator_problems(ind, i, plan, a.start, a)]
        findings += problems
        good += not problems
    return fraction("chi_so_do_duoc", good, len(plan.activities), findings)


def _consistency_problems(a: Activity) -> list[Finding]:
    problems = []
    if not a.focus_areas:
        problems.append(_f("checks.no_focus_area", a))
    if not a.pillars:
        problems.append(_f("checks.no_pillar", a))
    if len(a.focus_areas) > MAX_FOCUS_AREAS:
        problems.append(_f("checks.too_many_focus_areas", a, count=len(a.focus_areas), limit=MAX_FOCUS_AREAS))
    if len(a.pillars) > MAX_PILLARS:
        problems.append(_f("checks.too_many_pillars", a, count=len(a.pillars), limit=MAX_PILLARS))
    for focus, pillar in REQUIRED_PILLAR_FOR_FOCUS.items():
        if focus in a.focus_areas and pillar not in a.pillars:
            problems.append(_f("checks.focus_needs_pillar", a, focus=focus, pillar=pillar))
    partners = set(a.partners)
    for (field, number), needed in PARTNER_RULES.items():
        claimed = a.focus_areas if field == "linh_vuc" else a.pillars
        if number in claimed and not partners & needed:
            key = "checks.focus_needs_partner" if field == "linh_vuc" else "checks.pillar_needs_partner"
            problems.append(_f(key, a, number=number, partners=", ".join(sorted(needed))))
    return problems


def activity_is_consistent(a: Activity) -> bool:
    """True if the activity's focus areas and pillars are valid and match its partners."""
    return not _consistency_problems(a)


def check_focus_and_pillars(plan: Plan) -> CheckResult:
    """Each activity names valid focus areas and pillars that are consistent with its partners."""
    findings: list[Finding] = []
    good = 0
    for a in plan.activities:
        problems = _consistency_problems(a)
        findings += problems
        good += not problems
    return fraction("linh_vuc_tru_cot_hop_le", good, len(plan.activities), findings)


def check_partners(plan: Plan) -> CheckResult:
    """Each activity names at least one partner, every one of a kind the sources name."""
    findings = [f for f in plan.problems if f.key == "plan.bad_partner"]
    good = 0
    for a in plan.activities:
        if not a.partners and not a.invalid_partners:
            findings.append(_f("checks.no_partner", a))
        elif not a.invalid_partners:
            good += 1
    return fraction("doi_tac_thuc_chat", good, len(plan.activities), findings)


def _signature(a: Activity) -> str:
    return _normal(f"{a.title or ''} {a.description or ''}")


def substantive_activities(plan: Plan) -> list[Activity]:
    """Activities with a real description that are not copies of an earlier activity."""
    kept: list[Activity] = []
    for a in plan.activities:
        if len(_words(a.description)) < MIN_DESCRIPTION_WORDS:
            continue
        if any(_similar(a, b) for b in kept):
            continue
        kept.append(a)
    return kept


def _similar(a: Activity, b: Activity) -> bool:
    sa, sb = _signature(a), _signature(b)
    if not sa or not sb:
        return False
    if _normal(a.title) and _normal(a.title) == _normal(b.title):
        return True
    return difflib.SequenceMatcher(None, sa, sb, autojunk=False).ratio() >= SIMILARITY_LIMIT


def check_distinct(plan: Plan) -> CheckResult:
    """Activities are real and different: no empty descriptions, no repeated or copy-pasted activities."""
    findings: list[Finding] = []
    kept: list[Activity] = []
    for a in plan.activities:
        if len(_words(a.description)) < MIN_DESCRIPTION_WORDS:
            findings.append(_f("checks.activity_empty", a, words=MIN_DESCRIPTION_WORDS))
            continue
        twin = next((b for b in kept if _similar(a, b)), None)
        if twin is not None:
            findings.append(_f("checks.activity_copy", a, other=twin.label))
            continue
        kept.append(a)
    return fraction("hoat_dong_khac_biet", len(kept), len(plan.activities), findings)


def check_budget(plan: Plan) -> CheckResult:
    """Every activity has a budget and the budgets add up to the plan's total."""
    findings: list[Finding] = []
    if not plan.activities:
        return fraction("ngan_sach", 0, 1, [_f("checks.no_activities")])
    missing = [a for a in plan.activities if a.budget is None]
    for a in missing:
        findings.append(_f("checks.activity_no_budget", a))
    if plan.total_budget is None or plan.total_budget <= 0:
        findings.append(_f("checks.no_total_budget"))
    elif not missing:
        total = sum(a.budget or 0 for a in plan.activities)
        if total != plan.total_budget:
            findings.append(_f("checks.budget_mismatch", total=_vnd(total), stated=_vnd(plan.total_budget)))
    return fraction("ngan_sach", 0 if findings else 1, 1, findings)


def _follow_up_ok(a: Activity, plan: Plan) -> list[Finding]:
    if not a.follow_ups:
        return [_f("checks.no_follow_up", a)]
    problems = []
    for i, fu in enumerate(a.follow_ups, 1):
        if len(_words(fu.action)) < MIN_TEXT_WORDS:
            problems.append(_f("checks.follow_up_vague", a, number=i))
        if fu.deadline is None:
            problems.append(_f("checks.follow_up_no_deadline", a, number=i))
        elif a.end is not None and not (a.end < fu.deadline <= a.end + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)):
            problems.append(_f("checks.follow_up_timing", a, number=i, deadline=fu.deadline.isoformat(),
                               end=a.end.isoformat()))
    return problems


def check_follow_up(plan: Plan) -> CheckResult:
    """Every activity that signs agreements or commitments has follow-up actions after it, with deadlines."""
    if not plan.activities:
        return fraction("theo_doi_cam_ket", 0, 1, [_f("checks.no_activities")])
    signing = [a for a in plan.activities if a.signs_agreements]
    if not signing:
        # nothing is signed: full marks, unless no activity has content yet (a blank template earns nothing)
        if not substantive_activities(plan):
            return fraction("theo_doi_cam_ket", 0, 1, [_f("checks.no_activities")])
        return fraction("theo_doi_cam_ket", 1, 1, [])
    findings: list[Finding] = []
    good = 0
    for a in signing:
        problems = _follow_up_ok(a, plan)
        findings += problems
        good += not problems
    return fraction("theo_doi_cam_ket", good, len(signing), findings)


def check_coverage(plan: Plan, *, focus_areas: Iterable[int] = (), pillars: Iterable[int] = ()) -> CheckResult:
    """The required focus areas and pillars are each served by a substantive, consistent activity."""
    counted = [a for a in substantive_activities(plan) if activity_is_consistent(a) and a.indicators]
    covered_fa = {n for a in counted for n in a.focus_areas}
    covered_p = {n for a in counted for n in a.pillars}
    need_fa, need_p = list(focus_areas), list(pillars)
    findings = []
    missing_fa = [n for n in need_fa if n not in covered_fa]
    missing_p = [n for n in need_p if n not in covered_p]
    if missing_fa:
        findings.append(_f("checks.missing_focus_areas", numbers=", ".join(map(str, missing_fa))))
    if missing_p:
        findings.append(_f("checks.missing_pillars", numbers=", ".join(map(str, missing_p))))
    total = len(need_fa) + len(need_p)
    return fraction("bao_phu", total - len(missing_fa) - len(missing_p), total, findings)


def check_locality(plan: Plan, *, expected: str) -> CheckResult:
    """The plan is for the locality the exercise names."""
    if fold_text(plan.locality) == fold_text(expected):
        return fraction("dia_phuong", 1, 1, [])
    return fraction("dia_phuong", 0, 1, [_f("checks.wrong_locality", expected=expected)])


def check_period(plan: Plan, *, start: dt.date, end: dt.date) -> CheckResult:
    """The plan covers exactly the period the exercise sets."""
    if plan.start == start and plan.end == end:
        return fraction("ky_han", 1, 1, [])
    return fraction("ky_han", 0, 1, [_f("checks.wrong_period", start=start.isoformat(), end=end.isoformat())])


def check_has_activity(plan: Plan, *, criterion: str, message: str, focus_area: int | None = None,
                       pillar: int | None = None, partners: frozenset[str] = frozenset(),
                       signs: bool = False, min_count: int = 1) -> CheckResult:
    """At least ``min_count`` substantive, consistent, measurable activities match the given profile."""
    matches = []
    for a in substantive_activities(plan):
        if not activity_is_consistent(a) or not a.indicators:
            continue
        if any(_indicator_problems(ind, i, plan, a.start, a) for i, ind in enumerate(a.indicators, 1)):
            continue
        if focus_area is not None and focus_area not in a.focus_areas:
            continue
        if pillar is not None and pillar not in a.pillars:
            continue
        if partners and not partners & set(a.partners):
            continue
        if signs and (not a.signs_agreements or _follow_up_ok(a, plan)):
            continue
        matches.append(a)
    if len(matches) >= min_count:
        return fraction(criterion, 1, 1, [])
    return fraction(criterion, 0, 1, [Finding(message, {"count": min_count})])


def check_objectives(plan: Plan, *, minimum: int = 2) -> CheckResult:
    """The plan states at least ``minimum`` distinct objectives of a few words each."""
    real = {_normal(o) for o in plan.objectives if len(_words(o)) >= MIN_TEXT_WORDS}
    if len(real) >= minimum:
        return fraction("muc_tieu", 1, 1, [])
    return fraction("muc_tieu", len(real), minimum, [_f("checks.few_objectives", minimum=minimum)])


# --------------------------------------------------------------------------- proposal checks


def check_proposal_fields(p: Proposal) -> CheckResult:
    """Every field of the proposal is filled in; request and expected result say something concrete."""
    findings = list(p.problems)
    gaps = [f for f, v in (("dia_phuong", p.locality), ("gui_den", p.recipient), ("thi_truong", p.market),
                           ("loai_ho_tro", p.support), ("linh_vuc", p.focus_areas), ("tru_cot", p.pillars),
                           ("bat_dau", p.start), ("ket_thuc", p.end), ("chi_so", p.indicators)) if not v]
    if len(_words(p.request)) < MIN_DESCRIPTION_WORDS:
        gaps.append("noi_dung")
    if len(_words(p.expected_result)) < MIN_DESCRIPTION_WORDS:
        gaps.append("ket_qua_mong_doi")
    if gaps:
        findings.append(_f("checks.proposal_missing", fields=", ".join(gaps)))
    total = 11
    return fraction("truong_bat_buoc", total - len(gaps), total, findings)


def check_proposal_indicators(p: Proposal) -> CheckResult:
    """The proposal's indicators are measurable and due inside its period."""
    if not p.indicators:
        return fraction("chi_so_do_duoc", 0, 1, [_f("checks.proposal_no_indicator")])
    problems = [f for i, ind in enumerate(p.indicators, 1) for f in _indicator_problems(ind, i, p, p.start, None)]
    good = sum(1 for i, ind in enumerate(p.indicators, 1) if not _indicator_problems(ind, i, p, p.start, None))
    return fraction("chi_so_do_duoc", good, len(p.indicators), problems)


def check_proposal_dates(p: Proposal) -> CheckResult:
    """The proposal's period is valid."""
    if _period_ok(p):
        return fraction("ngay_hop_le", 1, 1, [])
    return fraction("ngay_hop_le", 0, 1, [_f("checks.period_invalid")])
