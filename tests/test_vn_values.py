"""Vietnamese ways of writing values (grader.vn_values), read the same in the text and the data form."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader import vn_values as v
from grader.knowledge import knowledge
from grader.plan import SUPPORT_KINDS

PARTNER_IDS = tuple(p.id for p in knowledge().partner_kinds)
D = dt.date


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize("written, start, end", [
    ("30/6/2024", D(2024, 6, 30), D(2024, 6, 30)),
    ("30/06/2024", D(2024, 6, 30), D(2024, 6, 30)),
    ("2024-06-30", D(2024, 6, 30), D(2024, 6, 30)),
    (" ngày 30/6/2024 ", D(2024, 6, 30), D(2024, 6, 30)),
    ("30.6.2024", D(2024, 6, 30), D(2024, 6, 30)),
    ("30-6-2024", D(2024, 6, 30), D(2024, 6, 30)),
    ("ngày 30 tháng 6 năm 2024", D(2024, 6, 30), D(2024, 6, 30)),
    ("30/6/24", D(2024, 6, 30), D(2024, 6, 30)),
    ("6/2024", D(2024, 6, 1), D(2024, 6, 30)),
    ("tháng 2/2024", D(2024, 2, 1), D(2024, 2, 29)),
    ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ("quý II/2024", D(2024, 4, 1), D(2024, 6, 30)),
    ("Quý 4 năm 2025", D(2025, 10, 1), D(2025, 12, 31)),
    (D(2024, 6, 30), D(2024, 6, 30), D(2024, 6, 30)),
    (dt.datetime(2024, 6, 30, 15, 0), D(2024, 6, 30), D(2024, 6, 30)),
])
def test_dates_written_the_vietnamese_way(written, start, end):
    assert v.parse_date(written) == start
    assert v.parse_date(written, end=True) == end


@pytest.mark.parametrize("written", ["31/6/2024", "30/13/2024", "6/30/2024", "30/6", "ngày mai", "", "2024-02-30",
                                     "30/6/1800", 20240630, None, ["30/6/2024", "1/7/2024"], "1" * 100])
def test_impossible_or_unreadable_dates_are_none(written):
    assert v.parse_date(written) is None


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)))
def test_any_date_written_dd_mm_yyyy_reads_back(date):
    assert v.parse_date(v.format_date(date)) == date
    assert v.parse_date(f"{date.day}/{date.month}/{date.year}") == date
    assert v.parse_date(date.isoformat()) == date


@pytest.mark.parametrize("written, ends", [
    ("01/03/2024 - 30/06/2024", ("01/03/2024", "30/06/2024")),
    ("2024-03-01 - 2024-06-30", ("2024-03-01", "2024-06-30")),
    ("01/03/2024-30/06/2024", ("01/03/2024", "30/06/2024")),
    ("từ 1/3/2024 đến 30/6/2024", ("1/3/2024", "30/6/2024")),
    ("1/3/2024 – 30/6/2024", ("1/3/2024", "30/6/2024")),
    ("2024 - 2025", ("2024", "2025")),
    ("2024-2025", ("2024", "2025")),
    ("tháng 3/2024 - tháng 6/2024", ("tháng 3/2024", "tháng 6/2024")),
    ("01/03/2024 - ngày mai", ("01/03/2024", "ngày mai")),
])
def test_periods_split_into_their_two_ends(written, ends):
    assert v.split_period(written) == ends


@pytest.mark.parametrize("written", ["01/03/2024", "cả năm", ""])
def test_a_period_without_two_ends_is_none(written):
    assert v.split_period(written) is None


@pytest.mark.parametrize("written, start, end", [
    ("01/03/2024 - 30/06/2024", D(2024, 3, 1), D(2024, 6, 30)),
    ("1/3 - 30/6/2024", D(2024, 3, 1), D(2024, 6, 30)),
    ("tháng 3 - tháng 6/2024", D(2024, 3, 1), D(2024, 6, 30)),
    ("quý I - quý III/2025", D(2025, 1, 1), D(2025, 9, 30)),
    ("quý II/2024", D(2024, 4, 1), D(2024, 6, 30)),
    ("tháng 6/2024", D(2024, 6, 1), D(2024, 6, 30)),
    ("năm 2024", D(2024, 1, 1), D(2024, 12, 31)),
    ("15/03/2024", D(2024, 3, 15), D(2024, 3, 15)),
    ("31/6 - 30/7/2024", None, D(2024, 7, 30)),
])
def test_periods_as_vietnamese_officers_write_them(written, start, end):
    assert v.parse_period(written)[2:] == (start, end)


@pytest.mark.parametrize("written", ["cả năm", "", "sớm nhất có thể", 5])
def test_what_is_no_period(written):
    assert v.parse_period(written) is None


# ------------------------------------------------------------------ amounts and numbers


@pytest.mark.parametrize("written, amount", [
    ("7.450.000.000", 7_450_000_000), ("7.450.000.000 đồng", 7_450_000_000), ("7.450.000.000đ", 7_450_000_000),
    ("7.450.000.000 VNĐ", 7_450_000_000), ("3,2 tỷ đồng", 3_200_000_000), ("3,2 tỉ", 3_200_000_000),
    ("800 triệu đồng", 800_000_000), ("1 tỷ 200 triệu đồng", 1_200_000_000), ("800_000_000", 800_000_000),
    ("2.000.000.000", 2_000_000_000), ("800 000 000 đồng", 800_000_000), ("0", 0),
    (800_000_000, 800_000_000), (800_000_000.0, 800_000_000), (np.int64(800_000_000), 800_000_000),
    ("1,5 tỷ", 1_500_000_000), ("2.500 triệu", 2_500_000_000),
])
def test_amounts_written_the_vietnamese_way(written, amount):
    assert v.parse_amount(written) == amount


@pytest.mark.parametrize("written", ["ba tỷ", "100 USD", "-5", -5, 2.5, "2,5 đồng", float("nan"), float("inf"),
                                     True, None, "khoảng 2 tỷ", 10**20, "1" * 60, [800], "800 triệu đồng abc"])
def test_amounts_that_are_not_whole_dong_are_none(written):
    assert v.parse_amount(written) is None


@given(st.integers(min_value=0, max_value=v.MAX_VND))
def test_any_amount_formatted_reads_back(amount):
    assert v.parse_amount(v.format_amount(amount)) == amount
    assert v.parse_amount(v.format_amount(amount) + " đồng") == amount
    assert v.parse_amount(f"{amount:_}") == amount


@pytest.mark.parametrize("written, number", [
    ("10", 10), ("2,5", 2.5), ("2.5", 2.5), ("5.000", 5000), ("1.000.000", 1_000_000), (10, 10), (2.5, 2.5),
    (np.float64(5.0), 5), (np.int32(7), 7), ("mười", 10), ("sáu mươi lăm", 65), ("hai trăm", 200),
])
def test_numbers_typed_as_text(written, number):
    assert v.parse_number(written) == number


@pytest.mark.parametrize("written", ["mười người", "", "10 người", float("nan"), float("-inf"), True, None, "1" * 50])
def test_numbers_that_are_not_numbers(written):
    assert v.parse_number(written) is None


def test_non_finite_values_are_recognised():
    assert v.is_non_finite(float("nan")) and v.is_non_finite(np.float64("inf"))
    assert not v.is_non_finite(5) and not v.is_non_finite("nan")


# ------------------------------------------------------------------ yes / no


@pytest.mark.parametrize("written, meaning", [
    ("có", True), ("Có", True), ("CÓ", True), ("co", True), ("có, ký biên bản ghi nhớ", True), (True, True),
    ("không", False), ("Không ký", False), ("khong", False), ("chưa", False), (False, False),
    (np.bool_(True), True),
])
def test_yes_and_no(written, meaning):
    assert v.parse_yes_no(written) is meaning


@pytest.mark.parametrize("written", ["có lẽ", "", 1, None, "sẽ ký"])
def test_unclear_yes_no_is_none(written):
    assert v.parse_yes_no(written) is (True if written == "có lẽ" else None)


# ------------------------------------------------------------------ kinds in words


@pytest.mark.parametrize("written, kinds", [
    ("đại sứ quán", ("co_quan_dai_dien",)),
    ("Tổng Lãnh sự quán Việt Nam tại Osaka", ("co_quan_dai_dien",)),
    ("cơ quan đại diện Việt Nam ở nước ngoài", ("co_quan_dai_dien",)),
    ("Đại sứ quán Việt Nam tại Nhật Bản; tổng lãnh sự quán", ("co_quan_dai_dien",)),
    ("nhà đầu tư nước ngoài", ("doanh_nghiep_nuoc_ngoai",)),
    ("doanh nghiệp Nhật Bản", ("doanh_nghiep_nuoc_ngoai",)),
    ("kiều bào", ("kieu_bao",)),
    ("người Việt Nam ở nước ngoài", ("kieu_bao",)),
    ("Bộ Ngoại giao", ("bo_ngoai_giao",)),
    ("Bộ, ngành Trung ương", ("bo_nganh",)),
    ("Bộ Công Thương", ("bo_nganh",)),
    ("tỉnh kết nghĩa Gunma", ("dia_phuong_nuoc_ngoai",)),
    ("Hiệp hội doanh nghiệp Hàn Quốc", ("hiep_hoi_doanh_nghiep",)),
    ("UNESCO, JICA", ("to_chuc_quoc_te",)),
    ("doanh nghiệp của tỉnh", ("doanh_nghiep_trong_nuoc",)),
    ("cơ quan đại diện, doanh nghiệp nước ngoài và kiều bào",
     ("co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai", "kieu_bao")),
    (["co_quan_dai_dien", "đại sứ quán"], ("co_quan_dai_dien",)),
    ("cơ quan đại diện doanh nghiệp nước ngoài", ("co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai")),  # comma forgotten
    ("hiệp hội doanh nghiệp nước ngoài", ("hiep_hoi_doanh_nghiep",)),
    ("doanh nhân kiều bào", ("kieu_bao",)),
    ("DAI SU QUAN", ("co_quan_dai_dien",)),
])
def test_partner_kinds_in_words_with_synonyms(written, kinds):
    found, unknown = v.parse_partners(written, PARTNER_IDS)
    assert found == kinds and unknown == ()


def test_unknown_partners_are_returned_as_written():
    found, unknown = v.parse_partners("Bộ Ngoại giao, bạn bè, Đại sứ quán Nhật Bản tại Việt Nam", PARTNER_IDS)
    assert found == ("bo_ngoai_giao",)
    assert unknown == ("bạn bè", "Đại sứ quán Nhật Bản tại Việt Nam")


def test_every_partner_kind_label_of_the_knowledge_base_reads_as_its_own_kind():
    for kind in knowledge().partner_kinds:
        found, _ = v.parse_partners(kind.label, PARTNER_IDS)
        assert found[:1] == (kind.id,), kind.label


@pytest.mark.parametrize("written, kinds", [
    ("cung cấp thông tin; quảng bá, kết nối", ("thong_tin", "quang_ba_ket_noi")),
    ("thông tin về quy tắc, tiêu chuẩn mới", ("quy_tac_tieu_chuan",)),
    ("tư vấn chính sách", ("tu_van_chinh_sach",)),
    ("(iv); (v)", ("ket_nghia_doi_tac", "quang_ba_ket_noi")),
    (["thong_tin"], ("thong_tin",)),
])
def test_support_kinds_in_words(written, kinds):
    found, unknown = v.parse_support(written, SUPPORT_KINDS)
    assert found == kinds and unknown == ()


@pytest.mark.parametrize("written, recipient", [
    ("Bộ Ngoại giao", "bo_ngoai_giao"), ("Đại sứ quán Việt Nam tại Ấn Độ", "co_quan_dai_dien"),
    ("cơ quan đại diện", "co_quan_dai_dien"), ("co_quan_dai_dien", "co_quan_dai_dien"),
    (["Bộ Ngoại giao"], "bo_ngoai_giao"),
    ("Ủy ban nhân dân tỉnh", None), ("", None), (5, None),
])
def test_recipients_in_words(written, recipient):
    assert v.parse_recipient(written) == recipient


@pytest.mark.parametrize("written, numbers, unknown", [
    ("3, 4", [3, 4], []), ("3 và 4", [3, 4], []), ([3, "4"], [3, 4], []), ("nội dung 3", [3], []),
    ("3, chín", [3], ["chín"]), ([3.0], [3], []), ([True], [], [True]),
])
def test_numbered_choices(written, numbers, unknown):
    assert v.parse_numbers(written) == (numbers, unknown)


def test_pillars_in_words():
    assert v.parse_numbers("ngoại giao kinh tế, văn hoá", v.PILLAR_RULES) == ([2, 3], [])


# ------------------------------------------------------------------ indicators


@pytest.mark.parametrize("written, metric, target, unit, deadline", [
    ("10 nhà đầu tư Nhật Bản đến khảo sát thực tế tại tỉnh, hạn 30/06/2024",
     "10 nhà đầu tư Nhật Bản đến khảo sát thực tế tại tỉnh", 10, "nhà đầu tư", "30/06/2024"),
    ("Đón 5.000 lượt khách quốc tế, hạn 31/12/2025", "Đón 5.000 lượt khách quốc tế", 5000, "lượt khách quốc tế",
     "31/12/2025"),
    ("Tăng 20% lượng khách Hàn Quốc trước 30/6/2025", "Tăng 20% lượng khách Hàn Quốc", 20, "%", "30/6/2025"),
    ("Số doanh nghiệp Hàn Quốc dự hội nghị: 60 doanh nghiệp, hạn 30/06/2024",
     "Số doanh nghiệp Hàn Quốc dự hội nghị", 60, "doanh nghiệp", "30/06/2024"),
    ("3 biên bản ghi nhớ, 31/12/2024", "3 biên bản ghi nhớ", 3, "biên bản ghi nhớ", "31/12/2024"),
    ("Ký 2 thoả thuận hợp tác hạn tháng 6/2025", "Ký 2 thoả thuận hợp tác", 2, "thoả thuận hợp tác", "tháng 6/2025"),
    ("năm 2024 có 40 doanh nhân kiều bào dự (hạn 30/4/2025)", "năm 2024 có 40 doanh nhân kiều bào dự", 40,
     "doanh nhân", "30/4/2025"),
    ("10 nhà đầu tư Hàn Quốc đến khảo sát", "10 nhà đầu tư Hàn Quốc đến khảo sát", 10, "nhà đầu tư", None),
    ("Số doanh nghiệp gia hạn hợp đồng", "Số doanh nghiệp gia hạn hợp đồng", None, None, None),
    ("5 doanh nghiệp, hạn 31/13/2024", "5 doanh nghiệp", 5, "doanh nghiệp", "31/13/2024"),
])
def test_an_indicator_in_one_line(written, metric, target, unit, deadline):
    assert v.parse_indicator(written) == (metric, target, unit, deadline)


@pytest.mark.parametrize("written, target, unit", [
    ("mười doanh nghiệp Nhật Bản", 10, "doanh nghiệp"), ("sáu mươi doanh nghiệp", 60, "doanh nghiệp"),
    ("hai tour du lịch di sản", 2, "tour"), ("ba mươi cán bộ", 30, "cán bộ"), ("hai mươi mốt đoàn", 21, "đoàn"),
    ("mười lăm hội nghị", 15, "hội nghị"), ("một trăm linh năm người", 105, "người"),
    ("ba trăm nghìn lượt khách", 300_000, "lượt khách"), ("1,5 nghìn lượt khách", 1500, "lượt khách"),
    ("năm 2024 đón năm đoàn", 5, "đoàn"), ("một số doanh nghiệp", None, None),
    ("3 cơ quan đại diện dùng cẩm nang", 3, "cơ quan đại diện"), ("5 triệu USD", 5, "triệu USD"),
    ("Thu hút đầu tư mười dự án", 10, "dự án"),
])
def test_targets_in_words_and_with_multipliers(written, target, unit):
    assert v.parse_target(written) == (target, unit)


def test_units_say_which_targets_are_counted():
    assert v.UNITS["nhà đầu tư"] is True and v.UNITS["lượt khách"] is True and v.UNITS["biên bản ghi nhớ"] is True
    assert v.UNITS["%"] is False and v.UNITS["tỷ đồng"] is False and v.UNITS["triệu USD"] is False
    assert v.is_counted("Nhà Đầu Tư") is True and v.is_counted("%") is False and v.is_counted("xyz") is None
    assert v.match_unit("doanh nghiệp Nhật Bản") == "doanh nghiệp"
    assert v.match_unit("khoa hoc ngan han") == "khoá học"  # typed without diacritics


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_readers_never_raise_on_any_text(text):
    v.parse_date(text)
    v.parse_amount(text)
    v.parse_number(text)
    v.parse_yes_no(text)
    v.parse_partners(text, PARTNER_IDS)
    v.parse_support(text, SUPPORT_KINDS)
    v.parse_recipient(text)
    v.parse_numbers(text, v.PILLAR_RULES)
    v.parse_indicator(text)
    v.split_period(text)
    assert len(v.fold(v.nfc(text))) == len(v.nfc(text))


# ------------------------------------------------------------------ describing values safely


class _Hostile:
    def __repr__(self) -> str:
        raise RuntimeError("repr")

    __str__ = __repr__


def test_short_descriptions_are_bounded_and_never_call_repr():
    deep: list = []
    current = deep
    for _ in range(10_000):
        current.append([])
        current = current[0]
    for value in (10**10_000, deep, _Hostile(), {"a": {"b": [1, 2, 3]}}, "x" * 1_000_000, [_Hostile()] * 1000,
                  float("nan"), D(2024, 6, 30), np.int64(5), {_Hostile(): 1} if False else {1: _Hostile()}):
        text = v.short(value)
        assert isinstance(text, str) and len(text) <= 80, text
    assert v.short(10**10_000).startswith("một số có 10001 chữ số")
    assert v.short("Huế") == "“Huế”" and v.short(D(2024, 6, 30)) == "30/06/2024" and v.short(math.inf) == "inf"
