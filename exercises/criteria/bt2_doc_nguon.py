"""Hidden criteria of exercise 2 (read the sources): instructor side only, loaded by the grading path.

Every key is read from the knowledge base: the figures' values; the list each part-B statement is an item of
(the statement is the item's cited quote without its ordinal; tests check that no other list holds it); the
speaker and occasion of each part-C statement (tests check that the article gives the words to that speaker).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from grader.assignments import bt2_doc_nguon as bt2
from grader.assignments.plan_criteria import hidden
from grader.knowledge import knowledge
from grader.messages import t
from grader.results import CheckResult, Finding, fraction

# Part A: the figures, grouped by the conference that stated them.
FIGURES_18: tuple[str, ...] = ("so_tinh_co_so_ngoai_vu", "van_ban_hop_tac_hai_nam", "luot_can_bo_boi_duong")
FIGURES_21: tuple[str, ...] = ("de_xuat_kien_nghi_dia_phuong", "di_san_unesco_hue")

# Part B: question -> (list, item number) whose cited quote is the statement.
STATEMENTS: dict[str, tuple[str, int]] = {
    "cau_1": ("focus_areas", 5),
    "cau_2": ("bon_nhiem_vu_truong_co_quan_dai_dien", 3),
    "cau_3": ("bay_nhiem_vu_trong_tam_nganh_ngoai_giao", 4),
    "cau_4": ("sau_giai_phap_xay_dung_nganh", 6),
    "cau_5": ("nam_trong_tam_ho_tro_dia_phuong", 3),
    "cau_6": ("focus_areas", 7),
}
LIST_GROUPS: dict[str, tuple[str, ...]] = {
    "danh_sach_cau_1_3": ("cau_1", "cau_2", "cau_3"),
    "danh_sach_cau_4_6": ("cau_4", "cau_5", "cau_6"),
}
_ORDINAL = re.compile(r"^(Thứ (nhất|hai|ba|tư|năm|sáu|bảy)|(Một|Hai|Ba|Bốn|Năm|Sáu|Bảy) là|Cuối cùng( là)?),\s*")


@dataclass(frozen=True)
class WhoQuestion:
    key: str
    article: str  # the article that reports it
    quote: str  # verbatim from that article
    speaker: str
    occasion: str  # event id


def who_questions() -> tuple[WhoQuestion, ...]:
    """Part C: each statement with its article, speaker and occasion (from the knowledge base)."""
    kb = knowledge()
    tre = kb.concept("cay_tre")
    hue = kb.case_study("thua_thien_hue").citations[4]
    return (
        WhoQuestion("cau_7", kb.focus_areas_intro.citation.article, kb.focus_areas_intro.citation.quote,
                    kb.focus_areas_intro.speaker, "hoi_nghi_ngoai_vu_21"),
        WhoQuestion("cau_8", kb.centre.citation.article, kb.centre.citation.quote,
                    kb.pillars_intro.speaker, "giao_nhiem_vu_truong_co_quan_dai_dien"),
        WhoQuestion("cau_9", "004", kb.case_study("hoi_nghi_ngoai_vu_18").citations[3].quote,
                    kb.article("004").speakers[0].name, "hoi_nghi_ngoai_vu_18"),
        WhoQuestion("cau_10", hue.article, hue.quote, str(hue.speaker), "hoi_nghi_ngoai_vu_21"),
        WhoQuestion("cau_11", tre.citation.article, tre.citation.quote, str(tre.citation.speaker),
                    "hoi_nghi_ngoai_vu_21"),
    )


def statement(question: str) -> str:
    """The statement of a part-B question: the list item's quote without its ordinal, capitalised."""
    list_id, number = STATEMENTS[question]
    kb = knowledge()
    if list_id == "focus_areas":
        quote = kb.focus_area(number).citation.quote
    elif list_id == "pillars":
        quote = kb.pillar(number).citation.quote
    else:
        quote = kb.lookalike(list_id).items[number - 1].citation.quote
    text = _ORDINAL.sub("", quote)
    text = text if text.endswith("…") else text.rstrip(".")
    return text[:1].upper() + text[1:]


def keyed_statements() -> tuple[Any, ...]:
    """Part B's key as keyed statements (grader.quizzes.KeyedStatement), for the tests' cross-checks."""
    from grader.quizzes import KeyedStatement

    return tuple(KeyedStatement(f"bt2 {q}", statement(q), "list", frozenset({list_id}), verbatim=True)
                 for q, (list_id, _) in STATEMENTS.items())


def _check_figures(key: str, ids: tuple[str, ...]) -> Callable[[bt2.Answer], CheckResult]:
    def check(answer: bt2.Answer) -> CheckResult:
        findings: list[Finding] = []
        good = 0
        for fid in ids:
            if answer.figures[fid] == knowledge().figure(fid).value:
                good += 1
                continue
            findings.append(Finding("bt2.figure_wrong", {"figure": t(f"bt2.figure.{fid}")}))
            if fid in answer.figure_hints:
                findings.append(answer.figure_hints[fid])
        return fraction(key, good, len(ids), findings)

    return check


def check_luot(answer: bt2.Answer) -> CheckResult:
    """“khoảng 2.000 lượt cán bộ” counts attendances, not distinct people."""
    if answer.luot is False:
        return fraction("luot_can_bo", 1, 1, ())
    return fraction("luot_can_bo", 0, 1, (Finding("bt2.luot_wrong"),))


def _check_lists(key: str, questions: tuple[str, ...]) -> Callable[[bt2.Answer], CheckResult]:
    def check(answer: bt2.Answer) -> CheckResult:
        findings = [Finding("bt2.list_wrong", {"question": bt2._qlabel(q)})
                    for q in questions if bt2.LIST_OPTIONS.get(answer.lists[q] or "") != STATEMENTS[q][0]]
        return fraction(key, len(questions) - len(findings), len(questions), findings)

    return check


def check_speakers(answer: bt2.Answer) -> CheckResult:
    findings = [Finding("bt2.speaker_wrong", {"question": bt2._qlabel(q.key)})
                for q in who_questions() if bt2.SPEAKERS.get(answer.speakers[q.key] or "") != q.speaker]
    return fraction("nguoi_noi", len(bt2.WHO_KEYS) - len(findings), len(bt2.WHO_KEYS), findings)


def check_occasions(answer: bt2.Answer) -> CheckResult:
    findings = [Finding("bt2.occasion_wrong", {"question": bt2._qlabel(q.key)})
                for q in who_questions() if bt2.OCCASIONS.get(answer.occasions[q.key] or 0) != q.occasion]
    return fraction("dip_phat_bieu", len(bt2.WHO_KEYS) - len(findings), len(bt2.WHO_KEYS), findings)


CRITERIA = (
    hidden("so_lieu_hoi_nghi_18", _check_figures("so_lieu_hoi_nghi_18", FIGURES_18), 2.0,
           title_key="hidden.bt2.crit.so_lieu_hoi_nghi_18"),
    hidden("so_lieu_hoi_nghi_21", _check_figures("so_lieu_hoi_nghi_21", FIGURES_21), 1.0,
           title_key="hidden.bt2.crit.so_lieu_hoi_nghi_21"),
    hidden("luot_can_bo", check_luot, 1.0, title_key="hidden.bt2.crit.luot_can_bo"),
    *(hidden(key, _check_lists(key, qs), 2.0, title_key=f"hidden.bt2.crit.{key}") for key, qs in LIST_GROUPS.items()),
    hidden("nguoi_noi", check_speakers, 2.0, title_key="hidden.bt2.crit.nguoi_noi"),
    hidden("dip_phat_bieu", check_occasions, 1.0, title_key="hidden.bt2.crit.dip_phat_bieu"),
)

MESSAGES = {
    "hidden.bt2.crit.so_lieu_hoi_nghi_18": {"vi": "Con số nêu tại Hội nghị Ngoại vụ toàn quốc lần thứ 18",
                                           "en": "Figures stated at the 18th National Conference on External Affairs"},
    "hidden.bt2.crit.so_lieu_hoi_nghi_21": {"vi": "Con số gắn với Hội nghị Ngoại vụ toàn quốc lần thứ 21",
                                           "en": "Figures tied to the 21st National Conference on External Affairs"},
    "hidden.bt2.crit.luot_can_bo": {"vi": "Hiểu đúng “lượt cán bộ”",
                                   "en": "Reading “lượt cán bộ” (attendances) correctly"},
    "hidden.bt2.crit.danh_sach_cau_1_3": {"vi": "Nhận ra danh sách của các câu 1–3",
                                         "en": "Recognising the list of statements 1-3"},
    "hidden.bt2.crit.danh_sach_cau_4_6": {"vi": "Nhận ra danh sách của các câu 4–6",
                                         "en": "Recognising the list of statements 4-6"},
    "hidden.bt2.crit.nguoi_noi": {"vi": "Ai đã nói (câu 7–11)", "en": "Who said it (questions 7-11)"},
    "hidden.bt2.crit.dip_phat_bieu": {"vi": "Nói trong dịp nào (câu 7–11)", "en": "On which occasion (questions 7-11)"},
}
