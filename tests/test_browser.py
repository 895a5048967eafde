"""End to end in a real browser: JupyterLab in Vietnamese, a lesson with its quiz and chart, an exercise's
self-check, and the formgrader. Drives Debian's Chromium (/usr/bin/chromium) headless with Playwright's
Python package; never downloads a browser. Screenshots go to artifacts/ (git-ignored)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.launch import lab_command

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
TOKEN = "ngoaivu-e2e-token"

pytestmark = [pytest.mark.browser, pytest.mark.slow]

if not CHROMIUM.exists():
    pytest.skip(
        "BROWSER TESTS SKIPPED: /usr/bin/chromium is missing. Install Debian's chromium "
        "(apt-get install chromium fonts-noto-core fonts-noto-mono; .ci/run does this) to run them.",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="BROWSER TESTS SKIPPED: playwright is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab started by the real start path (grader.launch) on a temporary copy of the course."""
    root = tmp_path_factory.mktemp("course-root")
    shutil.copytree(REPO / "course", root / "course")
    shutil.copytree(REPO / "exercises" / "source", root / "exercises" / "source")
    shutil.copy(REPO / "exercises" / "nbgrader_config.py", root / "exercises")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # nbgrader runs `alembic`
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment", "bt3_thua_thien_hue",
                    "--force"], cwd=root / "exercises", env=env, check=True, capture_output=True)
    port = _free_port()
    log = (root / "lab.log").open("w")
    proc = subprocess.Popen(lab_command(port, open_browser=False, token=TOKEN, root=root), cwd=root / "exercises",
                            env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start: {(root / 'lab.log').read_text()[-2000:]}") from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000}, locale="vi-VN",
        )
        context.set_default_timeout(60_000)
        yield context
        context.close()


def _open_and_run_all(page, url: str):
    """Open a notebook, restart its kernel and run every cell; return the notebook's panel."""
    page.goto(url)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached")
    panel.locator("[data-command='notebook:restart-run-all']").first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    return panel


def test_lesson_quiz_chart_and_exercise_self_check_in_vietnamese(lab: str, browser) -> None:
    page = browser.new_page()
    _open_and_run_all(page, f"{lab}/lab/tree/course/04_nghien_cuu_tinh_huong.ipynb?reset&token={TOKEN}")

    # the Vietnamese language pack is active: the menu bar is translated
    assert page.locator(".lm-MenuBar-itemLabel", has_text="Tệp").count() == 1

    quiz = page.locator(".ngoaivu-quiz")
    quiz.wait_for(state="visible")
    first = quiz.locator(".ngoaivu-question").first
    first.scroll_into_view_if_needed()
    first.locator("label", has_text="5").first.click()  # wrong: the source says 7 heritages
    first.locator(".ngoaivu-check").click()
    feedback = first.locator(".ngoaivu-feedback")
    sync_api.expect(feedback).to_contain_text("Chưa đúng")
    sync_api.expect(feedback).to_contain_text("UNESCO")
    first.locator("label", has_text="7").first.click()
    first.locator(".ngoaivu-check").click()
    sync_api.expect(feedback).to_contain_text("Chính xác")
    sync_api.expect(quiz.locator(".ngoaivu-score")).to_contain_text("1/7")
    page.screenshot(path=str(ARTIFACTS / "lesson04_quiz.png"))

    chart = page.locator(".jp-OutputArea-output img[src^='data:image/png']").first
    chart.scroll_into_view_if_needed()
    sync_api.expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") > 300
    page.screenshot(path=str(ARTIFACTS / "lesson04_chart.png"))

    # an exercise as the trainee receives it: run it and read the self-check
    panel = _open_and_run_all(page, f"{lab}/lab/tree/exercises/release/bt3_thua_thien_hue/bt3_thua_thien_hue.ipynb"
                                    f"?reset&token={TOKEN}")
    report = panel.locator(".jp-OutputArea-output", has_text="Tự kiểm tra").first
    try:
        report.wait_for(state="visible")
    finally:
        page.screenshot(path=str(ARTIFACTS / "exercise_bt3_after_run.png"))
    report.scroll_into_view_if_needed()
    sync_api.expect(report).to_contain_text("Tự kiểm tra")
    sync_api.expect(report).to_contain_text("tiêu chí riêng")
    page.screenshot(path=str(ARTIFACTS / "exercise_bt3_selfcheck.png"))
    page.close()


def test_formgrader_lists_the_assignments(lab: str, browser) -> None:
    page = browser.new_page()
    page.goto(f"{lab}/formgrader/manage_assignments?token={TOKEN}")
    table = page.locator("#main-table")
    sync_api.expect(table).to_contain_text("bt3_thua_thien_hue")
    sync_api.expect(table).to_contain_text("bt5_ke_hoach_tinh")
    page.screenshot(path=str(ARTIFACTS / "formgrader.png"))
    page.close()
