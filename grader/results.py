"""The result of checking one criterion: points earned and possible, and why.

Checks (``grader.checks`` and the assignment modules) return a
:class:`CheckResult`; the self-check, nbgrader's test cells and the cohort
report all read the same records. Messages are stored as keys of the
catalogue (:mod:`grader.messages`) with their parameters, and rendered in the
current locale only when shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.messages import t


@dataclass(frozen=True)
class Finding:
    """One problem found by a check (or by parsing), as a catalogue key and its parameters."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, locale: str | None = None) -> str:
        return t(self.key, locale=locale, **self.params)


@dataclass(frozen=True)
class CheckResult:
    """Points earned out of points possible for one criterion, with the findings that cost points."""

    criterion: str
    earned: float
    possible: float
    findings: tuple[Finding, ...] = ()
    # Why a person should look at this result before it stands (grading marks it for the instructor's
    # review in the formgrader); empty when the grader is sure.
    review: tuple[Finding, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.earned <= self.possible:
            raise ValueError(f"{self.criterion}: earned {self.earned} outside 0..{self.possible}")

    @property
    def passed(self) -> bool:
        return self.earned >= self.possible

    def messages(self, locale: str | None = None) -> list[str]:
        return [f.text(locale) for f in self.findings]

    def scaled(self, points: float) -> CheckResult:
        """The same result on a scale of ``points`` (for an assignment's weighting)."""
        ratio = self.earned / self.possible if self.possible else 0.0
        return CheckResult(self.criterion, round(ratio * points, 2), points, self.findings, self.review)

    def capped(self, gate: Gate) -> CheckResult:
        """This result under ``gate``: at most its cap of the points, with the gate's reasons (review reasons
        are always kept)."""
        limit = round(gate.cap * self.possible, 2)
        review = _unique(self.review + gate.review)
        if self.earned <= limit:
            return CheckResult(self.criterion, self.earned, self.possible, self.findings, review)
        return CheckResult(self.criterion, limit, self.possible, self.findings + gate.findings, review)


def _unique(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    seen: set[tuple[str, str]] = set()
    out = []
    for f in findings:
        mark = (f.key, repr(sorted(f.params.items())))
        if mark not in seen:
            seen.add(mark)
            out.append(f)
    return tuple(out)


@dataclass(frozen=True)
class Gate:
    """What the whole answer allows before any criterion counts: the share of each criterion's points it can
    earn at most (1: no limit), why (findings shown with each capped criterion), and why a person should
    look (``review``)."""

    cap: float = 1.0
    findings: tuple[Finding, ...] = ()
    review: tuple[Finding, ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.cap <= 1:
            raise ValueError(f"gate cap {self.cap} outside 0..1")

    def __and__(self, other: Gate) -> Gate:
        return Gate(min(self.cap, other.cap), self.findings + other.findings, self.review + other.review)


OPEN = Gate()


def fraction(criterion: str, good: int, total: int, findings: list[Finding] | tuple[Finding, ...]) -> CheckResult:
    """A result earning ``good / total`` of one point (0 when there is nothing to judge)."""
    if total <= 0:
        return CheckResult(criterion, 0.0, 1.0, tuple(findings))
    return CheckResult(criterion, good / total, 1.0, tuple(findings))
