"""nbgrader's exchange, for the instructor: release to it, collect from it (kill-safe), release feedback to it.

The exchange is a folder shared by the instructor and the trainees
(``Exchange.root`` in the course's ``nbgrader_config.py``; on one machine
``exercises/exchange/``, created by the project). Its layout is nbgrader's:

* ``<root>/<course_id>/outbound/<assignment>/``: what trainees fetch (``release_to_exchange``);
* ``<root>/<course_id>/inbound/<student>+<assignment>+<timestamp>[+<random>]/``: what they submit;
* ``<root>/<course_id>/feedback/<hash>.html``: feedback they fetch (``release_feedback``).

Releasing and releasing feedback go through nbgrader's own exchange classes.
Collecting is done here, following nbgrader's rules (the newest submission of
each trainee), because nbgrader's collect replaces a submission in place (remove,
then copy): a process killed in between leaves a half-copied submission that a
later collect believes current. Here each submission is copied to a temporary
folder, flushed to disk and renamed into ``submitted/<student>/<assignment>``;
which inbound entry is in place is recorded afterwards (``.ngoaivu/collected/``),
so a collect killed at any moment is simply redone.

A submission folder whose owner is not the trainee it names (when that trainee
has an account on this machine), or not the instructor running the collect
(when no account has that name), is refused: nbgrader's exchange lets anyone
write a submission under any name, and nbgrader itself only warns.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pwd
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from grader.cli.records import sync_tree, write_atomic
from grader.course import Course
from grader.roster import STUDENT_ID


class NoExchange(Exception):
    """The course's configuration names no exchange (``c.Exchange.root``)."""


def exchange_root(course: Course) -> Path:
    """The exchange folder the course's configuration names.

    A course whose ``nbgrader_config.py`` sets no ``c.Exchange.root`` has no
    exchange here (nbgrader's default is a system folder, which the project never
    writes to unasked): :class:`NoExchange`.
    """
    root = course.config.get("Exchange", {}).get("root")
    if not root:
        raise NoExchange(f"the course's {course.root / 'nbgrader_config.py'} sets no exchange (c.Exchange.root)")
    return Path(str(root))


def has_exchange(course: Course) -> bool:
    return bool(course.config.get("Exchange", {}).get("root"))


def course_exchange(course: Course) -> Path:
    return exchange_root(course) / course.course_id


def ensure_exchange_root(root: Path) -> bool:
    """Create the exchange folder if it is missing (mode 0777 as nbgrader expects). False when that failed."""
    try:
        if not root.is_dir():
            root.mkdir(parents=True, exist_ok=True)
            root.chmod(0o777)
        return True
    except OSError:
        return False


def released_to_exchange(course: Course) -> list[str]:
    """Assignments found in the exchange's outbound folder of the course."""
    outbound = course_exchange(course) / "outbound"
    return sorted(p.name for p in outbound.iterdir() if p.is_dir()) if outbound.is_dir() else []


def _exchange_app(course: Course, api: Any, kind: str, **attrs: str) -> dict[str, Any]:
    """Run one of nbgrader's exchange apps (``ReleaseAssignment``, ``ReleaseFeedback``) like NbGraderAPI does."""
    from nbgrader.apps.api import capture_log
    from nbgrader.utils import temp_attrs

    with temp_attrs(api.coursedir, **attrs):
        app = getattr(api.exchange, kind)(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
        if kind == "ReleaseAssignment":
            app.force = True  # re-releasing replaces the trainees' copy in the exchange, as `ngoaivu release` does
        return capture_log(app)


def release_to_exchange(course: Course, api: Any, assignment: str) -> dict[str, Any]:
    """nbgrader's release_assignment (with force): ``release/<assignment>`` -> the exchange's outbound."""
    ensure_exchange_root(exchange_root(course))
    return _exchange_app(course, api, "ReleaseAssignment", assignment_id=assignment)


def release_feedback(course: Course, api: Any, assignment: str, student: str) -> dict[str, Any]:
    """nbgrader's release_feedback for one submission: ``feedback/<student>/<assignment>`` -> the exchange."""
    return _exchange_app(course, api, "ReleaseFeedback", assignment_id=assignment, student_id=student)


# --- collecting -----------------------------------------------------------------------------------------


@dataclass
class Inbound:
    """One submission folder of the exchange's inbound."""

    path: Path
    student: str
    timestamp: datetime | None
    problem: str = ""


@dataclass
class Collected:
    """What became of one trainee's newest submission."""

    student: str
    outcome: str  # collected | updated | unchanged | rejected
    note: str = ""
    source: str = ""


def parse_inbound(path: Path, assignment: str) -> Inbound | None:
    """The submission an inbound folder name describes, or None when it is not one of ``assignment``."""
    from nbgrader.utils import parse_utc

    parts = path.name.split("+")
    if len(parts) >= 4 and parts[-3] == assignment:
        student, stamp = "+".join(parts[:-3]), parts[-2]
    elif len(parts) >= 3 and parts[-2] == assignment:
        student, stamp = "+".join(parts[:-2]), parts[-1]
    else:
        return None
    entry = Inbound(path, student, None)
    try:
        entry.timestamp = parse_utc(stamp)
    except (ValueError, TypeError, OverflowError):
        entry.problem = f"unreadable timestamp {stamp!r} in the folder name"
    if not STUDENT_ID.match(student):
        entry.problem = f"{student!r} is not a usable trainee id"
    return entry


def _owner_problem(entry: Inbound) -> str:
    """Why the folder's owner may not submit as ``entry.student`` ('' when it may)."""
    try:
        owner = entry.path.stat().st_uid
    except OSError as exc:
        return f"cannot read the folder ({exc.strerror})"
    try:
        expected = pwd.getpwnam(entry.student).pw_uid
    except KeyError:  # no account of that name: only the instructor's own submissions (one machine) count
        expected = os.getuid()
    if owner != expected:
        try:
            name = pwd.getpwuid(owner).pw_name
        except KeyError:
            name = str(owner)
        return f"submitted as {entry.student} by the account {name}: refused"
    return ""


def newest_submissions(course: Course, assignment: str) -> tuple[dict[str, Inbound], list[Inbound]]:
    """The newest inbound submission of each trainee for ``assignment``, and the refused ones."""
    inbound = course_exchange(course) / "inbound"
    newest: dict[str, Inbound] = {}
    refused: list[Inbound] = []
    for path in sorted(inbound.iterdir()) if inbound.is_dir() else []:
        entry = parse_inbound(path, assignment) if path.is_dir() else None
        if entry is None:
            continue
        entry.problem = entry.problem or _owner_problem(entry)
        if entry.problem:
            refused.append(entry)
            continue
        best = newest.get(entry.student)
        if best is None or (entry.timestamp, entry.path.name) > (best.timestamp, best.path.name):
            newest[entry.student] = entry
    return newest, refused


def _state_path(course: Course, assignment: str, student: str) -> Path:
    return course.state_dir / "collected" / assignment / f"{student}.json"


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _clean_leftovers(student_dir: Path, assignment: str) -> None:
    """Remove the temporary folders of a collect that was killed."""
    for leftover in student_dir.glob(f".{assignment}.*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _ignore(course: Course) -> Any:
    patterns = list(course.coursedir().ignore)
    return shutil.ignore_patterns(*patterns) if patterns else None


def collect_one(course: Course, assignment: str, entry: Inbound) -> Collected:
    """Put ``entry`` in place as ``submitted/<student>/<assignment>``; atomic, and a no-op when already there."""
    student_dir = course.folder("submitted") / entry.student
    dest = student_dir / assignment
    state = _state_path(course, assignment, entry.student)
    try:
        known = json.loads(state.read_text(encoding="utf-8")).get("inbound")
    except (OSError, ValueError, AttributeError):
        known = None
    if known == entry.path.name and dest.is_dir():
        return Collected(entry.student, "unchanged", source=entry.path.name)
    student_dir.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(student_dir, assignment)
    incoming = student_dir / f".{assignment}.incoming-{os.getpid()}"
    try:
        shutil.copytree(entry.path, incoming, ignore=_ignore(course))
    except (OSError, shutil.Error) as exc:
        shutil.rmtree(incoming, ignore_errors=True)
        return Collected(entry.student, "rejected", f"cannot copy {entry.path.name}: {exc}", entry.path.name)
    if not any(incoming.glob("*.ipynb")):
        shutil.rmtree(incoming, ignore_errors=True)
        return Collected(entry.student, "rejected", f"{entry.path.name} holds no notebook", entry.path.name)
    if not (incoming / "timestamp.txt").is_file() and entry.timestamp is not None:
        (incoming / "timestamp.txt").write_text(entry.timestamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"),
                                                encoding="utf-8")
    outcome = "collected"
    if dest.is_dir():
        if _tree_digest(dest) == _tree_digest(incoming):
            shutil.rmtree(incoming, ignore_errors=True)
            write_atomic(state, json.dumps({"inbound": entry.path.name}))
            return Collected(entry.student, "unchanged", source=entry.path.name)
        outcome = "updated"
    sync_tree(incoming)
    old = student_dir / f".{assignment}.old-{os.getpid()}"
    if dest.is_dir():
        os.rename(dest, old)  # from here until the next rename, no submission is in place: a rerun redoes it
    os.rename(incoming, dest)
    with contextlib.suppress(OSError):
        fd = os.open(student_dir, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    shutil.rmtree(old, ignore_errors=True)
    write_atomic(state, json.dumps({"inbound": entry.path.name}))
    return Collected(entry.student, outcome, source=entry.path.name)


def collect_from_exchange(course: Course, assignment: str) -> list[Collected]:
    """Collect the newest submission of every trainee for ``assignment`` from the exchange's inbound."""
    newest, refused = newest_submissions(course, assignment)
    results = [Collected(e.student, "rejected", e.problem, e.path.name) for e in refused]
    for student in sorted(newest):
        results.append(collect_one(course, assignment, newest[student]))
    return results


def prepare_local_exchange(repo: Path | None = None) -> list[Path]:
    """Create the folders the Assignments tab needs on one machine (``make start``); return those created.

    Reads the trainees' side configuration (``jupyter/config/nbgrader_config.py``): the exchange
    folder (``Exchange.root``) and the folder fetched assignments go to (``Exchange.assignment_dir``).
    Without them nbgrader's extension shows "The exchange directory does not exist".
    """
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

    from grader.course import REPO_ROOT

    folder = (repo or REPO_ROOT) / "jupyter" / "config"
    try:
        config = PyFileConfigLoader("nbgrader_config.py", path=str(folder)).load_config()
    except ConfigFileNotFound:
        return []
    created = []
    root = config.get("Exchange", {}).get("root")
    if root and not Path(root).is_dir() and ensure_exchange_root(Path(root)):
        created.append(Path(root))
    assignments = config.get("Exchange", {}).get("assignment_dir")
    if assignments and not Path(assignments).is_dir():
        with contextlib.suppress(OSError):
            Path(assignments).mkdir(parents=True)
            created.append(Path(assignments))
    return created
