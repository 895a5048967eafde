"""Hostile and broken submissions, graded through the course's nbgrader_config (the hardened path).

Every attack starts from the blank release (which scores 0) and tries to score more without correct
answers, to read or write the instructor's files, or to stop the batch. Each must score no more than
the blank submission, deterministically; the batch must finish; the gradebook must stay readable.
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

pytestmark = pytest.mark.slow

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
        course.autograde(aid, names, check=False)
        plan[aid] = names
    return course, plan


def test_no_attack_scores_above_the_blank_submission(attacked):
    course, plan = attacked
    for aid, names in plan.items():
        scores = course.auto_scores(aid)
        blank = round(sum(scores["blank"].values()), 2)
        assert blank == 0
        for name in names:
            if name == "solution":
                continue
            earned = round(sum(scores.get(name, {}).values()), 2)
            assert earned <= blank, (aid, name, earned)


def test_the_solution_earns_full_marks_with_the_defences_on(attacked):
    course, plan = attacked
    for aid in plan:
        assert course.total_auto(aid, "solution") == course.max_points(aid)[0], aid
        status = read_status(course.course.folder("autograded") / "solution" / aid / f"{aid}.ipynb")
        assert status is not None and status.ok, aid


def test_instructor_files_are_not_read_or_written(attacked):
    course, _ = attacked
    graded = course.course.folder("autograded") / "read_instructor_files" / "bt3_thua_thien_hue"
    nb = nbformat.read(str(graded / "bt3_thua_thien_hue.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert LEAK not in printed
    assert not (course.root / "pwned.txt").exists()
    with course.course.gradebook() as gb:  # the gradebook is intact and readable
        assert gb.find_student("blank").id == "blank"


def test_broken_notebooks_are_recorded_as_ungradable_with_a_reason(attacked):
    course, _ = attacked
    autograded = course.course.folder("autograded")
    for name in ("exit_python", "crash_kernel"):
        status = read_status(autograded / name / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb")
        assert status is not None and not status.ok and "kernel died" in status.reason, name
    ok = read_status(autograded / "blank" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb")
    assert ok is not None and ok.ok


def test_huge_output_is_capped_in_bytes(attacked):
    course, _ = attacked
    path = course.course.folder("autograded") / "huge_output" / "bt3_thua_thien_hue" / "bt3_thua_thien_hue.ipynb"
    assert path.stat().st_size < 1_000_000
    assert "quá dài" in path.read_text(encoding="utf-8")


def test_grading_is_deterministic(attacked):
    course, plan = attacked
    aid = "bt1_phan_loai"
    before = course.auto_scores(aid)
    course.autograde(aid, plan[aid], check=False)
    assert course.auto_scores(aid) == before


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
    spec = get(aid)
    assert len(spec.hidden_criteria) == len(set(hidden_calls))


def test_solution_data_survives_the_export_round_trip():
    from grader.examples import ke_hoach_mau_thua_thien_hue
    from grader.grading.recheck import export_source, read_export

    ke_hoach = ke_hoach_mau_thua_thien_hue()
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(export_source("ke_hoach"), {"ke_hoach": ke_hoach})
    found, data = read_export([{"output_type": "stream", "text": buf.getvalue()}])
    assert found and data == json.loads(json.dumps(ke_hoach))
