"""Benchmark: the end of a class. 15 trainees submit 30 times within one minute; how soon is each feedback out?

    .venv/bin/python benchmarks/burst_benchmark.py                 # 15 trainees, 30 submissions, 60 s, bt3
    .venv/bin/python benchmarks/burst_benchmark.py --cold          # the same with cold kernels
    .venv/bin/python benchmarks/burst_benchmark.py --trainees 3 --submissions 6 --window 10

Steps: copy the course (``exercises/`` by default) to a temporary folder with an exchange of its own, set
it up with a roster and release it to the exchange; start ``ngoaivu watch`` on it (warm kernels, inotify
on the exchange's inbound) and wait until it is ready (its log says the warm pool is ready, and it holds its
inotify watch; ``--ready-timeout``); then trainees fetch the exercise and submit through nbgrader's own exchange
classes (what the Assignments tab runs) at random moments of the window (seeded): each trainee once, the
rest of the submissions by trainees chosen at random (a second try replaces the first), answers cycling
through the solution, half of it and the blank release. A thread looks at the exchange's feedback folder
every 0.1 s and notes when the feedback of each submission appears (nbgrader names it after the
submission's secret). A submission replaced before it was graded counts as served by the first feedback of
a later submission of the same trainee.

Prints the latency from each submission's arrival to its feedback (min, median, 90th percentile, max, all
values) and the watch's own log lines. Targets: median at most 10 s, max at most 60 s. Exit code 0 when
every submission got feedback, 1 otherwise.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from autograde_benchmark import make_submission  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KINDS = ("full", "partial", "blank")


def unused_ids(count: int) -> list[str]:
    """Trainee ids that are no account here (collect checks a submission's owner against the trainee's account)."""
    found, number = [], 1
    while len(found) < count:
        candidate = f"tb{number:03d}"
        try:
            pwd.getpwnam(candidate)
        except KeyError:
            found.append(candidate)
        number += 1
    return found


class Trainee:
    """A trainee's side of nbgrader's exchange (fetch and submit), as the Assignments tab runs it."""

    def __init__(self, home: Path, student: str, exchange: Path, course_id: str):
        from traitlets.config import Config

        self.home, self.student = home, student
        home.mkdir(parents=True, exist_ok=True)
        self.config = Config()
        self.config.CourseDirectory.course_id = course_id
        self.config.CourseDirectory.student_id = student
        self.config.Exchange.root = str(exchange)
        self.config.Exchange.assignment_dir = str(home)
        self.config.Exchange.cache = str(home / ".nbgrader_cache")

    def run(self, kind: str, assignment: str) -> None:
        from nbgrader.auth import Authenticator
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeSubmit

        app = {"fetch": ExchangeFetchAssignment, "submit": ExchangeSubmit}[kind]
        coursedir = CourseDirectory(config=self.config)
        coursedir.assignment_id = assignment
        app(coursedir=coursedir, authenticator=Authenticator(config=self.config), config=self.config).start()


class FeedbackSeen:
    """Notes when each file first appears in the exchange's feedback folder (checked every 0.1 s)."""

    def __init__(self, folder: Path):
        self.folder, self.seen = folder, {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            now = time.monotonic()
            if self.folder.is_dir():
                for path in self.folder.iterdir():
                    self.seen.setdefault(path.name, now)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _inotify_open(pid: int) -> bool:
    """Whether process ``pid`` holds an inotify descriptor (the watch's Arrivals, set up once its kernels are)."""
    with contextlib.suppress(OSError):
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                if os.readlink(fd) == "anon_inode:inotify":
                    return True
    return False


def wait_until_watching(watch: subprocess.Popen[bytes], log: Path, *, warm: bool, timeout: float) -> bool:
    """Wait until the watch sleeps on its inbound: with warm kernels, its log says the pool is ready
    (cli.watch.warm_ready) or that it fell back to cold ones (warm.fallback); then its inotify watch is set up
    (or its log says there is none). Print how long that took; False (and the log) if it exited or timed out."""
    from grader.messages import t

    def prefix(key: str, param: str) -> str:
        return t(key, **{param: "\0"}).split("\0")[0]

    ready, fallback, no_inotify = (prefix("cli.watch.warm_ready", "pid"), prefix("warm.fallback", "reason"),
                                   prefix("cli.watch.no_inotify", "interval"))
    started = time.monotonic()
    said = ""
    while time.monotonic() - started < timeout and watch.poll() is None:
        text = log.read_text(encoding="utf-8") if log.is_file() else ""
        said = said or next((ln for ln in text.splitlines() if ready in ln or fallback in ln), "")
        if (said or not warm) and (_inotify_open(watch.pid) or no_inotify in text):
            message = said[said.find(ready if ready in said else fallback):] if said else "(cold kernels)"
            print(f"watch ready {time.monotonic() - started:.1f} s after it started: {message}")
            if fallback in said:
                print("warning: the watch could not start its warm kernels; this run measures cold ones")
            return True
        time.sleep(0.1)
    why = f"exited with code {watch.returncode}" if watch.poll() is not None else f"not ready after {timeout:g} s"
    print(f"the watch {why}; its log:\n" + (log.read_text(encoding="utf-8") if log.is_file() else "(none)"))
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course", type=Path, default=REPO / "exercises")
    parser.add_argument("--assignment", default="bt3_thua_thien_hue")
    parser.add_argument("--trainees", type=int, default=15)
    parser.add_argument("--submissions", type=int, default=30)
    parser.add_argument("--window", type=float, default=60.0, help="seconds over which they submit")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cold", action="store_true", help="the watch starts every kernel cold")
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--wait", type=float, default=240.0, help="longest wait for the last feedback")
    parser.add_argument("--ready-timeout", type=float, default=300.0,
                        help="longest wait for the watch to be ready (warm pool started, inotify set up)")
    args = parser.parse_args(argv)

    from grader.cli.exchange import feedback_name
    from grader.messages import t

    tmp = Path(tempfile.mkdtemp(prefix="ngoaivu-burst-"))
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", MPLBACKEND="Agg")
    exchange = tmp / "exchange"
    rng = random.Random(args.seed)
    watch = None
    seen = None
    try:
        course = tmp / "course"
        course.mkdir()
        shutil.copytree(args.course / "source", course / "source")
        if (args.course / "criteria").is_dir():
            shutil.copytree(args.course / "criteria", course / "criteria")
        config = (args.course / "nbgrader_config.py").read_text(encoding="utf-8")
        (course / "nbgrader_config.py").write_text(config + f"\nc.Exchange.root = {str(exchange)!r}\n",
                                                   encoding="utf-8")
        ids = unused_ids(args.trainees)
        (tmp / "roster.csv").write_text("id,full_name,province\n" + "".join(f"{i},Học viên {i},Huế\n" for i in ids),
                                        encoding="utf-8")
        ngoaivu = str(BIN / "ngoaivu")
        for step in (["setup", "--course", str(course), "--roster", str(tmp / "roster.csv")],
                     ["release", "--course", str(course), args.assignment]):
            subprocess.run([ngoaivu, *step], env=env, check=True, capture_output=True)
        from grader.course import load_course

        course_id = load_course(course).course_id
        source = json.loads((course / "source" / args.assignment / f"{args.assignment}.ipynb").read_text("utf-8"))
        trainees = [Trainee(tmp / "home" / i, i, exchange, course_id) for i in ids]
        for trainee in trainees:
            trainee.run("fetch", args.assignment)

        log = tmp / "watch.log"
        watch = subprocess.Popen([ngoaivu, "watch", "--course", str(course), "--interval", "30", "--jobs",
                                  str(args.jobs), "--log-file", str(log), *(["--cold"] if args.cold else []),
                                  args.assignment], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        if not wait_until_watching(watch, log, warm=not args.cold, timeout=args.ready_timeout):
            return 1
        seen = FeedbackSeen(exchange / course_id / "feedback")
        who = list(trainees) + [rng.choice(trainees) for _ in range(args.submissions - len(trainees))]
        rng.shuffle(who)
        moments = sorted(rng.uniform(0, args.window) for _ in who)
        start = time.monotonic()
        sent: list[tuple[str, float, str]] = []  # (student, arrival, feedback file name)
        for n, (trainee, moment) in enumerate(zip(who, moments, strict=True)):
            time.sleep(max(0.0, start + moment - time.monotonic()))
            nb_path = trainee.home / args.assignment / f"{args.assignment}.ipynb"
            release = json.loads(nb_path.read_text(encoding="utf-8"))
            nb_path.write_text(json.dumps(make_submission(release, source, KINDS[n % len(KINDS)])), encoding="utf-8")
            trainee.run("submit", args.assignment)
            arrived = time.monotonic()
            inbound = sorted((exchange / course_id / "inbound").glob(f"{trainee.student}+{args.assignment}+*"),
                             key=lambda p: p.stat().st_mtime)[-1]
            secret = (inbound / "submission_secret.txt").read_text(encoding="utf-8").strip()
            sent.append((trainee.student, arrived, feedback_name(secret, args.assignment)))
        last = time.monotonic()
        print(f"{len(sent)} submissions of {args.assignment} by {len(trainees)} trainees in {last - start:.1f} s "
              f"({'cold' if args.cold else 'warm'} kernels, {args.jobs} workers)")

        def served(i: int) -> float | None:
            student = sent[i][0]
            times = [seen.seen[name] for s, _, name in sent[i:] if s == student and name in seen.seen]
            return min(times) - sent[i][1] if times else None

        deadline = last + args.wait
        while time.monotonic() < deadline and any(served(i) is None for i in range(len(sent))):
            time.sleep(0.5)
        latencies = [served(i) for i in range(len(sent))]
        own = sum(1 for _, _, name in sent if name in seen.seen)
        got = sorted(x for x in latencies if x is not None)
        missing = len(latencies) - len(got)
        if got:
            p90 = got[min(len(got) - 1, round(0.9 * (len(got) - 1)))]
            print(f"arrival -> feedback released: min {got[0]:.1f} s, median {statistics.median(got):.1f} s, "
                  f"90th percentile {p90:.1f} s, max {got[-1]:.1f} s (targets: median <= 10 s, max <= 60 s)")
            print("all, in order of arrival: " + " ".join("-" if x is None else f"{x:.1f}" for x in latencies))
        print(f"{own} submissions got their own feedback, {len(sent) - own - missing} were replaced by a later "
              f"submission of the same trainee before grading and served by its feedback, {missing} got none")
        marker = t("cli.watch.cycle", collected="\0").split("\0")[0]  # the watch's log is in the same locale
        cycles = [ln for ln in log.read_text(encoding="utf-8").splitlines() if marker in ln]
        print(f"watch cycles: {len(cycles)}; last: {cycles[-1].split(marker)[-1] if cycles else '-'}")
        return 0 if missing == 0 else 1
    finally:
        if seen is not None:
            seen.stop()
        if watch is not None and watch.poll() is None:
            os.killpg(watch.pid, signal.SIGTERM)
            try:
                watch.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(watch.pid, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
