"""The proposal (“đặt hàng”) criteria: fields, dates, indicators, concreteness and tags of one proposal."""

from __future__ import annotations

from functools import lru_cache

from grader.checks._common import (
    MAX_FOCUS_AREAS,
    MAX_PILLARS,
    _day,
    _f,
    _label,
    _period_ok,
    _result,
    _unread,
    names_any,
)
from grader.checks.indicators import indicator_score
from grader.period import current as current_period
from grader.plan import Proposal
from grader.results import CheckResult, Finding
from grader.substance import (
    MAX_SLOGAN_SHARE,
    MAX_UNKNOWN_RUN,
    MIN_FLUENCY,
    boilerplate,
    copies,
    cues,
    lexicon,
    places,
    plausibility,
    reading,
)
from grader.substance.text import fold, real_words

PROPOSAL_FIELDS = 11


def check_proposal_fields(p: Proposal) -> CheckResult:
    """Every field of the proposal is filled in; request and expected result are in real words."""
    findings = list(p.problems)
    gaps = [k for k, v in (("dia_phuong", real_words(p.locality)), ("gui_den", p.recipient),
                           ("thi_truong", real_words(p.market)), ("loai_ho_tro", p.support),
                           ("linh_vuc", p.focus_areas), ("tru_cot", p.pillars), ("bat_dau", p.start),
                           ("ket_thuc", p.end), ("chi_so", p.indicators)) if not v]
    if len(real_words(p.request)) < 8:
        gaps.append("noi_dung")
    if len(real_words(p.expected_result)) < 8:
        gaps.append("ket_qua_mong_doi")
    said = [k for k in gaps if not _unread(p, k)]
    if said:
        findings.append(_f("checks.proposal_missing", fields=", ".join(_label(k) for k in said)))
    return _result("truong_bat_buoc", PROPOSAL_FIELDS - len(gaps), PROPOSAL_FIELDS, findings)


def proposal_counts(p: Proposal) -> bool:
    """The request and expected result say something: real words of the trade, not slogans, not a salad,
    put together as Vietnamese sentences (word order), not a list of names, and naming or counting something.

    Only such a proposal earns credit for its dates, indicators, tags and content."""
    return proposal_why_not(p) is None


def proposal_why_not(p: Proposal) -> str | None:
    """The catalogue key saying why the proposal earns nothing (None when it counts)."""
    text = f"{p.request or ''} {p.expected_result or ''}"
    if not _proposal_text_counts(text, copies.enforced()):
        return "substance.proposal_not_counted"
    if reading.content_of(p.request).list_of_names:
        return "substance.proposal_names_only"
    if any(reading.content_of(t).salad for t in (p.request, p.expected_result)):
        return "substance.proposal_word_order"
    order = reading.read_all((p.request, p.expected_result, *(i.metric for i in p.indicators)))
    if not (reading.proposal_reads(order, p.request, p.expected_result)):
        return "substance.proposal_word_order"
    request = p.request or ""
    if not (places.places_in(request) or places.organisations_in(request) or any(c.isdigit() for c in request)):
        return "substance.proposal_generic"
    return None


@lru_cache(maxsize=256)
def _proposal_text_counts(text: str, copy_rule: bool) -> bool:
    """:func:`proposal_counts` of a proposal's request + expected result (cached: four criteria ask)."""
    analysis = boilerplate.analyse(text)
    names = tuple(places.places_in(text)) + tuple(places.organisations_in(text))
    folded = fold(text)
    topical = plausibility.activity_kind(None, text) is not None or any(
        cues.focus_area_supported(n, folded) for n in cues.FOCUS_AREA_CUES)
    return (len(real_words(text)) >= 8 and analysis.share <= MAX_SLOGAN_SHARE and len(analysis.rest) >= 6
            and lexicon.fluency(text, names) >= MIN_FLUENCY and topical
            and lexicon.longest_unknown_run(text, names) <= MAX_UNKNOWN_RUN
            and not (copy_rule and copies.is_course_copy(text)))


def proposal_copied(p: Proposal) -> bool:
    """The request and expected result repeat the course's example proposal (discounted at grading)."""
    return copies.enforced() and copies.is_course_copy(f"{p.request or ''} {p.expected_result or ''}")


MIN_PROPOSAL_INDICATORS = 2  # one for the support received, one for the result for the province


def check_proposal_indicators(p: Proposal) -> CheckResult:
    """Two or more indicators, plausible, measurable, due inside the period and tied to the request."""
    if not p.indicators:
        return _result("chi_so_do_duoc", 0, 1, [] if _unread(p, "chi_so") else [_f("checks.proposal_no_indicator")])
    if not proposal_counts(p):
        return _result("chi_so_do_duoc", 0, 1, [_f(proposal_why_not(p) or "substance.proposal_not_counted")])
    context = f"{p.request or ''} {p.expected_result or ''} {p.market or ''}"
    scores = [indicator_score(ind, i, p.start, p.end, None, context) for i, ind in enumerate(p.indicators, 1)]
    findings = [f for _, fs in scores for f in fs]
    if len(scores) < MIN_PROPOSAL_INDICATORS:
        findings.append(_f("substance.proposal_few_indicators", minimum=MIN_PROPOSAL_INDICATORS))
    return _result("chi_so_do_duoc", sum(s for s, _ in scores), max(len(scores), MIN_PROPOSAL_INDICATORS), findings)


def check_proposal_dates(p: Proposal) -> CheckResult:
    """The proposal's period is valid and plausible (inside the course's plan period, at most two years)."""
    if not _period_ok(p):
        said = p.start is None and _unread(p, "bat_dau") or p.end is None and _unread(p, "ket_thuc")
        return _result("ngay_hop_le", 0, 1, [] if said else [_f("checks.period_invalid")])
    assert p.start is not None and p.end is not None
    period = current_period()
    if p.start < period.start or p.end > period.end or (p.end - p.start).days > 2 * 366:
        return _result("ngay_hop_le", 0, 1, [_f("substance.proposal_period_implausible", start=_day(period.start),
                                                 end=_day(period.end))])
    if not proposal_counts(p):
        return _result("ngay_hop_le", 0, 1, [_f(proposal_why_not(p) or "substance.proposal_not_counted")])
    return _result("ngay_hop_le", 1, 1, [])


ASKING_WORDS = ("cung cấp", "giới thiệu", "kết nối", "tư vấn", "hỗ trợ", "danh sách", "thông tin về", "tổ chức",
                "mời", "đặt gian hàng", "làm cầu nối", "thiết lập", "tìm", "xác minh", "chia sẻ")


def proposal_concreteness(p: Proposal) -> tuple[float, list[Finding]]:
    """Six equal parts: what is asked, of whom by name, for which market, with a detail (a number, a city, a
    date), in words of its own, and a result with a number."""
    text = f"{p.request or ''} {p.expected_result or ''}"
    if len(real_words(text)) < 8:
        return 0.0, [_f("substance.proposal_no_real_words")]
    if proposal_copied(p):
        return 0.0, [_f("substance.proposal_course_copy")]
    why = proposal_why_not(p)
    if why is not None:
        return 0.0, [_f("substance.proposal_slogans" if why == "substance.proposal_not_counted" else why)]
    request = reading.expand(p.request or "")  # "ĐSQ VN tại Úc gửi DS ..." is asked of a mission, for a list
    folded = fold(request)
    checks_ = (
        (names_any(folded, ASKING_WORDS) or plausibility.activity_kind(None, request) is not None,
         "substance.proposal_no_what"),
        (bool(places.organisations_in(request) and any(
            names_any(fold(o), ("dai su quan", "lanh su", "co quan dai dien", "thuong vu", "bo ngoai giao",
                                "cuc ngoai vu", "hoc vien ngoai giao", "uy ban nha nuoc"))
            for o in places.organisations_in(request))), "substance.proposal_no_whom"),
        (bool(places.places_in(request)), "substance.proposal_no_where"),
        (any(c.isdigit() for c in request) or len(places.places_in(request)) >= 2, "substance.proposal_no_detail"),
        (True, ""),
        (any(c.isdigit() for c in p.expected_result or ""), "substance.proposal_result_vague"),
    )
    findings = [_f(key) for ok, key in checks_ if not ok]
    return sum(ok for ok, _ in checks_) / len(checks_), findings


def check_proposal_concrete(p: Proposal) -> CheckResult:
    """The request says what is asked, of whom, for which market, in detail and in own words, with a
    measurable result."""
    score, findings = proposal_concreteness(p)
    return _result("noi_dung_cu_the", score, 1, findings)


def check_proposal_tags(p: Proposal) -> CheckResult:
    """The proposal's focus areas and pillars are supported by what it asks."""
    claimed = len(p.focus_areas) + len(p.pillars)
    if not claimed:
        return _result("linh_vuc_tru_cot_dat_hang", 0, 1, [_f("substance.proposal_no_tags")])
    if not proposal_counts(p):
        return _result("linh_vuc_tru_cot_dat_hang", 0, 1, [_f(proposal_why_not(p) or "substance.proposal_not_counted")])
    text = boilerplate.without_slogans(reading.expand(f"{p.request or ''} {p.expected_result or ''} {p.market or ''}"))
    findings: list[Finding] = []
    supported = 0
    for n in p.focus_areas:
        if cues.focus_area_supported(n, text):
            supported += 1
        else:
            findings.append(_f("substance.proposal_focus_unsupported", number=n, cues=cues.cue_words("linh_vuc", n)))
    for n in p.pillars:
        if cues.pillar_supported(n, text):
            supported += 1
        else:
            findings.append(_f("substance.proposal_pillar_unsupported", number=n, cues=cues.cue_words("tru_cot", n)))
    score = supported / claimed
    if len(p.focus_areas) > MAX_FOCUS_AREAS or len(p.pillars) > MAX_PILLARS:
        findings.append(_f("substance.proposal_too_many_tags"))
        score /= 2
    return _result("linh_vuc_tru_cot_dat_hang", score, 1, findings)
