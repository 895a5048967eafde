"""The lesson notebooks: they run on a fresh kernel, carry no outputs, and state only sourced facts."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from grader.knowledge import knowledge, normalize_text

COURSE = Path(__file__).resolve().parent.parent / "course"
LESSONS = sorted(COURSE.glob("[0-9][0-9]_*.ipynb"))

# Numbers allowed in lesson prose without a source: the lessons' own numbering (00-05) and the
# positions 1-7 of list items ("nội dung thứ 1") are course structure, not facts.
STRUCTURAL_NUMBERS = {"00", "01", "02", "03", "04", "05", "1", "2", "3", "4", "5", "6", "7"}


def _markdown(nb: nbformat.NotebookNode) -> str:
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    return re.sub(r"`[^`]*`", " ", text)  # code examples (syntax, not facts)


@pytest.fixture(scope="module")
def corpus() -> str:
    kb = knowledge()
    parts = [a.text for a in kb.articles] + [a.id for a in kb.articles]
    parts += [a.title for a in kb.articles]
    parts += [f.title + " " + f.summary for f in kb.focus_areas] + [p.title + " " + p.summary for p in kb.pillars]
    parts += [c.title + " " + c.summary for c in kb.case_studies] + [c.term for c in kb.concepts]
    parts += [lst.name for lst in kb.lookalike_lists]
    return normalize_text(" ".join(parts)).casefold()


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
def test_every_number_and_quoted_phrase_in_the_prose_is_sourced(path, corpus):
    text = _markdown(nbformat.read(path, as_version=4))
    numbers = set(re.findall(r"\d+(?:[.,/-]\d+)*", text)) - STRUCTURAL_NUMBERS
    missing = [n for n in sorted(numbers) if n not in corpus]
    quoted = re.findall(r"“([^”]+)”", text) + re.findall(r'"([^"]+)"', text)
    missing += [q for q in quoted if normalize_text(q).casefold() not in corpus]
    assert missing == [], f"{path.name}: not found in the sources or knowledge base: {missing}"


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
