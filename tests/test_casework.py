"""Citizen-protection casework is concrete work (issue 20): receiving citizens tricked into labour abroad and
helping their families bring them home says what is done, though no conference or delegation is held."""

from __future__ import annotations

from pathlib import Path

from grader.checks import concreteness
from grader.plan import read_plan
from grader.substance import plausibility

CALIBRATION = Path(__file__).resolve().parent / "calibration"
OLD = ("Hoạt động 6: Gặp mặt kiều bào Hà Tĩnh tại Hàn Quốc và hỗ trợ bảo hộ lao động\n"
       "Mô tả: Phối hợp Đại sứ quán Việt Nam tại Hàn Quốc tổ chức gặp mặt kiều bào và lao động Hà Tĩnh ở Seoul, giới "
       "thiệu đường dây nóng bảo hộ công dân và mời doanh nhân kiều bào về đầu tư")
CASEWORK = ("Hoạt động 6: Hỗ trợ công dân Hà Tĩnh bị lừa sang lao động ở Campuchia\n"
            "Mô tả: Phối hợp Đại sứ quán Việt Nam tại Campuchia và Công an tỉnh tiếp nhận 30 công dân Hà Tĩnh bị lừa "
            "sang làm việc trái phép ở Svay Rieng, hướng dẫn gia đình làm thủ tục và đưa họ về nước an toàn")


def test_casework_has_a_kind_and_a_budget():
    kind = plausibility.activity_kind(None, CASEWORK.split("Mô tả: ")[1])
    assert kind is not None and kind.id == "bao_ho"
    assert plausibility.budget_bounds(kind) == (10_000_000, 1_000_000_000)


def test_a_citizen_protection_case_is_not_told_it_does_no_concrete_work():
    """Kind of defect: “does not say what concrete work it will do (hội nghị, đoàn công tác…)”."""
    text = (CALIBRATION / "bt5" / "strong_1_ha_tinh.txt").read_text(encoding="utf-8")
    assert OLD in text
    plan = read_plan(text.replace(OLD, CASEWORK))
    activity = next(a for a in plan.activities if "Campuchia" in (a.title or ""))
    score, findings = concreteness(activity)
    assert "substance.no_what" not in {f.key for f in findings}
    assert score == 1.0, [f.text() for f in findings]


def test_the_exercises_state_every_kind_of_activity_and_its_budget():
    from grader.vn_values import format_amount

    root = Path(__file__).resolve().parent.parent / "exercises" / "source"
    for name in ("bt3_thua_thien_hue", "bt5_ke_hoach_tinh"):
        text = (root / name / f"{name}.ipynb").read_text(encoding="utf-8")
        for kind in plausibility.ACTIVITY_KINDS:
            low, high = plausibility.budget_bounds(kind)
            row = f"| {kind.label} | {format_amount(low)} | {format_amount(high)} |"
            assert row in text, (name, row)
