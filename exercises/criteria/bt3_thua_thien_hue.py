"""Hidden criteria of exercise 3 (Thừa Thiên Huế): instructor side only, loaded by the grading path.

- dia_phuong (1): the plan is for Thừa Thiên Huế (also written "Huế", "Thành phố Huế").
- bao_phu (2): concrete activities whose own words support them serve focus areas 3 and 4 and pillar 2
  (heritage tourism may be filed under pillar 2 or 3: bt1 accepts both for the same Huế activity).
- hoat_dong_dau_tu (2): an investment activity names investment, the investors, and a foreign market, in
  some detail, with a measurable indicator.
- hoat_dong_du_lich_di_san (2): a heritage or tourism activity names the heritage or tourism work and a
  foreign market, concretely and in some detail, with a measurable indicator.
- cam_ket_co_theo_doi (2): an activity that signs commitments follows them up after it ends, before the
  plan ends, with actions about the commitments themselves and someone who does them.

GATE (the task comes first): a plan for another locality, or a plan for Huế that neither attracts investment
nor promotes heritage tourism, earns at most TASK_CAP of every criterion; a plan that does only one of the two
earns at most PARTIAL_CAP. Investment and tourism are read with their direction: an activity whose own words
send Huế's firms to invest abroad, or take Huế's residents touring abroad (:func:`outward`), does not do that
part of the task, which brings investors and tourists TO Huế.
"""

from __future__ import annotations

import re

from grader import checks
from grader.assignments.plan_criteria import hidden
from grader.plan import Activity, Plan
from grader.results import CheckResult, Finding, Gate
from grader.substance import places, profile
from grader.substance.text import fold

ID = "bt3_thua_thien_hue"
LOCALITY_NAMES = ("Thừa Thiên Huế", "Huế")
INVESTMENT = ("đầu tư", "nhà đầu tư", "dự án", "fdi", "khu công nghiệp", "vốn", "xúc tiến đầu tư")
INVESTORS = ("nhà đầu tư", "doanh nghiệp", "tập đoàn", "công ty", "quỹ đầu tư", "hiệp hội", "jetro", "kotra",
             "phòng thương mại", "amcham", "eurocham", "kocham")
# Heritage or tourism promotion ("du lịch" alone is not enough: an investment conference may list tourism projects).
HERITAGE_TOURISM = ("di sản", "unesco", "cố đô", "đại nội", "kinh thành", "lăng", "nhã nhạc", "festival huế",
                    "di tích", "lữ hành", "tour", "du khách", "khách du lịch", "quảng bá du lịch", "du lịch di sản",
                    "famtrip", "ẩm thực huế", "áo dài", "văn hóa huế", "văn hoá huế", "lễ hội")
COMMITMENT = ("biên bản", "ghi nhớ", "cam kết", "thỏa thuận", "thoả thuận", "hợp đồng", "dự án", "nhà đầu tư",
              "đối tác", "đã ký", "ký kết")


def _f(key: str, **params: object) -> Finding:
    return Finding(f"hidden.bt3.{key}", params)


def check_locality(plan: Plan) -> CheckResult:
    name = checks.fold_text(plan.locality)
    for prefix in ("tinh ", "thanh pho ", "tp "):
        name = name.removeprefix(prefix)
    ok = name in {checks.fold_text(n) for n in LOCALITY_NAMES}
    return checks.result("dia_phuong", int(ok), 1, [] if ok else [_f("locality")])


def check_coverage(plan: Plan) -> CheckResult:
    result = checks.check_coverage(plan, focus_areas=(3, 4), pillars=(2,), criterion="bao_phu")
    heritage = any(checks.names_any(checks.activity_text(a), HERITAGE_TOURISM)
                   and (checks.tag_supported(a, pillar=2) or checks.tag_supported(a, pillar=3))
                   for a in checks.substantive_activities(plan))
    earned = result.earned * 3 + int(heritage)
    findings = list(result.findings) + ([] if heritage else [_f("coverage_heritage")])
    return checks.result("bao_phu", earned, 4, findings)


def _investment(a: Activity, plan: Plan) -> float:
    text = checks.activity_text(a)
    parts = [checks.names_any(text, INVESTMENT), checks.names_any(text, INVESTORS), checks.names_market(a),
             profile(a).detailed]
    return (sum(parts) + checks.best_indicator(a, plan)) / 5


def check_investment(plan: Plan) -> CheckResult:
    score, _ = checks.best_activity(plan, lambda a: _investment(a, plan))
    return checks.result("hoat_dong_dau_tu", score, 1, [] if score >= 1 else [_f("investment")])


def _heritage(a: Activity, plan: Plan) -> float:
    text = checks.activity_text(a)
    parts = [checks.names_any(text, HERITAGE_TOURISM), checks.names_market(a), checks.concreteness(a)[0] >= 0.75,
             profile(a).detailed]
    return (sum(parts) + checks.best_indicator(a, plan)) / 5


def check_heritage_tourism(plan: Plan) -> CheckResult:
    score, _ = checks.best_activity(plan, lambda a: _heritage(a, plan))
    return checks.result("hoat_dong_du_lich_di_san", score, 1, [] if score >= 1 else [_f("heritage")])


def check_commitments(plan: Plan) -> CheckResult:
    score, _ = checks.best_activity(plan, lambda a: checks.commitment_follow_up(a, plan, COMMITMENT))
    return checks.result("cam_ket_co_theo_doi", score, 1, [] if score >= 1 else [_f("follow_up")])


# Direction (the task brings investors and tourists TO Huế): who invests where, who tours where.
OWN_ACTORS = r"(?:doanh nghiep|cong ty|nha dau tu|hang lu hanh|hang)"  # ... of the locality ("của Huế", "của tỉnh")
OWN_PEOPLE = r"(?:du khach|khach|nguoi dan|nguoi cao tuoi|nguoi|hoi vien|cong dan)"  # "người dân Huế", not "khách sạn"
INWARD_FRAMES = ("nha", "xuc tien", "thu hut", "keu goi")  # "nhà đầu tư", "thu hút đầu tư tại ...": not a direction
TOURING = re.compile(r"\b(?:tour|tham quan|du lich)\b")


def _home_pattern(locality: str | None) -> str:
    return "|".join(sorted(map(re.escape, places.home_names(locality)), key=len, reverse=True)) or "(?!)"


def _invests_abroad(text: str) -> bool:
    """"đầu tư" as the verb, its object placed abroad: "đầu tư nhà máy tại Savannakhet", "đầu tư vào Campuchia",
    "cơ hội đầu tư vào nông nghiệp ở Siem Reap"; not "thu hút đầu tư", "nhà đầu tư tại Tokyo", "diễn đàn đầu tư
    tại Osaka" (where an event about investment is held) or "đầu tư vào Huế"."""
    words = text.split()
    folded = [fold(w) for w in words]
    for i in range(len(folded) - 1):
        if (folded[i], folded[i + 1].strip(",.;:")) != ("dau", "tu"):
            continue
        if any(" ".join(folded[max(0, i - 2):i]).endswith(frame) for frame in INWARD_FRAMES):
            continue
        for j in range(i + 2, min(len(words), i + 11)):
            if words[j - 1][-1:] in ",.;:":
                break
            if folded[j] not in ("tai", "vao", "o", "sang"):
                continue
            if j == i + 2 and folded[j] in ("tai", "o"):
                break
            after = [" ".join(words[j + 1:j + 1 + n]).strip(",.;:()") for n in (4, 3, 2, 1)]
            if any(span and places.is_market(span) for span in after):
                return True
            if places.provinces_in(after[0]):
                break
    return False


def outward(a: Activity, locality: str | None) -> bool:
    """The activity's own words (title, description) send the locality's firms to invest abroad, or take its
    residents touring abroad: the locality's own firms or people are named ("doanh nghiệp của Huế", "người dân
    Huế") and the investment or the tour is placed in a foreign country or city."""
    text = f"{a.title or ''}. {a.description or ''}"
    folded = fold(text)
    home = _home_pattern(locality)
    own = rf"(?:cua )?(?:(?:tinh|thanh pho) )?(?:{home})\b"
    if (re.search(rf"\b{OWN_ACTORS}(?: \w+){{0,2}} (?:{own}|cua (?:tinh|thanh pho)\b)", folded)
            and _invests_abroad(text)):
        return True
    return bool(re.search(rf"\b{OWN_PEOPLE} {own}", folded) and TOURING.search(folded)
                and (places.countries_in(text) or places.foreign_localities_in(text) or places.regions_in(text)))


TASK_CAP = 0.15  # a plan for another task earns at most this share of each criterion
PARTIAL_CAP = 0.75  # a plan doing half the task (investment or heritage tourism, not both)
MIN_PART = 0.5  # an investment or heritage activity scoring this much (of 1) does that part of the task


def task_gate(plan: Plan) -> Gate:
    """Does the plan answer the exercise: Thừa Thiên Huế (Huế), its investment AND its heritage tourism?"""
    if check_locality(plan).earned < 1:
        return Gate(TASK_CAP, (_f("gate_locality", locality=plan.locality or "—"),))
    elsewhere = checks.works_elsewhere(plan)
    if elsewhere:
        return Gate(TASK_CAP, (_f("gate_elsewhere", activities=", ".join(str(a.number) for a in elsewhere)),))
    acts = checks.substantive_activities(plan)
    away = [a for a in acts if outward(a, plan.locality)]  # investment and tourism going out of Huế
    acts = [a for a in acts if a not in away]
    investment = max((_investment(a, plan) for a in acts), default=0.0) >= MIN_PART and any(
        checks.names_any(checks.activity_text(a), INVESTMENT) and checks.names_any(checks.activity_text(a), INVESTORS)
        for a in acts)
    heritage = max((_heritage(a, plan) for a in acts), default=0.0) >= MIN_PART and any(
        checks.names_any(checks.activity_text(a), HERITAGE_TOURISM) for a in acts)
    if investment and heritage:
        return Gate()
    outgoing = (_f("gate_outward", activities=", ".join(str(a.number) for a in away)),) if away else ()
    if not investment and not heritage:
        return Gate(TASK_CAP, outgoing or (_f("gate_task"),))
    missing = "hoạt động quảng bá di sản, du lịch" if investment else "hoạt động thu hút đầu tư"
    return Gate(PARTIAL_CAP, (_f("gate_half", missing=missing), *outgoing))


GATE = task_gate


def _crit(key: str, check: object, points: int) -> object:
    return hidden(key, check, points, title_key=f"hidden.bt3.crit.{key}")  # type: ignore[arg-type]


CRITERIA = (
    _crit("dia_phuong", check_locality, 1),
    _crit("bao_phu", check_coverage, 2),
    _crit("hoat_dong_dau_tu", check_investment, 2),
    _crit("hoat_dong_du_lich_di_san", check_heritage_tourism, 2),
    _crit("cam_ket_co_theo_doi", check_commitments, 2),
)

MESSAGES = {
    "hidden.bt3.gate_locality": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề bài yêu cầu kế hoạch cho Thừa Thiên Huế (nay là thành phố Huế), "
              "còn bài làm là kế hoạch cho “{locality}”. Một kế hoạch tốt cho địa phương khác chưa trả lời đề bài.",
        "en": "This criterion's points are capped: the exercise asks for a plan for Thừa Thiên Huế (now Huế city); "
              "this plan is for “{locality}”. A good plan for another locality does not answer the exercise."},
    "hidden.bt3.gate_elsewhere": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề bài yêu cầu kế hoạch cho Thừa Thiên Huế (nay là thành phố Huế), "
              "nhưng các hoạt động {activities} diễn ra ở địa phương khác.",
        "en": "This criterion's points are capped: the exercise asks for a plan for Thừa Thiên Huế (now Huế city), "
              "but activities {activities} take place in another locality."},
    "hidden.bt3.gate_task": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề bài yêu cầu kế hoạch thu hút nhà đầu tư và khách du lịch quốc tế "
              "đến Huế (xúc tiến đầu tư, quảng bá di sản, du lịch, theo đuổi các cam kết đã ký), nhưng chưa có hoạt "
              "động cụ thể nào làm việc đó.",
        "en": "This criterion's points are capped: the exercise asks for a plan to bring investors and international "
              "tourists to Huế (investment promotion, heritage and tourism promotion, follow-up of signed "
              "commitments), and no concrete activity does that."},
    "hidden.bt3.gate_outward": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề bài yêu cầu thu hút nhà đầu tư và du khách quốc tế đến Huế, "
              "nhưng các hoạt động {activities} lại đưa doanh nghiệp, người dân của Huế ra nước ngoài đầu tư, du "
              "lịch. Việc ấy có thể có ích nhưng không phải việc đề bài giao.",
        "en": "This criterion's points are capped: the exercise asks to bring investors and international tourists "
              "to Huế, but activities {activities} send Huế's firms and residents abroad to invest or travel. That "
              "may be useful, but it is not the task the exercise sets."},
    "hidden.bt3.gate_half": {
        "vi": "Điểm của tiêu chí này bị giới hạn một phần: đề bài yêu cầu cả thu hút đầu tư và quảng bá di sản, du "
              "lịch của Huế; kế hoạch còn thiếu {missing} cụ thể.",
        "en": "This criterion's points are partly capped: the exercise asks for both investment and heritage "
              "tourism for Huế; the plan lacks a concrete {missing}."},
    "hidden.bt3.crit.dia_phuong": {"vi": "Kế hoạch dành cho đúng địa phương của đề bài",
                          "en": "The plan is for the locality the exercise names"},
    "hidden.bt3.crit.bao_phu": {"vi": "Các hoạt động cụ thể phục vụ đúng các nội dung mà đề bài đặt ra",
                       "en": "Concrete activities serve what the exercise asks for"},
    "hidden.bt3.crit.hoat_dong_dau_tu": {"vi": "Có hoạt động thu hút đầu tư cụ thể",
                                         "en": "Has a concrete investment activity"},
    "hidden.bt3.crit.hoat_dong_du_lich_di_san": {"vi": "Có hoạt động quảng bá di sản, du lịch cụ thể",
                                        "en": "Has a concrete heritage and tourism activity"},
    "hidden.bt3.crit.cam_ket_co_theo_doi": {"vi": "Có ký kết cam kết và có kế hoạch theo đuổi cam kết",
                                   "en": "Signs commitments and plans their follow-up"},
    "hidden.bt3.locality": {
        "vi": "Kế hoạch này phải dành cho tỉnh Thừa Thiên Huế (ghi ở dòng “Địa phương”).",
        "en": "This plan must be for Thừa Thiên Huế (the “Địa phương” line)."},
    "hidden.bt3.coverage_heritage": {
        "vi": "Chưa có hoạt động cụ thể nào quảng bá di sản hay du lịch của Huế (ví dụ 7 di sản được UNESCO vinh "
              "danh) với phần mô tả nói rõ việc đó.",
        "en": "No concrete activity promotes Huế's heritage or tourism (e.g. the 7 UNESCO-honoured heritages) "
              "in words that say so."},
    "hidden.bt3.investment": {
        "vi": "Chưa có hoạt động thu hút đầu tư nói đủ: việc đầu tư hay dự án cụ thể (bao nhiêu, lĩnh vực nào), "
              "nhà đầu tư hay doanh nghiệp nào, ở thị trường (nước, vùng) nào, và một chỉ số đo được kết quả.",
        "en": "No investment activity says all of: the investment or projects, which investors or companies, in "
              "which market (country, region), and a measurable indicator."},
    "hidden.bt3.heritage": {
        "vi": "Chưa có hoạt động di sản, du lịch nói đủ: quảng bá di sản hay sản phẩm du lịch nào, hướng tới thị "
              "trường (nước, vùng) nào, làm cụ thể việc gì, và một chỉ số đo được kết quả.",
        "en": "No heritage or tourism activity says all of: which heritage or tourism product, for which market "
              "(country, region), what concrete work, and a measurable indicator."},
    "hidden.bt3.follow_up": {
        "vi": "Chưa có hoạt động ký kết nào có việc theo đuổi đúng nghĩa: đơn vị nào làm việc cụ thể gì với chính các "
              "cam kết, biên bản đã ký, hạn sau khi hoạt động kết thúc và trước khi kế hoạch kết thúc.",
        "en": "No signing activity has real follow-up: concrete actions on the signed commitments themselves, due "
              "after the activity ends and before the plan ends."},
}
