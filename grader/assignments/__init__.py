"""The exercises' specifications: for each assignment, how its answer is read and which criteria judge it.

Each assignment lives in its own module in this package (``bt1_phan_loai.py``,
...) and defines a module-level ``ASSIGNMENT`` (:class:`Assignment`). The same
specification drives the trainee's self-check (public criteria only), nbgrader's
test cells (:mod:`grader.nbtest`), the trusted re-check of the grading path and
the cohort report.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from grader.results import CheckResult, Finding

# Assignment ids, in course order; each names a module of this package.
ASSIGNMENT_IDS: tuple[str, ...] = (
    "bt1_phan_loai",
    "bt2_doc_nguon",
    "bt3_thua_thien_hue",
    "bt4_dat_hang",
    "bt5_ke_hoach_tinh",
)


class AnswerError(ValueError):
    """The trainee's answer cannot be read. ``findings`` lists every problem, in the catalogue's words."""

    def __init__(self, findings: list[Finding] | tuple[Finding, ...]):
        self.findings = tuple(findings)
        super().__init__("; ".join(f.text() for f in self.findings))


@dataclass(frozen=True)
class Criterion:
    """One autograded criterion: its own test cell, its own points."""

    key: str  # used in test cells: cham("<assignment>", "<key>", answer)
    title_key: str  # catalogue key of its Vietnamese name
    points: float
    hidden: bool  # exercise-specific: in a hidden-test block, never named by the self-check
    check: Callable[[Any], CheckResult]  # parsed answer -> result (any scale; scaled to `points`)


@dataclass(frozen=True)
class Assignment:
    id: str
    title_key: str
    answer_variable: str  # the name of the variable the trainee fills in
    parse: Callable[[Any], Any]  # raw answer -> typed answer; raises AnswerError
    criteria: tuple[Criterion, ...]

    def criterion(self, key: str) -> Criterion:
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(f"assignment {self.id} has no criterion {key!r}")

    @property
    def public_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.hidden)

    @property
    def hidden_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.hidden)

    @property
    def total_points(self) -> float:
        return sum(c.points for c in self.criteria)


def get(assignment_id: str) -> Assignment:
    """The specification of ``assignment_id`` (one of :data:`ASSIGNMENT_IDS`)."""
    if assignment_id not in ASSIGNMENT_IDS:
        raise KeyError(f"unknown assignment {assignment_id!r}; known: {', '.join(ASSIGNMENT_IDS)}")
    return importlib.import_module(f"{__name__}.{assignment_id}").ASSIGNMENT


def evaluate(assignment_id: str, raw_answer: Any, criterion_key: str) -> CheckResult:
    """Judge one criterion. Never raises on a bad answer: an unreadable answer earns 0 with the reasons."""
    assignment = get(assignment_id)
    criterion = assignment.criterion(criterion_key)
    try:
        answer = assignment.parse(raw_answer)
    except AnswerError as exc:
        return CheckResult(criterion.key, 0.0, criterion.points, exc.findings)
    try:
        result = criterion.check(answer)
    except Exception as exc:  # a check must not crash grading; report it as an unreadable answer
        return CheckResult(
            criterion.key, 0.0, criterion.points,
            (Finding("common.check_failed", {"error": type(exc).__name__}),),
        )
    return replace(result.scaled(criterion.points), criterion=criterion.key)


def evaluate_all(assignment_id: str, raw_answer: Any, *, include_hidden: bool) -> list[CheckResult]:
    """Judge every criterion (or only the public ones) of an assignment."""
    assignment = get(assignment_id)
    criteria = assignment.criteria if include_hidden else assignment.public_criteria
    return [evaluate(assignment_id, raw_answer, c.key) for c in criteria]
