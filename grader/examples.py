"""Worked example answers, for lessons and tests.

The worked plan is for Hà Tĩnh, a province the sources quote (its Director of Foreign Affairs
Thái Phúc Sơn on the Ministry's support, article 000), and its theme is the "new markets" the
Ministry opens (Thái Lan, Indonesia: article 000). It is deliberately NOT an answer to any
exercise: exercise 3 is Thừa Thiên Huế's plan (investors, heritage tourism, follow-up), exercise 5
asks for all 7 focus areas and 4 pillars, so copying the example earns little. Every activity,
partner, date, number and amount below is a FICTIONAL scenario made up for teaching, not a fact
from the sources; the plans say so in their note.

The examples are written for the shipped plan period (:data:`grader.period.SOURCE`) and moved by whole years
to the period in force (:func:`grader.period.shift_years`), so they always fall inside the trainer's setting.

Each example comes in the two forms :mod:`grader.plan` reads, which give the same records: the
text form a trainee writes (``*_van_ban()``, a ``str`` of labelled Vietnamese lines) and the data
form (a dict) that maintainers and tests use. Each function returns a fresh value, so a notebook
may change it freely.
"""

from __future__ import annotations

from typing import Any

from grader.answer_form import to_data
from grader.period import shift_years
from grader.plan import read_plan
from grader.plan_text import write_plan

FICTIONAL_NOTE = "Tình huống giả định phục vụ học tập: các hoạt động, con số và kinh phí không lấy từ nguồn."

_KE_HOACH_MAU = """
Địa phương: Hà Tĩnh
Thời gian: 01/01/2027 - 31/12/2028
Tổng kinh phí: 2.700.000.000 đồng
Mục tiêu:
- Kết nối 40 doanh nghiệp Hà Tĩnh với nhà nhập khẩu nông sản, thủy sản ở hai thị trường mới Thái Lan và Indonesia
- Thu hút 3 dự án đầu tư của doanh nghiệp Thái Lan vào chế biến nông sản của tỉnh
- Biến 4 biên bản ghi nhớ ký tại Bangkok thành hợp đồng và dự án cụ thể trước cuối năm 2028
Ghi chú: Tình huống giả định phục vụ học tập: các hoạt động, con số và kinh phí không lấy từ nguồn.

Hoạt động 1: Đoàn xúc tiến thương mại và đầu tư của Hà Tĩnh tại Bangkok
Mô tả: Cùng Đại sứ quán Việt Nam tại Thái Lan đưa 20 doanh nghiệp Hà Tĩnh sang Bangkok làm việc với doanh nghiệp \
Thái Lan và Phòng Thương mại Thái Lan về chế biến nông sản, thủy sản và dịch vụ hậu cần, ký biên bản ghi nhớ hợp tác.
Nội dung trọng tâm: 3
Trụ cột: 2
Đối tác: cơ quan đại diện, doanh nghiệp nước ngoài, hiệp hội doanh nghiệp, doanh nghiệp Việt Nam
Chủ trì: Sở Công Thương phối hợp Sở Ngoại vụ
Thời gian: 01/04/2027 - 30/06/2027
Kinh phí: 1.000.000.000 đồng
Chỉ số: Số doanh nghiệp Thái Lan làm việc với đoàn: 40 doanh nghiệp, hạn 30/06/2027
Chỉ số: Số biên bản ghi nhớ hợp tác được ký tại Bangkok: 4 biên bản ghi nhớ, hạn 30/06/2027
Ký kết: có
Theo dõi: Sở Công Thương lập bảng theo dõi từng biên bản ghi nhớ ký tại Bangkok, báo cáo tiến độ hằng quý, \
hạn 30/09/2027
Theo dõi: Làm việc lại với các doanh nghiệp Thái Lan đã ký để chuyển biên bản ghi nhớ thành hợp đồng, hạn 31/03/2028

Hoạt động 2: Diễn đàn kết nối doanh nghiệp Hà Tĩnh với nhà nhập khẩu Indonesia tại Jakarta
Mô tả: Cùng Đại sứ quán Việt Nam tại Indonesia tổ chức diễn đàn tại Jakarta giới thiệu nông sản, thủy sản của \
Hà Tĩnh cho các nhà nhập khẩu Indonesia, kèm gian hàng trưng bày sản phẩm và các buổi gặp riêng.
Nội dung trọng tâm: 4
Trụ cột: 2
Đối tác: cơ quan đại diện, doanh nghiệp nước ngoài
Chủ trì: Sở Công Thương
Thời gian: 01/09/2027 - 31/10/2027
Kinh phí: 800.000.000 đồng
Chỉ số: Số nhà nhập khẩu Indonesia dự diễn đàn ở Jakarta: 30 doanh nghiệp, hạn 31/10/2027
Ký kết: không

Hoạt động 3: Gặp mặt kiều bào quê Hà Tĩnh ở vùng Đông Bắc Thái Lan
Mô tả: Cùng Tổng Lãnh sự quán Việt Nam tại Khon Kaen gặp mặt bà con kiều bào quê Hà Tĩnh ở Đông Bắc Thái Lan, \
thông tin về định hướng phát triển của tỉnh và mời doanh nhân kiều bào làm cầu nối giới thiệu nông sản của tỉnh.
Nội dung trọng tâm: 6
Trụ cột: 4
Đối tác: kiều bào, cơ quan đại diện
Chủ trì: Sở Ngoại vụ
Thời gian: 01/01/2028 - 31/03/2028
Kinh phí: 400.000.000 đồng
Chỉ số: Lượt kiều bào tham dự gặp mặt tại Khon Kaen: 150 lượt kiều bào, hạn 31/03/2028
Ký kết: không

Hoạt động 4: Bồi dưỡng cán bộ Hà Tĩnh về xúc tiến thương mại với Thái Lan, Indonesia
Mô tả: Mời Học viện Ngoại giao thuộc Bộ Ngoại giao mở lớp bồi dưỡng tại thành phố Hà Tĩnh cho cán bộ các sở, ngành \
về kỹ năng xúc tiến thương mại, đàm phán với đối tác Thái Lan, Indonesia và theo dõi thực hiện cam kết đã ký.
Nội dung trọng tâm: 7
Trụ cột: 2
Đối tác: Bộ Ngoại giao
Chủ trì: Sở Ngoại vụ
Thời gian: 01/05/2028 - 30/06/2028
Kinh phí: 500.000.000 đồng
Chỉ số: Lượt cán bộ hoàn thành lớp bồi dưỡng: 60 lượt cán bộ, hạn 30/06/2028
Ký kết: không
"""

_DAT_HANG_MAU = """
Địa phương: Hà Tĩnh
Gửi đến: Đại sứ quán Việt Nam tại Thái Lan
Thị trường: Thái Lan
Loại hỗ trợ: cung cấp thông tin; quảng bá, kết nối
Nội dung: Đề nghị Đại sứ quán Việt Nam tại Thái Lan cung cấp danh sách 20 nhà nhập khẩu nông sản, thủy sản ở \
Bangkok quan tâm đến sản phẩm của tỉnh, và giới thiệu tỉnh tham gia một hội chợ thực phẩm tại Bangkok vào tháng 5/2027.
Kết quả mong đợi: Tỉnh làm việc trực tiếp với 15 doanh nghiệp Thái Lan để xuất khẩu nông sản và kêu gọi đầu tư \
vào chế biến nông sản của tỉnh.
Nội dung trọng tâm: 3, 4
Trụ cột: 2
Thời gian: 01/01/2027 - 31/12/2027
Chỉ số: Số doanh nghiệp Thái Lan được giới thiệu làm việc với tỉnh: 15 doanh nghiệp, hạn 30/09/2027
Chỉ số: Số hợp đồng xuất khẩu nông sản được ký: 2 hợp đồng, hạn 31/12/2027
Ghi chú: Tình huống giả định phục vụ học tập; Thái Lan là một trong các thị trường mới mà bài 000 nêu.
"""


def _shifted(value: Any) -> Any:
    """``value`` (text or data, written for the shipped plan period) moved to the course's plan period."""
    if isinstance(value, str):
        return shift_years(value)
    if isinstance(value, dict):
        return {k: _shifted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v) for v in value]
    return value


def _indicator(metric: str, target: int, unit: str, deadline: str) -> dict[str, Any]:
    return {"noi_dung": metric, "muc_tieu": target, "don_vi": unit, "han": deadline}


def ke_hoach_mau_van_ban() -> str:
    """The worked plan (Hà Tĩnh, new markets Thái Lan and Indonesia) in the text form a trainee writes."""
    return _shifted(_KE_HOACH_MAU)


def ke_hoach_mau() -> dict[str, Any]:
    """The worked plan as data (same records as :func:`ke_hoach_mau_van_ban`): strong on every public criterion."""
    return _shifted({
        "dia_phuong": "Hà Tĩnh",
        "bat_dau": "2027-01-01",
        "ket_thuc": "2028-12-31",
        "tong_kinh_phi": 2_700_000_000,
        "muc_tieu": [
            "Kết nối 40 doanh nghiệp Hà Tĩnh với nhà nhập khẩu nông sản, thủy sản ở hai thị trường mới Thái Lan "
            "và Indonesia",
            "Thu hút 3 dự án đầu tư của doanh nghiệp Thái Lan vào chế biến nông sản của tỉnh",
            "Biến 4 biên bản ghi nhớ ký tại Bangkok thành hợp đồng và dự án cụ thể trước cuối năm 2028",
        ],
        "hoat_dong": [
            {
                "ten": "Đoàn xúc tiến thương mại và đầu tư của Hà Tĩnh tại Bangkok",
                "mo_ta": "Cùng Đại sứ quán Việt Nam tại Thái Lan đưa 20 doanh nghiệp Hà Tĩnh sang Bangkok làm việc "
                         "với doanh nghiệp Thái Lan và Phòng Thương mại Thái Lan về chế biến nông sản, thủy sản và "
                         "dịch vụ hậu cần, ký biên bản ghi nhớ hợp tác.",
                "linh_vuc": [3],
                "tru_cot": [2],
                "doi_tac": ["co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai", "hiep_hoi_doanh_nghiep",
                            "doanh_nghiep_trong_nuoc"],
                "chu_tri": "Sở Công Thương phối hợp Sở Ngoại vụ",
                "bat_dau": "2027-04-01",
                "ket_thuc": "2027-06-30",
                "chi_so": [
                    _indicator("Số doanh nghiệp Thái Lan làm việc với đoàn", 40, "doanh nghiệp", "2027-06-30"),
                    _indicator("Số biên bản ghi nhớ hợp tác được ký tại Bangkok", 4, "biên bản ghi nhớ", "2027-06-30"),
                ],
                "kinh_phi": 1_000_000_000,
                "ky_ket": True,
                "theo_doi": [
                    {"viec": "Sở Công Thương lập bảng theo dõi từng biên bản ghi nhớ ký tại Bangkok, báo cáo tiến độ "
                             "hằng quý", "han": "2027-09-30"},
                    {"viec": "Làm việc lại với các doanh nghiệp Thái Lan đã ký để chuyển biên bản ghi nhớ thành hợp "
                             "đồng", "han": "2028-03-31"},
                ],
            },
            {
                "ten": "Diễn đàn kết nối doanh nghiệp Hà Tĩnh với nhà nhập khẩu Indonesia tại Jakarta",
                "mo_ta": "Cùng Đại sứ quán Việt Nam tại Indonesia tổ chức diễn đàn tại Jakarta giới thiệu nông sản, "
                         "thủy sản của Hà Tĩnh cho các nhà nhập khẩu Indonesia, kèm gian hàng trưng bày sản phẩm và "
                         "các buổi gặp riêng.",
                "linh_vuc": [4],
                "tru_cot": [2],
                "doi_tac": ["co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai"],
                "chu_tri": "Sở Công Thương",
                "bat_dau": "2027-09-01",
                "ket_thuc": "2027-10-31",
                "chi_so": [
                    _indicator("Số nhà nhập khẩu Indonesia dự diễn đàn ở Jakarta", 30, "doanh nghiệp", "2027-10-31"),
                ],
                "kinh_phi": 800_000_000,
                "ky_ket": False,
                "theo_doi": [],
            },
            {
                "ten": "Gặp mặt kiều bào quê Hà Tĩnh ở vùng Đông Bắc Thái Lan",
                "mo_ta": "Cùng Tổng Lãnh sự quán Việt Nam tại Khon Kaen gặp mặt bà con kiều bào quê Hà Tĩnh ở Đông "
                         "Bắc Thái Lan, thông tin về định hướng phát triển của tỉnh và mời doanh nhân kiều bào làm "
                         "cầu nối giới thiệu nông sản của tỉnh.",
                "linh_vuc": [6],
                "tru_cot": [4],
                "doi_tac": ["kieu_bao", "co_quan_dai_dien"],
                "chu_tri": "Sở Ngoại vụ",
                "bat_dau": "2028-01-01",
                "ket_thuc": "2028-03-31",
                "chi_so": [
                    _indicator("Lượt kiều bào tham dự gặp mặt tại Khon Kaen", 150, "lượt kiều bào", "2028-03-31"),
                ],
                "kinh_phi": 400_000_000,
                "ky_ket": False,
                "theo_doi": [],
            },
            {
                "ten": "Bồi dưỡng cán bộ Hà Tĩnh về xúc tiến thương mại với Thái Lan, Indonesia",
                "mo_ta": "Mời Học viện Ngoại giao thuộc Bộ Ngoại giao mở lớp bồi dưỡng tại thành phố Hà Tĩnh cho cán "
                         "bộ các sở, ngành về kỹ năng xúc tiến thương mại, đàm phán với đối tác Thái Lan, Indonesia "
                         "và theo dõi thực hiện cam kết đã ký.",
                "linh_vuc": [7],
                "tru_cot": [2],
                "doi_tac": ["bo_ngoai_giao"],
                "chu_tri": "Sở Ngoại vụ",
                "bat_dau": "2028-05-01",
                "ket_thuc": "2028-06-30",
                "chi_so": [
                    _indicator("Lượt cán bộ hoàn thành lớp bồi dưỡng", 60, "lượt cán bộ", "2028-06-30"),
                ],
                "kinh_phi": 500_000_000,
                "ky_ket": False,
                "theo_doi": [],
            },
        ],
        "ghi_chu": FICTIONAL_NOTE,
    })


# The worked plan of a border province: Lạng Sơn, on the border with China's Guangxi (Quảng Tây), whose capital
# Nam Ninh holds a Consulate General of Vietnam. FICTIONAL like the Hà Tĩnh plan: the sources say nothing about
# Lạng Sơn; it shows the work border officers do (a delegation to the neighbouring province, the follow-up of the
# agreements signed with it, a consular case of citizens tricked into labour across the border).
_KE_HOACH_BIEN_GIOI = """
Địa phương: Lạng Sơn
Thời gian: 01/01/2027 - 31/12/2028
Tổng kinh phí: 2.250.000.000 đồng
Mục tiêu:
- Đưa 3 thỏa thuận hợp tác ký với Khu tự trị dân tộc Choang Quảng Tây vào thực hiện bằng các dự án cụ thể ở \
cửa khẩu
- Giải quyết nhanh các vụ việc bảo hộ công dân Lạng Sơn ở Quảng Tây, mỗi vụ việc được tiếp nhận và trả lời \
trong 30 ngày
- Tăng kim ngạch nông sản của tỉnh xuất khẩu chính ngạch sang Trung Quốc qua các cửa khẩu của tỉnh
Ghi chú: Tình huống giả định phục vụ học tập: các hoạt động, con số và kinh phí không lấy từ nguồn.

Hoạt động 1: Đoàn công tác của tỉnh Lạng Sơn sang Nam Ninh hội đàm với chính quyền Quảng Tây
Mô tả: Sở Ngoại vụ phối hợp Tổng Lãnh sự quán Việt Nam tại Nam Ninh đưa đoàn 12 cán bộ của tỉnh sang Nam Ninh \
hội đàm với Ủy ban nhân dân Khu tự trị dân tộc Choang Quảng Tây về thông quan nông sản qua cửa khẩu Hữu Nghị, \
ký biên bản hội đàm và kế hoạch hợp tác năm 2027.
Nội dung trọng tâm: 3
Trụ cột: 1, 2
Đối tác: cơ quan đại diện, địa phương nước ngoài
Chủ trì: Sở Ngoại vụ
Thời gian: 01/03/2027 - 30/04/2027
Kinh phí: 600.000.000 đồng
Chỉ số: 1 biên bản hội đàm với Quảng Tây được ký, hạn 30/04/2027
Chỉ số: 3 dự án hợp tác về thông quan nông sản được hai bên thống nhất, hạn 30/04/2027
Ký kết: có
Theo dõi: Sở Công Thương lập bảng theo dõi từng nội dung của biên bản hội đàm và báo cáo Ủy ban nhân dân tỉnh \
hằng quý, hạn 30/06/2027
Theo dõi: Sở Ngoại vụ trao đổi với Văn phòng Ngoại vụ Quảng Tây về tiến độ từng nội dung đã thỏa thuận, hạn \
31/12/2027

Hoạt động 2: Hội nghị rà soát việc thực hiện thỏa thuận hợp tác với Quảng Tây
Mô tả: Sở Ngoại vụ chủ trì hội nghị tại thành phố Lạng Sơn với Văn phòng Ngoại vụ Quảng Tây (trực tuyến), Sở \
Công Thương, Sở Tài chính và 20 doanh nghiệp xuất khẩu của tỉnh, rà soát 3 thỏa thuận hợp tác đã ký với Quảng \
Tây, chỉ ra việc còn chậm và giao việc cho từng sở.
Nội dung trọng tâm: 5
Trụ cột: 2
Đối tác: doanh nghiệp Việt Nam, địa phương nước ngoài
Chủ trì: Sở Ngoại vụ
Thời gian: 01/09/2027 - 30/09/2027
Kinh phí: 150.000.000 đồng
Chỉ số: 3 thỏa thuận hợp tác với Quảng Tây được rà soát, mỗi thỏa thuận có báo cáo tiến độ, hạn 30/09/2027
Chỉ số: 2 dự án hợp tác tại khu vực cửa khẩu được khởi động sau hội nghị, hạn 30/06/2028
Ký kết: không

Hoạt động 3: Tiếp nhận và hỗ trợ công dân Lạng Sơn bị lừa sang Quảng Tây lao động
Mô tả: Sở Ngoại vụ phối hợp Tổng Lãnh sự quán Việt Nam tại Nam Ninh, Cục Lãnh sự Bộ Ngoại giao và Công an \
tỉnh tiếp nhận công dân của tỉnh bị lừa sang Quảng Tây lao động, xác minh nhân thân, giúp gia đình làm giấy \
tờ đưa người về nước qua cửa khẩu Hữu Nghị.
Nội dung trọng tâm: 6
Trụ cột: 4
Đối tác: cơ quan đại diện, Bộ Ngoại giao
Chủ trì: Sở Ngoại vụ
Thời gian: 01/01/2027 - 31/12/2028
Kinh phí: 300.000.000 đồng
Chỉ số: 100% vụ việc bảo hộ công dân được tiếp nhận và trả lời gia đình trong 30 ngày, hạn 31/12/2028
Chỉ số: 40 công dân được hỗ trợ về nước an toàn qua cửa khẩu, hạn 31/12/2028
Ký kết: không

Hoạt động 4: Đón đoàn doanh nghiệp Quảng Tây khảo sát vùng nguyên liệu của Lạng Sơn
Mô tả: Sở Công Thương phối hợp Sở Ngoại vụ đón 20 doanh nghiệp nhập khẩu nông sản của Quảng Tây đến khảo sát \
vùng trồng hồi, na và rau quả ở huyện Lộc Bình, làm việc với 15 hợp tác xã của tỉnh để ký hợp đồng mua hàng.
Nội dung trọng tâm: 3
Trụ cột: 2
Đối tác: doanh nghiệp nước ngoài, doanh nghiệp Việt Nam
Chủ trì: Sở Công Thương phối hợp Sở Ngoại vụ
Thời gian: 01/04/2028 - 31/05/2028
Kinh phí: 1.200.000.000 đồng
Chỉ số: 20 doanh nghiệp Quảng Tây đến khảo sát vùng nguyên liệu của tỉnh, hạn 31/05/2028
Chỉ số: 5 hợp đồng mua nông sản được ký với doanh nghiệp Quảng Tây, hạn 31/05/2028
Ký kết: có
Theo dõi: Sở Công Thương theo dõi việc giao hàng của từng hợp đồng và báo cáo Ủy ban nhân dân tỉnh, hạn \
31/10/2028
"""


def ke_hoach_bien_gioi_van_ban() -> str:
    """The worked plan of a border province (Lạng Sơn with Quảng Tây; fictional) in the text form a trainee writes:
    a delegation across the border, the follow-up of agreements, a consular case. Strong on every public criterion."""
    return _shifted(_KE_HOACH_BIEN_GIOI)


def ke_hoach_bien_gioi() -> dict[str, Any]:
    """The border province's worked plan as data (the records of :func:`ke_hoach_bien_gioi_van_ban`)."""
    return to_data(read_plan(ke_hoach_bien_gioi_van_ban()))


# The former names (the worked plan used to be for Thừa Thiên Huế); tests of other modules still call them.
ke_hoach_mau_thua_thien_hue = ke_hoach_mau
ke_hoach_mau_thua_thien_hue_van_ban = ke_hoach_mau_van_ban


def ke_hoach_chua_dat() -> dict[str, Any]:
    """A flawed version of the worked plan, for teaching what the self-check reports.

    Activity 1 signs memoranda but has no follow-up; activity 2's indicator has no unit and no
    deadline, and it claims pillars 3 and 4 with a partner that fits neither; activity 3 copies
    activity 1; the activities' budgets no longer add up to the total.
    """
    plan = ke_hoach_mau()
    first, second = plan["hoat_dong"][0], plan["hoat_dong"][1]
    first["theo_doi"] = []
    second["chi_so"] = [{"noi_dung": "Số khách hàng Indonesia tăng thêm", "muc_tieu": 30, "don_vi": "", "han": ""}]
    second["tru_cot"] = [3, 4]
    second["doi_tac"] = ["dia_phuong_nuoc_ngoai"]
    copy = dict(first)
    copy["ten"] = "Đoàn xúc tiến thương mại và đầu tư của Hà Tĩnh ở Bangkok"
    plan["hoat_dong"] = [first, second, copy]
    return plan


def ke_hoach_chua_dat_van_ban() -> str:
    """The flawed plan in the text form (written from its records, so both forms read the same)."""
    return write_plan(read_plan(ke_hoach_chua_dat()))


def dat_hang_mau_van_ban() -> str:
    """The worked "đặt hàng" proposal (Hà Tĩnh to the Embassy in Thái Lan) in the text form a trainee writes."""
    return _shifted(_DAT_HANG_MAU)


def dat_hang_mau() -> dict[str, Any]:
    """The worked "đặt hàng" proposal as data (same record as :func:`dat_hang_mau_van_ban`; fictional scenario)."""
    return _shifted({
        "dia_phuong": "Hà Tĩnh",
        "gui_den": "co_quan_dai_dien",
        "thi_truong": "Thái Lan",
        "loai_ho_tro": ["thong_tin", "quang_ba_ket_noi"],
        "noi_dung": "Đề nghị Đại sứ quán Việt Nam tại Thái Lan cung cấp danh sách 20 nhà nhập khẩu nông sản, thủy "
                    "sản ở Bangkok quan tâm đến sản phẩm của tỉnh, và giới thiệu tỉnh tham gia một hội chợ thực phẩm "
                    "tại Bangkok vào tháng 5/2027.",
        "ket_qua_mong_doi": "Tỉnh làm việc trực tiếp với 15 doanh nghiệp Thái Lan để xuất khẩu nông sản và kêu gọi "
                            "đầu tư vào chế biến nông sản của tỉnh.",
        "linh_vuc": [3, 4],
        "tru_cot": [2],
        "bat_dau": "2027-01-01",
        "ket_thuc": "2027-12-31",
        "chi_so": [
            _indicator("Số doanh nghiệp Thái Lan được giới thiệu làm việc với tỉnh", 15, "doanh nghiệp", "2027-09-30"),
            _indicator("Số hợp đồng xuất khẩu nông sản được ký", 2, "hợp đồng", "2027-12-31"),
        ],
        "ghi_chu": "Tình huống giả định phục vụ học tập; Thái Lan là một trong các thị trường mới mà bài 000 nêu.",
    })
