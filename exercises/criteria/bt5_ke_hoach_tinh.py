"""Hidden criteria of exercise 5 (capstone plan): instructor side only, loaded by the grading path.

- ky_han (1): the plan period lies within the course's plan period (grader.period, the trainer's setting) and
  lasts at least six months, as the exercise's visible text says.
- dia_phuong (1): the province is a real province or centrally governed city of Vietnam.
- bao_phu_linh_vuc (3): each of the 7 focus areas is served by its own concrete activity whose words support it.
- bao_phu_tru_cot (2): each of the 4 pillars is served by a concrete activity whose words support it.
- du_hoat_dong (1): at least 7 distinct, concrete activities, each with a sound indicator.
- cam_ket_co_theo_doi (1): an activity that signs commitments follows them up in time.

GATE (the task comes first): the capstone asks for the plan of a named province of Vietnam covering the seven
focus areas. A plan whose locality is not a province or centrally governed city, or whose concrete activities
serve at most NARROW focus areas, earns at most TASK_CAP of every criterion; one serving fewer than WIDE earns
at most PARTIAL_CAP.
"""

from __future__ import annotations

from grader import checks, period
from grader.assignments.plan_criteria import hidden
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding, Gate
from grader.substance import places, profile

MIN_ACTIVITIES = 7
COMMITMENT = ("biên bản", "ghi nhớ", "cam kết", "thỏa thuận", "thoả thuận", "hợp đồng", "dự án", "nhà đầu tư",
              "đối tác", "đã ký", "ký kết", "kết nghĩa")


def _f(key: str, **params: object) -> Finding:
    return Finding(f"hidden.bt5.{key}", params)


def check_period(plan: Plan) -> CheckResult:
    course = period.current()
    result = checks.check_dates(plan, rules=checks.PlanRules(course.start, course.end, 1))
    problems = [f for f in result.findings if f.key in ("substance.period_outside", "checks.period_invalid")]
    unread = plan.start is None or plan.end is None
    return checks.result("ky_han", int(not problems and not unread), 1, problems)


def check_province(plan: Plan) -> CheckResult:
    ok = places.is_province(plan.locality)
    return checks.result("dia_phuong", int(ok), 1, [] if ok else [_f("province", name=plan.locality or "—")])


def check_focus_coverage(plan: Plan) -> CheckResult:
    result = checks.check_coverage(plan, focus_areas=range(1, 8), criterion="bao_phu_linh_vuc", distinct=True)
    return checks.result("bao_phu_linh_vuc", result.earned, 1, result.findings)


def check_pillar_coverage(plan: Plan) -> CheckResult:
    result = checks.check_coverage(plan, pillars=range(1, 5), criterion="bao_phu_tru_cot")
    return checks.result("bao_phu_tru_cot", result.earned, 1, result.findings)


def _sound(a: Activity, plan: Plan) -> bool:
    return checks.concreteness(a)[0] >= 0.75 and checks.best_indicator(a, plan) >= 0.75


def check_enough(plan: Plan) -> CheckResult:
    sound = [a for a in checks.substantive_activities(plan) if _sound(a, plan)]
    count = min(len(sound), MIN_ACTIVITIES)
    findings = [] if count >= MIN_ACTIVITIES else [_f("enough", count=len(sound), minimum=MIN_ACTIVITIES)]
    return checks.result("du_hoat_dong", count, MIN_ACTIVITIES, findings)


def check_commitments(plan: Plan) -> CheckResult:
    score, _ = checks.best_activity(plan, lambda a: checks.commitment_follow_up(a, plan, COMMITMENT))
    return checks.result("cam_ket_co_theo_doi", score, 1, [] if score >= 1 else [_f("follow_up")])


TASK_CAP, PARTIAL_CAP = 0.15, 0.75
NARROW, WIDE = 2, 5  # focus areas served by concrete activities: at most NARROW is another task; WIDE answers it


def _served_focus_areas(plan: Plan) -> set[int]:
    """Focus areas an activity that reads as real work serves, named or not (a plan that names nobody is
    vague, which the plan's own gate caps; it is not another task)."""
    return {n for a in plan.activities if profile(a).meaningful and not profile(a).boilerplate
            for n in a.focus_areas if checks.tag_supported(a, focus_area=n)}


def task_gate(plan: Plan) -> Gate:
    """Does the plan answer the capstone: one named province, the seven focus areas?"""
    if not places.is_province(plan.locality):
        return Gate(TASK_CAP, (_f("gate_province", name=plan.locality or "—"),))
    elsewhere = checks.works_elsewhere(plan)
    if elsewhere:
        return Gate(TASK_CAP, (_f("gate_elsewhere", name=plan.locality or "—",
                                  activities=", ".join(str(a.number) for a in elsewhere)),))
    served = _served_focus_areas(plan)
    if len(served) <= NARROW:
        return Gate(TASK_CAP, (_f("gate_narrow", count=len(served)),))
    if len(served) < WIDE:
        return Gate(PARTIAL_CAP, (_f("gate_narrow", count=len(served)),))
    return Gate()


GATE = task_gate


def _crit(key: str, check: object, points: int) -> object:
    return hidden(key, check, points, title_key=f"hidden.bt5.crit.{key}")  # type: ignore[arg-type]


CRITERIA = (
    _crit("ky_han", check_period, 1),
    _crit("dia_phuong", check_province, 1),
    _crit("bao_phu_linh_vuc", check_focus_coverage, 3),
    _crit("bao_phu_tru_cot", check_pillar_coverage, 2),
    _crit("du_hoat_dong", check_enough, 1),
    _crit("cam_ket_co_theo_doi", check_commitments, 1),
)

MESSAGES = {
    "hidden.bt5.gate_province": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề bài yêu cầu kế hoạch đối ngoại của một tỉnh, thành phố của Việt "
              "Nam, ghi tên ở dòng “Địa phương” (bài làm ghi “{name}”).",
        "en": "This criterion's points are capped: the exercise asks for the plan of one province or city of "
              "Vietnam, named on the “Địa phương” line (this answer says “{name}”)."},
    "hidden.bt5.gate_elsewhere": {
        "vi": "Điểm của tiêu chí này bị giới hạn: kế hoạch ghi địa phương là “{name}”, nhưng các hoạt động "
              "{activities} diễn ra ở tỉnh, thành phố khác. Đề bài yêu cầu kế hoạch của chính tỉnh đã ghi.",
        "en": "This criterion's points are capped: the plan names “{name}” as its locality, but activities "
              "{activities} take place in another province. The exercise asks for the plan of the province named."},
    "hidden.bt5.gate_narrow": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề bài yêu cầu kế hoạch bao quát đủ 7 nội dung trọng tâm của đối "
              "ngoại địa phương, nhưng các hoạt động cụ thể mới phục vụ {count} nội dung.",
        "en": "This criterion's points are capped: the exercise asks for a plan covering the 7 focus areas of "
              "local foreign affairs; its concrete activities serve only {count}."},
    "hidden.bt5.crit.ky_han": {"vi": "Kế hoạch đúng thời gian đề bài yêu cầu",
                               "en": "The plan covers the period the exercise sets"},
    "hidden.bt5.crit.dia_phuong": {"vi": "Kế hoạch dành cho một tỉnh, thành phố có thật của Việt Nam",
                                   "en": "The plan is for a real province or city of Viet Nam"},
    "hidden.bt5.crit.bao_phu_linh_vuc": {"vi": "Mỗi nội dung trọng tâm có hoạt động cụ thể riêng",
                                         "en": "Each focus area has its own concrete activity"},
    "hidden.bt5.crit.bao_phu_tru_cot": {"vi": "Mỗi trụ cột có hoạt động cụ thể",
                                        "en": "Each pillar has a concrete activity"},
    "hidden.bt5.crit.du_hoat_dong": {"vi": "Có đủ số hoạt động cụ thể, khác nhau, đo được",
                                     "en": "Has enough concrete, distinct, measurable activities"},
    "hidden.bt5.crit.cam_ket_co_theo_doi": {"vi": "Có ký kết cam kết và có kế hoạch theo đuổi cam kết",
                                            "en": "Signs commitments and plans their follow-up"},
    "hidden.bt5.province": {
        "vi": "“{name}” chưa phải tên một tỉnh, thành phố của Việt Nam. Hãy ghi đúng tên tỉnh (ví dụ “Hà Tĩnh”, "
              "“Thừa Thiên Huế”).",
        "en": "“{name}” is not the name of a province or city of Viet Nam. Write the province's name."},
    "hidden.bt5.enough": {
        "vi": "Mới có {count} hoạt động cụ thể (làm gì, với ai, ở đâu) có chỉ số đo được; kế hoạch cần ít nhất "
              "{minimum} hoạt động như vậy, khác nhau.",
        "en": "Only {count} concrete activities (what, with whom, where) have a measurable indicator; the plan "
              "needs at least {minimum} distinct ones."},
    "hidden.bt5.follow_up": {
        "vi": "Chưa có hoạt động ký kết nào có việc theo đuổi đúng nghĩa: việc cụ thể về chính các cam kết đã ký, "
              "hạn sau khi hoạt động kết thúc và trước khi kế hoạch kết thúc.",
        "en": "No signing activity has real follow-up: concrete actions on the signed commitments, due after the "
              "activity ends and before the plan ends."},
}
