"""The plan period is one course setting (exercises/course_settings.yaml) that every place follows.

The course is released with the shipped setting (2027-2028) and with another (2031-2032): the exercise texts,
the templates and the self-check cell of the released notebooks state that period and no other, the worked
examples move to it, a plan for it earns full marks on the public criteria and on bt5's hidden period rule,
and a plan for the other period does not.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import pwd
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbgrader_helpers import EXERCISES, CourseCopy, cell_by_id, solution_source

from grader import assignments, examples, launch, period
from grader.cli.release import WritePeriod
from grader.period import Period
from grader.selfcheck import kiem_tra

PLANS = ("bt3_thua_thien_hue", "bt4_dat_hang", "bt5_ke_hoach_tinh")
SHIPPED = Period(dt.date(2027, 1, 1), dt.date(2028, 12, 31))
OTHER = Period(dt.date(2031, 1, 1), dt.date(2032, 12, 31))
# Years the articles, their occasions and the documents of what changed since carry (not plan periods):
# "nhiệm kỳ 2023-2026", "tháng 12/2023", Thành phố Huế's resolution of 30/11/2024 effective 01/01/2025.
ARTICLE_YEARS = re.compile(r"2023-2026|12/2023|năm 2023|ngày 30/11/2024|ngày 01/01/2025")


def _settings(root: Path, chosen: Period) -> None:
    (root / period.SETTINGS_FILE).write_text(
        f"ky_ke_hoach:\n  bat_dau: {period.day(chosen.start)}\n  ket_thuc: {period.day(chosen.end)}\n",
        encoding="utf-8")


@pytest.fixture(autouse=True)
def _reset() -> Iterator[None]:
    yield
    period.activate(None)
    assignments.unload_hidden()


@pytest.fixture(scope="module", params=[SHIPPED, OTHER], ids=["2027-2028", "2031-2032"])
def released(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Period, CourseCopy]:
    chosen: Period = request.param
    course = CourseCopy.of(tmp_path_factory.mktemp(chosen.label), assignments=PLANS)
    _settings(course.root, chosen)
    course.release(*PLANS)
    return chosen, course


def test_the_shipped_setting_is_the_next_two_years_of_the_course() -> None:
    assert period.read_settings(EXERCISES / period.SETTINGS_FILE) == SHIPPED == period.SOURCE
    assert period.current() == SHIPPED


def test_a_period_that_is_not_whole_years_is_refused_with_its_file(tmp_path: Path) -> None:
    (tmp_path / period.SETTINGS_FILE).write_text("ky_ke_hoach:\n  bat_dau: 01/07/2027\n  ket_thuc: 30/06/2029\n")
    with pytest.raises(period.PeriodError, match="course_settings.yaml"):
        period.course_period(tmp_path)


@pytest.mark.parametrize("aid", PLANS)
def test_every_place_of_the_released_notebook_follows_the_setting(aid: str,
                                                                  released: tuple[Period, CourseCopy]) -> None:
    chosen, course = released
    nb = course.release_notebook(aid)
    text = "\n".join(c.source for c in nb.cells)
    assert "{{" not in text, "a placeholder was left in the released notebook"
    assert chosen.text in text or f"{period.day(chosen.start)} đến {period.day(chosen.end)}" in text
    plan_years = {int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", ARTICLE_YEARS.sub("", text))}
    assert plan_years <= set(range(chosen.first_year, chosen.last_year + 1)), (aid, sorted(plan_years))
    selfcheck = cell_by_id(nb, "tu_kiem_tra").source
    assert f'dat_ky_ke_hoach("{period.day(chosen.start)}", "{period.day(chosen.end)}")' in selfcheck
    assert nb.metadata["ngoaivu"]["ky_ke_hoach"] == {"bat_dau": period.day(chosen.start),
                                                     "ket_thuc": period.day(chosen.end)}


def test_the_released_self_check_cell_puts_its_period_in_force(released: tuple[Period, CourseCopy]) -> None:
    chosen, course = released
    cell = cell_by_id(course.release_notebook("bt5_ke_hoach_tinh"), "tu_kiem_tra").source
    line = next(ln for ln in cell.splitlines() if ln.startswith("dat_ky_ke_hoach("))
    exec(compile("from grader.period import dat_ky_ke_hoach\n" + line, "<cell>", "exec"), {})  # noqa: S102
    assert period.current() == chosen
    assert assignments.get("bt5_ke_hoach_tinh").criteria  # the rules are built at judging time, below
    rules = assignments.get("bt3_thua_thien_hue")
    assert rules.criterion("ngay_hop_le").check.rules().period_start == chosen.start  # type: ignore[attr-defined]


def _bt5_solution() -> str:
    """The plan of bt5's solution (written for the shipped period), as the trainee's text."""
    nb = nbformat.read(EXERCISES / "source" / "bt5_ke_hoach_tinh" / "bt5_ke_hoach_tinh.ipynb", as_version=4)
    source = solution_source(nb, "ke_hoach")
    return str(ast.literal_eval(ast.parse(source).body[-1].value))  # type: ignore[attr-defined]


def _public_shares(aid: str, answer: object) -> dict[str, float]:
    return {r.criterion: r.earned / r.possible for r in assignments.evaluate_all(aid, answer, include_hidden=False)}


@pytest.mark.parametrize("chosen", [SHIPPED, OTHER], ids=["2027-2028", "2031-2032"])
def test_the_worked_examples_move_to_the_period_and_earn_every_public_criterion(chosen: Period) -> None:
    period.activate(chosen)
    for plan in (examples.ke_hoach_mau_van_ban(), examples.ke_hoach_mau(), examples.ke_hoach_bien_gioi_van_ban()):
        assert chosen.text in str(plan) or chosen.start.isoformat() in str(plan)
        shares = _public_shares("bt3_thua_thien_hue", plan)
        assert all(s == 1.0 for s in shares.values()), shares
    proposal = _public_shares("bt4_dat_hang", examples.dat_hang_mau_van_ban())
    assert all(s == 1.0 for s in proposal.values()), proposal


def test_a_plan_for_the_old_period_no_longer_fits() -> None:
    period.activate(SHIPPED)
    old = period.shift_years(examples.ke_hoach_mau_van_ban(), Period(dt.date(2024, 1, 1), dt.date(2025, 12, 31)))
    assert _public_shares("bt3_thua_thien_hue", old)["ngay_hop_le"] < 1.0


@pytest.mark.parametrize("chosen", [SHIPPED, OTHER], ids=["2027-2028", "2031-2032"])
def test_the_grader_takes_the_period_from_the_course_and_bt5_hidden_rule_follows(chosen: Period,
                                                                                 tmp_path: Path) -> None:
    course = CourseCopy.of(tmp_path, assignments=("bt5_ke_hoach_tinh",))
    _settings(course.root, chosen)
    period.activate(SHIPPED if chosen == OTHER else OTHER)  # what a notebook might have said
    assignments.load_hidden(course.root / "criteria")
    assert period.current() == chosen
    inside = period.shift_years(_bt5_solution(), chosen)
    outside = period.shift_years(inside, Period(dt.date(chosen.first_year + 4, 1, 1),
                                                dt.date(chosen.last_year + 4, 12, 31)))
    assert assignments.evaluate("bt5_ke_hoach_tinh", inside, "ky_han").earned == 1
    assert assignments.evaluate("bt5_ke_hoach_tinh", outside, "ky_han").earned == 0


def test_bt5_hidden_period_rule_says_what_the_visible_text_says() -> None:
    """Within the period and at least six months: a one-year plan inside 2027-2028 earns the hidden point."""
    assignments.load_hidden(EXERCISES / "criteria")
    one_year = _bt5_solution().replace("Thời gian: 01/01/2027 - 31/12/2028",
                                                      "Thời gian: 01/01/2027 - 31/12/2027", 1)
    assert assignments.evaluate("bt5_ke_hoach_tinh", one_year, "ky_han").earned == 1


def test_write_period_fills_every_placeholder_of_a_source_notebook() -> None:
    nb = nbformat.read(EXERCISES / "source" / "bt5_ke_hoach_tinh" / "bt5_ke_hoach_tinh.ipynb", as_version=4)
    assert any("{{ky_nam}}" in c.source for c in nb.cells)
    out, _ = WritePeriod().preprocess(nb, {})
    assert not any(re.search(r"\{\{\w+\}\}", c.source) for c in out.cells)


LESSON_05 = Path(__file__).resolve().parent.parent / "course" / "05_xay_dung_ke_hoach.ipynb"
_YEARS = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@pytest.mark.parametrize("chosen", [SHIPPED, OTHER, Period(dt.date(2029, 1, 1), dt.date(2033, 12, 31))],
                         ids=["2027-2028", "2031-2032", "2029-2033"])
def test_lesson_05_s_worked_plans_follow_the_setting(chosen: Period, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The trainee's copy of lesson 05 (grader.launch.prepare_workspace, the release of the lessons) puts the
    setting in force, and its worked plan, the examples of its prose and the worked examples it prints move to
    it; the articles' dates stay. The worked plan passes bt3's self-check for that period."""
    course = tmp_path / "course_folder"
    course.mkdir()
    _settings(course, chosen)
    monkeypatch.setenv("NGOAIVU_COURSE", str(course))
    launch.prepare_workspace(tmp_path / "ws", LESSON_05.parent)
    copy = nbformat.read(tmp_path / "ws" / "course" / LESSON_05.name, as_version=4)
    text = "\n".join(c.source for c in copy.cells)
    call = f'dat_ky_ke_hoach("{period.day(chosen.start)}", "{period.day(chosen.end)}")'
    assert call in text
    source_years = range(period.SOURCE.first_year, period.SOURCE.last_year + 1)
    repo_text = "\n".join(c.source for c in nbformat.read(LESSON_05, as_version=4).cells)
    article_years = [y for y in _YEARS.findall(repo_text) if int(y) not in source_years]
    assert article_years and article_years == [y for y in _YEARS.findall(text) if y in article_years]
    plan_years = {int(y) for y in _YEARS.findall(text) if y not in article_years}
    assert plan_years and plan_years <= set(range(chosen.first_year, chosen.last_year + 1)), sorted(plan_years)

    setup = next(c.source for c in copy.cells if c.cell_type == "code" and "dat_ky_ke_hoach(" in c.source)
    exec(compile(setup, "<lesson 05>", "exec"), {})  # noqa: S102 (the lesson's imports and its period call)
    assert period.current() == chosen
    worked = next(c.source for c in copy.cells if c.cell_type == "code" and c.source.startswith('ke_hoach = """'))
    plan = ast.literal_eval(ast.parse(worked).body[0].value)  # type: ignore[attr-defined]
    assert f"Thời gian: {period.day(chosen.start)[:6]}{chosen.first_year}" in plan
    report = str(kiem_tra(plan, bai="bt3_thua_thien_hue"))
    assert "✗" not in report and "✓" in report, report
    assert str(chosen.first_year) in examples.ke_hoach_bien_gioi_van_ban()


def test_the_cohort_servers_lessons_follow_the_hubs_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the cohort server each trainee's lessons are copied by deploy/hubctl.py (copy_lessons), not by
    ``make start``: lesson 05 there follows the hub course's setting too, as the trainee's workspace copy does."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "deploy"))
    import hubctl

    site = hubctl.Site(srv=str(tmp_path / "srv"), homes=str(tmp_path / "home"))
    site.course_dir.mkdir(parents=True)
    _settings(site.course_dir, OTHER)
    user = pwd.getpwuid(os.getuid()).pw_name  # an account whose group of the same name exists (root in CI)
    monkeypatch.setattr(hubctl, "chown", lambda *args, **kwargs: None)
    home = tmp_path / "home" / user
    (home / "course").mkdir(parents=True)
    elsewhere = tmp_path / "root_only" / "written_by_root.ipynb"  # a file root would create by following a link
    elsewhere.parent.mkdir()
    (home / "course" / "00_huong_dan.ipynb").symlink_to(elsewhere)  # planted by the trainee before setup runs again
    hubctl.copy_lessons(site, user)
    copy = (home / "course" / LESSON_05.name).read_text(encoding="utf-8")
    assert copy == launch.lesson_for_trainee(LESSON_05, OTHER).decode("utf-8")
    assert f'dat_ky_ke_hoach(\\"{period.day(OTHER.start)}\\"' in copy
    assert not elsewhere.exists()  # the link is never followed: nothing written through it
    (home / "course" / "00_huong_dan.ipynb").unlink()
    shutil.rmtree(home / "course")
    (home / "course").symlink_to(tmp_path)  # the lessons' folder itself a link: refused, nothing written
    with pytest.raises(hubctl.DeployError):
        hubctl.copy_lessons(site, user)
    assert not (tmp_path / LESSON_05.name).exists()
