"""The third red team's plans (issue 19): 35 fresh plans of every kind, written against the rules as they stand
(grader/substance, grader/checks, exercises/criteria), graded in-process with the hidden criteria.

Every plan in its band, except the attacks that still win (STILL_WIN: each held under the share it reaches
now, so a regression shows and so does a fix) and the honest plans the rules still under-score (STILL_LOW: each
held at or above the share it reaches now). Slip twins stay within SLIP_TOLERANCE of their strong twin. The
words of every free-text field of the strong, terse and mediocre plans, shuffled (tests/shuffle_plans.py),
score at most 0.25. Kendall's tau-b per exercise is at least 0.8, except where TAU_NOW records it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shuffle_plans import shuffle_plan
from test_calibration import ASSIGNMENTS, BANDS, RANK, SLIP_TOLERANCE, kendall_tau_b

from grader.assignments import evaluate_all, load_hidden, unload_hidden

HERE = Path(__file__).resolve().parent
PLANS = sorted((HERE / "heldout3").glob("*/*.txt"))
SLACK = 0.01  # scores may move this much without counting as a change

# Attacks that beat the rules, with the share they reach now and the rule that let them through. Round 5
# (docs/reading.md) stopped the other eleven: verb + noun salads and a verb in front of each name (list items of
# one verb and a name: 0.84/0.62/0.57 -> 0.01-0.04), outward investment and tours (bt3 0.99 -> 0.15), requests to
# pay or sign for the province (bt4 1.00 -> 0.15), the locality and its own departments as the only names
# (0.69-0.77 -> 0.32-0.35), a conference reworded in four capitals (0.98 -> 0.25), the worked proposal reworded
# (1.00 -> 0.35); each is now held to its kind's band below.
STILL_WIN: dict[str, float] = {
    # A Bến Tre plan relabelled Tiền Giang with every province name in the activities replaced by "tỉnh":
    # works_elsewhere needs another province named; what is left of Bến Tre (coconut, đờn ca tài tử) fits Tiền
    # Giang too, and the places index knows provinces, not their products. Two honest thin plans also never name
    # their own province, so "never names itself" cannot be the rule.
    "bt5/offtask_1_ten_tien_giang_ke_hoach_ben_tre": 0.96,
}
# Honest plans the rules under-score, with the share they reach now (docs/reading.md: what the reader cannot see).
# Round 5 lifted the three of the third red team: the Dutch request (0.004 -> 0.97), "ĐSQ VN tại Úc" as a
# recipient (0.58 -> 0.86), the terse Huế plan's abbreviations in the exercise's word lists and the follow-up's
# owner ("BQL KKT rà soát", 0.61 -> 0.75).
STILL_LOW: dict[str, float] = {}
# Kendall's tau-b against RANK (issue 19 asks for 0.8): bt3 0.87 and bt4 0.81 reach it; bt5 0.73 does not, the
# relabelled plan above scoring like a strong one and the thin draft (one sentence, 0.12) under the generic plan.
TAU_NOW = {"bt5": 0.73}


def _kind(path: Path) -> str:
    return "slip" if path.stem.startswith("slip_") else path.stem.split("_", 1)[0]


def _key(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _share(bt: str, text: str) -> float:
    results = evaluate_all(ASSIGNMENTS[bt], text, include_hidden=True)
    return sum(r.earned for r in results) / sum(r.possible for r in results)


@pytest.fixture(scope="module", autouse=True)
def hidden_criteria():
    load_hidden(HERE.parent / "exercises" / "criteria")
    yield
    unload_hidden()


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return {_key(p): _share(p.parent.name, p.read_text(encoding="utf-8")) for p in PLANS}


def test_the_third_held_out_set_covers_every_kind():
    assert len(PLANS) >= 33
    for bt in ASSIGNMENTS:
        mine = [p for p in PLANS if p.parent.name == bt]
        assert len(mine) >= 11, bt
        assert {
            "strong",
            "terse",
            "slip",
            "mediocre",
            "thin",
            "salad",
            "namelist",
            "offtask",
            "generic",
            "clone",
            "copy",
        } <= {_kind(p) for p in mine}, bt
    for p in PLANS:
        assert '"""' not in p.read_text(encoding="utf-8"), p
    assert set(STILL_WIN) | set(STILL_LOW) <= {_key(p) for p in PLANS}


@pytest.mark.parametrize("path", PLANS, ids=_key)
def test_each_plan_is_in_its_band(path: Path, scores: dict[str, float]) -> None:
    key, share = _key(path), scores[_key(path)]
    if key in STILL_WIN:
        assert share <= STILL_WIN[key] + SLACK, (key, round(share, 3))
        return
    if key in STILL_LOW:
        assert share >= STILL_LOW[key] - SLACK, (key, round(share, 3))
        return
    if _kind(path) == "slip":
        twin = f"{path.parent.name}/{path.stem.removeprefix('slip_')}"
        assert abs(share - scores[twin]) <= SLIP_TOLERANCE, (key, share, scores[twin])
        return
    low, high = BANDS[_kind(path)]
    assert low <= share <= high, (key, round(share, 3))


@pytest.mark.parametrize("bt", list(ASSIGNMENTS))
def test_tau_b(bt: str, scores: dict[str, float]) -> None:
    mine = [p for p in PLANS if p.parent.name == bt]
    tau = kendall_tau_b([RANK[_kind(p)] for p in mine], [scores[_key(p)] for p in mine])
    print(f"{bt}: Kendall's tau-b {tau:.2f} over {len(mine)} plans")
    if bt in TAU_NOW:  # not reached: recorded, so a regression (or a fix) shows
        assert tau >= TAU_NOW[bt] - 0.05, (bt, round(tau, 3))
    else:
        assert tau >= 0.8, (bt, round(tau, 3))


GOOD = [p for p in PLANS if _kind(p) in ("strong", "terse", "mediocre")]


@pytest.mark.parametrize("mode", ["words", "syllables"])
@pytest.mark.parametrize("path", GOOD, ids=_key)
def test_shuffled_good_plans_score_low(path: Path, mode: str) -> None:
    text = path.read_text(encoding="utf-8")
    for seed in (0, 1):
        assert _share(path.parent.name, shuffle_plan(text, mode, seed)) <= 0.25, (_key(path), mode, seed)
