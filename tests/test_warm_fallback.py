"""Where warm kernels cannot be had at all (no fork, an old Python), grading goes on cold and says so once.

Issue 23: "Falls back, loudly." The seam is :func:`grader.grading.warm.unavailable`, which
:meth:`grader.grading.warm.WarmPool.begin` consults each time ``ngoaivu autograde`` or ``ngoaivu watch``
asks :class:`grader.cli.autograde.Kernels` for a pool. Here it sees, in this process, a Python whose
``socket`` cannot pass file descriptors (``send_fds``, what the provisioner hands a warm kernel its output
with), so the CLI's own path (in-process ``main``, its forked workers) runs on a machine without warm kernels
and says the real reason.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from nbgrader_helpers import CourseCopy, set_answer

from grader.cli import main
from grader.cli import records as rec
from grader.cli.autograde import Kernels
from grader.grading import warm
from grader.messages import t

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "cli_course"
STUDENTS = ("hv001", "hv002", "hv003", "hv004")
ROSTER = "id,full_name,province\n" + "".join(f"{s},Học viên {s},Hà Tĩnh\n" for s in STUDENTS)
FULL = 'tra_loi = {"so": 42, "ten": "Huế", "ke_hoach": []}'
HALF = 'tra_loi = {"so": 41, "ten": "Huế", "ke_hoach": []}'


def ngoaivu(*args: str | Path) -> int:
    return main([str(a) for a in args])


def _notice() -> str:
    """The fallback notice (warm.fallback) up to its reason, in the tests' locale."""
    return t("warm.fallback", reason="\x00").split("\x00")[0]


def test_no_fork_at_start_grades_cold_says_so_once_and_scores_as_warm(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert warm.unavailable() is None, "this machine cannot fork warm kernels: the comparison needs it"
    cc = CourseCopy.of(tmp_path, source=FIXTURE)
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp_path / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root) == 0
    for i, student in enumerate(STUDENTS):
        cc.submit(student, "demo", set_answer(cc.release_notebook("demo"), "tra_loi", FULL if i % 2 == 0 else HALF))
    capsys.readouterr()

    assert ngoaivu("autograde", "--course", cc.root, "--jobs", "2") == 0
    out = capsys.readouterr().out
    assert _notice() not in out, out[-2000:]
    warm_scores = cc.auto_scores("demo")
    assert sorted(warm_scores) == list(STUDENTS)
    assert sum(warm_scores["hv001"].values()) > sum(warm_scores["hv002"].values())  # scores tell them apart

    began: list[object] = []
    real_begin = warm.WarmPool.begin.__func__

    def counting_begin(cls: type[warm.WarmPool], *args: object, **kwargs: object) -> warm.WarmPool:
        began.append(args)
        return real_begin(cls, *args, **kwargs)

    monkeypatch.setattr(warm, "socket", SimpleNamespace())  # no socket.send_fds (warm.py's client side only)
    why = warm.unavailable()
    assert why is not None
    reason = str(warm.WarmUnavailable(why))  # what Kernels passes to warm.fallback, in the tests' locale
    monkeypatch.setattr(warm.WarmPool, "begin", classmethod(counting_begin))
    assert ngoaivu("autograde", "--course", cc.root, "--jobs", "2", "--force") == 0
    out = capsys.readouterr().out
    assert began, "the CLI never asked for a warm pool: the patched seam is not the one it consults"
    assert out.count(_notice()) == 1, out[-3000:]
    assert t("warm.fallback", reason=reason) in out
    for student in STUDENTS:
        record = rec.load(cc.course, "demo", student)
        assert record is not None and record.status == "ok", (student, out[-2000:])
    assert cc.auto_scores("demo") == warm_scores

    # ngoaivu watch keeps one Kernels for its life and asks it for a pool every cycle: still said once.
    said: list[str] = []
    kernels = Kernels(cc.course, say=said.append)
    try:
        assert [kernels.socket() for _ in range(3)] == ["", "", ""]
    finally:
        kernels.close()
    assert said == [t("warm.fallback", reason=reason)]
