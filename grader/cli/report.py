"""``ngoaivu report``: the cohort report (one HTML file with embedded PNG charts)."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.cli import CLIError
from grader.cli.common import OK, USAGE, course_roster, gradebook_error, make_parser, open_course
from grader.messages import t


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "report", "write the cohort report (HTML with charts)",
        "Write one self-contained HTML file (charts embedded as PNG) about the cohort: a summary per\n"
        "assignment, the score distribution per assignment, the criteria most often failed, the focus\n"
        "areas x pillars covered by the trainees' action plans, the average per province, and the\n"
        "submissions that could not be graded. Plans are read as plain data from the autograded\n"
        "notebooks; no trainee code is run.",
    )
    p.add_argument("-o", "--output", type=Path, default=Path("report.html"), metavar="HTML",
                   help="file to write (default: %(default)s)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from grader.grades import cohort
    from grader.report import write_report

    course = open_course(args)
    course_roster(course)  # a broken roster file is the instructor's to fix, not a gradebook failure
    try:
        rows, _ = cohort(course)
    except Exception as exc:
        raise gradebook_error(course, "read", exc) from exc
    if not any(r.status != "not submitted" for r in rows):
        raise CLIError(t("cli.report.nothing"), USAGE)
    path = write_report(course, args.output)
    print(t("cli.report.written", path=str(path)))
    return OK
