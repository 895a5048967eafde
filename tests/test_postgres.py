"""The gradebook on PostgreSQL: every ``ngoaivu`` command works unchanged, and grades equal SQLite's.

A throwaway PostgreSQL server (tests/postgres_server.py) is started for the module; the tests are
skipped with the reason when PostgreSQL or its driver is not installed.
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader_helpers import CourseCopy, set_answer
from postgres_server import PostgresServer, postgres_server  # noqa: F401  (the fixture)

from grader.cli import main
from grader.course import load_course
from grader.grades import status_word
from grader.messages import t

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "cli_course"
ROSTER = "id,full_name,province\nhv001,Nguyễn Văn An,Thừa Thiên Huế\nhv002,Trần Thị Bình,Hà Tĩnh\n" \
         "hv003,Lê Văn Cường,Hà Tĩnh\nhv004,Phạm Thị Dung,Quảng Ninh\n"
ANSWERS = {
    "hv001": 'tra_loi = {"so": 42, "ten": "Huế", "ke_hoach": []}',
    "hv002": 'tra_loi = {"so": 41, "ten": "Huế", "ke_hoach": []}',
    "hv003": "raise ValueError('hỏng')",
}


def ngoaivu(*args: str | Path) -> int:
    return main([str(a) for a in args])


def grades(root: Path, db: str | None = None) -> dict[str, dict[str, tuple[float | None, float | None]]]:
    return CourseCopy(load_course(root, db)).grades("demo")


def _drop(tmp: Path, cc: CourseCopy) -> Path:
    drop = tmp / "drop"
    drop.mkdir()
    release = nbformat.read(str(cc.release_path("demo")), as_version=4)
    for student, source in ANSWERS.items():
        nbformat.write(set_answer(release, "tra_loi", source), str(drop / f"{student}.ipynb"))
    with zipfile.ZipFile(drop / "demo-hv004.zip", "w") as zf:  # blank: the release as handed out
        zf.writestr("demo/demo.ipynb", cc.release_path("demo").read_text(encoding="utf-8"))
    return drop


def test_every_command_on_postgresql_and_grades_equal_sqlite(tmp_path: Path, postgres_server: PostgresServer,  # noqa: F811
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = postgres_server.new_database("ngoaivu_equal")
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")

    # The course on SQLite, graded from start to end.
    lite = CourseCopy.of(tmp_path / "lite", source=FIXTURE)
    assert ngoaivu("setup", "--course", lite.root, "--roster", roster) == 0
    assert ngoaivu("release", "--course", lite.root) == 0
    drop = _drop(tmp_path, lite)
    assert ngoaivu("collect", "--course", lite.root, "demo", drop) == 0
    assert ngoaivu("autograde", "--course", lite.root, "--jobs", "2") == 0

    # The same course folder, switched to PostgreSQL: every command, the grading records of the SQLite run
    # notwithstanding (the new gradebook does not hold those submissions, so they are graded again).
    pg = tmp_path / "pg"
    shutil.copytree(lite.root, pg)
    (pg / "gradebook.db").unlink()
    capsys.readouterr()
    assert ngoaivu("setup", "--course", pg, "--db", url, "--roster", roster) == 0
    out = capsys.readouterr().out
    assert "postgresql+psycopg://postgres:***@127.0.0.1" in out and postgres_server.password not in out
    assert ngoaivu("release", "--course", pg, "--db", url) == 0
    assert ngoaivu("collect", "--course", pg, "--db", url, "demo", drop) == 0
    assert ngoaivu("autograde", "--course", pg, "--db", url, "--jobs", "2") == 0
    assert t("cli.autograde.plan", todo=4, skipped=0) in capsys.readouterr().out
    assert not (pg / "gradebook.db").exists()

    on_pg, on_lite = grades(pg, url), grades(lite.root)
    assert on_pg == on_lite
    assert on_pg["hv001"]["kiem_tra_so"] == (2.0, None) and on_pg["hv002"]["kiem_tra_so"] == (0.0, None)

    # A re-run skips everything: the records are current and PostgreSQL holds the submissions.
    assert ngoaivu("autograde", "--course", pg, "--db", url) == 0
    assert t("cli.autograde.plan", todo=0, skipped=4) in capsys.readouterr().out

    assert ngoaivu("feedback", "--course", pg, "--db", url) == 0
    assert (pg / "feedback" / "hv001" / "demo" / "demo.html").is_file()
    out_csv = tmp_path / "grades.csv"
    assert ngoaivu("export", "--course", pg, "--db", url, "-o", out_csv) == 0
    rows = {r["student"]: r for r in csv.DictReader(out_csv.open(encoding="utf-8"))}
    lite_csv = tmp_path / "grades_lite.csv"
    assert ngoaivu("export", "--course", lite.root, "-o", lite_csv) == 0
    assert rows == {r["student"]: r for r in csv.DictReader(lite_csv.open(encoding="utf-8"))}
    assert rows["hv001"]["status"] == status_word("graded") and rows["hv004"]["total"] == "0"
    report = tmp_path / "report.html"
    assert ngoaivu("report", "--course", pg, "--db", url, "-o", report) == 0
    assert t("report.h.distribution") in report.read_text(encoding="utf-8")


def test_course_config_reads_the_gradebook_url_from_the_environment(tmp_path: Path,
                                                                    postgres_server: PostgresServer,  # noqa: F811
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """exercises/nbgrader_config.py takes NGOAIVU_DB_URL: the course's own config on PostgreSQL, no --db."""
    url = postgres_server.new_database("ngoaivu_env")
    cc = CourseCopy.of(tmp_path, assignments=["bt1_phan_loai"])
    monkeypatch.setenv("NGOAIVU_DB_URL", url)
    assert load_course(cc.root).db_url == url
    assert ngoaivu("setup", "--course", cc.root) == 0
    assert ngoaivu("release", "--course", cc.root, "bt1_phan_loai") == 0
    assert not (cc.root / "gradebook.db").exists()
    with load_course(cc.root).gradebook() as gb:
        assert [a.name for a in gb.assignments] == ["bt1_phan_loai"]
    monkeypatch.delenv("NGOAIVU_DB_URL")
    assert load_course(cc.root).db_url.startswith("sqlite:///")  # SQLite stays the default
