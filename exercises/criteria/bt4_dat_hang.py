"""Hidden criteria of exercise 4 ("đặt hàng"): instructor side only, loaded by the grading path.

- ho_tro_phu_hop (2): the support asked fits the recipient and is what the request describes. Article 001
  (focus area 4): the Ministry AND the missions abroad provide information, policy advice ("tư vấn chính
  sách"), help to set up economic and twinning relations, and join promotion and connection; article 003
  (item ii) adds information on the rules and new standards of international economic cooperation to the
  Ministry's support, and no article says a mission may not give it (issue 20): every kind of support may
  be asked of either. A mission is asked about its own market, so the request names it.
- thi_truong_cu_the (1): the market is a real country, region or foreign locality (not "các thị trường
  tiềm năng", "nước ngoài"), and the request is about it.
- ket_qua_do_duoc (1): the expected result is measurable (a number) and says what the province gets
  (investors, visitors, contracts, projects, partners, ...).
A proposal whose request is slogans, a salad of words or no words earns nothing here.
No focus area or pillar is required: the task allows any request (issue 14 item 8).
"""

from __future__ import annotations

import re

from grader import checks
from grader.assignments.plan_criteria import hidden
from grader.plan import Proposal
from grader.results import CheckResult, Finding, Gate
from grader.substance import places

# What each recipient may be asked for, as far as the articles say: the Ministry and the missions together
# (articles 000 and 001) and the Ministry's own lines of support (article 003, "Ba là"), which include the
# missions' kinds and the rules and standards; no article keeps any kind from the missions.
_EVERY_SUPPORT = frozenset({"thong_tin", "quy_tac_tieu_chuan", "tu_van_chinh_sach", "ket_nghia_doi_tac",
                            "quang_ba_ket_noi"})
SUPPORT_BY_RECIPIENT = {"co_quan_dai_dien": _EVERY_SUPPORT, "bo_ngoai_giao": _EVERY_SUPPORT}
# What a request says when it asks for each kind of support.
SUPPORT_WORDS = {
    "thong_tin": ("thông tin", "danh sách", "dữ liệu", "số liệu", "báo cáo", "tình hình", "nhu cầu", "giới thiệu"),
    "quy_tac_tieu_chuan": ("quy tắc", "tiêu chuẩn", "quy định", "xu hướng", "chứng nhận", "quản trị", "rào cản"),
    "tu_van_chinh_sach": ("tư vấn", "chính sách", "kinh nghiệm", "mô hình", "cơ chế", "góp ý"),
    "ket_nghia_doi_tac": ("kết nghĩa", "hữu nghị", "đối tác", "tập đoàn", "tổ chức quốc tế", "hiệp hội",
                          "thiết lập quan hệ", "ghi nhớ", "thỏa thuận", "thoả thuận"),
    "quang_ba_ket_noi": ("quảng bá", "kết nối", "xúc tiến", "hội chợ", "triển lãm", "sự kiện", "giới thiệu",
                         "giao lưu", "gặp gỡ", "hội nghị", "tọa đàm", "toạ đàm", "diễn đàn"),
}


def _f(key: str, **params: object) -> Finding:
    return Finding(f"hidden.bt4.{key}", params)


RESULT_WORDS = ("nhà đầu tư", "doanh nghiệp", "du khách", "khách", "lượt", "hợp đồng", "dự án", "tour", "đường bay",
                "biên bản", "thỏa thuận", "thoả thuận", "đối tác", "xuất khẩu", "quy chế", "lao động", "học bổng",
                "gian hàng", "sản phẩm", "vốn", "kết nghĩa", "hãng")


def check_support(p: Proposal) -> CheckResult:
    if not checks.proposal_counts(p):
        return checks.result("ho_tro_phu_hop", 0, 1, [_f("not_counted")])
    if not p.recipient or not p.support:
        return checks.result("ho_tro_phu_hop", 0, 1, [_f("support_missing")])
    text = checks.fold_text(f"{p.request or ''} {p.expected_result or ''}")
    allowed = SUPPORT_BY_RECIPIENT.get(p.recipient, frozenset())
    fits = sum(s in allowed for s in p.support) / len(p.support)
    described = sum(checks.names_any(text, SUPPORT_WORDS.get(s, ())) for s in p.support) / len(p.support)
    findings = []
    if fits < 1:
        findings.append(_f("support_recipient"))
    if described < 1:
        findings.append(_f("support_undescribed"))
    parts = [fits, described]
    if p.recipient == "co_quan_dai_dien":
        about = f"{p.request or ''} {p.expected_result or ''}"
        local = places.is_market(p.market) and places.same_market(p.market, about)
        parts.append(float(local))
        if not local:
            findings.append(_f("support_market"))
    return checks.result("ho_tro_phu_hop", sum(parts), len(parts), findings)


def check_market(p: Proposal) -> CheckResult:
    if not checks.proposal_counts(p):
        return checks.result("thi_truong_cu_the", 0, 1, [_f("not_counted")])
    if not places.is_market(p.market):
        return checks.result("thi_truong_cu_the", 0, 1, [_f("market", market=p.market or "—")])
    mentioned = places.same_market(p.market, f"{p.request or ''} {p.expected_result or ''}")
    return checks.result("thi_truong_cu_the", 1 if mentioned else 0.5, 1, [] if mentioned else [_f("market_unused")])


def check_result(p: Proposal) -> CheckResult:
    if not checks.proposal_counts(p):
        return checks.result("ket_qua_do_duoc", 0, 1, [_f("not_counted")])
    result = p.expected_result or ""
    measurable = any(c.isdigit() for c in result)
    for_province = checks.names_any(checks.fold_text(result), RESULT_WORDS)
    findings = [] if measurable and for_province else [_f("result")]
    return checks.result("ket_qua_do_duoc", measurable + for_province, 2, findings)


TASK_CAP = 0.15  # a proposal that is not a request the recipient can grant earns at most this share
# Who the request's own words address, by the recipient named on "Gửi đến".
ADDRESSEES = {
    "co_quan_dai_dien": ("đại sứ quán", "tổng lãnh sự quán", "lãnh sự quán", "cơ quan đại diện", "thương vụ",
                         "phái đoàn", "văn phòng thương mại", "đại sứ", "tổng lãnh sự"),
    "bo_ngoai_giao": ("bộ ngoại giao", "cục ngoại vụ", "cục lãnh sự", "vụ ", "học viện ngoại giao", "ủy ban nhà nước",
                      "uỷ ban nhà nước", "cục ", "bộ "),
}
# What neither the Ministry nor a mission grants a province (article 001: they inform, advise, connect and
# promote; they do not fund, license or decide for it).
CANNOT_GRANT = ("cấp vốn", "cấp kinh phí", "tài trợ kinh phí", "hỗ trợ kinh phí", "chi trả", "phê duyệt", "cấp phép",
                "giấy phép", "miễn thuế", "giảm thuế", "bố trí ngân sách", "giải ngân", "cấp đất", "giao đất",
                "quyết định đầu tư", "bảo lãnh vốn", "cho vay",
                # decisions that belong to the host country, not to a mission (quotas, exams, visas)
                "tăng chỉ tiêu", "chỉ tiêu tiếp nhận", "hạn ngạch", "miễn kỳ thi", "miễn thi", "miễn thị thực",
                "cấp thị thực", "cấp visa", "quyết định tăng", "quyết định cho phép")
# ... read from what the request asks the recipient to DO, not only from a list of phrases: bear a cost (a verb of
# paying with a cost after it: "trả tiền vé máy bay", "chịu toàn bộ chi phí", "thanh toán khách sạn và vé"), or act
# in the province's place (sign, decide, commit for it: "thay tỉnh ký hợp đồng", "ký thay mặt tỉnh"). Article 001:
# the Ministry and the missions inform, advise, connect and promote, and remind the province to follow up the
# commitments IT signed; they neither fund it nor sign for it. The province paying its own way ("tỉnh tự chi trả")
# is no such request.
PAYING = ("chi trả", "thanh toán", "đài thọ", "tài trợ", "trả", "chịu", "gánh", "cấp", "chi")
COSTS = ("tiền", "chi phí", "kinh phí", "vé", "phí", "ngân sách", "vốn", "khách sạn")
FOR_PROVINCE = ("tỉnh", "thành phố", "địa phương", "sở", "ủy ban", "uỷ ban", "doanh nghiệp")
ACTING = ("ký", "quyết định", "cam kết", "đàm phán", "phê duyệt", "đứng tên")
OWN_WAY = ("tự", "tỉnh", "sẽ", "chi")  # just before the verb: the province pays (or signs) itself


def _patterns(form) -> tuple[re.Pattern[str], ...]:  # noqa: ANN001 - form: str -> str (as written, or folded)
    def alt(words: tuple[str, ...]) -> str:
        return "(?:" + "|".join(re.escape(form(w)) for w in sorted(words, key=len, reverse=True)) + ")"

    supply, cost = re.escape(form("cung")), re.escape(form("phí"))
    about = "|".join(re.escape(form(w)) for w in ("về", "thông"))
    pay = rf"(?<!\w)(?<!{supply} ){alt(PAYING)}(?! {cost}\b)"
    return (
        re.compile(rf"{pay}(?: (?!{about})\w+){{0,2}}? {alt(COSTS)}(?!\w)"),
        re.compile(rf"(?<!\w){form('thay')}(?: {form('mặt')})?(?: {form('cho')})? {alt(FOR_PROVINCE)}"
                   rf"(?: \w+){{0,4}}? {alt(ACTING)}(?!\w)"),
        re.compile(rf"(?<!\w){alt(ACTING)}(?: \w+){{0,6}}? {form('thay')}(?: {form('mặt')}| {form('cho')})+ "
                   rf"{alt(FOR_PROVINCE)}(?!\w)"),
    )


def ungrantable(request: str | None) -> str | None:
    """The words of ``request`` that ask the recipient to bear a cost or to act in the province's place, as
    written; a text typed without diacritics is read folded."""
    from grader.substance.text import fold, has_marks, nfc

    written = " ".join(nfc(request or "").split())
    marked = has_marks(written)
    text = written.casefold() if marked else fold(written)
    form = str.casefold if marked else fold
    own = {form(w) for w in OWN_WAY}
    for pattern in _patterns(form):
        for m in pattern.finditer(text):
            if own & set(text[:m.start()].split()[-2:]):
                continue  # "tỉnh tự chi trả", "doanh nghiệp sẽ chịu chi phí": the province's own way
            return written[m.start():m.end()] if len(written) == len(text) else m.group(0)
    return None


# Words that make a sentence a request (a report or a statement of results is not one).
ASKING = ("đề nghị", "kính đề nghị", "đặt hàng", "nhờ", "kính mong", "mong", "đề xuất", "xin cung cấp",
          "xin giới thiệu", "xin hỗ trợ", "xin kết nối", "xin tư vấn", "giúp tỉnh", "hỗ trợ tỉnh")
MISSION = ("đại sứ quán việt nam tại", "tổng lãnh sự quán việt nam tại", "lãnh sự quán việt nam tại",
           "thương vụ việt nam tại", "đại sứ quán tại", "tổng lãnh sự quán tại", "thương vụ tại",
           "cơ quan đại diện việt nam tại", "văn phòng kinh tế và văn hoá việt nam tại",
           "văn phòng kinh tế và văn hóa việt nam tại")


def mission_places(request: str | None) -> list[str]:
    """The places the missions named in the request are in, as written ("Đại sứ quán Việt Nam tại Nhật Bản" ->
    "Nhật Bản", "Thương vụ Việt Nam tại UAE" -> "UAE")."""
    from grader.substance.text import nfc

    def after(lowered: str, source: str, leads: tuple[str, ...]) -> list[str]:
        out = []
        for lead in leads:
            key = f" {lead} "
            start = 0
            while (at := lowered.find(key, start)) >= 0:
                start = at + len(key)
                window = source[start:start + 60]
                found = places.places_in(window)
                if found:
                    out.append(places.as_written(window, found[0]))
        return out

    # The place is read as written (UAE, USA are told by their capitals), after the mission's words found
    # case-blind with their diacritics; a text typed without diacritics is read folded.
    written = f" {nfc(request or '')} "
    lowered = written.casefold()
    found = after(lowered, written, MISSION) if len(lowered) == len(written) else []
    if found:
        return found
    folded = f" {checks.fold_text(request)} "
    return after(folded, folded, tuple(checks.fold_text(m) for m in MISSION))


def _says_any(text: str, words: tuple[str, ...]) -> bool:
    """``text`` holds one of ``words`` as written, with its diacritics ("nhờ" is not "ghi nhớ"); a text typed
    without diacritics is compared folded."""
    from grader.substance.text import has_marks, nfc

    if not has_marks(text):
        return checks.names_any(checks.fold_text(text), words)
    low = nfc(text).casefold()
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in words)


def task_gate(p: Proposal) -> Gate:
    """Is the proposal a request the named recipient can grant, read from the request's own words?"""
    request = checks.fold_text(p.request)
    if not request:
        return Gate()  # nothing written: the criteria already earn nothing
    asks = _says_any(p.request or "", ASKING)
    own = checks.names_any(request, ADDRESSEES.get(p.recipient or "", ()))
    other = next((r for r in ADDRESSEES if r != p.recipient and checks.names_any(request, ADDRESSEES[r][:6])), None)
    refused = [w for w in CANNOT_GRANT if checks.names_any(request, (w,))]
    if not refused and (asked := ungrantable(p.request)):
        refused = [asked]
    if not asks:
        return Gate(TASK_CAP, (_f("gate_not_request"),))
    if refused:
        return Gate(TASK_CAP, (_f("gate_cannot_grant", what=refused[0]),))
    if p.recipient and not own and other is not None:
        return Gate(TASK_CAP, (_f("gate_wrong_recipient"),))
    if p.recipient == "co_quan_dai_dien" and places.is_market(p.market):
        posts = mission_places(p.request)
        if posts and not any(places.same_market(p.market, post) for post in posts):
            return Gate(TASK_CAP, (_f("gate_wrong_mission", market=p.market or "—"),))
    if places.countries_meant(p.market) and places.countries_meant(p.request) \
            and not places.same_market(p.market, p.request):
        about = ", ".join(sorted({places.as_written(p.request or "", n) for n in places.places_in(p.request)}))
        return Gate(TASK_CAP, (_f("gate_other_market", market=p.market or "—", places=about),))
    return Gate()


GATE = task_gate


CRITERIA = (
    hidden("ho_tro_phu_hop", check_support, 2, title_key="hidden.bt4.crit.ho_tro_phu_hop"),
    hidden("thi_truong_cu_the", check_market, 1, title_key="hidden.bt4.crit.thi_truong_cu_the"),
    hidden("ket_qua_do_duoc", check_result, 1, title_key="hidden.bt4.crit.ket_qua_do_duoc"),
)

MESSAGES = {
    "hidden.bt4.gate_not_request": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề bài yêu cầu một đề nghị (đặt hàng) gửi Bộ Ngoại giao hoặc một cơ "
              "quan đại diện, nói rõ đề nghị nơi nhận làm gì cho tỉnh (cung cấp thông tin, tư vấn, giới thiệu, kết "
              "nối, quảng bá); phần “Nội dung” chưa phải một lời đề nghị như vậy.",
        "en": "This criterion's points are capped: the exercise asks for a request (đặt hàng) to the Ministry or a "
              "mission saying what the recipient is asked to do for the province (information, advice, "
              "introductions, connections, promotion); “Nội dung” is not such a request."},
    "hidden.bt4.gate_cannot_grant": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề nghị “{what}” không thuộc việc Bộ Ngoại giao hay cơ quan đại diện "
              "làm cho tỉnh. Theo bài nguồn, các cơ quan này cung cấp thông tin, tư vấn chính sách, giúp thiết lập "
              "quan hệ, tham gia xúc tiến, kết nối; hãy đặt hàng những việc đó.",
        "en": "This criterion's points are capped: asking for “{what}” is not something the Ministry or a mission "
              "does for a province. Per the sources they provide information and policy advice, help set up "
              "relations and join promotion and connection; ask for those."},
    "hidden.bt4.gate_wrong_mission": {
        "vi": "Điểm của tiêu chí này bị giới hạn: đề nghị gửi một cơ quan đại diện ở nước khác với thị trường "
              "“{market}”. Cơ quan đại diện giúp tỉnh ở chính địa bàn của mình; hãy gửi cơ quan đại diện tại "
              "thị trường đó.",
        "en": "This criterion's points are capped: the request goes to a mission in a country other than the market "
              "“{market}”. A mission helps on its own ground; address the mission in that market."},
    "hidden.bt4.gate_other_market": {
        "vi": "Điểm của tiêu chí này bị giới hạn: phần “Nội dung” đề nghị việc ở {places}, không phải ở thị trường "
              "“{market}” mà đề xuất chọn. Lời đề nghị, thị trường và kết quả mong đợi phải nói về cùng một nơi.",
        "en": "This criterion's points are capped: “Nội dung” asks for work in {places}, not in the market "
              "“{market}” the proposal names. The request, the market and the expected result must be about one "
              "place."},
    "hidden.bt4.gate_wrong_recipient": {
        "vi": "Điểm của tiêu chí này bị giới hạn: dòng “Gửi đến” và phần “Nội dung” nói tới hai nơi nhận khác nhau; "
              "đề nghị phải gửi đúng cơ quan sẽ làm việc đó.",
        "en": "This criterion's points are capped: “Gửi đến” and “Nội dung” name different recipients; the request "
              "must go to the body that will do the work."},
    "hidden.bt4.crit.ho_tro_phu_hop": {"vi": "Loại hỗ trợ đề nghị phù hợp với nơi nhận và với nội dung đặt hàng",
                                       "en": "The support asked fits the recipient and the request"},
    "hidden.bt4.crit.thi_truong_cu_the": {"vi": "Thị trường mục tiêu là một nước, vùng hay địa phương cụ thể",
                                          "en": "The target market is a real country, region or locality"},
    "hidden.bt4.crit.ket_qua_do_duoc": {"vi": "Kết quả mong đợi đo được và nói rõ tỉnh nhận được gì",
                                        "en": "The expected result is measurable and says what the province gets"},
    "hidden.bt4.support_missing": {
        "vi": "Đặt hàng chưa ghi gửi đến đâu hoặc chưa ghi loại hỗ trợ cần.",
        "en": "The proposal does not say where it is sent or which support it needs."},
    "hidden.bt4.support_recipient": {
        "vi": "Có loại hỗ trợ mà bài nguồn không nói nơi nhận này hỗ trợ địa phương: hãy chọn trong các loại hỗ trợ "
              "của mẫu đặt hàng.",
        "en": "Some support asked is not one the sources say this recipient gives localities: choose among the "
              "kinds of the proposal template."},
    "hidden.bt4.support_undescribed": {
        "vi": "Phần “Nội dung” chưa nói rõ cần hỗ trợ đúng loại đã chọn (ví dụ chọn “thông tin” thì nói cần thông tin "
              "gì; chọn “quảng bá, kết nối” thì nói sự kiện, đối tác nào).",
        "en": "“Nội dung” does not describe the kinds of support chosen (e.g. which information; which event "
              "or partner)."},
    "hidden.bt4.support_market": {
        "vi": "Một cơ quan đại diện làm tốt việc gắn với nước nơi họ làm việc: phần “Nội dung” cần nói rõ việc ở thị "
              "trường đó.",
        "en": "A mission abroad helps with its host country: “Nội dung” should be about that market."},
    "hidden.bt4.market": {
        "vi": "“{market}” chưa phải một thị trường cụ thể: hãy ghi tên một nước, một vùng (ví dụ Trung Đông) hay "
              "một thành phố nước ngoài.",
        "en": "“{market}” is not a concrete market: name a country, a region (e.g. the Middle East) or a "
              "foreign city."},
    "hidden.bt4.market_unused": {
        "vi": "Phần “Nội dung” và “Kết quả mong đợi” chưa nói gì về thị trường đã chọn.",
        "en": "“Nội dung” and “Kết quả mong đợi” say nothing about the market chosen."},
    "hidden.bt4.result": {
        "vi": "“Kết quả mong đợi” cần một con số và nói rõ tỉnh nhận được gì (nhà đầu tư, du khách, hợp đồng, dự "
              "án, đối tác...).",
        "en": "“Kết quả mong đợi” needs a number and what the province gets (investors, visitors, contracts, "
              "projects, partners...)."},
    "hidden.bt4.not_counted": {
        "vi": "Phần “Nội dung” và “Kết quả mong đợi” chưa nói việc cụ thể (cần câu chữ có nghĩa, không chỉ khẩu "
              "hiệu), nên tiêu chí này chưa được tính.",
        "en": "“Nội dung” and “Kết quả mong đợi” describe no concrete request (meaningful words, not slogans), "
              "so this criterion earns nothing."},
}
