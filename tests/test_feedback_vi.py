"""The feedback page a trainee reads is Vietnamese (issue 21, deliverable 3): nbgrader's generate_feedback with the
course's template (grader/grading/templates/feedback) writes every label from the catalogue, and a written answer
the instructor has not marked yet reads "chờ giảng viên chấm", never a score of 0; once marked, its score."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nbgrader_helpers import CourseCopy, feedback_text, set_answer, solution_source

from grader.assignments import get
from grader.grading.feedback import points_text
from grader.messages import t

AID = "bt1_phan_loai"
ENGLISH = ("Score", "Written response", "Test cell", "Student's answer", "Comments", "(Top)", "Grade cell", "In [")


def test_points_are_written_the_vietnamese_way() -> None:
    assert [points_text(v) for v in (2.0, 2.5, 0.126, 10, None, float("nan"), -0.0, 1e-9)] == [
        "2", "2,5", "0,13", "10", "0", "0", "0", "0"]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> CourseCopy:
    import nbformat

    course = CourseCopy.of(tmp_path_factory.mktemp("feedback"), assignments=[AID])
    course.release(AID)
    release = course.release_notebook(AID)
    variable = get(AID).answer_variable
    solution = solution_source(nbformat.read(str(course.source_notebook(AID)), as_version=4), variable)
    answered = set_answer(release, variable, solution)
    for grade_id in _written(course):
        answered = set_answer(answered, grade_id, "Em chọn nội dung 4 và trụ cột 3: quảng bá di sản của Huế.")
    course.submit("hv_vi", AID, answered)
    course.submit("hv_trong", AID, set_answer(release, variable, solution))  # written answers left as released
    course.autograde(AID, ["hv_vi", "hv_trong"])
    return course


def _written(course: CourseCopy) -> dict[str, float]:
    """``{grade_id: points}`` of the written answers."""
    import nbformat

    nb = nbformat.read(str(course.source_notebook(AID)), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"]) for c in nb.cells
            if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")}


def test_unmarked_written_answers_wait_for_the_instructor_and_score_no_zero(course: CourseCopy) -> None:
    written = _written(course)
    assert written, "bt1 has written answers"
    auto, manual = course.max_points(AID)
    page = course.feedback(AID, ["hv_vi"])["hv_vi"]
    text = feedback_text(page)
    for word in ENGLISH:
        assert word not in text, word
    assert 'lang="vi"' in page.read_text(encoding="utf-8")
    waiting = t("feedback_page.pending", max="").split("(")[0].strip()
    assert waiting == "chờ giảng viên chấm"
    # each written answer twice (contents and its cell), and the total once
    assert text.count(waiting) == 2 * len(written) + 1, text
    assert t("feedback_page.total_pending", score=points_text(auto), max=points_text(auto + manual),
             count=len(written), points=points_text(manual)) in text
    # no written answer shows a score of 0
    assert not re.search(r"Điểm: 0 / ", text), text
    assert "Tiêu chí chấm tự động" in text and "Câu trả lời tự luận" in text and "Bài làm của anh/chị" in text


def test_a_marked_written_answer_shows_its_score(course: CourseCopy) -> None:
    from nbgrader.api import Gradebook

    written = _written(course)
    auto, manual = course.max_points(AID)
    with Gradebook(course.course.db_url) as gb:
        for grade_id in written:
            grade = gb.find_grade(grade_id, AID, AID, "hv_vi")
            grade.manual_score = 1.5
            grade.needs_manual_grade = False
        gb.db.commit()
    text = feedback_text(course.feedback(AID, ["hv_vi"])["hv_vi"])
    assert "chờ giảng viên chấm" not in text
    for points in set(written.values()):
        shown = t("feedback_page.score", score="1,5", max=points_text(points))
        assert text.count(shown) == 2 * sum(p == points for p in written.values()), (shown, text)
    assert t("feedback_page.total", score=points_text(auto + 1.5 * len(written)),
             max=points_text(auto + manual)) in text


def test_an_answer_left_blank_scores_0_with_a_vietnamese_note(course: CourseCopy) -> None:
    text = feedback_text(course.feedback(AID, ["hv_trong"])["hv_trong"])
    assert "No response" not in text and "chờ giảng viên chấm" not in text
    assert text.count(t("feedback_page.no_response")) == len(_written(course))
    for points in _written(course).values():
        assert t("feedback_page.score", score="0", max=points_text(points)) in text


def test_the_formgrader_keeps_nbgrader_s_own_template(monkeypatch: pytest.MonkeyPatch) -> None:
    """The course's feedback template is configured for generate_feedback's exporter only: the instructor's
    formgrader, which reads the same nbgrader_config.py, still renders submissions with nbgrader's "formgrade"."""
    import logging

    from jupyter_server.serverapp import ServerApp
    from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

    from grader.grading.feedback import TEMPLATES

    repo = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(repo / "exercises")
    server = ServerApp()
    server.root_dir = str(repo)
    formgrader = FormgradeExtension(parent=server)
    formgrader.root_dir = str(repo)
    formgrader.log = logging.getLogger("ngoaivu.tests.formgrader")
    formgrader.initialize([])
    exporter = formgrader.config.HTMLExporter
    assert exporter.template_name == "formgrade"
    assert str(TEMPLATES) not in exporter.extra_template_basedirs
