"""Building blocks composed from the other criteria, for the exercise-specific (hidden) criteria files."""

from __future__ import annotations

from collections.abc import Callable

from grader.checks._common import substantive_activities
from grader.checks.concrete import concreteness
from grader.checks.indicators import indicator_score
from grader.checks.tags import tag_problems
from grader.plan import Activity, Plan
from grader.substance import places, profile
from grader.substance.text import expand, fold


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


def activity_text(a: Activity) -> str:
    """The folded title, description and indicator phrases of an activity (slogans kept), with the trade's
    abbreviations written out ("7 DA cảng cho 35 DN Thái" names projects and firms)."""
    return fold(expand(" ".join([a.title or "", a.description or "", *(i.metric or "" for i in a.indicators)])))


def names_market(a: Activity) -> bool:
    """True if the activity names a foreign country, region or locality."""
    text = f"{a.title or ''} {a.description or ''}"
    return bool(places.countries_in(text) or places.regions_in(text) or places.foreign_localities_in(text))


def best_activity(plan: Plan, score: Callable[[Activity], float]) -> tuple[float, Activity | None]:
    """The highest ``score`` among the activities that count, and that activity."""
    scored = [(score(a), a) for a in substantive_activities(plan)]
    if not scored:
        return 0.0, None
    top = max(scored, key=lambda pair: pair[0])
    return top


def _bare_province(name: str) -> str:
    folded = fold(name)
    for prefix in ("tinh ", "thanh pho ", "tp "):
        folded = folded.removeprefix(prefix)
    return {"thua thien hue": "hue"}.get(folded, folded)


def activities_elsewhere(plan: Plan, locality: str | None = None) -> list[Activity]:
    """The activities whose own words name a province of Vietnam other than the plan's locality (and not it):
    a plan whose "Địa phương" says one province while its work happens in another."""
    home = _bare_province(locality if locality is not None else plan.locality or "")
    out = []
    for a in plan.activities:
        named = {_bare_province(n) for n in places.provinces_in(f"{a.title or ''} {a.description or ''}")}
        if named and home not in named:
            out.append(a)
    return out


def works_elsewhere(plan: Plan) -> list[Activity]:
    """The activities that happen in another province, when they make the plan another province's: more than
    half of them, or any when none names the plan's own locality (a plan written for one province with
    another's name on its "Địa phương" line; no honest calibration plan names another province and never its
    own). Empty otherwise."""
    elsewhere = activities_elsewhere(plan)
    if not elsewhere or not plan.activities:
        return []
    home = _bare_province(plan.locality or "")
    at_home = any(home in {_bare_province(n) for n in places.provinces_in(f"{a.title or ''} {a.description or ''}")}
                  for a in plan.activities)
    n = len(plan.activities)
    return elsewhere if 2 * len(elsewhere) > n or not at_home else []
