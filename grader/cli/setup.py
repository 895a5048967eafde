"""``ngoaivu setup``: the course folder, its gradebook, its assignments and its students."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.cli import CLIError
from grader.cli.common import OK, USAGE, gradebook_error, make_parser, open_course
from grader.course import CONFIG_FILE, default_course_dir, gradebook
from grader.messages import t
from grader.roster import RosterError, Student, parse_roster, read_roster, write_roster

NEW_CONFIG = '''"""nbgrader configuration of the course (created by `ngoaivu setup`)."""

c = get_config()  # noqa: F821  (provided by nbgrader's config loader)

c.CourseDirectory.course_id = "{course_id}"
'''


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "setup", "create or update the course folder, gradebook and student list",
        "Create the course folder if needed (with an nbgrader_config.py and a source/ folder), create the\n"
        "gradebook, register every assignment found in source/, and import the students of a CSV roster.\n\n"
        "The roster is a CSV file (UTF-8; comma, semicolon or tab separated) with a header row and the\n"
        "columns id, full_name, province, e.g.\n\n"
        "    id,full_name,province\n"
        "    hv001,Nguyễn Văn An,Thừa Thiên Huế\n\n"
        "The whole roster is checked first; if any row is wrong nothing is changed. Running setup again\n"
        "with a new roster adds and updates students; students missing from it are kept (with a warning).",
    )
    p.add_argument("--roster", type=Path, metavar="CSV", help="class roster to import (id, full_name, province)")
    p.set_defaults(func=run)


def _create_folder(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    (path / "source").mkdir(exist_ok=True)
    config = path / CONFIG_FILE
    if not config.exists():
        course_id = "".join(ch if ch.isalnum() or ch in "_-" else "_" for ch in path.name) or "course"
        config.write_text(NEW_CONFIG.format(course_id=course_id), encoding="utf-8")
        print(t("cli.setup.created", path=str(config)))


def run(args: argparse.Namespace) -> int:
    students: list[Student] = []
    if args.roster is not None:
        try:
            students = parse_roster(args.roster)
        except RosterError as exc:
            raise CLIError(str(exc), USAGE) from exc

    root = (args.course or default_course_dir()).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise CLIError(t("cli.setup.not_a_folder", path=str(root)), USAGE)
    _create_folder(root)
    course = open_course(argparse.Namespace(course=root, db=args.db))
    assignments = course.source_assignments()

    try:
        with gradebook(course) as gb:
            for name in assignments:
                gb.update_or_create_assignment(name)
            for s in students:
                gb.update_or_create_student(s.id, first_name=s.given_names, last_name=s.family_name)
            known = sorted(st.id for st in gb.students)
    except Exception as exc:
        raise gradebook_error(course, "write", exc) from exc

    if students:
        try:
            previous = read_roster(course.roster_path)
        except RosterError:  # a hand-edited stored roster that no longer reads: the new one replaces it
            previous = {}
        merged = {**previous, **{s.id: s for s in students}}
        write_roster(course.roster_path, list(merged.values()))
        dropped = sorted(set(known) - {s.id for s in students})
        if dropped:
            print(t("cli.setup.kept_students", count=len(dropped), ids=", ".join(dropped)))

    lines = [
        ("cli.setup.course_folder", str(course.root)),
        ("cli.setup.gradebook", course.db_display),
        ("cli.setup.assignments", ", ".join(assignments) if assignments else t("cli.setup.no_assignments")),
        ("cli.setup.students", t("cli.setup.student_count", count=len(known))
         + (t("cli.setup.from_roster", count=len(students), roster=str(args.roster)) if students else "")),
    ]
    width = max(len(t(key)) for key, _ in lines) + 2
    for key, value in lines:
        print(f"{t(key) + ':':<{width}}{value}")
    return OK
