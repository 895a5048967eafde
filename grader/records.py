"""What ``ngoaivu autograde`` remembers about each submission it graded.

One JSON file per submission, ``<course>/.ngoaivu/autograde/<assignment>/<student>.json``.
It holds a fingerprint of the submitted files (and of the assignment's source
notebooks and the course configuration), so a re-run skips exactly the
submissions already graded from the same files and regrades everything else:
new or changed submissions, and submissions of an assignment whose tests changed.

A record never claims more than the files on disk show:

* before a submission is (re)graded its record is removed, durably, so a run
  killed at any moment leaves no record for the submission it was grading
  (nbgrader writes the autograded notebook twice: first unexecuted, then graded);
* a record is written only after the grading finished, once the autograded
  notebooks are flushed to disk (fsync) and nbgrader committed its gradebook rows;
  it is written to a temporary file, fsynced and renamed into place;
* on every run a record only counts (:func:`is_current`) if the autograded
  notebooks it names are still on disk with the same contents, still carry the
  grading status the grading path wrote (:func:`grader.grading.status.read_status`),
  and the gradebook still holds the submission (a new or reset database, e.g. a
  switch to PostgreSQL, is regraded).

``export`` and ``report`` read the status and reason from here; ``watch`` also
records here which graded version's feedback it released.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grader.course import Course
from grader.messages import t

FINAL = ("ok", "ungradable")  # a record with another status ("error") is retried on the next run


@dataclass
class Record:
    assignment: str
    student: str
    fingerprint: str
    status: str  # ok | ungradable | error
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    graded_at: str = ""
    # autograded notebook file name -> SHA-256 of its bytes when the record was written
    notebooks: dict[str, str] = field(default_factory=dict)
    # whether those notebooks carried the grading path's status (grader.grading.status) then
    statuses: bool = False
    # the fingerprint whose feedback `ngoaivu watch` released to the exchange ("" = none yet)
    feedback: str = ""


def submission_dir(course: Course, assignment: str, student: str) -> Path:
    return course.folder("submitted") / student / assignment


def _digest_folder(digest: Any, folder: Path, pattern: str = "*") -> None:
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def grading_basis(course: Course, assignment: str) -> str:
    """SHA-256 of what grading depends on besides the submission: the source notebooks and the config."""
    digest = hashlib.sha256()
    _digest_folder(digest, course.folder("source") / assignment, "*.ipynb")
    config = course.root / "nbgrader_config.py"
    digest.update(config.read_bytes() if config.is_file() else b"")
    return digest.hexdigest()


def fingerprint(folder: Path, basis: str = "") -> str:
    """SHA-256 over every file of a submission folder (names and contents) and the grading basis.

    A submission is regraded when either changes: the trainee's files, or the
    assignment's source notebooks or the course's nbgrader_config.py.
    """
    digest = hashlib.sha256(basis.encode())
    _digest_folder(digest, folder)
    return digest.hexdigest()


def record_path(course: Course, assignment: str, student: str) -> Path:
    return course.state_dir / "autograde" / assignment / f"{student}.json"


def load(course: Course, assignment: str, student: str) -> Record | None:
    path = record_path(course, assignment, student)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        known = {k: v for k, v in data.items() if k in Record.__dataclass_fields__}
        return Record(**known)
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sync_tree(folder: Path) -> None:
    """Flush every file and folder under ``folder`` to disk (what nbgrader wrote is not fsynced)."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with contextlib.suppress(OSError):
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
    for sub in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        _fsync_dir(sub)
    _fsync_dir(folder.parent)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def save(course: Course, record: Record) -> None:
    record.graded_at = record.graded_at or datetime.now(UTC).isoformat(timespec="seconds")
    write_atomic(record_path(course, record.assignment, record.student),
                 json.dumps(asdict(record), ensure_ascii=False, indent=1))


def invalidate(course: Course, assignment: str, student: str) -> None:
    """Remove a submission's record, durably, before it is (re)graded."""
    path = record_path(course, assignment, student)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    _fsync_dir(path.parent)


def autograded_dir(course: Course, assignment: str, student: str) -> Path:
    return course.folder("autograded") / student / assignment


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def graded_files(course: Course, assignment: str, student: str) -> tuple[dict[str, str], bool]:
    """The autograded notebooks of a submission (name -> SHA-256) and whether each carries a grading status.

    Called once a submission's grading has finished: flushes them to disk first.
    """
    from grader.grading.status import read_status

    folder = autograded_dir(course, assignment, student)
    sync_tree(folder)
    paths = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    digests = {p.name: _digest(p) for p in paths}
    return digests, bool(paths) and all(read_status(p) is not None for p in paths)


def files_match(course: Course, record: Record) -> bool:
    """Whether the autograded notebooks on disk are those the record was written for."""
    from grader.grading.status import read_status

    folder = autograded_dir(course, record.assignment, record.student)
    for name, digest in record.notebooks.items():
        path = folder / name
        try:
            if _digest(path) != digest:
                return False
        except OSError:
            return False
        if record.statuses and read_status(path) is None:
            return False
    return True


def is_current(course: Course, assignment: str, student: str, print_: str,
               in_gradebook: set[tuple[str, str]] | None = None) -> bool:
    """Whether the submission was graded to a final status from exactly these files, as the disk still shows.

    ``in_gradebook``: the (assignment, student) pairs the gradebook holds a submission for (see
    :func:`gradebook_submissions`); a graded record whose submission is missing there does not count.
    """
    record = load(course, assignment, student)
    if record is None or record.status not in FINAL or record.fingerprint != print_:
        return False
    if not files_match(course, record):
        return False
    if record.status == "ok":
        if not autograded_dir(course, assignment, student).is_dir() or not record.notebooks:
            return False
        if in_gradebook is not None and (assignment, student) not in in_gradebook:
            return False
    return True


def gradebook_submissions(course: Course) -> set[tuple[str, str]]:
    """Every (assignment, student) the gradebook holds a submission for (one query)."""
    from nbgrader.api import Assignment, SubmittedAssignment

    from grader.course import gradebook

    with gradebook(course) as gb:
        rows = gb.db.query(Assignment.name, SubmittedAssignment.student_id).join(SubmittedAssignment.assignment)
        return {(str(a), str(s)) for a, s in rows}


def all_records(course: Course) -> dict[tuple[str, str], Record]:
    """Every record, by (assignment, student)."""
    found: dict[tuple[str, str], Record] = {}
    root = course.state_dir / "autograde"
    for path in sorted(root.glob("*/*.json")) if root.is_dir() else []:
        record = load(course, path.parent.name, path.stem)
        if record is not None:
            found[(record.assignment, record.student)] = record
    return found


def _executed(path: Path) -> bool:
    """Whether a graded notebook was run (not nbgrader's first, unexecuted copy): a status or an execution count."""
    from grader.grading.status import read_status

    if read_status(path) is not None:
        return True
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return any(c.get("cell_type") == "code" and c.get("execution_count") is not None for c in data["cells"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def feedback_problem(course: Course, assignment: str, student: str) -> str:
    """Why no feedback should be made from a submission's autograded notebooks now, for the instructor ('' when
    it may).

    Feedback is made only from a grading that finished normally: the record says graded and the
    files are those it names; without a record (graded by stock ``nbgrader autograde``), every
    notebook must have been run.
    """
    record = load(course, assignment, student)
    if record is not None:
        if record.status != "ok":
            return t("records.feedback.ungradable_reason", reason=record.reason) if record.reason \
                else t("records.feedback.ungradable")
        return "" if files_match(course, record) and record.notebooks else t("records.feedback.changed")
    paths = sorted(autograded_dir(course, assignment, student).glob("*.ipynb"))
    if not paths or not all(_executed(p) for p in paths):
        return t("records.feedback.unfinished")
    return ""
