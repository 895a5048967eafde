"""What ``ngoaivu autograde`` remembers about each submission it graded.

One JSON file per submission, ``<course>/.ngoaivu/autograde/<assignment>/<student>.json``,
written atomically by the parent process after the grading of that submission
has finished (successfully or not). It holds a fingerprint of the submitted
files (and of the assignment's source notebooks and the course configuration),
so a re-run skips exactly the submissions already graded from the same files
and regrades everything else: new or changed submissions, submissions of an
assignment whose tests changed, and any submission whose grading was cut short
(an interrupted run leaves no record).
``export`` and ``report`` read the status and reason from here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grader.course import Course

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
        return Record(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def save(course: Course, record: Record) -> None:
    record.graded_at = record.graded_at or datetime.now(UTC).isoformat(timespec="seconds")
    path = record_path(course, record.assignment, record.student)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(asdict(record), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def is_current(course: Course, assignment: str, student: str, print_: str) -> bool:
    """Whether the submission was graded to a final status from exactly these files."""
    record = load(course, assignment, student)
    if record is None or record.status not in FINAL or record.fingerprint != print_:
        return False
    if record.status == "ok":
        return (course.folder("autograded") / student / assignment).is_dir()
    return True


def all_records(course: Course) -> dict[tuple[str, str], Record]:
    """Every record, by (assignment, student)."""
    found: dict[tuple[str, str], Record] = {}
    root = course.state_dir / "autograde"
    for path in sorted(root.glob("*/*.json")) if root.is_dir() else []:
        record = load(course, path.parent.name, path.stem)
        if record is not None:
            found[(record.assignment, record.student)] = record
    return found
