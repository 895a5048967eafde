"""Focus areas and pillars (tags) each activity's words support, and the coverage an exercise requires."""

from __future__ import annotations

from collections.abc import Sequence

from grader.checks._common import (
    DEFAULT_RULES,
    MAX_FOCUS_AREAS,
    MAX_PILLARS,
    REQUIRED_PILLAR_FOR_FOCUS,
    PlanRules,
    _f,
    _per_activity,
    _result,
    _unread,
    substantive_activities,
)
from grader.checks.concrete import concreteness, detail_score
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding
from grader.substance import cues, profile


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
