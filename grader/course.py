"""The nbgrader course the instructor tool works on: folder, configuration, nbgrader API, gradebook.

This is the one place that turns a course folder into nbgrader objects.
``NbGraderAPI`` does not read ``nbgrader_config.py`` by itself, so
:func:`load_course` loads it with traitlets' ``PyFileConfigLoader`` and every
object built here (``CourseDirectory``, ``NbGraderAPI``, the converters it
runs) gets that configuration: the course's own preprocessors and limits apply
exactly as they do for the stock ``nbgrader`` commands run in that folder.

Gradebook access is serialised between processes by :func:`install_gradebook_lock`:
an advisory file lock held for the lifetime of every database connection checked
out of a SQLAlchemy pool, so parallel graders never write at the same time (no
"database is locked" errors on SQLite, no racing ``update_or_create`` on PostgreSQL).
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traitlets.config import Config
from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader

from grader.messages import t

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COURSE = REPO_ROOT / "exercises"
CONFIG_FILE = "nbgrader_config.py"
STATE_DIR = ".ngoaivu"  # inside the course folder: lock file, grading records, logs
ROSTER_FILE = "roster.csv"  # inside the course folder: id, full name, province


class CourseError(Exception):
    """The course folder or its configuration cannot be used (message for the instructor)."""


def default_course_dir() -> Path:
    """``$NGOAIVU_COURSE`` if set, else the repository's ``exercises/`` folder."""
    env = os.environ.get("NGOAIVU_COURSE")
    return Path(env) if env else DEFAULT_COURSE


def quiet_logger(name: str = "ngoaivu.nbgrader") -> logging.Logger:
    """A logger for nbgrader's objects that prints nothing unless a handler is attached."""
    log = logging.getLogger(name)
    log.propagate = False
    log.setLevel(logging.INFO)
    if not log.handlers:
        log.addHandler(logging.NullHandler())
    return log


@dataclass
class Course:
    """An nbgrader course folder with its loaded configuration."""

    root: Path
    config: Config

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def roster_path(self) -> Path:
        return self.root / ROSTER_FILE

    @property
    def lock_path(self) -> Path:
        return self.state_dir / "gradebook.lock"

    @property
    def db_url(self) -> str:
        return str(self.coursedir().db_url)

    @property
    def db_display(self) -> str:
        """The gradebook URL with any password hidden (for messages and reports)."""
        from sqlalchemy.engine import make_url

        try:
            return make_url(self.db_url).render_as_string(hide_password=True)
        except Exception:  # not a URL SQLAlchemy can parse: nbgrader will say so when opening it
            return self.db_url

    @property
    def course_id(self) -> str:
        return str(self.coursedir().course_id)

    def coursedir(self) -> Any:
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=self.config)

    def api(self, log: logging.Logger | None = None) -> Any:
        """nbgrader's ``NbGraderAPI`` over this course, with the course's configuration."""
        from nbgrader.apps.api import NbGraderAPI

        return NbGraderAPI(coursedir=self.coursedir(), config=self.config, log=log or quiet_logger())

    def gradebook(self) -> Any:
        """nbgrader's ``Gradebook`` (use as a context manager)."""
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)

    def folder(self, kind: str) -> Path:
        """One of nbgrader's folders (``source``, ``release``, ``submitted``, ``autograded``, ``feedback``)."""
        cd = self.coursedir()
        name = getattr(cd, f"{kind}_directory")
        return self.root / name

    def source_assignments(self) -> list[str]:
        """Assignment ids: the folders of ``source/`` that hold at least one notebook."""
        src = self.folder("source")
        if not src.is_dir():
            return []
        return sorted(p.name for p in src.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def check_assignment(self, assignment_id: str) -> str:
        known = self.source_assignments()
        if assignment_id not in known:
            hint = ", ".join(known) if known else t("course.no_assignments", folder=str(self.folder("source")))
            raise CourseError(t("course.unknown_assignment", assignment=assignment_id, known=hint))
        return assignment_id


def load_config(root: Path, db_url: str | None = None) -> Config:
    """The course's ``nbgrader_config.py`` with the course root (and an optional gradebook URL) set."""
    config = Config()
    try:
        config.merge(PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config())
    except ConfigFileNotFound:
        pass
    except Exception as exc:  # a syntax or runtime error in the instructor's config file
        error = f"{type(exc).__name__}: {exc}"
        raise CourseError(t("course.config_error", path=str(root / CONFIG_FILE), error=error)) from exc
    config.CourseDirectory.root = str(root)
    if db_url:
        config.CourseDirectory.db_url = db_url
    return config


def ensure_tools_on_path() -> None:
    """Put this Python's ``bin`` folder on ``PATH`` when it is missing.

    nbgrader runs the ``alembic`` program to create a gradebook; when the
    instructor calls ``.venv/bin/ngoaivu`` without activating the environment,
    that program is only found this way.
    """
    bindir = str(Path(sys.executable).parent)
    if shutil.which("alembic") is None and (Path(bindir) / "alembic").exists():
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def load_course(root: Path | str | None = None, db_url: str | None = None) -> Course:
    """Open an existing course folder (one holding ``nbgrader_config.py``)."""
    ensure_tools_on_path()
    path = Path(root).expanduser().resolve() if root else default_course_dir().resolve()
    if not path.is_dir():
        raise CourseError(t("course.missing", path=str(path)))
    if not (path / CONFIG_FILE).is_file():
        raise CourseError(t("course.not_a_course", path=str(path), config=CONFIG_FILE))
    return Course(path, load_config(path, db_url))


# --- gradebook lock -------------------------------------------------------------------------------

_lock_state: dict[str, Any] = {"fd": None, "depth": 0, "path": None, "pid": None}


def open_shared_lock(path: str | Path) -> int:
    """Open (creating) a lock file that the instructor's group can open read-write whoever made it.

    The grading service (root) and the instructor's own commands share the course's lock files: a
    lock created by one with mode 0644 would make the other's ``open(O_RDWR)`` fail. Created 0664 (the
    course folder's set-group-id bit gives it the staff group), and put back to 0664 by its owner.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o664)
    try:
        st = os.fstat(fd)
        if st.st_uid == os.geteuid() and st.st_mode & 0o777 != 0o664:
            os.fchmod(fd, 0o664)
    except OSError:
        pass
    return fd


def _acquire(*_: Any) -> None:
    state = _lock_state
    if state["pid"] != os.getpid():  # a forked child must open its own lock file description
        state.update(fd=None, depth=0, pid=os.getpid())
    if state["path"] is None:
        return
    if state["depth"] == 0:
        fd = open_shared_lock(state["path"])
        fcntl.flock(fd, fcntl.LOCK_EX)
        state["fd"] = fd
    state["depth"] += 1


def _release(*_: Any) -> None:
    state = _lock_state
    if state["pid"] != os.getpid() or state["depth"] == 0:
        return
    state["depth"] -= 1
    if state["depth"] == 0 and state["fd"] is not None:
        fcntl.flock(state["fd"], fcntl.LOCK_UN)
        os.close(state["fd"])
        state["fd"] = None


def install_gradebook_lock(course: Course) -> None:
    """Hold ``course.lock_path`` exclusively while any database connection of this process is in use.

    Installed once per process (before forking workers); every SQLAlchemy pool
    checkout (every transaction nbgrader's ``Gradebook`` opens) takes the lock,
    every checkin releases it. Nested use inside one process is counted, and the
    lock dies with its process, so a killed grader never leaves it held.
    """
    from sqlalchemy import event
    from sqlalchemy.pool import Pool

    course.state_dir.mkdir(parents=True, exist_ok=True)
    _lock_state.update(path=str(course.lock_path), pid=os.getpid())
    if not event.contains(Pool, "checkout", _acquire):
        event.listen(Pool, "checkout", _acquire)
        event.listen(Pool, "checkin", _release)


@contextmanager
def grading_lock(course: Course, on_wait: Any = None) -> Iterator[None]:
    """One grading run per course at a time (``ngoaivu autograde`` and ``ngoaivu watch`` alike).

    Two runs grading the same submission at once would remove each other's autograded
    files. The lock (``.ngoaivu/grading.lock``) is held for the whole run and dies with
    its process; ``on_wait()`` is called once if another run holds it (then this one waits).
    """
    course.state_dir.mkdir(parents=True, exist_ok=True)
    fd = open_shared_lock(course.state_dir / "grading.lock")
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def gradebook(course: Course) -> Iterator[Any]:
    """nbgrader's ``Gradebook`` for ``course``, closed on exit."""
    gb = course.gradebook()
    try:
        yield gb
    finally:
        gb.close()
