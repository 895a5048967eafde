"""Exercise 2: read the sources: key figures, which list a statement belongs to, who said it and where.

The trainee fills in ``tra_loi``::

    tra_loi = {
        "so_lieu": {"so_tinh_co_so_ngoai_vu": 50, ...},      # figures, as whole numbers
        "luot_la_so_nguoi_khac_nhau": False,                  # is "khoảng 2.000 lượt" 2,000 people?
        "danh_sach": {"cau_1": "A", ...},                     # which list: a letter of LIST_OPTIONS
        "ai_noi": {"cau_7": {"nguoi": "B", "dip": 2}, ...},   # speaker letter, occasion number
    }

This module holds only what the trainee may see: reading the answer and the
public criterion (complete and well-formed). The content criteria and their
keys (figure values, the list each statement is an item of, the speaker and
occasion of each statement, all read from the knowledge base) are hidden, in
the instructor-side file ``exercises/criteria/bt2_doc_nguon.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
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
# Part B: the questions (which list each statement belongs to is the hidden key).
STATEMENT_KEYS: tuple[str, ...] = ("cau_1", "cau_2", "cau_3", "cau_4", "cau_5", "cau_6")

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


WHO_KEYS: tuple[str, ...] = ("cau_7", "cau_8", "cau_9", "cau_10", "cau_11")

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
            meant = knowledge().figure(fid).value
            if 1 <= value < 1000 and value * 1000 == meant:
                # "2.000" as the article prints it: Python reads 2.0, the trainee means 2,000. Read as meant,
                # here, where the self-check and the grader both read the answer, and say so once.
                note = Finding("bt2.thousands_hint", {"figure": label, "value": f"{raw:.3f}", "meant": meant})
                hints[fid] = note
                problems.append(note)
                return meant
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
             for q in STATEMENT_KEYS}
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


ASSIGNMENT = Assignment(
    id=ASSIGNMENT_ID,
    title_key="bt2.title",
    answer_variable="tra_loi",
    parse=parse,
    criteria=(Criterion("day_du", "bt2.crit.day_du", 1.0, False, check_complete),),
    hidden_at_grading=True,  # the content criteria are instructor-side (exercises/criteria/bt2_doc_nguon.py)
)
