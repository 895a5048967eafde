"""Worked example answers, for lessons, exercise solutions and tests.

The situation comes from the sources (Thừa Thiên Huế wants more international
investors and tourists, it owns 7 UNESCO-honoured heritages, and the missions
remind it to follow up signed commitments: article 001). Every activity,
partner, date, number and amount below is a FICTIONAL scenario made up for
teaching, not a fact from the sources; the plans say so in their note.

Each example comes in the two forms :mod:`grader.plan` reads, which give the
same records: the text form a trainee writes (``*_van_ban()``, a ``str`` of
labelled Vietnamese lines) and the data form (a dict) that maintainers and tests
use. Each function returns a fresh value, so a notebook may change it freely.
"""

from __future__ import annotations

from typing import Any

from grader.plan import read_plan
from grader.plan_text import write_plan

FICTIONAL_NOTE = "Tình huống giả định phục vụ học tập: các hoạt động, con số và kinh phí không lấy từ nguồn."

_KE_HOACH_MAU = """
Địa phương: Thừa Thiên Huế
Thời gian: 01/01/2024 - 31/12/2025
Tổng kinh phí: 3.200.000.000 đồng
Mục tiêu:
- Thu hút 5 dự án đầu tư của doanh nghiệp Hàn Quốc vào du lịch và công nghệ cao của tỉnh
- Đưa thêm 5.000 lượt khách Ấn Độ đến với các di sản Huế được UNESCO vinh danh
- Biến 5 biên bản ghi nhớ ký tại Seoul thành dự án có hồ sơ đầu tư cụ thể
Ghi chú: Tình huống giả định phục vụ học tập: các hoạt động, con số và kinh phí không lấy từ nguồn.

Hoạt động 1: Hội nghị xúc tiến đầu tư Thừa Thiên Huế tại Seoul
Mô tả: Phối hợp với Bộ Ngoại giao và Đại sứ quán Việt Nam tại Hàn Quốc tổ chức hội nghị tại Seoul giới thiệu \
danh mục dự án kêu gọi đầu tư của tỉnh cho doanh nghiệp Hàn Quốc và Hiệp hội doanh nghiệp Hàn Quốc, kèm các buổi \
gặp riêng với nhà đầu tư quan tâm.
Nội dung trọng tâm: 3, 5
Trụ cột: 2
Đối tác: cơ quan đại diện, doanh nghiệp nước ngoài, hiệp hội doanh nghiệp, Bộ Ngoại giao
Chủ trì: Sở Ngoại vụ phối hợp Sở Kế hoạch và Đầu tư
Thời gian: 01/03/2024 - 30/06/2024
Kinh phí: 1.200.000.000 đồng
Chỉ số: Số doanh nghiệp Hàn Quốc tham dự hội nghị: 60 doanh nghiệp, hạn 30/06/2024
Chỉ số: Số biên bản ghi nhớ đầu tư được ký tại hội nghị: 5 biên bản ghi nhớ, hạn 30/06/2024
Ký kết: có
Theo dõi: Lập tổ theo dõi từng biên bản ghi nhớ ký tại Seoul và báo cáo tiến độ hằng quý, hạn 30/09/2024
Theo dõi: Làm việc lại với các nhà đầu tư Hàn Quốc đã ký để lập hồ sơ dự án cụ thể, hạn 31/12/2024

Hoạt động 2: Quảng bá du lịch di sản Huế tại Ấn Độ
Mô tả: Cùng Đại sứ quán Việt Nam tại Ấn Độ tổ chức tuần văn hoá Huế ở New Delhi, triển lãm ảnh về các di sản \
được UNESCO vinh danh và giới thiệu tour du lịch di sản cho các hãng lữ hành Ấn Độ.
Nội dung trọng tâm: 4, 6
Trụ cột: 3, 2
Đối tác: cơ quan đại diện, doanh nghiệp nước ngoài
Chủ trì: Sở Văn hoá và Thể thao phối hợp Sở Ngoại vụ
Thời gian: 01/09/2024 - 30/11/2024
Kinh phí: 900.000.000 đồng
Chỉ số: Số hãng lữ hành Ấn Độ ký hợp tác đưa khách: 10 hãng lữ hành, hạn 30/06/2025
Chỉ số: Lượt khách Ấn Độ đến theo các tour di sản mới: 5.000 lượt khách, hạn 31/12/2025
Ký kết: có
Theo dõi: Kiểm tra việc các hãng lữ hành Ấn Độ đưa đoàn khách đầu tiên theo hợp đồng, hạn 31/03/2025

Hoạt động 3: Kết nối kiều bào tại Pháp với quê hương Huế
Mô tả: Qua Đại sứ quán Việt Nam tại Pháp gửi thông tin về môi trường đầu tư và các dự án của tỉnh tới kiều bào \
ở Paris, mời doanh nhân kiều bào về dự diễn đàn tại Huế và làm cầu nối với nhà đầu tư Pháp.
Nội dung trọng tâm: 6
Trụ cột: 4
Đối tác: kiều bào, cơ quan đại diện
Chủ trì: Sở Ngoại vụ
Thời gian: 01/01/2025 - 30/04/2025
Kinh phí: 500.000.000 đồng
Chỉ số: Số doanh nhân kiều bào tại Pháp dự diễn đàn ở Huế: 40 doanh nhân, hạn 30/04/2025
Ký kết: không

Hoạt động 4: Bồi dưỡng cán bộ đối ngoại của tỉnh về xúc tiến đầu tư và du lịch
Mô tả: Mời Học viện Ngoại giao thuộc Bộ Ngoại giao mở lớp bồi dưỡng tại thành phố Huế cho cán bộ các sở, ngành \
về kỹ năng xúc tiến đầu tư, quảng bá du lịch và cách theo đuổi cam kết sau mỗi chuyến công tác nước ngoài.
Nội dung trọng tâm: 7
Trụ cột: 2
Đối tác: Bộ Ngoại giao
Chủ trì: Sở Ngoại vụ
Thời gian: 01/05/2025 - 30/06/2025
Kinh phí: 600.000.000 đồng
Chỉ số: Lượt cán bộ hoàn thành lớp bồi dưỡng: 80 lượt cán bộ, hạn 30/06/2025
Ký kết: không
"""

_DAT_HANG_MAU = """
Địa phương: Thừa Thiên Huế
Gửi đến: Đại sứ quán Việt Nam tại Ấn Độ
Thị trường: Ấn Độ
Loại hỗ trợ: cung cấp thông tin; quảng bá, kết nối
Nội dung: Đề nghị Đại sứ quán Việt Nam tại Ấn Độ cung cấp danh sách 20 doanh nghiệp lữ hành và nhà đầu tư \
khách sạn ở New Delhi, Mumbai quan tâm đến du lịch di sản, và giới thiệu tỉnh tại Diễn đàn doanh nghiệp \
Ấn Độ - Việt Nam ở New Delhi vào tháng 9/2024.
Kết quả mong đợi: Tỉnh làm việc trực tiếp với 15 doanh nghiệp Ấn Độ để mở tour du lịch di sản và kêu gọi đầu tư \
khách sạn từ thị trường mới này.
Nội dung trọng tâm: 3, 4
Trụ cột: 2
Thời gian: 01/01/2024 - 31/12/2024
Chỉ số: Số doanh nghiệp Ấn Độ được giới thiệu làm việc với tỉnh: 15 doanh nghiệp, hạn 30/09/2024
Chỉ số: Số thoả thuận hợp tác du lịch được ký: 2 thoả thuận, hạn 31/12/2024
Ghi chú: Tình huống giả định phục vụ học tập; “thị trường mới như Ấn Độ” lấy từ bài 000.
"""


def _indicator(metric: str, target: int, unit: str, deadline: str) -> dict[str, Any]:
    return {"noi_dung": metric, "muc_tieu": target, "don_vi": unit, "han": deadline}


def ke_hoach_mau_thua_thien_hue_van_ban() -> str:
    """The example plan for Thừa Thiên Huế in the text form a trainee writes (same records as the dict form)."""
    return _KE_HOACH_MAU


def ke_hoach_mau_thua_thien_hue() -> dict[str, Any]:
    """A complete, realistic action plan for Thừa Thiên Huế (2024-2025), as data; a strong exercise-3 answer."""
    return {
        "dia_phuong": "Thừa Thiên Huế",
        "bat_dau": "2024-01-01",
        "ket_thuc": "2025-12-31",
        "tong_kinh_phi": 3_200_000_000,
        "muc_tieu": [
            "Thu hút 5 dự án đầu tư của doanh nghiệp Hàn Quốc vào du lịch và công nghệ cao của tỉnh",
            "Đưa thêm 5.000 lượt khách Ấn Độ đến với các di sản Huế được UNESCO vinh danh",
            "Biến 5 biên bản ghi nhớ ký tại Seoul thành dự án có hồ sơ đầu tư cụ thể",
        ],
        "hoat_dong": [
            {
                "ten": "Hội nghị xúc tiến đầu tư Thừa Thiên Huế tại Seoul",
                "mo_ta": "Phối hợp với Bộ Ngoại giao và Đại sứ quán Việt Nam tại Hàn Quốc tổ chức hội nghị tại Seoul "
                         "giới thiệu danh mục dự án kêu gọi đầu tư của tỉnh cho doanh nghiệp Hàn Quốc và Hiệp hội "
                         "doanh nghiệp Hàn Quốc, kèm các buổi gặp riêng với nhà đầu tư quan tâm.",
                "linh_vuc": [3, 5],
                "tru_cot": [2],
                "doi_tac": ["co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai", "hiep_hoi_doanh_nghiep", "bo_ngoai_giao"],
                "chu_tri": "Sở Ngoại vụ phối hợp Sở Kế hoạch và Đầu tư",
                "bat_dau": "2024-03-01",
                "ket_thuc": "2024-06-30",
                "chi_so": [
                    _indicator("Số doanh nghiệp Hàn Quốc tham dự hội nghị", 60, "doanh nghiệp", "2024-06-30"),
                    _indicator("Số biên bản ghi nhớ đầu tư được ký tại hội nghị", 5, "biên bản ghi nhớ", "2024-06-30"),
                ],
                "kinh_phi": 1_200_000_000,
                "ky_ket": True,
                "theo_doi": [
                    {"viec": "Lập tổ theo dõi từng biên bản ghi nhớ ký tại Seoul và báo cáo tiến độ hằng quý",
                     "han": "2024-09-30"},
                    {"viec": "Làm việc lại với các nhà đầu tư Hàn Quốc đã ký để lập hồ sơ dự án cụ thể",
                     "han": "2024-12-31"},
                ],
            },
            {
                "ten": "Quảng bá du lịch di sản Huế tại Ấn Độ",
                "mo_ta": "Cùng Đại sứ quán Việt Nam tại Ấn Độ tổ chức tuần văn hoá Huế ở New Delhi, triển lãm ảnh về "
                         "các di sản được UNESCO vinh danh và giới thiệu tour du lịch di sản cho các hãng lữ hành "
                         "Ấn Độ.",
                "linh_vuc": [4, 6],
                "tru_cot": [3, 2],
                "doi_tac": ["co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai"],
                "chu_tri": "Sở Văn hoá và Thể thao phối hợp Sở Ngoại vụ",
                "bat_dau": "2024-09-01",
                "ket_thuc": "2024-11-30",
                "chi_so": [
                    _indicator("Số hãng lữ hành Ấn Độ ký hợp tác đưa khách", 10, "hãng lữ hành", "2025-06-30"),
                    _indicator("Lượt khách Ấn Độ đến theo các tour di sản mới", 5000, "lượt khách", "2025-12-31"),
                ],
                "kinh_phi": 900_000_000,
                "ky_ket": True,
                "theo_doi": [
                    {"viec": "Kiểm tra việc các hãng lữ hành Ấn Độ đưa đoàn khách đầu tiên theo hợp đồng",
                     "han": "2025-03-31"},
                ],
            },
            {
                "ten": "Kết nối kiều bào tại Pháp với quê hương Huế",
                "mo_ta": "Qua Đại sứ quán Việt Nam tại Pháp gửi thông tin về môi trường đầu tư và các dự án của tỉnh "
                         "tới kiều bào ở Paris, mời doanh nhân kiều bào về dự diễn đàn tại Huế và làm cầu nối với "
                         "nhà đầu tư Pháp.",
                "linh_vuc": [6],
                "tru_cot": [4],
                "doi_tac": ["kieu_bao", "co_quan_dai_dien"],
                "chu_tri": "Sở Ngoại vụ",
                "bat_dau": "2025-01-01",
                "ket_thuc": "2025-04-30",
                "chi_so": [
                    _indicator("Số doanh nhân kiều bào tại Pháp dự diễn đàn ở Huế", 40, "doanh nhân", "2025-04-30"),
                ],
                "kinh_phi": 500_000_000,
                "ky_ket": False,
                "theo_doi": [],
            },
            {
                "ten": "Bồi dưỡng cán bộ đối ngoại của tỉnh về xúc tiến đầu tư và du lịch",
                "mo_ta": "Mời Học viện Ngoại giao thuộc Bộ Ngoại giao mở lớp bồi dưỡng tại thành phố Huế cho cán bộ "
                         "các sở, ngành về kỹ năng xúc tiến đầu tư, quảng bá du lịch và cách theo đuổi cam kết sau "
                         "mỗi chuyến công tác nước ngoài.",
                "linh_vuc": [7],
                "tru_cot": [2],
                "doi_tac": ["bo_ngoai_giao"],
                "chu_tri": "Sở Ngoại vụ",
                "bat_dau": "2025-05-01",
                "ket_thuc": "2025-06-30",
                "chi_so": [
                    _indicator("Lượt cán bộ hoàn thành lớp bồi dưỡng", 80, "lượt cán bộ", "2025-06-30"),
                ],
                "kinh_phi": 600_000_000,
                "ky_ket": False,
                "theo_doi": [],
            },
        ],
        "ghi_chu": FICTIONAL_NOTE,
    }


def ke_hoach_chua_dat() -> dict[str, Any]:
    """A flawed version of the example plan, for teaching what the self-check reports.

    Activity 2 has no unit and no deadline in its indicator and claims a pillar
    without a fitting partner; activity 3 copies activity 1; the budgets do not add
    up; the signed commitments have no follow-up.
    """
    plan = ke_hoach_mau_thua_thien_hue()
    first, second = plan["hoat_dong"][0], plan["hoat_dong"][1]
    first["theo_doi"] = []
    second["chi_so"] = [{"noi_dung": "Số khách du lịch quốc tế tăng thêm", "muc_tieu": 5000, "don_vi": "", "han": ""}]
    second["tru_cot"] = [3, 4]
    second["doi_tac"] = ["dia_phuong_nuoc_ngoai"]
    copy = dict(first)
    copy["ten"] = "Hội nghị xúc tiến đầu tư Thừa Thiên Huế ở Seoul"
    plan["hoat_dong"] = [first, second, copy]
    return plan


def ke_hoach_chua_dat_van_ban() -> str:
    """The flawed example plan in the text form (written from its records, so both forms read the same)."""
    return write_plan(read_plan(ke_hoach_chua_dat()))


def dat_hang_mau_van_ban() -> str:
    """The example "đặt hàng" proposal in the text form a trainee writes (same record as the dict form)."""
    return _DAT_HANG_MAU


def dat_hang_mau() -> dict[str, Any]:
    """A complete "đặt hàng" proposal from Thừa Thiên Huế to a representative mission (fictional scenario)."""
    return {
        "dia_phuong": "Thừa Thiên Huế",
        "gui_den": "co_quan_dai_dien",
        "thi_truong": "Ấn Độ",
        "loai_ho_tro": ["thong_tin", "quang_ba_ket_noi"],
        "noi_dung": "Đề nghị Đại sứ quán Việt Nam tại Ấn Độ cung cấp danh sách 20 doanh nghiệp lữ hành và nhà đầu "
                    "tư khách sạn ở New Delhi, Mumbai quan tâm đến du lịch di sản, và giới thiệu tỉnh tại Diễn đàn "
                    "doanh nghiệp Ấn Độ - Việt Nam ở New Delhi vào tháng 9/2024.",
        "ket_qua_mong_doi": "Tỉnh làm việc trực tiếp với 15 doanh nghiệp Ấn Độ để mở tour du lịch di sản và kêu gọi "
                            "đầu tư khách sạn từ thị trường mới này.",
        "linh_vuc": [3, 4],
        "tru_cot": [2],
        "bat_dau": "2024-01-01",
        "ket_thuc": "2024-12-31",
        "chi_so": [
            _indicator("Số doanh nghiệp Ấn Độ được giới thiệu làm việc với tỉnh", 15, "doanh nghiệp", "2024-09-30"),
            _indicator("Số thoả thuận hợp tác du lịch được ký", 2, "thoả thuận", "2024-12-31"),
        ],
        "ghi_chu": "Tình huống giả định phục vụ học tập; “thị trường mới như Ấn Độ” lấy từ bài 000.",
    }
