"""Parallel autograding inside one process tree.

The parent (``ngoaivu autograde``) loads the course configuration and nbgrader
once, then forks ``jobs`` long-lived worker processes. Each worker grades one
submission at a time with nbgrader's own ``NbGraderAPI.autograde`` (the stock
``Autograde`` converter with the course's ``nbgrader_config.py``: same
preprocessors, same per-cell timeout, same scores as ``nbgrader autograde``)
and drives its own kernel, so several kernels run at once without paying
nbgrader's ~2 s application start-up per submission.

Why workers that each write their own grades (rather than one writer): the
stock converter interleaves its database writes with execution (submission
rows before, grades after), and keeping it whole is what guarantees stock
scores and keeps the course's configured preprocessors in force. Parallel
writes are made safe by :func:`grader.course.install_gradebook_lock`: each
database transaction of any process holds an exclusive file lock, so writes
are serialised (they take milliseconds; execution, which takes seconds, runs
in parallel). A worker killed mid-transaction releases the lock with its death
and the database rolls the transaction back.

Limits: each submission gets ``time_limit`` seconds (a ``SIGALRM`` in the
worker, then a hard kill by the parent after a grace period); a worker that
times out or dies is replaced, and its kernels are killed (a warm kernel, forked
by the warm pool rather than the worker, dies when its worker's connection to it
closes, see :mod:`grader.grading.warm`). Workers ignore
Ctrl-C (the parent handles it) and die with the parent (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import os
import re
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from grader.cli.common import number
from grader.cli.nbresult import failure_reason, warnings_of
from grader.grades import grading_status_word
from grader.grading.status import recorded_status, recorded_ungradable
from grader.messages import t

HARD_KILL_GRACE = 15.0  # seconds past the time limit before the parent kills a worker
# nbgrader warnings that say nothing about the submission: the clean-up after a failure that is reported
# anyway, and the "changed" checksum of every test cell with hidden tests (a known nbgrader issue; the
# checksum of any other cell is a real sign of an edited cell and is kept).
_NOISE = re.compile(r"Removing (failed|existing) (assignment|notebook)")
_CHECKSUM = re.compile(r"Attribute 'checksum' for cell (\S+) has changed")
_hidden_cache: dict[tuple[str, str], frozenset[str]] = {}
_DB_FAILURE = re.compile(r"error accessing the nbgrader database|sqlalchemy\.exc\.OperationalError")


def hidden_test_cells(source_dir: Path) -> frozenset[str]:
    """grade_ids of the cells of the source notebooks that hold hidden tests."""
    found = set()
    for path in sorted(source_dir.glob("*.ipynb")):
        with contextlib.suppress(OSError, ValueError):
            for cell in json.loads(path.read_text(encoding="utf-8")).get("cells", []):
                text = cell.get("source", "")
                text = "".join(text) if isinstance(text, list) else str(text)
                grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if grade_id and "BEGIN HIDDEN TESTS" in text:
                    found.add(grade_id)
    return frozenset(found)


def meaningful_warnings(warnings: list[str], hidden: frozenset[str]) -> list[str]:
    out = []
    for w in warnings:
        checksum = _CHECKSUM.search(w)
        if _NOISE.search(w) or (checksum and checksum.group(1) in hidden):
            continue
        out.append(w)
    return out


@dataclass(frozen=True)
class Task:
    assignment: str
    student: str


@dataclass
class Outcome:
    assignment: str
    student: str
    status: str  # "ok" | "ungradable" | "error"
    reason: str = ""  # why it could not be graded (for the instructor, in the catalogue's words where the CLI
    # says it); for "ok", an answer problem the grading path recorded
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    restart: bool = False  # the worker is no longer usable


class NotebookTimeLimit(KeyboardInterrupt):
    """Raised in a worker when a submission exceeds its time limit.

    A ``KeyboardInterrupt`` so that asyncio and nbgrader's converter let it through
    (nbgrader then removes the half-written autograded copy, as for Ctrl-C).
    """


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _kill_tree(pids: Iterable[int]) -> None:
    """Kill kernels and anything they started (each kernel leads its own session/process group)."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _kill_kernels() -> None:
    """Kill this worker's kernels: cold ones are its children, warm ones were forked by the warm pool."""
    from grader.grading.provisioner import kill_all

    _kill_tree(_children(os.getpid()))
    kill_all()


def _die_with_parent(parent: int) -> None:
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _log(task: Task, result: dict[str, Any], timed_out: bool, seconds: float) -> None:
    """Append nbgrader's log of one submission to the run's log file (fd 2 of the worker), in one write."""
    state = "time limit" if timed_out else ("ok" if result.get("success") else "failed")
    text = f"=== {task.assignment}/{task.student}: {state} in {seconds:.1f} s\n{result.get('log', '')}"
    if result.get("error"):
        text += f"\n{result['error']}"
    with contextlib.suppress(OSError):
        os.write(2, (text.rstrip() + "\n").encode("utf-8", "replace"))


def _grade(api: Any, task: Task, time_limit: float) -> Outcome:
    timed_out = False

    def on_alarm(signum: int, frame: Any) -> None:
        nonlocal timed_out
        timed_out = True
        raise NotebookTimeLimit()

    signal.signal(signal.SIGALRM, on_alarm)
    start = time.monotonic()
    result: dict[str, Any] = {"success": False}
    try:
        signal.setitimer(signal.ITIMER_REAL, time_limit)
        result = api.autograde(task.assignment, task.student, force=True, create=True)
    except NotebookTimeLimit:
        timed_out = True
    except Exception as exc:  # nbgrader's API returns failures; anything raised is a bug below it
        result = {"success": False, "error": f"{type(exc).__name__}: {exc}"}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    seconds = time.monotonic() - start
    _log(task, result, timed_out, seconds)
    if timed_out:
        _kill_kernels()
        return Outcome(task.assignment, task.student, "ungradable",
                       t("cli.reason.time_limit", seconds=number(time_limit)), seconds, restart=True)
    key = (str(api.coursedir.root), task.assignment)
    if key not in _hidden_cache:
        source = Path(api.coursedir.root) / api.coursedir.source_directory / task.assignment
        _hidden_cache[key] = hidden_test_cells(source)
    warnings = meaningful_warnings(warnings_of(result), _hidden_cache[key])
    if result.get("success"):
        graded_dir = Path(api.coursedir.root) / api.coursedir.autograded_directory / task.student / task.assignment
        reason = recorded_ungradable(graded_dir)
        if reason:
            return Outcome(task.assignment, task.student, "ungradable", reason, seconds, warnings)
        status, why = recorded_status(graded_dir)
        answer_problem = f"{grading_status_word(status)}: {why}" if status and status != "ok" else ""  # graded, 0
        return Outcome(task.assignment, task.student, "ok", answer_problem, seconds, warnings)
    # A database failure says nothing about the submission: recorded as an error, retried by the next run.
    status = "error" if _DB_FAILURE.search(f"{result.get('log', '')}{result.get('error', '')}") else "ungradable"
    return Outcome(task.assignment, task.student, status, failure_reason(result), seconds, warnings)


def _worker_main(conn: Connection, api: Any, time_limit: float, log_path: str, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)

    def on_term(signum: int, frame: Any) -> None:
        _kill_kernels()
        os._exit(1)

    signal.signal(signal.SIGTERM, on_term)
    # Kernels inherit these descriptors: their chatter goes to the run's log, not over the progress bar.
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        outcome = _grade(api, task, time_limit)
        conn.send(outcome)
        if outcome.restart:
            break
    os._exit(0)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: Task | None = None
    started: float = 0.0


class WorkerPool:
    """``jobs`` forked workers grading :class:`Task` s; results are handed to ``on_done`` in the parent."""

    def __init__(self, api: Any, jobs: int, time_limit: float, log_path: Path):
        self.api = api
        self.jobs = max(1, jobs)
        self.time_limit = time_limit
        self.log_path = str(log_path)
        self._ctx = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent_conn, child_conn = self._ctx.Pipe()
        process = self._ctx.Process(
            target=_worker_main, args=(child_conn, self.api, self.time_limit, self.log_path, os.getpid()), daemon=True,
        )
        process.start()
        child_conn.close()
        worker = _Worker(process, parent_conn)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, hard: bool) -> None:
        if worker in self._workers:
            self._workers.remove(worker)
        if hard and worker.process.is_alive():
            kids = _children(worker.process.pid)
            with contextlib.suppress(OSError):
                os.kill(worker.process.pid, signal.SIGKILL)
            _kill_tree(kids)
        worker.process.join(timeout=5)
        worker.conn.close()

    def run(self, tasks: Iterable[Task], on_done: Callable[[Outcome], None]) -> None:
        pending = deque(tasks)
        try:
            for _ in range(min(self.jobs, len(pending))):
                self._spawn()
            while pending or any(w.task for w in self._workers):
                for worker in list(self._workers):
                    if worker.task is None and pending:
                        worker.task, worker.started = pending.popleft(), time.monotonic()
                        worker.conn.send(worker.task)
                busy = [w for w in self._workers if w.task is not None]
                wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=1.0)
                for worker in busy:
                    self._check(worker, on_done, bool(pending))
        finally:
            self.close()

    def _check(self, worker: _Worker, on_done: Callable[[Outcome], None], more: bool) -> None:
        task = worker.task
        assert task is not None
        outcome: Outcome | None = None
        try:
            if worker.conn.poll():
                outcome = worker.conn.recv()
        except (EOFError, OSError):
            outcome = None
        if outcome is not None:
            worker.task = None
            on_done(outcome)
            if outcome.restart:
                self._retire(worker, hard=True)
                if more:
                    self._spawn()
            return
        elapsed = time.monotonic() - worker.started
        if not worker.process.is_alive():
            code = worker.process.exitcode
            self._retire(worker, hard=True)
            on_done(Outcome(task.assignment, task.student, "error", t("cli.reason.worker_died", code=code), elapsed))
        elif elapsed > self.time_limit + HARD_KILL_GRACE:
            self._retire(worker, hard=True)
            on_done(Outcome(task.assignment, task.student, "ungradable",
                            t("cli.reason.time_limit_killed", seconds=number(self.time_limit)), elapsed))
        else:
            return
        if more:
            self._spawn()

    def close(self) -> None:
        for worker in list(self._workers):
            if worker.task is None and worker.process.is_alive():
                with contextlib.suppress(OSError, BrokenPipeError):
                    worker.conn.send(None)
        deadline = time.monotonic() + 10
        for worker in list(self._workers):
            if worker.task is None:
                worker.process.join(timeout=max(0.1, deadline - time.monotonic()))
            self._retire(worker, hard=True)
