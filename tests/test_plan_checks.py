"""The public criteria of the plan exercises (grader.checks), the hidden criteria files, and the self-check.

Plans are written in the text form trainees use (TEAM.md §1); the strong bt3 plan of the calibration set
is the baseline that passes every criterion, and each test changes one thing in it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader import checks
from grader.assignments import ASSIGNMENT_IDS, evaluate, evaluate_all, get, load_hidden, unload_hidden
from grader.messages import has, t
from grader.plan import read_plan, read_proposal
from grader.selfcheck import kiem_tra

BT3, BT4, BT5 = "bt3_thua_thien_hue", "bt4_dat_hang", "bt5_ke_hoach_tinh"
CALIBRATION = Path(__file__).resolve().parent / "calibration"
CRITERIA = Path(__file__).resolve().parent.parent / "exercises" / "criteria"


@pytest.fixture(autouse=True)
def hidden_loaded():
    load_hidden(CRITERIA)
    yield
    unload_hidden()


def plan_text(name: str, bt: str = "bt3") -> str:
    return (CALIBRATION / bt / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture
def good() -> str:
    return plan_text("strong_1_nhat_ban_an_do")


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    assert old in text, old
    return text.replace(old, new, count)


def earned(plan: str, criterion: str, assignment: str = BT3) -> float:
    result = evaluate(assignment, plan, criterion)
    return result.earned / result.possible


def messages(plan: str, criterion: str, assignment: str = BT3) -> str:
    return " ".join(evaluate(assignment, plan, criterion).messages())


def total(plan: str, assignment: str = BT3) -> float:
    return sum(r.earned for r in evaluate_all(assignment, plan, include_hidden=True))


# ------------------------------------------------------------------ the baseline


def test_the_strong_plan_passes_every_criterion(good):
    for result in evaluate_all(BT3, good, include_hidden=True):
        assert result.passed, (result.criterion, result.messages())


def test_vietnamese_ways_of_writing_cost_nothing(good):
    slips = edit(good, "Thời gian: 01/03/2027 - 30/06/2027", "Thời gian: 1/3/2027 - 30/6/2027")
    slips = edit(slips, "Kinh phí: 1.200.000.000 đồng", "Kinh phí: 1,2 tỷ đồng")
    slips = edit(slips, "Tổng kinh phí: 3.650.000.000 đồng", "Tổng kinh phí: 3.650.000.000")
    slips = edit(slips, "Chỉ số: 60 doanh nghiệp Nhật Bản dự hội nghị, hạn 30/06/2027",
                 "Chỉ số: 60 doanh nghiệp Nhật Bản dự hội nghị, hạn 30/6/2027")
    assert total(slips) == total(good)


def test_numbers_written_as_words_cost_nothing(good):
    slips = edit(good, "Chỉ số: 60 doanh nghiệp Nhật Bản dự hội nghị, hạn 30/06/2027",
                 "Chỉ số: sáu mươi doanh nghiệp Nhật Bản dự hội nghị, hạn 30/06/2027")
    assert total(slips) == total(good)


# ------------------------------------------------------------------ partial credit, no cascade


def test_one_missing_partner_costs_only_its_share(good):
    bare = edit(good, "Đối tác: cơ quan đại diện\nChủ trì: Sở Ngoại vụ\nThời gian: 01/01/2027",
                "Đối tác:\nChủ trì: Sở Ngoại vụ\nThời gian: 01/01/2027")
    assert 0.7 < earned(bare, "doi_tac_thuc_chat") < 1
    assert 0.8 < earned(bare, "truong_bat_buoc") < 1
    for criterion in ("bao_phu", "hoat_dong_du_lich_di_san", "hoat_dong_cu_the", "chi_so_do_duoc"):
        assert earned(bare, criterion) == earned(good, criterion), criterion


def test_one_bad_indicator_costs_a_part_of_one_activity(good):
    bad = edit(good, "Chỉ số: 30 cán bộ hoàn thành khoá bồi dưỡng, hạn 31/05/2027",
               "Chỉ số: 30 cán bộ hoàn thành khoá bồi dưỡng, hạn 31/05/2030")
    assert 0.85 < earned(bad, "chi_so_do_duoc") < 1
    assert "31/05/2030" in messages(bad, "chi_so_do_duoc")


def test_fewer_activities_than_asked_cannot_earn_full_marks(good):
    three = good[: good.index("Hoạt động 4:")]
    three = edit(three, "Tổng kinh phí: 3.650.000.000 đồng", "Tổng kinh phí: 2.750.000.000 đồng")
    assert earned(three, "ngay_hop_le") == pytest.approx(0.8)
    assert t("substance.few_activities", count=3, minimum=4) in messages(three, "truong_bat_buoc")
    assert t("substance.few_activities", count=3, minimum=4) not in messages(three, "ngay_hop_le")  # said once


# ------------------------------------------------------------------ substance rules inside the criteria


def test_meaningless_description_earns_nothing_for_its_activity(good):
    bad = edit(good, good[good.index("Mô tả: Mở lớp"):good.index("\nNội dung trọng tâm: 7")],
               "Mô tả: 1 2 3 4 5 6 7 8 a b c x y z")
    for criterion in ("chi_so_do_duoc", "linh_vuc_tru_cot_hop_le", "doi_tac_thuc_chat", "hoat_dong_khac_biet"):
        assert earned(bad, criterion) == pytest.approx(4 / 5, abs=0.01), criterion
    for criterion in ("ngay_hop_le", "ngan_sach"):  # one part for the plan as a whole, one per activity
        assert earned(bad, criterion) == pytest.approx(5 / 6, abs=0.01), criterion
    assert "hoạt động 4" in messages(bad, "ngay_hop_le").lower()


def test_slogan_description_is_not_content(good):
    slogans = ("Mô tả: Đẩy mạnh công tác đối ngoại toàn diện, hiệu quả, thực chất, phát huy tiềm năng, thế mạnh, "
               "nâng cao chất lượng hiệu quả, tăng cường thu hút nguồn lực phục vụ phát triển bền vững")
    bad = edit(good, good[good.index("Mô tả: Mở lớp"):good.index("\nNội dung trọng tâm: 7")], slogans)
    text = messages(bad, "hoat_dong_cu_the")
    assert "khẩu hiệu" in text and "Hoạt động 4" in text
    assert earned(bad, "chi_so_do_duoc") < 1


def test_each_activity_says_what_with_whom_where(good):
    vague = edit(good, "Hoạt động 3: Đón đoàn famtrip doanh nghiệp lữ hành Hàn Quốc khảo sát di sản Huế",
                 "Hoạt động 3: Đón đoàn famtrip doanh nghiệp lữ hành")
    vague = edit(vague, "Mô tả: Mời 15 doanh nghiệp lữ hành Hàn Quốc qua Tổng Lãnh sự quán Việt Nam tại Busan khảo sát "
                       "Đại Nội, lăng tẩm và các điểm du lịch Huế để xây dựng tour trọn gói",
                 "Mô tả: Mời các doanh nghiệp lữ hành nước ngoài đến tìm hiểu các điểm du lịch của tỉnh để xây dựng "
                 "tour trọn gói")
    # Its indicator still counts what the work yields ("4 tour ... mở bán"): a sketchy activity, told what it
    # lacks, earning part of its share.
    sketchy = messages(vague, "hoat_dong_cu_the")
    assert "với ai" in sketchy and "ở đâu" in sketchy and "chưa nêu tên" not in sketchy
    assert 1 - 1 / 5 < earned(vague, "hoat_dong_cu_the") < 1
    vague = edit(vague, "Chỉ số: 4 tour di sản Huế được doanh nghiệp lữ hành Hàn Quốc mở bán",
                 "Chỉ số: Các doanh nghiệp lữ hành quan tâm đến tour di sản")
    text = messages(vague, "hoat_dong_cu_the")
    assert "với ai" in text and "ở đâu" in text and "chưa nêu tên" in text
    # Concrete means named (issue 19): an activity naming no partner, place or body and counting nothing
    # earns nothing, however fluent; the rest of the plan keeps its points.
    assert earned(vague, "hoat_dong_cu_the") == pytest.approx(1 - 1 / 5, abs=0.01)


def test_tags_must_be_supported_by_the_text(good):
    bad = edit(good, "Nội dung trọng tâm: 7\nTrụ cột: 2", "Nội dung trọng tâm: 7, 6\nTrụ cột: 2, 4")
    text = messages(bad, "linh_vuc_tru_cot_hop_le")
    assert "trụ cột 4" in text and "nội dung trọng tâm 6" in text
    assert 0.8 < earned(bad, "linh_vuc_tru_cot_hop_le") < 1


def test_every_partner_kind_listed_is_penalised(good):
    everyone = ("Đối tác: cơ quan đại diện, Bộ Ngoại giao, bộ ngành, địa phương nước ngoài, doanh nghiệp nước ngoài, "
                "hiệp hội doanh nghiệp, tổ chức quốc tế, kiều bào, doanh nghiệp Việt Nam")
    bad = edit(good, "Đối tác: cơ quan đại diện, doanh nghiệp nước ngoài, hiệp hội doanh nghiệp", everyone)
    assert earned(bad, "doi_tac_thuc_chat") < 0.9
    assert "tối đa 4" in messages(bad, "doi_tac_thuc_chat")


@pytest.mark.parametrize(("old", "new", "words"), [
    ("Chỉ số: 30 cán bộ hoàn thành khoá bồi dưỡng", "Chỉ số: 30,5 cán bộ hoàn thành khoá bồi dưỡng", "số nguyên"),
    ("Chỉ số: 30 cán bộ hoàn thành khoá bồi dưỡng", "Chỉ số: 30 xyz hoàn thành khoá bồi dưỡng", "đơn vị"),
    ("Chỉ số: 30 cán bộ hoàn thành khoá bồi dưỡng", "Chỉ số: 30 bài viết về ẩm thực đường phố", "gắn với"),
])
def test_indicators_are_plausible_and_tied_to_the_activity(good, old, new, words):
    bad = edit(good, old, new)
    assert words in messages(bad, "chi_so_do_duoc")
    assert earned(bad, "chi_so_do_duoc") < 1


def test_budget_plausible_for_the_kind_of_activity(good):
    bad = edit(good, "Kinh phí: 300.000.000 đồng", "Kinh phí: 1 đồng")
    bad = edit(bad, "Tổng kinh phí: 3.650.000.000 đồng", "Tổng kinh phí: 3.350.000.001 đồng")
    assert "lớp bồi dưỡng" in messages(bad, "ngan_sach")
    assert earned(bad, "ngan_sach") == pytest.approx(5 / 6, abs=0.01)


def test_plan_period_is_the_one_the_exercise_states(good):
    bad = edit(good, "Thời gian: 01/01/2027 - 31/12/2028", "Thời gian: 01/01/2000 - 31/12/2099")
    assert "2027" in messages(bad, "ngay_hop_le")
    assert earned(bad, "ngay_hop_le") < 0.6


def test_follow_up_after_the_activity_and_before_the_plan_ends(good):
    late = edit(good, "hạn 31/03/2028\n\nHoạt động 2", "hạn 31/03/2029\n\nHoạt động 2")
    early = edit(good, "hạn 30/09/2027\nTheo dõi: Làm việc", "hạn 01/05/2027\nTheo dõi: Làm việc")
    for bad in (late, early):
        assert "sau khi hoạt động kết thúc" in messages(bad, "theo_doi_cam_ket")
        assert 0.8 < earned(bad, "theo_doi_cam_ket") < 1


def test_objectives_must_be_concrete(good):
    bad = edit(good, "- Thu hút ít nhất 3 dự án đầu tư của doanh nghiệp Nhật Bản và Hàn Quốc vào du lịch, công nghệ "
                     "cao của tỉnh", "- Phát huy tiềm năng, thế mạnh, đẩy mạnh hội nhập quốc tế toàn diện, hiệu quả")
    assert earned(bad, "muc_tieu") == pytest.approx(1.0)  # the best two of three still count
    bad = edit(bad, "- Đưa thêm 20.000 lượt khách Ấn Độ đến tham quan 7 di sản được UNESCO vinh danh của Huế đến hết "
                    "năm 2028", "- Tăng cường quảng bá hình ảnh của tỉnh")
    assert earned(bad, "muc_tieu") < 1
    assert "khẩu hiệu" in messages(bad, "muc_tieu")


def test_copies_count_once(good):
    first = good[good.index("Hoạt động 1:"):good.index("Hoạt động 2:")]
    copied = good.replace(good[good.index("Hoạt động 2:"):], first.replace("Hoạt động 1:", "Hoạt động 2:") + "\n"
                          + first.replace("Hoạt động 1:", "Hoạt động 3:") + "\n"
                          + first.replace("Hoạt động 1:", "Hoạt động 4:"))
    assert "gần như trùng" in messages(copied, "hoat_dong_khac_biet")
    assert earned(copied, "hoat_dong_khac_biet") == pytest.approx(0.25)
    assert earned(copied, "chi_so_do_duoc") == pytest.approx(0.25)


# ------------------------------------------------------------------ hidden criteria (instructor side)


def test_hidden_criteria_are_not_in_the_package():
    unload_hidden()
    for aid in (BT3, BT4, BT5):
        assert not get(aid).hidden_criteria
    package = Path(checks.__file__).resolve().parents[1]  # the whole grader package, not only grader/checks
    for path in package.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for key in ("hoat_dong_du_lich_di_san", "thi_truong_cu_the", "bao_phu_linh_vuc", "ho_tro_phu_hop"):
            assert key not in source, (path, key)


def test_bt3_heritage_activity_may_be_pillar_2_or_3(good):
    as_pillar_2 = edit(good, "Nội dung trọng tâm: 4, 6\nTrụ cột: 3, 2", "Nội dung trọng tâm: 4, 6\nTrụ cột: 2")
    assert earned(as_pillar_2, "bao_phu") == 1 and earned(as_pillar_2, "hoat_dong_du_lich_di_san") == 1


def test_bt3_heritage_activity_names_heritage_and_a_market(good):
    without = good[:good.index("Hoạt động 2:")] + good[good.index("Hoạt động 4:"):good.index("Hoạt động 5:")]
    assert earned(without, "hoat_dong_du_lich_di_san") < 1
    assert t("hidden.bt3.heritage") in messages(without, "hoat_dong_du_lich_di_san")


def test_bt3_locality_accepts_the_citys_names(good):
    assert earned(edit(good, "Địa phương: Thừa Thiên Huế", "Địa phương: Thành phố Huế"), "dia_phuong") == 1
    assert earned(edit(good, "Địa phương: Thừa Thiên Huế", "Địa phương: Đà Nẵng"), "dia_phuong") == 0


def test_bt5_province_must_be_real():
    strong = plan_text("strong_1_ha_tinh", "bt5")
    assert earned(strong, "dia_phuong", BT5) == 1
    for name in ("Tỉnh ABC", "Các tỉnh miền Trung", "Tokyo"):
        assert earned(edit(strong, "Địa phương: Hà Tĩnh", f"Địa phương: {name}"), "dia_phuong", BT5) == 0


def test_bt5_each_focus_area_needs_its_own_activity():
    strong = plan_text("strong_1_ha_tinh", "bt5")
    merged = edit(strong, "Nội dung trọng tâm: 7\nTrụ cột: 1", "Nội dung trọng tâm: 7, 2\nTrụ cột: 1")
    merged = edit(merged, "Nội dung trọng tâm: 2\nTrụ cột: 1", "Nội dung trọng tâm: 1\nTrụ cột: 1")
    assert earned(merged, "bao_phu_linh_vuc", BT5) < 1


PROPOSAL = """Địa phương: Thừa Thiên Huế
Gửi đến: cơ quan đại diện
Thị trường: Ấn Độ
Loại hỗ trợ: thông tin, quảng bá kết nối
Nội dung: Đề nghị Đại sứ quán Việt Nam tại Ấn Độ cung cấp danh sách 20 hãng lữ hành lớn ở New Delhi và Mumbai quan \
tâm tới du lịch di sản, và giới thiệu tỉnh tham gia hội chợ du lịch quốc tế tại New Delhi tháng 9/2027
Kết quả mong đợi: Tỉnh làm việc trực tiếp với 10 hãng lữ hành Ấn Độ, mở 2 tour di sản Huế cho khách Ấn Độ
Nội dung trọng tâm: 3, 4
Trụ cột: 2
Thời gian: 01/01/2027 - 31/12/2027
Chỉ số: 10 hãng lữ hành Ấn Độ làm việc trực tiếp với tỉnh, hạn 31/12/2027
Chỉ số: 2 tour di sản Huế được mở bán tại Ấn Độ, hạn 31/12/2027
"""


def test_bt4_strong_proposal_passes():
    for result in evaluate_all(BT4, PROPOSAL, include_hidden=True):
        assert result.passed, (result.criterion, result.messages())


def test_bt4_vague_market_and_any_recipient_support():
    vague = edit(PROPOSAL, "Thị trường: Ấn Độ", "Thị trường: Các thị trường tiềm năng")
    assert earned(vague, "thi_truong_cu_the", BT4) == 0
    # a mission may be asked for policy advice too (article 001, focus area 4)
    advice = edit(PROPOSAL, "Loại hỗ trợ: thông tin, quảng bá kết nối", "Loại hỗ trợ: tư vấn chính sách")
    advice = edit(advice, "và giới thiệu tỉnh", "tư vấn chính sách thị thực cho khách đoàn, và giới thiệu tỉnh")
    assert earned(advice, "ho_tro_phu_hop", BT4) == 1
    standards = edit(PROPOSAL, "Loại hỗ trợ: thông tin, quảng bá kết nối", "Loại hỗ trợ: quy tắc tiêu chuẩn")
    assert earned(standards, "ho_tro_phu_hop", BT4) < 1


def test_bt4_no_focus_area_is_required():
    culture = edit(PROPOSAL, "Nội dung trọng tâm: 3, 4\nTrụ cột: 2", "Nội dung trọng tâm: 4\nTrụ cột: 3")
    assert sum(r.earned for r in evaluate_all(BT4, culture, include_hidden=True)) == get(BT4).total_points
    assert read_proposal(culture).pillars == (3,)


# ------------------------------------------------------------------ the module is total, the catalogue complete


def test_checks_are_total_on_an_empty_plan():
    empty = read_plan({})
    for fn in (checks.check_required_fields, checks.check_dates, checks.check_indicators,
               checks.check_focus_and_pillars, checks.check_partners, checks.check_concrete, checks.check_distinct,
               checks.check_budget, checks.check_follow_up, checks.check_objectives):
        assert fn(empty).earned == 0, fn.__name__


def test_every_criterion_title_is_in_the_catalogue():
    for assignment_id in ASSIGNMENT_IDS:
        spec = get(assignment_id)
        assert has(spec.title_key)
        for criterion in spec.criteria:
            assert has(criterion.title_key), (assignment_id, criterion.key)


def test_self_check_shows_public_criteria_only(good):
    unload_hidden()
    report = kiem_tra(good.replace("Địa phương: Thừa Thiên Huế", "Địa phương: Đà Nẵng"), bai=BT3)
    load_hidden(CRITERIA)
    text = str(report)
    for criterion in get(BT3).hidden_criteria:
        assert t(criterion.title_key) not in text
    assert report.all_passed


def test_period_helper_dates_are_vietnamese():
    plan = read_plan({"bat_dau": "2027-01-01", "ket_thuc": "2027-03-01"})
    result = checks.check_period(plan, start=dt.date(2027, 1, 1), end=dt.date(2028, 12, 31))
    assert "31/12/2028" in " ".join(result.messages())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
text_lines = st.lists(st.sampled_from([
    "Hoạt động 1: Hội nghị", "Mô tả: x", "Chỉ số: 10 nhà đầu tư, hạn 30/6/2027", "Ký kết: có",
    "Theo dõi: a, hạn 1/1/2028",
    "Thời gian: 01/01/2027 - 31/12/2028", "Kinh phí: 1.000 đồng", "Nội dung trọng tâm: 3, 9", "Đối tác: ai đó",
    "Địa phương: Huế", "Trụ cột: 2", "- đẩy mạnh", "",
]) | st.text(max_size=30), max_size=25).map("\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=json_values | text_lines, bai=st.sampled_from(ASSIGNMENT_IDS))
def test_random_and_malformed_input_never_escapes(answer, bai):
    report = kiem_tra(answer, bai=bai)
    assert str(report)
    for criterion in get(bai).criteria:
        result = evaluate(bai, answer, criterion.key)
        assert 0 <= result.earned <= result.possible


def test_a_value_written_but_unreadable_is_reported_once(good):
    """The reader says why "31/06/2027" or "khoảng một tỷ" cannot be read; no check says the field is missing."""
    plan = edit(edit(good, "Thời gian: 01/03/2027 - 30/06/2027", "Thời gian: 01/03/2027 - 31/06/2027"),
                "Kinh phí: 1.200.000.000 đồng", "Kinh phí: khoảng một tỷ")
    findings = [f for r in evaluate_all(BT3, plan, include_hidden=True) for f in r.findings]
    keys = [f.key for f in findings]
    assert keys.count("plan.bad_date") == 1 and keys.count("plan.bad_amount") == 1, keys
    assert "checks.activity_no_dates" not in keys and "checks.activity_no_budget" not in keys
    assert "checks.activity_missing" not in keys  # every other field of the activity is filled in
    assert earned(plan, "ngay_hop_le") < 1 and earned(plan, "ngan_sach") < 1  # still costs its share
    unreadable_period = edit(good, "Thời gian: 01/01/2027 - 31/12/2028", "Thời gian: 01/01/2027 - 31/13/2028")
    keys = [f.key for f in evaluate(BT3, unreadable_period, "ngay_hop_le").findings]
    assert "checks.period_invalid" not in keys and earned(unreadable_period, "ngay_hop_le") < 1


def test_a_copy_of_the_course_examples_earns_nothing_at_grading():
    from grader import examples

    renamed = examples.ke_hoach_mau_van_ban().replace("Hà Tĩnh", "Thừa Thiên Huế")
    assert total(renamed) / get(BT3).total_points <= 0.25
    assert "substance.course_copy" in [f.key for f in evaluate(BT3, renamed, "hoat_dong_cu_the").findings]
    proposal = examples.dat_hang_mau_van_ban().replace("Hà Tĩnh", "Quảng Bình")
    assert total(proposal, BT4) / get(BT4).total_points <= 0.25
    unload_hidden()  # the trainee's self-check: the rule is applied at grading only
    assert "substance.course_copy" not in [f.key for f in evaluate(BT3, renamed, "hoat_dong_cu_the").findings]
