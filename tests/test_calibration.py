"""Calibration: hand-written plans graded through the real nbgrader path order as an officer would order them.

The plans live in ``tests/calibration/<bt>/<kind>_<name>.txt`` (the text a trainee types between the triple
quotes of the answer cell). Kinds:

- ``strong``: concrete activities, named markets and partners, plausible numbers: at least 85% of the
  autograded points;
- ``thin``: a first draft with few activities or few details: at most 80%, and below every strong plan;
- ``slogan``: slogans of the sources and lessons copied in, also after following every self-check hint: at
  most 40%;
- ``meaningless``: written by attacking the checks (x, digits, lorem ipsum, salads of real words, salads of
  keywords): at most 25%;
- ``copy``: the course's own worked plan or proposal pasted in (place names changed or not): at most 25%
  (copies of text the course shows are not the trainee's work, grader.substance.copies);
- ``slip_<strong plan>``: a strong plan written the Vietnamese way (30/6/2024, "1,2 tỷ đồng", no "đồng",
  "Có"): exactly the score of its strong plan;
- ``attack``: attacks that still partly succeed (documented limits of the lexical checks, see below): they
  stay below every strong plan and under their recorded ceiling, so a regression shows;
- the attacks of issue 19, written by reading the rules and beating them: ``salad`` (a verb, a kind of
  event, an office, a place, a number, then trade words in random order) and ``namelist`` (lists of names
  and numbers): at most 25%; ``offtask`` (a well-written plan for another locality, recipient or job): at most
  50%; ``generic`` (fluent, no named partner, place or number), ``clone`` (one activity repeated with a name
  swapped) and ``copy`` (the course's or the articles' sentences, names swapped): at most 40%;
- honest plans of issue 19: ``terse`` (short but real: abbreviations, short lines): at least 70%; ``mediocre``
  (real, some gaps): at least 40%, ordered by the tau-b below.

Beside the bands, the scores must order the plans as an officer would (Kendall's tau-b at least 0.8 per
exercise against :data:`RANK`), and the words of every free-text field of every plan scoring 60% or more,
shuffled (by syllables, and by whole words with compounds kept), must score at most 25%.

Each assignment is released once, every plan submitted, and graded with one ``autograde`` call per
assignment; the nbgrader scores must equal the in-process evaluation of the same criteria.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from nbgrader_helpers import CourseCopy, set_answer

from grader.assignments import evaluate_all, get, load_hidden

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
CALIBRATION = HERE / "calibration"
ASSIGNMENTS = {"bt3": "bt3_thua_thien_hue", "bt4": "bt4_dat_hang", "bt5": "bt5_ke_hoach_tinh"}
BANDS = {"strong": (0.85, 1.0), "thin": (0.0, 0.80), "slogan": (0.0, 0.40), "meaningless": (0.0, 0.25),
         "copy": (0.0, 0.40), "salad": (0.0, 0.25), "namelist": (0.0, 0.25), "offtask": (0.0, 0.50),
         "generic": (0.0, 0.40), "clone": (0.0, 0.40), "terse": (0.70, 1.0), "mediocre": (0.40, 1.0)}
# The order of quality an experienced officer gives (higher is better); ties are plans of the same worth.
RANK = {"strong": 6, "slip": 6, "terse": 5, "mediocre": 4, "thin": 3, "slogan": 2, "generic": 2, "clone": 2,
        "copy": 2, "offtask": 2, "salad": 1, "namelist": 1, "meaningless": 1, "attack": 1}
SLIP_TOLERANCE = 0.05  # an honest slip costs at most this share of the points
# Kendall's tau-b the scores reach against RANK on every exercise: issue 19 asks for 0.8 (two experienced
# readers agree at 0.9). Measured in-process: 0.83 (bt3), 0.86 (bt4), 0.84 (bt5). What still costs order: plans
# that all score near nothing (their order is the order of their gates: unreadable 5%, another task 15%, a
# clone 25%), and mediocre plans the grader cannot tell from strong ones.
MIN_TAU = 0.8
# Attacks that still partly succeed, with the ceiling they must stay under. A keyword salad with a verb of
# the work in front ("Tham gia hội chợ trăng sao gió mưa với doanh nghiệp Ấn Độ tại New Delhi di sản UNESCO
# du lịch lữ hành chim muông"): one of its four activities reads as a terse activity; the other three strew in
# words that have nothing to do with the work, so the plan is capped as unreadable (measured 5%).
ATTACK_CEILINGS = {"attack_tu_khoa_co_dong_tu": 0.10}


@dataclass(frozen=True)
class CalibrationPlan:
    bt: str
    name: str  # file stem
    text: str

    @property
    def kind(self) -> str:
        if self.name.startswith("slip_"):
            return "slip"
        return self.name.split("_", 1)[0]

    @property
    def assignment(self) -> str:
        return ASSIGNMENTS[self.bt]

    @property
    def student(self) -> str:
        return re.sub(r"[^a-z0-9_]", "_", f"{self.bt}_{self.name}")[:60]

    @property
    def strong_twin(self) -> str | None:
        return self.name.removeprefix("slip_") if self.kind == "slip" else None


def all_plans() -> list[CalibrationPlan]:
    plans = []
    for bt in ASSIGNMENTS:
        for path in sorted((CALIBRATION / bt).glob("*.txt")):
            plans.append(CalibrationPlan(bt, path.stem, path.read_text(encoding="utf-8")))
    return plans


PLANS = all_plans()


def test_the_calibration_set_is_large_and_covers_every_kind():
    assert len(PLANS) >= 30
    for bt in ASSIGNMENTS:
        kinds = {p.kind for p in PLANS if p.bt == bt}
        assert {"strong", "thin", "slogan", "meaningless", "slip"} <= kinds, (bt, kinds)
    for p in PLANS:
        assert p.kind in {*BANDS, "slip", "attack"} and p.kind in RANK, p.name
        assert '"""' not in p.text and "\\" not in p.text, p.name
        if p.kind == "attack":
            assert p.name in ATTACK_CEILINGS


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, float]:
    """Every plan's share of the autograded points, graded by nbgrader as ``ngoaivu autograde`` runs it."""
    course = CourseCopy.of(tmp_path_factory.mktemp("calibration"), assignments=list(ASSIGNMENTS.values()))
    course.release(*ASSIGNMENTS.values())
    out: dict[str, float] = {}
    for aid in ASSIGNMENTS.values():
        variable = get(aid).answer_variable
        release = course.release_notebook(aid)
        mine = [p for p in PLANS if p.assignment == aid]
        for p in mine:
            course.submit(p.student, aid, set_answer(release, variable, f'{variable} = """\n{p.text}"""\n'))
        course.autograde_batch(aid, [p.student for p in mine])
        auto, _ = course.max_points(aid)
        graded = course.auto_scores(aid)
        for p in mine:
            out[p.name + "@" + p.bt] = round(sum(graded[p.student].values()) / auto, 4)
    print_table(out)
    return out


def print_table(out: dict[str, float]) -> None:
    lines = ["", "| bt | kind | plan | autograded |", "|---|---|---|---|"]
    for p in PLANS:
        total = get(p.assignment).total_points
        share = out[p.name + "@" + p.bt]
        lines.append(f"| {p.bt} | {p.kind} | {p.name} | {share * total:.2f} / {total:g} ({share:.0%}) |")
    print("\n".join(lines))


def score(scores: dict[str, float], p: CalibrationPlan) -> float:
    return scores[p.name + "@" + p.bt]


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: f"{p.bt}-{p.name}")
def test_each_plan_is_in_its_band(plan: CalibrationPlan, scores: dict[str, float]) -> None:
    share = score(scores, plan)
    if plan.kind in BANDS:
        low, high = BANDS[plan.kind]
        assert low <= share <= high, (plan.name, share)
    elif plan.kind == "slip":
        twin = next(p for p in PLANS if p.bt == plan.bt and p.name == plan.strong_twin)
        assert abs(share - score(scores, twin)) <= SLIP_TOLERANCE, (plan.name, share, score(scores, twin))
    else:
        assert share <= ATTACK_CEILINGS[plan.name], (plan.name, share)


@pytest.mark.parametrize("bt", list(ASSIGNMENTS))
def test_strong_beats_thin_beats_slogan_beats_meaningless(bt: str, scores: dict[str, float]) -> None:
    by_kind: dict[str, list[float]] = {}
    for p in PLANS:
        if p.bt == bt:
            by_kind.setdefault(p.kind, []).append(score(scores, p))
    assert min(by_kind["strong"]) > max(by_kind["thin"])
    assert min(by_kind["strong"]) > max(by_kind.get("attack", [0.0]))
    mean = {k: sum(v) / len(v) for k, v in by_kind.items()}
    assert mean["strong"] > mean["thin"] > mean["meaningless"], mean
    assert mean["strong"] > mean["slogan"], mean


def kendall_tau_b(xs: list[float], ys: list[float]) -> float:
    """Kendall's tau-b between two rankings (ties in either count as neither agreement nor disagreement)."""
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 and dy == 0:
                continue
            if dx == 0:
                ties_x += 1
            elif dy == 0:
                ties_y += 1
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    denominator = ((concordant + discordant + ties_x) * (concordant + discordant + ties_y)) ** 0.5
    return (concordant - discordant) / denominator if denominator else 0.0


def test_kendall_tau_b_is_right():
    assert kendall_tau_b([1, 2, 3], [1, 2, 3]) == pytest.approx(1.0)
    assert kendall_tau_b([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert kendall_tau_b([1, 1, 2, 2], [1, 2, 3, 4]) == pytest.approx(0.8165, abs=1e-3)


@pytest.mark.parametrize("bt", list(ASSIGNMENTS))
def test_scores_order_the_plans_as_an_officer_would(bt: str, scores: dict[str, float]) -> None:
    mine = [p for p in PLANS if p.bt == bt]
    tau = kendall_tau_b([RANK[p.kind] for p in mine], [score(scores, p) for p in mine])
    print(f"{bt}: Kendall's tau-b {tau:.2f} over {len(mine)} plans")
    assert tau >= MIN_TAU, (bt, round(tau, 3))


def test_nbgrader_scores_equal_the_checks_in_process(scores: dict[str, float]) -> None:
    load_hidden(HERE.parent / "exercises" / "criteria")
    for p in PLANS:
        results = evaluate_all(p.assignment, p.text, include_hidden=True)
        share = sum(r.earned for r in results) / sum(r.possible for r in results)
        assert share == pytest.approx(score(scores, p), abs=0.01), p.name


def _in_process(p: CalibrationPlan, text: str) -> float:
    results = evaluate_all(p.assignment, text, include_hidden=True)
    return sum(r.earned for r in results) / sum(r.possible for r in results)


_INDICATOR = re.compile(r"^Chỉ số:.*?hạn\s*(\S+)\s*$", re.MULTILINE)


@pytest.mark.parametrize("plan", [p for p in PLANS if p.kind == "generic" and _INDICATOR.search(p.text)],
                         ids=lambda p: f"{p.bt}-{p.name}")
def test_a_count_in_every_indicator_leaves_a_generic_plan_generic(plan: CalibrationPlan) -> None:
    """An indicator that counts what the work yields makes an activity sketchy rather than vague (it counts),
    but a plan whose descriptions still name nobody, nowhere and nothing stays under the generic ceiling: the
    cheapest way past 'concrete means named' is to put a number in every indicator."""
    load_hidden(HERE.parent / "exercises" / "criteria")
    counted = iter(range(25, 1000, 5))
    text = _INDICATOR.sub(lambda m: f"Chỉ số: {next(counted)} đại biểu tham dự, hạn {m.group(1)}", plan.text)
    assert text != plan.text
    assert _in_process(plan, text) <= BANDS["generic"][1]


_LOCALITY = re.compile(r"^Địa phương:.*$", re.MULTILINE)


@pytest.mark.parametrize("plan", [p for p in PLANS if p.bt == "bt5" and RANK[p.kind] >= RANK["mediocre"]
                                  and "Mô tả" in p.text], ids=lambda p: p.name)
def test_another_province_s_name_on_a_good_plan_is_another_task(plan: CalibrationPlan) -> None:
    """bt5: a plan written for one province with another's name on its "Địa phương" line (the cheapest plan
    for the wrong task) earns the task cap, whether or not its activities name their province often."""
    load_hidden(HERE.parent / "exercises" / "criteria")
    for other in ("Cà Mau", "Lào Cai"):
        if other in plan.text:
            continue
        relabelled = _LOCALITY.sub(f"Địa phương: {other}", plan.text, count=1)
        assert _in_process(plan, relabelled) <= 0.25, other
