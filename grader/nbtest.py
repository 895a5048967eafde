"""What nbgrader's autograded test cells call.

A test cell checks exactly one criterion::

    from grader.nbtest import cham
    cham("bt3_thua_thien_hue", "chi_so_do_duoc", ke_hoach)

``cham`` prints the criterion's Vietnamese findings and returns the points the answer earns on it,
a plain number from 0 to the criterion's points: nbgrader takes a test cell's numeric result as
partial credit. A hidden criterion that is not loaded in this process (in the trainee's kernel it
never is) prints that it is graded at submission and returns ``None``. ``cham`` never raises for a
bad answer. The trusted re-check of the grading path (:mod:`grader.grading.recheck`) writes exactly
the same text and number from :func:`verdict`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from grader.assignments import ASSIGNMENT_IDS, evaluate, get
from grader.messages import get_locale, t
from grader.results import CheckResult, Finding


@dataclass(frozen=True)
class Verdict:
    """What a test cell shows: Vietnamese lines, and the points earned (None: not judged here)."""

    lines: tuple[str, ...]
    earned: float | None
    possible: float

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def format_points(value: float, locale: str | None = None) -> str:
    """Points as people write them (``1,5`` in Vietnamese, ``1.5`` in English)."""
    text = f"{round(value, 2):g}"
    return text.replace(".", ",") if (locale or get_locale()) == "vi" else text


def result_lines(title: str, result: CheckResult, possible: float | None = None) -> list[str]:
    """The lines showing one criterion's result, on a scale of ``possible`` points (default: its own)."""
    scale = result.possible if possible is None else possible
    earned = round(result.earned / result.possible * scale, 2) if result.possible else 0.0
    params = {"criterion": title, "earned": format_points(earned), "points": format_points(scale)}
    head = t("nbtest.passed", **params) if result.passed else t("nbtest.failed", **params)
    return [head, *(f"- {m}" for m in dict.fromkeys(result.messages()))]


def problem_lines(findings: Sequence[Finding], title: str, possible: float) -> list[str]:
    """The lines of a criterion that earns 0 because of ``findings`` about the answer as a whole."""
    return result_lines(title, CheckResult("", 0.0, possible or 1.0, tuple(findings)), possible)


def verdict(assignment_id: str, criterion_key: str, answer: Any) -> Verdict:
    """Judge one criterion for a test cell (see :func:`cham`)."""
    if assignment_id not in ASSIGNMENT_IDS:
        return Verdict((t("grading.unknown_check"),), 0.0, 0.0)
    spec = get(assignment_id)
    try:
        criterion = spec.criterion(criterion_key)
    except KeyError:
        return Verdict((t("nbtest.hidden_pending"),), None, 0.0)
    result = evaluate(assignment_id, answer, criterion_key)
    earned = round(result.earned, 2)
    return Verdict(tuple(result_lines(t(criterion.title_key), result)), earned, criterion.points)


def cham(assignment_id: str, criterion_key: str, answer: Any) -> float | None:
    """Print the findings of one criterion and return the points ``answer`` earns on it (None: hidden here)."""
    found = verdict(assignment_id, criterion_key, answer)
    print(found.text)
    return found.earned
