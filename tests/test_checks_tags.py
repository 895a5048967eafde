"""grader.checks.tags: focus areas and pillars supported by the activity's words, and required coverage."""

from __future__ import annotations

from check_samples import RULES, activity, edit, keys, no_hidden_criteria, sample  # noqa: F401 (autouse fixture)

from grader import checks
from grader.checks import tags
from grader.checks.indicators import check_indicators
from grader.substance import cues


def test_the_package_reexports_the_tag_criteria() -> None:
    assert checks.check_focus_and_pillars is tags.check_focus_and_pillars
    assert checks.check_coverage is tags.check_coverage and checks.tag_supported is tags.tag_supported


def test_the_worked_plans_tags_are_supported() -> None:
    plan = sample()
    assert tags.check_focus_and_pillars(plan, RULES).earned == 1
    first = activity(plan, 1)
    assert tags.tag_supported(first, focus_area=first.focus_areas[0], pillar=first.pillars[0])


def test_a_focus_area_the_text_does_not_support_is_named() -> None:
    plan = sample()
    second = activity(plan, 2)
    text = checks.activity_text(second)
    unsupported = next(n for n in cues.FOCUS_AREA_CUES if n not in second.focus_areas
                       and not cues.focus_area_supported(n, text))
    edited = edit(plan, 2, focus_areas=(*second.focus_areas, unsupported))
    result = tags.check_focus_and_pillars(edited, RULES)
    assert 0 < result.earned < 1 and keys(result) == {"substance.focus_unsupported"}
    assert not tags.tag_supported(activity(edited, 2), focus_area=unsupported)
    assert check_indicators(edited, RULES).earned == 1  # no cascade


def test_economic_diplomacy_needs_its_pillar() -> None:
    plan = sample()
    assert 3 in activity(plan, 1).focus_areas
    score, problems = tags.tag_problems(activity(edit(plan, 1, pillars=()), 1))
    assert score < 1 and {"checks.no_pillar", "checks.focus_needs_pillar"} <= {p.key for p in problems}


def test_more_focus_areas_than_allowed_are_named() -> None:
    _, problems = tags.tag_problems(activity(edit(sample(), 2, focus_areas=(1, 2, 4, 5)), 2))
    assert "checks.too_many_focus_areas" in {p.key for p in problems}


def test_coverage_names_what_no_activity_serves() -> None:
    plan = sample()
    served = sorted({n for a in plan.activities for n in a.focus_areas})
    assert tags.check_coverage(plan, focus_areas=served).earned > 0
    missing = next(n for n in cues.FOCUS_AREA_CUES if n not in served)
    result = tags.check_coverage(plan, focus_areas=(missing,))
    assert result.earned == 0 and "checks.missing_focus_areas" in keys(result)
