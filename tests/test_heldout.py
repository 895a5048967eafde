"""The second red team's plans (issue 19), written by someone who read the rules and set out to beat them,
graded in-process: every honest plan in its band, every attack in its band, except the attacks that still
win, each held under the score it reaches now (a documented limit, so a regression shows, and so does a fix).

These plans were held out while the rules were first written, then used for two more rounds; they are no
longer blind. The next red team's plans belong in a new folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_calibration import ASSIGNMENTS, BANDS

from grader.assignments import evaluate_all, load_hidden, unload_hidden

HERE = Path(__file__).resolve().parent
PLANS = sorted((HERE / "heldout").glob("*/*.txt"))
# Attacks that still beat the rules, with the share they reach now (docs/reading.md says why).
# The articles reworded so that no five words in a row match (bt3 93%, bt5 79% before the retelling gate,
# grader.checks.gates RETOLD_*) are in the copy band now; none still wins.
STILL_WIN: dict[str, float] = {}


@pytest.fixture(scope="module", autouse=True)
def hidden_criteria():
    load_hidden(HERE.parent / "exercises" / "criteria")
    yield
    unload_hidden()


def test_the_held_out_set_covers_every_kind():
    assert len(PLANS) >= 27
    for bt in ASSIGNMENTS:
        kinds = {p.stem.split("_", 1)[0] for p in PLANS if p.parent.name == bt}
        assert {"strong", "terse", "thin", "salad", "namelist", "offtask", "generic", "clone", "copy"} <= kinds


@pytest.mark.parametrize("path", PLANS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_each_held_out_plan_is_in_its_band(path: Path) -> None:
    results = evaluate_all(ASSIGNMENTS[path.parent.name], path.read_text(encoding="utf-8"), include_hidden=True)
    share = sum(r.earned for r in results) / sum(r.possible for r in results)
    key = f"{path.parent.name}/{path.stem}"
    if key in STILL_WIN:
        assert share <= STILL_WIN[key], (key, round(share, 3))
        return
    low, high = BANDS[path.stem.split("_", 1)[0]]
    assert low <= share <= high, (key, round(share, 3))
