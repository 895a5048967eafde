"""The self-check shows every writing slip the reader noticed, even when every criterion passes."""

from __future__ import annotations

import json
from pathlib import Path

from grader.selfcheck import kiem_tra

REPO = Path(__file__).resolve().parent.parent


def _solution(assignment_id: str) -> str:
    """The source notebook's solution text (the answer cell's solution block, run as Python)."""
    nb = json.loads((REPO / "exercises" / "source" / assignment_id / f"{assignment_id}.ipynb").read_text("utf-8"))
    cell = next(c for c in nb["cells"] if "### BEGIN SOLUTION" in "".join(c["source"]))
    code = "".join(cell["source"]).split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]
    scope: dict[str, object] = {}
    exec(code, scope)  # the maintainers' own solution block
    return next(v for k, v in scope.items() if k in ("ke_hoach", "dat_hang"))  # type: ignore[return-value]


def test_clean_solution_is_praised() -> None:
    report = kiem_tra(_solution("bt3_thua_thien_hue"), bai="bt3_thua_thien_hue")
    assert report.all_passed and not report.writing
    assert "Tốt lắm!" in str(report)


def test_misspelt_label_is_shown_even_when_every_criterion_passes() -> None:
    text = _solution("bt3_thua_thien_hue").replace("Kinh phí:", "Kin phí:", 1)
    report = kiem_tra(text, bai="bt3_thua_thien_hue")
    shown = str(report)
    assert all(line.passed for line in report.lines)  # read provisionally as "Kinh phí": no point lost
    assert not report.all_passed and "Tốt lắm!" not in shown
    assert "Có phải anh/chị định viết “Kinh phí”?" in shown
    assert shown.count("“Kin phí”") == 1  # reported once
    assert "Kin phí" in report._repr_html_()


def test_a_failed_line_always_says_why():
    """A ✗ line never stands alone (issue 20): its own findings; else the writing slips shown above; else the
    reasons another criterion found that cost here too; else where to look."""
    from grader.messages import t
    from grader.results import CheckResult, Finding
    from grader.selfcheck import _hints

    bare = CheckResult("ngay_hop_le", 0.5, 1.0, ())
    assert _hints(bare, (), ()) == (t("selfcheck.no_detail"),)
    assert _hints(bare, (), ("Kế hoạch mới có 3 hoạt động",)) == (t("selfcheck.shared_reasons"),
                                                                    "Kế hoạch mới có 3 hoạt động")
    slip = Finding("substance.few_activities", {"count": 3, "minimum": 4})
    written = CheckResult("truong_bat_buoc", 0.5, 1.0, (slip,))
    assert _hints(written, (slip.text(),), ()) == (t("selfcheck.see_writing"),)
    assert _hints(written, (), ()) == (slip.text(),)


def test_in_a_workspace_the_self_check_hands_the_lessons_first_answers_to_the_exercise(tmp_path, monkeypatch) -> None:
    """Issue 20, deliverable 5: lessons are never submitted, so the exercise's self-check publishes their first
    quiz answers (one output of the quiz MIME type, for the lab plugin to merge into the exercise's metadata)."""
    import IPython.display

    from grader import quiz_log

    lessons = tmp_path / "course"
    lessons.mkdir()
    right = {"answer": 0, "correct": True, "at": "2027-03-01T08:00:00+00:00"}
    lesson = {"cells": [], "metadata": {quiz_log.METADATA_KEY: {"cs": {"cs.q2": right}}}, "nbformat": 4,
              "nbformat_minor": 5}
    (lessons / "04_nghien_cuu_tinh_huong.ipynb").write_text(json.dumps(lesson), encoding="utf-8")
    exercise = tmp_path / "bai_tap" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb"
    exercise.parent.mkdir(parents=True)
    exercise.write_text("{}", encoding="utf-8")
    shown: list[dict] = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw=False, **kw: shown.append(bundle))
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: exercise)
    quiz_log.reset()
    outside = str(kiem_tra(_solution("bt3_thua_thien_hue"), bai="bt3_thua_thien_hue"))
    assert shown == []  # outside a kernel (scripts, tests, the grader's tools): nothing published
    monkeypatch.setattr(quiz_log, "_in_kernel", lambda: True)
    report = kiem_tra(_solution("bt3_thua_thien_hue"), bai="bt3_thua_thien_hue")
    assert str(report) == outside and report.all_passed  # the report itself is unchanged
    [bundle] = shown
    assert bundle[quiz_log.MIME] == {"quizzes": {"cs": {"cs.q2": right}}}
    assert bundle["text/plain"].startswith("Bài nộp sẽ kèm câu trả lời đầu tiên")
    monkeypatch.setattr(quiz_log, "_read_notebook", lambda *a, **kw: 1 / 0)  # a lesson that cannot be read...
    (lessons / "04_nghien_cuu_tinh_huong.ipynb").write_text("{}", encoding="utf-8")
    assert kiem_tra("", bai="bt3_thua_thien_hue").lines  # ...never breaks the self-check
    quiz_log.reset()
