"""Killing the grader at any moment loses nothing already graded: the gradebook stays consistent and a
re-run completes (nbgrader commits once per submission); and `ngoaivu autograde`'s records never claim a
grading that the files on disk do not show."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader_helpers import CourseCopy, set_answer, solution_source

from grader.cli import records as rec
from grader.grading.status import read_status

pytestmark = pytest.mark.slow

AID = "bt1_phan_loai"
STUDENTS = [f"hv{i:02d}" for i in range(6)]


def _nbgrader() -> list[str]:
    return [sys.executable, "-m", "nbgrader", "autograde", AID, "--force"]


def test_killing_the_grader_mid_run_keeps_the_gradebook_and_a_rerun_completes(tmp_path: Path) -> None:
    course = CourseCopy.of(tmp_path)
    config = course.root / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8") + "\nc.Execute.timeout = 5\n", encoding="utf-8")
    course = CourseCopy.of(tmp_path / "reloaded", source=course.root)
    course.release(AID)
    release = course.release_notebook(AID)
    for student in STUDENTS:
        course.submit(student, AID, release)
    first = course.course.folder("autograded") / STUDENTS[0] / AID / f"{AID}.ipynb"
    proc = subprocess.Popen(_nbgrader(), cwd=course.root, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)  # somewhere inside the next submission
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    db = course.root / "gradebook.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rerun = subprocess.run(_nbgrader(), cwd=course.root, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    scores = course.auto_scores(AID)
    assert sorted(scores) == STUDENTS
    assert all(sum(s.values()) == 0 for s in scores.values())


# --- ngoaivu autograde --force, killed at random moments -----------------------------------------------

KILL_STUDENTS = [f"hv{i:02d}" for i in range(4)]


def _ngoaivu(course: Path, *args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "ngoaivu"), "autograde", "--course", str(course), *args]


def _claims_match_the_disk(course: CourseCopy) -> list[str]:
    """Records that claim a grading the files on disk do not show (the invariant; empty when it holds)."""
    wrong = []
    for (assignment, student), record in rec.all_records(course.course).items():
        if record.status != "ok":
            continue
        folder = rec.autograded_dir(course.course, assignment, student)
        notebooks = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
        if not notebooks or any(read_status(p) is None for p in notebooks) or not rec.files_match(course.course,
                                                                                                 record):
            wrong.append(f"{student}/{assignment}")
    return wrong


def test_random_kills_of_a_forced_regrade_never_leave_a_record_claiming_an_ungraded_notebook(tmp_path: Path) -> None:
    """`ngoaivu autograde --force` SIGKILLed at random moments, then a plain run: every submission ends graded.

    After every kill, no record says "graded" unless its autograded notebook is on disk, unchanged, and
    carries the grading path's status. A notebook left as nbgrader's first (sanitising, unexecuted) pass
    writes it, under a record that says graded, is regraded by the plain run.
    """
    started = time.monotonic()
    seed = int(os.environ.get("NGOAIVU_KILL_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    course = CourseCopy.of(tmp_path, assignments=[AID])
    course.release(AID)
    release = course.release_notebook(AID)
    answer_id = next(c.metadata["nbgrader"]["grade_id"] for c in course.release_notebook(AID).cells
                     if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code")
    source = nbformat.read(str(course.source_notebook(AID)), as_version=4)
    full = set_answer(release, answer_id, solution_source(source, answer_id))
    for i, student in enumerate(KILL_STUDENTS):
        course.submit(student, AID, full if i % 2 == 0 else release)
    first = subprocess.run(_ngoaivu(course.root, "--jobs", "2"), capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-2000:]
    expected = course.auto_scores(AID)
    assert sum(expected["hv00"].values()) > sum(expected["hv01"].values())  # the scores tell submissions apart

    graded_at = time.monotonic()
    kills = 0
    while kills < 4 and time.monotonic() - graded_at < 20:  # bounded: at most 4 kills, none begun after 20 s
        proc = subprocess.Popen(_ngoaivu(course.root, "--force", "--jobs", "2"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 3.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        time.sleep(0.5)  # the orphaned workers die with their parent (PR_SET_PDEATHSIG)
        assert _claims_match_the_disk(course) == [], f"seed {seed}, kill {kills}"

    # The state the issue found, made on purpose: a record says graded, the notebook is the unexecuted copy.
    victim = KILL_STUDENTS[0]
    if rec.load(course.course, AID, victim) is None:
        assert subprocess.run(_ngoaivu(course.root, "--student", victim), capture_output=True,
                              check=False).returncode == 0
    notebook = rec.autograded_dir(course.course, AID, victim) / f"{AID}.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["metadata"].pop("ngoaivu", None)
    for cell in data["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    notebook.write_text(json.dumps(data), encoding="utf-8")
    assert rec.load(course.course, AID, victim).status == "ok"

    final = subprocess.run(_ngoaivu(course.root), capture_output=True, text=True, check=False)
    assert final.returncode == 0, f"seed {seed}: " + final.stdout[-2000:] + final.stderr[-2000:]
    assert _claims_match_the_disk(course) == [], f"seed {seed}"
    for student in KILL_STUDENTS:
        record = rec.load(course.course, AID, student)
        assert record is not None and record.status == "ok", (seed, student)
        status = read_status(rec.autograded_dir(course.course, AID, student) / f"{AID}.ipynb")
        assert status is not None and status.ok, (seed, student)
    assert course.auto_scores(AID) == expected, f"seed {seed}"
    print(f"seed {seed}: set-up and first run {graded_at - started:.1f} s, {kills} kills, "
          f"{time.monotonic() - started:.1f} s in all")


# --- the warm kernel process killed mid-batch ---------------------------------------------------------------

WARM_STUDENTS = [f"hv{i:02d}" for i in range(6)]


def _warm_process_of(parent: int) -> int | None:
    """The warm kernel process (grader.grading.warm) started by ``parent``, if it is running."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == parent and b"grader.grading.warm" in (entry / "cmdline").read_bytes():
                return int(entry.name)
        except (OSError, IndexError, ValueError):
            continue
    return None


def test_killing_the_warm_kernel_process_mid_batch_loses_no_grade_and_says_so_once(tmp_path: Path) -> None:
    """SIGKILL of the warm process while submissions are graded: the batch ends with cold kernels, every
    submission graded exactly as a cold run grades it, and the fallback is said once."""
    from grader.messages import t

    course = CourseCopy.of(tmp_path, assignments=[AID])
    course.release(AID)
    release = course.release_notebook(AID)
    answer_id = next(c.metadata["nbgrader"]["grade_id"] for c in release.cells
                     if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code")
    full = set_answer(release, answer_id, solution_source(nbformat.read(str(course.source_notebook(AID)),
                                                                        as_version=4), answer_id))
    for i, student in enumerate(WARM_STUDENTS):
        course.submit(student, AID, full if i % 2 == 0 else release)
    proc = subprocess.Popen(_ngoaivu(course.root, "--jobs", "2"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    first = rec.autograded_dir(course.course, AID, WARM_STUDENTS[0]) / f"{AID}.ipynb"
    deadline = time.monotonic() + 120
    warm = None
    while time.monotonic() < deadline and proc.poll() is None and not (warm and first.exists()):
        warm = warm or _warm_process_of(proc.pid)
        time.sleep(0.05)
    assert warm is not None, "the warm kernel process never started"
    os.kill(warm, signal.SIGKILL)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out[-3000:]
    notice = t("warm.fallback", reason="\x00").split("\x00")[0]
    assert out.count(notice) == 1, out[-3000:]
    for student in WARM_STUDENTS:
        record = rec.load(course.course, AID, student)
        assert record is not None and record.status == "ok", (student, out[-2000:])
    warm_scores = course.auto_scores(AID)
    again = subprocess.run(_ngoaivu(course.root, "--force", "--cold", "--jobs", "2"), capture_output=True, text=True,
                           check=False)
    assert again.returncode == 0, again.stdout[-2000:]
    assert course.auto_scores(AID) == warm_scores
    assert sum(warm_scores[WARM_STUDENTS[0]].values()) > sum(warm_scores[WARM_STUDENTS[1]].values())
