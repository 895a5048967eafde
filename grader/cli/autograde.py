"""``ngoaivu autograde``: grade collected submissions in parallel with nbgrader's own autograder."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tqdm import tqdm

from grader.cli import CLIError
from grader.cli import records as rec
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
    released_assignments,
    table,
)
from grader.cli.workers import Outcome, Task, WorkerPool
from grader.course import Course, grading_lock, install_gradebook_lock
from grader.grading.warm import WarmPool, WarmUnavailable, warm_up_grader
from grader.messages import t

DEFAULT_TIME_LIMIT = 600.0  # a backstop above the course's own per-notebook limit (SafeExecute: 300 s)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def register(sub: argparse._SubParsersAction) -> None:
    p = make_parser(
        sub, "autograde", "grade collected submissions in parallel (nbgrader's autograder)",
        "Grade the submissions under submitted/ with nbgrader's own autograder and the course's\n"
        "nbgrader_config.py (the scores are exactly those of `nbgrader autograde`), several at once: one\n"
        "process tree, one kernel per worker. A progress bar shows the run; at the end a table lists every\n"
        "submission that could not be graded and why. A broken submission never stops the others.\n\n"
        "Re-running is safe: submissions already graded from the same files are skipped (use --force to\n"
        "regrade them); new, changed or interrupted ones are graded. Writes to the gradebook are serialised\n"
        "with a lock, so parallel grading never corrupts it (SQLite or any SQLAlchemy URL via --db).",
    )
    p.add_argument("assignment", nargs="?", help="assignment id (default: every assignment)")
    p.add_argument("--student", metavar="ID", help="grade only this trainee's submissions")
    p.add_argument("-j", "--jobs", type=int, default=default_jobs(), metavar="N",
                   help="submissions graded at once (default: number of cores, here %(default)s)")
    p.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDS",
                   help="time limit per submission; past it the submission is recorded as could not be graded "
                   "(default: %(default)g). The per-cell limit is nbgrader's Execute.timeout in nbgrader_config.py")
    p.add_argument("--force", action="store_true", help="regrade submissions already graded")
    p.add_argument("--cold", action="store_true",
                   help="start every kernel from scratch instead of forking it from a pre-started, warm process "
                   "(same sandbox and grades, slower; the default is warm where the machine allows it)")
    p.set_defaults(func=run)


def fast_kernel_shutdown(course: Course) -> None:
    """Stop each grading kernel at once once its notebook has run, unless the course configures otherwise.

    nbclient's default "graceful" shutdown waits up to a second per notebook for the
    kernel to exit by itself; every cell has already run and every output been
    collected by then, so killing it ("immediate") changes no score and halves the
    cost of a small notebook.
    """
    configured = any("shutdown_kernel" in course.config.get(section, {})
                     for section in ("NotebookClient", "ExecutePreprocessor", "Execute"))
    if not configured:
        course.config.NotebookClient.shutdown_kernel = "immediate"


def find_tasks(course: Course, assignments: list[str], student: str | None) -> list[tuple[Task, str]]:
    """Every (submission, fingerprint) under submitted/ for these assignments (and this student)."""
    submitted = course.folder("submitted")
    found = []
    for assignment in assignments:
        folders = sorted(submitted.glob(f"*/{assignment}")) if submitted.is_dir() else []
        basis = rec.grading_basis(course, assignment)
        for folder in folders:
            if folder.is_dir() and (student is None or folder.parent.name == student):
                found.append((Task(assignment, folder.parent.name), rec.fingerprint(folder, basis)))
    return found


@dataclass
class GradingRun:
    """What one pass of :func:`grade_submissions` did."""

    outcomes: list[Outcome] = field(default_factory=list)
    skipped: int = 0  # already graded from the same files (records verified against the disk)
    earlier: list[rec.Record] = field(default_factory=list)  # skipped ones that could not be graded earlier
    queued: set[Task] = field(default_factory=set)
    seconds: float = 0.0


def grade_submissions(course: Course, found: list[tuple[Task, str]], *, force: bool = False, jobs: int = 1,
                      time_limit: float = DEFAULT_TIME_LIMIT, progress: bool = True,
                      on_outcome: Callable[[Outcome], None] | None = None,
                      kernels: Kernels | None = None) -> GradingRun:
    """Grade the submissions of ``found`` that are not current (all of them with ``force``): the one grading path.

    ``ngoaivu autograde`` and ``ngoaivu watch`` both grade through here. A
    submission's record is removed before it is graded and written back only once
    its autograded notebooks are flushed to disk and nbgrader has committed its
    grades (see :mod:`grader.cli.records`), so a process killed at any moment
    leaves nothing that claims a grading that did not finish.

    ``kernels``: where grading kernels come from (default: a warm pool for this call, see :class:`Kernels`).
    """
    def waiting() -> None:
        print(t("cli.autograde.waiting"), flush=True)

    with grading_lock(course, waiting if progress else None):
        if kernels is not None:
            return _grade_locked(course, found, force, jobs, time_limit, progress, on_outcome, kernels)
        with Kernels(course) as own:
            return _grade_locked(course, found, force, jobs, time_limit, progress, on_outcome, own)


class Kernels:
    """Where the grading kernels of a run come from: a warm pool (:mod:`grader.grading.warm`) or cold starts.

    The pool is started when first needed and kept for the object's life (``ngoaivu watch`` keeps one
    across cycles); while it starts, this (the grader's) process warms its own re-check once
    (:func:`grader.grading.warm.warm_up_grader`), so the workers forked from it inherit the loaded
    models. When the pool cannot be started, or dies, grading goes on with cold kernels and the notice is
    printed once (``say``: where, default stdout); a later :meth:`socket` tries again to start one.
    """

    def __init__(self, course: Course, warm: bool = True, say: Callable[[str], None] | None = None):
        self.course, self.warm = course, warm
        self.pool: WarmPool | None = None
        self.say = say or (lambda text: print(text, flush=True))
        self._told = False
        self._grader_warm = False

    def socket(self) -> str:
        """The pool's socket for this batch ('' : cold kernels)."""
        if not self.warm:
            self.warm_grader()
            return ""
        if self.pool is not None and not self.pool.alive():
            self.pool.close()
            self.pool = None
        if self.pool is None:
            try:
                self.pool = WarmPool.begin(self.course.folder("release"))
                self._told = False
            except WarmUnavailable as exc:
                self._fallback(str(exc))
                return ""
        self.warm_grader()  # while the zygote warms itself
        try:
            self.pool.wait_ready()
        except WarmUnavailable as exc:
            self.pool = None
            self._fallback(str(exc))
            return ""
        return self.pool.socket_path

    def warm_grader(self) -> None:
        """Load, once in this process, the readers and models the re-check uses (workers fork from it)."""
        if not self._grader_warm:
            self._grader_warm = True
            warm_up_grader(self.course.folder("release"))

    def check(self) -> None:
        """Say once if the pool died (the workers carry on with cold kernels)."""
        if self.pool is not None and not self.pool.alive():
            self._fallback(t("cli.autograde.warm_ended", pid=self.pool.pid))

    def _fallback(self, reason: str) -> None:
        if not self._told:
            self._told = True
            self.say(t("warm.fallback", reason=reason))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def __enter__(self) -> Kernels:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _grade_locked(course: Course, found: list[tuple[Task, str]], force: bool, jobs: int, time_limit: float,
                  progress: bool, on_outcome: Callable[[Outcome], None] | None, kernels: Kernels) -> GradingRun:
    in_gradebook = rec.gradebook_submissions(course) if found else set()
    todo = [(t, fp) for t, fp in found
            if force or not rec.is_current(course, t.assignment, t.student, fp, in_gradebook)]
    result = GradingRun(queued={t for t, _ in todo})
    result.skipped = len(found) - len(todo)
    result.earlier = [r for t, _ in found if t not in result.queued
                      for r in [rec.load(course, t.assignment, t.student)] if r is not None and r.status != "ok"]
    fingerprints = dict(todo)
    started = time.monotonic()
    if progress:
        print(t("cli.autograde.plan", todo=len(todo), skipped=result.skipped)
              + (t("cli.autograde.plan_force") if result.skipped else "")
              + (t("cli.autograde.plan_workers", workers=min(jobs, len(todo))) if todo else ""))
    if not todo:
        return result
    for task, _ in todo:  # nothing may claim a grading that is about to be redone
        rec.invalidate(course, task.assignment, task.student)
    install_gradebook_lock(course)
    fast_kernel_shutdown(course)
    course.config.SandboxKernelManager.warm_pool = kernels.socket()
    api = course.api()
    log_dir = course.state_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"autograde-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}.log"
    tqdm.monitor_interval = 0  # no monitor thread: workers are forked while the bar is shown
    with tqdm(total=len(todo), desc="autograde", unit=t("cli.progress.submissions"), dynamic_ncols=True,
              disable=not progress) as bar:

        def on_done(outcome: Outcome) -> None:
            notebooks, statuses = rec.graded_files(course, outcome.assignment, outcome.student)
            rec.save(course, rec.Record(
                outcome.assignment, outcome.student, fingerprints[Task(outcome.assignment, outcome.student)],
                outcome.status, outcome.reason, outcome.warnings, round(outcome.seconds, 2),
                notebooks=notebooks if outcome.status != "error" else {}, statuses=statuses,
            ))
            result.outcomes.append(outcome)
            kernels.check()
            if progress and outcome.status != "ok":
                bar.write(t("cli.autograde.failed_one", student=outcome.student, assignment=outcome.assignment,
                            reason=outcome.reason))
            bar.update(1)
            if on_outcome is not None:
                on_outcome(outcome)

        try:
            WorkerPool(api, jobs, time_limit, log_path).run([t for t, _ in todo], on_done)
        except KeyboardInterrupt:
            if progress:
                bar.write(t("cli.autograde.interrupted", done=len(result.outcomes), total=len(todo)))
            raise
        finally:
            result.seconds = time.monotonic() - started
    return result


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise CLIError(t("cli.autograde.bad_jobs"), USAGE)
    if args.time_limit <= 0:
        raise CLIError(t("cli.autograde.bad_time_limit"), USAGE)
    course = open_course(args)
    roster = course_roster(course)
    assignments = assignments_to_use(course, args.assignment)
    found = find_tasks(course, assignments, args.student)
    if not found:
        where = {"assignments": ", ".join(assignments), "folder": str(course.folder("submitted"))}
        raise CLIError(t("cli.autograde.nothing_student", student=args.student, **where) if args.student
                       else t("cli.autograde.nothing", **where), USAGE)
    released = released_assignments(course)
    unreleased = sorted({t.assignment for t, _ in found} - released)
    if unreleased:
        raise CLIError(t("cli.autograde.unreleased", assignments=", ".join(unreleased), first=unreleased[0]), USAGE)
    with Kernels(course, warm=not args.cold) as kernels:
        graded = grade_submissions(course, found, force=args.force, jobs=args.jobs, time_limit=args.time_limit,
                                   kernels=kernels)
    code = _summary(graded.outcomes, graded.skipped, graded.seconds)
    strangers = sorted({t.student for t in graded.queued} - set(roster)) if roster else []
    if strangers:
        print(t("cli.autograde.strangers", count=len(strangers), ids=", ".join(strangers)))
    if graded.earlier:
        print(t("cli.autograde.earlier", count=len(graded.earlier),
                items=", ".join(f"{r.student}/{r.assignment}" for r in graded.earlier)))
        return PARTIAL
    return code


def _summary(outcomes: list[Outcome], skipped: int, elapsed: float) -> int:
    failed = sorted((o for o in outcomes if o.status != "ok"), key=lambda o: (o.assignment, o.student))
    warned = sorted((o for o in outcomes if o.status == "ok" and o.warnings), key=lambda o: (o.assignment, o.student))
    answers = sorted((o for o in outcomes if o.status == "ok" and o.reason), key=lambda o: (o.assignment, o.student))
    header = columns("assignment", "student", "reason")
    if failed:
        print("\n" + t("cli.autograde.failed_title"))
        print(table([[o.assignment, o.student, o.reason] for o in failed], header))
    if answers:
        print("\n" + t("cli.autograde.answers_title"))
        print(table([[o.assignment, o.student, o.reason[:200]] for o in answers], header))
    if warned:
        print("\n" + t("cli.autograde.warned_title"))
        print(table([[o.assignment, o.student, "; ".join(o.warnings)[:200]] for o in warned],
                    columns("assignment", "student", "warning")))
    graded = len(outcomes) - len(failed)
    rate = t("cli.autograde.rate", seconds=number(elapsed / len(outcomes), 2)) if outcomes else ""
    print("\n" + t("cli.autograde.summary", graded=graded, failed=len(failed), skipped=skipped,
                   seconds=number(elapsed, 1)) + rate)
    return PARTIAL if failed else OK
