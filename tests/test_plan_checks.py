"""The plan model, the criterion checks and the self-check."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader import checks, examples
from grader.assignments import ASSIGNMENT_IDS, AnswerError, evaluate, evaluate_all, get
from grader.messages import has
from grader.plan import parse_plan, read_plan, read_proposal, to_data
from grader.selfcheck import kiem_tra

BT3 = "bt3_thua_thien_hue"


@pytest.fixture
def good():
    return examples.ke_hoach_mau_thua_thien_hue()


def score(plan, assignment=BT3):
    """The nbgrader score: each criterion's test cell earns its points only when fully met."""
    results = evaluate_all(assignment, plan, include_hidden=True)
    return sum(r.possible for r in results if r.passed), sum(r.possible for r in results)


# ------------------------------------------------------------------ the model


def test_good_plan_parses_strictly_and_round_trips(good):
    plan = parse_plan(good)
    assert plan.locality == "Thừa Thiên Huế" and plan.start == dt.date(2024, 1, 1)
    assert plan.activities[0].label.startswith("1 (“Hội nghị")
    assert parse_plan(to_data(plan)) == plan


def test_every_problem_is_reported_at_once_naming_activity_and_field(good):
    good["hoat_dong"][1]["bat_dau"] = "30/6/2024"
    good["hoat_dong"][1]["linh_vuc"] = [9]
    good["hoat_dong"][2]["doi_tac"] = ["ban_be"]
    good["tong_kinh_phi"] = "ba tỷ"
    with pytest.raises(AnswerError) as info:
        parse_plan(good)
    texts = [f.text() for f in info.value.findings]
    assert len(texts) == 4
    assert any("Hoạt động 2" in x and "bat_dau" in x for x in texts)
    assert any("Hoạt động 2" in x and "linh_vuc" in x for x in texts)
    assert any("Hoạt động 3" in x and "ban_be" in x for x in texts)
    assert any("tong_kinh_phi" in x for x in texts)


@pytest.mark.parametrize("bad", [None, 5, "kế hoạch", [1, 2], {"hoat_dong": "x"}])
def test_not_a_plan_is_a_vietnamese_answer_error(bad):
    with pytest.raises(AnswerError) as info:
        read_plan(bad)
    assert "Kế hoạch" in str(info.value) or "hoat_dong" in str(info.value)


def test_typo_in_a_field_name_gets_a_hint(good):
    good["hoat_dong"][0]["chi_s0"] = good["hoat_dong"][0].pop("chi_so")
    texts = [f.text() for f in read_plan(good).problems]
    assert any("“chi_s0”" in x and "“chi_so”" in x for x in texts)


# ------------------------------------------------------------------ each check passes and fails


def test_the_realistic_thua_thien_hue_plan_passes_every_criterion(good):
    for result in evaluate_all(BT3, good, include_hidden=True):
        assert result.passed, (result.criterion, result.messages())


def failing(plan, criterion, assignment=BT3):
    result = evaluate(assignment, plan, criterion)
    assert not result.passed, criterion
    return " ".join(result.messages())


def test_required_fields(good):
    del good["hoat_dong"][2]["chu_tri"]
    assert "Hoạt động 3" in failing(good, "truong_bat_buoc") and "chu_tri" in failing(good, "truong_bat_buoc")


def test_dates(good):
    good["hoat_dong"][0]["ket_thuc"] = "2026-03-01"
    assert "nằm ngoài thời gian" in failing(good, "ngay_hop_le")
    good["hoat_dong"][0]["ket_thuc"] = "2024-01-15"
    assert "sau ngày kết thúc" in failing(good, "ngay_hop_le")


@pytest.mark.parametrize("change, words", [
    ({"muc_tieu": 0}, "con số"), ({"don_vi": "  "}, "đơn vị"), ({"han": "2027-01-01"}, "thời hạn"),
    ({"noi_dung": "x"}, "đo cái gì"), ({"don_vi": "100"}, "đơn vị"),
])
def test_indicators_need_number_unit_deadline(good, change, words):
    good["hoat_dong"][3]["chi_so"][0].update(change)
    assert words in failing(good, "chi_so_do_duoc")


def test_focus_and_pillars_must_fit_the_partners(good):
    good["hoat_dong"][2]["doi_tac"] = ["bo_nganh"]  # pillar 4 without overseas Vietnamese or a mission
    assert "trụ cột 4" in failing(good, "linh_vuc_tru_cot_hop_le")
    good = examples.ke_hoach_mau_thua_thien_hue()
    good["hoat_dong"][0]["tru_cot"] = [1]  # economic diplomacy (focus 3) without pillar 2
    assert "trụ cột 2" in failing(good, "linh_vuc_tru_cot_hop_le")


def test_partners_must_be_real_kinds(good):
    good["hoat_dong"][0]["doi_tac"] = ["nguoi_quen"]
    assert "nguoi_quen" in failing(good, "doi_tac_thuc_chat")


def test_budget_must_add_up(good):
    good["tong_kinh_phi"] += 1
    assert "3.200.000.000" in failing(good, "ngan_sach")


def test_follow_up_after_signing(good):
    good["hoat_dong"][0]["theo_doi"] = [{"viec": "Theo dõi biên bản ghi nhớ đã ký", "han": "2024-05-01"}]
    assert "phải sau ngày kết thúc" in failing(good, "theo_doi_cam_ket")


def test_coverage_and_hidden_criteria(good):
    good["hoat_dong"] = good["hoat_dong"][:1] + good["hoat_dong"][2:]  # drop the heritage activity
    good["tong_kinh_phi"] -= 900_000_000
    failing(good, "bao_phu")
    failing(good, "hoat_dong_du_lich_di_san")
    assert evaluate(BT3, good, "ngan_sach").passed


def test_copy_paste_plan_fails(good):
    first = good["hoat_dong"][0]
    clones = []
    for i in range(4):
        clone = copy.deepcopy(first)
        clone["ten"] = f"{first['ten']} đợt {i + 1}"
        clones.append(clone)
    good["hoat_dong"] = clones
    good["tong_kinh_phi"] = 4 * first["kinh_phi"]
    assert "gần như trùng" in failing(good, "hoat_dong_khac_biet")
    failing(good, "bao_phu")
    failing(good, "hoat_dong_du_lich_di_san")
    earned, possible = score(good)
    assert earned < possible * 0.75


def test_keyword_stuffed_plan_fails():
    stuffed = " ".join(["ngoại giao kinh tế văn hoá kiều bào đầu tư du lịch di sản UNESCO Thừa Thiên Huế"] * 3)
    activity = {
        "ten": "Ngoại giao kinh tế, văn hoá, kiều bào, đầu tư, du lịch", "mo_ta": stuffed,
        "linh_vuc": [1, 2, 3, 4, 5, 6, 7], "tru_cot": [1, 2, 3, 4],
        "doi_tac": ["co_quan_dai_dien"], "chu_tri": "Sở Ngoại vụ",
        "bat_dau": "2024-01-01", "ket_thuc": "2025-12-31",
        "chi_so": [{"noi_dung": "đầu tư du lịch", "muc_tieu": 1, "don_vi": "", "han": ""}],
        "kinh_phi": 1, "ky_ket": True, "theo_doi": [],
    }
    plan = {"dia_phuong": "Thừa Thiên Huế", "bat_dau": "2024-01-01", "ket_thuc": "2025-12-31", "tong_kinh_phi": 2,
            "muc_tieu": ["đầu tư", "du lịch"], "hoat_dong": [activity, dict(activity)]}
    for criterion in ("chi_so_do_duoc", "linh_vuc_tru_cot_hop_le", "hoat_dong_khac_biet", "theo_doi_cam_ket",
                      "bao_phu", "hoat_dong_dau_tu", "hoat_dong_du_lich_di_san", "muc_tieu"):
        failing(plan, criterion)
    earned, possible = score(plan)
    assert earned < possible / 2


def test_blank_template_scores_zero_everywhere():
    blank = {"dia_phuong": "", "bat_dau": "", "ket_thuc": "", "tong_kinh_phi": 0, "muc_tieu": [],
             "hoat_dong": [{"ten": "", "mo_ta": "", "linh_vuc": [], "tru_cot": [], "doi_tac": [], "chu_tri": "",
                            "bat_dau": "", "ket_thuc": "", "chi_so": [], "kinh_phi": 0, "ky_ket": False,
                            "theo_doi": []}]}
    for assignment in ("bt3_thua_thien_hue", "bt5_ke_hoach_tinh"):
        assert score(blank, assignment)[0] == 0
    assert score({}, "bt4_dat_hang")[0] == 0


def test_proposal_example_passes_and_vague_market_fails():
    proposal = examples.dat_hang_mau()
    for result in evaluate_all("bt4_dat_hang", proposal, include_hidden=True):
        assert result.passed, (result.criterion, result.messages())
    proposal["thi_truong"] = "nước ngoài"
    proposal["gui_den"] = "co_quan_dai_dien"
    proposal["loai_ho_tro"] = ["tu_van_chinh_sach"]
    assert not evaluate("bt4_dat_hang", proposal, "thi_truong_cu_the").passed
    assert not evaluate("bt4_dat_hang", proposal, "ho_tro_phu_hop").passed
    assert read_proposal(proposal).market == "nước ngoài"


def test_checks_module_functions_are_total_on_empty_plan():
    empty = read_plan({})
    for fn in (checks.check_required_fields, checks.check_dates, checks.check_indicators,
               checks.check_focus_and_pillars, checks.check_partners, checks.check_distinct, checks.check_budget,
               checks.check_follow_up):
        assert fn(empty).earned == 0


# ------------------------------------------------------------------ catalogue and self-check


def test_every_criterion_title_is_in_the_catalogue():
    for assignment_id in ASSIGNMENT_IDS:
        spec = get(assignment_id)
        assert has(spec.title_key)
        for criterion in spec.criteria:
            assert has(criterion.title_key), (assignment_id, criterion.key)


def test_self_check_shows_public_criteria_only_and_warns_about_hidden_ones():
    report = kiem_tra(examples.ke_hoach_chua_dat(), bai=BT3)
    text, page = str(report), report._repr_html_()
    spec = get(BT3)
    from grader.messages import t
    for criterion in spec.hidden_criteria:
        assert t(criterion.title_key) not in text and t(criterion.title_key) not in page
    assert "tiêu chí riêng" in text and "✗" in text and "Hoạt động 2" in text
    good_report = kiem_tra(examples.ke_hoach_mau_thua_thien_hue(), bai=BT3)
    assert good_report.all_passed and "chưa có nghĩa là đạt điểm tối đa" in str(good_report)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
plan_like = st.fixed_dictionaries(
    {}, optional={k: json_values for k in ("dia_phuong", "bat_dau", "ket_thuc", "tong_kinh_phi", "muc_tieu")}
    | {"hoat_dong": st.lists(st.dictionaries(st.sampled_from(
        ["ten", "mo_ta", "linh_vuc", "tru_cot", "doi_tac", "bat_dau", "ket_thuc", "chi_so", "kinh_phi", "ky_ket",
         "theo_doi", "la"]), json_values, max_size=8), max_size=3)},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=json_values | plan_like, bai=st.sampled_from(ASSIGNMENT_IDS))
def test_random_and_malformed_input_never_escapes(answer, bai):
    report = kiem_tra(answer, bai=bai)
    assert str(report) and report._repr_html_()
    for criterion in get(bai).criteria:
        result = evaluate(bai, answer, criterion.key)
        assert 0 <= result.earned <= result.possible
