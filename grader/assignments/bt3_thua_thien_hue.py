"""Exercise 3: an action plan for Thừa Thiên Huế to attract investors and international tourists.

Answer variable: ``ke_hoach`` (see :mod:`grader.plan`). Criteria (points):

public — truong_bat_buoc (2), ngay_hop_le (1), chi_so_do_duoc (2), linh_vuc_tru_cot_hop_le (2),
doi_tac_thuc_chat (1), hoat_dong_khac_biet (2), ngan_sach (1), theo_doi_cam_ket (1), muc_tieu (1);
hidden — dia_phuong (1): the plan is for Thừa Thiên Huế; bao_phu (2): substantive activities cover focus
areas 3 and 4 and pillars 2 and 3; hoat_dong_dau_tu (2): a measurable investment activity (focus area 3,
pillar 2) with foreign businesses or business associations; hoat_dong_du_lich_di_san (2): a measurable
activity of cultural diplomacy (pillar 3) promoting the province abroad with the missions, foreign localities
or international organisations; cam_ket_co_theo_doi (2): at least one activity signs commitments and has
proper follow-up (the lesson of article 001).
"""

from __future__ import annotations

from functools import partial

from grader import checks
from grader.assignments import Assignment
from grader.assignments.plan_criteria import generic_plan_criteria, hidden, parse

ASSIGNMENT = Assignment(
    id="bt3_thua_thien_hue",
    title_key="assignment.bt3_thua_thien_hue",
    answer_variable="ke_hoach",
    parse=parse,
    criteria=generic_plan_criteria() + (
        hidden("dia_phuong", partial(checks.check_locality, expected="Thừa Thiên Huế"), 1),
        hidden("bao_phu", partial(checks.check_coverage, focus_areas=(3, 4), pillars=(2, 3)), 2),
        hidden("hoat_dong_dau_tu", partial(
            checks.check_has_activity, criterion="hoat_dong_dau_tu", message="checks.hidden_unmet",
            focus_area=3, pillar=2, partners=frozenset({"doanh_nghiep_nuoc_ngoai", "hiep_hoi_doanh_nghiep"})), 2),
        hidden("hoat_dong_du_lich_di_san", partial(
            checks.check_has_activity, criterion="hoat_dong_du_lich_di_san", message="checks.hidden_unmet",
            pillar=3, partners=frozenset({"co_quan_dai_dien", "dia_phuong_nuoc_ngoai", "to_chuc_quoc_te"})), 2),
        hidden("cam_ket_co_theo_doi", partial(
            checks.check_has_activity, criterion="cam_ket_co_theo_doi", message="checks.hidden_unmet",
            signs=True), 2),
    ),
)
