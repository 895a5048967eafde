"""The third red team's plans (issue 19): 35 fresh plans of every kind, written against the rules as they stand
(grader/substance, grader/checks, exercises/criteria), graded in-process with the hidden criteria.

Every plan in its band, except the attacks that still win (STILL_WIN: each held under the share it reaches
now, so a regression shows and so does a fix) and the honest plans the rules still under-score (STILL_LOW: each
held at or above the share it reaches now). Slip twins stay within SLIP_TOLERANCE of their strong twin. The
words of every free-text field of the strong, terse and mediocre plans, shuffled (tests/shuffle_plans.py),
score at most 0.25. Kendall's tau-b per exercise is printed; it is below 0.8 on every exercise (TAU_NOW).
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

# Attacks that beat the rules, with the share they reach now and the rule that let them through.
STILL_WIN: dict[str, float] = {
    # Verb + noun pairs in meaningless combinations, separated by commas: every item has a verb (not a list),
    # commas keep the unlinked run short (not a salad), and the bigram reader accepts verb-noun transitions.
    "bt3/salad_1_dong_tu_danh_tu_xao_tron": 0.84,
    "bt5/salad_1_dong_tu_danh_tu_xao_tron": 0.62,
    # "Gửi X, gửi Y, mời Z, gặp 50 doanh nghiệp": a verb in front of each name beats the verbless-items rule.
    "bt5/namelist_1_dong_tu_truoc_moi_ten": 0.57,
    # Another job: sends Huế's firms and residents abroad (outbound investment, outbound tours); the task gate
    # only counts the words (đầu tư, doanh nghiệp, di sản, tour) and a foreign market, not the direction.
    "bt3/offtask_1_dua_nguoi_hue_ra_nuoc_ngoai": 0.99,
    # Requests a mission cannot grant, in words outside CANNOT_GRANT ("trả tiền vé máy bay", "thay tỉnh ký
    # hợp đồng"): the gate is a fixed list of phrases.
    "bt4/offtask_1_de_nghi_chiu_chi_phi": 1.0,
    "bt4/offtask_2_de_nghi_ky_hop_dong_thay_tinh": 1.0,
    # A Bến Tre plan relabelled Tiền Giang with every province name in the activities replaced by "tỉnh":
    # works_elsewhere needs another province named; naming none passes.
    "bt5/offtask_1_ten_tien_giang_ke_hoach_ben_tre": 0.96,
    # Generic plans whose only names are the locality itself and its own departments (Huế, Đại Nội, Sở Ngoại vụ,
    # Sở Du lịch; Bến Tre): describes_named counts them as named partners and places.
    "bt3/generic_1_chi_ten_so_nganh_cua_hue": 0.77,
    "bt4/generic_1_chi_ten_hue_va_so": 0.69,
    "bt5/generic_1_chi_ten_tinh_va_so": 0.76,
    # One conference repeated in four capitals, each reworded (word order, partner kinds, budgets, numbers).
    "bt3/clone_1_mot_hoi_nghi_bon_thu_do": 0.98,
    # The course's worked proposal (Hà Tĩnh to Thailand) reworded word by word and moved to Malaysia:
    # is_course_copy matches word 5-grams, and a synonym every four words breaks every 5-gram.
    "bt4/copy_1_de_xuat_mau_dien_dat_khac": 1.0,
}
# Honest plans the rules under-score, with the share they reach now (docs/reading.md: what the reader cannot see).
STILL_LOW: dict[str, float] = {
    # "XTĐT Huế tại Bangkok" names no kind of event; "DN" is no unit; investment half-gate (0.75).
    "bt3/terse_1_han_quoc_thai_lan": 0.61,
    # A fluent request about Dutch greenhouses and lagoon management: the bigram reader finds it unread.
    "bt4/strong_2_ha_lan_nong_nghiep": 0.004,
    # "Gửi đến: ĐSQ VN tại Úc" is not read as a recipient, so the support criterion earns nothing.
    "bt4/terse_1_uc_giao_duc": 0.57,
}
# Kendall's tau-b against RANK, measured now (issue 19 asks for 0.8): the attacks above score like strong plans.
TAU_NOW = {"bt3": 0.36, "bt4": 0.08, "bt5": 0.49}


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
    if tau < 0.8:  # not reached: recorded, so a regression (or a fix) shows
        assert tau >= TAU_NOW[bt] - 0.05, (bt, round(tau, 3))


GOOD = [p for p in PLANS if _kind(p) in ("strong", "terse", "mediocre")]


@pytest.mark.parametrize("mode", ["words", "syllables"])
@pytest.mark.parametrize("path", GOOD, ids=_key)
def test_shuffled_good_plans_score_low(path: Path, mode: str) -> None:
    text = path.read_text(encoding="utf-8")
    for seed in (0, 1):
        assert _share(path.parent.name, shuffle_plan(text, mode, seed)) <= 0.25, (_key(path), mode, seed)
