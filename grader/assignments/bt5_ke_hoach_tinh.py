"""Exercise 5 (capstone): a province's local foreign-affairs plan for 2024-2025.

Answer variable: ``ke_hoach`` (see :mod:`grader.plan`). Criteria (points):

public — truong_bat_buoc (2), ngay_hop_le (1), chi_so_do_duoc (2), linh_vuc_tru_cot_hop_le (2),
doi_tac_thuc_chat (1), hoat_dong_khac_biet (2), ngan_sach (1), theo_doi_cam_ket (1), muc_tieu (1);
hidden — ky_han (1): the period is 2024-01-01 to 2025-12-31; bao_phu_linh_vuc (3): substantive activities
cover all 7 focus areas; bao_phu_tru_cot (2): and all 4 pillars; du_hoat_dong (1): at least 7 substantive,
distinct, measurable activities; cam_ket_co_theo_doi (1): at least one signing activity with follow-up.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from grader import checks
from grader.assignments import Assignment
from grader.assignments.plan_criteria import generic_plan_criteria, hidden, parse

ASSIGNMENT = Assignment(
    id="bt5_ke_hoach_tinh",
    title_key="assignment.bt5_ke_hoach_tinh",
    answer_variable="ke_hoach",
    parse=parse,
    criteria=generic_plan_criteria() + (
        hidden("ky_han", partial(checks.check_period, start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31)), 1),
        hidden("bao_phu_linh_vuc", partial(checks.check_coverage, focus_areas=range(1, 8)), 3),
        hidden("bao_phu_tru_cot", partial(checks.check_coverage, pillars=range(1, 5)), 2),
        hidden("du_hoat_dong", partial(
            checks.check_has_activity, criterion="du_hoat_dong", message="checks.hidden_too_few", min_count=7), 1),
        hidden("cam_ket_co_theo_doi", partial(
            checks.check_has_activity, criterion="cam_ket_co_theo_doi", message="checks.hidden_unmet",
            signs=True), 1),
    ),
)
