"""Exercise 4: a "đặt hàng" proposal from a province to the Ministry or a representative mission.

Answer variable: ``dat_hang`` (see :class:`grader.plan.Proposal`). Criteria (points):

public — truong_bat_buoc (2): every field filled in, request and expected result concrete;
ngay_hop_le (1): a valid period; chi_so_do_duoc (2): measurable indicators due inside the period;
hidden — kinh_te_trung_tam (1): the proposal serves economic diplomacy (focus area 3, pillar 2), the centre;
ho_tro_phu_hop (2): the support asked fits the recipient: a representative mission is asked for something
it can do in its host market (information, promotion and connection, twinning and partners), the Ministry
for information, rules and standards or policy advice; thi_truong_cu_the (1): the target market is named
concretely (a country, region or city, not "nước ngoài" or "quốc tế").
"""

from __future__ import annotations

from typing import Any

from grader import checks
from grader.assignments import Assignment
from grader.assignments.plan_criteria import hidden, public
from grader.checks import fold_text
from grader.plan import Proposal, read_proposal
from grader.results import Finding, fraction

# What each recipient can be asked for (ids of grader.plan.SUPPORT_KINDS).
SUPPORT_BY_RECIPIENT = {
    "co_quan_dai_dien": frozenset({"thong_tin", "quang_ba_ket_noi", "ket_nghia_doi_tac"}),
    "bo_ngoai_giao": frozenset({"thong_tin", "quy_tac_tieu_chuan", "tu_van_chinh_sach", "ket_nghia_doi_tac",
                                "quang_ba_ket_noi"}),
}
VAGUE_MARKETS = frozenset({"nuoc ngoai", "quoc te", "the gioi", "cac nuoc", "thi truong moi", "thi truong quoc te"})


def _economic_centre(p: Proposal) -> Any:
    ok = 3 in p.focus_areas and 2 in p.pillars
    return fraction("kinh_te_trung_tam", int(ok), 1, [] if ok else [Finding("checks.hidden_unmet", {"count": 1})])


def _support_fits(p: Proposal) -> Any:
    if not p.recipient or not p.support:
        return fraction("ho_tro_phu_hop", 0, 1, [Finding("checks.hidden_unmet", {"count": 1})])
    allowed = SUPPORT_BY_RECIPIENT[p.recipient]
    good = [s for s in p.support if s in allowed]
    ok = len(good) == len(p.support)
    return fraction("ho_tro_phu_hop", int(ok), 1, [] if ok else [Finding("checks.hidden_unmet", {"count": 1})])


def _market(p: Proposal) -> Any:
    folded = fold_text(p.market)
    ok = bool(folded) and folded not in VAGUE_MARKETS and len(folded) >= 3
    return fraction("thi_truong_cu_the", int(ok), 1, [] if ok else [Finding("checks.hidden_unmet", {"count": 1})])


ASSIGNMENT = Assignment(
    id="bt4_dat_hang",
    title_key="assignment.bt4_dat_hang",
    answer_variable="dat_hang",
    parse=read_proposal,
    criteria=(
        public("truong_bat_buoc_dat_hang", checks.check_proposal_fields, 2),
        public("ngay_hop_le_dat_hang", checks.check_proposal_dates, 1),
        public("chi_so_dat_hang", checks.check_proposal_indicators, 2),
        hidden("kinh_te_trung_tam", _economic_centre, 1),
        hidden("ho_tro_phu_hop", _support_fits, 2),
        hidden("thi_truong_cu_the", _market, 1),
    ),
)
