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

Trainees write the inbound folder; the grading service that collects runs as root. So
nothing in it is trusted (issue 22, docs/threat-model.md):

* an entry is looked at with ``lstat`` (a link is refused, never followed) and is the submission
  of its **owner**: the owner's account name must be the trainee id the folder's name gives (on
  one machine, where trainees have no account, a folder of the collecting user may carry an id
  only when no account has that name), and that id must be on the roster when the course has one;
* it is read as its owner, without following any link, within the caps of
  ``c.NgoaivuCollect`` (:mod:`grader.cli.safe_read`); timestamps in the future are refused;
* a refused entry never hides another trainee's submission nor the same trainee's earlier one, a
  failure of one submission is that submission's outcome, and the trainee gets the reason in
  Vietnamese in their feedback area (:func:`release_notice`), as does a trainee whose notebook is
  not valid JSON (collected all the same, graded "could not be graded").

Why one module: release, collect and feedback share the exchange's layout (the folder names and the
``<student>+<assignment>+<timestamp>`` entries) and the rules of trust above; collect, most of the lines, is one
kill-safe sequence (look, read as the owner, copy, flush, rename, record) whose order is what makes it safe,
and it reads best top to bottom beside the layout it walks.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import pwd
import shutil
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from grader.cli.records import sync_tree, write_atomic
from grader.cli.safe_read import Limits, Refusal, Tree, read_submission
from grader.course import Course
from grader.messages import get_locale, t
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
        raise NoExchange(t("cli.exchange.none", config=str(course.root / "nbgrader_config.py")))
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

CLOCK_SKEW_SECONDS = 300.0  # a submission stamped further in the future than this is refused


@dataclass
class Inbound:
    """One submission folder of the exchange's inbound."""

    path: Path
    student: str
    timestamp: datetime | None
    problem: str = ""
    refusal: Refusal | None = None
    owner: int = -1  # uid of the folder's owner (lstat: the folder itself, never a link's target)
    group: int = -1


@dataclass
class Collected:
    """What became of one trainee's newest submission."""

    student: str
    outcome: str  # collected | updated | unchanged | rejected
    note: str = ""
    source: str = ""
    notice: str = ""  # the Vietnamese notice released to the trainee's feedback area ("" = none)


def collect_limits(course: Course) -> Limits:
    """The caps on one submission, from ``c.NgoaivuCollect`` in the course's ``nbgrader_config.py``.

    ``max_file_mb`` (default 5), ``max_submission_mb`` (20), ``max_files`` (200), ``max_depth`` (8).
    """
    conf = course.config.get("NgoaivuCollect", {})
    base = Limits()

    def number(name: str, default: float) -> float:
        try:
            value = float(conf.get(name, default))
        except (TypeError, ValueError):
            return default
        return value if value > 0 else default

    mb = 1024 * 1024
    return Limits(max_file_bytes=int(number("max_file_mb", base.max_file_bytes / mb) * mb),
                  max_submission_bytes=int(number("max_submission_mb", base.max_submission_bytes / mb) * mb),
                  max_files=int(number("max_files", base.max_files)),
                  max_depth=int(number("max_depth", base.max_depth)))


def _refuse(entry: Inbound, key: str, **params: str) -> None:
    entry.refusal = Refusal(key, {k: str(v) for k, v in params.items()})
    entry.problem = t(key, **entry.refusal.params)


def parse_inbound(path: Path, assignment: str, now: datetime | None = None) -> Inbound | None:
    """The submission an inbound folder name describes, or None when it is not one of ``assignment``.

    A timestamp that cannot be read, or later than ``now`` (UTC, default: the clock) by more than
    :data:`CLOCK_SKEW_SECONDS`, makes the entry refused.
    """
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
        _refuse(entry, "collect.refused.timestamp", stamp=stamp[:60])
    if entry.timestamp is not None and entry.timestamp.tzinfo is not None:
        entry.timestamp = entry.timestamp.astimezone(UTC).replace(tzinfo=None)
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    if entry.timestamp is not None and entry.timestamp > now + timedelta(seconds=CLOCK_SKEW_SECONDS):
        _refuse(entry, "collect.refused.future", stamp=stamp[:60])
    if not STUDENT_ID.match(student):
        _refuse(entry, "collect.refused.bad_id", student=student[:60])
    return entry


def _account(uid: int) -> str | None:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return None


def _has_account(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _check_owner(entry: Inbound, st: os.stat_result, roster: set[str]) -> None:
    """The trainee is the folder's owner: their account name must be the name the folder gives, on the roster.

    On one machine trainees have no account: a folder of the collecting user (the instructor, or
    root) may carry its own name, or the name of a trainee no account has; it is not held to the
    roster (``ngoaivu collect`` notes the ids that are not on it). Only root and the collecting
    user can make such a folder.
    """
    entry.owner, entry.group = st.st_uid, st.st_gid
    owner = _account(st.st_uid) or str(st.st_uid)
    if st.st_uid == os.geteuid():
        if owner != entry.student and _has_account(entry.student):
            _refuse(entry, "collect.refused.other_name", student=entry.student, owner=owner)
        return
    if owner != entry.student:
        _refuse(entry, "collect.refused.other_name", student=entry.student, owner=owner)
    elif roster and entry.student not in roster:
        _refuse(entry, "collect.refused.not_in_roster", student=entry.student)


def _roster_ids(course: Course) -> set[str]:
    from grader.roster import RosterError, read_roster

    try:
        return set(read_roster(course.roster_path))
    except (RosterError, OSError):
        return set()


def newest_submissions(course: Course, assignment: str) -> tuple[dict[str, Inbound], list[Inbound]]:
    """The newest acceptable inbound submission of each trainee for ``assignment``, and the refused ones.

    Every entry is looked at with ``lstat`` (a link is refused, never followed); its owner decides
    whose submission it is (checked against the roster when the course has one); a refused entry
    never hides another trainee's submission, nor an earlier acceptable one of the same trainee.
    """
    inbound = course_exchange(course) / "inbound"
    newest: dict[str, Inbound] = {}
    refused: list[Inbound] = []
    roster = _roster_ids(course)
    now = datetime.now(UTC)
    try:
        names = sorted(os.listdir(inbound))
    except OSError:
        names = []
    for name in names:
        entry = parse_inbound(inbound / name, assignment, now)
        if entry is None:
            continue
        try:
            st = os.lstat(entry.path)
        except OSError as exc:
            _refuse(entry, "collect.refused.unreadable", path=".", error=exc.strerror or str(exc))
        else:
            if stat.S_ISLNK(st.st_mode):
                _refuse(entry, "collect.refused.link", path=".")
            elif not stat.S_ISDIR(st.st_mode):
                _refuse(entry, "collect.refused.special", path=".")
            else:  # whose it is comes first: a forged name is named as such, whatever else is wrong
                earlier, entry.refusal, entry.problem = (entry.refusal, entry.problem), None, ""
                _check_owner(entry, st, roster)
                if not entry.problem:
                    entry.refusal, entry.problem = earlier
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


def _ignore(course: Course) -> tuple[str, ...]:
    return tuple(str(p) for p in course.coursedir().ignore)


def _is_notebook(data: bytes) -> bool:
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(nb, dict) and isinstance(nb.get("cells"), list)


def _write_copy(incoming: Path, tree: Tree) -> None:
    """Write what was read into the fresh folder ``incoming`` (made by us: nothing in it is a trainee's)."""
    incoming.mkdir(mode=0o770)
    for folder in sorted(tree.folders, key=lambda f: f.count("/")):
        (incoming / folder).mkdir(mode=0o770)
    for rel, data in tree.files.items():
        fd = os.open(incoming / rel, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o660)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)


def _stamp_problem(tree: Tree, entry: Inbound) -> Refusal | None:
    """A ``timestamp.txt`` that cannot be read, lies in the future or disagrees with the folder's name."""
    from nbgrader.utils import parse_utc

    raw = tree.files.get("timestamp.txt")
    if raw is None:
        return None
    text = raw.decode("utf-8", "replace").strip()[:60]
    try:
        stamp = parse_utc(text)
    except (ValueError, TypeError, OverflowError):
        return Refusal("collect.refused.timestamp", {"stamp": text})
    now = datetime.now(UTC).replace(tzinfo=None)
    if stamp > now + timedelta(seconds=CLOCK_SKEW_SECONDS):
        return Refusal("collect.refused.future", {"stamp": text})
    if entry.timestamp is not None and abs((stamp - entry.timestamp).total_seconds()) > CLOCK_SKEW_SECONDS:
        return Refusal("collect.refused.stamp_mismatch", {"stamp": text})
    return None


def collect_one(course: Course, assignment: str, entry: Inbound) -> Collected:
    """Put ``entry`` in place as ``submitted/<student>/<assignment>``; atomic, and a no-op when already there.

    The folder is read as its owner, without following links, within the course's caps
    (:mod:`grader.cli.safe_read`); a refused folder leaves the trainee's earlier submission in place
    and sends the trainee a notice (:func:`release_notice`).
    """
    student_dir = course.folder("submitted") / entry.student
    dest = student_dir / assignment
    state = _state_path(course, assignment, entry.student)
    try:
        known = json.loads(state.read_text(encoding="utf-8")).get("inbound")
    except (OSError, ValueError, AttributeError):
        known = None
    if known == entry.path.name and dest.is_dir():
        return Collected(entry.student, "unchanged", source=entry.path.name)
    tree = read_submission(entry.path, entry.owner, entry.group, collect_limits(course), _ignore(course))
    refusal = tree.refusal
    if refusal is None and not any("/" not in rel and rel.endswith(".ipynb") for rel in tree.files):
        refusal = Refusal("collect.refused.no_notebook", {})
    refusal = refusal or _stamp_problem(tree, entry)
    if refusal is not None:
        note = t(refusal.key, **refusal.params)
        return Collected(entry.student, "rejected", note, entry.path.name,
                         release_notice(course, assignment, entry, tree, refusal))
    student_dir.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(student_dir, assignment)
    incoming = student_dir / f".{assignment}.incoming-{os.getpid()}"
    try:
        _write_copy(incoming, tree)
    except OSError as exc:
        shutil.rmtree(incoming, ignore_errors=True)
        return Collected(entry.student, "rejected", t("collect.write_failed", error=str(exc)), entry.path.name)
    if "timestamp.txt" not in tree.files and entry.timestamp is not None:
        (incoming / "timestamp.txt").write_text(entry.timestamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC"),
                                                encoding="utf-8")
    broken = sorted(rel for rel, data in tree.files.items()
                    if "/" not in rel and rel.endswith(".ipynb") and not _is_notebook(data))
    note, notice = "", ""
    if broken:  # collected all the same: autograde records it as 'could not be graded'; the trainee is told now
        unreadable = Refusal("collect.unreadable_notebook", {"names": ", ".join(broken)})
        note = t(unreadable.key, **unreadable.params)
        notice = release_notice(course, assignment, entry, tree, unreadable)
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
    return Collected(entry.student, outcome, note, entry.path.name, notice)


def feedback_name(secret: str, notebook: str) -> str:
    """The file name nbgrader's fetch_feedback looks for: ``md5(secret + notebook id).html``."""
    from nbgrader.utils import notebook_hash

    return f"{notebook_hash(secret=secret, notebook_id=notebook)}.html"


def notice_html(assignment: str, submitted: str, message: str) -> str:
    """A small Vietnamese page for the trainee's feedback area (every text from the catalogue)."""
    title = t("collect.notice.title", assignment=assignment)
    lines = [t("collect.notice.submitted", assignment=assignment, stamp=submitted), message,
             t("collect.notice.what_to_do")]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return (f'<!DOCTYPE html><html lang="{html.escape(get_locale())}"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body}</body></html>\n")


def release_notice(course: Course, assignment: str, entry: Inbound, tree: Tree | None, refusal: Refusal) -> str:
    """Put a notice where the trainee's Fetch Feedback finds it; return its file name ("" when none can be).

    The trainee's copy of a submission holds its ``submission_secret.txt`` (nbgrader's submit
    writes it to both): the notice is ``<exchange>/<course>/feedback/<md5(secret + notebook)>.html``,
    for every notebook name of the submission. Only a folder owned by an account (read as that
    account) gets one; an existing feedback file is never replaced.
    """
    if entry.owner < 0:
        return ""
    if tree is None or not tree.secret:
        tree = read_submission(entry.path, entry.owner, entry.group, collect_limits(course), walk=False)
    if not tree.secret or not tree.notebooks:
        return ""
    folder = course_exchange(course) / "feedback"
    if not folder.is_dir():
        return ""
    stamp = entry.timestamp.strftime("%d/%m/%Y %H:%M UTC") if entry.timestamp else "?"
    page = notice_html(assignment, stamp, t(refusal.key, **refusal.params))
    written = ""
    for notebook in tree.notebooks:
        name = feedback_name(tree.secret, notebook[: -len(".ipynb")])
        target = folder / name
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        except FileExistsError:
            continue
        except OSError:
            return written
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(page)
        with contextlib.suppress(OSError):
            os.chmod(target, 0o644)
        written = name
    return written


def collect_from_exchange(course: Course, assignment: str) -> list[Collected]:
    """Collect the newest submission of every trainee for ``assignment`` from the exchange's inbound.

    Never raises for a trainee's submission: whatever goes wrong with one is that one's ``rejected``
    outcome, and the others are collected.
    """
    newest, refused = newest_submissions(course, assignment)
    results = []
    for entry in refused:
        notice = ""
        if entry.refusal is not None and entry.refusal.key not in ("collect.refused.link", "collect.refused.special"):
            try:
                notice = release_notice(course, assignment, entry, None, entry.refusal)
            except Exception:  # a notice is a courtesy: never let it stop the collect
                notice = ""
        results.append(Collected(entry.student, "rejected", entry.problem, entry.path.name, notice))
    for student in sorted(newest):
        try:
            results.append(collect_one(course, assignment, newest[student]))
        except Exception as exc:  # one submission's failure is its own, never the cohort's
            results.append(Collected(student, "rejected", t("collect.failed", error=f"{type(exc).__name__}: {exc}"),
                                     newest[student].path.name))
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
