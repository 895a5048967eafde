"""``ngoaivu release``: make the trainees' version of assignments (nbgrader's generate_assignment)."""

from __future__ import annotations

import argparse

from tqdm import tqdm

from grader.cli.common import OK, PARTIAL, assignments_to_use, make_parser, open_course
from grader.cli.nbresult import failure_reason


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "release", "make the trainees' version of one or all assignments",
        "Run nbgrader's generate_assignment on source/<assignment>/: solutions and hidden tests are\n"
        "removed, the notebooks and their grade cells are recorded in the gradebook, and the trainees'\n"
        "copy is written to release/<assignment>/. Hand that folder's notebook to the trainees (or release\n"
        "it to nbgrader's exchange from the formgrader). Re-running it replaces the release.",
    )
    p.add_argument("assignment", nargs="?", help="assignment id (default: every assignment under source/)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    course = open_course(args)
    assignments = assignments_to_use(course, args.assignment)
    api = course.api()
    failed: list[tuple[str, str]] = []
    for assignment in tqdm(assignments, desc="release", unit="assignment", disable=len(assignments) < 2):
        result = api.generate_assignment(assignment, force=True, create=True)
        if result["success"]:
            tqdm.write(f"released {assignment} -> {course.folder('release') / assignment}")
        else:
            failed.append((assignment, failure_reason(result)))
    for assignment, reason in failed:
        print(f"FAILED {assignment}: {reason}")
    return PARTIAL if failed else OK
