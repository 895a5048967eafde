"""The cohort's grades, read from nbgrader's gradebook and the autograde records, for export and report.

One :class:`SubmissionRow` per (student, released assignment), and one
:class:`GradeRow` per grade cell of every submission. The status (a code; :func:`status_word` says it in the
instructor's language, ``export.status.<code>``) tells an honest zero from a submission that could not be
graded:

* ``graded`` (đã chấm): autograded, nothing left to grade by hand;
* ``needs_manual`` (cần chấm tay): autograded, written answers (or flagged cells) wait in the formgrader;
* ``ungradable`` (không chấm được): the grader could not run it (``reason`` says why, from the autograde record
  or the status the grading path writes into the graded notebook); its score is not a judgement;
* ``not_graded`` (chưa chấm): collected but not autograded;
* ``not_submitted`` (chưa nộp): nothing collected (scored 0, as nbgrader's own export does).

``grading_status`` is what the grading path recorded in the graded notebook
(:mod:`grader.grading.status`): ``ok``, an answer problem (``answer_error``: the answer cell
failed, e.g. a syntax error at line N; ``answer_missing``; ``answer_unreadable``), graded 0 for
the answer's criteria with ``reason`` saying which, or ``ungradable``; :func:`grading_status_word` says it
in the instructor's language (``export.grading_status.<code>``).
"""

from __future__ import annotations

from dataclasses import dataclass

from grader import records as rec
from grader.course import Course, gradebook
from grader.grading.status import ANSWER_STATUSES, recorded_status, recorded_ungradable
from grader.grading.status import STATUSES as GRADING_STATUSES
from grader.messages import t
from grader.roster import read_roster

GRADED = "graded"
NEEDS_MANUAL = "needs_manual"
UNGRADABLE = "ungradable"
NOT_GRADED = "not_graded"
NOT_SUBMITTED = "not_submitted"
STATUSES = (GRADED, NEEDS_MANUAL, UNGRADABLE, NOT_GRADED, NOT_SUBMITTED)


def status_word(status: str) -> str:
    """A submission's status in the current locale (the export's status column, the report)."""
    return t(f"export.status.{status}") if status in STATUSES else status


def grading_status_word(grading_status: str) -> str:
    """What the grading path recorded, in the current locale ('' when nothing was recorded)."""
    return t(f"export.grading_status.{grading_status}") if grading_status in GRADING_STATUSES else grading_status


@dataclass
class SubmissionRow:
    student: str
    name: str
    province: str
    assignment: str
    auto_score: float | None
    manual_score: float | None
    total: float
    max_score: float
    status: str  # one of STATUSES (a code: status_word says it)
    reason: str = ""  # in the locale of the reader (or, from a grading record, of the grading run)
    # what the grading path recorded in the autograded notebook (grader.grading.status): ok, answer_error,
    # answer_missing, answer_unreadable, ungradable; "" when nothing was recorded (e.g. not graded yet)
    grading_status: str = ""


@dataclass
class GradeRow:
    assignment: str
    student: str
    notebook: str
    grade_id: str
    score: float | None
    max_score: float
    autograded: bool  # a test (code) cell, judged by the autograder


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present), 4) if present else None


def _current_print(course: Course, assignment: str, student: str, bases: dict[str, str]) -> str:
    """The fingerprint ``ngoaivu autograde`` would give the submission now on disk."""
    if assignment not in bases:
        bases[assignment] = rec.grading_basis(course, assignment)
    try:
        return rec.fingerprint(rec.submission_dir(course, assignment, student), bases[assignment])
    except OSError:
        return ""


def cohort(course: Course) -> tuple[list[SubmissionRow], list[GradeRow]]:
    """Every (student, assignment) row and every grade row, in student then assignment order.

    A submission that could not be graded, or whose files changed since it was graded (a newer
    submission collected, not graded yet), has no score here (blank, total 0): the gradebook's
    points belong to an earlier submission.
    """
    roster = read_roster(course.roster_path)
    bases: dict[str, str] = {}
    records = rec.all_records(course)
    submitted, autograded = course.folder("submitted"), course.folder("autograded")
    rows: list[SubmissionRow] = []
    grade_rows: list[GradeRow] = []
    with gradebook(course) as gb:
        assignments = sorted((a for a in gb.assignments if a.notebooks), key=lambda a: a.name)
        students = {s.id: s for s in gb.students}
        for sid in sorted(set(students) | set(roster)):
            entry = roster.get(sid)
            st = students.get(sid)
            name = entry.full_name if entry else " ".join(x for x in (st.last_name, st.first_name) if x) if st else ""
            province = entry.province if entry else ""
            submissions = {s.assignment.name: s for s in (st.submissions if st else [])}
            for assignment in assignments:
                max_score = float(assignment.max_score or 0)
                sub = submissions.get(assignment.name)
                if sub is None:
                    status = NOT_GRADED if (submitted / sid / assignment.name).is_dir() else NOT_SUBMITTED
                    rows.append(SubmissionRow(sid, name, province, assignment.name, None, None, 0.0, max_score, status))
                    continue
                grades = [g for nb in sub.notebooks for g in nb.grades]
                for nb in sub.notebooks:
                    for g in nb.grades:
                        grade_rows.append(GradeRow(assignment.name, sid, nb.name, g.name, g.score,
                                                   float(g.max_score or 0), g.cell.cell_type == "code"))
                record = records.get((assignment.name, sid))
                recorded = recorded_ungradable(autograded / sid / assignment.name)
                grading_status, grading_reason = recorded_status(autograded / sid / assignment.name)
                reason = grading_reason if grading_status in ANSWER_STATUSES else ""
                if record is not None and record.status != "ok":
                    status, reason = UNGRADABLE, record.reason
                elif recorded:  # graded by stock `nbgrader autograde`: the grading path's own status
                    status, reason = UNGRADABLE, recorded
                elif not (autograded / sid / assignment.name).is_dir():
                    status = NOT_GRADED
                elif record is not None and (submitted / sid / assignment.name).is_dir() \
                        and record.fingerprint != _current_print(course, assignment.name, sid, bases):
                    status, reason = NOT_GRADED, t("grades.newer_submission")
                elif any(g.needs_manual_grade for g in grades):
                    status = NEEDS_MANUAL
                else:
                    status = GRADED
                if status in (UNGRADABLE, NOT_GRADED):
                    # The gradebook still holds the points of an earlier grading (nbgrader keeps them when a
                    # later submission cannot be graded): never shown as if they were this submission's.
                    rows.append(SubmissionRow(sid, name, province, assignment.name, None, None, 0.0, max_score,
                                              status, reason, "" if status == NOT_GRADED else grading_status))
                    continue
                total = max(0.0, float(sub.score or 0) - float(sub.late_submission_penalty or 0))
                rows.append(SubmissionRow(
                    sid, name, province, assignment.name,
                    _sum([g.auto_score for g in grades]), _sum([g.manual_score for g in grades]),
                    round(total, 4), max_score, status, reason, grading_status,
                ))
    return rows, grade_rows
