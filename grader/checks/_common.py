"""What every criterion shares: the exercise's :class:`PlanRules`, the result and finding helpers, and which
activities count (real words, not slogans, not a copy of an earlier one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from grader.messages import has, t
from grader.period import current as current_period
from grader.plan import Activity, Plan, Proposal
from grader.results import CheckResult, Finding
from grader.substance import copies, cues, profile
from grader.substance.text import fold, jaccard

MIN_TITLE_WORDS = 2


MIN_TEXT_WORDS = 3  # an indicator's phrase or a follow-up action needs at least a short phrase


MIN_OBJECTIVE_WORDS = 4


COPY_LIMIT = 0.6  # Jaccard similarity of word pairs above which two activities are copies
# Two activities whose whole content (title, description, indicators, follow-ups; places, organisations and numbers
# masked) shares this much, rarity-weighted, in whatever order, say the same thing. Measured on every plan of the
# calibration and held-out sets: strong, slip, terse and mediocre plans reach 0.36 for their closest pair (two trade
# missions to two markets differ in their products, partners and purpose); thin drafts 0.56 (one-liners sharing a
# few words); one activity reworded in each slot (word order, partner kinds, budgets, numbers) 0.64-0.74.
ECHO_LIMIT = 0.6
ECHO_MIN_WORDS = 20  # activities shorter than this (one-liners of a thin draft) are compared by their word pairs only


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


# The rules of a direct call that names none: the course's plan period as set when grader.checks is imported.
DEFAULT_RULES = PlanRules(current_period().start, current_period().end, 1)


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


@lru_cache(maxsize=1024)
def _fingerprint(a: Activity) -> frozenset[str]:
    """Word pairs of the title and description with places, organisations and numbers masked, so that one
    activity repeated with a name swapped ("... tại Tokyo" / "... tại Seoul") has the same fingerprint."""
    text = f"{a.title or ''} {a.description or ''}"
    p = profile(a)
    words = copies.mask(text, (*p.places, *(fold(o) for o in p.organisations)))[:120]
    return frozenset(" ".join(words[i:i + 2]) for i in range(len(words) - 1)) or frozenset(words)


def _slots_of(a: Activity) -> tuple[object, ...] | None:
    """What an activity is made of beyond its words: the partner kinds, the budget, the indicators' numbers and
    units, the focus areas and pillars (None when too little is filled in to compare)."""
    if a.budget is None or not a.indicators or not a.partners:
        return None
    return (tuple(sorted(a.partners)), a.budget, tuple(sorted((i.target, fold(i.unit)) for i in a.indicators)),
            a.focus_areas, a.pillars)


@lru_cache(maxsize=1024)
def _content(a: Activity) -> dict[str, float]:
    """The words of everything an activity says (title, description, indicators, follow-ups), places, organisations
    and numbers masked, each with its rarity in the course's texts (:func:`copies.rarity`)."""
    texts = (a.title, a.description, *(i.metric for i in a.indicators), *(f.action for f in a.follow_ups))
    p = profile(a)
    words = copies.mask(" ".join(t for t in texts if t), (*p.places, *(fold(o) for o in p.organisations)))
    return {w: copies.rarity(w) for w in words if w not in (copies.MASK, copies.NUMBER)}


def echo(a: Activity, b: Activity) -> float:
    """How much two activities say the same thing, whatever their order and names: the rarity-weighted words they
    share, as a share of the wordier one's (0 when either is under :data:`ECHO_MIN_WORDS` words)."""
    x, y = _content(a), _content(b)
    if len(x) < ECHO_MIN_WORDS or len(y) < ECHO_MIN_WORDS:
        return 0.0
    shared = sum(w for word, w in x.items() if word in y)
    return shared / max(sum(x.values()), sum(y.values()))


def _similar(a: Activity, b: Activity) -> bool:
    """One activity said twice: the same title, most of the same words (names masked), the same slots
    (partners, budget, indicators' numbers and units, tags) reworded, or the same content reworded and reordered
    (:func:`echo`)."""
    if fold(a.title) and fold(a.title) == fold(b.title):
        return True
    slots = _slots_of(a)
    if slots is not None and slots == _slots_of(b):
        return True
    return jaccard(_fingerprint(a), _fingerprint(b)) >= COPY_LIMIT or echo(a, b) >= ECHO_LIMIT


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


def names_any(folded_text: str, words: Sequence[str]) -> bool:
    """True if the folded text holds any of ``words`` (folded here), word-aligned."""
    return bool(cues.hits(folded_text, tuple(fold(w) for w in words)))


def result(criterion: str, earned: float, possible: float, findings: Sequence[Finding] = ()) -> CheckResult:
    """A result earning ``earned / possible`` of one point (for exercise criteria)."""
    return _result(criterion, earned, possible, findings)
