"""Quiz answers recorded (issue 20, deliverable 5): each trainee's first answer to each question is saved in the
notebook's metadata, survives re-running the quiz cell, and the cohort report shows per question the share of
trainees right at the first try."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from grader import quiz_log
from grader.quizzes import quiz_tinh_huong
from grader.widgets import Matching

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "jupyter" / "data" / "labextensions" / "ngoaivu-quiz-log"


@pytest.fixture
def in_kernel(monkeypatch):
    """As inside a trainee's kernel: first answers are kept, outputs go to a list instead of the frontend."""
    shown: list[tuple[dict, bool]] = []
    monkeypatch.setattr(quiz_log, "_in_kernel", lambda: True)
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: None)
    monkeypatch.setattr(quiz_log, "publish", lambda quiz, tries, *, update: shown.append(
        (quiz_log.payload(quiz, tries), update)))
    quiz_log.reset()
    yield shown
    quiz_log.reset()


def test_rerunning_the_quiz_cell_keeps_the_first_try(in_kernel):
    """Kind of defect: re-running the cell reset “the first try”."""
    quiz = quiz_tinh_huong()
    q = quiz.questions[2]
    quiz.answer(2, (q.answer + 1) % len(q.options))  # wrong first
    again = quiz_tinh_huong()  # the cell run again
    assert again.answer(2, q.answer).correct
    assert again.score()[0] == 0  # the first answer was wrong and stays wrong
    assert again.first_tries()["cs.q3"].correct is False


def test_each_first_answer_is_published_for_the_notebook_metadata(in_kernel):
    quiz = quiz_tinh_huong()
    quiz.answer(1, quiz.questions[1].answer)
    quiz.answer(1, 3)  # a later answer changes nothing
    quiz.answer(0, 0)
    published = [p for p, _ in in_kernel]
    assert len(published) == 2
    last = published[-1]
    assert last["quiz"] == "cs" and set(last["answers"]) == {"cs.q1", "cs.q2"}
    assert last["answers"]["cs.q2"]["correct"] is True and last["answers"]["cs.q2"]["answer"] == 0
    assert last["answers"]["cs.q1"]["correct"] is False
    json.dumps(last)  # plain data, as the notebook stores it


def test_a_matching_records_its_picks(in_kernel):
    from grader.quizzes import quiz_linh_vuc

    quiz = quiz_linh_vuc()
    index = next(i for i, q in enumerate(quiz.questions) if isinstance(q, Matching))
    quiz.answer(index, list(quiz.questions[index].answers))
    assert quiz.first_tries()["fa.q6"].answer == list(quiz.questions[index].answers)


def test_answers_saved_in_the_notebook_are_taken_up_after_a_restart(in_kernel, tmp_path, monkeypatch):
    nb = nbformat.v4.new_notebook()
    saved = {"answer": 2, "correct": False, "at": "2027-03-01T08:00:00+00:00"}
    nb.metadata[quiz_log.METADATA_KEY] = {"cs": {"cs.q2": saved}}
    path = tmp_path / "04_nghien_cuu_tinh_huong.ipynb"
    nbformat.write(nb, path)
    monkeypatch.setattr(quiz_log, "_this_notebook", lambda: path)
    quiz = quiz_tinh_huong()
    assert quiz.answer(1, quiz.questions[1].answer).correct
    assert quiz.score()[0] == 0


def test_outside_a_kernel_nothing_is_kept_between_quizzes():
    quiz_log.reset()
    quiz = quiz_tinh_huong()
    quiz.answer(1, 3)
    assert quiz_tinh_huong().score()[0] == 0 and quiz_tinh_huong().answer(1, 0).correct
    assert quiz_log.recorded("cs") == {}


def _nb(answers: dict) -> dict:
    nb = nbformat.v4.new_notebook()
    nb.metadata[quiz_log.METADATA_KEY] = answers
    return json.loads(nbformat.writes(nb))


def test_the_cohort_share_right_at_the_first_try_per_question(tmp_path):
    right = {"answer": 0, "correct": True, "at": "2027-03-01T08:00:00+00:00"}
    wrong = {"answer": 1, "correct": False, "at": "2027-03-01T08:01:00+00:00"}
    cohort = {
        "hv001": {"cs": {"cs.q2": right, "cs.q3": wrong}},
        "hv002": {"cs": {"cs.q2": wrong, "cs.q3": wrong}},
        "hv003": {"cs": {"cs.q2": right}, "fa": {"fa.q6": {"answer": [5, 3, 1, 6], "correct": True}}},
    }
    for student, answers in cohort.items():
        folder = tmp_path / "bai_hoc_nop" / student
        folder.mkdir(parents=True)
        (folder / "04_nghien_cuu_tinh_huong.ipynb").write_text(json.dumps(_nb(answers)), encoding="utf-8")
    (tmp_path / "bai_hoc_nop" / "hv004").mkdir()
    (tmp_path / "bai_hoc_nop" / "hv004" / "hong.ipynb").write_text("{not json", encoding="utf-8")
    stats = {(s.quiz, s.question): s for s in quiz_log.question_stats(quiz_log.find_notebooks(tmp_path))}
    assert (stats["cs", "cs.q2"].answered, stats["cs", "cs.q2"].right) == (3, 2)
    assert stats["cs", "cs.q3"].share == 0.0
    assert stats["fa", "fa.q6"].share == 1.0
    section = quiz_log.report_section(tmp_path)
    assert "Bài học 04 (các tình huống), câu 2" in section and "67%" in section
    assert section.index("câu 3") < section.index("câu 2")  # the questions the class got wrong come first


def test_malformed_metadata_is_ignored():
    assert quiz_log.first_tries({"metadata": {quiz_log.METADATA_KEY: {"cs": {"cs.q1": {"correct": "yes"}}}}}) == {}
    assert quiz_log.first_tries({"metadata": {quiz_log.METADATA_KEY: ["x"]}}) == {}
    assert quiz_log.first_tries({}) == {}


def test_the_lab_plugin_copies_the_published_answers_into_the_metadata():
    """The hand-written plugin listens for the quiz's output and writes it under the metadata key, first try first."""
    manifest = json.loads((PLUGIN / "package.json").read_text(encoding="utf-8"))
    assert manifest["jupyterlab"]["_build"]["load"] == "static/remoteEntry.js"
    source = (PLUGIN / "static" / "remoteEntry.js").read_text(encoding="utf-8")
    assert quiz_log.MIME in source and f"'{quiz_log.METADATA_KEY}'" in source
    assert "setMetadata" in source and "update_display_data" in source
    assert "window._JUPYTERLAB" in source and "ngoaivu-quiz-log" in source


def test_the_cohort_report_has_the_quiz_section(tmp_path, monkeypatch):
    """grader.report.build_report includes the section (the gradebook's parts stubbed: no submissions)."""
    from types import SimpleNamespace

    from grader import report

    folder = tmp_path / "bai_hoc_nop" / "hv001"
    folder.mkdir(parents=True)
    answers = {"cs": {"cs.q2": {"answer": 0, "correct": True, "at": "2027-03-01T08:00:00+00:00"}}}
    (folder / "04.ipynb").write_text(json.dumps(_nb(answers)), encoding="utf-8")
    monkeypatch.setattr(report, "cohort", lambda course: ([], []))
    monkeypatch.setattr(report, "criteria_stats", lambda *a: [])
    monkeypatch.setattr(report, "coverage", lambda *a: report.Coverage())
    monkeypatch.setattr(report, "similarity_section", lambda course: "")
    course = SimpleNamespace(course_id="khoa-thu", db_display="sqlite", root=tmp_path)
    page = report.build_report(course)  # type: ignore[arg-type]
    assert "tỉ lệ trả lời đúng ngay lần đầu" in page and "Bài học 04 (các tình huống), câu 2" in page
