"""In a real JupyterLab (the course's plugins, headless Chromium): an exercise's self-check carries the first quiz
answers saved in the workspace's lessons into the exercise notebook's metadata, so a submission brings them to the
cohort report without the lessons being handed in (issue 20, deliverable 5)."""

from __future__ import annotations

import json
import shutil

import pytest
from test_browser import TOKEN, Lab, _open_and_run_all, browser, lab, sync_api  # noqa: F401 (fixtures)
from test_browser_quiz_log import _wait_for

from grader import quiz_log

pytestmark = [pytest.mark.browser, pytest.mark.slow]
EXERCISE = "bai_tap/bt3_thua_thien_hue/bt3_thua_thien_hue.ipynb"  # where the Assignments tab fetches it


def test_the_self_check_carries_the_lessons_first_answers_into_the_exercise(lab: Lab, browser) -> None:  # noqa: F811
    lesson = lab.root / "course" / "02_bay_noi_dung_trong_tam.ipynb"
    nb = json.loads(lesson.read_text(encoding="utf-8"))
    saved = {"fa": {"fa.q2": {"answer": 1, "correct": False, "at": "2027-03-01T08:00:00+00:00"}}}
    nb["metadata"][quiz_log.METADATA_KEY] = saved
    lesson.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    exercise = lab.root / EXERCISE
    exercise.parent.mkdir(parents=True)
    shutil.copy(lab.root / "exercises" / "release" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb", exercise)

    page = browser.new_page()
    _open_and_run_all(page, f"{lab.url}/lab/tree/{EXERCISE}?reset&token={TOKEN}")
    sync_api.expect(page.locator(".ngoaivu-selfcheck")).to_be_visible(timeout=60_000)
    sync_api.expect(page.get_by_text("Bài nộp sẽ kèm câu trả lời đầu tiên của anh/chị ở 1 câu hỏi")).to_be_visible()
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-mod-dirty')")

    def carried() -> dict:
        return json.loads(exercise.read_text(encoding="utf-8")).get("metadata", {}).get(quiz_log.METADATA_KEY, {})

    assert _wait_for(carried) == saved
    page.close()
