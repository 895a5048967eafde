"""The lesson notebooks: they run on a fresh kernel, carry no outputs, and state only sourced facts."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from grader.knowledge import knowledge, normalize_text
from grader.messages import catalogue

COURSE = Path(__file__).resolve().parent.parent / "course"
CHANGES = COURSE.parent / "source_data" / "thay_doi.yaml"
LESSONS = sorted(COURSE.glob("[0-9][0-9]_*.ipynb"))

# Numbers allowed in lesson prose without a source: the lessons' own numbering (00-05) and the
# positions 1-7 of list items ("nội dung thứ 1") are course structure, not facts.
STRUCTURAL_NUMBERS = {"00", "01", "02", "03", "04", "05", "1", "2", "3", "4", "5", "6", "7"}


# The lessons this helper owns, with their durations in minutes (00 and 05 are checked by their owners' tests).
DURATIONS = {"01": 30, "02": 45, "03": 40, "04": 50}
CONTENT_LESSONS = [p for p in LESSONS if p.name[:2] in DURATIONS]


def _markdown(nb: nbformat.NotebookNode) -> str:
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)  # code examples and file paths (syntax, not facts)
    return re.sub(r"\d+ phút", " ", text)  # a lesson's duration is course structure, not a fact


@pytest.fixture(scope="module")
def corpus() -> str:
    kb = knowledge()
    parts = [a.text for a in kb.articles] + [a.id for a in kb.articles]
    parts += [a.title for a in kb.articles]
    parts += [f.title + " " + f.summary for f in kb.focus_areas] + [p.title + " " + p.summary for p in kb.pillars]
    parts += [c.title + " " + c.summary for c in kb.case_studies] + [c.term for c in kb.concepts]
    parts += [lst.name for lst in kb.lookalike_lists]
    parts.append(CHANGES.read_text(encoding="utf-8"))  # what changed since the articles, each with its document
    return normalize_text(" ".join(parts)).casefold()


@pytest.fixture(scope="module")
def interface_text() -> str:
    """What the interface itself shows (the message catalogue, placeholders read as "…"): it may be quoted."""
    return normalize_text(" ".join(re.sub(r"\{\w+\}", "…", m["vi"]) for m in catalogue().values())).casefold()


def test_there_are_at_least_six_numbered_lessons_starting_with_orientation():
    names = [p.name for p in LESSONS]
    assert len(names) >= 6 and names[0] == "00_huong_dan.ipynb"
    assert [n[:2] for n in names[:6]] == ["00", "01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lessons_are_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_every_number_and_quoted_phrase_in_the_prose_is_sourced(path, corpus, interface_text):
    text = _markdown(nbformat.read(path, as_version=4))
    numbers = set(re.findall(r"\d+(?:[.,/-]\d+)*", text)) - STRUCTURAL_NUMBERS
    missing = [n for n in sorted(numbers) if n not in corpus]
    quoted = re.findall(r"“([^”]+)”", text) + re.findall(r'"([^"]+)"', text)
    missing += [q for q in quoted if normalize_text(q).casefold() not in corpus
                and normalize_text(q).casefold() not in interface_text]
    assert missing == [], f"{path.name}: not found in the sources or knowledge base: {missing}"


@pytest.mark.parametrize("path", CONTENT_LESSONS, ids=lambda p: p.name)
def test_lesson_has_objectives_duration_recap_and_references(path):
    nb = nbformat.read(path, as_version=4)
    first, last = nb.cells[0], nb.cells[-1]
    assert first.cell_type == "markdown" and last.cell_type == "markdown"
    assert f"**Thời lượng:** khoảng {DURATIONS[path.name[:2]]} phút" in first.source
    objectives = first.source.split("## Mục tiêu bài học", 1)[1]
    assert "Sau bài này, anh/chị có thể" in objectives and objectives.count("\n- ") >= 3
    assert "## Tóm tắt bài học" in last.source and last.source.count("\n- ") >= 3
    references = last.source.split("## Tài liệu tham khảo", 1)[1]
    kb = knowledge()
    cited = set(re.findall(r"^- Bài (\d{3}): ", references, flags=re.M))
    assert cited and cited <= {a.id for a in kb.articles}
    for aid in cited:
        assert kb.article(aid).title in references and kb.article(aid).file in references


@pytest.mark.parametrize("path", CONTENT_LESSONS, ids=lambda p: p.name)
def test_lesson_cells_are_short_and_in_one_voice(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 6, cell.source
        elif cell is not nb.cells[0] and cell is not nb.cells[-1]:
            assert len(cell.source) <= 900, cell.source[:80]
    prose = _markdown(nb)
    assert not re.search(r"\bbạn\b", prose, flags=re.I)  # the lessons say "anh/chị"
    unquoted = re.sub(r"“[^”]*”", " ", prose).casefold()
    assert [f for f in ("óa", "òa", "ỏa", "õa", "ọa", "úy", "ùy", "ủy", "ũy", "ụy") if f in unquoted] == []


def test_lessons_show_every_case_and_every_focus_areas_examples():
    code = "\n".join(c.source for p in CONTENT_LESSONS for c in nbformat.read(p, as_version=4).cells
                     if c.cell_type == "code")
    for case in knowledge().case_studies:
        assert f'"{case.id}' in code, case.id
    for fa in knowledge().focus_areas:
        assert f"vi_du_linh_vuc({fa.number})" in code


def _run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(COURSE)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors}"
    if path.name.startswith(("01", "05")):
        assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.slow
def test_every_lesson_runs_top_to_bottom_on_a_fresh_kernel():
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(_run, LESSONS))


def test_what_changed_since_the_articles_is_dated_documented_and_marked_outside_them():
    """Lesson 01 says what changed after the articles (Thành phố Huế, 34 provinces, Sở Tài chính), each change with
    the official document that made it (kind, number, date, issuer), and marks the section as outside the articles."""
    changes = yaml.safe_load(CHANGES.read_text(encoding="utf-8"))["changes"]
    assert {c["id"] for c in changes} >= {"thanh_pho_hue", "34_tinh_thanh", "so_tai_chinh"}
    prose = normalize_text(_markdown(nbformat.read(COURSE / "01_boi_canh.ipynb", as_version=4)))
    assert "nằm ngoài năm bài nguồn" in prose
    for change in changes:
        doc = change["document"]
        assert all(doc.get(k) for k in ("kind", "number", "date", "issuer")), change["id"]
        stated = f"{doc['kind']} số {doc['number']} ngày {doc['date']} của {doc['issuer']}".replace("Ủy", "Uỷ")
        assert stated in prose, stated
        if change.get("new_name"):
            assert change["new_name"] in prose


def test_the_orientation_of_the_articles_is_dated_not_presented_as_todays_frame():
    """The 2023-2025 orientation is what article 001 said then: lessons 01 and 02 and the exercises give its dates
    and do not call it the frame of each department's plan today. Its tasks that were still ahead then (preparing
    the XIV Party Congress) are told, wherever a lesson, an exercise or the knowledge base's summary shown in lesson
    02 names them, as what article 001 said at the time (12/2023), not as a task ahead of the trainee."""
    exercises = sorted((COURSE.parent / "exercises" / "source").glob("*/*.ipynb"))
    texts = {p.name: _markdown(nbformat.read(p, as_version=4)) for p in [*LESSONS, *exercises]}
    texts |= {f"focus area {f.number}": f.summary for f in knowledge().focus_areas}
    for name, prose in texts.items():
        assert "Đây là khung để mỗi Sở Ngoại vụ xây dựng kế hoạch" not in prose, name
        if name in ("01_boi_canh.ipynb", "02_bay_noi_dung_trong_tam.ipynb") and "2023-2025" in prose:
            assert "12/2023" in prose, name
        for paragraph in re.split(r"\n\s*\n|\n(?=\d+\. |[-*] )", prose):
            if "2023-2025" in paragraph or "Đại hội XIV" in paragraph:
                dated = "12/2023" in paragraph or "cuối năm 2023" in paragraph
                assert dated and "bài 001" in paragraph.casefold(), (name, normalize_text(paragraph)[:200])


def test_lessons_name_lessons_and_articles_apart():
    """A lesson is "Bài học 02", an article "bài 002": prose never sends the reader to a two-digit "bài 02".

    Every lesson (its title included: "# Bài học 02. …"), the glossary and the exercises."""
    for path in LESSONS:
        title = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
        assert title.startswith(f"# Bài học {path.name[:2]}. "), (path.name, title)
    exercises = sorted((COURSE.parent / "exercises" / "source").glob("*/*.ipynb"))
    for path in [*LESSONS, COURSE / "thuat_ngu.ipynb", *exercises]:
        prose = _markdown(nbformat.read(path, as_version=4))
        assert not re.findall(r"\b[Bb]ài (?:0\d)(?:-0\d)?\b(?!\d)", prose), path.name
