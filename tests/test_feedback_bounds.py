"""What a trainee receives is bounded and honest (issue 22, deliverable 4).

* a huge submission is not sent back as a feedback page of the same size: sources and outputs are cut
  with a Vietnamese note (``grader.grading.feedback.HideHiddenTests``);
* ``export`` never shows the score of an earlier grading as the score of a submission that could not
  be graded, or that was collected after the last grading.
"""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from grader.cli import main
from grader.grades import status_word
from grader.grading.feedback import HideHiddenTests

FIXTURE = Path(__file__).parent / "fixtures" / "cli_course"
FULL = 'tra_loi = {"so": 42, "ten": "Huế", "ke_hoach": []}'


def _html(nb: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(nb)
    return body


def test_a_50_mb_notebook_gives_a_small_feedback_page_with_a_vietnamese_note() -> None:
    big = "Kế hoạch " * 6_000_000  # 54 MB of text in one written answer
    image = "iVBORw0KGgo" * 500_000  # a 5.5 MB "image"
    code = new_code_cell("print('x' * 10**7)", outputs=[
        new_output("stream", name="stdout", text="x" * 10_000_000),
        new_output("display_data", data={"image/png": image, "text/plain": "<Figure>"}),
    ])
    nb = new_notebook(cells=[new_markdown_cell(big), code, *[new_markdown_cell("y" * 90_000) for _ in range(40)]])
    nb.metadata["widgets"] = {"state": "z" * 3_000_000}
    nb, _ = HideHiddenTests().preprocess(nb, {})
    page = _html(nb)
    assert len(page.encode()) < 4_000_000, len(page.encode())
    assert "nên trang phản hồi chỉ hiện" in page  # the cut, said in Vietnamese
    assert "quá lớn nên không hiển thị" in page  # the image left out
    assert "đã đạt giới hạn" in page  # the page's budget reached: later cells are a note only
    assert "zzzz" not in page


def test_a_normal_notebook_is_unchanged() -> None:
    nb = new_notebook(cells=[new_markdown_cell("Câu trả lời ngắn."),
                             new_code_cell("1 + 1", outputs=[new_output("execute_result", data={"text/plain": "2"},
                                                                        execution_count=1)])])
    before = nbformat.writes(nb)
    nb, _ = HideHiddenTests().preprocess(nb, {})
    assert nbformat.writes(nb) == before


def ngoaivu(*args: str | Path) -> int:
    return main([str(a) for a in args])


@pytest.mark.slow
def test_export_never_shows_an_earlier_score_for_a_submission_that_could_not_be_graded(tmp_path: Path) -> None:
    from nbgrader_helpers import CourseCopy, set_answer

    cc = CourseCopy.of(tmp_path, source=FIXTURE)
    (tmp_path / "roster.csv").write_text("id,full_name,province\nhv001,Nguyễn Văn An,Huế\n", encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp_path / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root) == 0
    drop = tmp_path / "drop"
    drop.mkdir()
    good = nbformat.writes(set_answer(cc.release_notebook("demo"), "tra_loi", FULL))
    (drop / "hv001.ipynb").write_text(good, encoding="utf-8")
    assert ngoaivu("collect", "--course", cc.root, "demo", drop) == 0
    assert ngoaivu("autograde", "--course", cc.root) == 0
    out = tmp_path / "grades.csv"

    def row() -> dict[str, str]:
        assert ngoaivu("export", "--course", cc.root, "-o", out) == 0
        [only] = [r for r in csv.DictReader(out.open(encoding="utf-8")) if r["student"] == "hv001"]
        return only

    assert (row()["status"], row()["total"]) == (status_word("graded"), "4")
    # A new version, collected but not graded yet: not the old score as if it were this one's.
    (drop / "hv001.ipynb").write_text(good.replace("42", "41"), encoding="utf-8")
    assert ngoaivu("collect", "--course", cc.root, "demo", drop) == 0
    r = row()
    assert (r["status"], r["total"], r["auto_score"]) == (status_word("not_graded"), "0", "")
    # Then an unreadable one, graded: could not be graded, and the earlier 4 points are not shown.
    (drop / "hv001.ipynb").write_text("{ not json", encoding="utf-8")
    assert ngoaivu("collect", "--course", cc.root, "demo", drop) == 0
    assert ngoaivu("autograde", "--course", cc.root) == 1
    r = row()
    assert (r["status"], r["total"], r["auto_score"]) == (status_word("ungradable"), "0", ""), r
