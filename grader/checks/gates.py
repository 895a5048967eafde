"""Gates: what a whole plan (or proposal) allows before any criterion counts.

A criterion judges one side of a plan; a gate judges the plan as a reader first sees it. A plan most of
whose activities do not read as Vietnamese sentences, are lists of names, name nobody and nothing, repeat
one activity with a name swapped, or copy the course's and the articles' texts, is not a plan an officer
would accept, however well its dates and budgets are filled in: each criterion then earns at most the
gate's cap of its points (:meth:`grader.results.CheckResult.capped`). The exercise-specific gate (does the
plan answer the task the exercise sets?) lives with the hidden criteria and is combined with these at
grading (:mod:`grader.assignments`).

A gate also says when a person should look (``review``): an activity judged not to read, but only just.
"""

from __future__ import annotations

from collections.abc import Sequence

from grader.checks._common import _similar
from grader.plan import Activity, Plan, Proposal
from grader.results import Finding, Gate
from grader.substance import copies, places, profile, reading
from grader.substance.text import fold

MIN_READING_SHARE = 0.6  # at least this share of the activities must read as sentences ...
UNREAD_CAP = 0.05  # ... or each criterion earns at most this share of its points
MIN_NAMED_SHARE = 0.5  # at least this share of the activities name a partner or place, or count something ...
GENERIC_CAP = 0.35  # ... or this cap
MIN_DISTINCT_SHARE = 0.5  # at least this share of the activities are not another one with a name swapped ...
CLONE_CAP = 0.25  # ... or this cap
MAX_COPIED_SHARE = 0.5  # more than this share of the activities copied from the course or the articles ...
COPY_CAP = 0.2  # ... gives this cap (at grading only, like the copy rule itself)
PLAN_COPY_SHARE = 0.45  # ... as does a plan whose activities, taken together, are this much the course's words
RETOLD_SHARE = 0.4  # an activity this much made of the articles' own words, in other order, retells them ...
MIN_RETOLD_SHARE = 0.5  # ... and a plan with at least this share of such activities retells the articles ...
RETOLD_CAP = 0.35  # ... and earns at most this (at grading only), and a person should look
MISPLACED_MARGIN = 0.2  # a title or indicators sharing this much more with another activity's description ...
MIN_PART_WORDS = 3  # ... (a title or indicators of at least this many content syllables) ...
MAX_MISPLACED_SHARE = 0.5  # ... in this share of the activities or more: the descriptions are shuffled ...
MISPLACED_CAP = 0.15  # ... and each criterion earns at most this share


def _numbers(activities: Sequence[Activity]) -> str:
    return ", ".join(str(a.number) for a in activities)


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _reads(a: Activity) -> bool:
    p = profile(a)
    return p.order.reads and not p.names_only and not p.salad and not p.noisy


def _better_fits(activities: Sequence[Activity]) -> dict[int, int]:
    """For each activity (by index) whose title or indicators fit another activity's description clearly better
    than its own, the index of that other activity."""
    descriptions = [reading.content_syllables(a.description) for a in activities]
    out: dict[int, int] = {}
    for i, a in enumerate(activities):
        parts = (reading.content_syllables(a.title),
                 frozenset().union(*(reading.content_syllables(x.metric) for x in a.indicators)))
        for part in parts:
            if len(part) < MIN_PART_WORDS:
                continue
            own = len(part & descriptions[i]) / len(part)
            other, j = max(((len(part & d) / len(part), j) for j, d in enumerate(descriptions) if j != i),
                           default=(0.0, i))
            if other > own + MISPLACED_MARGIN:
                out[i] = j
                break
    return out


def retold_activities(activities: Sequence[Activity]) -> list[Activity]:
    """The activities that retell the source articles in other words, when they are at least
    :data:`MIN_RETOLD_SHARE` of the plan (fewer: none; a plan may build one activity on an article's case)."""
    retold = [a for a in activities if profile(a).retold >= RETOLD_SHARE]
    return retold if activities and len(retold) >= MIN_RETOLD_SHARE * len(activities) else []


def misplaced(activities: Sequence[Activity]) -> list[Activity]:
    """Activities whose title or indicators fit another activity's description clearly better than their own
    (a good plan with its descriptions, titles or indicators moved between activities). Measured on the
    calibration set: honest plans have at most one in four such activities; moved ones nearly all."""
    return [activities[i] for i in sorted(_better_fits(activities))]


def swapped(activities: Sequence[Activity]) -> list[Activity]:
    """Pairs of activities each of which fits the other's description better than its own: two descriptions
    (or titles) exchanged, which a person should look at."""
    fits = _better_fits(activities)
    return [activities[i] for i in sorted(fits) if fits.get(fits[i]) == i]


def plan_gate(plan: Plan) -> Gate:
    """The gates of an action plan (public: the self-check applies them too)."""
    acts = plan.activities
    if not acts:
        return Gate()
    gate = Gate()
    unread = [a for a in acts if not _reads(a)]
    doubtful = [a for a in unread if profile(a).order.unsure and not profile(a).names_only]  # count half
    if len(acts) - len(unread) + len(doubtful) / 2 < MIN_READING_SHARE * len(acts):
        gate &= Gate(UNREAD_CAP, (Finding("gate.plan_unread", {"activities": _numbers(unread)}),))
    # named beyond the plan's own locality: "Huế", "Sở Du lịch", "UBND tỉnh" alone name no partner
    generic = [a for a in acts if _reads(a) and not profile(a).names_beyond(plan.locality)]
    named = [a for a in acts if profile(a).names_beyond(plan.locality)]
    if len(named) < MIN_NAMED_SHARE * len(acts) and generic:
        gate &= Gate(GENERIC_CAP, (Finding("gate.plan_generic", {"activities": _numbers(generic)}),))
    kept: list[Activity] = []
    clones: list[Activity] = []
    for a in acts:
        (clones if any(_similar(a, b) for b in kept) else kept).append(a)
    if clones and len(kept) < MIN_DISTINCT_SHARE * len(acts):
        gate &= Gate(CLONE_CAP, (Finding("gate.plan_cloned", {"activities": _numbers(clones)}),))
    moved = misplaced(acts) if len(acts) >= 2 else []
    if moved and len(moved) >= MAX_MISPLACED_SHARE * len(acts):
        gate &= Gate(MISPLACED_CAP, (Finding("gate.plan_misplaced", {"activities": _numbers(moved)}),))
    elif pair := swapped(acts):
        gate &= Gate(1.0, (), (Finding("review.plan_swapped", {"activities": _numbers(pair)}),))
    if copies.enforced():
        copied = [a for a in acts if profile(a).copied]
        shares = [(copies.copied_share(profile(a).own, profile(a).places), len(profile(a).own.split())) for a in acts]
        overall = sum(x * n for x, n in shares) / max(1, sum(n for _, n in shares))
        if len(copied) > MAX_COPIED_SHARE * len(acts) or overall >= PLAN_COPY_SHARE:
            near = [a for a, (x, _) in zip(acts, shares, strict=True) if x >= PLAN_COPY_SHARE] or copied
            gate &= Gate(COPY_CAP, (Finding("gate.plan_copied", {"activities": _numbers(near)}),))
        retold = retold_activities(acts)
        if retold:
            which = {"activities": _numbers(retold), "cap": _percent(RETOLD_CAP)}
            gate &= Gate(RETOLD_CAP, (Finding("gate.plan_retold", which),), (Finding("review.plan_retold", which),))
    unsure = [a for a in unread if profile(a).order.unsure and profile(a).named and not profile(a).names_only]
    if unsure:
        gate &= Gate(1.0, (), (Finding("review.reading_unsure", {"activities": _numbers(unsure)}),))
    return gate


RECIPIENT_WORDS = ("bo ngoai giao", "dai su quan", "tong lanh su quan", "lanh su quan", "co quan dai dien",
                   "thuong vu", "cuc ngoai vu")
CLONE_SIMILARITY = 0.6  # the request and another field sharing this much (names masked) say the same thing


def proposal_named(p: Proposal) -> bool:
    """The request names a place, a number, or an organisation other than the recipient it is addressed to,
    outside the proposal's own locality ("Huế", "Sở Du lịch Huế" name no partner: :func:`places.local_body`)."""
    request = p.request or ""
    home = places.home_names(p.locality)
    if places.beyond(places.places_in(request), home) or any(c.isdigit() for c in request):
        return True
    return any(not any(o.startswith(r) for r in RECIPIENT_WORDS) and not places.local_body(o, home)
               for o in places.organisations_in(request))


def _similar_texts(a: str | None, b: str | None) -> bool:
    def pairs(text: str | None) -> set[str]:
        words = copies.mask(text)
        return {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}

    x, y = pairs(a), pairs(b)
    if len(x) < 6 or len(y) < 6:
        return False
    return len(x & y) / min(len(x), len(y)) >= CLONE_SIMILARITY


def _restated(p: Proposal) -> bool:
    """The expected result restates the request (reworded): it says again what the recipient is to do, with the
    request's numbers, instead of what the province gets."""
    import re

    result = fold(p.expected_result)
    if not any(f" {r} " in f" {result} " for r in RECIPIENT_WORDS):
        return False
    numbers = set(re.findall(r"\d+", p.request or "")) - {"2026", "2027", "2028", "2029", "2030"}
    return bool(numbers & set(re.findall(r"\d+", p.expected_result or "")))


def proposal_gate(p: Proposal) -> Gate:
    """The gates of a "đặt hàng" proposal (public)."""
    texts = (p.request, p.expected_result, *(i.metric for i in p.indicators))
    if not any(t and t.strip() for t in texts):
        return Gate()
    order = reading.read_all(texts)
    if any(reading.content_of(t).list_of_names or reading.content_of(t).salad
           for t in (p.request, p.expected_result)):
        return Gate(UNREAD_CAP, (Finding("gate.proposal_unread"),))
    if not (reading.proposal_reads(order, p.request, p.expected_result)):
        review = (Finding("review.proposal_reading_unsure"),) if order.unsure else ()
        return Gate(UNREAD_CAP, (Finding("gate.proposal_unread"),), review)
    if not proposal_named(p):
        return Gate(GENERIC_CAP, (Finding("gate.proposal_generic"),))
    if _similar_texts(p.request, p.expected_result) or _restated(p):  # indicators may repeat the request
        return Gate(CLONE_CAP, (Finding("gate.proposal_cloned"),))
    if copies.enforced() and copies.is_course_copy(f"{p.request or ''} {p.expected_result or ''}"):
        return Gate(COPY_CAP, (Finding("gate.proposal_copied"),))
    if copies.enforced() and proposal_retold(p):
        which = {"cap": _percent(RETOLD_CAP)}
        return Gate(RETOLD_CAP, (Finding("gate.proposal_retold", which),), (Finding("review.proposal_retold", which),))
    if copies.enforced() and proposal_like_example(p):
        return Gate(1.0, (), (Finding("review.proposal_like_example"),))
    return Gate()


def proposal_retold(p: Proposal) -> bool:
    """The request and expected result restate a worked example of the course in other words, keeping its own
    numbers (both ways most of the same rare words, places masked, and two of the example's counts or its month:
    :func:`copies.restates_example_with_its_numbers`), or retell the articles (:func:`copies.retold_share`, as
    for activities)."""
    text = f"{p.request or ''} {p.expected_result or ''}"
    return copies.restates_example_with_its_numbers(text) or copies.retold_share(text) >= RETOLD_SHARE


def proposal_like_example(p: Proposal) -> bool:
    """The request and expected result follow a worked example closely (:func:`copies.restates_examples`) but
    with numbers of their own: a trainee who learnt the example's frame and wrote their own request in it ("danh
    sách 20 doanh nghiệp ... ở Côn Minh ... hội chợ ... tháng 9"), or a copy with its numbers changed. The words
    cannot tell which; the instructor reads it (no cap)."""
    return copies.restates_examples(f"{p.request or ''} {p.expected_result or ''}")


def copy_notices(answer: Plan | Proposal | object) -> list[Finding]:
    """What will not count at grading because it copies the course's or the articles' texts (names swapped), or
    retells the articles in other words:
    the self-check says so in words before the trainee submits (the rule itself applies at grading)."""
    if isinstance(answer, Plan):
        acts = answer.activities
        copied = [a for a in acts if profile(a).course_copy]
        out = [Finding("gate.notice_copied_activities", {"activities": _numbers(copied)})] if copied else []
        retold = [a for a in retold_activities(acts) if a not in copied]
        if retold:
            out.append(Finding("gate.notice_retold_activities", {"activities": _numbers(retold),
                                                                   "cap": _percent(RETOLD_CAP)}))
        return out
    if isinstance(answer, Proposal) and copies.is_course_copy(f"{answer.request or ''} {answer.expected_result or ''}"):
        return [Finding("gate.notice_copied_proposal")]
    if isinstance(answer, Proposal) and proposal_retold(answer):
        return [Finding("gate.notice_retold_proposal", {"cap": _percent(RETOLD_CAP)})]
    return []
