"""bt4: no hidden rule the articles do not state (issue 20): a mission may be asked about new standards."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.assignments import evaluate, load_hidden, unload_hidden

CRITERIA = Path(__file__).resolve().parent.parent / "exercises" / "criteria"
BT4 = "bt4_dat_hang"

STANDARDS = """Địa phương: Sơn La
Gửi đến: {recipient}
Thị trường: Nhật Bản
Loại hỗ trợ: quy tắc tiêu chuẩn, thông tin
Nội dung: Đề nghị cung cấp thông tin về tiêu chuẩn mới và quy định nhập khẩu xoài, nhãn tươi của Nhật Bản, và danh \
sách 15 nhà nhập khẩu trái cây ở Tokyo, Osaka đã mua hàng Việt Nam
Kết quả mong đợi: 5 doanh nghiệp của tỉnh đạt chứng nhận theo tiêu chuẩn Nhật Bản, ký 2 hợp đồng xuất khẩu xoài
Nội dung trọng tâm: 3
Trụ cột: 2
Thời gian: 01/01/2027 - 31/12/2027
Chỉ số: 2 hợp đồng xuất khẩu xoài sang Nhật Bản được ký, hạn 31/12/2027
"""


@pytest.fixture(autouse=True)
def hidden_loaded():
    load_hidden(CRITERIA)
    yield
    unload_hidden()


@pytest.mark.parametrize("recipient", ["cơ quan đại diện", "Bộ Ngoại giao"])
def test_new_standards_may_be_asked_of_a_mission_or_the_ministry(recipient):
    """Kind of defect: information on new rules and standards allowed only from the Ministry, which no article says."""
    result = evaluate(BT4, STANDARDS.format(recipient=recipient), "ho_tro_phu_hop")
    assert result.passed, result.messages()


def test_a_mission_s_place_is_read_as_written():
    """A mission named with its country's abbreviation (UAE) is in that country: the request goes to the mission
    of the market, and a request about another country than the market is told so."""
    import sys

    sys.path.insert(0, str(CRITERIA))
    import bt4_dat_hang

    assert bt4_dat_hang.mission_places("Đề nghị Thương vụ Việt Nam tại UAE cung cấp thông tin") == ["UAE"]
    assert bt4_dat_hang.mission_places("De nghi Dai su quan Viet Nam tai Nhat Ban cung cap") == ["nhat ban"]
    to_uae = STANDARDS.format(recipient="cơ quan đại diện").replace(
        "Đề nghị cung cấp", "Đề nghị Thương vụ Việt Nam tại UAE cung cấp")
    result = evaluate(BT4, to_uae, "ho_tro_phu_hop")
    assert result.earned <= 0.15 * result.possible
    assert any("Nhật Bản" in m for m in result.messages())
