"""Hostile and broken submissions, graded through the course's nbgrader_config (the hardened path).

Every attack starts from the blank release (which scores 0) and tries to score more without correct
answers, to read or write the instructor's files, or to stop the batch. Each must score no more than
the blank submission, deterministically; the batch must finish; the gradebook must stay readable.
The attacks are graded with warm kernels (forked from a warm pool, as ``ngoaivu autograde`` grades), and
the determinism test grades again with cold ones.
"""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell
from nbgrader_helpers import CourseCopy

from grader.assignments import ASSIGNMENT_IDS, get
from grader.grading.feedback import HIDDEN
from grader.grading.recheck import cham_calls, is_test_cell
from grader.grading.status import read_status

slow = pytest.mark.slow

LEAK = "NGOAIVU-LEAKED-INSTRUCTOR-FILE"


def _attack_code(course: Path) -> dict[str, str]:
    """Attacks written as a code cell appended after the (blank) answer cell."""
    gradebook = course / "gradebook.db"
    source = course / "source"
    return {
        "redefine_cham": (
            "import grader.nbtest as _m\n_m.cham = lambda *a, **k: None\ncham = lambda *a, **k: None"
        ),
        "monkeypatch_evaluate": (
            "import grader.assignments as _a, grader.nbtest as _n\nfrom grader.results import CheckResult\n"
            "_fake = lambda a, r, c: CheckResult(c, 1.0, 1.0)\n_a.evaluate = _fake\n_n.evaluate = _fake"
        ),
        "input_transformer": (
            "def _skip(lines):\n    return ['pass\\n'] if any('cham(' in l for l in lines) else lines\n"
            "get_ipython().input_transformers_post.append(_skip)"
        ),
        "silence_tracebacks": (
            "import sys\nip = get_ipython()\nip.showtraceback = lambda *a, **k: None\n"
            "ip._showtraceback = lambda *a, **k: None\nsys.excepthook = lambda *a: None"
        ),
        "rebind_builtins": (
            "import builtins\nclass _Quiet(BaseException):\n    pass\nbuiltins.AssertionError = _Quiet"
        ),
        "read_instructor_files": (
            "import glob\nfor p in [" + repr(str(gradebook)) + "] + glob.glob("
            + repr(str(source) + "/*/*.ipynb") + "):\n"
            "    try:\n        open(p, 'rb').read(10)\n"
            "        print(" + repr(LEAK[:8]) + " + " + repr(LEAK[8:]) + ", p)\n"
            "    except OSError:\n        pass"
        ),
        "write_files": (
            "for p in [" + repr(str(course / "pwned.txt")) + ", " + repr(str(gradebook)) + "]:\n"
            "    try:\n        open(p, 'a').write('x')\n    except OSError:\n        pass"
        ),
        "exit_python": "import os\nos._exit(0)",
        "crash_kernel": "import ctypes\nctypes.string_at(0)",
        "infinite_loop": "while True:\n    pass",
        "huge_output": "print('x' * 50_000_000)",
        "exception": "raise ValueError('boom')",
        "memory_bomb": "block = bytearray(64 * 1024**3)",
    }


def _with_cell(nb: nbformat.NotebookNode, code: str) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    answer = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    nb.cells.insert(answer + 1, new_code_cell(code))
    return nb


def _edited(nb: nbformat.NotebookNode, how: str) -> nbformat.NotebookNode:
    nb = copy.deepcopy(nb)
    tests = [i for i, c in enumerate(nb.cells) if is_test_cell(c)]
    if how == "delete_test_cell":
        del nb.cells[tests[0]]
    elif how == "edit_test_cell":
        nb.cells[tests[0]].source = "pass"
    elif how == "edit_metadata":
        meta = nb.cells[tests[0]].metadata.nbgrader
        meta["points"] = 1000
        nb.cells[tests[1]].metadata.nbgrader["grade"] = False
    return nb


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory):
    course = CourseCopy.of(tmp_path_factory.mktemp("hostile"))
    config = course.root / "nbgrader_config.py"
    config.write_text(config.read_text(encoding="utf-8") + "\nc.Execute.timeout = 5\n"
                      "c.SafeExecute.notebook_timeout = 60\n", encoding="utf-8")
    course = CourseCopy.of(tmp_path_factory.mktemp("hostile-reloaded"), source=course.root)
    course.release()
    attacks = _attack_code(course.root)
    plan: dict[str, list[str]] = {}
    for aid in ASSIGNMENT_IDS:
        release = course.release_notebook(aid)
        names = ["blank", "solution"]
        course.submit("blank", aid, release)
        course.submit("solution", aid, course.source_notebook(aid))
        chosen = list(attacks) if aid == "bt3_thua_thien_hue" else ["redefine_cham", "monkeypatch_evaluate",
                                                                      "input_transformer", "exit_python"]
        for name in chosen:
            course.submit(name, aid, _with_cell(release, attacks[name]))
            names.append(name)
        if aid == "bt3_thua_thien_hue":
            for how in ("delete_test_cell", "edit_test_cell", "edit_metadata"):
                course.submit(how, aid, _edited(release, how))
                names.append(how)
            course.submit("invalid_json", aid, "{ this is not a notebook")
            names.append("invalid_json")
            wrong = course.submit("wrong_file_name", aid, release)
            wrong.rename(wrong.with_name("bai_lam_cua_toi.ipynb"))
            names.append("wrong_file_name")
            missing = course.submit("missing_notebook", aid, release)
            missing.unlink()
            names.append("missing_notebook")
        plan[aid] = names
    # As ngoaivu autograde grades: parallel workers, warm kernels (later gradings of these tests: cold kernels)
    course.autograde_batch(list(plan), {name for names in plan.values() for name in names}, check=False)
    return course, plan


@slow
def test_no_attack_scores_above_the_blank_submission(attacked):
    course, plan = attacked
    for aid, names in plan.items():
        scores = course.auto_scores(aid)
        blank = round(sum(scores["blank"].values()), 2)
        assert blank == 0, (aid, {k: v for k, v in scores["blank"].items() if v})
        for name in names:
            if name == "solution":
                continue
            earned = round(sum(scores.get(name, {}).values()), 2)
            assert earned <= blank, (aid, name, earned)


@slow
def test_the_solution_earns_full_marks_with_the_defences_on(attacked):
    course, plan = attacked
    for aid in plan:
        assert course.total_auto(aid, "solution") == course.max_points(aid)[0], aid
        status = read_status(course.course.folder("autograded") / "solution" / aid / f"{aid}.ipynb")
        assert status is not None and status.ok, aid


@slow
def test_instructor_files_are_not_read_or_written(attacked):
    course, _ = attacked
    graded = course.course.folder("autograded") / "read_instructor_files" / "bt3_thua_thien_hue"
    nb = nbformat.read(str(graded / "bt3_thua_thien_hue.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert LEAK not in printed
    assert not (course.root / "pwned.txt").exists()
    with course.course.gradebook() as gb:  # the gradebook is intact and readable
        assert gb.find_student("blank").id == "blank"


@slow
def test_broken_notebooks_are_recorded_as_ungradable_with_a_reason(attacked):
    course, _ = attacked
    autograded = course.course.folder("autograded")
    for name in ("exit_python", "crash_kernel"):
        status = read_status(autograded / name / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb")
        assert status is not None and not status.ok and status.reason == messages.t("grading.reason.kernel_died"), name
    ok = read_status(autograded / "blank" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb")
    assert ok is not None and ok.ok


@slow
def test_huge_output_is_capped_in_bytes(attacked):
    course, _ = attacked
    path = course.course.folder("autograded") / "huge_output" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb"
    assert path.stat().st_size < 1_000_000
    assert "quá dài" in path.read_text(encoding="utf-8")


@slow
def test_grading_is_deterministic(attacked):
    course, plan = attacked
    aid = "bt1_phan_loai"
    before = course.auto_scores(aid)
    course.autograde(aid, plan[aid], check=False)
    assert course.auto_scores(aid) == before


@slow
def test_feedback_shows_no_hidden_test_and_no_traceback(attacked):
    course, _ = attacked
    aid = "bt3_thua_thien_hue"
    source = nbformat.read(str(course.source_notebook(aid)), as_version=4)
    hidden = [m.group(0) for c in source.cells if is_test_cell(c) for m in HIDDEN.finditer(c.source)]
    hidden_calls = [call.criterion for block in hidden for call in cham_calls(block)]
    assert hidden_calls
    page = course.feedback(aid, ["blank"])["blank"].read_text(encoding="utf-8")
    feedback = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "BEGIN HIDDEN TESTS" not in feedback
    for criterion in hidden_calls:
        assert f'cham("{aid}", "{criterion}"' not in feedback
    assert "Traceback (most recent call last)" not in feedback and "grader/nbtest.py" not in feedback
    assert "Chưa đạt tiêu chí" in feedback
    load_course_criteria(course.root)
    try:
        assert len(get(aid).hidden_criteria) == len(set(hidden_calls))
    finally:
        assignments.unload_hidden()


def test_solution_data_survives_the_export_round_trip():
    from grader.examples import ke_hoach_mau_thua_thien_hue
    from grader.grading.export import EXPORT_OK, plain
    from grader.grading.recheck import export_source, read_export

    ke_hoach = ke_hoach_mau_thua_thien_hue()
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(export_source("ke_hoach"), {"ke_hoach": ke_hoach})
    exported = read_export([{"output_type": "stream", "text": buf.getvalue()}])
    assert exported is not None and exported.status == EXPORT_OK
    assert exported.value == plain(ke_hoach) == json.loads(json.dumps(ke_hoach))



# --- the answer path through real nbgrader: partial credit, answer errors --------------------------------------


def _solution_value(course: CourseCopy, aid: str) -> object:
    from nbgrader_helpers import solution_source

    variable = get(aid).answer_variable
    namespace: dict = {}
    exec(solution_source(nbformat.read(str(course.source_notebook(aid)), as_version=4), variable), namespace)
    return namespace[variable]


@pytest.fixture(scope="module")
def answer_cases(tmp_path_factory: pytest.TempPathFactory):
    """Submissions whose answers the grading path must read exactly as the trainee's own checks did."""
    from nbgrader_helpers import set_answer, solution_source

    course = CourseCopy.of(tmp_path_factory.mktemp("answers"), assignments=("bt1_phan_loai", "bt5_ke_hoach_tinh"))
    course.release()
    cases: dict[str, dict[str, object]] = {"bt1_phan_loai": {}, "bt5_ke_hoach_tinh": {}}
    bt1 = {"dau_tu_hue": {"linh_vuc": 3, "tru_cot": 2}, "di_san_hue": {"linh_vuc": [4], "tru_cot": 9},
           "gap_go": {"linh_vuc": "3", "tru_cot": 2.0}}
    cases["bt1_phan_loai"]["partial"] = bt1
    plan = _solution_value(course, "bt5_ke_hoach_tinh")
    if isinstance(plan, str):
        from grader.plan_text import parse_plan_text

        plan = parse_plan_text(plan).data
    plan = copy.deepcopy(plan)  # the total budget NaN, an activity's start a date object
    plan["tong_kinh_phi"] = float("nan")
    plan["hoat_dong"][1]["bat_dau"] = dt.date(2024, 2, 1)
    cases["bt5_ke_hoach_tinh"]["nan_and_date"] = plan
    students: set[str] = set()
    for aid, answers in cases.items():
        variable = get(aid).answer_variable
        release = course.release_notebook(aid)
        for name, value in answers.items():
            source = f"import datetime\nnan = float('nan')\n{variable} = {_literal(value)}\n"
            course.submit(name, aid, set_answer(release, variable, source))
        broken = solution_source(nbformat.read(str(course.source_notebook(aid)), as_version=4), variable)
        broken_source = broken.rstrip("\n") + "\n)\n"
        course.submit("syntax_error", aid, set_answer(release, variable, broken_source))
        course.submit("deleted_answer", aid, set_answer(release, variable, "# xoá hết\n"))
        students |= {*answers, "syntax_error", "deleted_answer"}
        cases[aid]["syntax_error_line"] = broken_source.count("\n")
    course.autograde_batch(list(cases), students, check=False)  # as ngoaivu autograde grades: one batch
    return course, cases


def _literal(value: object) -> str:
    """Python source for plain data holding NaN and dates (the way a trainee could write it)."""
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, dt.date):
        return f"datetime.date({value.year}, {value.month}, {value.day})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return repr(value)


@slow
def test_grading_gives_each_criterion_the_points_the_trainee_saw(answer_cases):
    course, cases = answer_cases
    load_course_criteria(course.root)
    try:
        for aid, answers in cases.items():
            scores = course.auto_scores(aid)
            for name, value in answers.items():
                if name == "syntax_error_line":
                    continue
                expected = {f"test_{c.key}": assignments.evaluate(aid, value, c.key).earned
                            for c in get(aid).criteria}
                assert scores[name] == pytest.approx(expected), (aid, name)
                assert 0 < sum(expected.values()) < get(aid).total_points, (aid, name)  # partial credit
                status = read_status(course.course.folder("autograded") / name / aid / f"{aid}.ipynb")
                assert status is not None and status.ok, (aid, name)
    finally:
        assignments.unload_hidden()


@slow
def test_an_answer_cell_error_is_graded_0_and_explained_not_called_empty(answer_cases):
    course, cases = answer_cases
    for aid in cases:
        line = cases[aid]["syntax_error_line"]
        for name, status_name, said in [("syntax_error", ANSWER_ERROR, f"lỗi cú pháp ở dòng {line}"),
                                        ("deleted_answer", ANSWER_MISSING, get(aid).answer_variable)]:
            assert sum(course.auto_scores(aid)[name].values()) == 0, (aid, name)
            path = course.course.folder("autograded") / name / aid / f"{aid}.ipynb"
            status = read_status(path)
            assert status is not None and status.status == status_name and status.graded, (aid, name, status)
            nb = nbformat.read(str(path), as_version=4)
            texts = ["".join(o.get("text", "") for o in c.outputs) for c in nb.cells if is_test_cell(c)]
            assert texts and all(said in text for text in texts), (aid, name, texts[:1])
            assert not any(messages.t("value.none") in text for text in texts), (aid, name)
        why = read_status(course.course.folder("autograded") / "syntax_error" / aid / f"{aid}.ipynb").message
        assert why.key == "grading.reason.answer_syntax" and why.params["line"] == line, why

# --- the answer path: export, partial credit, hidden criteria (no kernel) -------------------------------------

import contextlib  # noqa: E402
import datetime as dt  # noqa: E402
import io  # noqa: E402
import math  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
from collections.abc import Mapping  # noqa: E402

from nbgrader.utils import determine_grade  # noqa: E402
from nbgrader_helpers import REPO, load_course_criteria  # noqa: E402

from grader import assignments, messages  # noqa: E402
from grader.grading import export as ex  # noqa: E402
from grader.grading import recheck as rc  # noqa: E402
from grader.grading.status import (  # noqa: E402
    ANSWER_ERROR,
    ANSWER_MISSING,
    ANSWER_UNREADABLE,
    STATUSES,
    GradingStatus,
    status_of,
    write_status,
)
from grader.nbtest import cham, verdict  # noqa: E402
from grader.results import Finding  # noqa: E402


def _export(namespace: dict) -> ex.Exported | None:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(rc.export_source("ke_hoach"), dict(namespace))
    return rc.read_export([{"output_type": "stream", "name": "stdout", "text": buf.getvalue()}])


class _RaisingMapping(Mapping):
    """A mapping whose every read raises."""

    def __getitem__(self, key: object) -> object:
        raise RuntimeError("no")

    def __iter__(self):
        raise RuntimeError("no")

    def __len__(self) -> int:
        raise RuntimeError("no")


def test_export_carries_every_value_the_trainee_saw():
    np = pytest.importorskip("numpy")
    value = {
        "nan": float("nan"), "inf": [float("inf"), -math.inf], "huge": 10**5000, "neg": -(2**80),
        "date": dt.date(2024, 6, 30), "datetime": dt.datetime(2024, 6, 30, 8, 15), "tuple": (1, ("a", None)),
        "set": {1, 2}, "frozen": frozenset({"x"}), 3: "int key", (1, 2): "tuple key", None: "none key",
        "$dollar": "a key starting with $", "np": [np.int64(7), np.float64(2.5), np.bool_(True)],
        "text": "Thừa Thiên Huế \ud800 \x00 \u200b", "object": object(), "deep": [[[[[[[[[[1]]]]]]]]]],
    }
    exported = _export({"ke_hoach": value})
    assert exported is not None and exported.status == ex.EXPORT_OK
    got = exported.value
    assert math.isnan(got["nan"]) and got["inf"] == [math.inf, -math.inf]
    assert got["huge"] == 10**5000 and got["neg"] == -(2**80)
    assert got["date"] == dt.date(2024, 6, 30) and type(got["date"]) is dt.date
    assert got["datetime"] == dt.datetime(2024, 6, 30, 8, 15)
    assert got["tuple"] == (1, ("a", None)) and got["set"] == {1, 2} and got["frozen"] == frozenset({"x"})
    assert got[3] == "int key" and got[(1, 2)] == "tuple key" and got[None] == "none key"
    assert got["$dollar"] == "a key starting with $" and got["text"] == value["text"]
    assert got["np"] == [7, 2.5, True] and [type(x) for x in got["np"]] == [int, float, bool]
    assert got["object"] == ex.Opaque("object") and got["deep"] == value["deep"]
    plain = ex.plain(value)
    assert {k: v for k, v in got.items() if k != "nan"} == {k: v for k, v in plain.items() if k != "nan"}


def test_an_answer_that_cannot_be_exported_is_unreadable_with_its_reason_never_empty():
    shared: list = [0] * 50
    for _ in range(6):
        shared = [shared] * 50  # 50**6 values through shared references
    for value, reason in [(shared, "too large"), (_RaisingMapping(), "RuntimeError"),
                          ("x" * (ex.MAX_TEXT + 1), "too large")]:
        exported = _export({"ke_hoach": value})
        assert exported is not None and exported.status == ex.EXPORT_UNREADABLE, reason
        assert exported.reason is not None and exported.finding is not None
        assert reason in messages.t(exported.reason.key, locale="en", **exported.reason.params)
        problem = rc.answer_problem(nbformat.v4.new_notebook(), "ke_hoach", exported)
        assert problem is not None and problem.status == ANSWER_UNREADABLE
        # the trainee's own check says the same, with the same 0
        result = assignments.evaluate("bt3_thua_thien_hue", value, "muc_tieu")
        assert result.earned == 0 and result.findings == (exported.finding,)


def test_an_unbound_answer_variable_is_recorded_as_missing():
    exported = _export({})
    assert exported is not None and exported.status == ex.EXPORT_MISSING
    problem = rc.answer_problem(nbformat.v4.new_notebook(), "ke_hoach", exported)
    assert problem is not None and problem.status == ANSWER_MISSING
    assert problem.reason == Finding("grading.reason.answer_missing", {"variable": "ke_hoach"})
    assert "ke_hoach" in messages.t(problem.finding.key, **problem.finding.params)


def test_forged_exports_are_unreadable_not_crashes():
    forged = ['{"format": 1, "status": "ok", "data": {"$int": "12"}}', '{"format": 1, "status": "ok"}',
              '{"format": 1, "status": "ok", "data": {"$set": [[1]]}}', "[" * 100_000 + "]" * 100_000,
              '{"format": 1, "status": "ok", "data": {"$x": 1, "y": 2}}', "not json",
              '{"format": 1, "status": "ok", "data": {"$date": "2024-13-45"}}', '{"format": 2}',
              '{"format": 1, "status": "unreadable", "code": "rm -rf", "detail": ["x"]}',
              '{"format": 1, "status": "ok", "data": ' + "[" * 40 + "]" * 40 + "}"]
    for payload in forged:
        exported = ex.read_payload(payload)
        assert exported.status == ex.EXPORT_UNREADABLE and exported.finding is not None, payload[:40]
        messages.t(exported.finding.key, **exported.finding.params)


def _answer_nb(source: str, outputs: list | None = None) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": "ke_hoach", "solution": True, "locked": False}
    cell.outputs = outputs or []
    nb.cells.append(cell)
    return nb


def test_a_syntax_error_in_the_answer_cell_is_reported_with_its_line_not_as_an_empty_answer():
    source = 'ke_hoach = {\n    "dia_phuong": "Huế"\n    "bat_dau": "2024-01-01",\n}\n'
    error = nbformat.v4.new_output("error", ename="SyntaxError", evalue="invalid syntax. Perhaps you forgot a comma?",
                                   traceback=["\x1b[0;36m  Cell \x1b[0;32mIn[3], line 3\x1b[0m", "SyntaxError"])
    for nb in (_answer_nb(source, [error]), _answer_nb(source)):  # error shown by the kernel, or found by parsing
        problem = rc.answer_problem(nb, "ke_hoach", ex.Exported(ex.EXPORT_MISSING))
        assert problem is not None and problem.status == ANSWER_ERROR
        assert problem.reason == Finding("grading.reason.answer_syntax", {"error": "SyntaxError", "line": 3})
        text = messages.t(problem.finding.key, **problem.finding.params)
        assert "lỗi cú pháp ở dòng 3" in text and messages.t("value.none") not in text
    runtime = nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])
    problem = rc.answer_problem(_answer_nb("ke_hoach = 1 / 0", [runtime]), "ke_hoach", ex.Exported(ex.EXPORT_MISSING))
    assert problem is not None and problem.status == ANSWER_ERROR
    assert problem.reason == Finding("grading.reason.answer_failed", {"error": "ZeroDivisionError"})
    # IPython syntax that runs fine in the kernel is not a syntax error when the answer is bound
    assert rc.answer_problem(_answer_nb("%time ke_hoach = {}"), "ke_hoach", ex.Exported(ex.EXPORT_OK, {})) is None


def _test_cell(aid: str, criterion: str, points: float) -> nbformat.NotebookNode:
    cell = new_code_cell(f'from grader.nbtest import cham\ncham("{aid}", "{criterion}", {get(aid).answer_variable})')
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": f"test_{criterion}", "points": points, "solution": False,
                                 "locked": True}
    return cell


def test_cham_and_the_recheck_show_the_same_findings_and_partial_credit():
    aid = "bt1_phan_loai"
    answer = {"dau_tu_hue": {"linh_vuc": 3, "tru_cot": 2}, "di_san_hue": {"linh_vuc": 9, "tru_cot": 3}}
    for criterion in get(aid).public_criteria:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            earned = cham(aid, criterion.key, answer)
        assert isinstance(earned, float) and 0 < earned < criterion.points  # partial credit, not all-or-nothing
        cell = _test_cell(aid, criterion.key, criterion.points)
        outputs = rc.judge_cell(cell, {"phan_loai": ex.plain(answer)})
        assert outputs is not None
        cell.outputs = outputs
        assert outputs[0].name == "stdout" and outputs[0].text == buf.getvalue()
        assert determine_grade(cell) == (earned, criterion.points)  # nbgrader reads the number as partial credit
        assert "Chưa đạt tiêu chí" in buf.getvalue() and "- " in buf.getvalue()


def test_every_recheck_outcome_is_a_grade_nbgrader_accepts():
    aid = "bt3_thua_thien_hue"
    finding = Finding("grading.answer_syntax_error", {"line": 7})
    problem = rc.AnswerProblem(ANSWER_ERROR, "x", finding)
    for kwargs in ({}, {"problem": problem}, {"reason": messages.t("grading.kernel_died")}):
        cell = _test_cell(aid, "muc_tieu", 1)
        cell.outputs = rc.judge_cell(cell, {"ke_hoach": {}}, **kwargs)
        assert determine_grade(cell) == (0.0, 1.0)
        if kwargs.get("problem"):
            assert messages.t(finding.key, **finding.params) in cell.outputs[0].text
    assignments.unload_hidden()
    edited = _test_cell(aid, "khong_co", 1)
    edited.outputs = rc.judge_cell(edited, {"ke_hoach": {}})  # the grader has no hidden criteria: not the trainee's
    assert determine_grade(edited) == (0.0, 1.0) and messages.t("grading.hidden_not_loaded") in edited.outputs[0].text
    load_course_criteria()
    try:
        edited.outputs = rc.judge_cell(edited, {"ke_hoach": {}})  # criteria loaded: the test cell was edited
        assert determine_grade(edited) == (0.0, 1.0)
        assert messages.t("grading.unknown_check") in edited.outputs[0].text
    finally:
        assignments.unload_hidden()


def test_statuses_name_answer_problems_apart_from_ungradable_notebooks():
    assert {ANSWER_ERROR, ANSWER_MISSING, ANSWER_UNREADABLE} < set(STATUSES)
    for status in STATUSES:
        nb = nbformat.v4.new_notebook()
        write_status(nb, GradingStatus(status, "why"))
        got = status_of(nb)
        assert got is not None and got.status == status
        assert got.graded == (status != "ungradable") and got.ok == (status == "ok")


HIDDEN_FILE = """
from grader.assignments import Criterion
from grader.results import Finding, fraction


def _has_locality(plan):
    ok = bool(plan.locality)
    return fraction("co_dia_phuong", int(ok), 1, [] if ok else [Finding("hidden.test.no_locality")])


CRITERIA = (Criterion("co_dia_phuong", "hidden.test.title", 2, True, _has_locality),)
MESSAGES = {
    "hidden.test.title": {"vi": "Nêu địa phương", "en": "Names the locality"},
    "hidden.test.no_locality": {"vi": "Kế hoạch chưa nêu địa phương.", "en": "No locality."},
}
"""


@pytest.fixture
def hidden_dir(tmp_path):
    (tmp_path / "bt3_thua_thien_hue.py").write_text(HIDDEN_FILE, encoding="utf-8")
    yield tmp_path
    assignments.unload_hidden()


def test_hidden_criteria_are_loaded_from_instructor_files_and_only_there(hidden_dir):
    aid = "bt3_thua_thien_hue"
    assignments.unload_hidden()
    public = get(aid).criteria
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cham(aid, "co_dia_phuong", {}) is None  # not loaded here: graded on submission
    assert messages.t("nbtest.hidden_pending") in buf.getvalue()
    assert assignments.load_hidden(hidden_dir) == {aid: 1}
    spec = get(aid)
    assert spec.criteria[: len(public)] == public and spec.criteria[-1].key == "co_dia_phuong"
    assert spec.has_hidden_criteria and spec.criterion("co_dia_phuong").hidden
    found = verdict(aid, "co_dia_phuong", {"dia_phuong": ""})
    assert found.earned == 0 and "Kế hoạch chưa nêu địa phương." in found.text
    assert verdict(aid, "co_dia_phuong", {"dia_phuong": "Huế"}).earned == 2
    assignments.unload_hidden()
    assert get(aid).criteria == public and not messages.has("hidden.test.no_locality")


def test_a_malformed_hidden_criteria_file_is_a_clear_instructor_error(tmp_path):
    for text, match in [("CRITERIA = [1]", "CRITERIA must be"), ("raise ValueError('x')", "ValueError"),
                        (HIDDEN_FILE.replace('"hidden.test.no_locality": {', '"test.no_locality": {'), "MESSAGES"),
                        (HIDDEN_FILE.replace('Criterion("co_dia_phuong"', 'Criterion("muc_tieu"'), "used twice"),
                        (HIDDEN_FILE.replace('"hidden.test.title"', '"hidden.test.other"', 1), "no message for"),
                        (HIDDEN_FILE.replace(", True, _has", ", False, _has"), "CRITERIA must be")]:
        (tmp_path / "bt3_thua_thien_hue.py").write_text(text, encoding="utf-8")
        with pytest.raises(assignments.HiddenCriteriaError, match=match):
            assignments.load_hidden(tmp_path)
    assignments.unload_hidden()


def test_the_installed_package_holds_no_hidden_criteria_file_and_a_fresh_process_loads_none():
    code = textwrap.dedent("""
        from grader import assignments
        print(sum(len(assignments.get(a).hidden_criteria) for a in assignments.ASSIGNMENT_IDS))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/")
    assert out.stdout.strip() == "0"
    for aid in ASSIGNMENT_IDS:  # yet every assignment with hidden criteria says so to the self-check
        assert get(aid).has_hidden_criteria, aid
    assert not list((REPO / "grader").rglob("criteria/*.py"))


def test_the_course_criteria_folder_loads():
    loaded = load_course_criteria()
    try:
        for aid, count in loaded.items():
            assert count == len(get(aid).hidden_criteria) > 0
    finally:
        assignments.unload_hidden()
