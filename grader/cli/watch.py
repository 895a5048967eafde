"""``ngoaivu watch``: grade on arrival. Collect from nbgrader's exchange, autograde, release feedback; repeat.

Each cycle:

1. collect the newest submission of every trainee from the exchange's inbound
   (:func:`grader.cli.exchange.collect_from_exchange`: atomic, owner-checked);
2. autograde what is new or changed with the one grading path of
   ``ngoaivu autograde`` (:func:`grader.cli.autograde.grade_submissions`);
3. for each submission graded normally whose feedback was not yet released for
   these files: nbgrader's ``generate_feedback`` then ``release_feedback`` to the
   exchange, where the trainee fetches it from the Assignments tab; the record
   of the submission then notes the files whose feedback went out.

Between cycles it sleeps until something arrives in the exchange's inbound (inotify: no polling of the
disk; ``--interval`` is only the longest sleep, and the polling period where inotify is unavailable), and
releases each submission's feedback as soon as that submission is graded. Kernels are forked warm from one
pool kept for the service's life (:class:`grader.cli.autograde.Kernels`).

Stopping it at any moment (Ctrl-C, SIGTERM, SIGKILL, a reboot) is safe: every
step is redone until its result is recorded, and a record is written only once
what it claims is on disk (see :mod:`grader.cli.records`).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import logging
import os
import select
import signal
import struct
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.cli import CLIError
from grader.cli import records as rec
from grader.cli.autograde import DEFAULT_TIME_LIMIT, Kernels, default_jobs, find_tasks, grade_submissions
from grader.cli.common import FAILED, OK, PARTIAL, USAGE, make_parser, number, open_course, outcome_word
from grader.cli.exchange import (
    NoExchange,
    collect_from_exchange,
    course_exchange,
    release_feedback,
    released_to_exchange,
)
from grader.cli.nbresult import failure_reason
from grader.cli.workers import Outcome, Task
from grader.course import Course
from grader.messages import has, t

DEFAULT_INTERVAL = 30.0
log = logging.getLogger("ngoaivu.watch")


class Stop(KeyboardInterrupt):
    """SIGTERM: stop the service (a KeyboardInterrupt so the grading workers are stopped on the way out)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "watch", "service: collect from the exchange, autograde and release feedback as trainees submit",
        "Run as the instructor, next to the course: every --interval seconds, collect the submissions that\n"
        "arrived in nbgrader's exchange (Submit in the Assignments tab), autograde them exactly as\n"
        "`ngoaivu autograde` does, then make their feedback and release it to the exchange, where each\n"
        "trainee gets it with 'Fetch Feedback' in the Assignments tab. Submissions that could not be graded\n"
        "are logged (and listed by `ngoaivu export`), and get no feedback.\n\n"
        "Stop it at any moment (Ctrl-C, SIGTERM, even SIGKILL) and start it again: it redoes exactly what\n"
        "was not finished. Logs (one line per event, in Vietnamese; in English with NGOAIVU_LOCALE=en) go to\n"
        "stderr and to --log-file.",
    )
    p.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                   help="assignments to watch (default: every assignment released to the exchange)")
    p.add_argument("--interval", type=float, default=DEFAULT_INTERVAL, metavar="SECONDS",
                   help="longest wait between two looks at the exchange; arrivals wake the service at once where "
                   "inotify is available (default: %(default)g)")
    p.add_argument("--once", action="store_true", help="run one cycle and exit (for scripts and tests)")
    p.add_argument("-j", "--jobs", type=int, default=default_jobs(), metavar="N",
                   help="submissions graded at once (default: number of cores, here %(default)s)")
    p.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                   help="time limit per submission (default: %(default)g)")
    p.add_argument("--no-feedback", action="store_true", help="collect and grade only; release no feedback")
    p.add_argument("--cold", action="store_true", help="start every kernel from scratch (no warm kernel process)")
    p.add_argument("--log-file", type=Path, metavar="PATH",
                   help="also append the log to this file (default: <course>/.ngoaivu/logs/watch.log)")
    p.set_defaults(func=run)


@dataclass
class Cycle:
    """What one cycle did."""

    collected: int = 0
    graded: int = 0
    ungradable: int = 0
    feedback: int = 0
    failed: list[str] = field(default_factory=list)  # feedback that could not be made or released
    seconds: float = 0.0

    @property
    def code(self) -> int:
        return PARTIAL if self.ungradable or self.failed else OK


class _Formatter(logging.Formatter):
    """One line per event: time, level (in the current locale, cli.watch.level.*) and message."""

    def format(self, record: logging.LogRecord) -> str:
        key = f"cli.watch.level.{record.levelname.lower()}"
        record.level = t(key) if has(key) else record.levelname
        return super().format(record)


def _setup_logging(log_file: Path) -> None:
    formatter = _Formatter("%(asctime)s %(level)s %(message)s", "%Y-%m-%dT%H:%M:%S%z")
    for old in list(log.handlers):
        old.close()
        log.removeHandler(old)
    log.setLevel(logging.INFO)
    log.propagate = False
    for handler in (logging.StreamHandler(sys.stderr), logging.FileHandler(log_file, encoding="utf-8")):
        handler.setFormatter(formatter)
        log.addHandler(handler)


def watched_assignments(course: Course, requested: list[str]) -> list[str]:
    known = set(course.source_assignments())
    if requested:
        unknown = sorted(set(requested) - known)
        if unknown:
            raise CLIError(t("course.unknown_assignment", assignment=unknown[0], known=", ".join(sorted(known))), USAGE)
        return sorted(set(requested))
    return [a for a in released_to_exchange(course) if a in known]


def run_cycle(course: Course, assignments: list[str], *, jobs: int, time_limit: float, feedback: bool,
              refused_seen: set[str], kernels: Kernels | None = None) -> Cycle:
    """One pass: collect, grade, release feedback (each submission's as soon as it is graded). Idempotent."""
    started = time.monotonic()
    cycle = Cycle()
    for assignment in assignments:
        for item in collect_from_exchange(course, assignment):
            if item.outcome in ("collected", "updated"):
                cycle.collected += 1
                log.info(t("cli.watch.collected", student=item.student, assignment=assignment, source=item.source,
                           outcome=outcome_word(item.outcome)))
            elif item.outcome == "rejected" and item.source not in refused_seen:
                refused_seen.add(item.source)
                log.warning(t("cli.watch.refused", source=item.source, assignment=assignment, reason=item.note))

    apis: list[Any] = []

    def graded(outcome: Outcome) -> None:
        if outcome.status == "ok":
            cycle.graded += 1
            log.info(t("cli.watch.graded", student=outcome.student, assignment=outcome.assignment,
                       seconds=number(outcome.seconds, 1)))
            if feedback:
                _release_feedback(course, [Task(outcome.assignment, outcome.student)], cycle, apis)
        else:
            cycle.ungradable += 1
            log.warning(t("cli.watch.ungradable", student=outcome.student, assignment=outcome.assignment,
                          reason=outcome.reason))

    found = find_tasks(course, assignments, None)
    if found:
        grade_submissions(course, found, jobs=jobs, time_limit=time_limit, progress=False, on_outcome=graded,
                          kernels=kernels)
    if feedback:
        _release_feedback(course, [t for t, _ in found], cycle, apis)
    cycle.seconds = time.monotonic() - started
    return cycle


def _release_feedback(course: Course, tasks: list[Any], cycle: Cycle, apis: list[Any]) -> None:
    """Make and release the feedback of these submissions where it is due; ``apis`` caches the cycle's API."""
    pending = []
    for task in tasks:
        record = rec.load(course, task.assignment, task.student)
        if record is not None and record.status == "ok" and record.feedback != record.fingerprint \
                and rec.files_match(course, record):
            pending.append(record)
    if not pending:
        return
    if not apis:
        apis.append(course.api())
    api = apis[0]
    for record in pending:
        made = api.generate_feedback(record.assignment, record.student, force=True)
        if not made["success"]:
            cycle.failed.append(f"{record.student}/{record.assignment}")
            log.error(t("cli.watch.feedback_not_made", student=record.student, assignment=record.assignment,
                        reason=failure_reason(made)))
            continue
        sent = release_feedback(course, api, record.assignment, record.student)
        if not sent["success"]:
            cycle.failed.append(f"{record.student}/{record.assignment}")
            log.error(t("cli.watch.feedback_not_released", student=record.student, assignment=record.assignment,
                        reason=failure_reason(sent)))
            continue
        record.feedback = record.fingerprint
        rec.save(course, record)
        cycle.feedback += 1
        log.info(t("cli.watch.feedback_released", student=record.student, assignment=record.assignment))


def run(args: argparse.Namespace) -> int:
    if args.interval <= 0 or args.jobs < 1 or args.time_limit <= 0:
        raise CLIError(t("cli.watch.bad_numbers"), USAGE)
    course = open_course(args)
    try:
        inbound = course_exchange(course) / "inbound"
    except NoExchange as exc:
        raise CLIError(t("cli.watch.no_exchange", reason=str(exc)), USAGE) from exc
    log_file = args.log_file or course.state_dir / "logs" / "watch.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    _setup_logging(log_file)

    def on_term(signum: int, frame: Any) -> None:
        raise Stop()

    watched_assignments(course, args.assignments)  # an unknown assignment is the instructor's to fix, at once
    previous = signal.signal(signal.SIGTERM, on_term)
    refused_seen: set[str] = set()
    log.info(t("cli.watch.watching", inbound=str(inbound), db=course.db_display, interval=number(args.interval),
               once=t("cli.watch.once") if args.once else ""))
    kernels = Kernels(course, warm=not args.cold, say=log.warning)
    if kernels.socket():  # started now, so the first arrivals do not wait for it
        log.info(t("cli.watch.warm_ready", pid=kernels.pool.pid if kernels.pool else 0))
    arrivals = Arrivals.of(inbound)
    if arrivals is None:
        log.info(t("cli.watch.no_inotify", interval=number(args.interval)))
    try:
        while True:
            assignments = watched_assignments(course, args.assignments)
            if not assignments:
                log.warning(t("cli.watch.nothing_released"))
            try:
                cycle = run_cycle(course, assignments, jobs=args.jobs, time_limit=args.time_limit,
                                  feedback=not args.no_feedback, refused_seen=refused_seen, kernels=kernels)
            except Exception as exc:  # e.g. the database server is down: say so, try again next cycle
                log.error(t("cli.watch.cycle_failed", error=f"{type(exc).__name__}: {str(exc)[:500]}"))
                if args.once:
                    return FAILED
                _wait(arrivals, args.interval)
                continue
            if cycle.collected or cycle.graded or cycle.ungradable or cycle.feedback or cycle.failed or args.once:
                log.info(t("cli.watch.cycle", collected=cycle.collected, graded=cycle.graded,
                           ungradable=cycle.ungradable, feedback=cycle.feedback, feedback_failed=len(cycle.failed),
                           seconds=number(cycle.seconds, 1)))
            if args.once:
                return cycle.code
            _wait(arrivals, args.interval)
    except KeyboardInterrupt as exc:
        log.info(t("cli.watch.stopped", why="SIGTERM" if isinstance(exc, Stop) else t("cli.watch.interrupted")))
        return OK
    finally:
        signal.signal(signal.SIGTERM, previous)
        kernels.close()
        if arrivals is not None:
            arrivals.close()


def _wait(arrivals: Arrivals | None, interval: float) -> None:
    if arrivals is None:
        time.sleep(interval)
    else:
        arrivals.wait(interval)


_IN_MODIFY, _IN_ATTRIB, _IN_CLOSE_WRITE, _IN_MOVED_TO, _IN_CREATE = 0x2, 0x4, 0x8, 0x80, 0x100
_IN_ISDIR, _IN_NONBLOCK, _IN_CLOEXEC = 0x40000000, 0o4000, 0o2000000
_EVENTS = _IN_MODIFY | _IN_ATTRIB | _IN_CLOSE_WRITE | _IN_MOVED_TO | _IN_CREATE
_HEADER = struct.Struct("iIII")


class Arrivals:
    """Sleeps until something is written under a folder (Linux inotify on it and on each folder made in it).

    A submission is a folder nbgrader copies into the inbound file by file; :meth:`wait` returns once
    writing has been quiet for ``settle`` seconds (at most ``settle_max`` after the first event), so a
    cycle does not start half-way through a copy.
    """

    def __init__(self, fd: int, root: Path):
        self.fd, self.root = fd, root
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._paths: dict[int, Path] = {}
        self._add(root)

    @classmethod
    def of(cls, folder: Path) -> Arrivals | None:
        """Watch ``folder``; None where inotify is unavailable (not Linux, no such folder, no watches left)."""
        if sys.platform != "linux" or not folder.is_dir():
            return None
        try:
            fd = ctypes.CDLL(None, use_errno=True).inotify_init1(_IN_NONBLOCK | _IN_CLOEXEC)
        except (OSError, AttributeError):
            return None
        if fd < 0:
            return None
        watch = cls(fd, folder)
        return watch if watch._watched else None

    @property
    def _watched(self) -> int:
        return len(self._paths)

    def _add(self, folder: Path) -> None:
        wd = self._libc.inotify_add_watch(self.fd, os.fsencode(folder), _EVENTS)
        if wd >= 0:
            self._paths[wd] = folder

    def _drain(self) -> bool:
        """Read the pending events; watch folders just made (and what they hold). True if there were any."""
        seen = False
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return seen
            if not data:
                return seen
            seen = True
            offset = 0
            while offset + _HEADER.size <= len(data):
                wd, mask, _cookie, length = _HEADER.unpack_from(data, offset)
                name = data[offset + _HEADER.size: offset + _HEADER.size + length].rstrip(b"\0")
                offset += _HEADER.size + length
                parent = self._paths.get(wd)
                if parent is not None and name and mask & _IN_ISDIR and mask & (_IN_CREATE | _IN_MOVED_TO):
                    made = parent / os.fsdecode(name)
                    for folder in [made, *(d for d in made.rglob("*") if d.is_dir())]:
                        self._add(folder)

    def wait(self, timeout: float, settle: float = 0.3, settle_max: float = 3.0) -> bool:
        """Sleep until an arrival has settled, or ``timeout`` seconds; True if something arrived."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready or not self._drain():
            return False
        until = time.monotonic() + settle_max
        while time.monotonic() < until:
            ready, _, _ = select.select([self.fd], [], [], settle)
            if not ready or not self._drain():
                break
        return True

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)
