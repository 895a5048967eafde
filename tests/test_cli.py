"""The instructor CLI end to end on a tiny course (tests/fixtures/cli_course) with a 3-student roster.

setup -> release -> collect -> autograde -> feedback -> export -> report, plus the
error paths an instructor meets (bad roster, unknown assignment, nothing to
collect), the scores against stock ``nbgrader autograde``, a run killed midway,
and the per-submission time limit.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader_helpers import CourseCopy, set_answer

from grader.cli import SUBCOMMANDS, build_parser, main
from grader.course import load_course
from grader.grades import grading_status_word, status_word
from grader.messages import t

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "cli_course"
BIN = Path(sys.executable).parent
ROSTER = "id,full_name,province\nhv001,Nguyễn Văn An,Thừa Thiên Huế\nhv002,Trần Thị Bình,Hà Tĩnh\n" \
         "hv003,Lê Văn Cường,Hà Tĩnh\n"
FULL = 'tra_loi = {"so": 42, "ten": "Huế", "ke_hoach": []}'


def ngoaivu(*args: str | Path) -> int:
    return main([str(a) for a in args])


def new_course(tmp: Path, roster: str = ROSTER) -> CourseCopy:
    """A copy of the fixture course, set up with the roster and released through the CLI."""
    cc = CourseCopy.of(tmp, source=FIXTURE)
    (tmp / "roster.csv").write_text(roster, encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root) == 0
    return cc


def answered(cc: CourseCopy, source: str) -> str:
    """The released notebook with the trainee's answer ``source``, as file text."""
    return nbformat.writes(set_answer(cc.release_notebook("demo"), "tra_loi", source))


def grades(root: Path) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    """{student: {grade_id: (auto_score, manual_score)}} of the course folder ``root``."""
    return CourseCopy(load_course(root)).grades("demo")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A course taken through setup, release, collect and autograde; plus a stock-graded twin."""
    tmp = tmp_path_factory.mktemp("cli")
    cc = new_course(tmp)
    course = cc.root
    drop = tmp / "drop"
    drop.mkdir()
    (drop / "hv001.ipynb").write_text(answered(cc, FULL), encoding="utf-8")
    with zipfile.ZipFile(drop / "demo-hv002.zip", "w") as zf:  # blank: the release as handed out
        zf.writestr("demo/demo.ipynb", cc.release_path("demo").read_text(encoding="utf-8"))
    (drop / "hv003.ipynb").write_text("{ this is not json", encoding="utf-8")
    (drop / "stranger.ipynb").write_text(answered(cc, FULL), encoding="utf-8")
    (drop / "notes.txt").write_text("not a submission", encoding="utf-8")
    assert ngoaivu("collect", "--course", course, "demo", drop) == 1  # two files rejected, three collected

    stock = tmp / "stock"
    shutil.copytree(course, stock)
    subprocess.run([str(BIN / "nbgrader"), "autograde", "demo"], cwd=stock, capture_output=True,
                   env=dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}"), check=False)
    code = ngoaivu("autograde", "--course", course)
    return {"tmp": tmp, "course": course, "stock": stock, "drop": drop, "code": Path(str(code))}


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    names = [a for a in parser._subparsers._group_actions[0].choices]  # type: ignore[union-attr]
    assert len(names) == len(SUBCOMMANDS)
    for name in names:
        if name == "check-sources":
            continue
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        out = capsys.readouterr().out
        assert "--course" in out and t("cli.exit_codes") in out, name


def test_collect_places_good_files_and_reports_bad_ones(run: dict[str, Path],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    submitted = run["course"] / "submitted"
    assert sorted(p.name for p in submitted.iterdir()) == ["hv001", "hv002", "hv003"]
    assert (submitted / "hv002" / "demo" / "demo.ipynb").is_file()
    assert (submitted / "hv001" / "demo" / "timestamp.txt").is_file()
    # collecting again changes nothing and still reports the bad files
    assert ngoaivu("collect", "--course", run["course"], "demo", run["drop"]) == 1
    out = capsys.readouterr().out
    assert "stranger.ipynb" in out and t("cli.collect.no_trainee") in out
    assert "notes.txt" in out and t("cli.collect.not_notebook") in out
    assert t("cli.collect.count.unchanged", count=3) in out


def test_autograde_scores_equal_stock_nbgrader(run: dict[str, Path]) -> None:
    ours, stock = grades(run["course"]), grades(run["stock"])
    assert ours == stock
    assert ours["hv001"]["kiem_tra_so"] == (2.0, None)
    assert ours["hv002"]["kiem_tra_so"] == (0.0, None)
    assert str(run["code"]) == "1"  # hv003 could not be graded


def test_autograde_rerun_is_idempotent(run: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    before = grades(run["course"])
    assert ngoaivu("autograde", "--course", run["course"]) == 1  # still says hv003 could not be graded
    out = capsys.readouterr().out
    assert t("cli.autograde.plan", todo=0, skipped=3) in out and "hv003/demo" in out
    assert grades(run["course"]) == before


def test_export_tells_an_honest_zero_from_an_ungradable_submission(run: dict[str, Path]) -> None:
    out = run["tmp"] / "grades.csv"
    assert ngoaivu("export", "--course", run["course"], "-o", out) == 0
    rows = {r["student"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert list(next(csv.reader(out.open(encoding="utf-8")))) == [
        "student", "name", "province", "assignment", "auto_score", "manual_score", "total", "max_score", "status",
        "reason", "grading_status"]
    assert rows["hv001"]["province"] == "Thừa Thiên Huế" and rows["hv001"]["name"] == "Nguyễn Văn An"
    graded = status_word("graded")
    assert (rows["hv001"]["total"], rows["hv001"]["max_score"], rows["hv001"]["status"]) == ("4", "6", graded)
    assert (rows["hv002"]["total"], rows["hv002"]["status"]) == ("0", status_word("graded"))
    assert rows["hv003"]["status"] == status_word("ungradable") and rows["hv003"]["reason"] == t("cli.reason.not_json")


def test_feedback_and_report(run: dict[str, Path]) -> None:
    assert ngoaivu("feedback", "--course", run["course"]) == 0
    assert (run["course"] / "feedback" / "hv001" / "demo" / "demo.html").is_file()
    report = run["tmp"] / "report.html"
    assert ngoaivu("report", "--course", run["course"], "-o", report) == 0
    text = report.read_text(encoding="utf-8")
    assert text.count("data:image/png;base64,") >= 3
    for heading in ("report.h.distribution", "report.h.criteria", "report.h.coverage", "report.h.provinces",
                    "report.h.ungradable"):
        assert f"<h2>{t(heading)}</h2>" in text
    assert "Hà Tĩnh" in text and "kiem_tra_so" in text


def test_bad_roster_row_changes_nothing(run: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    course = run["course"]
    roster_before = (course / "roster.csv").read_bytes()
    db_before = (course / "gradebook.db").read_bytes()
    bad = run["tmp"] / "bad.csv"
    bad.write_text("id,full_name,province\nhv004,Phạm Thị Dung,Quảng Ninh\nhv 005,,Huế\n", encoding="utf-8")
    assert ngoaivu("setup", "--course", course, "--roster", bad) == 2
    err = capsys.readouterr().err
    assert t("roster.not_imported", path=str(bad)) in err and t("roster.empty_name", line=3, id="hv 005") in err
    missing = run["tmp"] / "missing.csv"
    missing.write_text("id,full_name\nhv004,Phạm Thị Dung\n", encoding="utf-8")
    assert ngoaivu("setup", "--course", course, "--roster", missing) == 2
    assert t("roster.missing_column", column="province", found="'id', 'full_name'") in capsys.readouterr().err
    assert (course / "roster.csv").read_bytes() == roster_before
    assert (course / "gradebook.db").read_bytes() == db_before


def test_clear_errors(run: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    course = run["course"]
    for command in (["release", "nope"], ["autograde", "nope"], ["collect", "nope", str(run["drop"])]):
        assert ngoaivu(command[0], "--course", course, *command[1:]) == 2
        assert t("course.unknown_assignment", assignment="nope", known="demo") in capsys.readouterr().err
    empty = run["tmp"] / "empty"
    empty.mkdir()
    assert ngoaivu("collect", "--course", course, "demo", empty) == 2
    assert t("cli.collect.empty_folder", folder=str(empty)) in capsys.readouterr().err
    assert ngoaivu("autograde", "--course", course, "--student", "hv999") == 2
    assert t("cli.autograde.nothing_student", student="hv999", assignments="demo",
             folder=str(course / "submitted")) in capsys.readouterr().err
    assert ngoaivu("export", "--course", run["tmp"] / "no-such-course") == 2
    assert t("course.missing", path=str((run["tmp"] / "no-such-course").resolve())) in capsys.readouterr().err


def test_killed_run_leaves_a_readable_gradebook_and_a_rerun_completes_it(tmp_path: Path) -> None:
    cc = new_course(tmp_path)
    course = cc.root
    slow = "import time\ntime.sleep(1.5)\n" + FULL
    for student in ("hv001", "hv002", "hv003"):
        cc.submit(student, "demo", answered(cc, slow))
    proc = subprocess.Popen([str(BIN / "ngoaivu"), "autograde", "--course", str(course), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    records = course / ".ngoaivu" / "autograde" / "demo"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (records.is_dir() and any(records.glob("*.json"))):
        time.sleep(0.1)
    time.sleep(0.8)  # the next submission is being graded now
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)  # the orphaned worker dies with its parent (PR_SET_PDEATHSIG)

    done = {p.stem for p in records.glob("*.json")}
    assert 1 <= len(done) < 3
    readable = grades(course)  # the gradebook opens and answers
    assert readable
    assert ngoaivu("autograde", "--course", course) == 0
    assert {p.stem for p in records.glob("*.json")} == {"hv001", "hv002", "hv003"}
    final = grades(course)
    assert all(final[s]["kiem_tra_so"] == (2.0, None) for s in ("hv001", "hv002", "hv003"))


def test_time_limit_records_a_hanging_submission_and_grades_the_others(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    cc = new_course(tmp_path)
    course = cc.root
    cc.submit("hv001", "demo", answered(cc, FULL))
    cc.submit("hv002", "demo", answered(cc, "import time\ntime.sleep(60)\n" + FULL))
    # The per-cell limit (10 s in the fixture) would interrupt the sleep and grade it normally: lift it, so
    # that only the per-submission backstop can stop this submission.
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write("\nc.Execute.timeout = 120\n")
    # 20 s: ample for the tiny notebook even on a loaded machine, far below the other one's 60 s sleep
    assert ngoaivu("autograde", "--course", course, "--time-limit", "20") == 1
    out = capsys.readouterr().out
    assert t("cli.autograde.failed_one", student="hv002", assignment="demo", reason=t("cli.reason.time_limit",
                                                                                     seconds="20")) in out
    assert grades(course)["hv001"]["kiem_tra_so"] == (2.0, None)
    record = json.loads((course / ".ngoaivu" / "autograde" / "demo" / "hv002.json").read_text())
    assert record["status"] == "ungradable"
    assert not (course / "autograded" / "hv002" / "demo").exists()


def test_setup_creates_a_new_course_folder(tmp_path: Path) -> None:
    course = tmp_path / "new"
    assert ngoaivu("setup", "--course", course) == 0
    assert (course / "nbgrader_config.py").is_file() and (course / "gradebook.db").is_file()


def test_db_option_puts_the_gradebook_elsewhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = tmp_path / "course"
    shutil.copytree(FIXTURE, course)
    db = tmp_path / "elsewhere.db"
    assert ngoaivu("setup", "--course", course, "--db", f"sqlite:///{db}") == 0
    assert db.is_file() and not (course / "gradebook.db").exists()
    assert ngoaivu("export", "--course", course, "--db", "postgresql+nosuchdriver://u:hunter2@localhost/x") == 3
    err = capsys.readouterr().err
    masked = load_course(course, "postgresql+nosuchdriver://u:hunter2@localhost/x").db_display
    assert t("cli.gradebook.read", db=masked, detail="\0").split("\0")[0] in err and "hunter2" not in err


def test_fixture_course_is_left_untouched() -> None:
    assert not (FIXTURE / "gradebook.db").exists() and not (FIXTURE / "release").exists()


def test_real_course_report_names_criteria_and_reads_plans(tmp_path: Path) -> None:
    """The CLI on the repository's own exercises: criteria named from the catalogue, plans in the coverage."""
    from nbgrader_helpers import EXERCISES, solution_source

    from grader.assignments import get
    from grader.report import coverage

    present = {p.name for p in (EXERCISES / "source").iterdir() if (p / f"{p.name}.ipynb").is_file()}
    plans = sorted(present & {"bt3_thua_thien_hue", "bt5_ke_hoach_tinh", "bt4_dat_hang"})[:1]
    chosen = sorted(present & {"bt1_phan_loai"}) + plans
    if not chosen:
        pytest.skip("the course has no exercises yet")
    cc = CourseCopy.of(tmp_path, assignments=chosen)
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp_path / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root) == 0
    source_nbs = {a: nbformat.read(str(cc.source_notebook(a)), as_version=4) for a in chosen}
    for a in chosen:
        var = get(a).answer_variable
        answer_id = next(c.metadata["nbgrader"]["grade_id"] for c in source_nbs[a].cells
                         if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
                         and var in c.source)
        full = solution_source(source_nbs[a], answer_id)
        cc.submit("hv001", a, set_answer(cc.release_notebook(a), answer_id, full))
        cc.submit("hv002", a, cc.release_notebook(a))  # blank
    assert ngoaivu("autograde", "--course", cc.root) == 0
    for a in chosen:
        auto, _ = cc.max_points(a)
        assert cc.total_auto(a, "hv001") == auto  # the solution earns every autograded point
    report = tmp_path / "report.html"
    assert ngoaivu("report", "--course", cc.root, "-o", report) == 0
    text = report.read_text(encoding="utf-8")
    import html

    assert html.escape(t(get(chosen[0]).criteria[0].title_key)) in text  # named as in the catalogue
    if plans:
        from grader.grades import cohort

        rows, _ = cohort(cc.course)
        assert coverage(cc.course, rows).plans_read >= 1


# --- one machine: the Assignments tab (nbgrader's exchange) and nop_bai() for e-mail -------------------

REPO = Path(__file__).resolve().parent.parent


def test_assignments_tab_fetch_submit_then_collect_from_the_exchange(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """The server side of the Assignments tab (nbgrader's AssignmentList) with the course's own trainee config
    (jupyter/config/nbgrader_config.py): it lists the course, fetches and submits; `ngoaivu collect` takes it."""
    import getpass

    from nbgrader.server_extensions.assignment_list.handlers import AssignmentList

    from grader.cli.exchange import prepare_local_exchange

    exchange, fetched = tmp_path / "exchange", tmp_path / "bai_tap"
    monkeypatch.setenv("NGOAIVU_EXCHANGE", str(exchange))  # read by both sides' nbgrader_config.py
    monkeypatch.setenv("NGOAIVU_ASSIGNMENT_DIR", str(fetched))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(REPO / "jupyter" / "config"))  # as grader.launch sets it
    # nbgrader lists submitted work from its cache in $JUPYTER_DATA_DIR: the session's is shared with the
    # browser tests, which submit too; this trainee has submitted nothing yet
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter-data"))
    assert set(prepare_local_exchange(REPO)) == {exchange, fetched}  # what `make start` creates

    tab = AssignmentList()
    tab.root_dir = str(tmp_path)
    assert tab.list_courses() == {"success": True, "value": []}  # no "exchange directory does not exist"

    aid = "bt1_phan_loai"
    cc = CourseCopy.of(tmp_path / "instructor", assignments=[aid])
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp_path / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root, aid) == 0
    assert t("cli.release.shared", assignment=aid, path=str(exchange / "ngoaivu" / "outbound" / aid)) \
        in capsys.readouterr().out

    assert tab.list_courses() == {"success": True, "value": ["ngoaivu"]}
    listed = tab.list_assignments("ngoaivu")["value"]
    assert [(a["assignment_id"], a["status"]) for a in listed] == [(aid, "released")]
    assert tab.fetch_assignment("ngoaivu", aid)["success"]
    assert (fetched / aid / f"{aid}.ipynb").is_file()
    assert tab.submit_assignment("ngoaivu", aid)["success"]

    assert ngoaivu("collect", "--course", cc.root, aid) == 0  # no folder: from the exchange
    out = capsys.readouterr().out
    user = getpass.getuser()
    assert t("cli.collect.count.collected", count=1) in out and t("cli.collect.strangers", count=1, ids=user) in out
    assert (cc.root / "submitted" / user / aid / f"{aid}.ipynb").is_file()
    assert ngoaivu("collect", "--course", cc.root, aid) == 0
    assert t("cli.collect.count.unchanged", count=1) in capsys.readouterr().out


def test_nop_bai_saves_a_named_copy_that_collect_accepts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from grader import submit

    monkeypatch.setattr(submit, "_remembered", {})
    aid = "bt1_phan_loai"
    cc = CourseCopy.of(tmp_path / "instructor", assignments=[aid])
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp_path / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root, "--no-exchange", aid) == 0
    work = tmp_path / "may_hoc_vien"
    work.mkdir()
    notebook = work / f"{aid}.ipynb"
    shutil.copyfile(cc.release_path(aid), notebook)
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook))  # what JupyterLab tells the notebook's kernel
    capsys.readouterr()

    answers = iter(["hv 001", "hv001"])
    saved = submit.nop_bai(hoi=lambda prompt: next(answers))
    out = capsys.readouterr().out
    assert saved == work / f"hv001_{aid}.ipynb" and saved.read_bytes() == notebook.read_bytes()
    assert "“hv 001” chưa phải là mã học viên hợp lệ" in out and "Tải xuống" in out and saved.name in out
    assert submit.nop_bai(hoi=lambda prompt: pytest.fail("asked twice")) == saved  # the id is remembered

    assert ngoaivu("collect", "--course", cc.root, aid, work) == 1  # the original is not named after anyone
    out = capsys.readouterr().out
    assert t("cli.collect.count.collected", count=1) in out and f"{aid}.ipynb" in out \
        and t("cli.collect.no_trainee") in out
    assert (cc.root / "submitted" / "hv001" / aid / f"{aid}.ipynb").read_bytes() == notebook.read_bytes()


def test_nop_bai_explains_what_it_cannot_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from grader import submit

    monkeypatch.setattr(submit, "_remembered", {})
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert submit.nop_bai(hoi=lambda prompt: "") is None
    assert "Chưa có mã học viên" in capsys.readouterr().out
    assert submit.nop_bai("hv001") is None
    assert "Không tìm thấy tệp bài tập" in capsys.readouterr().out
    odd = tmp_path / "Untitled.ipynb"
    odd.write_text('{"cells": []}', encoding="utf-8")
    assert submit.nop_bai("hv001", tep=odd) is None
    assert "Không nhận ra bài tập" in capsys.readouterr().out
    broken = tmp_path / "bt2_doc_nguon.ipynb"
    broken.write_text("{ not json", encoding="utf-8")
    assert submit.nop_bai("hv001", tep=broken) is None
    assert "không phải là một sổ tay Jupyter" in capsys.readouterr().out
    assert submit.nop_bai("hv001", bai="bt2_doc_nguon", tep=odd) == tmp_path / "hv001_bt2_doc_nguon.ipynb"


def test_export_and_report_show_an_answer_that_failed_with_its_reason(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The grading path records an answer cell that failed (grader.grading.status): graded 0 for the answer,
    and export/report say so with the reason, apart from submissions that could not be graded."""
    from grader.assignments import get

    aid = "bt1_phan_loai"
    cc = CourseCopy.of(tmp_path, assignments=[aid])
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    assert ngoaivu("setup", "--course", cc.root, "--roster", tmp_path / "roster.csv") == 0
    assert ngoaivu("release", "--course", cc.root, aid) == 0
    release = cc.release_notebook(aid)
    var = get(aid).answer_variable
    answer_id = next(c.metadata["nbgrader"]["grade_id"] for c in release.cells
                     if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"
                     and var in c.source)
    cc.submit("hv001", aid, set_answer(release, answer_id, f"{var} = {{\n    'a': \n"))  # a syntax error
    cc.submit("hv002", aid, release)  # blank
    capsys.readouterr()
    assert ngoaivu("autograde", "--course", cc.root) == 0  # an answer that failed is graded, not a failure
    out = capsys.readouterr().out
    assert t("cli.autograde.answers_title") in out and grading_status_word("answer_error") in out

    csv_path = tmp_path / "grades.csv"
    assert ngoaivu("export", "--course", cc.root, "-o", csv_path) == 0
    assert t("cli.export.answers", count=1) in capsys.readouterr().out
    rows = {r["student"]: r for r in csv.DictReader(csv_path.open(encoding="utf-8"))}
    assert rows["hv001"]["grading_status"] == grading_status_word("answer_error") and rows["hv001"]["reason"]
    assert rows["hv001"]["status"] in (status_word("graded"), status_word("needs_manual"))
    assert rows["hv002"]["grading_status"] == grading_status_word("ok") and rows["hv002"]["reason"] == ""
    assert rows["hv003"]["grading_status"] == "" and rows["hv003"]["status"] == status_word("not_submitted")
    report = tmp_path / "report.html"
    assert ngoaivu("report", "--course", cc.root, "-o", report) == 0
    text = report.read_text(encoding="utf-8")
    section = text.split(t("report.h.answer_problems"))[1]
    assert "hv001" in section and grading_status_word("answer_error") in section and "hv002" not in section
