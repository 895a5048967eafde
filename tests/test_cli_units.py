"""Fast checks of the instructor CLI's parts: roster parsing, reading answers without running them,
criterion names of test cells, nbgrader failure reasons, and the inter-process gradebook lock."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from grader.cli.nbresult import failure_reason
from grader.course import install_gradebook_lock, load_course
from grader.report import answer_value, criterion_of
from grader.roster import RosterError, parse_roster

FIXTURE = Path(__file__).parent / "fixtures" / "cli_course"


def _roster(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_roster_accepts_bom_semicolons_and_vietnamese_headers(tmp_path: Path) -> None:
    path = _roster(tmp_path, "Mã;Họ và tên;Tỉnh\nhv001;  Nguyễn   Văn An ;Thừa Thiên Huế\n", "utf-8-sig")
    [student] = parse_roster(path)
    assert (student.id, student.full_name, student.province) == ("hv001", "Nguyễn Văn An", "Thừa Thiên Huế")
    assert (student.family_name, student.given_names) == ("Nguyễn", "Văn An")


def test_roster_lists_every_problem_by_line(tmp_path: Path) -> None:
    path = _roster(tmp_path, "id,full_name,province\nhv001,A,X\nhv001,B,Y\n,C,Z\nhv/4,D,\n")
    with pytest.raises(RosterError) as exc:
        parse_roster(path)
    problems = "\n".join(exc.value.problems)
    assert "line 3: id 'hv001' already used on line 2" in problems
    assert "line 4: empty id" in problems
    assert "line 5: id 'hv/4'" in problems and "line 5: empty province" in problems


def test_roster_missing_column_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="missing column 'province'"):
        parse_roster(_roster(tmp_path, "id,name\nhv001,A\n"))
    with pytest.raises(RosterError, match="not UTF-8"):
        parse_roster(_roster(tmp_path, "id,full_name,province\nhv001,Nguyên,Hué\n", "latin-1"))


def test_answer_value_reads_plain_data_and_never_runs_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    def nb(source: str) -> dict:
        return {"cells": [{"cell_type": "code", "source": source,
                           "metadata": {"nbgrader": {"solution": True, "grade_id": "a"}}}]}

    assert answer_value(nb('ke_hoach = {"muc_tieu": ["a"], "so": 3}'), "ke_hoach") == {"muc_tieu": ["a"], "so": 3}
    hostile = f'ke_hoach = open({str(marker)!r}, "w").write("x")'
    with pytest.raises(ValueError):
        answer_value(nb(hostile), "ke_hoach")
    with pytest.raises(ValueError):
        answer_value(nb(f"__import__('pathlib').Path({str(marker)!r}).touch()\nke_hoach = [1] * 10**9"), "ke_hoach")
    assert not marker.exists()
    with pytest.raises(ValueError):
        answer_value(nb("ke_hoach = {"), "ke_hoach")


def test_criterion_of_reads_the_cham_call() -> None:
    assert criterion_of('from grader.nbtest import cham\ncham("bt3_thua_thien_hue", "chi_so", ke_hoach)') == (
        "bt3_thua_thien_hue", "chi_so")
    assert criterion_of("assert x == 1") is None
    assert criterion_of("def (") is None


def test_failure_reason_is_one_plain_line() -> None:
    log = ("[ERROR] There was an error processing assignment: x\n[ERROR] Traceback (most recent call last):\n"
           '  File "a.py", line 1\nnbformat.reader.NotJSONError: Notebook does not appear to be JSON\n')
    assert failure_reason({"success": False, "log": log}).startswith("the notebook file is not valid JSON")
    assert "the kernel died" in failure_reason({"success": False, "log": "DeadKernelError: Kernel died"})


def _hammer(root: str, worker: int, errors: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    course = load_course(root)
    install_gradebook_lock(course)
    try:
        for i in range(40):  # every process creates the same students: a check-then-insert race without the lock
            with course.gradebook() as gb:
                gb.update_or_create_student(f"hv{i:03d}", first_name=str(worker))
                gb.find_student(f"hv{i:03d}")
    except Exception as exc:  # reported to the parent: any database error fails the test
        errors.put(f"{type(exc).__name__}: {exc}")


def test_gradebook_lock_serialises_writers_of_several_processes(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    course = load_course(root)
    with course.gradebook():  # create the database first
        pass
    ctx = multiprocessing.get_context("fork")
    errors = ctx.Queue()
    procs = [ctx.Process(target=_hammer, args=(str(root), w, errors)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    assert errors.empty()
    with course.gradebook() as gb:
        assert len(gb.students) == 40


def test_plan_pairs_count_every_activity_of_plans_and_proposals() -> None:
    from grader import examples
    from grader.report import plan_pairs

    kind, pairs, strict = plan_pairs(examples.ke_hoach_mau_thua_thien_hue())  # type: ignore[misc]
    assert kind == "plan" and strict and (3, 2) in pairs
    kind, pairs, strict = plan_pairs(examples.dat_hang_mau())  # type: ignore[misc]
    assert kind == "proposal" and pairs
    broken = examples.ke_hoach_mau_thua_thien_hue()
    broken["bat_dau"] = "not a date"
    kind, pairs, strict = plan_pairs(broken)  # type: ignore[misc]
    assert kind == "plan" and not strict and pairs  # read tolerantly: its activities still count
    assert plan_pairs({"phan_loai": {}}) is None and plan_pairs([1, 2]) is None


def test_coverage_chart_is_a_png() -> None:
    import base64

    from grader.report import Coverage, chart_coverage

    cov = Coverage(plans_read=2)
    assert chart_coverage(cov) is None
    cov.counts.update([(1, 2), (1, 2), (2, 1)])
    png = chart_coverage(cov)
    assert png is not None and base64.b64decode(png).startswith(b"\x89PNG")


def test_checksum_warnings_are_noise_only_for_cells_with_hidden_tests() -> None:
    from grader.cli.workers import hidden_test_cells, meaningful_warnings

    hidden = hidden_test_cells(FIXTURE / "source" / "demo")
    assert hidden == {"kiem_tra_an"}
    warnings = [
        "Attribute 'checksum' for cell kiem_tra_an has changed! (should be: a, got: b)",
        "Attribute 'checksum' for cell kiem_tra_so has changed! (should be: a, got: b)",
        "Removing existing assignment: /x",
        "No submitted file: /y/demo.ipynb",
    ]
    assert meaningful_warnings(warnings, hidden) == warnings[1:2] + warnings[3:]


def test_a_broken_stored_roster_is_a_clear_instructor_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from grader.cli import main

    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    assert main(["setup", "--course", str(root)]) == 0
    (root / "roster.csv").write_text("id,full_name\nhv001,A\n", encoding="utf-8")
    assert main(["export", "--course", str(root), "-o", str(tmp_path / "g.csv")]) == 2
    assert "missing column 'province'" in capsys.readouterr().err
