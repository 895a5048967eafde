"""``ngoaivu release``: make the trainees' version of assignments (nbgrader's generate_assignment).

:class:`WritePeriod`, the first preprocessor of ``generate_assignment`` (``nbgrader_config.py``), writes the
plan period the trainer set in ``course_settings.yaml`` (:mod:`grader.period`) into the released notebooks:
every placeholder (``{{ky_bat_dau}}``, ``{{ky_nam}}``...) of every cell is filled before nbgrader records the
cells and their checksums, so the period is part of what the gradebook holds and of what the trainee runs.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from tqdm import tqdm
from traitlets import Bool, Unicode

from grader import period
from grader.cli.common import OK, PARTIAL, assignments_to_use, make_parser, open_course
from grader.cli.exchange import course_exchange, has_exchange, release_to_exchange
from grader.cli.nbresult import failure_reason
from grader.messages import t


class WritePeriod(Preprocessor):
    """Fill the plan-period placeholders of every cell with the course's setting (see :mod:`grader.period`)."""

    enabled = Bool(True).tag(config=True)  # nbconvert's preprocessors are off unless enabled
    settings_file = Unicode("", help="the course's course_settings.yaml (absent file: grader.period.SOURCE; "
                                     "unset: grader.period.current())").tag(config=True)

    def course_period(self) -> period.Period:
        if not self.settings_file:
            return period.current()
        path = Path(self.settings_file)
        return period.read_settings(path) if path.is_file() else period.SOURCE

    def preprocess(self, nb: NotebookNode, resources: Any) -> tuple[NotebookNode, Any]:
        chosen = self.course_period()
        for cell in nb.cells:
            cell.source = chosen.fill(cell.source)
        nb.metadata.setdefault("ngoaivu", {})["ky_ke_hoach"] = {"bat_dau": period.day(chosen.start),
                                                                "ket_thuc": period.day(chosen.end)}
        return nb, resources


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "release", "make the trainees' version of one or all assignments",
        "Run nbgrader's generate_assignment on source/<assignment>/: solutions and hidden tests are\n"
        "removed, the notebooks and their grade cells are recorded in the gradebook, and the trainees'\n"
        "copy is written to release/<assignment>/ and released to nbgrader's exchange (Exchange.root in\n"
        "nbgrader_config.py), where trainees fetch it from the Assignments tab. Without an exchange, hand out\n"
        "release/<assignment>/<assignment>.ipynb yourself (--no-exchange). Re-running it replaces the release.\n"
        "The plan period of course_settings.yaml (ky_ke_hoach) is written into the released notebooks.",
    )
    p.add_argument("assignment", nargs="?", help="assignment id (default: every assignment under source/)")
    p.add_argument("--no-exchange", action="store_true", help="do not release to nbgrader's exchange")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    course = open_course(args)
    assignments = assignments_to_use(course, args.assignment)
    api = course.api()
    failed: list[tuple[str, str]] = []
    chosen = period.course_period(course.root)
    tqdm.write(t("cli.release.period", period=chosen.text))
    for assignment in tqdm(assignments, desc="release", unit=t("cli.progress.assignments"),
                           disable=len(assignments) < 2):
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            failed.append((assignment, failure_reason(result)))
            continue
        tqdm.write(t("cli.release.done", assignment=assignment, path=str(course.folder("release") / assignment)))
        if args.no_exchange:
            continue
        if not has_exchange(course):
            tqdm.write(t("cli.release.no_exchange", config=str(course.root / "nbgrader_config.py")))
            continue
        shared = release_to_exchange(course, api, assignment)
        if shared["success"]:
            tqdm.write(t("cli.release.shared", assignment=assignment,
                         path=str(course_exchange(course) / "outbound" / assignment)))
        else:
            failed.append((assignment, t("cli.release.share_failed", reason=failure_reason(shared))))
    for assignment, reason in failed:
        print(t("cli.release.failed", assignment=assignment, reason=reason))
    return PARTIAL if failed else OK
