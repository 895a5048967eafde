"""``ngoaivu feedback``: make the trainees' feedback (nbgrader's generate_feedback)."""

from __future__ import annotations

import argparse

from tqdm import tqdm

from grader.cli import CLIError
from grader.cli.common import OK, PARTIAL, USAGE, assignments_to_use, make_parser, open_course, table
from grader.cli.nbresult import failure_reason


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "feedback", "make HTML feedback for graded submissions",
        "Run nbgrader's generate_feedback for every autograded submission (or one assignment / one trainee),\n"
        "with the course's nbgrader_config.py, so the course's feedback settings apply. The HTML files are\n"
        "written to feedback/<id>/<assignment>/ and include the manual grades given in the formgrader so\n"
        "far; run it again after manual grading to refresh them.",
    )
    p.add_argument("assignment", nargs="?", help="assignment id (default: every assignment)")
    p.add_argument("--student", metavar="ID", help="only this trainee")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    course = open_course(args)
    assignments = assignments_to_use(course, args.assignment)
    autograded = course.folder("autograded")
    pairs = [
        (assignment, folder.parent.name)
        for assignment in assignments
        for folder in (sorted(autograded.glob(f"*/{assignment}")) if autograded.is_dir() else [])
        if folder.is_dir() and (args.student is None or folder.parent.name == args.student)
    ]
    if not pairs:
        raise CLIError("nothing to give feedback on: no autograded submissions"
                       + (f" of {args.student!r}" if args.student else "") + " (run `ngoaivu autograde` first)", USAGE)
    api = course.api()
    failed: list[list[str]] = []
    for assignment, student in tqdm(pairs, desc="feedback", unit="nb", dynamic_ncols=True):
        result = api.generate_feedback(assignment, student, force=True)
        if not result["success"]:
            failed.append([assignment, student, failure_reason(result)])
    if failed:
        print(table(failed, ["assignment", "student", "reason"]))
    print(f"feedback: {len(pairs) - len(failed)} made, {len(failed)} failed -> {course.folder('feedback')}")
    return PARTIAL if failed else OK
