"""Objectives: distinct aims in words of their own, each naming something concrete."""

from __future__ import annotations

from grader.checks._common import DEFAULT_RULES, MIN_OBJECTIVE_WORDS, PlanRules, _f, _result
from grader.plan import Plan
from grader.results import CheckResult, Finding
from grader.substance import MAX_NOISE, boilerplate, copies, cues, lexicon, places
from grader.substance.text import fold, real_words


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
