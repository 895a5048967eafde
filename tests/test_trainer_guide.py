"""The trainer's guide (docs/huong_dan_giang_vien.md) stays true to the exercises, the lessons and the sources."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from grader.knowledge import knowledge, normalize_text

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "huong_dan_giang_vien.md"
EXERCISES = sorted((ROOT / "exercises" / "source").glob("*/*.ipynb"))
LESSONS = sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))
# The review's estimate for lessons 00-05 (issue 14), in minutes.
DURATIONS = {"00": 15, "01": 30, "02": 45, "03": 40, "04": 50, "05": 45}


def _flat(text: str) -> str:
    return normalize_text(text.replace("**", "").replace("*", "").replace("> ", " ")).casefold()


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _sections(guide: str, level: str) -> dict[str, str]:
    parts = re.split(rf"^{level} (.+)$", guide, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def _written_questions() -> list[tuple[str, int, float, str, list[str]]]:
    """(assignment, number, points, question text, rubric bullets) of every manually graded answer."""
    found = []
    for path in EXERCISES:
        nb = nbformat.read(path, as_version=4)
        cells = nb.cells
        for i, cell in enumerate(cells):
            meta = cell.metadata.get("nbgrader", {})
            if not (cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution")):
                continue
            question = cells[i - 1].source
            head, _, rubric = question.partition("*Thang điểm")
            match = re.match(r"\*\*Câu hỏi (\d+) \((\d+) điểm\)\.(?:\*\*)?\s*(.*)", head.strip(), flags=re.S)
            assert match, f"{path.name}: the cell before {meta['grade_id']} is not a 'Câu hỏi N (k điểm).' cell"
            bullets = [b.strip() for b in re.split(r"^- ", rubric.split("\n", 1)[1], flags=re.M) if b.strip()]
            assert float(match.group(2)) == float(meta["points"])
            found.append((path.parent.name, int(match.group(1)), float(meta["points"]), match.group(3), bullets))
    return found


WRITTEN = _written_questions()


def test_every_exercise_with_written_answers_is_found():
    assert {w[0] for w in WRITTEN} == {p.parent.name for p in EXERCISES}
    assert len(WRITTEN) >= 9


@pytest.mark.parametrize("written", WRITTEN, ids=lambda w: f"{w[0]}-{w[1]}")
def test_each_written_answer_has_its_question_rubric_and_samples_at_every_level(guide, written):
    assignment, number, points, question, bullets = written
    heading = f"{assignment} — Câu hỏi {number} ({points:g} điểm)"
    sections = _sections(guide, "###")
    assert heading in sections, f"no section '### {heading}' in the guide"
    body = sections[heading]
    assert _flat(question) in _flat(body), "the question is not quoted as in the notebook"
    for bullet in bullets:
        assert _flat(bullet) in _flat(body), f"rubric line missing or changed: {bullet[:80]}"
    levels = [float(x.replace(",", ".")) for x in re.findall(rf"\*\*Bài (?:đạt )?([\d,]+)/{points:g}\.\*\*", body)]
    assert points in levels and 0 in levels, f"{heading}: needs a full-marks and a zero sample"
    assert any(0 < x < points for x in levels), f"{heading}: needs a partial sample"
    assert body.count("*Vì sao:*") >= len(levels), f"{heading}: each sample needs its 'Vì sao'"


def _objectives(lesson: Path) -> list[str]:
    """The objective bullets at the top of a lesson (under "## Mục tiêu bài học")."""
    text = nbformat.read(lesson, as_version=4).cells[0].source.split("## Mục tiêu bài học", 1)[-1]
    items = re.split(r"^(?:- |\d+\. )", text.split("có thể:", 1)[-1], flags=re.M)[1:]
    return [re.split(r"\n\s*\n", item)[0].strip() for item in items]


def test_the_points_table_matches_the_notebooks(guide):
    for path in EXERCISES:
        cells = [c.metadata.get("nbgrader", {}) for c in nbformat.read(path, as_version=4).cells]
        auto = sum(float(m["points"]) for m in cells if m.get("grade") and not m.get("solution"))
        manual = sum(float(m["points"]) for m in cells if m.get("grade") and m.get("solution"))
        row = f"| `{path.parent.name}` | {auto:g} | {manual:g} |"
        assert row in guide, f"points table: expected a row starting {row}"


def test_every_lesson_has_its_objectives_timing_and_two_to_four_discussion_questions(guide):
    sections = _sections(guide, "###")
    for code, minutes in DURATIONS.items():
        title = next((t for t in sections if t.startswith(f"Bài học {code}.")), None)
        assert title, f"no section for lesson {code}"
        assert f"khoảng {minutes} phút" in title
        body = sections[title]
        lesson = next(p for p in LESSONS if p.name.startswith(code))
        objectives = _objectives(lesson)
        assert len(objectives) >= 3, f"lesson {code} states fewer than 3 objectives"
        for objective in objectives:
            assert _flat(objective) in _flat(body), f"lesson {code}: objective not in the guide: {objective[:60]}"
        questions = body.split("**Câu hỏi thảo luận.**", 1)[1]
        assert 2 <= len(re.findall(r"^\d+\. ", questions, flags=re.M)) <= 4, title


def test_the_guide_names_lessons_and_articles_apart(guide):
    """A lesson is "Bài học 02", an article "bài 002", as in the lessons (issue 20): the guide never sends the
    trainer to a two-digit "bài 02", which reads as the article next to it."""
    assert re.findall(r"(?<!\w)[Bb]ài 0\d(?!\d)", guide) == []
    assert all(f"Bài học {code}." in guide for code in DURATIONS)


def test_the_timing_table_matches_what_each_lesson_says(guide):
    for path in LESSONS:
        code = path.name[:2]
        if code not in DURATIONS:
            continue
        row = next(line for line in guide.splitlines() if f"`course/{path.name}`" in line)
        assert f"khoảng {DURATIONS[code]} phút" in row
        first = nbformat.read(path, as_version=4).cells[0].source
        stated = re.search(r"khoảng (\d+) phút", first)
        if stated:  # a lesson that states its duration agrees with the guide
            assert int(stated.group(1)) == DURATIONS[code], path.name


def test_every_quoted_phrase_comes_from_the_sources_the_exercises_or_the_messages(guide):
    kb = knowledge()
    texts = [a.text for a in kb.articles]
    for path in EXERCISES:
        texts += [c.source for c in nbformat.read(path, as_version=4).cells]
    for catalogue in sorted((ROOT / "grader" / "messages").glob("*.yaml")):  # what the trainee sees
        entries = yaml.safe_load(catalogue.read_text(encoding="utf-8")) or {}
        texts += [str(entry.get("vi", "")) for entry in entries.values() if isinstance(entry, dict)]
    corpus = _flat(" ".join(texts))
    missing = [q for q in re.findall(r"“([^”]+)”", guide) if _flat(q) not in corpus]
    assert missing == []


def test_the_guide_is_linked_and_its_links_resolve(guide):
    for doc in (ROOT / "README.md", ROOT / "docs" / "instructor.md"):
        assert "huong_dan_giang_vien.md" in doc.read_text(encoding="utf-8"), doc.name
    for target in re.findall(r"\]\(([^)#]+)\)", guide):
        if "://" not in target:
            assert (GUIDE.parent / target).exists(), target


def test_the_guide_states_how_many_activities_each_plan_exercise_counts(guide):
    """The guide says what a missing activity costs, with the minimum each exercise's criteria apply."""
    from grader.assignments import bt3_thua_thien_hue, bt5_ke_hoach_tinh

    flat = _flat(guide)
    assert _flat(f"bài tập 3 cần ít nhất {bt3_thua_thien_hue.MIN_ACTIVITIES}") in flat
    assert _flat(f"bài tập 5 cần ít nhất {bt5_ke_hoach_tinh.MIN_ACTIVITIES}") in flat
    assert _flat("mỗi hoạt động còn thiếu được tính là chưa đạt") in flat


def test_section_8_names_the_reports_headings_as_the_report_writes_them(guide):
    """§8 names every section of the cohort report by the heading the report shows (Vietnamese, report.h.* and the
    review section's title), and names no heading the report does not have."""
    from grader.messages import catalogue, t

    section = next(body for title, body in _sections(guide, "##").items() if title.startswith("8."))
    named = re.findall(r"^\| \*([^*|]+)\* \|", section, flags=re.M)
    headings = [t(k, locale="vi") for k in sorted(catalogue()) if k.startswith("report.h.")]
    assert set(named) == {*headings, t("review.report_title", locale="vi")}, named
    assert len(named) == len(set(named))
    assert "tiếng Anh:" not in section  # the report is no longer described as English


def test_the_guide_opens_each_workspace_with_its_own_command(guide):
    """`make start` is the trainee's workspace; the formgrader is opened with `make instructor` (Makefile)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^instructor: .*\n\t.*--instructor", makefile, flags=re.M)
    assert "make start` mở cả thư mục" not in guide
    formgrader = [line for line in guide.splitlines() if "Formgrader*" in line and "Chạy `make" in line]
    assert formgrader and all("`make instructor`" in line for line in formgrader), formgrader
    assert "could not be graded" not in guide
