"""End to end in a real browser: JupyterLab in Vietnamese, a lesson with its quiz and chart, an exercise's
self-check, the formgrader, and a trainee who has never programmed: bt3 typed in Vietnamese with the classic
slips, a broken cell explained in Vietnamese, a written answer typed with Ctrl+A, and code shown in the font
the course ships (no system font needed). Drives Debian's Chromium (/usr/bin/chromium) headless with
Playwright's Python package; never downloads a browser. Screenshots go to artifacts/ (git-ignored)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from lab_helpers import free_port, isolate, running_lab

from grader.launch import lab_command, lab_environment
from grader.period import course_period

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
        "(apt-get install chromium fontconfig; .ci/run does this) to run them.",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="BROWSER TESTS SKIPPED: playwright is not installed")


@dataclass(frozen=True)
class Lab:
    url: str
    root: Path  # the course's copy the server serves


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """JupyterLab started by the real start path (grader.launch: command line and environment, so the course's
    settings, font, kernel spec and plugin) on a temporary copy of the course."""
    root = tmp_path_factory.mktemp("course-root")
    state = tmp_path_factory.mktemp("jupyter-state")
    shutil.copytree(REPO / "course", root / "course")
    shutil.copytree(REPO / "exercises" / "source", root / "exercises" / "source")
    shutil.copy(REPO / "exercises" / "nbgrader_config.py", root / "exercises")
    env = isolate(lab_environment(dict(os.environ)), state, also=("NGOAIVU_EXCHANGE", "NGOAIVU_ASSIGNMENT_DIR"))
    port = free_port()
    command = lab_command(port, open_browser=False, token=TOKEN, root=root)
    # released while the server starts (the server lists files when asked, not at start)
    released = subprocess.Popen([str(Path(sys.executable).parent / "nbgrader"), "generate_assignment",
                                 "bt3_thua_thien_hue", "--force"], cwd=root / "exercises", env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with running_lab(command, port, cwd=root / "exercises", env=env, log_path=root / "lab.log", token=TOKEN) as url:
        _, err = released.communicate()
        assert released.returncode == 0, err.decode()
        yield Lab(url, root)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000}, locale="vi-VN",
        )
        context.set_default_timeout(60_000)
        sync_api.expect.set_options(timeout=60_000)  # kernels start slowly on a loaded 2-core machine
        yield context
        context.close()


def _open(page, url: str):
    """Open a notebook and wait for its kernel; return the notebook's panel."""
    page.goto(url)
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible")
    # the kernel is connected: a kernel is named and its status is idle (the indicator says "idle" before
    # any kernel exists too)
    page.wait_for_function("""() => {
        const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
        const name = panel && panel.querySelector('.jp-KernelName');
        const status = panel && panel.querySelector('.jp-Notebook-ExecutionIndicator');
        return !!(name && status && name.textContent.includes('Python')
                  && status.getAttribute('data-status') === 'idle');
    }""")
    return panel


def _open_and_run_all(page, url: str):
    """Open a notebook, restart its kernel and run every cell; return the notebook's panel."""
    panel = _open(page, url)
    panel.locator("[data-command='notebook:restart-run-all']").first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    return panel


def test_lesson_quiz_and_chart_in_vietnamese(lab: Lab, browser) -> None:
    page = browser.new_page()
    _open_and_run_all(page, f"{lab.url}/lab/tree/course/04_nghien_cuu_tinh_huong.ipynb?reset&token={TOKEN}")

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
    # the first answer to each question is what counts
    sync_api.expect(quiz.locator(".ngoaivu-score")).to_contain_text(re.compile(r"\b0/\d+ \(đã làm 1 câu\)"))
    page.screenshot(path=str(ARTIFACTS / "lesson04_quiz.png"))

    chart = page.locator(".jp-OutputArea-output img[src^='data:image/png']").first
    chart.scroll_into_view_if_needed()
    sync_api.expect(chart).to_be_visible()
    assert chart.evaluate("img => img.naturalWidth") > 300
    page.screenshot(path=str(ARTIFACTS / "lesson04_chart.png"))

    page.close()


def test_formgrader_lists_the_assignments(lab: Lab, browser) -> None:
    page = browser.new_page()
    page.goto(f"{lab.url}/formgrader/manage_assignments?token={TOKEN}")
    table = page.locator("#main-table")
    sync_api.expect(table).to_contain_text("bt3_thua_thien_hue")
    sync_api.expect(table).to_contain_text("bt5_ke_hoach_tinh")
    page.screenshot(path=str(ARTIFACTS / "formgrader.png"))
    page.close()


# ---------------------------------------------------------------------------------------------------------------
# A trainee who has never programmed: bt3 typed in, slips read and fixed, a broken cell, a written answer, the font.

SOURCE_BT3 = REPO / "exercises" / "source" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb"
LABEL = re.compile(r"^(Hoạt động \d+|[^#\-:][^:]*):[ ]?(.*)$")
ACTIVITY = re.compile(r"^Hoạt động (\d+):")


def _answer_source() -> tuple[list[str], list[str]]:
    """The released template's lines and the solution plan's lines (between the triple quotes) of bt3."""
    nb = json.loads(SOURCE_BT3.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "ke_hoach")
    released = course_period(REPO / "exercises").fill("".join(cell["source"]))  # the release fills the period
    template, rest = released.split("### BEGIN SOLUTION", 1)
    solution = rest.split("### END SOLUTION", 1)[0]
    inner = solution.split('"""', 1)[1].rsplit('"""', 1)[0]
    return template.rstrip("\n").split("\n"), inner.strip("\n").split("\n")


def _key(line: str) -> str | None:
    """The label a plan line starts with ("-" for a bullet), or None for comments, blanks and the Python lines."""
    if line.startswith("-"):
        return "-"
    if line.startswith("#") or '"""' in line or not line.strip():
        return None
    found = LABEL.match(line)
    if not found:
        return None
    return "Hoạt động" if ACTIVITY.match(line) else found.group(1).strip()


def _contexts(lines: list[str], first: int = 1) -> dict[int, list[tuple[int, str, str]]]:
    """Lines grouped by activity (0 = the plan's header): (line number, label, the whole line)."""
    groups: dict[int, list[tuple[int, str, str]]] = {0: []}
    current = 0
    for number, line in enumerate(lines, start=first):
        found = ACTIVITY.match(line)
        if found:
            current = int(found.group(1))
            groups[current] = []
        key = _key(line)
        if key is not None:
            groups[current].append((number, key, line))
    return groups


def _unpadded(text: str) -> str:
    """Dates the way many people type them: 30/6/2024, 1/3/2024."""
    return re.sub(r"\b0(\d)/0?(\d{1,2})/", lambda m: f"{m.group(1)}/{int(m.group(2))}/",
                  re.sub(r"\b(\d{2})/0(\d)/", r"\1/\2/", text))


def _typing_plan(template: list[str], solution: list[str]) -> list[tuple[int, str, list[str]]]:
    """What to type where: (line number in the editor, text to add at its end, whole lines to add below it).

    Every empty label of the template gets the solution's value of that label in the same activity; the
    solution's further lines (a second "Chỉ số:", more bullets, whole activities) are typed on new lines.
    """
    ops: dict[int, tuple[str, list[str]]] = {}
    tmpl, sol = _contexts(template), _contexts(solution)
    last_line = max(n for n, _, _ in (e for group in tmpl.values() for e in group))
    for context, entries in sol.items():
        if context not in tmpl:  # an activity the template has no room for: typed whole, below the last one
            end = ops.get(last_line, ("", []))
            ops[last_line] = (end[0], end[1] + [""] + [line for _, _, line in entries])
            continue
        unused = list(entries)
        for number, key, line in tmpl[context]:
            if LABEL.match(line) and LABEL.match(line).group(2).strip() and key != "Hoạt động":
                unused = [e for e in unused if not (e[1] == key and e[2] == line)]
                continue  # a line the template already fills (Ghi chú)
            match = next((e for e in unused if e[1] == key), None)
            if match is None:
                continue
            unused.remove(match)
            value = match[2][1:].strip() if key == "-" else match[2].split(":", 1)[1].strip()
            ops[number] = (value, ops.get(number, ("", []))[1])
        for _, key, line in unused:  # repeated labels: below the template's last line with that label
            anchor = max(n for n, k, _ in tmpl[context] if k == key)
            text, below = ops.get(anchor, ("", []))
            ops[anchor] = (text, below + [line])
    return [(n, _unpadded(text), [_unpadded(x) for x in below]) for n, (text, below) in sorted(ops.items())]


def _set_cursor(editor, line: int, column: int | None = None) -> None:
    """Put the cursor on ``line`` of a cell's editor (at its end, or at ``column``), as a click there would."""
    editor.evaluate(
        """(el, [line, column]) => {
            const view = el.cmView.view;
            const l = view.state.doc.line(line);
            const at = column === null ? l.to : l.from + column;
            view.dispatch({selection: {anchor: at}, scrollIntoView: true});
            view.focus();
        }""", [line, column])


def _doc_lines(editor) -> list[str]:
    return editor.evaluate("el => el.cmView.view.state.doc.toString()").split("\n")


def _type(page, text: str) -> None:
    """Type Vietnamese text as an input method (Unikey, Telex) commits it: one input event per piece of text.

    (Playwright's key-by-key typing costs about 0.1 s a character in JupyterLab: too slow for a whole plan.)
    """
    page.keyboard.insert_text(text)


def _type_lines(page, lines: list[str]) -> None:
    for line in lines:
        page.keyboard.press("Enter")
        if line:
            _type(page, line)


def _run_cell(page, cell) -> None:
    cell.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Control+Enter")


def test_a_trainee_types_bt3_reads_the_slips_fixes_them_and_breaks_the_quotes(lab: Lab, browser) -> None:
    page = browser.new_page()
    panel = _open(page, f"{lab.url}/lab/tree/exercises/release/bt3_thua_thien_hue/bt3_thua_thien_hue.ipynb"
                        f"?reset&token={TOKEN}")
    answer = panel.locator(".jp-CodeCell", has_text='ke_hoach = """').first
    editor = answer.locator(".cm-content")
    answer.scroll_into_view_if_needed()
    template, solution = _answer_source()
    assert _doc_lines(editor)[:len(template)] == template  # the released cell is the template
    check = panel.locator(".jp-CodeCell", has_text="kiem_tra(ke_hoach").first
    report = check.locator(".jp-OutputArea-output")

    # The self-check run before the answer cell: which cell to run first, in Vietnamese.
    _run_cell(page, check)
    sync_api.expect(report.first).to_contain_text("Cần chạy ô bài làm (ô có dòng “ke_hoach = ...”) trước ô này.")
    assert "NameError" not in check.locator(".jp-OutputArea").inner_text()
    # The blank template, run: the self-check lists what is missing and says more criteria apply at grading.
    _run_cell(page, answer)
    _run_cell(page, check)
    sync_api.expect(report).to_contain_text("Tự kiểm tra")
    sync_api.expect(report).to_contain_text("tiêu chí riêng")
    page.screenshot(path=str(ARTIFACTS / "exercise_bt3_selfcheck.png"))

    # Type the plan into the template, bottom up so line numbers stay put; two classic slips on the way:
    # a misspelt label ("Kin phí") and a forgotten line ("Chủ trì") in the activities typed whole.
    plan = _typing_plan(template, solution)
    typed_whole = [line for _, _, below in plan for line in below]
    misspelt = next(i for i, line in enumerate(typed_whole) if line.startswith("Kinh phí:"))
    forgotten = max(i for i, line in enumerate(typed_whole) if line.startswith("Chủ trì:"))
    assert misspelt < forgotten  # the slips land in two different activities typed by hand
    slips = {misspelt: typed_whole[misspelt].replace("Kinh phí:", "Kin phí:", 1), forgotten: None}
    for number, text, below in reversed(plan):
        start = sum(len(b) for n, _, b in plan if n < number)
        lines = [slips.get(start + i, line) for i, line in enumerate(below)]
        _set_cursor(editor, number)
        if text:
            _type(page, text)
        _type_lines(page, [line for line in lines if line is not None])
    _run_cell(page, answer)
    _run_cell(page, check)
    sync_api.expect(report).to_contain_text("“Kin phí”")
    sync_api.expect(report).to_contain_text("Có phải anh/chị định viết “Kinh phí”?")
    sync_api.expect(report).to_contain_text("Chủ trì")
    assert "không đọc được ngày" not in report.inner_text()  # 30/6/2024 is a date like any other
    report.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "bt3_typed_with_slips.png"))

    # Fix both slips by typing, run the answer and the self-check again: a clean self-check.
    lines = _doc_lines(editor)
    wrong = next(i for i, line in enumerate(lines, start=1) if line.startswith("Kin phí:"))
    _set_cursor(editor, wrong, 3)
    page.keyboard.type("h")
    partner = [i for i, line in enumerate(_doc_lines(editor), start=1) if line.startswith("Đối tác:")][-1]
    _set_cursor(editor, partner)
    _type_lines(page, [typed_whole[forgotten]])
    _run_cell(page, answer)
    _run_cell(page, check)
    sync_api.expect(report).to_contain_text("Tốt lắm!")
    text = report.inner_text()
    assert "✗" not in text and "Kin phí" not in text
    page.screenshot(path=str(ARTIFACTS / "bt3_typed_clean_selfcheck.png"))

    # Break the closing triple quotes: "lỗi cú pháp" in Vietnamese, and the self-check refuses the old value.
    closing = max(i for i, line in enumerate(_doc_lines(editor), start=1) if line.strip() == '"""')
    _set_cursor(editor, closing)
    for _ in range(3):
        page.keyboard.press("Backspace")
    _run_cell(page, answer)
    error = answer.locator(".ngoaivu-error")
    sync_api.expect(error).to_contain_text("Lỗi cú pháp ở dòng 1")
    sync_api.expect(error).to_contain_text('Dấu ba nháy kép """ mở ở dòng 1 chưa được đóng')
    shown = answer.locator(".jp-OutputArea").inner_text()
    assert "Traceback" not in shown and "SyntaxError" not in shown  # the English details stay folded
    _run_cell(page, check)
    sync_api.expect(report).to_contain_text("Chưa kiểm tra: lần chạy gần nhất của ô bài làm bị lỗi.")
    sync_api.expect(report).not_to_contain_text("Tốt lắm!")
    error.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "bt3_syntax_error_vi.png"))
    page.close()


def test_ctrl_a_then_typing_in_a_written_answer_changes_that_answer_only(lab: Lab, browser) -> None:
    release = lab.root / "exercises" / "release" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb"
    copy = lab.root / "bai_viet.ipynb"
    shutil.copy(release, copy)
    before = json.loads(copy.read_text(encoding="utf-8"))
    page = browser.new_page()
    panel = _open(page, f"{lab.url}/lab/tree/bai_viet.ipynb?reset&token={TOKEN}")
    cells = panel.locator(".jp-Notebook .jp-Cell")
    target = next(i for i, c in enumerate(before["cells"])
                  if c["metadata"].get("nbgrader", {}).get("grade_id") == "tra_loi_1")
    answer = cells.nth(target)
    answer.scroll_into_view_if_needed()
    answer.click()  # one click puts the cursor in the answer
    sync_api.expect(panel.locator(".jp-Notebook.jp-mod-editMode")).to_have_count(1)
    paragraph = ("Ký kết chưa phải là kết quả: hoạt động 2 có ký biên bản ghi nhớ, Sở Kế hoạch và Đầu tư theo dõi "
                 "đến hạn 31/12/2024. Chỉ số đo cam kết: số dự án được cấp chủ trương đầu tư.")
    page.keyboard.press("Control+a")
    page.keyboard.type(paragraph[:12])  # key by key: letters that are shortcuts in command mode go into the text
    _type(page, paragraph[12:])
    page.keyboard.press("Escape")
    for key in ("r", "y", "m", "a", "b", "x", "c", "v", "z", "d", "d", "Shift+m", "Control+a", "1"):
        page.keyboard.press(key)  # the shortcuts that change, move or delete cells do nothing here
    page.keyboard.press("Control+s")
    sync_api.expect(page.locator(".jp-mod-dirty")).to_have_count(0)
    after = json.loads(copy.read_text(encoding="utf-8"))
    assert len(after["cells"]) == len(before["cells"])
    for i, (old, new) in enumerate(zip(before["cells"], after["cells"], strict=True)):
        assert (new["cell_type"], new["metadata"]) == (old["cell_type"], old["metadata"]), i
        expected = paragraph if i == target else "".join(old["source"])
        assert "".join(new["source"]) == expected, i
    # JupyterLab records the kernel's language_info when it connects; nothing else of the notebook changes
    assert {k: v for k, v in after["metadata"].items() if k != "language_info"} == \
        {k: v for k, v in before["metadata"].items() if k != "language_info"}
    page.close()


def test_code_cells_show_vietnamese_in_the_font_the_course_ships(lab: Lab, browser) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('# ✏️ PHẦN BẠN ĐIỀN: Huế, Thừa Thiên Huế\nprint("Huế — PHẦN BẠN ĐIỀN")')]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / "phong_chu.ipynb")
    page = browser.new_page()
    panel = _open(page, f"{lab.url}/lab/tree/phong_chu.ipynb?reset&token={TOKEN}")
    cell = panel.locator(".jp-CodeCell").first
    _run_cell(page, cell)
    output = cell.locator(".jp-OutputArea-output")
    sync_api.expect(output).to_contain_text("Huế — PHẦN BẠN ĐIỀN")
    page.evaluate("document.fonts.ready")
    for element in (cell.locator(".cm-content"), output.locator("pre")):
        family = element.evaluate("e => getComputedStyle(e).fontFamily")
        assert family.startswith('"Ngoaivu Noto Sans Mono"'), family
    assert page.evaluate("document.fonts.check(\"13px 'Ngoaivu Noto Sans Mono'\", 'Huế PHẦN BẠN ĐIỀN')")
    loaded = page.evaluate("Array.from(document.fonts).filter(f => f.family.includes('Ngoaivu') && "
                           "f.status === 'loaded').length")
    assert loaded >= 1  # the Latin and Vietnamese subsets in one file, served by the course's own server
    assert cell.locator(".cm-lineNumbers").count() == 1  # line numbers on in code cells
    page.evaluate("document.documentElement.style.setProperty('--jp-code-font-size', '28px')")  # legible marks
    cell.screenshot(path=str(ARTIFACTS / "code_font_hue.png"))
    page.close()


LESSONS = sorted(p.name for p in (REPO / "course").glob("*.ipynb"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_an_untouched_lesson_opens_clean_and_closes_without_asking(lab: Lab, browser, lesson: str) -> None:
    """Issue 21: opening a lesson (its kernel started, its metadata read) leaves nothing to save, so closing it
    asks nothing."""
    page = browser.new_page()
    _open(page, f"{lab.url}/lab/tree/course/{lesson}?reset&token={TOKEN}")
    page.wait_for_timeout(1500)  # kernel info and any late metadata update arrive after idle
    sync_api.expect(page.locator(".lm-TabBar-tab.jp-mod-current.jp-mod-dirty")).to_have_count(0)
    page.locator(".lm-TabBar-tab.jp-mod-current .lm-TabBar-tabCloseIcon").click()
    sync_api.expect(page.locator(".jp-Dialog")).to_have_count(0)
    page.close()
