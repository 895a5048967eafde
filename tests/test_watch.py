"""``ngoaivu watch``: a trainee submits through nbgrader's exchange, the service collects, grades and releases
feedback, the trainee fetches it; the service survives SIGTERM and SIGKILL at any moment.

Trainees act through nbgrader's own exchange classes (those behind the Assignments tab), on the tiny
course of tests/fixtures/cli_course with an exchange in a temporary folder.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader_helpers import CourseCopy, set_answer
from traitlets.config import Config

from grader import messages
from grader.cli import main
from grader.cli import records as rec

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "cli_course"
BIN = Path(sys.executable).parent


def _unused_ids(count: int) -> tuple[str, ...]:
    """Trainee ids that are no account of this machine (collect checks a submission's owner against an account
    of the trainee's name, and a machine may have hub accounts named hv001, ...)."""
    found: list[str] = []
    number = 1
    while len(found) < count:
        candidate = f"tw{number:03d}"
        try:
            pwd.getpwnam(candidate)
        except KeyError:
            found.append(candidate)
        number += 1
    return tuple(found)


AN, BINH, CUONG = _unused_ids(3)
ROSTER = f"id,full_name,province\n{AN},Nguyễn Văn An,Thừa Thiên Huế\n{BINH},Trần Thị Bình,Hà Tĩnh\n" \
         f"{CUONG},Lê Văn Cường,Hà Tĩnh\n"
FULL = 'tra_loi = {"so": 42, "ten": "Huế", "ke_hoach": []}'
HALF = 'tra_loi = {"so": 41, "ten": "Huế", "ke_hoach": []}'
COURSE_ID = "demo_course"


def ngoaivu(*args: str | Path) -> int:
    return main([str(a) for a in args])


def new_course(tmp: Path) -> CourseCopy:
    """The fixture course with an exchange in ``tmp/exchange``, set up and released (to the exchange too)."""
    cc = CourseCopy.of(tmp, source=FIXTURE)
    config = cc.root / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8") + f"\nc.Exchange.root = {str(tmp / 'exchange')!r}\n",
                      encoding="utf-8")
    (tmp / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root) == 0
    assert (tmp / "exchange" / COURSE_ID / "outbound" / "demo" / "demo.ipynb").is_file()
    return cc


class Trainee:
    """A trainee's side of nbgrader's exchange: fetch, submit, fetch feedback (what the Assignments tab runs)."""

    def __init__(self, tmp: Path, student: str):
        self.home = tmp / "home" / student
        self.home.mkdir(parents=True, exist_ok=True)
        self.config = Config()
        self.config.CourseDirectory.course_id = COURSE_ID
        self.config.CourseDirectory.student_id = student
        self.config.Exchange.root = str(tmp / "exchange")
        self.config.Exchange.assignment_dir = str(self.home)
        self.config.Exchange.cache = str(self.home / ".nbgrader_cache")

    def _run(self, kind: str, assignment: str) -> None:
        from nbgrader.auth import Authenticator
        from nbgrader.coursedir import CourseDirectory
        from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeFetchFeedback, ExchangeSubmit

        app = {"fetch": ExchangeFetchAssignment, "submit": ExchangeSubmit, "feedback": ExchangeFetchFeedback}[kind]
        coursedir = CourseDirectory(config=self.config)
        coursedir.assignment_id = assignment
        app(coursedir=coursedir, authenticator=Authenticator(config=self.config), config=self.config).start()

    def notebook(self, assignment: str) -> Path:
        return self.home / assignment / f"{assignment}.ipynb"

    def fetch(self, assignment: str) -> None:
        self._run("fetch", assignment)

    def answer(self, assignment: str, source: str) -> None:
        nb = nbformat.read(str(self.notebook(assignment)), as_version=4)
        nbformat.write(set_answer(nb, "tra_loi", source), str(self.notebook(assignment)))

    def submit(self, assignment: str) -> None:
        self._run("submit", assignment)

    def feedback(self, assignment: str) -> list[Path]:
        """Fetch feedback; the HTML files the trainee now has."""
        from nbgrader.exchange import ExchangeError

        with contextlib.suppress(ExchangeError):  # no feedback released to the course yet
            self._run("feedback", assignment)
        return sorted((self.home / assignment / "feedback").glob("*/*.html"))


def grades(cc: CourseCopy) -> dict[str, float | None]:
    return {s: g["kiem_tra_so"][0] for s, g in cc.grades("demo").items()}


def _said(key: str, **params: object) -> str:
    """The message's text up to its first parameter not given (the rest of the line varies)."""
    template = messages.catalogue()[key][messages.get_locale()]
    filler = {name: "\0" for name in messages.placeholders(template) if name not in params}
    return messages.t(key, **params, **filler).split("\0")[0]


def watch_once(course: Path, *extra: str) -> int:
    return ngoaivu("watch", "--course", course, "--once", "--jobs", "2", *extra)


def test_submit_watch_once_feedback_reaches_the_trainee(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    cc = new_course(tmp_path)
    an, binh = Trainee(tmp_path, AN), Trainee(tmp_path, BINH)
    for trainee, source in ((an, FULL), (binh, HALF)):
        trainee.fetch("demo")
        trainee.answer("demo", source)
        trainee.submit("demo")
    started = time.monotonic()
    assert watch_once(cc.root) == 0
    seconds = time.monotonic() - started
    err = capsys.readouterr().err
    assert _said("cli.watch.collected", student=AN, assignment="demo") in err
    assert _said("cli.watch.graded", student=BINH, assignment="demo") in err
    assert messages.t("cli.watch.feedback_released", student=AN, assignment="demo") in err
    assert grades(cc) == {AN: 2.0, BINH: 0.0}
    [html] = an.feedback("demo")
    assert "demo" in html.read_text(encoding="utf-8")
    assert binh.feedback("demo")
    print(f"two submissions collected, graded and their feedback released in {seconds:.1f} s")

    # Nothing new: nothing is redone.
    assert watch_once(cc.root) == 0
    err = capsys.readouterr().err
    assert _said("cli.watch.cycle", collected=0, graded=0, ungradable=0, feedback=0, feedback_failed=0) in err

    # A corrected submission replaces the earlier one: regraded, new feedback.
    binh.answer("demo", FULL)
    time.sleep(0.01)
    binh.submit("demo")
    assert watch_once(cc.root) == 0
    err = capsys.readouterr().err
    assert _said("cli.watch.collected", student=BINH, assignment="demo") in err
    assert f", {messages.t('cli.outcome.updated')})" in err
    assert messages.t("cli.watch.feedback_released", student=BINH, assignment="demo") in err
    assert grades(cc) == {AN: 2.0, BINH: 2.0}
    assert len(binh.feedback("demo")) == 2  # one per submission, each under its timestamp

    # After manual grading the instructor remakes the feedback: released to the exchange again.
    assert ngoaivu("feedback", "--course", cc.root) == 0
    out = capsys.readouterr().out
    assert _said("cli.feedback.summary", made=2, failed=0) in out
    assert messages.t("cli.feedback.summary_shared", released=2) in out


def test_a_submission_in_another_trainees_name_is_refused(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to make a folder owned by another account")
    cc = new_course(tmp_path)
    mallory = Trainee(tmp_path, CUONG)
    mallory.fetch("demo")
    mallory.submit("demo")
    [entry] = (tmp_path / "exchange" / COURSE_ID / "inbound").iterdir()
    for path in [entry, *entry.rglob("*")]:
        os.chown(path, 65534, 65534)  # submitted by the account `nobody`, in CUONG's name
    assert ngoaivu("collect", "--course", cc.root, "demo") == 2
    out = capsys.readouterr().out
    assert CUONG in out and "từ chối" in out  # the refusal, from the message catalogue
    assert not (cc.root / "submitted" / CUONG).exists()


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        p, pp = map(int, line.split())
        children.setdefault(pp, []).append(p)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _service(course: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(BIN / "ngoaivu"), "watch", "--course", str(course), "--interval", "1",
                             "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def test_service_gives_feedback_minutes_after_submitting_and_survives_sigterm_and_sigkill(tmp_path: Path) -> None:
    cc = new_course(tmp_path)
    trainees = [Trainee(tmp_path, s) for s in (AN, BINH, CUONG)]
    for t in trainees:
        t.fetch("demo")
        t.answer("demo", FULL)

    service = _service(cc.root)
    try:
        time.sleep(1.0)
        submitted = time.monotonic()
        trainees[0].submit("demo")
        deadline = submitted + 120
        while not trainees[0].feedback("demo") and time.monotonic() < deadline:
            time.sleep(0.5)
        delay = time.monotonic() - submitted
        assert trainees[0].feedback("demo"), "no feedback within 120 s"
        print(f"submit -> feedback fetched by the trainee: {delay:.1f} s")
        (tmp_path.parent / "watch_delay.txt").write_text(f"{delay:.1f}\n", encoding="utf-8")

        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=30) == 0
    finally:
        if service.poll() is None:
            os.killpg(service.pid, signal.SIGKILL)
            service.wait()

    # SIGKILL at a random moment of the work, then a restart: everything ends graded with feedback.
    rng = random.Random(int(os.environ.get("NGOAIVU_KILL_SEED", random.randrange(1 << 30))))
    for t in trainees[1:]:
        t.submit("demo")
    service = _service(cc.root)
    time.sleep(rng.uniform(0.5, 4.0))
    kids = _descendants(service.pid)
    service.send_signal(signal.SIGKILL)
    service.wait()
    deadline = time.monotonic() + 15  # the workers die with the service (PR_SET_PDEATHSIG), their kernels after
    while time.monotonic() < deadline and any(_alive(pid) for pid in kids):
        time.sleep(0.2)
    assert not [pid for pid in kids if _alive(pid)]
    assert watch_once(cc.root) == 0
    assert grades(cc) == {AN: 2.0, BINH: 2.0, CUONG: 2.0}
    for t in trainees:
        assert t.feedback("demo"), t.home.name
        record = rec.load(cc.course, "demo", t.home.name)
        assert record is not None and record.feedback == record.fingerprint


def test_a_cycle_that_cannot_reach_the_gradebook_is_logged_and_retried(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    cc = new_course(tmp_path)
    trainee = Trainee(tmp_path, AN)
    trainee.fetch("demo")
    trainee.submit("demo")
    capsys.readouterr()
    down = "postgresql+psycopg://grader:hunter2@127.0.0.1:9/ngoaivu"  # nothing listens on port 9
    assert watch_once(cc.root, "--db", down) == 3
    err = capsys.readouterr().err
    assert _said("cli.watch.cycle_failed") in err and "hunter2" not in err
    assert "postgresql+psycopg://grader:***@127.0.0.1:9/ngoaivu" in err
    assert watch_once(cc.root) == 0  # the course's own gradebook: the submission collected above is graded
    assert grades(cc) == {AN: 0.0}
