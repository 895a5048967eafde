"""nbgrader's and JupyterLab's screens as the trainee sees them, in a real JupyterLab (the course's start path,
plugins and translation overrides; headless Chromium): issue 21, deliverables 3 and 5."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import lab_helpers
import nbformat
import pytest
from test_browser import (  # noqa: F401 (fixtures)
    ARTIFACTS,
    TOKEN,
    Lab,
    _open,
    browser,
    lab,
    sync_api,
)

from grader.messages import catalogue, t

pytestmark = [pytest.mark.browser, pytest.mark.slow]
REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "tests" / "fixtures" / "cli_course" / "source" / "demo" / "demo.ipynb"


def _lab_text(key: str) -> str:
    return catalogue()[key]["vi"]


@pytest.fixture(scope="module")
def trainee_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Lab, Path]]:
    """The trainee's JupyterLab as `make start` starts it (grader.launch: trainee command line and environment), on
    a temporary workspace, with one exercise (the CLI tests' demo, answered) released in a temporary exchange."""
    state = tmp_path_factory.mktemp("trainee-state")
    exchange = state / "exchange"
    outbound = exchange / "ngoaivu" / "outbound" / "demo"
    outbound.mkdir(parents=True)
    shutil.copy(DEMO, outbound / "demo.ipynb")
    (exchange / "ngoaivu" / "inbound").mkdir()
    yield from _trainee_lab(tmp_path_factory, state, exchange)


def _trainee_lab(tmp_path_factory: pytest.TempPathFactory, state: Path, exchange: Path) -> Iterator[tuple[Lab, Path]]:
    workspace = tmp_path_factory.mktemp("hoc_vien")
    with lab_helpers.trainee_lab(workspace, state, exchange, token=TOKEN) as url:
        yield Lab(url, workspace), exchange


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


def _no_english(text: str) -> None:
    """None of nbgrader's English texts is left, once the Vietnamese ones (which name some buttons' English
    labels in brackets) are taken out."""
    entries = [e for k, e in catalogue().items() if k.startswith("lab.dom.")]
    for entry in sorted(entries, key=lambda e: -len(e["vi"])):
        text = text.replace(entry["vi"], "")
    left = [e["en"] for e in entries if e["en"] in text]
    assert not left, (left, text)


def test_the_assignments_tab_and_the_validate_dialog_in_vietnamese_with_the_submission_in_local_time(
        trainee_lab, browser) -> None:  # noqa: F811
    """The trainee's Assignments tab, from the Nbgrader menu: every heading, placeholder and button in Vietnamese;
    Fetch, then Validate (its dialog in Vietnamese), then Submit; the submission listed at Vietnam's time to the
    second, the time nbgrader recorded in the exchange."""
    course, exchange = trainee_lab
    page = browser.new_page()
    page.goto(f"{course.url}/lab/tree/course/00_huong_dan.ipynb?reset&token={TOKEN}")
    page.locator(".jp-NotebookPanel").first.wait_for()
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator("#jp-mainmenu-nbgrader").get_by_text(_lab_text("lab.dom.Assignment List"), exact=True).click()
    tab = page.locator("#nbgrader-assignment-list")
    sync_api.expect(page.locator(".lm-TabBar-tab", has_text=_lab_text("lab.dom.Assignments"))).to_have_count(1)
    sync_api.expect(tab.get_by_text("demo", exact=True).first).to_be_visible()
    sync_api.expect(tab).to_contain_text(_lab_text("lab.dom.Released assignments"))
    sync_api.expect(tab).to_contain_text(_lab_text("lab.dom.There are no submitted assignments."))
    _no_english(tab.inner_text())
    tab.get_by_role("button", name=_lab_text("lab.dom.Fetch"), exact=True).click()
    sync_api.expect(tab.get_by_role("button", name=_lab_text("lab.dom.Submit"), exact=True)).to_be_visible()
    assert (course.root / "bai_tap" / "demo" / "demo.ipynb").is_file()
    tab.locator(".assignment-notebooks-link").first.click()
    tab.get_by_role("button", name=_lab_text("lab.dom.Validate"), exact=True).first.click()
    dialog = page.locator(".jp-Dialog")
    sync_api.expect(dialog).to_contain_text(_lab_text("lab.dom.Validation Results"))
    sync_api.expect(dialog).to_contain_text(_lab_text("lab.dom.Success! Your notebook passes all the tests."))
    _no_english(dialog.inner_text())
    dialog.screenshot(path=str(ARTIFACTS / "validate_dialog.png"))
    dialog.locator(".jp-mod-accept").click()
    tab.get_by_role("button", name=_lab_text("lab.dom.Submit"), exact=True).click()
    submitted = tab.locator("#submitted_assignments_list")
    sync_api.expect(submitted.get_by_role("button", name=_lab_text("lab.dom.Fetch Feedback"), exact=True)
                    ).to_be_visible()
    (folder,) = (exchange / "ngoaivu" / "inbound").iterdir()
    stamp = (folder / "timestamp.txt").read_text().strip()  # nbgrader's: "2026-12-07 06:22:11.123456 UTC"
    when = dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S.%f %Z").replace(tzinfo=dt.UTC)
    local = when.astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    shown = _lab_text("lab.time.local").format(gio=local.strftime("%H:%M:%S"), ngay=local.strftime("%d/%m/%Y"))
    sync_api.expect(submitted).to_contain_text(shown)
    text = tab.inner_text()
    assert stamp not in text and "UTC" not in text and not re.search(r"\d\d:\d\d:\d\d\.\d", text), text
    _no_english(text)
    tab.screenshot(path=str(ARTIFACTS / "assignments_tab.png"))
    page.close()


def vietnamese_letters() -> list[str]:
    """The 134 letters of Vietnamese that carry a mark: each of the 12 vowels with each of the 5 tones, ă â ê ô ơ
    ư and đ, in both cases (precomposed, NFC)."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    lower = {unicodedata.normalize("NFC", v + tone) for v in "aăâeêioôơuưy" for tone in tones}
    lower |= set("ăâêôơưđ")
    letters = sorted(lower) + sorted(c.upper() for c in lower)
    assert len(letters) == 134
    return letters


def _written(letter: str, form: str) -> str:
    """``letter`` as a keyboard writes it: NFC (precomposed, Unikey's "Unicode dựng sẵn"), NFD (every mark
    combining), or "composite" (the vowel's shape precomposed, the tone combining: Unikey's "Unicode tổ hợp")."""
    import unicodedata

    if form != "composite":
        return unicodedata.normalize(form, letter)
    decomposed = unicodedata.normalize("NFD", letter)
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    tone = "".join(c for c in decomposed if c in tones)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones)) + tone


@pytest.mark.parametrize("form", ["NFC", "NFD", "composite"])
def test_every_vietnamese_letter_is_drawn_by_the_shipped_font(lab: Lab, browser, form: str) -> None:  # noqa: F811
    """Each letter, precomposed (NFC) or with combining marks (NFD, as Unikey's "Unicode tổ hợp" may write it),
    in the code font of the course's JupyterLab: the only font Chromium draws it with (DevTools
    CSS.getPlatformFontsForNode) is the shipped Noto Sans Mono, never a system fallback."""

    letters = [_written(c, form) for c in vietnamese_letters()]
    page = browser.new_page()
    page.goto(f"{lab.url}/lab?reset&token={TOKEN}")
    page.locator("#jp-main-dock-panel").wait_for()
    page.evaluate("""letters => {
        const box = document.createElement('div');
        box.id = 'ngoaivu-letters';
        box.style.cssText = 'position: fixed; top: 0; left: 0; right: 0; z-index: 100000; background: white; '
            + 'padding: 8px; font-family: var(--jp-code-font-family); font-size: 24px; line-height: 1.6';
        letters.forEach((letter, i) => {
            const span = document.createElement('span');
            span.id = 'chu-' + i;
            span.textContent = letter;
            box.append(span, ' ');
        });
        document.body.prepend(box);
    }""", letters)
    page.evaluate("async () => { await document.fonts.ready; }")
    page.wait_for_function("Array.from(document.fonts).filter(f => f.family.includes('Ngoaivu') "
                           "&& f.status === 'loaded').length >= 1")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    wrong = {}
    for i, letter in enumerate(letters):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"#chu-{i}"})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        if not fonts or any(not (f["isCustomFont"] and "Noto Sans Mono" in f["familyName"]) for f in fonts):
            wrong[letter] = [(f["familyName"], f["glyphCount"]) for f in fonts]
    page.locator("#ngoaivu-letters").screenshot(path=str(ARTIFACTS / f"letters_{form}.png"))
    page.close()
    assert not wrong, f"{len(wrong)} of 134 letters ({form}) not drawn by the shipped font: {wrong}"


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Lab, Path, Path]]:
    """A course copy with bt3 released by ``ngoaivu release`` into a temporary exchange (the trainee on its roster),
    and the trainee's lab on it: (lab, exchange, course root)."""
    from nbgrader_helpers import CourseCopy

    from grader.cli import main as ngoaivu

    state = tmp_path_factory.mktemp("walk-state")
    exchange = state / "exchange"
    exchange.mkdir()
    course = CourseCopy.of(tmp_path_factory.mktemp("walk-course"), assignments=["bt3_thua_thien_hue"])
    roster = state / "roster.csv"
    roster.write_text("id,full_name,province\nhv021,Trần Thị Mai,Thừa Thiên Huế\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NGOAIVU_EXCHANGE", str(exchange))
        assert ngoaivu(["setup", "--course", str(course.root), "--roster", str(roster)]) == 0
        assert ngoaivu(["release", "--course", str(course.root)]) == 0
    for lab_and_exchange in _trainee_lab(tmp_path_factory, state, exchange):
        yield (*lab_and_exchange, course.root)


def test_the_trainee_s_walk_from_lesson_00_to_the_feedback_in_vietnamese(walk, browser) -> None:  # noqa: F811
    """Issue 21's walk: lesson 00, fetch bt3 in the Assignments tab, type the plan as Unikey's "Unicode tổ hợp"
    writes it (combining marks) with the usual slips: a label missing its colon, an empty "Đối tác:",
    dates as 15/1/2027 and "1,2 tỷ đồng"; the self-check names the colon's line and the missing partners and takes
    the dates and amounts as written; fix both there, submit; the instructor grades; fetch and read the feedback.
    Every nbgrader screen on the way is in Vietnamese."""
    from test_browser import _answer_source, _doc_lines, _run_cell, _set_cursor, _type, _type_lines, _typing_plan

    from grader.cli import main as ngoaivu

    course, exchange, root = walk
    page = browser.new_page()
    panel = _open(page, f"{course.url}/lab/tree/course/00_huong_dan.ipynb?reset&token={TOKEN}")
    sync_api.expect(panel.locator(".jp-Notebook")).to_contain_text("Làm quen với khoá học")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator("#jp-mainmenu-nbgrader").get_by_text(_lab_text("lab.dom.Assignment List"), exact=True).click()
    tab = page.locator("#nbgrader-assignment-list")
    tab.get_by_role("button", name=_lab_text("lab.dom.Fetch"), exact=True).click()
    sync_api.expect(tab.get_by_role("button", name=_lab_text("lab.dom.Submit"), exact=True)).to_be_visible()
    _no_english(tab.inner_text())

    assert (course.root / "bai_tap" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb").is_file()
    panel = _open(page, f"{course.url}/lab/tree/bai_tap/bt3_thua_thien_hue/bt3_thua_thien_hue.ipynb"
                        f"?reset&token={TOKEN}")
    answer = panel.locator(".jp-CodeCell", has_text='ke_hoach = """').first
    editor = answer.locator(".cm-content")
    answer.scroll_into_view_if_needed()
    template, solution = _answer_source()
    plan = _typing_plan(template, solution)
    typed_whole = [line for _, _, below in plan for line in below]
    slip = next(i for i, line in enumerate(typed_whole) if line.startswith("Kinh phí:"))
    slipped = typed_whole[slip].replace("Kinh phí:", "Kinh phí", 1)
    partners = "cơ quan đại diện, Bộ Ngoại giao"  # the first activity's partners, typed into the template's line
    assert [text for _, text, _ in plan].count(partners) == 1

    def as_typed(text: str) -> str:  # Unikey's combining marks, and the values as officers write them
        text = text.replace("1.200.000.000 đồng", "1,2 tỷ đồng")  # dates are typed as 15/1/2027 already
        return unicodedata.normalize("NFD", text)

    for number, text, below in reversed(plan):
        start = sum(len(b) for n, _, b in plan if n < number)
        _set_cursor(editor, number)
        if text and text != partners:  # the first activity's "Đối tác:" is left empty
            _type(page, as_typed(text))
        _type_lines(page, [as_typed(slipped if start + i == slip else line) for i, line in enumerate(below)])
    check = panel.locator(".jp-CodeCell", has_text="kiem_tra(ke_hoach").first
    report = check.locator(".jp-OutputArea-output")
    _run_cell(page, answer)
    _run_cell(page, check)
    lines = [unicodedata.normalize("NFC", line) for line in _doc_lines(editor)]
    number = next(i for i, line in enumerate(lines, start=1) if line == slipped)
    sync_api.expect(report).to_contain_text(f"Dòng {number} “")
    sync_api.expect(report).to_contain_text("thiếu dấu hai chấm sau “Kinh phí”")
    sync_api.expect(report).to_contain_text("chưa có đối tác nào")
    shown = report.inner_text()
    assert "không đọc được" not in shown and "1,2 tỷ" not in shown  # 15/1/2027 and 1,2 tỷ đồng read as written
    page.screenshot(path=str(ARTIFACTS / "walk_named_line.png"))
    _set_cursor(editor, number, len(as_typed("Kinh phí")))
    _type(page, ":")
    empty = next(i for i, line in enumerate(_doc_lines(editor), start=1) if line.rstrip() == "Đối tác:")
    _set_cursor(editor, empty)
    _type(page, as_typed(partners))
    _run_cell(page, answer)
    _run_cell(page, check)
    sync_api.expect(report).to_contain_text("Tốt lắm!")
    assert "thiếu dấu hai chấm" not in report.inner_text()
    # One written answer: a click puts the cursor in it, Ctrl+A, type (the other is left as released).
    released = json.loads((course.root / "bai_tap" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb"
                           ).read_text(encoding="utf-8"))
    target = next(i for i, c in enumerate(released["cells"])
                  if c["metadata"].get("nbgrader", {}).get("grade_id") == "tra_loi_1")
    written = panel.locator(".jp-Notebook .jp-Cell").nth(target)
    written.scroll_into_view_if_needed()
    written.click()
    sync_api.expect(panel.locator(".jp-Notebook.jp-mod-editMode")).to_have_count(1)
    page.keyboard.press("Control+a")
    _type(page, "Biên bản ghi nhớ chỉ là bước đầu: Sở Tài chính theo dõi đến hạn 31/12/2027.")
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')")

    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").click()
    page.locator("#jp-mainmenu-nbgrader").get_by_text(_lab_text("lab.dom.Assignment List"), exact=True).click()
    tab.get_by_role("button", name=_lab_text("lab.dom.Submit"), exact=True).click()
    feedback_button = tab.locator("#submitted_assignments_list").get_by_role(
        "button", name=_lab_text("lab.dom.Fetch Feedback"), exact=True).first  # nbgrader may list it twice
    sync_api.expect(feedback_button).to_be_visible()
    sync_api.expect(tab.locator("#submitted_assignments_list")).to_contain_text("(giờ Việt Nam)")
    inbound = exchange / "ngoaivu" / "inbound"
    deadline = time.monotonic() + 30  # the list shows the trainee's cache; the exchange copy is what is collected
    while not list(inbound.glob("*+bt3_thua_thien_hue+*/bt3_thua_thien_hue.ipynb")) and time.monotonic() < deadline:
        time.sleep(0.2)

    with pytest.MonkeyPatch.context() as mp:  # the instructor's side
        mp.setenv("NGOAIVU_EXCHANGE", str(exchange))
        assert ngoaivu(["collect", "--course", str(root), "bt3_thua_thien_hue"]) == 0
        assert ngoaivu(["autograde", "--course", str(root)]) == 0
        assert ngoaivu(["feedback", "--course", str(root)]) == 0

    feedback_button.click()
    view = tab.get_by_text(_lab_text("lab.dom.(view feedback)"))
    sync_api.expect(view.first).to_be_visible()
    _no_english(tab.inner_text())
    view.first.click()  # nbgrader shows the feedback's folder in the file browser; the trainee opens the page
    crumbs = page.locator(".jp-BreadCrumbs")
    sync_api.expect(crumbs).to_contain_text("UTC")  # the feedback's folder keeps its real name (nbgrader's time)
    assert "giờ Việt Nam" not in crumbs.inner_text()
    page.locator(".jp-DirListing-item", has_text="bt3_thua_thien_hue.html").first.dblclick()
    shown = page.frame_locator(".jp-HTMLViewer:not(.lm-mod-hidden) iframe")
    body = shown.locator("body")
    sync_api.expect(body).to_contain_text("chờ giảng viên chấm")  # the answer written, not marked yet
    text = body.inner_text()
    assert t("feedback_page.no_response") in text  # the one left as released: 0, said in Vietnamese
    for word in ("Score", "Written response", "Test cell", "Student's answer", "Comments", "(Top)"):
        assert word not in text, word
    assert "Đạt tiêu chí" in text
    page.screenshot(path=str(ARTIFACTS / "walk_feedback.png"))
    page.close()
