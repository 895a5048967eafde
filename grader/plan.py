"""The action-plan domain model (kế hoạch hành động) and the "đặt hàng" proposal model.

Trainees write plans as plain Python data with Vietnamese (ASCII) keys::

    ke_hoach = {
        "dia_phuong": "Thừa Thiên Huế",
        "bat_dau": "2024-01-01", "ket_thuc": "2025-12-31",   # plan period
        "tong_kinh_phi": 3_000_000_000,                     # total budget, VND
        "muc_tieu": ["..."],                                # objectives
        "hoat_dong": [{                                     # activities
            "ten": "...", "mo_ta": "...",                   # title, description
            "linh_vuc": [3, 4],                             # focus areas 1-7
            "tru_cot": [2],                                 # pillars 1-4
            "doi_tac": ["co_quan_dai_dien"],                # partner kinds (knowledge base ids)
            "chu_tri": "Sở Ngoại vụ",                       # lead unit
            "bat_dau": "2024-03-01", "ket_thuc": "2024-06-30",
            "chi_so": [{"noi_dung": "...", "muc_tieu": 50, "don_vi": "nhà đầu tư", "han": "2024-06-30"}],
            "kinh_phi": 800_000_000,                        # VND
            "ky_ket": True,                                 # signs agreements or commitments
            "theo_doi": [{"viec": "...", "han": "2024-09-30"}],  # follow-up actions
        }],
        "ghi_chu": "...",                                   # optional note (e.g. "tình huống giả định")
    }

A "đặt hàng" proposal (exercise 4) is a province's request to the Ministry of
Foreign Affairs or to a representative mission abroad::

    dat_hang = {
        "dia_phuong": "...",
        "gui_den": "co_quan_dai_dien",        # or "bo_ngoai_giao"
        "thi_truong": "...",                  # target market (country or region)
        "loai_ho_tro": ["thong_tin", "quang_ba_ket_noi"],  # SUPPORT_KINDS ids
        "noi_dung": "...",                    # what is asked, concretely
        "ket_qua_mong_doi": "...",            # expected result
        "linh_vuc": [3], "tru_cot": [2],
        "bat_dau": "2024-01-01", "ket_thuc": "2024-12-31",
        "chi_so": [{"noi_dung": "...", "muc_tieu": 5, "don_vi": "...", "han": "2024-12-31"}],
    }

Reading is tolerant: :func:`read_plan` always returns a :class:`Plan` (fields it
cannot read become ``None``) together with every problem found, so the checks
can still give partial credit; :func:`parse_plan` is the strict form that
raises :class:`~grader.assignments.AnswerError` listing every problem at once.
Only an answer that is not a plan at all (not a dictionary, or activities that
are not a list) makes the tolerant reader raise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grader.assignments import AnswerError
from grader.knowledge import knowledge
from grader.messages import describe_value, t
from grader.results import Finding

MAX_VND = 10**15  # a sanity bound for budgets (one million billion đồng)

PLAN_KEYS = ("dia_phuong", "bat_dau", "ket_thuc", "tong_kinh_phi", "muc_tieu", "hoat_dong", "ghi_chu")
ACTIVITY_KEYS = (
    "ten", "mo_ta", "linh_vuc", "tru_cot", "doi_tac", "chu_tri", "bat_dau", "ket_thuc",
    "chi_so", "kinh_phi", "ky_ket", "theo_doi",
)
INDICATOR_KEYS = ("noi_dung", "muc_tieu", "don_vi", "han")
FOLLOW_UP_KEYS = ("viec", "han")
PROPOSAL_KEYS = (
    "dia_phuong", "gui_den", "thi_truong", "loai_ho_tro", "noi_dung", "ket_qua_mong_doi",
    "linh_vuc", "tru_cot", "bat_dau", "ket_thuc", "chi_so", "ghi_chu",
)
# Who a "đặt hàng" can be sent to.
RECIPIENTS = ("bo_ngoai_giao", "co_quan_dai_dien")
# The kinds of support the Ministry offers localities (article 003, "Ba là", items (i)-(v)).
SUPPORT_KINDS = ("thong_tin", "quy_tac_tieu_chuan", "tu_van_chinh_sach", "ket_nghia_doi_tac", "quang_ba_ket_noi")


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Indicator:
    metric: str | None
    target: float | None
    unit: str | None
    deadline: dt.date | None


@dataclass(frozen=True)
class FollowUp:
    action: str | None
    deadline: dt.date | None


@dataclass(frozen=True)
class Activity:
    number: int  # 1-based position in the plan
    title: str | None
    description: str | None
    focus_areas: tuple[int, ...]
    pillars: tuple[int, ...]
    partners: tuple[str, ...]
    lead_unit: str | None
    start: dt.date | None
    end: dt.date | None
    indicators: tuple[Indicator, ...]
    budget: int | None
    signs_agreements: bool
    follow_ups: tuple[FollowUp, ...]
    invalid_partners: tuple[str, ...] = ()  # partners written that are not a known kind (reported as problems)

    @property
    def label(self) -> str:
        """How messages name the activity: its number and, when known, its title."""
        return f"{self.number} (“{self.title}”)" if self.title else str(self.number)


@dataclass(frozen=True)
class Plan:
    locality: str | None
    start: dt.date | None
    end: dt.date | None
    total_budget: int | None
    objectives: tuple[str, ...]
    activities: tuple[Activity, ...]
    note: str | None = None
    problems: tuple[Finding, ...] = ()  # what could not be read (see read_plan)


@dataclass(frozen=True)
class Proposal:
    locality: str | None
    recipient: str | None
    market: str | None
    support: tuple[str, ...]
    request: str | None
    expected_result: str | None
    focus_areas: tuple[int, ...]
    pillars: tuple[int, ...]
    start: dt.date | None
    end: dt.date | None
    indicators: tuple[Indicator, ...]
    note: str | None = None
    problems: tuple[Finding, ...] = ()


# --------------------------------------------------------------------------- reading


class _Reader:
    """Reads one mapping field by field, collecting Vietnamese findings instead of raising."""

    def __init__(self, data: Mapping[str, Any], where: str, problems: list[Finding], known: tuple[str, ...]):
        self.data, self.where, self.problems = data, where, problems
        self.rejected: dict[str, list[str]] = {}  # field -> values refused by ids()
        for key in data:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                if close:
                    self.add("plan.unknown_field_hint", field=key, hint=close[0])
                else:
                    self.add("plan.unknown_field", field=key)

    def add(self, key: str, **params: Any) -> None:
        self.problems.append(Finding(key, {"where": self.where, **params}))

    def _missing(self, key: str) -> bool:
        value = self.data.get(key)
        return value is None or (isinstance(value, str | list | tuple | dict) and len(value) == 0)

    def _items(self, key: str, single: type | tuple[type, ...]) -> list[Any]:
        """The field as a list: a lone value of type ``single`` counts as a one-item list."""
        if self._missing(key):
            return []
        value = self.data[key]
        if isinstance(value, single) and not isinstance(value, bool):
            return [value]
        if not isinstance(value, list | tuple):
            self.add("plan.not_list", field=key)
            return []
        return list(value)

    def text(self, key: str) -> str | None:
        if self._missing(key):
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self.add("plan.not_text", field=key)
            return None
        value = " ".join(value.split())
        return value or None

    def texts(self, key: str) -> tuple[str, ...]:
        out = []
        for item in self._items(key, str):
            if isinstance(item, str) and item.strip():
                out.append(" ".join(item.split()))
            elif not (isinstance(item, str) and not item.strip()):
                self.add("plan.not_text_item", field=key, value=_short(item))
        return tuple(out)

    def date(self, key: str) -> dt.date | None:
        if self._missing(key):
            return None
        return _date(self.data[key], lambda: self.add("plan.bad_date", field=key, value=_short(self.data[key])))

    def amount(self, key: str) -> int | None:
        if self._missing(key):
            return None
        value = self.data[key]
        number = _number(value)
        if number is None or number < 0 or number > MAX_VND or number != int(number):
            self.add("plan.bad_amount", field=key, value=_short(value))
            return None
        return int(number)

    def numbers(self, key: str, valid: range, message: str) -> tuple[int, ...]:
        out: list[int] = []
        for item in self._items(key, int):
            if isinstance(item, int) and not isinstance(item, bool) and item in valid:
                if item not in out:
                    out.append(item)
            else:
                self.add(message, field=key, value=_short(item))
        return tuple(out)

    def ids(self, key: str, valid: tuple[str, ...], message: str) -> tuple[str, ...]:
        out: list[str] = []
        for item in self._items(key, str):
            if isinstance(item, str) and item.strip() in valid:
                if item.strip() not in out:
                    out.append(item.strip())
            else:
                self.rejected.setdefault(key, []).append(_short(item))
                self.add(message, field=key, value=_short(item), valid=", ".join(valid))
        return tuple(out)

    def records(self, key: str) -> list[Any]:
        return self._items(key, dict)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _date(value: Any, fail: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    fail()
    return None


def _indicators(r: _Reader, key: str, where: str, problems: list[Finding]) -> tuple[Indicator, ...]:
    out = []
    for i, raw in enumerate(r.records(key), start=1):
        if not isinstance(raw, Mapping):
            r.add("plan.indicator_not_dict", number=i)
            continue
        ir = _Reader(raw, t("plan.where.indicator", where=where, number=i), problems, INDICATOR_KEYS)
        target = None
        if not ir._missing("muc_tieu"):
            target = _number(raw["muc_tieu"])
            if target is None:
                ir.add("plan.indicator_target_not_number", value=_short(raw["muc_tieu"]))
        out.append(
            Indicator(metric=ir.text("noi_dung"), target=target, unit=ir.text("don_vi"), deadline=ir.date("han"))
        )
    return tuple(out)


def _activity(number: int, raw: Any, problems: list[Finding]) -> Activity | None:
    where = t("plan.where.activity", number=number)
    if not isinstance(raw, Mapping):
        problems.append(Finding("plan.activity_not_dict", {"where": where}))
        return None
    title = raw.get("ten") if isinstance(raw.get("ten"), str) and raw.get("ten").strip() else None
    if title:
        where = t("plan.where.activity_titled", number=number, title=" ".join(title.split())[:60])
    r = _Reader(raw, where, problems, ACTIVITY_KEYS)
    kb = knowledge()
    partner_ids = tuple(p.id for p in kb.partner_kinds)
    follow_ups = []
    for i, fraw in enumerate(r.records("theo_doi"), start=1):
        if isinstance(fraw, str):
            fraw = {"viec": fraw}
        if not isinstance(fraw, Mapping):
            r.add("plan.follow_up_not_dict", number=i)
            continue
        fr = _Reader(fraw, t("plan.where.follow_up", where=where, number=i), problems, FOLLOW_UP_KEYS)
        follow_ups.append(FollowUp(action=fr.text("viec"), deadline=fr.date("han")))
    signs = raw.get("ky_ket")
    if signs is None:  # not filled in yet: the activity signs nothing
        signs = False
    elif not isinstance(signs, bool):
        r.add("plan.not_bool", field="ky_ket", value=_short(signs))
        signs = False
    return Activity(
        number=number,
        title=r.text("ten"),
        description=r.text("mo_ta"),
        focus_areas=r.numbers("linh_vuc", range(1, len(kb.focus_areas) + 1), "plan.bad_focus_area"),
        pillars=r.numbers("tru_cot", range(1, len(kb.pillars) + 1), "plan.bad_pillar"),
        partners=r.ids("doi_tac", partner_ids, "plan.bad_partner"),
        lead_unit=r.text("chu_tri"),
        start=r.date("bat_dau"),
        end=r.date("ket_thuc"),
        indicators=_indicators(r, "chi_so", where, problems),
        budget=r.amount("kinh_phi"),
        signs_agreements=signs,
        follow_ups=tuple(follow_ups),
        invalid_partners=tuple(r.rejected.get("doi_tac", ())),
    )


def read_plan(data: Any) -> Plan:
    """Read a plan tolerantly: every readable field is kept, every problem is listed in ``Plan.problems``.

    Raises :class:`AnswerError` only when ``data`` is not a plan at all.
    """
    if isinstance(data, Plan):
        return data
    if not isinstance(data, Mapping):
        raise AnswerError([Finding("plan.not_a_plan", {"kind": describe_value(data)})])
    problems: list[Finding] = []
    r = _Reader(data, t("plan.where.plan"), problems, PLAN_KEYS)
    raw_activities = data.get("hoat_dong")
    if raw_activities is None:
        raw_activities = []
    if not isinstance(raw_activities, list | tuple):
        raise AnswerError([Finding("plan.activities_not_list", {"kind": describe_value(raw_activities)})])
    activities = [_activity(i, raw, problems) for i, raw in enumerate(raw_activities, start=1)]
    return Plan(
        locality=r.text("dia_phuong"),
        start=r.date("bat_dau"),
        end=r.date("ket_thuc"),
        total_budget=r.amount("tong_kinh_phi"),
        objectives=r.texts("muc_tieu"),
        activities=tuple(a for a in activities if a is not None),
        note=r.text("ghi_chu"),
        problems=tuple(problems),
    )


def _strict(record: Any) -> Any:
    if record.problems:
        raise AnswerError(record.problems)
    return record


def parse_plan(data: Any) -> Plan:
    """Read a plan strictly: raise :class:`AnswerError` listing every problem at once."""
    return _strict(read_plan(data))


def read_proposal(data: Any) -> Proposal:
    """Read a "đặt hàng" proposal tolerantly (see :func:`read_plan`)."""
    if isinstance(data, Proposal):
        return data
    if not isinstance(data, Mapping):
        raise AnswerError([Finding("plan.not_a_proposal", {"kind": describe_value(data)})])
    problems: list[Finding] = []
    where = t("plan.where.proposal")
    r = _Reader(data, where, problems, PROPOSAL_KEYS)
    kb = knowledge()
    recipient = r.text("gui_den")
    if recipient is not None and recipient not in RECIPIENTS:
        r.add("plan.bad_recipient", value=_short(recipient), valid=", ".join(RECIPIENTS))
        recipient = None
    return Proposal(
        locality=r.text("dia_phuong"),
        recipient=recipient,
        market=r.text("thi_truong"),
        support=r.ids("loai_ho_tro", SUPPORT_KINDS, "plan.bad_support"),
        request=r.text("noi_dung"),
        expected_result=r.text("ket_qua_mong_doi"),
        focus_areas=r.numbers("linh_vuc", range(1, len(kb.focus_areas) + 1), "plan.bad_focus_area"),
        pillars=r.numbers("tru_cot", range(1, len(kb.pillars) + 1), "plan.bad_pillar"),
        start=r.date("bat_dau"),
        end=r.date("ket_thuc"),
        indicators=_indicators(r, "chi_so", where, problems),
        note=r.text("ghi_chu"),
        problems=tuple(problems),
    )


def parse_proposal(data: Any) -> Proposal:
    """Read a proposal strictly: raise :class:`AnswerError` listing every problem at once."""
    return _strict(read_proposal(data))


# --------------------------------------------------------------------------- back to data

_PLAN_NAMES = {
    "locality": "dia_phuong", "start": "bat_dau", "end": "ket_thuc", "total_budget": "tong_kinh_phi",
    "objectives": "muc_tieu", "activities": "hoat_dong", "note": "ghi_chu",
    "title": "ten", "description": "mo_ta", "focus_areas": "linh_vuc", "pillars": "tru_cot",
    "partners": "doi_tac", "lead_unit": "chu_tri", "indicators": "chi_so", "budget": "kinh_phi",
    "signs_agreements": "ky_ket", "follow_ups": "theo_doi", "metric": "noi_dung", "target": "muc_tieu",
    "unit": "don_vi", "deadline": "han", "action": "viec", "recipient": "gui_den", "market": "thi_truong",
    "support": "loai_ho_tro", "request": "noi_dung", "expected_result": "ket_qua_mong_doi",
}
_SKIP = {"number", "problems", "invalid_partners"}  # derived by the reader, not written by trainees


def to_data(obj: Any) -> Any:
    """Records or plain data -> JSON-serialisable plain data with the trainee's keys (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            _PLAN_NAMES.get(f.name, f.name): to_data(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.name not in _SKIP and getattr(obj, f.name) is not None
        }
    if isinstance(obj, dt.datetime):
        return obj.date().isoformat()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_data(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    return repr(obj)
