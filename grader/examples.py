"""Worked example answers, for lessons, exercise solutions and tests.

The situation comes from the sources (Thừa Thiên Huế wants more international
investors and tourists, it owns 7 UNESCO-honoured heritages, and the missions
remind it to follow up signed commitments: article 001). Every activity,
partner, date, number and amount below is a FICTIONAL scenario made up for
teaching, not a fact from the sources; the plans say so in "ghi_chu".
Each function returns a fresh dictionary, so a notebook may change it freely.
"""

from __future__ import annotations

from typing import Any

FICTIONAL_NOTE = "Tình huống giả định phục vụ học tập: các hoạt động, con số và kinh phí không lấy từ nguồn."


def ke_hoach_mau_thua_thien_hue() -> dict[str, Any]:
    """A complete, realistic action plan for Thừa Thiên Huế (2024-2025) that passes every check of exercise 3."""
    return {
        "dia_phuong": "Thừa Thiên Huế",
        "bat_dau": "2024-01-01",
        "ket_thuc": "2025-12-31",
        "tong_kinh_phi": 3_200_000_000,
        "muc_tieu": [
            "Thu hút thêm nhà đầu tư quốc tế vào các dự án tỉnh kêu gọi",
            "Đưa thêm du khách quốc tế đến với các di sản được UNESCO vinh danh",
            "Biến các cam kết đã ký thành dự án và chương trình hợp tác cụ thể",
        ],
        "hoat_dong": [
            {
                "ten": "Hội nghị xúc tiến đầu tư của tỉnh tại nước ngoài",
                "mo_ta": "Phối hợp với Cơ quan đại diện Việt Nam ở nước ngoài tổ chức hội nghị giới thiệu danh mục "
                         "dự án kêu gọi đầu tư của tỉnh cho doanh nghiệp và hiệp hội doanh nghiệp sở tại, "
                         "kèm các buổi gặp riêng với nhà đầu tư quan tâm.",
                "linh_vuc": [3, 5],
                "tru_cot": [2],
                "doi_tac": ["co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai", "hiep_hoi_doanh_nghiep", "bo_ngoai_giao"],
                "chu_tri": "Sở Ngoại vụ phối hợp Sở Kế hoạch và Đầu tư",
                "bat_dau": "2024-03-01",
                "ket_thuc": "2024-06-30",
                "chi_so": [
                    {"noi_dung": "Số doanh nghiệp nước ngoài tham dự hội nghị", "muc_tieu": 60,
                     "don_vi": "doanh nghiệp", "han": "2024-06-30"},
                    {"noi_dung": "Số biên bản ghi nhớ đầu tư được ký tại hội nghị", "muc_tieu": 5,
                     "don_vi": "biên bản ghi nhớ", "han": "2024-06-30"},
                ],
                "kinh_phi": 1_200_000_000,
                "ky_ket": True,
                "theo_doi": [
                    {"viec": "Lập tổ theo dõi từng biên bản ghi nhớ và báo cáo tiến độ hằng quý",
                     "han": "2024-09-30"},
                    {"viec": "Làm việc lại với các nhà đầu tư đã ký để lập hồ sơ dự án cụ thể",
                     "han": "2024-12-31"},
                ],
            },
            {
                "ten": "Quảng bá du lịch di sản Huế tại thị trường mới",
                "mo_ta": "Cùng Cơ quan đại diện và địa phương kết nghĩa ở nước ngoài tổ chức tuần văn hoá, "
                         "triển lãm ảnh về các di sản được UNESCO vinh danh và giới thiệu tour du lịch di sản "
                         "cho các hãng lữ hành sở tại.",
                "linh_vuc": [4, 6],
                "tru_cot": [3, 2],
                "doi_tac": ["co_quan_dai_dien", "dia_phuong_nuoc_ngoai", "doanh_nghiep_nuoc_ngoai"],
                "chu_tri": "Sở Văn hoá và Thể thao phối hợp Sở Ngoại vụ",
                "bat_dau": "2024-09-01",
                "ket_thuc": "2024-11-30",
                "chi_so": [
                    {"noi_dung": "Số hãng lữ hành nước ngoài ký hợp tác đưa khách", "muc_tieu": 10,
                     "don_vi": "hãng lữ hành", "han": "2025-06-30"},
                    {"noi_dung": "Lượt khách quốc tế đến theo các tour di sản mới", "muc_tieu": 5000,
                     "don_vi": "lượt khách", "han": "2025-12-31"},
                ],
                "kinh_phi": 900_000_000,
                "ky_ket": True,
                "theo_doi": [
                    {"viec": "Kiểm tra việc các hãng lữ hành đưa đoàn khách đầu tiên theo hợp đồng",
                     "han": "2025-03-31"},
                ],
            },
            {
                "ten": "Kết nối kiều bào với quê hương Huế",
                "mo_ta": "Qua Cơ quan đại diện gửi thông tin về môi trường đầu tư và các dự án của tỉnh tới kiều "
                         "bào, mời doanh nhân kiều bào về dự diễn đàn và làm cầu nối với nhà đầu tư nước sở tại.",
                "linh_vuc": [6],
                "tru_cot": [4],
                "doi_tac": ["kieu_bao", "co_quan_dai_dien"],
                "chu_tri": "Sở Ngoại vụ",
                "bat_dau": "2025-01-01",
                "ket_thuc": "2025-04-30",
                "chi_so": [
                    {"noi_dung": "Số doanh nhân kiều bào dự diễn đàn tại tỉnh", "muc_tieu": 40,
                     "don_vi": "doanh nhân", "han": "2025-04-30"},
                ],
                "kinh_phi": 500_000_000,
                "ky_ket": False,
                "theo_doi": [],
            },
            {
                "ten": "Bồi dưỡng cán bộ đối ngoại về xúc tiến đầu tư và du lịch",
                "mo_ta": "Mời Bộ Ngoại giao mở lớp bồi dưỡng cho cán bộ các sở, ngành về kỹ năng xúc tiến đầu tư, "
                         "quảng bá du lịch và cách theo đuổi các cam kết sau mỗi chuyến công tác nước ngoài.",
                "linh_vuc": [7],
                "tru_cot": [2],
                "doi_tac": ["bo_ngoai_giao", "co_quan_dai_dien"],
                "chu_tri": "Sở Ngoại vụ",
                "bat_dau": "2025-05-01",
                "ket_thuc": "2025-06-30",
                "chi_so": [
                    {"noi_dung": "Lượt cán bộ hoàn thành lớp bồi dưỡng", "muc_tieu": 80,
                     "don_vi": "lượt cán bộ", "han": "2025-06-30"},
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
    copy["ten"] = "Hội nghị xúc tiến đầu tư của tỉnh ở nước ngoài"
    plan["hoat_dong"] = [first, second, copy]
    return plan


def dat_hang_mau() -> dict[str, Any]:
    """A complete "đặt hàng" proposal from Thừa Thiên Huế to a representative mission (fictional scenario)."""
    return {
        "dia_phuong": "Thừa Thiên Huế",
        "gui_den": "co_quan_dai_dien",
        "thi_truong": "Ấn Độ",
        "loai_ho_tro": ["thong_tin", "quang_ba_ket_noi"],
        "noi_dung": "Đề nghị Cơ quan đại diện cung cấp danh sách doanh nghiệp lữ hành và nhà đầu tư khách sạn "
                    "quan tâm đến du lịch di sản, và giới thiệu tỉnh tại một diễn đàn doanh nghiệp sở tại.",
        "ket_qua_mong_doi": "Tỉnh có đối tác cụ thể để mở đường bay, tour du lịch di sản và kêu gọi đầu tư "
                            "khách sạn từ thị trường mới này.",
        "linh_vuc": [3, 4],
        "tru_cot": [2],
        "bat_dau": "2024-01-01",
        "ket_thuc": "2024-12-31",
        "chi_so": [
            {"noi_dung": "Số doanh nghiệp sở tại được giới thiệu làm việc với tỉnh", "muc_tieu": 15,
             "don_vi": "doanh nghiệp", "han": "2024-09-30"},
            {"noi_dung": "Số thoả thuận hợp tác du lịch được ký", "muc_tieu": 2,
             "don_vi": "thoả thuận", "han": "2024-12-31"},
        ],
        "ghi_chu": "Tình huống giả định phục vụ học tập; “thị trường mới như Ấn Độ” lấy từ bài 000.",
    }
