"""Lesson 05 teaches the plain-text plan: its worked plan is strong but not a bt3 answer; its prose names no code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from grader import assignments
from grader.knowledge import knowledge
from grader.plan import ACTIVITY_KEYS, INDICATOR_KEYS, PLAN_KEYS, read_plan
from grader.selfcheck import kiem_tra

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "course" / "05_xay_dung_ke_hoach.ipynb"
CRITERIA = ROOT / "exercises" / "criteria"


@pytest.fixture(scope="module")
def nb() -> nbformat.NotebookNode:
    return nbformat.read(LESSON, as_version=4)


def _worked_plan(nb: nbformat.NotebookNode) -> str:
    cells = [c.source for c in nb.cells if c.cell_type == "code" and c.source.startswith('ke_hoach = """')]
    assert len(cells) == 1, "lesson 05 has exactly one worked plan cell"
    tree = ast.parse(cells[0])
    assert len(tree.body) == 1, "the plan cell is the one statement a trainee writes"
    return ast.literal_eval(tree.body[0].value)  # type: ignore[attr-defined]


def test_objectives_duration_and_recap(nb):
    first, last = nb.cells[0].source, nb.cells[-1].source
    assert "**Thời lượng:** khoảng 45 phút" in first
    objectives = first.split("## Mục tiêu bài học", 1)[1]
    assert len(re.findall(r"^\d+\. ", objectives, flags=re.M)) >= 3
    assert last.startswith("## Tóm tắt bài học") and last.count("\n- ") >= 4


def test_the_worked_plan_is_text_in_the_exercise_format_and_reads_cleanly(nb):
    plan = read_plan(_worked_plan(nb))
    assert plan.problems == () and len(plan.activities) >= 4
    assert all(a.line is not None for a in plan.activities)
    signed = [a for a in plan.activities if a.signs_agreements]
    assert signed and all(a.follow_ups for a in signed)


def test_the_worked_plan_passes_every_self_check_criterion_of_bt3(nb):
    report = kiem_tra(_worked_plan(nb), bai="bt3_thua_thien_hue")
    text = str(report)
    assert "✗" not in text and "✓" in text, text


def test_the_worked_plan_is_not_a_bt3_answer(nb):
    """Bt3 is Thừa Thiên Huế's plan: the lesson's example is another province's, so copying it fails bt3's own
    criteria (and H7's rule on text copied from the course takes the rest)."""
    plan = _worked_plan(nb)
    assert read_plan(plan).locality not in (None, "Thừa Thiên Huế")
    assignments.load_hidden(CRITERIA)
    try:
        spec = assignments.get("bt3_thua_thien_hue")
        answer = spec.read(plan)
        results = {c.key: (c.points, c.check(answer)) for c in spec.criteria}
    finally:
        assignments.unload_hidden()
    assert results["dia_phuong"][1].earned < results["dia_phuong"][1].possible
    earned = sum(points * r.earned / r.possible for points, r in results.values() if r.possible)
    total = sum(points for points, _ in results.values())
    assert earned <= 0.4 * total, f"the lesson's plan pasted into bt3 earns {earned:.1f}/{total:g}"


def test_the_thin_versions_the_lesson_shows_are_caught_by_the_self_check(nb):
    plan = _worked_plan(nb)
    blocks = re.findall(r"Bản sơ sài:\s*```text\n(.*?)```", "\n".join(c.source for c in nb.cells), flags=re.S)
    assert len(blocks) == 3
    description = re.search(r"^Hoạt động 1:.*?(?=^Nội dung trọng tâm:)", plan, flags=re.S | re.M).group(0)
    indicators = "\n".join(re.findall(r"^Chỉ số: .*$", plan.split("Hoạt động 2:")[0], flags=re.M))
    follow_ups = "\n".join(re.findall(r"^Theo dõi: .*$", plan.split("Hoạt động 2:")[0], flags=re.M))
    signed_line = "Ký kết: có\n"
    thin_plans = [
        plan.replace(description, blocks[0]),
        plan.replace(indicators, blocks[1].strip()),
        plan.replace(signed_line + follow_ups, blocks[2].strip(), 1),
    ]
    for thin in thin_plans:
        assert thin != plan
        assert "✗" in str(kiem_tra(thin, bai="bt3_thua_thien_hue"))


def test_the_trainee_reads_no_code_names_in_the_prose(nb):
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    prose = re.sub(r"```.*?```", " ", prose, flags=re.S)
    names = set(PLAN_KEYS) | set(ACTIVITY_KEYS) | set(INDICATOR_KEYS) | {k.id for k in knowledge().partner_kinds}
    names |= {"True", "False", "None"}
    found = sorted(n for n in names if re.search(rf"(?<![\wÀ-ỹ]){re.escape(n)}(?![\wÀ-ỹ])", prose))
    assert found == []


def test_the_lesson_links_the_glossary(nb):
    assert any("(thuat_ngu.ipynb)" in c.source for c in nb.cells if c.cell_type == "markdown")


def test_the_lesson_shows_a_border_provinces_worked_plan_marked_fictional(nb):
    """Border officers see their own work: a plan of a border province with the neighbouring province across the
    border, a delegation, the follow-up of an agreement and a consular case (fictional, like the Hà Tĩnh one)."""
    from grader import examples
    from grader.substance import places

    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "examples.ke_hoach_bien_gioi_van_ban()" in code
    prose = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "tỉnh biên giới" in prose and "tình huống giả định" in prose.split("tỉnh biên giới", 1)[1]
    plan = read_plan(examples.ke_hoach_bien_gioi_van_ban())
    assert places.is_province(plan.locality) and "giả định" in (plan.note or "")
    text = " ".join(f"{a.title} {a.description}" for a in plan.activities)
    assert places.foreign_localities_in(text), "no place of the neighbouring province is named"
    said = (text + " ".join(i.metric or "" for a in plan.activities for i in a.indicators)).casefold()
    for work in ("Đoàn công tác", "thỏa thuận", "bảo hộ công dân", "Tổng Lãnh sự quán"):
        assert work.casefold() in said, work
    assert any(a.signs_agreements and a.follow_ups for a in plan.activities)
    report = kiem_tra(examples.ke_hoach_bien_gioi_van_ban(), bai="bt3_thua_thien_hue")
    assert all(line.passed for line in report.lines), str(report)


def test_every_failed_line_of_the_demo_gives_a_hint_naming_the_activity_and_its_line(nb):
    """The lesson promises that each ✗ names the activity and the line to fix (issue 20): its demo of a plan that
    fails shows no ✗ without a hint (a missing or repeated activity costs in every criterion judged activity by
    activity, and each such criterion says so), and every activity a hint names carries its line in the answer
    cell, the line of that activity's header."""
    from grader import examples

    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert 'kiem_tra(examples.ke_hoach_chua_dat_van_ban(), bai="bt3_thua_thien_hue")' in code
    text = examples.ke_hoach_chua_dat_van_ban()
    report = kiem_tra(text, bai="bt3_thua_thien_hue")
    failed = [line for line in report.lines if not line.passed]
    assert len(failed) >= 5, str(report)
    assert all(line.messages for line in failed), str(report)
    cell_lines = text.split("\n")  # line 1 of the text is the answer cell's first line (ke_hoach = """)
    for line in failed:
        for message in line.messages:
            named = re.findall(r"[Hh]oạt động (\d+) \(“", message)
            lines = [int(n) for n in re.findall(r"dòng (\d+)", message)]
            assert len(lines) >= len(named), message
            for number, at in zip(named, lines, strict=False):
                assert cell_lines[at - 1].startswith(f"Hoạt động {number}:"), (message, cell_lines[at - 1])
