"""Killing the grader at any moment loses nothing already graded: the gradebook stays consistent and a
re-run completes (nbgrader commits once per submission)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from nbgrader_helpers import CourseCopy

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
