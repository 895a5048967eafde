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

The criteria live in one module per concern (``grader.checks.dates``, ``budget``, ``indicators``, ``tags``,
``partners``, ``follow_up``, ...); this package re-exports every name, so criteria files and tests keep
writing ``checks.check_dates`` or ``checks.result``.
"""

from __future__ import annotations

from grader.checks._common import (
    COPY_LIMIT,
    DEFAULT_RULES,
    MAX_FOCUS_AREAS,
    MAX_PARTNER_KINDS,
    MAX_PILLARS,
    MIN_OBJECTIVE_WORDS,
    MIN_TEXT_WORDS,
    MIN_TITLE_WORDS,
    REQUIRED_PILLAR_FOR_FOCUS,
    PlanRules,
    _day,
    _f,
    _few_activities,
    _fingerprint,
    _label,
    _not_counted,
    _per_activity,
    _period_ok,
    _result,
    _similar,
    _slots,
    _substantive,
    _unread,
    _vnd,
    fold_text,
    names_any,
    result,
    substantive_activities,
)
from grader.checks.blocks import (
    activities_elsewhere,
    activity_is_sound,
    activity_text,
    best_activity,
    names_market,
    works_elsewhere,
)
from grader.checks.budget import (
    budget_problems,
    check_budget,
)
from grader.checks.concrete import (
    MIN_RICH_WORDS,
    check_concrete,
    check_detail,
    check_distinct,
    concreteness,
    detail_score,
    is_concrete,
)
from grader.checks.dates import (
    _plan_period_problems,
    check_dates,
    check_period,
)
from grader.checks.fields import (
    ACTIVITY_FIELDS,
    _activity_gaps,
    check_locality,
    check_required_fields,
)
from grader.checks.follow_up import (
    OWNER_WORDS,
    check_follow_up,
    commitment_follow_up,
    follow_up_problems,
    names_owner,
)
from grader.checks.indicators import (
    _owner,
    _shares_words,
    best_indicator,
    check_indicators,
    indicator_score,
)
from grader.checks.objectives import (
    boilerplate_limit,
    check_objectives,
    objective_score,
)
from grader.checks.partners import (
    _partner_label,
    check_partners,
    partner_problems,
)
from grader.checks.proposal import (
    ASKING_WORDS,
    MIN_PROPOSAL_INDICATORS,
    PROPOSAL_FIELDS,
    _proposal_text_counts,
    check_proposal_concrete,
    check_proposal_dates,
    check_proposal_fields,
    check_proposal_indicators,
    check_proposal_tags,
    proposal_concreteness,
    proposal_copied,
    proposal_counts,
)
from grader.checks.tags import (
    check_coverage,
    check_focus_and_pillars,
    tag_problems,
    tag_supported,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "ASKING_WORDS",
    "COPY_LIMIT",
    "DEFAULT_RULES",
    "MAX_FOCUS_AREAS",
    "MAX_PARTNER_KINDS",
    "MAX_PILLARS",
    "MIN_OBJECTIVE_WORDS",
    "MIN_PROPOSAL_INDICATORS",
    "MIN_RICH_WORDS",
    "MIN_TEXT_WORDS",
    "MIN_TITLE_WORDS",
    "OWNER_WORDS",
    "PROPOSAL_FIELDS",
    "PlanRules",
    "REQUIRED_PILLAR_FOR_FOCUS",
    "_activity_gaps",
    "_day",
    "_f",
    "_few_activities",
    "_fingerprint",
    "_label",
    "_not_counted",
    "_owner",
    "_partner_label",
    "_per_activity",
    "_period_ok",
    "_plan_period_problems",
    "_proposal_text_counts",
    "_result",
    "_shares_words",
    "_similar",
    "_slots",
    "_substantive",
    "_unread",
    "_vnd",
    "activities_elsewhere",
    "activity_is_sound",
    "works_elsewhere",
    "activity_text",
    "best_activity",
    "best_indicator",
    "boilerplate_limit",
    "budget_problems",
    "check_budget",
    "check_concrete",
    "check_coverage",
    "check_dates",
    "check_detail",
    "check_distinct",
    "check_focus_and_pillars",
    "check_follow_up",
    "check_indicators",
    "check_locality",
    "check_objectives",
    "check_partners",
    "check_period",
    "check_proposal_concrete",
    "check_proposal_dates",
    "check_proposal_fields",
    "check_proposal_indicators",
    "check_proposal_tags",
    "check_required_fields",
    "commitment_follow_up",
    "concreteness",
    "detail_score",
    "fold_text",
    "follow_up_problems",
    "indicator_score",
    "is_concrete",
    "names_any",
    "names_market",
    "names_owner",
    "objective_score",
    "partner_problems",
    "proposal_concreteness",
    "proposal_copied",
    "proposal_counts",
    "result",
    "substantive_activities",
    "tag_problems",
    "tag_supported",
]
