"""grader.checks.partners: a few kinds of partner, of the kinds the sources name, that the text mentions."""

from __future__ import annotations

import pytest
from check_samples import RULES, activity, edit, keys, no_hidden_criteria, sample  # noqa: F401 (autouse fixture)

from grader import checks
from grader.checks import partners
from grader.checks.budget import check_budget
from grader.knowledge import knowledge
from grader.substance import cues
from grader.substance.text import fold


def _unmentioned_kind(text: str, taken: tuple[str, ...]) -> str:
    """A kind of partner of the knowledge base that ``text`` does not mention."""
    return next(k.id for k in knowledge().partner_kinds
                if k.id not in taken and not cues.partner_supported(k.id, fold(text)))


def test_the_package_reexports_the_partner_criterion() -> None:
    assert checks.check_partners is partners.check_partners and checks.partner_problems is partners.partner_problems


def test_the_worked_plans_partners_are_supported() -> None:
    result = partners.check_partners(sample(), RULES)
    assert result.earned == 1 and not result.findings


def test_a_kind_the_text_does_not_mention_costs_its_share_of_one_activity() -> None:
    plan = sample()
    fourth = activity(plan, 4)
    extra = _unmentioned_kind(f"{fourth.title} {fourth.description}", fourth.partners)
    edited = edit(plan, 4, partners=(*fourth.partners, extra))
    result = partners.check_partners(edited, RULES)
    share = len(fourth.partners) / (len(fourth.partners) + 1)
    assert result.earned == pytest.approx((3 + share) / 4)
    assert keys(result) == {"substance.partner_unsupported"}
    assert check_budget(edited, RULES).earned == 1  # no cascade


def test_an_activity_without_partners_is_named() -> None:
    result = partners.check_partners(edit(sample(), 2, partners=()), RULES)
    assert result.earned == pytest.approx(3 / 4) and keys(result) == {"checks.no_partner"}


def test_every_kind_of_partner_at_once_is_too_many() -> None:
    every = tuple(k.id for k in knowledge().partner_kinds)
    assert len(every) > checks.MAX_PARTNER_KINDS
    score, problems = partners.partner_problems(activity(edit(sample(), 1, partners=every), 1))
    assert "substance.too_many_partners" in {p.key for p in problems} and score <= 0.5
