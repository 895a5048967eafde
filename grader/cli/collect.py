"""``ngoaivu collect``: bring a folder of trainees' files into nbgrader's ``submitted/`` folder."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from grader.cli import CLIError
from grader.cli.common import (
    OK,
    PARTIAL,
    USAGE,
    assignments_to_use,
    columns,
    course_roster,
    make_parser,
    number,
    open_course,
    outcome_word,
    table,
)
from grader.course import Course, gradebook
from grader.messages import t
from grader.roster import STUDENT_ID

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024  # a notebook (plain, in a folder or inside a zip) larger than this is refused
OUTCOMES = ("collected", "updated", "unchanged", "rejected", "skipped")  # what becomes of a file (cli.outcome.*)


def _too_large() -> str:
    return t("cli.collect.too_large", limit=number(MAX_NOTEBOOK_BYTES / 1024 / 1024))


def _read_plain(path: Path) -> bytes:
    """A regular file's bytes, never through a link, at most MAX_NOTEBOOK_BYTES (ValueError otherwise)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError(t("cli.collect.not_regular"))
        if st.st_size > MAX_NOTEBOOK_BYTES:
            raise ValueError(_too_large())
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_NOTEBOOK_BYTES + 1)
        if len(data) > MAX_NOTEBOOK_BYTES:
            raise ValueError(_too_large())
        return data
    finally:
        os.close(fd)


@dataclass
class Item:
    """One file of the drop folder and what became of it."""

    path: Path
    student: str = ""
    outcome: str = ""  # one of OUTCOMES
    note: str = ""  # for the instructor, in the current locale


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "collect", "copy trainees' notebooks or zip files into submitted/",
        "Collect one assignment from a folder holding one file per trainee: <id>.ipynb, <id>.zip (holding\n"
        "the notebook) or a folder <id>/ (holding the notebook). The trainee is the roster id found in the\n"
        "file name (e.g. hv001.ipynb or bt1_phan_loai-hv001.zip). Each one is copied to\n"
        "submitted/<id>/<assignment>/<assignment>.ipynb with a timestamp.txt (the file's modification time).\n\n"
        "Files that cannot be used (unknown trainee, unreadable zip, no notebook inside, two files for one\n"
        "trainee) are listed with the reason and skipped; the others are collected. A notebook that is not\n"
        "valid JSON is still collected (autograde records it as 'could not be graded'). Collecting again is\n"
        "safe: unchanged files are left alone, changed ones replace the earlier copy.\n\n"
        "Without FOLDER, collect from nbgrader's exchange instead (what trainees submitted with the Submit\n"
        "button of the Assignments tab): the newest submission of each trainee in the exchange's inbound\n"
        "(Exchange.root in nbgrader_config.py). A submission made under another trainee's name (the folder's\n"
        "owner is not that trainee's account) is refused.",
    )
    p.add_argument("assignment", help="assignment id")
    p.add_argument("folder", type=Path, nargs="?",
                   help="folder holding the trainees' files (default: nbgrader's exchange)")
    p.set_defaults(func=run)


def _known_students(course: Course) -> set[str]:
    ids = set(course_roster(course))
    try:
        with gradebook(course) as gb:
            ids |= {s.id for s in gb.students}
    except Exception:  # a missing or unreadable gradebook: rely on the roster alone
        pass
    return ids


def _student_of(stem: str, known: set[str]) -> tuple[str, str]:
    """(student id, problem) for a file name stem."""
    if stem in known:
        return stem, ""
    hits = [sid for sid in known if re.search(rf"(?<![A-Za-z0-9]){re.escape(sid)}(?![A-Za-z0-9])", stem)]
    if len(hits) == 1:
        return hits[0], ""
    if len(hits) > 1:
        return "", t("cli.collect.several_trainees", ids=", ".join(sorted(hits)))
    if not known and STUDENT_ID.match(stem):
        return stem, ""
    return "", t("cli.collect.no_trainee")


def _notebook_bytes(item: Item, assignment: str) -> bytes | None:
    """The submitted notebook's bytes, or None (with ``item`` marked rejected)."""
    wanted = f"{assignment}.ipynb"
    path = item.path
    if path.is_dir():
        notebooks = [p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
        exact = [p for p in notebooks if p.name == wanted]
        chosen = exact[0] if exact else (notebooks[0] if len(notebooks) == 1 else None)
        if chosen is None:
            item.outcome = "rejected"
            item.note = t("cli.collect.folder_notebooks", count=len(notebooks), wanted=wanted)
            return None
        if chosen.name != wanted:
            item.note = t("cli.collect.took", chosen=chosen.name, wanted=wanted)
        parts = chosen.relative_to(path).parts
        steps = [path.joinpath(*parts[: n + 1]) for n in range(len(parts))]
        if any(step.is_symlink() for step in steps):
            item.outcome, item.note = "rejected", t("cli.collect.link_inside")
            return None
        try:
            return _read_plain(chosen)
        except (OSError, ValueError) as exc:
            item.outcome = "rejected"
            item.note = t("cli.collect.unreadable_in_folder", name=chosen.name, error=str(exc))
            return None
    if path.suffix.lower() == ".ipynb":
        try:
            return _read_plain(path)
        except (OSError, ValueError) as exc:
            item.outcome, item.note = "rejected", t("cli.collect.unreadable_notebook", error=str(exc))
            return None
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as zf:
                entries = [i for i in zf.infolist() if i.filename.endswith(".ipynb") and not i.is_dir()
                           and "__MACOSX" not in i.filename and ".ipynb_checkpoints" not in i.filename]
                exact = [i for i in entries if Path(i.filename).name == wanted]
                chosen = exact[0] if exact else (entries[0] if len(entries) == 1 else None)
                if chosen is None:
                    item.outcome = "rejected"
                    item.note = t("cli.collect.zip_notebooks", count=len(entries), wanted=wanted)
                    return None
                if chosen.file_size > MAX_NOTEBOOK_BYTES:
                    item.outcome = "rejected"
                    item.note = t("cli.collect.zip_too_large", limit=number(MAX_NOTEBOOK_BYTES / 1024 / 1024))
                    return None
                if Path(chosen.filename).name != wanted:
                    item.note = t("cli.collect.took", chosen=chosen.filename, wanted=wanted)
                return zf.read(chosen)
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
            item.outcome, item.note = "rejected", t("cli.collect.bad_zip", error=f"{type(exc).__name__}: {exc}")
            return None
    item.outcome, item.note = "rejected", t("cli.collect.not_notebook")
    return None


def _is_notebook(data: bytes) -> bool:
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(nb, dict) and isinstance(nb.get("cells"), list)


def _place(course: Course, assignment: str, item: Item, data: bytes) -> None:
    dest_dir = course.folder("submitted") / item.student / assignment
    dest = dest_dir / f"{assignment}.ipynb"
    if dest.is_file() and hashlib.sha256(dest.read_bytes()).digest() == hashlib.sha256(data).digest():
        item.outcome = "unchanged"
        return
    item.outcome = "updated" if dest.exists() else "collected"
    dest_dir.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(dest)
    stamp = datetime.fromtimestamp(item.path.stat().st_mtime, tz=UTC)
    (dest_dir / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    if not _is_notebook(data):
        item.note = (item.note + "; " if item.note else "") + t("cli.collect.invalid_notebook")


def _counts(counts: dict[str, int]) -> str:
    """``2 collected, 1 rejected``: how many files had each outcome, in the current locale."""
    return ", ".join(t(f"cli.collect.count.{outcome}", count=n) for outcome, n in counts.items() if n)


def run_exchange(course: Course, assignment: str) -> int:
    """Collect ``assignment`` from nbgrader's exchange (see :mod:`grader.cli.exchange`)."""
    from grader.cli.exchange import NoExchange, collect_from_exchange, course_exchange

    try:
        course_exchange(course)
    except NoExchange as exc:
        raise CLIError(t("cli.collect.no_exchange", reason=str(exc)), USAGE) from exc
    inbound = course_exchange(course) / "inbound"
    if not inbound.is_dir():
        raise CLIError(t("cli.collect.no_inbound", inbound=str(inbound), assignment=assignment), USAGE)
    results = collect_from_exchange(course, assignment)
    if not results:
        raise CLIError(t("cli.collect.no_submissions", assignment=assignment, inbound=str(inbound)), USAGE)
    noteworthy = [r for r in results if r.outcome == "rejected" or r.note]
    if noteworthy:
        print(table([[r.source, r.student, outcome_word(r.outcome),
                      r.note + (f" ({t('collect.cli.notice_sent')})" if r.notice else "")] for r in noteworthy],
                    columns("submission", "trainee", "result", "note")))
    counts = {k: sum(r.outcome == k for r in results) for k in OUTCOMES}
    print(t("cli.collect.summary_exchange", assignment=assignment, counts=_counts(counts), source=str(inbound),
            dest=str(course.folder("submitted"))))
    roster = course_roster(course)
    strangers = sorted({r.student for r in results if r.outcome != "rejected"} - set(roster)) if roster else []
    if strangers:
        print(t("cli.collect.strangers", count=len(strangers), ids=", ".join(strangers)))
    if not any(r.outcome != "rejected" for r in results):
        return USAGE
    return PARTIAL if counts["rejected"] else OK


def run(args: argparse.Namespace) -> int:
    course = open_course(args)
    assignment = assignments_to_use(course, args.assignment)[0]
    if args.folder is None:
        return run_exchange(course, assignment)
    folder: Path = args.folder
    if not folder.is_dir():
        raise CLIError(t("cli.collect.no_folder", folder=str(folder)), USAGE)
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "~$")))
    if not entries:
        raise CLIError(t("cli.collect.empty_folder", folder=str(folder)), USAGE)

    known = _known_students(course)
    items = [Item(p) for p in entries]
    by_student: dict[str, list[Item]] = {}
    for item in items:
        if item.path.is_symlink():
            item.outcome, item.note = "rejected", t("cli.collect.symlink")
            continue
        if not item.path.is_dir() and item.path.suffix.lower() not in (".ipynb", ".zip"):
            item.outcome, item.note = "rejected", t("cli.collect.not_notebook")
            continue
        stem = item.path.name if item.path.is_dir() else item.path.stem
        item.student, problem = _student_of(stem, known)
        if problem:
            item.outcome, item.note = "rejected", problem
        else:
            by_student.setdefault(item.student, []).append(item)
    for student, group in by_student.items():
        if len(group) > 1:
            group.sort(key=lambda i: i.path.stat().st_mtime, reverse=True)
            for extra in group[1:]:
                extra.outcome, extra.note = "skipped", t("cli.collect.older", newer=group[0].path.name, student=student)

    usable = [i for i in items if not i.outcome]
    for item in usable:
        data = _notebook_bytes(item, assignment)
        if data is not None:
            _place(course, assignment, item, data)

    placed = [i for i in items if i.outcome in ("collected", "updated", "unchanged")]
    if not placed:
        if items:
            print(table([[i.path.name, outcome_word(i.outcome), i.note] for i in items],
                        columns("file", "result", "reason")))
        raise CLIError(t("cli.collect.nothing_usable", assignment=assignment, folder=str(folder)), USAGE)

    noteworthy = [i for i in items if i.outcome in ("rejected", "skipped") or i.note]
    if noteworthy:
        print(table([[i.path.name, i.student or "?", outcome_word(i.outcome), i.note] for i in noteworthy],
                    columns("file", "trainee", "result", "note")))
    counts = {k: sum(i.outcome == k for i in items) for k in OUTCOMES}
    print(t("cli.collect.summary", assignment=assignment, counts=_counts(counts), dest=str(course.folder("submitted"))))
    return PARTIAL if counts["rejected"] or counts["skipped"] else OK
