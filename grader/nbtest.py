"""What nbgrader's autograded test cells call.

A test cell checks exactly one criterion::

    from grader.nbtest import cham
    cham("bt3_thua_thien_hue", "chi_so_do_duoc", ke_hoach)

``cham`` raises ``AssertionError`` carrying the criterion's Vietnamese messages
unless the answer earns full marks for that criterion, so nbgrader gives the
cell's points or none. It never raises anything else for a bad answer.
"""

from __future__ import annotations

from typing import Any

from grader.assignments import evaluate, get
from grader.messages import t


def cham(assignment_id: str, criterion_key: str, answer: Any) -> None:
    """Assert that ``answer`` earns full marks on one criterion of an assignment."""
    result = evaluate(assignment_id, answer, criterion_key)
    if result.passed:
        return
    criterion = get(assignment_id).criterion(criterion_key)
    lines = [t("nbtest.failed", criterion=t(criterion.title_key))]
    lines += [f"- {m}" for m in result.messages()]
    raise AssertionError("\n".join(lines))
