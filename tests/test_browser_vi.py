"""nbgrader's and JupyterLab's screens as the trainee sees them, in a real JupyterLab (the course's start path,
plugins and translation overrides; headless Chromium): issue 21, deliverables 3 and 5."""

from __future__ import annotations

import nbformat
import pytest
from test_browser import ARTIFACTS, TOKEN, Lab, _open, browser, lab, sync_api  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_the_close_dialog_offers_three_different_words(lab: Lab, browser) -> None:  # noqa: F811
    """Closing a changed notebook: the language pack alone shows "Huỷ" and "Hủy" side by side (Cancel and
    Discard); with the course's overrides the buttons read "Huỷ", "Không lưu", "Lưu"."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / "dong_bai.ipynb")
    page = browser.new_page()
    panel = _open(page, f"{lab.url}/lab/tree/dong_bai.ipynb?reset&token={TOKEN}")
    panel.locator(".jp-CodeCell .cm-content").first.click()
    page.keyboard.type("2")
    sync_api.expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(1)
    page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabCloseIcon").click()
    dialog = page.locator(".jp-Dialog")
    sync_api.expect(dialog).to_have_count(1)
    labels = [t.strip() for t in dialog.locator(".jp-Dialog-footer button").all_inner_texts()]
    dialog.screenshot(path=str(ARTIFACTS / "close_dialog.png"))
    assert labels == ["Huỷ", "Không lưu", "Lưu"], labels
    dialog.locator("button", has_text="Huỷ").click()
    sync_api.expect(dialog).to_have_count(0)
    page.close()


def test_the_feedback_page_reads_in_vietnamese_and_waits_for_the_instructor(lab: Lab, browser,  # noqa: F811
                                                                           tmp_path) -> None:
    """The feedback nbgrader's generate_feedback writes with the course's template, opened from the trainee's lab:
    every label Vietnamese, the written answers not marked yet "chờ giảng viên chấm", never "0 / 2"."""
    import shutil

    from nbgrader_helpers import CourseCopy, set_answer, solution_source

    from grader.assignments import get

    aid = "bt1_phan_loai"
    course = CourseCopy.of(tmp_path, assignments=[aid])
    course.release(aid)
    answered = set_answer(course.release_notebook(aid), get(aid).answer_variable,
                          solution_source(nbformat.read(str(course.source_notebook(aid)), as_version=4),
                                          get(aid).answer_variable))
    for grade_id in ("tra_loi_1", "tra_loi_2"):
        answered = set_answer(answered, grade_id, "Hoạt động quảng bá di sản Huế thuộc nội dung 4, trụ cột 3.")
    course.submit("hv_vi", aid, answered)
    course.autograde(aid, ["hv_vi"])
    [page_file] = course.feedback(aid, ["hv_vi"]).values()
    shutil.copy(page_file, lab.root / "phan_hoi_bt1.html")
    page = browser.new_page()
    page.goto(f"{lab.url}/files/phan_hoi_bt1.html?token={TOKEN}")
    body = page.locator("body")
    sync_api.expect(body).to_contain_text("Điểm đã chấm: 10 / 14")
    text = body.inner_text()
    for word in ("Score", "Written response", "Test cell", "Student's answer", "Comments", "(Top)", "Grade cell"):
        assert word not in text, word
    toc = page.locator("#toc li", has_text="Câu trả lời tự luận")
    sync_api.expect(toc).to_have_count(2)
    for item in toc.all_inner_texts():
        assert "chờ giảng viên chấm (2 điểm)" in item and "0 / 2" not in item, item
    page.screenshot(path=str(ARTIFACTS / "feedback_page.png"), full_page=False)
    page.close()
