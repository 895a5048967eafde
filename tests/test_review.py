"""Unsure verdicts go to a person (issue 19): the grading path marks them needs_manual_grade in the gradebook."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader_helpers import CourseCopy, set_answer

from grader.assignments import get
from grader.grading.review import prefix, review_reasons

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
AID = "bt3_thua_thien_hue"
UNSURE_GATE = '''

def _unsure(plan):
    from grader.results import Finding, Gate

    if "xem lại" in (plan.note or ""):
        return Gate(1.0, (), (Finding("review.task_unsure", {"reason": "một phần"}),))
    return task_gate(plan)


GATE = _unsure
'''


def test_an_unsure_verdict_is_marked_for_the_instructor(tmp_path: Path) -> None:
    course = CourseCopy.of(tmp_path, assignments=[AID])
    criteria = course.root / "criteria" / f"{AID}.py"
    criteria.write_text(criteria.read_text(encoding="utf-8") + UNSURE_GATE, encoding="utf-8")
    course.release(AID)
    release = course.release_notebook(AID)
    variable = get(AID).answer_variable
    plan = (HERE / "calibration" / "bt3" / "strong_1_nhat_ban_an_do.txt").read_text(encoding="utf-8")
    unsure = plan.replace("Ghi chú: Tình huống giả định; con số, thời gian và kinh phí do học viên đặt ra.",
                          "Ghi chú: xem lại")
    assert unsure != plan
    for student, text in (("chac_chan", plan), ("xem_lai", unsure)):
        course.submit(student, AID, set_answer(release, variable, f'{variable} = """\n{text}"""\n'))
    course.autograde(AID, ["chac_chan", "xem_lai"])
    with course.course.gradebook() as gb:
        marked = {sub.student.id: [g.name for nb in sub.notebooks for g in nb.grades
                                   if g.cell.cell_type == "code" and g.needs_manual_grade]
                  for sub in gb.assignment_submissions(AID)}
    assert marked["chac_chan"] == []
    assert len(marked["xem_lai"]) >= 5, marked  # every autograded cell of the unsure answer
    graded = course.root / "autograded" / "xem_lai" / AID / f"{AID}.ipynb"
    import nbformat

    nb = nbformat.read(graded, as_version=4)
    reasons = [line for cell in nb.cells for line in review_reasons(cell)]
    assert reasons and all(line.startswith(prefix()) for line in reasons)
    assert "một phần" in reasons[0]
    from grader.grading.review import flagged_submissions, report_section

    assert [(a, s) for a, s, _ in flagged_submissions(course.root / "autograded")] == [(AID, "xem_lai")]
    section = report_section(course.root / "autograded")
    assert "xem_lai" in section and "chac_chan" not in section and "một phần" in section
