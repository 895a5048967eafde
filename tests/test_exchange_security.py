"""Collecting from nbgrader's exchange when trainees attack it (issue 22), as root with real OS accounts.

The grading service runs as root and reads what trainees put in the exchange's inbound folder.
Each test here is one attack a trainee made on the old collect, done the same way: the trainee's
account owns a submission folder (nbgrader's layout) and puts a link, a special file, a huge file,
a date in the future or another trainee's name in it. Collect must read only what the trainee owns,
as the trainee, refuse the rest, tell the trainee in Vietnamese in their feedback area, and never stop
collecting the others.

Skipped when not root (the accounts are made with ``useradd`` and removed afterwards).
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from grader.cli import main
from grader.cli.exchange import collect_from_exchange, feedback_name
from grader.course import Course, load_course

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="needs root: makes OS accounts and folders owned by them")

FIXTURE = Path(__file__).parent / "fixtures" / "cli_course"
COURSE_ID = "demo_course"
PREFIX = "ngxs"
ALICE, BOB, MALLORY = f"{PREFIX}-an", f"{PREFIX}-binh", f"{PREFIX}-mal"
GOOD_NB = json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
SECRET_TEXT = "MODEL-ANSWER-OF-THE-INSTRUCTOR"


def _remove_accounts() -> None:
    for name in (ALICE, BOB, MALLORY):
        subprocess.run(["userdel", name], capture_output=True, check=False)


@pytest.fixture(scope="module")
def accounts() -> Iterator[dict[str, int]]:
    if shutil.which("useradd") is None:
        pytest.skip("useradd is missing")
    _remove_accounts()
    for name in (ALICE, BOB, MALLORY):
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", "--user-group", name],
                       check=True, capture_output=True)
    try:
        yield {name: pwd.getpwnam(name).pw_uid for name in (ALICE, BOB, MALLORY)}
    finally:
        _remove_accounts()


class Site:
    """A course folder only root can read, and an exchange trainees can reach, in a fresh folder of /tmp."""

    def __init__(self, top: Path, roster: tuple[str, ...] = (ALICE, BOB, MALLORY), config: str = ""):
        self.top = top
        os.chmod(top, 0o755)
        self.root = top / "course"
        shutil.copytree(FIXTURE, self.root)
        os.chmod(self.root, 0o700)  # the instructor's course: solutions, gradebook
        self.exchange = top / "exchange"
        conf = self.root / "nbgrader_config.py"
        conf.write_text(conf.read_text(encoding="utf-8") + f"\nc.Exchange.root = {str(self.exchange)!r}\n" + config,
                        encoding="utf-8")
        lines = ["id,full_name,province", *(f"{sid},Học viên {n},Huế" for n, sid in enumerate(roster, 1))]
        (top / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert main(["setup", "--course", str(self.root), "--roster", str(top / "roster.csv")]) == 0
        self.inbound = self.exchange / COURSE_ID / "inbound"
        self.feedback = self.exchange / COURSE_ID / "feedback"
        self.inbound.mkdir(parents=True)
        self.feedback.mkdir()
        for folder in (self.exchange, self.exchange / COURSE_ID):
            os.chmod(folder, 0o755)
        os.chmod(self.inbound, 0o3733)
        os.chmod(self.feedback, 0o711)
        self.source = self.root / "source" / "demo" / "demo.ipynb"
        nb = json.loads(self.source.read_text(encoding="utf-8"))
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": SECRET_TEXT})
        self.source.write_text(json.dumps(nb), encoding="utf-8")

    @property
    def course(self) -> Course:
        return load_course(self.root)

    def submission(self, owner: str, name: str | None = None, when: str | None = None,
                   notebook: str | None = GOOD_NB) -> Path:
        """A submission folder as nbgrader's submit makes it, owned by ``owner`` (filed under ``name``)."""
        stamp = when or datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        folder = self.inbound / f"{name or owner}+demo+{stamp}+{secrets.token_hex(4)}"
        folder.mkdir()
        (folder / "timestamp.txt").write_text(stamp, encoding="utf-8")
        (folder / "submission_secret.txt").write_text(secrets.token_hex(32), encoding="utf-8")
        if notebook is not None:
            (folder / "demo.ipynb").write_text(notebook, encoding="utf-8")
        self.give(folder, owner)
        return folder

    @staticmethod
    def give(path: Path, owner: str) -> None:
        uid = pwd.getpwnam(owner).pw_uid
        for item in [path, *path.rglob("*")]:
            os.lchown(item, uid, uid)
        os.chmod(path, 0o2770)

    def collect(self) -> dict[str, tuple[str, str]]:
        """source folder name -> (outcome, note) of one collect from the exchange."""
        return {r.source: (r.outcome, r.note) for r in collect_from_exchange(self.course, "demo")}

    def submitted(self, student: str) -> Path:
        return self.root / "submitted" / student / "demo"

    def notice(self, folder: Path) -> str:
        """The page the trainee's Fetch Feedback finds for this submission ('' when none)."""
        secret = (folder / "submission_secret.txt").read_text(encoding="utf-8").strip()
        path = self.feedback / feedback_name(secret, "demo")
        return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.fixture
def site(accounts: dict[str, int]) -> Iterator[Site]:
    top = Path(tempfile.mkdtemp(prefix="ngoaivu-xs-", dir="/tmp"))
    try:
        yield Site(top)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _everything_in(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file())


def test_a_link_to_the_instructors_source_notebook_is_refused_and_the_trainee_is_told(site: Site) -> None:
    folder = site.submission(MALLORY, notebook=None)
    (folder / "demo.ipynb").symlink_to(site.source)
    site.give(folder, MALLORY)
    outcome, note = site.collect()[folder.name]
    assert outcome == "rejected" and "liên kết" in note
    assert not site.submitted(MALLORY).exists()
    page = site.notice(folder)
    assert "Bài nộp bị từ chối" in page and "liên kết" in page and SECRET_TEXT not in page


def test_a_link_to_another_trainees_notebook_is_refused(site: Site) -> None:
    victim = site.submission(ALICE, notebook=GOOD_NB.replace("[]", '[{"cell_type": "markdown", "metadata": {}, '
                                                                   '"source": "ALICE-PLAN"}]'))
    thief = site.submission(MALLORY, notebook=None)
    (thief / "demo.ipynb").symlink_to(victim / "demo.ipynb")
    site.give(thief, MALLORY)
    results = site.collect()
    assert results[thief.name][0] == "rejected" and results[victim.name][0] == "collected"
    assert not site.submitted(MALLORY).exists()
    assert "ALICE-PLAN" in (site.submitted(ALICE) / "demo.ipynb").read_text(encoding="utf-8")


def test_a_submission_filed_under_another_trainees_name_in_2099_is_refused_and_hides_nothing(site: Site,
                                                                                            capsys) -> None:  # type: ignore[no-untyped-def]
    forged = site.submission(MALLORY, name=ALICE, when="2099-01-01 00:00:00.000000 UTC")
    forged_link = site.inbound / f"{ALICE}+demo+2098-01-01 00:00:00.000000 UTC+x"
    forged_link.symlink_to(site.root / "source" / "demo")
    os.lchown(forged_link, pwd.getpwnam(MALLORY).pw_uid, -1)
    real = site.submission(ALICE)
    assert main(["collect", "--course", str(site.root), "demo"]) == 1  # partial: some refused, no traceback
    out = capsys.readouterr().out
    assert forged.name in out and forged_link.name in out and MALLORY in out
    results = site.collect()
    assert results[forged.name][0] == "rejected" and results[forged_link.name][0] == "rejected"
    assert results[real.name][0] == "unchanged"
    assert (site.submitted(ALICE) / "demo.ipynb").read_text(encoding="utf-8") == GOOD_NB
    # Alice's later submissions still count.
    time.sleep(0.01)
    later = site.submission(ALICE, notebook=GOOD_NB.replace("[]", '[{"cell_type": "markdown", "metadata": {}, '
                                                                  '"source": "v2"}]'))
    assert site.collect()[later.name][0] == "updated"


def test_a_submission_in_the_future_is_refused_and_the_earlier_one_stays(site: Site) -> None:
    earlier = site.submission(BOB)
    assert site.collect()[earlier.name][0] == "collected"
    future = site.submission(BOB, when="2099-06-30 08:00:00.000000 UTC")
    results = site.collect()
    assert results[future.name][0] == "rejected" and "tương lai" in results[future.name][1]
    assert results[earlier.name][0] == "unchanged"
    assert "tương lai" in site.notice(future)
    # A folder name of today with a timestamp.txt in the future is refused too.
    inside = site.submission(BOB)
    (inside / "timestamp.txt").write_text("2099-06-30 08:00:00.000000 UTC", encoding="utf-8")
    site.give(inside, BOB)
    assert site.collect()[inside.name][0] == "rejected"


def test_an_invented_trainee_linked_to_a_folder_never_reaches_the_gradebook(site: Site) -> None:
    fake = site.inbound / "hvfake+demo+2026-01-01 00:00:00.000000 UTC+x"
    fake.symlink_to(Path(__file__).resolve().parent.parent / "course")
    stranger = site.submission(MALLORY, name="hv999")  # a real folder, but filed under a name not its owner's
    results = site.collect()
    assert results[fake.name][0] == "rejected" and results[stranger.name][0] == "rejected"
    assert not (site.root / "submitted" / "hvfake").exists() and not (site.root / "submitted" / "hv999").exists()


def test_a_trainee_not_on_the_roster_is_refused(accounts: dict[str, int]) -> None:
    top = Path(tempfile.mkdtemp(prefix="ngoaivu-xs-", dir="/tmp"))
    try:
        small = Site(top, roster=(ALICE,))
        folder = small.submission(BOB)
        outcome, note = small.collect()[folder.name]
        assert outcome == "rejected" and "danh sách học viên" in note
        assert "danh sách học viên" in small.notice(folder)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_links_to_big_system_folders_and_devices_are_refused_at_once(site: Site) -> None:
    folder = site.submission(MALLORY)
    (folder / "doc").symlink_to("/usr/share/doc")
    (folder / "random.bin").symlink_to("/dev/urandom")
    site.give(folder, MALLORY)
    started = time.monotonic()
    outcome, _ = site.collect()[folder.name]
    assert outcome == "rejected" and time.monotonic() - started < 10
    assert not site.submitted(MALLORY).exists()
    assert not any(p.name.startswith(".demo.") for p in (site.root / "submitted").rglob("*"))


def test_a_fifo_in_a_submission_does_not_hang_collect(site: Site) -> None:
    folder = site.submission(MALLORY)
    os.mkfifo(folder / "pipe.ipynb")
    site.give(folder, MALLORY)
    started = time.monotonic()
    assert site.collect()[folder.name][0] == "rejected"
    assert time.monotonic() - started < 10


def test_a_hard_link_to_a_file_of_another_account_is_refused(site: Site) -> None:
    folder = site.submission(MALLORY, notebook=None)
    os.link(site.source, folder / "demo.ipynb")  # what a kernel without protected_hardlinks would allow
    assert site.collect()[folder.name][0] == "rejected"
    assert not site.submitted(MALLORY).exists()


def test_the_copy_is_made_with_the_trainees_rights_not_roots(site: Site) -> None:
    folder = site.submission(ALICE)
    (folder / "notes.txt").write_text("private", encoding="utf-8")
    site.give(folder, ALICE)
    os.chmod(folder / "notes.txt", 0)  # root could read it; the trainee's own account cannot
    outcome, note = site.collect()[folder.name]
    assert outcome == "rejected" and "notes.txt" in note


def test_sizes_are_capped_per_file_and_per_submission(accounts: dict[str, int]) -> None:
    top = Path(tempfile.mkdtemp(prefix="ngoaivu-xs-", dir="/tmp"))
    try:
        capped = Site(top, config="c.NgoaivuCollect.max_file_mb = 1\nc.NgoaivuCollect.max_submission_mb = 2\n")
        big = capped.submission(ALICE)
        (big / "big.bin").write_bytes(b"x" * (1024 * 1024 + 1))
        capped.give(big, ALICE)
        many = capped.submission(BOB)
        for n in range(3):
            (many / f"part{n}.bin").write_bytes(b"y" * (900 * 1024))
        capped.give(many, BOB)
        fine = capped.submission(MALLORY)
        results = capped.collect()
        assert results[big.name][0] == "rejected" and "1 MB" in results[big.name][1]
        assert results[many.name][0] == "rejected" and "2 MB" in results[many.name][1]
        assert results[fine.name][0] == "collected"
        assert "MB" in capped.notice(big)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_an_unreadable_notebook_is_collected_and_the_trainee_is_told_in_vietnamese(site: Site) -> None:
    folder = site.submission(BOB, notebook='{"cells": [ broken')
    outcome, note = site.collect()[folder.name]
    assert outcome == "collected" and "không phải là sổ tay Jupyter hợp lệ" in note
    assert "không phải là sổ tay Jupyter hợp lệ" in site.notice(folder)
    assert (site.submitted(BOB) / "demo.ipynb").is_file()


def test_the_notice_reaches_the_trainees_fetch_feedback(site: Site) -> None:
    """nbgrader's own Fetch Feedback (the Assignments tab), from the trainee's cache, finds the notice."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default import ExchangeFetchFeedback
    from traitlets.config import Config

    folder = site.submission(BOB, when="2099-06-30 08:00:00.000000 UTC")
    site.collect()
    home = site.top / "home-bob"
    cache = home / ".cache" / COURSE_ID / folder.name.rsplit("+", 1)[0]  # nbgrader's cache: no random part
    cache.mkdir(parents=True)
    for name in ("demo.ipynb", "submission_secret.txt", "timestamp.txt"):
        shutil.copy(folder / name, cache / name)
    config = Config()
    config.CourseDirectory.course_id = COURSE_ID
    config.CourseDirectory.student_id = BOB
    config.Exchange.root = str(site.exchange)
    config.Exchange.assignment_dir = str(home)
    config.Exchange.cache = str(home / ".cache")
    coursedir = CourseDirectory(config=config)
    coursedir.assignment_id = "demo"
    ExchangeFetchFeedback(coursedir=coursedir, authenticator=Authenticator(config=config), config=config).start()
    [page] = (home / "demo" / "feedback").glob("*/demo.html")
    assert "tương lai" in page.read_text(encoding="utf-8")


def test_a_lock_made_by_the_root_service_is_usable_by_the_instructors_group(accounts: dict[str, int]) -> None:
    """The watch service (root, whatever its umask) creates the course's lock files; the instructor opens them."""
    top = Path(tempfile.mkdtemp(prefix="ngoaivu-xs-", dir="/tmp"))
    try:
        os.chmod(top, 0o755)
        state = top / "course" / ".ngoaivu"
        state.mkdir(parents=True)
        gid = pwd.getpwnam(ALICE).pw_gid  # ALICE plays the instructor; her group is the staff group
        for folder in (top / "course", state):
            os.chown(folder, pwd.getpwnam(ALICE).pw_uid, gid)
            os.chmod(folder, 0o2770)
        script = ("import os, types\nfrom pathlib import Path\nos.umask(0o022)\n"
                  "from grader import course\n"
                  f"state = Path({str(state)!r})\n"
                  "with course.grading_lock(types.SimpleNamespace(state_dir=state)): pass\n"
                  "course._lock_state.update(path=str(state / 'gradebook.lock'), pid=os.getpid())\n"
                  "course._acquire(); course._release()\n")
        subprocess.run([sys.executable, "-c", script], check=True, cwd=str(Path(__file__).parent.parent))
        for name in ("grading.lock", "gradebook.lock"):
            lock = state / name
            assert lock.stat().st_uid == 0 and lock.stat().st_gid == gid
            opened = subprocess.run(["runuser", "-u", ALICE, "--", "sh", "-c", f"exec 3<>'{lock}'"],
                                    capture_output=True, text=True, check=False)
            assert opened.returncode == 0, opened.stderr
    finally:
        shutil.rmtree(top, ignore_errors=True)
