"""One function per criterion: a plan (or proposal) in, a :class:`~grader.results.CheckResult` out.

The checks judge substance, not form (rules in :mod:`grader.substance`):

- an activity **counts** only when its description has real Vietnamese words and is not mostly the
  slogans of the sources; dates, indicators, tags, partners, budgets and follow-up earn credit only
  for activities that count (a meaningless or slogan activity earns nothing anywhere);
- every criterion gives partial credit per activity and per field: one slip costs its own share, and
  nothing cascades from one criterion to another;
- the per-activity criteria divide by the number of activities the exercise asks for
  (:class:`PlanRules`), so a plan with fewer activities cannot earn full marks.

Results are on a scale of 1 (the assignment rescales them) and name the activity and the field.
No check raises on a plan produced by :func:`grader.plan.read_plan`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from grader.messages import has, t
from grader.plan import Activity, Indicator, Plan, Proposal
from grader.results import CheckResult, Finding
from grader.substance import (
    GOOD_FLUENCY,
    MAX_NOISE,
    MAX_SLOGAN_SHARE,
    MAX_UNKNOWN_RUN,
    MIN_DETAIL_WORDS,
    MIN_FLUENCY,
    MIN_REAL_WORDS,
    boilerplate,
    copies,
    cues,
    lexicon,
    places,
    plausibility,
    profile,
    related,
)
from grader.substance.text import fold, jaccard, real_words, shingles

MIN_TITLE_WORDS = 2
MIN_TEXT_WORDS = 3  # an indicator's phrase or a follow-up action needs at least a short phrase
MIN_OBJECTIVE_WORDS = 4
COPY_LIMIT = 0.6  # Jaccard similarity of word pairs above which two activities are copies
MAX_FOCUS_AREAS = 3
MAX_PILLARS = 3
MAX_PARTNER_KINDS = 4  # an activity works with a few kinds of partner, not all of them
REQUIRED_PILLAR_FOR_FOCUS = {3: 2}  # focus area 3 is economic diplomacy: pillar 2


@dataclass(frozen=True)
class PlanRules:
    """What an exercise states about its plan: the period, how many activities, the total budget."""

    period_start: dt.date
    period_end: dt.date
    min_activities: int
    max_total_budget: int = 50_000_000_000

    @property
    def min_period_days(self) -> int:
        return 180


DEFAULT_RULES = PlanRules(dt.date(2024, 1, 1), dt.date(2025, 12, 31), 1)


# --------------------------------------------------------------------------- helpers


def fold_text(text: str | None) -> str:
    """Lower case without diacritics, for comparing names such as provinces."""
    return fold(text)


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _day(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _label(key: str) -> str:
    """The Vietnamese label of a field (the plan format's catalogue), or the key itself."""
    for candidate in (f"field.{key}", f"substance.field.{key}"):
        if has(candidate):
            return t(candidate)
    return key


def _f(key: str, activity: Activity | None = None, **params: object) -> Finding:
    if activity is not None:
        params = {"activity": activity.label, **params}
    return Finding(key, params)


def _result(criterion: str, earned: float, possible: float, findings: Sequence[Finding]) -> CheckResult:
    if possible <= 0:
        return CheckResult(criterion, 0.0, 1.0, tuple(findings))
    return CheckResult(criterion, round(min(1.0, max(0.0, earned / possible)), 4), 1.0, tuple(findings))


def _unread(record: Plan | Activity | Proposal, *keys: str) -> bool:
    """True if any of ``keys`` was written but could not be read: the reader has said so already
    (each problem is reported once), so the checks do not report it again as missing."""
    return bool(set(keys) & record.unreadable)


def _period_ok(p: Plan | Proposal) -> bool:
    return p.start is not None and p.end is not None and p.start < p.end


def _slots(plan: Plan, rules: PlanRules) -> int:
    return max(len(plan.activities), rules.min_activities, 1)


def _few_activities(plan: Plan, rules: PlanRules) -> list[Finding]:
    if len(plan.activities) < rules.min_activities:
        return [_f("substance.few_activities", count=len(plan.activities), minimum=rules.min_activities)]
    return []


def _not_counted(plan: Plan) -> list[Finding]:
    """One finding naming the activities that earn nothing because they say nothing concrete."""
    numbers = [str(a.number) for a in plan.activities if not profile(a).counts]
    if not numbers:
        return []
    return [_f("substance.not_counted", activities=", ".join(numbers))]


def _per_activity(plan: Plan, rules: PlanRules, criterion: str,
                  judge: Callable[[Activity], tuple[float, list[Finding]]],
                  extra: tuple[float, float, list[Finding]] = (0.0, 0.0, [])) -> CheckResult:
    """Sum ``judge`` over the activities that count (a copy of an earlier one counts once), out of the
    activities the exercise asks for."""
    earned, possible, findings = extra[0], extra[1], list(extra[2])
    for a in substantive_activities(plan):
        score, problems = judge(a)
        earned += score
        findings += problems
    possible += _slots(plan, rules)  # too few activities is said once, by the fields and concreteness criteria
    return _result(criterion, earned, possible, findings + _not_counted(plan))


# --------------------------------------------------------------------------- plan: fields


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


# --------------------------------------------------------------------------- plan: dates


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


# --------------------------------------------------------------------------- plan: indicators


def _owner(activity: Activity | None) -> str:
    if activity is None:
        return t("plan.where.proposal")
    if activity.title:
        return t("plan.where.activity_titled", number=activity.number, title=activity.title[:60])
    return t("plan.where.activity", number=activity.number)


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


# --------------------------------------------------------------------------- plan: focus areas and pillars


def tag_problems(a: Activity) -> tuple[float, list[Finding]]:
    """Share of an activity's focus areas and pillars that its own words support, and the findings."""
    problems: list[Finding] = []
    if not a.focus_areas and not _unread(a, "linh_vuc"):
        problems.append(_f("checks.no_focus_area", a))
    if not a.pillars and not _unread(a, "tru_cot"):
        problems.append(_f("checks.no_pillar", a))
    claimed = len(a.focus_areas) + len(a.pillars)
    if not claimed:
        return 0.0, problems
    text = profile(a).text
    supported = 0
    for n in a.focus_areas:
        if cues.focus_area_supported(n, text):
            supported += 1
        else:
            problems.append(_f("substance.focus_unsupported", a, number=n, cues=cues.cue_words("linh_vuc", n)))
    for n in a.pillars:
        if cues.pillar_supported(n, text):
            supported += 1
        else:
            problems.append(_f("substance.pillar_unsupported", a, number=n, cues=cues.cue_words("tru_cot", n)))
    score = supported / claimed
    if len(a.focus_areas) > MAX_FOCUS_AREAS:
        problems.append(_f("checks.too_many_focus_areas", a, count=len(a.focus_areas), limit=MAX_FOCUS_AREAS))
        score /= 2
    if len(a.pillars) > MAX_PILLARS:
        problems.append(_f("checks.too_many_pillars", a, count=len(a.pillars), limit=MAX_PILLARS))
        score /= 2
    for focus, pillar in REQUIRED_PILLAR_FOR_FOCUS.items():
        if focus in a.focus_areas and pillar not in a.pillars:
            problems.append(_f("checks.focus_needs_pillar", a, focus=focus, pillar=pillar))
            score *= 0.75
    if not a.focus_areas or not a.pillars:
        score /= 2
    return score, problems


def tag_supported(a: Activity, *, focus_area: int | None = None, pillar: int | None = None) -> bool:
    """True if the activity claims the focus area / pillar AND its own words support it."""
    text = profile(a).text
    if focus_area is not None and not (focus_area in a.focus_areas and cues.focus_area_supported(focus_area, text)):
        return False
    return pillar is None or (pillar in a.pillars and cues.pillar_supported(pillar, text))


def check_focus_and_pillars(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Each activity's focus areas and pillars are few and supported by what the activity says."""
    return _per_activity(plan, rules, "linh_vuc_tru_cot_hop_le", tag_problems)


# --------------------------------------------------------------------------- plan: partners


def partner_problems(a: Activity) -> tuple[float, list[Finding]]:
    written = len(a.partners) + len(a.invalid_partners)
    if not written:
        return 0.0, [] if _unread(a, "doi_tac") else [_f("checks.no_partner", a)]
    problems: list[Finding] = []
    text = fold(f"{a.title or ''} {a.description or ''}")
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


# --------------------------------------------------------------------------- plan: concrete, distinct


def concreteness(a: Activity) -> tuple[float, list[Finding]]:
    """Four equal parts: what is done, with whom, where, and in words of its own (not slogans, not a salad)."""
    p = profile(a)
    problems: list[Finding] = []
    why = p.why_not_meaningful
    if why is not None:
        return 0.0, [_f(why, a, words=p.words)]
    if p.copied:
        return 0.0, [_f("substance.course_copy", a)]
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
    elif p.fluency < GOOD_FLUENCY:
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


@lru_cache(maxsize=1024)
def _fingerprint(a: Activity) -> frozenset[str]:
    return frozenset(shingles(f"{a.title or ''} {a.description or ''}", size=2, limit=120))


def _similar(a: Activity, b: Activity) -> bool:
    if fold(a.title) and fold(a.title) == fold(b.title):
        return True
    return jaccard(_fingerprint(a), _fingerprint(b)) >= COPY_LIMIT


def substantive_activities(plan: Plan) -> list[Activity]:
    """Activities that count (real words, not slogans) and are not copies of an earlier one."""
    return list(_substantive(plan.activities, copies.enforced()))


@lru_cache(maxsize=256)
def _substantive(activities: tuple[Activity, ...], copies_enforced: bool) -> tuple[Activity, ...]:
    """The activities that count (``copies_enforced`` keys the cache: whether course copies count)."""
    kept: list[Activity] = []
    for a in activities:
        if profile(a).counts and not any(_similar(a, b) for b in kept):
            kept.append(a)
    return tuple(kept)


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


# --------------------------------------------------------------------------- plan: budget


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


# --------------------------------------------------------------------------- plan: follow-up


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
    """True if a follow-up action says who does it (a unit, a team, an office: "Sở Kế hoạch và Đầu tư ...")."""
    return cues.mentions(text, OWNER_WORDS)


def check_follow_up(plan: Plan, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """Every activity that signs commitments has follow-up actions after it, with deadlines inside the plan."""

    def judge(a: Activity) -> tuple[float, list[Finding]]:
        if not a.signs_agreements:
            return 1.0, []
        return follow_up_problems(a, plan)

    return _per_activity(plan, rules, "theo_doi_cam_ket", judge)


# --------------------------------------------------------------------------- plan: objectives


def objective_score(text: str) -> tuple[float, list[str]]:
    """Half for a real aim in words of its own (a verb of the aim, not slogans, not a salad of words), half
    for naming something concrete (a place, a number, an organisation)."""
    words = real_words(text)
    if len(words) < MIN_OBJECTIVE_WORDS or not cues.has_action(text):
        return 0.0, ["substance.objective_thin"]
    if lexicon.read(text, places.places_in(text) + places.organisations_in(text)).noise > MAX_NOISE:
        return 0.0, ["substance.objective_thin"]
    analysis = boilerplate.analyse(text)
    if analysis.share > boilerplate_limit():
        return 0.0, ["substance.objective_slogans"]
    if copies.enforced() and copies.is_course_copy(text):
        return 0.0, ["substance.objective_course_copy"]
    concrete = bool(places.places_in(text) or places.organisations_in(text) or any(c.isdigit() for c in text))
    return (1.0, []) if concrete else (0.5, ["substance.objective_vague"])


def boilerplate_limit() -> float:
    from grader.substance import MAX_SLOGAN_SHARE

    return MAX_SLOGAN_SHARE


def check_objectives(plan: Plan, *, minimum: int = 2, rules: PlanRules = DEFAULT_RULES) -> CheckResult:
    """At least ``minimum`` distinct objectives, each concrete and in words of its own."""
    seen: set[str] = set()
    scored: list[float] = []
    findings: list[Finding] = []
    for i, o in enumerate(plan.objectives, 1):
        key = fold(o)
        if key in seen:
            continue
        seen.add(key)
        score, keys = objective_score(o)
        scored.append(score)
        findings += [Finding(k, {"number": i}) for k in keys]
    best = sorted(scored, reverse=True)[:minimum]
    if len(scored) < minimum:
        findings.append(_f("checks.few_objectives", minimum=minimum))
    return _result("muc_tieu", sum(best), minimum, findings)


# --------------------------------------------------------------------------- helpers for exercise criteria


def check_coverage(plan: Plan, *, focus_areas: Sequence[int] = (), pillars: Sequence[int] = (),
                   criterion: str = "bao_phu", distinct: bool = False) -> CheckResult:
    """Each required focus area and pillar is served by a concrete activity whose words support the tag.

    An item served by a sketchy activity earns half (three quarters with some detail). With ``distinct``,
    each focus area needs its own activity (one activity serves one required area).
    """
    counted = [a for a in substantive_activities(plan) if concreteness(a)[0] >= 0.75]
    need = [("linh_vuc", n) for n in focus_areas] + [("tru_cot", n) for n in pillars]
    used: set[int] = set()
    earned = 0.0
    missing: list[tuple[str, int]] = []
    for kind, n in need:
        serving = [a for a in counted if not (distinct and kind == "linh_vuc" and a.number in used)
                   and (tag_supported(a, focus_area=n) if kind == "linh_vuc" else tag_supported(a, pillar=n))]
        if not serving:
            missing.append((kind, n))
            continue
        best = max(serving, key=lambda a: detail_score(a)[0])
        earned += 0.5 + 0.5 * detail_score(best)[0]
        if distinct and kind == "linh_vuc":
            used.add(best.number)
    findings = []
    missing_fa = [n for k, n in missing if k == "linh_vuc"]
    missing_p = [n for k, n in missing if k == "tru_cot"]
    if missing_fa:
        findings.append(_f("checks.missing_focus_areas", numbers=", ".join(map(str, missing_fa))))
    if missing_p:
        findings.append(_f("checks.missing_pillars", numbers=", ".join(map(str, missing_p))))
    if earned < len(need) - len(missing):
        findings.append(_f("substance.coverage_sketchy"))
    return _result(criterion, earned, len(need), findings)


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


def check_period(plan: Plan, *, start: dt.date, end: dt.date, criterion: str = "ky_han") -> CheckResult:
    """The plan covers exactly the period the exercise sets."""
    if plan.start == start and plan.end == end:
        return _result(criterion, 1, 1, [])
    return _result(criterion, 0, 1, [_f("checks.wrong_period", start=_day(start), end=_day(end))])


def activity_is_sound(a: Activity, plan: Plan) -> float:
    """How sound an activity is as a whole (0..1): concrete, measurable, with supported tags."""
    if not profile(a).counts:
        return 0.0
    conc = concreteness(a)[0]
    ind = 0.0
    if a.indicators:
        ind = max(indicator_score(i, n, a.start, plan.end, a)[0] for n, i in enumerate(a.indicators, 1))
    tags = tag_problems(a)[0]
    return (conc + ind + tags) / 3


# --------------------------------------------------------------------------- proposal checks


PROPOSAL_FIELDS = 11


def check_proposal_fields(p: Proposal) -> CheckResult:
    """Every field of the proposal is filled in; request and expected result are in real words."""
    findings = list(p.problems)
    gaps = [k for k, v in (("dia_phuong", real_words(p.locality)), ("gui_den", p.recipient),
                           ("thi_truong", real_words(p.market)), ("loai_ho_tro", p.support),
                           ("linh_vuc", p.focus_areas), ("tru_cot", p.pillars), ("bat_dau", p.start),
                           ("ket_thuc", p.end), ("chi_so", p.indicators)) if not v]
    if len(real_words(p.request)) < 8:
        gaps.append("noi_dung")
    if len(real_words(p.expected_result)) < 8:
        gaps.append("ket_qua_mong_doi")
    said = [k for k in gaps if not _unread(p, k)]
    if said:
        findings.append(_f("checks.proposal_missing", fields=", ".join(_label(k) for k in said)))
    return _result("truong_bat_buoc", PROPOSAL_FIELDS - len(gaps), PROPOSAL_FIELDS, findings)


def proposal_counts(p: Proposal) -> bool:
    """The request and expected result say something: real words of the trade, not slogans, not a salad.

    Only such a proposal earns credit for its dates, indicators, tags and content."""
    return _proposal_text_counts(f"{p.request or ''} {p.expected_result or ''}", copies.enforced())


@lru_cache(maxsize=256)
def _proposal_text_counts(text: str, copy_rule: bool) -> bool:
    """:func:`proposal_counts` of a proposal's request + expected result (cached: four criteria ask)."""
    analysis = boilerplate.analyse(text)
    names = tuple(places.places_in(text)) + tuple(places.organisations_in(text))
    folded = fold(text)
    topical = plausibility.activity_kind(None, text) is not None or any(
        cues.focus_area_supported(n, folded) for n in cues.FOCUS_AREA_CUES)
    return (len(real_words(text)) >= 8 and analysis.share <= MAX_SLOGAN_SHARE and len(analysis.rest) >= 6
            and lexicon.fluency(text, names) >= MIN_FLUENCY and topical
            and lexicon.longest_unknown_run(text, names) <= MAX_UNKNOWN_RUN
            and not (copy_rule and copies.is_course_copy(text)))


def proposal_copied(p: Proposal) -> bool:
    """The request and expected result repeat the course's example proposal (discounted at grading)."""
    return copies.enforced() and copies.is_course_copy(f"{p.request or ''} {p.expected_result or ''}")


MIN_PROPOSAL_INDICATORS = 2  # one for the support received, one for the result for the province


def check_proposal_indicators(p: Proposal) -> CheckResult:
    """Two or more indicators, plausible, measurable, due inside the period and tied to the request."""
    if not p.indicators:
        return _result("chi_so_do_duoc", 0, 1, [] if _unread(p, "chi_so") else [_f("checks.proposal_no_indicator")])
    if not proposal_counts(p):
        return _result("chi_so_do_duoc", 0, 1, [_f("substance.proposal_not_counted")])
    context = f"{p.request or ''} {p.expected_result or ''} {p.market or ''}"
    scores = [indicator_score(ind, i, p.start, p.end, None, context) for i, ind in enumerate(p.indicators, 1)]
    findings = [f for _, fs in scores for f in fs]
    if len(scores) < MIN_PROPOSAL_INDICATORS:
        findings.append(_f("substance.proposal_few_indicators", minimum=MIN_PROPOSAL_INDICATORS))
    return _result("chi_so_do_duoc", sum(s for s, _ in scores), max(len(scores), MIN_PROPOSAL_INDICATORS), findings)


def check_proposal_dates(p: Proposal) -> CheckResult:
    """The proposal's period is valid and plausible (inside 2024-2026, at most two years)."""
    if not _period_ok(p):
        said = p.start is None and _unread(p, "bat_dau") or p.end is None and _unread(p, "ket_thuc")
        return _result("ngay_hop_le", 0, 1, [] if said else [_f("checks.period_invalid")])
    assert p.start is not None and p.end is not None
    if p.start.year < 2024 or p.end.year > 2026 or (p.end - p.start).days > 2 * 366:
        return _result("ngay_hop_le", 0, 1, [_f("substance.proposal_period_implausible")])
    if not proposal_counts(p):
        return _result("ngay_hop_le", 0, 1, [_f("substance.proposal_not_counted")])
    return _result("ngay_hop_le", 1, 1, [])


ASKING_WORDS = ("cung cấp", "giới thiệu", "kết nối", "tư vấn", "hỗ trợ", "danh sách", "thông tin về", "tổ chức",
                "mời", "đặt gian hàng", "làm cầu nối", "thiết lập", "tìm", "xác minh", "chia sẻ")


def proposal_concreteness(p: Proposal) -> tuple[float, list[Finding]]:
    """Six equal parts: what is asked, of whom by name, for which market, with a detail (a number, a city, a
    date), in words of its own, and a result with a number."""
    text = f"{p.request or ''} {p.expected_result or ''}"
    if len(real_words(text)) < 8:
        return 0.0, [_f("substance.proposal_no_real_words")]
    if proposal_copied(p):
        return 0.0, [_f("substance.proposal_course_copy")]
    if not proposal_counts(p):
        return 0.0, [_f("substance.proposal_slogans")]
    request = p.request or ""
    folded = fold(request)
    checks_ = (
        (names_any(folded, ASKING_WORDS) or plausibility.activity_kind(None, request) is not None,
         "substance.proposal_no_what"),
        (bool(places.organisations_in(request) and any(
            names_any(fold(o), ("dai su quan", "lanh su", "co quan dai dien", "thuong vu", "bo ngoai giao",
                                "cuc ngoai vu", "hoc vien ngoai giao", "uy ban nha nuoc"))
            for o in places.organisations_in(request))), "substance.proposal_no_whom"),
        (bool(places.places_in(request)), "substance.proposal_no_where"),
        (any(c.isdigit() for c in request) or len(places.places_in(request)) >= 2, "substance.proposal_no_detail"),
        (True, ""),
        (any(c.isdigit() for c in p.expected_result or ""), "substance.proposal_result_vague"),
    )
    findings = [_f(key) for ok, key in checks_ if not ok]
    return sum(ok for ok, _ in checks_) / len(checks_), findings


def check_proposal_concrete(p: Proposal) -> CheckResult:
    """The request says what is asked, of whom, for which market, in detail and in own words, with a
    measurable result."""
    score, findings = proposal_concreteness(p)
    return _result("noi_dung_cu_the", score, 1, findings)


def check_proposal_tags(p: Proposal) -> CheckResult:
    """The proposal's focus areas and pillars are supported by what it asks."""
    claimed = len(p.focus_areas) + len(p.pillars)
    if not claimed:
        return _result("linh_vuc_tru_cot_dat_hang", 0, 1, [_f("substance.proposal_no_tags")])
    if not proposal_counts(p):
        return _result("linh_vuc_tru_cot_dat_hang", 0, 1, [_f("substance.proposal_not_counted")])
    text = boilerplate.without_slogans(f"{p.request or ''} {p.expected_result or ''} {p.market or ''}")
    findings: list[Finding] = []
    supported = 0
    for n in p.focus_areas:
        if cues.focus_area_supported(n, text):
            supported += 1
        else:
            findings.append(_f("substance.proposal_focus_unsupported", number=n, cues=cues.cue_words("linh_vuc", n)))
    for n in p.pillars:
        if cues.pillar_supported(n, text):
            supported += 1
        else:
            findings.append(_f("substance.proposal_pillar_unsupported", number=n, cues=cues.cue_words("tru_cot", n)))
    score = supported / claimed
    if len(p.focus_areas) > MAX_FOCUS_AREAS or len(p.pillars) > MAX_PILLARS:
        findings.append(_f("substance.proposal_too_many_tags"))
        score /= 2
    return _result("linh_vuc_tru_cot_dat_hang", score, 1, findings)


# --------------------------------------------------------------------------- building blocks for exercise criteria


def activity_text(a: Activity) -> str:
    """The folded title, description and indicator phrases of an activity (slogans kept)."""
    return fold(" ".join([a.title or "", a.description or "", *(i.metric or "" for i in a.indicators)]))


def names_any(folded_text: str, words: Sequence[str]) -> bool:
    """True if the folded text holds any of ``words`` (folded here), word-aligned."""
    return bool(cues.hits(folded_text, tuple(fold(w) for w in words)))


def names_market(a: Activity) -> bool:
    """True if the activity names a foreign country, region or locality."""
    text = f"{a.title or ''} {a.description or ''}"
    return bool(places.countries_in(text) or places.regions_in(text) or places.foreign_localities_in(text))


def best_indicator(a: Activity, plan: Plan) -> float:
    """The credit (0..1) of the activity's best indicator."""
    if not a.indicators:
        return 0.0
    return max(indicator_score(i, n, a.start, plan.end, a)[0] for n, i in enumerate(a.indicators, 1))


def commitment_follow_up(a: Activity, plan: Plan, about: Sequence[str]) -> float:
    """A signing activity's follow-up score (actions, timing, who), halved when no action names one of
    ``about`` (words of the commitments it follows: memoranda, agreements, projects...); 0 if nothing is signed."""
    if not a.signs_agreements:
        return 0.0
    score, _ = follow_up_problems(a, plan)
    named = any(names_any(fold_text(f.action), about) for f in a.follow_ups)
    return score * (1.0 if named else 0.5)


def best_activity(plan: Plan, score: Callable[[Activity], float]) -> tuple[float, Activity | None]:
    """The highest ``score`` among the activities that count, and that activity."""
    scored = [(score(a), a) for a in substantive_activities(plan)]
    if not scored:
        return 0.0, None
    top = max(scored, key=lambda pair: pair[0])
    return top


def result(criterion: str, earned: float, possible: float, findings: Sequence[Finding] = ()) -> CheckResult:
    """A result earning ``earned / possible`` of one point (for exercise criteria)."""
    return _result(criterion, earned, possible, findings)
