"""``ngoaivu feedback``: make the trainees' feedback (nbgrader's generate_feedback)."""

from __future__ import annotations

import argparse

from tqdm import tqdm

from grader import records as rec
from grader.cli import CLIError
from grader.cli.common import OK, PARTIAL, USAGE, assignments_to_use, columns, make_parser, open_course, table
from grader.cli.exchange import has_exchange, release_feedback
from grader.cli.nbresult import failure_reason
from grader.messages import t


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "feedback", "make HTML feedback for graded submissions",
        "Run nbgrader's generate_feedback for every autograded submission (or one assignment / one trainee),\n"
        "with the course's nbgrader_config.py, so the course's feedback settings apply. The HTML files are\n"
        "written to feedback/<id>/<assignment>/ and include the manual grades given in the formgrader so\n"
        "far; run it again after manual grading to refresh them. When the course has an exchange\n"
        "(c.Exchange.root), each file is also released to it (nbgrader's release_feedback), where the trainee\n"
        "gets it with 'Fetch Feedback' in the Assignments tab. Submissions that could not be graded, or whose\n"
        "grading did not finish, get no feedback (listed, exit code 1).",
    )
    p.add_argument("assignment", nargs="?", help="assignment id (default: every assignment)")
    p.add_argument("--student", metavar="ID", help="only this trainee")
    p.add_argument("--no-exchange", action="store_true", help="do not release the feedback to the exchange")
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
        raise CLIError(t("cli.feedback.nothing_student", student=args.student) if args.student
                       else t("cli.feedback.nothing"), USAGE)
    # Never feedback from a notebook whose grading did not finish or failed (nbgrader would render it anyway).
    held = [[a, s, why] for a, s in pairs for why in [rec.feedback_problem(course, a, s)] if why]
    pairs = [(a, s) for a, s in pairs if not rec.feedback_problem(course, a, s)]
    api = course.api()
    failed: list[list[str]] = []
    share = has_exchange(course) and not args.no_exchange
    released = not_made = 0
    for assignment, student in tqdm(pairs, desc="feedback", unit=t("cli.progress.submissions"), dynamic_ncols=True):
        result = api.generate_feedback(assignment, student, force=True)
        if not result["success"]:
            not_made += 1
            failed.append([assignment, student, failure_reason(result)])
        elif share:
            sent = release_feedback(course, api, assignment, student)
            if sent["success"]:
                released += 1
            else:
                failed.append([assignment, student, t("cli.feedback.share_failed", reason=failure_reason(sent))])
    if held:
        print(t("cli.feedback.held_title"))
        print(table(held, columns("assignment", "student", "reason")))
    if failed:
        print(t("cli.feedback.failed_title"))
        print(table(failed, columns("assignment", "student", "reason")))
    print(t("cli.feedback.summary", made=len(pairs) - not_made, failed=len(failed),
            folder=str(course.folder("feedback")))
          + (t("cli.feedback.summary_shared", released=released) if share else ""))
    return PARTIAL if failed or held else OK
