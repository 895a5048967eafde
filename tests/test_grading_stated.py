"""Every requirement grading checks is stated in the exercise's visible text (issue 20).

For each exercise, every criterion the grader applies (public and hidden, once the instructor-side criteria
are loaded) and every task gate has its statement in what the trainee reads before writing: the markdown cells
that are not answer cells. The figures a rule uses (how many activities, the budget cap, the caps of a gate,
the focus areas a gate counts) are read from the code that applies them, so a rule changed in the code and not
in the text fails here. A criterion added without a statement fails too (the table must name every criterion).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

from grader import assignments
from grader.assignments import bt3_thua_thien_hue as bt3
from grader.assignments import bt5_ke_hoach_tinh as bt5

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "exercises" / "source"
CRITERIA = ROOT / "exercises" / "criteria"


@cache
def _criteria_module(aid: str) -> ModuleType:
    """The instructor-side criteria file, read for the constants its rules use (not registered as criteria)."""
    name = f"_stated_{aid}"
    spec = importlib.util.spec_from_file_location(name, CRITERIA / f"{aid}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses in the file look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def visible_text(aid: str) -> str:
    """What the trainee reads in the released exercise: markdown cells other than the written answers."""
    nb = nbformat.read(SOURCE / aid / f"{aid}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells
                      if c.cell_type == "markdown" and not c.metadata.get("nbgrader", {}).get("solution"))
    return re.sub(r"[ \t]*\n[ \t]*(?![-|#\d*])", " ", text)  # a sentence wrapped over lines reads as one


# The plan exercises share their public criteria (grader.assignments.plan_criteria.generic_plan_criteria).
PLAN_PUBLIC = {
    "truong_bat_buoc": ("điền đủ các trường",),
    "ngay_hop_le": ("hoạt động nằm trong thời gian của kế hoạch",),
    "chi_so_do_duoc": ("**chỉ số đo được**", "hạn trong thời gian kế hoạch"),
    "linh_vuc_tru_cot_hop_le": ("nội dung trọng tâm, trụ cột hợp lệ và khớp với đối tác",
                                "phải khớp với điều phần mô tả nói"),
    "doi_tac_thuc_chat": ("tối đa 4 loại",),
    "hoat_dong_cu_the": ("**làm gì**", "**với ai**", "**ở đâu**"),
    "chi_tiet": ("khoảng 18 từ trở lên",),
    "hoat_dong_khac_biet": ("các hoạt động khác nhau thật sự",),
    "ngan_sach": ("kinh phí từng hoạt động cộng lại đúng bằng tổng kinh phí",),
    "theo_doi_cam_ket": ("phải có việc **theo đuổi cam kết**", "có hạn sau khi hoạt động kết thúc"),
    "muc_tieu": ("có ít nhất hai mục tiêu rõ ràng",),
}
COMMITMENT_HELD = ("Ít nhất một hoạt động có ký kết", "có việc theo đuổi chính những cam kết ấy")


def _stated() -> dict[str, dict[str, tuple[str, ...]]]:
    bt2 = _criteria_module("bt2_doc_nguon")
    return {
        "bt1_phan_loai": {
            "day_du": ("1 điểm cho việc điền đủ và đúng dạng",),
            **{key: (f'`"{key}"`', "9 điểm cho việc phân loại đúng sáu hoạt động")
               for key in ("dau_tu_hue", "di_san_hue", "kieu_bao_hue", "gap_go", "danh_muc_du_an", "nghi_quyet_34")},
        },
        "bt2_doc_nguon": {
            "day_du": ("1 điểm cho việc điền đủ và đúng dạng",),
            "so_lieu_hoi_nghi_18": tuple(f'`"{key}"`' for key in bt2.FIGURES_18) + ("bài 004",),
            "so_lieu_hoi_nghi_21": tuple(f'`"{key}"`' for key in bt2.FIGURES_21),
            "luot_can_bo": ('`"luot_la_so_nguoi_khac_nhau"`', "**người khác nhau**"),
            "danh_sach_cau_1_3": ("## Phần B. Câu này thuộc danh sách nào?", "1. “", "2. “", "3. “"),
            "danh_sach_cau_4_6": ("## Phần B. Câu này thuộc danh sách nào?", "4. “", "5. “", "6. “"),
            "nguoi_noi": ('(`"nguoi"`', "Người nói:"),
            "dip_phat_bieu": ('(`"dip"`', "Dịp phát biểu:"),
        },
        "bt3_thua_thien_hue": {
            **PLAN_PUBLIC,
            "ngay_hop_le": ("hoạt động nằm trong thời gian của kế hoạch", "kéo dài ít nhất sáu tháng"),
            "ngan_sach": PLAN_PUBLIC["ngan_sach"] + (f"Tổng kinh phí không quá {_money(bt3.MAX_TOTAL_BUDGET)}",),
            "hoat_dong_cu_the": PLAN_PUBLIC["hoat_dong_cu_the"] + (f"Cần ít nhất **{bt3.MIN_ACTIVITIES} hoạt động**",),
            "dia_phuong": ("“Thành phố Huế” hoặc “Thừa Thiên Huế”",),
            "bao_phu": ("**nội dung trọng tâm 3**", "**nội dung trọng tâm 4**", "**trụ cột 2**",
                        "ghi trụ cột 2 hay trụ cột 3 đều được"),
            "hoat_dong_dau_tu": ("ít nhất một **hoạt động thu hút đầu tư**", "có chỉ số đo được"),
            "hoat_dong_du_lich_di_san": ("ít nhất một **hoạt động quảng bá di sản, du lịch**",),
            "cam_ket_co_theo_doi": COMMITMENT_HELD,
        },
        "bt4_dat_hang": {
            "truong_bat_buoc_dat_hang": ("Điền đủ mọi mục của mẫu", "mỗi phần viết ít nhất 8 từ có nghĩa"),
            "ngay_hop_le_dat_hang": ("Thời gian của đề xuất nằm trong thời gian kế hoạch của khoá học",),
            "chi_so_dat_hang": ("Ít nhất hai chỉ số",),
            "noi_dung_cu_the": ("**cần hỗ trợ việc gì**", "**nơi nhận**", "**thị trường nào**"),
            "linh_vuc_tru_cot_dat_hang": ("Nội dung trọng tâm và trụ cột ghi cho đặt hàng phải khớp",),
            "ho_tro_phu_hop": ("Mục “Loại hỗ trợ” ghi đúng những việc phần “Nội dung” đề nghị",
                               "gửi một cơ quan đại diện thì đề nghị việc ở chính nước nơi cơ quan ấy làm việc"),
            "thi_truong_cu_the": ("Mục “Thị trường” là một nước, vùng hay địa phương nước ngoài cụ thể",
                                  "phần “Nội dung” nói về chính thị trường ấy"),
            "ket_qua_do_duoc": ("“Kết quả mong đợi” đo được và nói rõ tỉnh nhận được gì", "có con số"),
        },
        "bt5_ke_hoach_tinh": {
            **PLAN_PUBLIC,
            "ngan_sach": PLAN_PUBLIC["ngan_sach"] + (f"Tổng kinh phí không quá {_money(bt5.MAX_TOTAL_BUDGET)}",),
            "hoat_dong_cu_the": PLAN_PUBLIC["hoat_dong_cu_the"] + (f"Cần ít nhất **{bt5.MIN_ACTIVITIES} hoạt động**",),
            "ky_han": ("nằm trong giai đoạn {{ky_nam}}", "kéo dài ít nhất sáu tháng"),
            "dia_phuong": ("tên một tỉnh hay thành phố trực thuộc trung ương của Việt Nam",),
            "bao_phu_linh_vuc": ("**đủ 7 nội dung trọng tâm**", "Mỗi nội dung trọng tâm (từ 1 đến 7) có ít nhất "
                                 "một hoạt động cụ thể **của riêng nó**"),
            "bao_phu_tru_cot": ("**đủ 4 trụ cột**", "mỗi trụ cột (từ 1 đến 4) có ít nhất một hoạt động cụ thể"),
            "du_hoat_dong": (f"Cần ít nhất **{_criteria_module('bt5_ke_hoach_tinh').MIN_ACTIVITIES} hoạt động** "
                             "thực chất, khác nhau, mỗi hoạt động có chỉ số đo được",),
            "cam_ket_co_theo_doi": COMMITMENT_HELD,
        },
    }


def _gates() -> dict[str, tuple[str, ...]]:
    """What each exercise's task gate caps, in the words the trainee reads, with the caps the code applies."""
    bt3c, bt4c, bt5c = (_criteria_module(a) for a in ("bt3_thua_thien_hue", "bt4_dat_hang", "bt5_ke_hoach_tinh"))
    elsewhere = "quá nửa số hoạt động diễn ra ở một tỉnh, thành phố khác"
    return {
        "bt3_thua_thien_hue": (
            f"Kế hoạch cho địa phương khác, hay kế hoạch mà {elsewhere}, chỉ được tối đa {_percent(bt3c.TASK_CAP)}",
            f"Kế hoạch không làm việc nào trong hai việc ấy chỉ được tối đa {_percent(bt3c.TASK_CAP)}",
            f"chỉ làm một trong hai việc được tối đa {_percent(bt3c.PARTIAL_CAP)}",
        ),
        "bt4_dat_hang": (
            "Đặt hàng là một lời đề nghị",
            "không cấp vốn, cấp phép",
            "không quyết định thay nước sở tại",
            "ghi gửi một nơi mà nội dung lại đề nghị nơi khác",
            "gửi cơ quan đại diện ở một nước khác với thị trường",
            "đề nghị việc ở một nước khác với nước ghi ở mục “Thị trường”",
            f"chỉ được tối đa {_percent(bt4c.TASK_CAP)} số điểm",
        ),
        "bt5_ke_hoach_tinh": (
            f"không phải của một tỉnh, thành phố của Việt Nam, hay kế hoạch mà {elsewhere}, "
            f"chỉ được tối đa {_percent(bt5c.TASK_CAP)}",
            f"chỉ phục vụ {bt5c.NARROW} nội dung trọng tâm trở xuống chỉ được tối đa {_percent(bt5c.TASK_CAP)}",
            f"phục vụ dưới {bt5c.WIDE} nội dung trọng tâm thì được tối đa {_percent(bt5c.PARTIAL_CAP)}",
        ),
    }


EXERCISES = ("bt1_phan_loai", "bt2_doc_nguon", "bt3_thua_thien_hue", "bt4_dat_hang", "bt5_ke_hoach_tinh")


@pytest.fixture(scope="module")
def applied() -> dict[str, tuple[str, ...]]:
    """The criteria grading applies to each exercise, hidden ones included."""
    assignments.load_hidden(CRITERIA)
    try:
        return {aid: tuple(c.key for c in assignments.get(aid).criteria) for aid in EXERCISES}
    finally:
        assignments.unload_hidden()


@pytest.mark.parametrize("aid", EXERCISES)
def test_every_criterion_grading_applies_has_its_statement(aid, applied):
    stated = _stated()[aid]
    assert set(applied[aid]) == set(stated), "a criterion without its statement, or a statement of no criterion"
    text = visible_text(aid)
    missing = {key: [p for p in phrases if p not in text] for key, phrases in stated.items()}
    missing = {k: v for k, v in missing.items() if v}
    assert not missing, f"{aid}: grading checks what the exercise does not say: {missing}"


@pytest.mark.parametrize("aid", sorted(_gates()))
def test_every_task_gate_is_stated_with_its_caps(aid):
    assert _criteria_module(aid).GATE is not None
    text = visible_text(aid)
    missing = [p for p in _gates()[aid] if p not in text]
    assert not missing, f"{aid}: the task gate caps what the exercise does not say: {missing}"


def test_the_hidden_criteria_files_are_the_ones_stated():
    """Every exercise with hidden criteria is covered here, and nothing else sits in the criteria folder."""
    assert {p.stem for p in CRITERIA.glob("bt*.py")} == set(EXERCISES)


@pytest.mark.parametrize("aid", ["bt3_thua_thien_hue", "bt5_ke_hoach_tinh"])
def test_the_plan_gates_applied_only_at_grading_are_stated_with_their_caps(aid):
    """The copy and retelling gates apply when the plan is submitted, not in the self-check: the exercise says so,
    with the cap the code applies."""
    from grader.checks import gates

    text = visible_text(aid)
    assert gates.MIN_RETOLD_SHARE == 0.5  # "một nửa" below
    for phrase in ("Hoạt động chép gần như nguyên văn từ ví dụ của khoá học",
                   "chỉ kể lại tình huống của các bài nguồn bằng lời khác",
                   "từ một nửa số hoạt động trở lên",
                   f"chỉ được tối đa {_percent(gates.RETOLD_CAP)} số điểm của mỗi tiêu chí, và giảng viên sẽ đọc lại"):
        assert phrase in text, (aid, phrase)
