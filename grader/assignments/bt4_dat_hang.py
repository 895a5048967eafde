"""Exercise 4: a "đặt hàng" proposal from a province to the Ministry or a representative mission.

Answer variable: ``dat_hang`` (see :class:`grader.plan.Proposal`). Public criteria: every field filled in
with real words, a plausible period, two or more measurable indicators tied to the request, a concrete
request (what, of whom, which market, a detail, own words, a measurable result), focus areas and pillars
supported by the request. A request of slogans or of no real words earns nothing but its fields.
Further criteria are applied at grading (instructor side).
"""

from __future__ import annotations

from grader import checks
from grader.assignments import Assignment
from grader.assignments.plan_criteria import public
from grader.checks.gates import proposal_gate
from grader.plan import read_proposal

ASSIGNMENT = Assignment(
    id="bt4_dat_hang",
    title_key="assignment.bt4_dat_hang",
    answer_variable="dat_hang",
    parse=read_proposal,
    criteria=(
        public("truong_bat_buoc_dat_hang", checks.check_proposal_fields, 1),
        public("ngay_hop_le_dat_hang", checks.check_proposal_dates, 1),
        public("chi_so_dat_hang", checks.check_proposal_indicators, 2),
        public("noi_dung_cu_the", checks.check_proposal_concrete, 3),
        public("linh_vuc_tru_cot_dat_hang", checks.check_proposal_tags, 1),
    ),
    gate=proposal_gate,
    hidden_at_grading=True,  # instructor-side criteria (exercises/criteria) are applied at grading
)
