"""The neighbours' border provinces and cities are places (issue 20, deliverable 3): a border province's
request about Yunnan is as concrete as one about India."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from grader.assignments import evaluate_all, load_hidden, unload_hidden
from grader.substance import places

CRITERIA = Path(__file__).resolve().parent.parent / "exercises" / "criteria"
BT4 = "bt4_dat_hang"

INDIA = """Địa phương: Thừa Thiên Huế
Gửi đến: cơ quan đại diện
Thị trường: Ấn Độ
Loại hỗ trợ: thông tin, quảng bá kết nối
Nội dung: Đề nghị Đại sứ quán Việt Nam tại Ấn Độ cung cấp danh sách 20 hãng lữ hành lớn ở New Delhi và Mumbai quan \
tâm tới du lịch di sản, và giới thiệu tỉnh tham gia hội chợ du lịch quốc tế tại New Delhi tháng 9/2024
Kết quả mong đợi: Tỉnh làm việc trực tiếp với 10 hãng lữ hành Ấn Độ, mở 2 tour di sản Huế cho khách Ấn Độ
Nội dung trọng tâm: 3, 4
Trụ cột: 2
Thời gian: 01/01/2024 - 31/12/2024
Chỉ số: 10 hãng lữ hành Ấn Độ làm việc trực tiếp với tỉnh, hạn 31/12/2024
Chỉ số: 2 tour di sản Huế được mở bán tại Ấn Độ, hạn 31/12/2024
"""
YUNNAN = """Địa phương: Lào Cai
Gửi đến: cơ quan đại diện
Thị trường: Vân Nam
Loại hỗ trợ: thông tin, quảng bá kết nối
Nội dung: Đề nghị Tổng Lãnh sự quán Việt Nam tại Côn Minh cung cấp danh sách 20 doanh nghiệp xuất nhập khẩu nông sản \
lớn ở Côn Minh và Mông Tự, và giới thiệu tỉnh tham gia hội chợ thương mại quốc tế tại Côn Minh tháng 9/2024
Kết quả mong đợi: Tỉnh làm việc trực tiếp với 10 doanh nghiệp Vân Nam, ký 2 hợp đồng tiêu thụ nông sản của tỉnh
Nội dung trọng tâm: 3, 4
Trụ cột: 2
Thời gian: 01/01/2024 - 31/12/2024
Chỉ số: 10 doanh nghiệp Vân Nam làm việc trực tiếp với tỉnh, hạn 31/12/2024
Chỉ số: 2 hợp đồng tiêu thụ nông sản được ký với đối tác Vân Nam, hạn 31/12/2024
"""


@pytest.fixture(autouse=True)
def hidden_loaded():
    load_hidden(CRITERIA)
    yield
    unload_hidden()


@pytest.mark.parametrize("name", ["Vân Nam", "Quảng Tây", "Côn Minh", "Nam Ninh", "Viêng Chăn", "Xiêng Khoảng",
                                  "Bolikhamxay", "Savannakhet", "Hủa Phăn", "Luông Pha Băng", "Phnôm Pênh",
                                  "Svay Rieng", "Ratanakiri", "Mondulkiri", "Kampot", "Yunnan", "Guangxi"])
def test_a_neighbour_province_or_city_is_a_market(name):
    assert places.is_market(name), name
    assert places.foreign_localities_in(f"Tổ chức hội thảo tại {name} tháng 9") != []


def test_a_neighbour_city_belongs_to_its_country():
    assert places.countries_meant("Hội chợ tại Côn Minh") == {"CN"}
    assert places.countries_meant("Làm việc với tỉnh Xiêng Khoảng") == {"LA"}
    assert places.countries_meant("Đoàn sang Svay Rieng") == {"KH"}
    assert places.same_market("Trung Quốc", "Tổng Lãnh sự quán Việt Nam tại Nam Ninh")


def test_every_neighbour_entry_is_keyed_by_a_pycountry_subdivision():
    for code in places.NEIGHBOUR_PLACES:
        assert pycountry.subdivisions.get(code=code) is not None, code
        assert code.split("-")[0] in places.PARTNER_COUNTRIES_FOR_CITIES


def test_vietnamese_words_and_provinces_are_not_taken_for_neighbour_places():
    assert places.foreign_localities_in("Tỉnh Lào Cai và tỉnh Hà Giang mở hội nghị xúc tiến") == []
    assert not places.is_market("nông sản")


def test_a_lao_cai_request_about_yunnan_is_as_concrete_as_one_about_india():
    """Kind of defect: 9.33/12 and "“Vân Nam” chưa phải một thị trường cụ thể" for a concrete border request."""
    india = evaluate_all(BT4, INDIA, include_hidden=True)
    yunnan = evaluate_all(BT4, YUNNAN, include_hidden=True)
    lost = {r.criterion: r.messages() for r in yunnan if not r.passed}
    assert sum(r.earned for r in yunnan) == sum(r.earned for r in india), lost
