"""Exercise 2: read the sources: key figures, which list a statement belongs to, who said it and where.

The trainee fills in ``tra_loi``::

    tra_loi = {
        "so_lieu": {"so_tinh_co_so_ngoai_vu": 50, ...},      # figures, as whole numbers
        "luot_la_so_nguoi_khac_nhau": False,                  # is "khoảng 2.000 lượt" 2,000 people?
        "danh_sach": {"cau_1": "A", ...},                     # which list: a letter of LIST_OPTIONS
        "ai_noi": {"cau_7": {"nguoi": "B", "dip": 2}, ...},   # speaker letter, occasion number
    }

Every answer key is read from the knowledge base: figure values, the list each
statement is an item of (the statement is the item's cited quote without its
ordinal), the speaker and occasion of each statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from grader.assignments import AnswerError, Assignment, Criterion
from grader.knowledge import knowledge
from grader.messages import describe_value, short_value, t
from grader.results import CheckResult, Finding, fraction

ASSIGNMENT_ID = "bt2_doc_nguon"

# Part A: figures (knowledge-base figure ids), grouped by the conference that stated them.
FIGURES_18: tuple[str, ...] = ("so_tinh_co_so_ngoai_vu", "van_ban_hop_tac_hai_nam", "luot_can_bo_boi_duong")
FIGURES_21: tuple[str, ...] = ("de_xuat_kien_nghi_dia_phuong", "di_san_unesco_hue")
FIGURES: tuple[str, ...] = FIGURES_18 + FIGURES_21

# Part B: letter -> list ("focus_areas", "pillars" or a look-alike list id of the knowledge base).
LIST_OPTIONS: dict[str, str] = {
    "A": "focus_areas",
    "B": "pillars",
    "C": "bon_nhiem_vu_truong_co_quan_dai_dien",
    "D": "sau_giai_phap_xay_dung_nganh",
    "E": "bay_nhiem_vu_trong_tam_nganh_ngoai_giao",
    "F": "nam_trong_tam_ho_tro_dia_phuong",
}
# question -> (list, item number) whose cited quote is the statement.
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

# Part C: letter -> speaker (names as in articles.yaml); number -> occasion (event ids).
SPEAKERS: dict[str, str] = {
    "A": "Bùi Thanh Sơn",
    "B": "Nguyễn Minh Hằng",
    "C": "Lê Thị Thu Hằng",
    "D": "Lê Hoài Trung",
    "E": "Trần Công Phú",
    "F": "Thái Phúc Sơn",
    "G": "Nguyễn Như Hiếu",
}
OCCASIONS: dict[int, str] = {
    1: "hoi_nghi_ngoai_vu_18",
    2: "hoi_nghi_ngoai_vu_21",  # held within the 32nd Diplomatic Conference
    3: "giao_nhiem_vu_truong_co_quan_dai_dien",
}


@dataclass(frozen=True)
class WhoQuestion:
    key: str
    article: str  # the article that reports it
    quote: str  # verbatim from that article
    speaker: str
    occasion: str  # event id


def _who_questions() -> tuple[WhoQuestion, ...]:
    kb = knowledge()
    tre = kb.concept("cay_tre")
    return (
        WhoQuestion("cau_7", kb.focus_areas_intro.citation.article, kb.focus_areas_intro.citation.quote,
                    kb.focus_areas_intro.speaker, "hoi_nghi_ngoai_vu_21"),
        WhoQuestion("cau_8", kb.centre.citation.article, kb.centre.citation.quote,
                    kb.pillars_intro.speaker, "giao_nhiem_vu_truong_co_quan_dai_dien"),
        WhoQuestion("cau_9", "004", kb.case_study("hoi_nghi_ngoai_vu_18").citations[3].quote,
                    kb.article("004").speakers[0].name, "hoi_nghi_ngoai_vu_18"),
        WhoQuestion("cau_10", kb.concept("follow_up").citation.article,
                    "Thừa Thiên Huế mong rằng, Bộ Ngoại giao sẽ tiếp tục đồng hành cùng địa phương trong những hoạt "
                    "động ý nghĩa như vậy", "Trần Công Phú", "hoi_nghi_ngoai_vu_21"),
        WhoQuestion("cau_11", tre.citation.article, tre.citation.quote,
                    kb.lookalike("bay_nhiem_vu_trong_tam_nganh_ngoai_giao").speaker, "hoi_nghi_ngoai_vu_21"),
    )


WHO_KEYS: tuple[str, ...] = ("cau_7", "cau_8", "cau_9", "cau_10", "cau_11")
_ORDINAL = re.compile(r"^(Thứ (nhất|hai|ba|tư|năm|sáu|bảy)|(Một|Hai|Ba|Bốn|Năm|Sáu|Bảy) là|Cuối cùng( là)?),\s*")


def who_questions() -> tuple[WhoQuestion, ...]:
    return _who_questions()


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
    text = _ORDINAL.sub("", quote).rstrip(".") if not quote.endswith("…") else _ORDINAL.sub("", quote)
    return text[:1].upper() + text[1:]


def keyed_statements() -> tuple[Any, ...]:
    """Part B's key as keyed statements (grader.quizzes.KeyedStatement), for the cross-checks."""
    from grader.quizzes import KeyedStatement

    return tuple(KeyedStatement(f"bt2 {q}", statement(q), "list", frozenset({list_id}), verbatim=True)
                 for q, (list_id, _) in STATEMENTS.items())


def list_name(list_id: str) -> str:
    kb = knowledge()
    if list_id == "focus_areas":
        return t("bt2.list.focus_areas")
    if list_id == "pillars":
        return t("bt2.list.pillars")
    return kb.lookalike(list_id).name


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Answer:
    figures: Mapping[str, int | None]
    figure_hints: Mapping[str, Finding]  # figure -> hint about how the number was written
    luot: bool | None
    lists: Mapping[str, str | None]  # question -> letter
    speakers: Mapping[str, str | None]
    occasions: Mapping[str, int | None]
    problems: tuple[Finding, ...]


def _figure(raw: Any, fid: str, problems: list[Finding], hints: dict[str, Finding]) -> int | None:
    label = t(f"bt2.figure.{fid}")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        problems.append(Finding("bt2.figure_missing", {"figure": label}))
        return None
    if isinstance(raw, str):
        digits = raw.strip().replace(".", "").replace(" ", "")
        if digits.isdecimal() and len(digits) <= 18:
            return int(digits)
    if isinstance(raw, float):
        if raw.is_integer():
            value = int(raw)
            if value * 1000 == knowledge().figure(fid).value:
                hints[fid] = Finding("bt2.thousands_hint", {"figure": label, "value": raw})
            return value
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    problems.append(Finding("bt2.figure_not_number", {"figure": label, "value": short_value(raw)}))
    return None


def _choice(raw: Any, question: str, options: Mapping[Any, Any], part: str, problems: list[Finding]) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        problems.append(Finding("bt2.choice_missing", {"question": _qlabel(question), "part": t(part)}))
        return None
    if isinstance(raw, list | tuple) and len(raw) == 1:  # ["B"] or [2]: the one choice meant
        return _choice(raw[0], question, options, part, problems)
    if isinstance(raw, list | tuple | set | frozenset):
        problems.append(Finding("bt2.choice_one", {"question": _qlabel(question), "part": t(part),
                                                    "value": short_value(raw)}))
        return None
    value = raw.strip().upper() if isinstance(raw, str) else raw
    if isinstance(value, str) and value.isdecimal() and len(value) <= 9:
        value = int(value)
    if isinstance(value, bool) or not _is_option(value, options):
        problems.append(Finding("bt2.choice_invalid", {
            "question": _qlabel(question), "part": t(part), "value": short_value(raw),
            "options": ", ".join(str(k) for k in options),
        }))
        return None
    return value


def _is_option(value: Any, options: Mapping[Any, Any]) -> bool:
    try:
        return value in options
    except TypeError:  # unhashable (a dictionary, ...): not an option
        return False


def _qlabel(question: str) -> str:
    return t("bt2.question", number=question.removeprefix("cau_"))


def _section(raw: Mapping[str, Any], key: str, problems: list[Finding]) -> Mapping[str, Any] | None:
    value = raw.get(key)
    if isinstance(value, Mapping):
        return value
    problems.append(Finding("bt2.section_missing", {"section": key}))
    return None


def parse(raw: Any) -> Answer:
    """Read ``tra_loi``; only a value that is not a dictionary at all is unreadable."""
    if not isinstance(raw, Mapping):
        raise AnswerError([Finding("bt2.not_dict", {"kind": describe_value(raw)})])
    problems: list[Finding] = []
    hints: dict[str, Finding] = {}
    figs = _section(raw, "so_lieu", problems)
    figures = {fid: None if figs is None else _figure(figs.get(fid), fid, problems, hints) for fid in FIGURES}
    luot_raw = raw.get("luot_la_so_nguoi_khac_nhau")
    luot = luot_raw if isinstance(luot_raw, bool) else None
    if luot is None:
        problems.append(Finding("bt2.luot_not_bool", {"value": short_value(luot_raw)}))
    lists_raw = _section(raw, "danh_sach", problems)
    lists = {q: None if lists_raw is None else _choice(lists_raw.get(q), q, LIST_OPTIONS, "bt2.part.list", problems)
             for q in STATEMENTS}
    who_raw = _section(raw, "ai_noi", problems)
    speakers: dict[str, str | None] = {}
    occasions: dict[str, int | None] = {}
    for q in WHO_KEYS:
        if who_raw is None:
            speakers[q] = occasions[q] = None
            continue
        entry = who_raw.get(q)
        if not isinstance(entry, Mapping):
            entry = {}
        speakers[q] = _choice(entry.get("nguoi"), q, SPEAKERS, "bt2.part.speaker", problems)
        occasions[q] = _choice(entry.get("dip"), q, OCCASIONS, "bt2.part.occasion", problems)
    return Answer(figures, hints, luot, lists, speakers, occasions, tuple(problems))


# --------------------------------------------------------------------------- checks


def check_complete(answer: Answer) -> CheckResult:
    """Full marks only when every question has an answer of the right kind."""
    answered = [*answer.figures.values(), answer.luot, *answer.lists.values(), *answer.speakers.values(),
                *answer.occasions.values()]  # a missing part leaves all its questions unanswered
    return fraction("day_du", sum(a is not None for a in answered), len(answered), answer.problems)


def _check_figures(key: str, ids: tuple[str, ...]) -> Callable[[Answer], CheckResult]:
    def check(answer: Answer) -> CheckResult:
        findings: list[Finding] = []
        good = 0
        for fid in ids:
            got = answer.figures[fid]
            if got == knowledge().figure(fid).value:
                good += 1
                continue
            findings.append(Finding("bt2.figure_wrong", {"figure": t(f"bt2.figure.{fid}")}))
            if fid in answer.figure_hints:
                findings.append(answer.figure_hints[fid])
        return fraction(key, good, len(ids), findings)

    return check


def check_luot(answer: Answer) -> CheckResult:
    if answer.luot is False:
        return fraction("luot_can_bo", 1, 1, ())
    return fraction("luot_can_bo", 0, 1, (Finding("bt2.luot_wrong"),))


def _check_lists(key: str, questions: tuple[str, ...]) -> Callable[[Answer], CheckResult]:
    def check(answer: Answer) -> CheckResult:
        findings = [Finding("bt2.list_wrong", {"question": _qlabel(q)})
                    for q in questions if LIST_OPTIONS.get(answer.lists[q] or "") != STATEMENTS[q][0]]
        return fraction(key, len(questions) - len(findings), len(questions), findings)

    return check


def check_speakers(answer: Answer) -> CheckResult:
    findings = [Finding("bt2.speaker_wrong", {"question": _qlabel(q.key)})
                for q in who_questions() if SPEAKERS.get(answer.speakers[q.key] or "") != q.speaker]
    return fraction("nguoi_noi", len(WHO_KEYS) - len(findings), len(WHO_KEYS), findings)


def check_occasions(answer: Answer) -> CheckResult:
    findings = [Finding("bt2.occasion_wrong", {"question": _qlabel(q.key)})
                for q in who_questions() if OCCASIONS.get(answer.occasions[q.key] or 0) != q.occasion]
    return fraction("dip_phat_bieu", len(WHO_KEYS) - len(findings), len(WHO_KEYS), findings)


ASSIGNMENT = Assignment(
    id=ASSIGNMENT_ID,
    title_key="bt2.title",
    answer_variable="tra_loi",
    parse=parse,
    criteria=(
        Criterion("day_du", "bt2.crit.day_du", 1.0, False, check_complete),
        Criterion("so_lieu_hoi_nghi_18", "bt2.crit.so_lieu_hoi_nghi_18", 2.0, True,
                  _check_figures("so_lieu_hoi_nghi_18", FIGURES_18)),
        Criterion("so_lieu_hoi_nghi_21", "bt2.crit.so_lieu_hoi_nghi_21", 1.0, True,
                  _check_figures("so_lieu_hoi_nghi_21", FIGURES_21)),
        Criterion("luot_can_bo", "bt2.crit.luot_can_bo", 1.0, True, check_luot),
        *(Criterion(key, f"bt2.crit.{key}", 2.0, True, _check_lists(key, qs)) for key, qs in LIST_GROUPS.items()),
        Criterion("nguoi_noi", "bt2.crit.nguoi_noi", 2.0, True, check_speakers),
        Criterion("dip_phat_bieu", "bt2.crit.dip_phat_bieu", 1.0, True, check_occasions),
    ),
)
