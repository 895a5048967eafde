"""In a real JupyterLab (the course's start path and plugins, headless Chromium): a trainee's first quiz answer is
saved in the lesson notebook's metadata, and re-running the quiz after a kernel restart keeps it (issue 20)."""

from __future__ import annotations

import json
import re

import pytest
from test_browser import TOKEN, Lab, _open_and_run_all, browser, lab, sync_api  # noqa: F401 (fixtures)

from grader import quiz_log

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LESSON = "course/04_nghien_cuu_tinh_huong.ipynb"


def _saved(course: Lab) -> dict:
    notebook = json.loads((course.root / LESSON).read_text(encoding="utf-8"))
    return notebook.get("metadata", {}).get(quiz_log.METADATA_KEY, {})


def test_the_first_answer_is_saved_in_the_notebook_and_survives_a_restart(lab: Lab, browser) -> None:  # noqa: F811
    page = browser.new_page()
    url = f"{lab.url}/lab/tree/{LESSON}?reset&token={TOKEN}"
    _open_and_run_all(page, url)
    quiz = page.locator(".ngoaivu-quiz")
    quiz.wait_for(state="visible")
    first = quiz.locator(".ngoaivu-question").first
    first.scroll_into_view_if_needed()
    first.locator("label", has_text="5").first.click()  # wrong: the source says 7
    first.locator(".ngoaivu-check").click()
    sync_api.expect(first.locator(".ngoaivu-feedback")).to_contain_text("Chưa đúng")
    first.locator("label", has_text="7").first.click()
    first.locator(".ngoaivu-check").click()
    sync_api.expect(first.locator(".ngoaivu-feedback")).to_contain_text("Chính xác")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-mod-dirty')")
    saved = _wait_for(lambda: _saved(lab).get("cs", {}).get("cs.q1"))
    assert saved == {"answer": 0, "correct": False, "at": saved["at"]}  # the first try, not the later right one

    # the kernel restarted and the whole lesson run again: the first try still counts
    _open_and_run_all(page, url)
    quiz = page.locator(".ngoaivu-quiz")
    quiz.wait_for(state="visible")
    sync_api.expect(quiz.locator(".ngoaivu-score")).to_contain_text(re.compile(r"\b0/\d+ \(đã làm 1 câu\)"))
    page.close()


def _wait_for(read, seconds: float = 30):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = read()
        if value:
            return value
        time.sleep(0.5)
    return read()
