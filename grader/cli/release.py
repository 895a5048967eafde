"""``ngoaivu release``: make the trainees' version of assignments (nbgrader's generate_assignment)."""

from __future__ import annotations

import argparse

from tqdm import tqdm

from grader.cli.common import OK, PARTIAL, assignments_to_use, make_parser, open_course
from grader.cli.exchange import course_exchange, has_exchange, release_to_exchange
from grader.cli.nbresult import failure_reason


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "release", "make the trainees' version of one or all assignments",
        "Run nbgrader's generate_assignment on source/<assignment>/: solutions and hidden tests are\n"
        "removed, the notebooks and their grade cells are recorded in the gradebook, and the trainees'\n"
        "copy is written to release/<assignment>/ and released to nbgrader's exchange (Exchange.root in\n"
        "nbgrader_config.py), where trainees fetch it from the Assignments tab. Without an exchange, hand out\n"
        "release/<assignment>/<assignment>.ipynb yourself (--no-exchange). Re-running it replaces the release.",
    )
    p.add_argument("assignment", nargs="?", help="assignment id (default: every assignment under source/)")
    p.add_argument("--no-exchange", action="store_true", help="do not release to nbgrader's exchange")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    course = open_course(args)
    assignments = assignments_to_use(course, args.assignment)
    api = course.api()
    failed: list[tuple[str, str]] = []
    for assignment in tqdm(assignments, desc="release", unit="assignment", disable=len(assignments) < 2):
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            failed.append((assignment, failure_reason(result)))
            continue
        tqdm.write(f"released {assignment} -> {course.folder('release') / assignment}")
        if args.no_exchange:
            continue
        if not has_exchange(course):
            tqdm.write(f"  (not released to an exchange: {course.root / 'nbgrader_config.py'} sets no "
                       "c.Exchange.root; hand out the notebook above)")
            continue
        shared = release_to_exchange(course, api, assignment)
        if shared["success"]:
            tqdm.write(f"released {assignment} -> exchange {course_exchange(course) / 'outbound' / assignment}")
        else:
            failed.append((assignment, "could not release to the exchange: " + failure_reason(shared)))
    for assignment, reason in failed:
        print(f"FAILED {assignment}: {reason}")
    return PARTIAL if failed else OK
