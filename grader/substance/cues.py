"""Cue words: what an activity's text says when it serves a focus area, a pillar or a partner kind.

The cues are drawn from the knowledge base's wording of the 7 focus areas
(article 001) and the 4 pillars (article 002, with the course's summaries),
and from how the sources name the partners; a test checks that each focus
area's and pillar's cues include words of its own knowledge-base text. They
are matched on the folded text with the slogans removed, so "đẩy mạnh ngoại
giao kinh tế" alone supports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from grader.substance.text import contains_phrase, fold, has_marks, words_of

FOCUS_AREA_CUES: dict[int, tuple[str, ...]] = {
    1: ("nghị quyết", "34-nq/tw", "chỉ thị", "kết luận", "đề án", "chương trình hành động", "văn bản", "ban hành",
        "quy chế", "quy định", "thể chế", "đại hội", "đảng bộ", "đường lối", "xây dựng chương trình"),
    2: ("nhận thức", "quán triệt", "tuyên truyền", "phổ biến", "hội nghị quán triệt", "tiên phong", "sở, ngành",
        "sở ngành", "cán bộ lãnh đạo", "cấp huyện", "báo chí", "truyền thông", "tọa đàm", "toạ đàm"),
    3: ("đầu tư", "nhà đầu tư", "doanh nghiệp", "xúc tiến", "thương mại", "xuất khẩu", "nhập khẩu", "thị trường",
        "fdi", "oda", "dự án", "khu công nghiệp", "hội chợ", "sản phẩm", "nông sản", "hàng hóa", "hàng hoá",
        "chuỗi cung ứng", "logistics", "giao thương", "kết nối giao thương", "b2b", "du lịch", "lữ hành",
        "khách sạn", "đường bay", "cảng biển", "dịch vụ cảng", "fta", "cptpp", "evfta", "rcep", "vốn đầu tư",
        "nguồn vốn", "kinh tế"),
    4: ("kết nối", "quảng bá", "kết nghĩa", "địa phương nước ngoài", "cơ quan đại diện", "đại sứ quán",
        "tổng lãnh sự", "bộ ngoại giao", "giao lưu nhân dân", "sự kiện văn hóa", "sự kiện văn hoá", "liên vùng",
        "nội vùng", "trực tuyến", "số hóa", "số hoá", "nền tảng số", "mạng xã hội", "video", "ấn phẩm", "website",
        "famtrip", "đặt hàng", "hữu nghị", "thỏa thuận", "thoả thuận", "ghi nhớ"),
    5: ("kế hoạch", "danh mục", "dự án kêu gọi", "kêu gọi đầu tư", "chương trình phối hợp", "bộ, ngành",
        "bộ ngành", "lộ trình", "nội dung quảng bá", "rà soát", "xây dựng danh mục", "bộ kế hoạch"),
    6: ("văn hóa", "văn hoá", "thông tin đối ngoại", "kiều bào", "người việt nam ở nước ngoài", "biên giới",
        "bảo hộ công dân", "lãnh sự", "thanh tra", "hội thảo quốc tế", "hội nghị quốc tế", "di sản", "lễ hội",
        "festival", "nghệ thuật", "biên phòng", "cửa khẩu", "lao động", "du học sinh", "hộ chiếu", "thị thực"),
    7: ("đào tạo", "bồi dưỡng", "tập huấn", "cán bộ", "ngoại ngữ", "nghiệp vụ", "lớp", "khóa học", "khoá học",
        "học viên", "biệt phái", "luân chuyển", "kinh phí", "nguồn lực", "chuyên nghiệp", "kỹ năng", "thực tập"),
}

PILLAR_CUES: dict[int, tuple[str, ...]] = {
    1: ("chính trị", "hữu nghị", "kết nghĩa", "đoàn cấp cao", "lãnh đạo tỉnh", "chủ tịch", "bí thư", "thăm",
        "tiếp đoàn", "tiếp xúc", "quan hệ", "thỏa thuận hợp tác", "thoả thuận hợp tác", "ghi nhớ", "đại sứ",
        "đối thoại", "tin cậy", "địa phương nước ngoài", "tỉnh bạn", "biên giới", "ngoại giao nhân dân",
        "nghị quyết", "chỉ thị", "đảng", "chính quyền"),
    2: FOCUS_AREA_CUES[3],
    3: ("văn hóa", "văn hoá", "di sản", "unesco", "lễ hội", "festival", "nghệ thuật", "ẩm thực", "giao lưu",
        "quảng bá", "triển lãm", "triển lãm ảnh", "phim", "áo dài", "nhã nhạc", "cố đô", "di tích", "du lịch",
        "tuần văn hóa", "tuần văn hoá", "hình ảnh", "báo chí", "truyền thông", "thông tin đối ngoại"),
    4: ("kiều bào", "người việt", "bảo hộ công dân", "công dân", "lao động", "du học sinh", "cộng đồng",
        "lãnh sự", "hộ chiếu", "thị thực", "hội người việt", "người gốc việt", "xuất khẩu lao động", "việt kiều"),
}

# What an activity says when it works with each kind of partner (ids of knowledge.yaml partner_kinds).
PARTNER_CUES: dict[str, tuple[str, ...]] = {
    "co_quan_dai_dien": ("cơ quan đại diện", "đại sứ quán", "tổng lãnh sự", "lãnh sự quán", "đại sứ",
                         "thương vụ", "trưởng cơ quan"),
    "bo_ngoai_giao": ("bộ ngoại giao", "cục ngoại vụ", "học viện ngoại giao", "cục lễ tân",
                      "ủy ban nhà nước về người việt nam ở nước ngoài", "cục lãnh sự"),
    # Ministries by name, with those of the 2025 reorganisation (Bộ Tài chính took over Bộ Kế hoạch và Đầu tư).
    "bo_nganh": ("bộ, ngành", "bộ ngành", "các bộ", "bộ công thương", "bộ kế hoạch", "bộ tài chính", "bộ văn hóa",
                 "bộ văn hoá", "bộ nội vụ", "bộ lao động", "bộ nông nghiệp", "bộ công an", "bộ quốc phòng",
                 "bộ giáo dục", "bộ y tế", "bộ khoa học", "bộ xây dựng", "trung ương", "tổng cục"),
    "dia_phuong_nuoc_ngoai": ("tỉnh bạn", "kết nghĩa", "địa phương nước ngoài", "chính quyền", "thành phố",
                              "tiểu bang", "hữu nghị"),
    "doanh_nghiep_nuoc_ngoai": ("doanh nghiệp", "nhà đầu tư", "tập đoàn", "công ty", "hãng lữ hành",
                                "hãng hàng không", "lữ hành", "quỹ đầu tư"),
    "hiep_hoi_doanh_nghiep": ("hiệp hội", "phòng thương mại", "jetro", "kotra", "amcham", "eurocham", "kocham",
                              "jcci", "kcci", "hội doanh nhân", "hội doanh nghiệp"),
    "to_chuc_quoc_te": ("tổ chức quốc tế", "unesco", "undp", "unicef", "fao", "who", "ilo", "iom", "jica",
                        "koica", "usaid", "giz", "adb", "ngân hàng thế giới", "wb", "liên hợp quốc", "asean",
                        "apec", "eu", "phi chính phủ"),
    "kieu_bao": ("kiều bào", "người việt", "việt kiều", "cộng đồng", "hội người việt", "doanh nhân việt",
                 "trí thức việt"),
    "doanh_nghiep_trong_nuoc": ("doanh nghiệp", "hợp tác xã", "công ty", "nhà sản xuất", "doanh nghiệp tỉnh",
                                "doanh nghiệp việt", "sản phẩm"),
}


# Plain verbs of administrative work: a description of an activity says what someone will DO.
ACTION_VERBS: tuple[str, ...] = (
    "tổ chức", "phối hợp", "mời", "mở", "đưa", "cử", "ký", "xây dựng", "biên soạn", "soạn thảo", "giới thiệu",
    "tham gia", "đón", "gặp", "lập", "gửi", "dẫn", "làm việc", "quảng bá", "kết nối", "tập huấn", "bồi dưỡng",
    "đào tạo", "ban hành", "trình", "khảo sát", "tiếp", "thăm", "trao đổi", "hỗ trợ", "tư vấn", "cung cấp",
    "xúc tiến", "dịch", "phát hành", "đăng", "thiết lập", "rà soát", "theo dõi", "chủ trì", "hướng dẫn",
    "tuyên truyền", "quán triệt", "chia sẻ", "kêu gọi", "đàm phán", "làm", "thực hiện", "triển khai", "tìm",
    "đặt hàng", "đề nghị", "lấy ý kiến", "nghiên cứu", "tiếp nhận", "đăng cai", "phát động", "vận động", "thu hút",
    "nâng cấp", "cập nhật", "sản xuất", "in", "tập hợp", "kết nghĩa", "luân chuyển", "biệt phái", "học",
    "gặp mặt", "dẫn đoàn", "nhờ", "giúp", "tăng", "giảm", "đạt", "mở rộng", "biến", "có thêm", "hoàn thành",
    "ký kết", "hấp dẫn", "theo đuổi", "cụ thể hoá", "cụ thể hóa", "nâng", "tới thăm",
)


def _folded(cues: Iterable[str]) -> tuple[str, ...]:
    return tuple(fold(c) for c in cues)


_FOCUS = {k: _folded(v) for k, v in FOCUS_AREA_CUES.items()}
_PILLAR = {k: _folded(v) for k, v in PILLAR_CUES.items()}
_PARTNER = {k: _folded(v) for k, v in PARTNER_CUES.items()}


def hits(folded_text: str, folded_cues: Iterable[str]) -> list[str]:
    """The cues found in ``folded_text`` (both folded), word-aligned."""
    return [c for c in folded_cues if c and contains_phrase(folded_text, c)]


def focus_area_supported(number: int, folded_text: str) -> bool:
    return bool(hits(folded_text, _FOCUS.get(number, ())))


def pillar_supported(number: int, folded_text: str) -> bool:
    return bool(hits(folded_text, _PILLAR.get(number, ())))


def partner_supported(kind: str, folded_text: str) -> bool:
    return bool(hits(folded_text, _PARTNER.get(kind, ())))


def mentions(text: str | None, phrases: Iterable[str]) -> bool:
    """True if the text holds one of the phrases, word-aligned, compared with diacritics when the text has
    them (folded, "cử" would be found in "cụ thể", "mời" in "mới", "ban" in "biên bản")."""
    marked = has_marks(text)
    padded = f" {' '.join(words_of(text, marked))} "
    return any(f" {' '.join(words_of(p, marked))} " in padded for p in phrases)


def has_action(text: str | None) -> bool:
    """True if the text holds a verb of the work (tổ chức, mời, ký, giới thiệu, ...)."""
    return mentions(text, ACTION_VERBS)


def cue_words(kind: str, number: int) -> str:
    """A few cue words of a focus area (``kind="linh_vuc"``) or pillar (``"tru_cot"``), for messages."""
    table = FOCUS_AREA_CUES if kind == "linh_vuc" else PILLAR_CUES
    return ", ".join(table.get(number, ())[:5])
