"""The trainee's kernel explains Python errors in Vietnamese (grader.kernel_vi) and the self-check refuses to
check an answer whose cell last failed. Unit tests on the explanations, and one real kernel started through the
kernel spec the course ships (jupyter/data/kernels/python3), as JupyterLab starts it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader import kernel_vi
from grader.launch import JUPYTER_DATA, lab_environment
from grader.selfcheck import kiem_tra

TEMPLATE_START = 'ke_hoach = """\nĐịa phương: Thừa Thiên Huế\n'


def _explain_source(source: str) -> kernel_vi.Explanation:
    try:
        compile(source, "<cell>", "exec")
    except SyntaxError as exc:
        return kernel_vi.explain(exc, source)
    raise AssertionError("the source compiles")


@pytest.mark.parametrize(("source", "line", "cause"), [
    (TEMPLATE_START + "Thời gian: 30/6/2024\n", 1, 'Dấu ba nháy kép """ mở ở dòng 1 chưa được đóng'),
    ('x = {"a": 1 "b": 2}\n', 1, "Thiếu dấu phẩy"),
    ('x = "Huế\n', 1, "Thiếu dấu nháy kép"),
    ("y = [1, 2\n", 1, "Dấu ngoặc “[” mở ở dòng 1 chưa được đóng"),
    ('x = {"a": [1, 2}\n', 1, "không khớp"),
    (TEMPLATE_START + '"""\nThời gian: 30/6/2024\n', 4, 'Có chữ nằm ngoài phần """ ... """'),
    (TEMPLATE_START + 'Mô tả: hội nghị """ đầu tư\nThời gian: 1\n"""\n', 5, 'Trong ô có 3 lần dấu """'),
    ("tong = 2.000.000.000\n", 1, "số viết ngoài dấu nháy"),
    ("  x = 1\n", 1, "thụt lề"),
])
def test_a_syntax_error_is_named_in_vietnamese_with_its_line_and_likely_cause(source, line, cause):
    explanation = _explain_source(source)
    assert explanation.kind == "syntax" and explanation.line == line
    assert explanation.title.startswith("Lỗi cú pháp ở dòng")
    assert any(cause in c for c in explanation.causes), explanation.causes
    assert (line, source.splitlines()[line - 1]) in explanation.excerpt
    text = explanation.text()
    assert "Traceback" not in text and "SyntaxError" not in text and f"➜ {line:>3} |" in text
    assert explanation.failure.summary == f"lỗi cú pháp ở dòng {line}"


def test_a_name_error_on_the_answer_says_which_cell_to_run_first():
    try:
        exec(compile("kiem_tra(ke_hoach)", "<cell>", "exec"), {"kiem_tra": print})
    except NameError as exc:
        explanation = kernel_vi.explain(exc, "kiem_tra(ke_hoach)")
    assert explanation.title == "Cần chạy ô bài làm (ô có dòng “ke_hoach = ...”) trước ô này."
    assert "chưa được chạy" in explanation.causes[0]
    assert "Shift + Enter" in explanation.fixes[0]


def test_other_errors_get_a_short_vietnamese_explanation_and_the_traceback_only_behind_details():
    try:
        1 / 0  # noqa: B018
    except ZeroDivisionError as exc:
        explanation = kernel_vi.explain(exc, "1 / 0")
    assert "chia cho 0" in explanation.causes[0]
    page = explanation.html("Traceback (most recent call last):\nZeroDivisionError: division by zero")
    before, details = page.split("<details", 1)
    assert "ZeroDivisionError" not in before and "ZeroDivisionError" in details
    assert "Chi tiết kỹ thuật" in details


def test_names_bound_by_a_cell_are_found_even_when_it_does_not_parse():
    assert kernel_vi.assigned_names('ke_hoach = """\nĐịa phương: Huế\n') == {"ke_hoach"}
    assert kernel_vi.assigned_names('ke_hoach = """\nx = 1\n"""\nprint(ke_hoach)') == {"ke_hoach"}
    assert kernel_vi.assigned_names("a, b = 1, 2\nif a:\n    c = 3") == {"a", "b"}


def test_self_check_refuses_the_older_value_after_the_answer_cell_failed(monkeypatch):
    failure = kernel_vi.CellFailure("syntax", 7, "lỗi cú pháp ở dòng 7")
    monkeypatch.setitem(kernel_vi._failures, "ke_hoach", failure)
    report = kiem_tra({"dia_phuong": "Thừa Thiên Huế"}, bai="bt3_thua_thien_hue")
    assert report.answer_cell_failed and not report.all_passed and report.lines == ()
    text = str(report)
    assert "Chưa kiểm tra: lần chạy gần nhất của ô bài làm bị lỗi." in text
    assert "lỗi cú pháp ở dòng 7" in text and "không xét bản cũ" in text
    monkeypatch.delitem(kernel_vi._failures, "ke_hoach")
    assert not kiem_tra({"dia_phuong": "Thừa Thiên Huế"}, bai="bt3_thua_thien_hue").answer_cell_failed


@pytest.fixture
def course_kernel(tmp_path: Path) -> Iterator:
    """A kernel started from the course's kernel spec, as the course's JupyterLab starts it."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import start_new_kernel

    env = lab_environment(dict(os.environ))
    env.update(IPYTHONDIR=str(tmp_path / "ipython"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               MPLCONFIGDIR=str(tmp_path / "mpl"))
    old = dict(os.environ)
    os.environ.update(env)  # the kernel spec search reads JUPYTER_PATH from this process
    try:
        spec = KernelSpecManager().get_kernel_spec("python3")
        assert Path(spec.resource_dir) == JUPYTER_DATA / "kernels" / "python3"
        km, kc = start_new_kernel(kernel_name="python3", env=env)
    finally:
        os.environ.clear()
        os.environ.update(old)
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _run(kc, code: str) -> tuple[str, list[tuple[str, dict]]]:
    outputs: list[tuple[str, dict]] = []

    def hook(msg: dict) -> None:
        if msg["msg_type"] in ("stream", "display_data", "error", "execute_result"):
            outputs.append((msg["msg_type"], msg["content"]))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=60)
    return reply["content"]["status"], outputs


@pytest.mark.slow
def test_the_course_kernel_explains_errors_and_the_self_check_follows_the_answer_cell(course_kernel):
    kc = course_kernel
    selfcheck = 'from grader.selfcheck import kiem_tra\nkiem_tra(ke_hoach, bai="bt3_thua_thien_hue")'

    status, outputs = _run(kc, selfcheck)  # the answer cell was never run
    assert status == "error"
    shown = [c["data"]["text/plain"] for kind, c in outputs if kind == "display_data"]
    assert shown and shown[0].startswith("Cần chạy ô bài làm (ô có dòng “ke_hoach = ...”) trước ô này.")
    errors = [c for kind, c in outputs if kind == "error"]
    assert errors and errors[0]["ename"] == "NameError"  # still an error: "run all" stops, nbgrader sees it
    assert "Traceback" not in "".join(errors[0]["traceback"])

    assert _run(kc, 'ke_hoach = """\nĐịa phương: Thừa Thiên Huế\n"""')[0] == "ok"
    status, outputs = _run(kc, 'ke_hoach = """\nĐịa phương: Thừa Thiên Huế\nThời gian: 30/6/2024\n')
    assert status == "error"
    html = next(c["data"]["text/html"] for kind, c in outputs if kind == "display_data")
    assert "Lỗi cú pháp ở dòng 1" in html and "Dấu ba nháy kép" in html and "<details" in html

    status, outputs = _run(kc, selfcheck)  # ke_hoach still holds the older value: not checked
    assert status == "ok"
    report = next(c["data"]["text/plain"] for kind, c in outputs if kind == "execute_result")
    assert "Chưa kiểm tra: lần chạy gần nhất của ô bài làm bị lỗi." in report

    assert _run(kc, 'ke_hoach = """\nĐịa phương: Thừa Thiên Huế\n"""')[0] == "ok"
    status, outputs = _run(kc, selfcheck)
    report = next(c["data"]["text/plain"] for kind, c in outputs if kind == "execute_result")
    assert "Chưa kiểm tra" not in report and "tiêu chí tự kiểm tra" in report
