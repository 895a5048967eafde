"""Fast checks of the instructor CLI's parts: roster parsing, reading answers without running them,
criterion names of test cells, nbgrader failure reasons, and the inter-process gradebook lock."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from grader.cli.nbresult import failure_reason
from grader.course import install_gradebook_lock, load_course
from grader.messages import t
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
    assert exc.value.problems == [
        t("roster.duplicate_id", line=3, id="hv001", first=2),
        t("roster.empty_id", line=4),
        t("roster.bad_id", line=5, id="hv/4"),
        t("roster.empty_province", line=5, id="hv/4"),
    ]
    assert str(exc.value).startswith(t("roster.not_imported", path=str(path)) + "\n  - ")


def test_roster_missing_column_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as exc:
        parse_roster(_roster(tmp_path, "id,name\nhv001,A\n"))
    assert exc.value.problems == [t("roster.missing_column", column="province", found="'id', 'name'")]
    with pytest.raises(RosterError) as exc:
        parse_roster(_roster(tmp_path, "id,full_name,province\nhv001,Nguyên,Hué\n", "latin-1"))
    assert exc.value.problems == [t("roster.not_utf8")]


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
    assert failure_reason({"success": False, "log": log}) == t("cli.reason.not_json")
    assert failure_reason({"success": False, "log": "DeadKernelError: Kernel died"}) == t("cli.reason.kernel_died")
    assert failure_reason({"success": False, "log": "[ERROR] Something odd"}) == "Something odd"  # nbgrader's words
    assert failure_reason({"success": False}) == t("cli.reason.unknown")


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
    err = capsys.readouterr().err
    assert t("roster.missing_column", column="province", found="'id', 'full_name'") in err
    assert t("cli.roster.fix") in err


# --- grading records, the exchange's inbound, nop_bai: no kernel, no nbgrader run -------------------------


def _course(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = tmp_path / "course"
    shutil.copytree(FIXTURE, root)
    return load_course(root)


def _graded_notebook(path: Path, status: str | None = "ok") -> None:
    import json

    meta = {"ngoaivu": {"status": status, "reason": "", "notes": []}} if status else {}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": [], "metadata": meta, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")


def test_a_record_counts_only_while_the_disk_and_the_gradebook_show_it(tmp_path: Path) -> None:
    from grader.cli import records as rec

    course = _course(tmp_path)
    notebook = rec.autograded_dir(course, "demo", "hv001") / "demo.ipynb"
    _graded_notebook(notebook)
    digests, statuses = rec.graded_files(course, "demo", "hv001")
    assert statuses and list(digests) == ["demo.ipynb"]
    rec.save(course, rec.Record("demo", "hv001", "fp", "ok", notebooks=digests, statuses=statuses))
    here = {("demo", "hv001")}
    assert rec.is_current(course, "demo", "hv001", "fp", here)
    assert not rec.is_current(course, "demo", "hv001", "other files", here)
    assert not rec.is_current(course, "demo", "hv001", "fp", set())  # a new or emptied gradebook
    _graded_notebook(notebook, status=None)  # nbgrader's first, unexecuted copy under a "graded" record
    assert not rec.is_current(course, "demo", "hv001", "fp", here)
    rec.invalidate(course, "demo", "hv001")
    assert rec.load(course, "demo", "hv001") is None
    assert not list(rec.record_path(course, "demo", "hv001").parent.glob(".*tmp"))  # no temporary file left


def test_a_record_without_notebooks_or_from_an_older_version_is_regraded(tmp_path: Path) -> None:
    import json

    from grader.cli import records as rec

    course = _course(tmp_path)
    _graded_notebook(rec.autograded_dir(course, "demo", "hv001") / "demo.ipynb")
    path = rec.record_path(course, "demo", "hv001")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"assignment": "demo", "student": "hv001", "fingerprint": "fp", "status": "ok",
                                "some_future_field": 1}), encoding="utf-8")
    assert rec.load(course, "demo", "hv001") is not None  # unknown fields are ignored
    assert not rec.is_current(course, "demo", "hv001", "fp")  # no notebooks recorded: not trusted
    path.write_text("{ broken", encoding="utf-8")
    assert rec.load(course, "demo", "hv001") is None


def test_inbound_folder_names_follow_nbgrader(tmp_path: Path) -> None:
    from grader.cli.exchange import parse_inbound

    entry = parse_inbound(tmp_path / "hv001+demo+2026-11-26 00:25:09.888710 UTC+1Oa1almNfVGJ", "demo")
    assert entry is not None and entry.student == "hv001" and entry.timestamp is not None and not entry.problem
    old = parse_inbound(tmp_path / "hv002+demo+2026-11-26 00:25:09.888710 UTC", "demo")  # no random part
    assert old is not None and old.student == "hv002"
    assert parse_inbound(tmp_path / "hv001+other+2026-11-26 00:25:09 UTC+x", "demo") is None
    assert parse_inbound(tmp_path / "hv001+demo+yesterday+x", "demo").refusal.key == "collect.refused.timestamp"
    assert parse_inbound(tmp_path / ".hv 1+demo+2026-11-26 00:25:09 UTC+x",
                         "demo").refusal.key == "collect.refused.bad_id"


def test_collect_from_the_exchange_is_atomic_and_idempotent(tmp_path: Path) -> None:
    import pwd

    from grader.cli.exchange import collect_from_exchange

    course = _course(tmp_path)
    student = next(f"tu{n:03d}" for n in range(1, 999) if f"tu{n:03d}" not in {u.pw_name for u in pwd.getpwall()})
    course.config.Exchange.root = str(tmp_path / "exchange")
    inbound = tmp_path / "exchange" / course.course_id / "inbound"
    first = inbound / f"{student}+demo+2026-11-26 00:25:09.000000 UTC+a"
    first.mkdir(parents=True)
    (first / "demo.ipynb").write_text('{"cells": [], "v": 1}', encoding="utf-8")
    (first / "timestamp.txt").write_text("2026-11-26 00:25:09.000000 UTC", encoding="utf-8")
    dest = course.folder("submitted") / student / "demo"
    # A collect killed after copying: a leftover temporary folder and nothing in place.
    leftover = dest.parent / ".demo.incoming-99999"
    leftover.mkdir(parents=True)
    (leftover / "demo.ipynb").write_text("half", encoding="utf-8")
    assert [c.outcome for c in collect_from_exchange(course, "demo")] == ["collected"]
    assert not leftover.exists() and (dest / "demo.ipynb").read_text(encoding="utf-8") == '{"cells": [], "v": 1}'
    assert [c.outcome for c in collect_from_exchange(course, "demo")] == ["unchanged"]
    newer = inbound / f"{student}+demo+2026-11-26 00:30:00.000000 UTC+b"
    newer.mkdir()
    (newer / "demo.ipynb").write_text('{"cells": [], "v": 2}', encoding="utf-8")
    assert [c.outcome for c in collect_from_exchange(course, "demo")] == ["updated"]
    assert (dest / "demo.ipynb").read_text(encoding="utf-8") == '{"cells": [], "v": 2}'
    assert (dest / "timestamp.txt").is_file()  # written from the folder name when the submission has none
    assert sorted(p.name for p in dest.parent.iterdir()) == ["demo"]


def test_nop_bai_file_name_is_what_collect_recognises() -> None:
    from grader.cli.collect import _student_of

    assert _student_of("hv001_bt3_thua_thien_hue", {"hv001", "hv002"}) == ("hv001", "")


def test_feedback_is_made_only_from_a_grading_that_finished(tmp_path: Path) -> None:
    import json

    from grader.cli import records as rec

    course = _course(tmp_path)
    notebook = rec.autograded_dir(course, "demo", "hv001") / "demo.ipynb"
    unexecuted = {"cells": [{"cell_type": "code", "source": "x = 1", "execution_count": None, "outputs": [],
                             "metadata": {}}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    notebook.parent.mkdir(parents=True)
    notebook.write_text(json.dumps(unexecuted), encoding="utf-8")
    assert rec.feedback_problem(course, "demo", "hv001") == t("records.feedback.unfinished")  # no record: must have run
    unexecuted["cells"][0]["execution_count"] = 1
    notebook.write_text(json.dumps(unexecuted), encoding="utf-8")
    assert rec.feedback_problem(course, "demo", "hv001") == ""  # graded by stock nbgrader autograde
    digests, statuses = rec.graded_files(course, "demo", "hv001")
    rec.save(course, rec.Record("demo", "hv001", "fp", "ungradable", "the kernel died", notebooks=digests))
    assert rec.feedback_problem(course, "demo", "hv001") == t("records.feedback.ungradable_reason",
                                                               reason="the kernel died")
    rec.save(course, rec.Record("demo", "hv001", "fp", "ok", notebooks=digests, statuses=statuses))
    assert rec.feedback_problem(course, "demo", "hv001") == ""
    notebook.write_text(json.dumps({**unexecuted, "cells": []}), encoding="utf-8")
    assert rec.feedback_problem(course, "demo", "hv001") == t("records.feedback.changed")
