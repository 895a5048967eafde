"""The e-mail submission form at the end of every exercise saves a correctly named copy, and asks nothing on run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grader.assignments import ASSIGNMENT_IDS
from grader.widgets import nop_bai_form

REPO = Path(__file__).resolve().parent.parent


def test_form_saves_named_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = tmp_path / "bt3_thua_thien_hue.ipynb"
    shutil.copy(REPO / "exercises/source/bt3_thua_thien_hue/bt3_thua_thien_hue.ipynb", notebook)
    monkeypatch.setenv("JPY_SESSION_NAME", str(notebook))
    form = nop_bai_form("bt3_thua_thien_hue")  # building the form asks nothing
    text, button = form.children[1].children
    text.value = " hv007 "
    button.click()
    copy = tmp_path / "hv007_bt3_thua_thien_hue.ipynb"
    assert copy.read_bytes() == notebook.read_bytes()


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_every_exercise_ends_with_the_locked_form(aid: str) -> None:
    nb = json.loads((REPO / "exercises/source" / aid / f"{aid}.ipynb").read_text(encoding="utf-8"))
    last = nb["cells"][-1]
    assert "".join(last["source"]).endswith(f'nop_bai_form("{aid}")')
    assert last["metadata"]["nbgrader"] == {"grade": False, "grade_id": "nop_bai", "locked": True,
                                            "schema_version": 3, "solution": False, "task": False}
