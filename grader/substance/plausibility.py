"""Plausible numbers: indicator units and targets, budgets per kind of activity.

The unit vocabulary is the course's short list (``grader.vn_values.UNITS``)
plus the units below; a unit that counts things (nhà đầu tư, lượt khách,
văn bản) needs a whole-number target. The kinds of activity and their budget
bounds are stated to trainees in the exercise text (bt3, bt5).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache

from grader.substance.text import contains_phrase, fold
from grader.substance.text import expand as _expand

# Units that count things: the target is a whole number.
COUNTED_UNITS: tuple[str, ...] = (
    "nhà đầu tư", "doanh nghiệp", "dự án", "văn bản", "biên bản", "biên bản ghi nhớ", "thỏa thuận", "thoả thuận",
    "hợp đồng", "lượt khách", "lượt", "lượt người", "lượt truy cập", "lượt xem", "khách", "du khách", "đoàn",
    "sự kiện", "hội nghị", "hội thảo", "cán bộ", "người", "học viên", "lớp", "khóa", "khoá", "ấn phẩm",
    "bài viết", "bài", "video", "đối tác", "địa phương", "gian hàng", "tour", "chuyến bay", "đường bay",
    "chương trình", "kế hoạch", "cuộc", "buổi", "chuyến", "hồ sơ", "sản phẩm", "kiều bào", "công dân",
    "trường hợp", "cơ quan", "cơ quan đại diện", "tổ chức", "quốc gia", "nước", "thị trường", "phiên", "cuộc gặp",
    "cuộc làm việc",
    "đề xuất", "kiến nghị", "ý kiến", "tập đoàn", "hãng", "tài liệu", "cẩm nang", "bản tin", "trang", "hiệp hội",
    "dự án đầu tư", "giấy chứng nhận", "quyết định", "báo cáo", "mô hình", "suất", "học bổng", "tình nguyện viên",
)
# Units that measure amounts: any positive number.
MEASURED_UNITS: tuple[str, ...] = (
    "%", "phần trăm", "đồng", "triệu đồng", "tỷ đồng", "usd", "triệu usd", "tỷ usd", "đô la mỹ", "triệu đô la",
    "tấn", "nghìn tấn", "ha", "héc-ta", "hecta", "m2", "ngày", "tháng", "giờ", "điểm",
)
MAX_COUNT = 10_000_000  # no counted target of a provincial plan is larger
MAX_PERCENT = 100


def _vn_values_units() -> dict[str, bool]:
    """The course's unit vocabulary (grader.vn_values.UNITS: unit -> counted), when present."""
    try:
        module = importlib.import_module("grader.vn_values")
    except ImportError:
        return {}
    units = getattr(module, "UNITS", {})
    if isinstance(units, dict):
        return {str(u): bool(c) for u, c in units.items()}
    return {str(u): False for u in units}


@lru_cache(maxsize=1)
def unit_vocabulary() -> frozenset[str]:
    """Every accepted unit, folded."""
    return frozenset(fold(u) for u in (*_vn_values_units(), *COUNTED_UNITS, *MEASURED_UNITS) if fold(u)) | {"%"}


@lru_cache(maxsize=1)
def _counted() -> frozenset[str]:
    course = {fold(u) for u, counted in _vn_values_units().items() if counted}
    return frozenset(fold(u) for u in COUNTED_UNITS) | course


def known_unit(unit: str | None) -> str | None:
    """The vocabulary unit that ``unit`` is (or starts with), folded; None if it is none of them."""
    if not unit:
        return None
    if unit.strip() == "%":
        return "%"
    folded = fold(_expand(unit))  # "DN" is "doanh nghiệp" (the trade's abbreviations, reading.ABBREVIATIONS)
    vocab = unit_vocabulary()
    if folded in vocab:
        return folded
    words = folded.split()
    for n in range(min(4, len(words)), 0, -1):
        if " ".join(words[:n]) in vocab:
            return " ".join(words[:n])
    return None


def unit_in_phrase(phrase: str | None) -> str | None:
    """The vocabulary unit right after the first number of an indicator's phrase ("3 cơ quan đại diện ...")."""
    match = re.search(r"\d[\d.,]*\s+(.+)", phrase or "")
    return known_unit(match.group(1)) if match else None


def is_counted(unit: str | None) -> bool:
    known = known_unit(unit)
    if known is None:
        return False
    counted = _counted()
    return known in counted or any(known.startswith(c + " ") for c in counted)


def target_problem(target: float | None, unit: str | None) -> str | None:
    """Why a target is not plausible for its unit (a catalogue key), or None."""
    if target is None or target <= 0:
        return "substance.target_not_positive"
    if is_counted(unit):
        if target != int(target):
            return "substance.target_not_whole"
        if target > MAX_COUNT:
            return "substance.target_too_large"
    if known_unit(unit) in ("%", "phan tram") and target > MAX_PERCENT:
        return "substance.target_too_large"
    return None


@dataclass(frozen=True)
class ActivityKind:
    id: str
    label: str  # Vietnamese, as the exercise text states it
    cues: tuple[str, ...]  # words in the title or description that make an activity of this kind
    min_budget: int  # đồng
    max_budget: int


# The kinds of activity and the budget each may plausibly cost (đồng), as the exercise text states them.
ACTIVITY_KINDS: tuple[ActivityKind, ...] = (
    ActivityKind("doan_ra", "đoàn công tác, đoàn xúc tiến ra nước ngoài",
                 ("đoàn công tác", "đoàn xúc tiến", "đoàn lãnh đạo", "đoàn doanh nghiệp", "chuyến công tác",
                  "roadshow"), 200_000_000, 3_000_000_000),
    ActivityKind("su_kien", "hội chợ, triển lãm, lễ hội, tuần văn hoá, festival",
                 ("hội chợ", "triển lãm", "lễ hội", "festival", "tuần văn hóa", "tuần văn hoá", "ngày văn hóa",
                  "ngày văn hoá", "chương trình nghệ thuật", "giao lưu văn hóa", "giao lưu văn hoá"),
                 100_000_000, 5_000_000_000),
    ActivityKind("hoi_nghi", "hội nghị, hội thảo, diễn đàn, toạ đàm, gặp mặt",
                 ("hội nghị", "hội thảo", "diễn đàn", "tọa đàm", "toạ đàm", "gặp mặt", "gặp gỡ", "đối thoại",
                  "giao ban", "phiên làm việc", "buổi làm việc", "kết nối doanh nghiệp"), 30_000_000, 3_000_000_000),
    ActivityKind("dao_tao", "lớp bồi dưỡng, tập huấn, đào tạo",
                 ("lớp", "bồi dưỡng", "tập huấn", "đào tạo", "khóa học", "khoá học", "khóa đào tạo",
                  "khoá đào tạo", "biệt phái", "luân chuyển", "thực tập"), 20_000_000, 1_500_000_000),
    ActivityKind("an_pham", "ấn phẩm, video, trang thông tin, tài liệu quảng bá",
                 ("ấn phẩm", "video", "phim", "website", "trang thông tin", "cổng thông tin", "tài liệu", "cẩm nang",
                  "sách ảnh", "bản tin", "tờ gấp", "clip", "mạng xã hội", "bản đồ số"), 20_000_000, 1_500_000_000),
    ActivityKind("van_ban", "văn bản, chương trình, kế hoạch, danh mục, đề án",
                 ("chương trình hành động", "kế hoạch", "danh mục", "đề án", "quy chế", "văn bản", "nghị quyết",
                  "chỉ thị", "báo cáo", "bộ tiêu chí", "quy định"), 10_000_000, 800_000_000),
    ActivityKind("tiep_don", "đón đoàn, khảo sát, famtrip, làm việc với đối tác",
                 ("đón", "tiếp đoàn", "khảo sát", "famtrip", "làm việc với", "tiếp xúc", "thăm", "ký kết",
                  "ký", "kết nghĩa"), 20_000_000, 2_000_000_000),
    # Casework of citizen protection (focus area 6, pillar 4): receiving citizens in trouble abroad, helping
    # their families bring them home. It is concrete work, though no event or delegation is held.
    ActivityKind("bao_ho", "tiếp nhận, bảo hộ công dân, hỗ trợ đưa công dân về nước",
                 ("bảo hộ công dân", "bảo hộ lãnh sự", "tiếp nhận công dân", "tiếp nhận", "đưa công dân về nước",
                  "đưa về nước", "về nước an toàn", "hồi hương", "giải cứu", "hỗ trợ công dân", "công dân bị lừa",
                  "lao động bị lừa", "nạn nhân mua bán người", "xác minh nhân thân", "trợ giúp pháp lý"),
                 10_000_000, 1_000_000_000),
)
ANY_KIND = ActivityKind("khac", "hoạt động khác", (), 10_000_000, 5_000_000_000)
_KIND_CUES = tuple((k, tuple(fold(c) for c in k.cues)) for k in ACTIVITY_KINDS)


def activity_kind(title: str | None, description: str | None) -> ActivityKind | None:
    """The kind of an activity, judged from its title first, then its description; None if none fits."""
    for text in (title, description):
        folded = fold(text)
        if not folded:
            continue
        for kind, cues in _KIND_CUES:
            if any(contains_phrase(folded, c) for c in cues):
                return kind
    # A title that is a promotion held somewhere ("XTĐT Huế tại Bangkok", "Xúc tiến thương mại tại Osaka"),
    # when nothing above fits: the trade's name of a promotion conference.
    if _PROMOTION_HELD.search(fold(title)):
        return next(k for k in ACTIVITY_KINDS if k.id == "hoi_nghi")
    return None


_PROMOTION_HELD = re.compile(r"^(?:xuc tien (?:dau tu|thuong mai|du lich)|xtdt|xttm)\b.*\b(?:tai|o)\b")


def budget_bounds(kind: ActivityKind | None) -> tuple[int, int]:
    k = kind or ANY_KIND
    return k.min_budget, k.max_budget
