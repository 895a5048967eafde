"""``ngoaivu export``: the cohort's grades as one CSV file."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from grader.cli import CLIError
from grader.cli.common import OK, USAGE, course_roster, gradebook_error, make_parser, open_course
from grader.grades import UNGRADABLE, SubmissionRow, cohort, grading_status_word, status_word
from grader.grading.status import ANSWER_STATUSES
from grader.messages import t

COLUMNS = ("student", "name", "province", "assignment", "auto_score", "manual_score", "total", "max_score",
           "status", "reason", "grading_status")


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "export", "write every trainee's grade of every assignment to a CSV file",
        "One row per trainee and released assignment, with the columns\n"
        "  student, name, province, assignment, auto_score, manual_score, total, max_score, status, reason,\n"
        "  grading_status\n"
        "auto_score sums the autograder's points, manual_score the points given in the formgrader (blank\n"
        "when none), total is nbgrader's score after any late penalty. status is one of: graded,\n"
        "needs manual grading, could not be graded (reason says why; not a judgement of the work),\n"
        "not graded yet, not submitted (total 0, as in nbgrader's own export). grading_status is what the\n"
        "grading path recorded: ok; answer_error (the answer cell failed: reason says where), answer_missing,\n"
        "answer_unreadable (graded 0 for the answer's criteria); ungradable; blank when none was recorded.\n"
        "These words and the reason are in the locale in use (Vietnamese unless NGOAIVU_LOCALE=en).",
    )
    p.add_argument("-o", "--output", type=Path, default=Path("grades.csv"), metavar="CSV",
                   help="file to write ('-' for the terminal; default: %(default)s)")
    p.add_argument("--assignment", help="only this assignment")
    p.set_defaults(func=run)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def write_csv(rows: list[SubmissionRow], fh) -> None:  # type: ignore[no-untyped-def]
    writer = csv.writer(fh)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.student, r.name, r.province, r.assignment, _fmt(r.auto_score), _fmt(r.manual_score),
                         _fmt(r.total), _fmt(r.max_score), status_word(r.status), r.reason,
                         grading_status_word(r.grading_status)])


def run(args: argparse.Namespace) -> int:
    course = open_course(args)
    if args.assignment:
        from grader.cli.common import assignments_to_use

        assignments_to_use(course, args.assignment)
    course_roster(course)  # a broken roster file is the instructor's to fix, not a gradebook failure
    try:
        rows, _ = cohort(course)
    except Exception as exc:
        raise gradebook_error(course, "read", exc) from exc
    if args.assignment:
        rows = [r for r in rows if r.assignment == args.assignment]
    if not rows:
        raise CLIError(t("cli.export.nothing"), USAGE)
    if str(args.output) == "-":
        write_csv(rows, sys.stdout)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as fh:
            write_csv(rows, fh)
        ungradable = sum(r.status == UNGRADABLE for r in rows)
        answers = sum(r.grading_status in ANSWER_STATUSES for r in rows)
        notes = [t("cli.export.ungradable", count=ungradable)] * bool(ungradable) \
            + [t("cli.export.answers", count=answers)] * bool(answers)
        print(t("cli.export.summary", rows=len(rows), path=str(args.output))
              + (f" ({'; '.join(notes)})" if notes else ""))
    return OK
