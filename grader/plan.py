"""The action-plan domain model (kế hoạch hành động) and the "đặt hàng" proposal model.

One model, two ways in. Trainees write a plan as Vietnamese labelled lines
(the text form, read by :mod:`grader.plan_text`)::

    ke_hoach = \"\"\"
    Địa phương: Thừa Thiên Huế
    Thời gian: 01/01/2024 - 31/12/2025
    Tổng kinh phí: 2.500.000.000 đồng
    Mục tiêu:
    - Thu hút thêm nhà đầu tư Nhật Bản vào các dự án du lịch của tỉnh

    Hoạt động 1: Hội nghị xúc tiến đầu tư Thừa Thiên Huế tại Tokyo
    Mô tả: Phối hợp với Đại sứ quán Việt Nam tại Nhật Bản tổ chức ...
    Nội dung trọng tâm: 3, 4
    Trụ cột: 2
    Đối tác: cơ quan đại diện, doanh nghiệp nước ngoài
    Chủ trì: Sở Ngoại vụ
    Thời gian: 01/03/2024 - 30/06/2024
    Kinh phí: 800.000.000 đồng
    Chỉ số: 10 nhà đầu tư Nhật Bản đến khảo sát thực tế tại tỉnh, hạn 30/06/2024
    Ký kết: có
    Theo dõi: Sở Kế hoạch và Đầu tư rà soát từng biên bản ghi nhớ, hạn 31/12/2024
    \"\"\"

Maintainers and tests may use the data form, a dict with ASCII keys::

    ke_hoach = {
        "dia_phuong": "Thừa Thiên Huế",
        "bat_dau": "2024-01-01", "ket_thuc": "2025-12-31",   # or "thoi_gian": "01/01/2024 - 31/12/2025"
        "tong_kinh_phi": 3_000_000_000,                     # or "3 tỷ đồng", "3.000.000.000"
        "muc_tieu": ["..."],
        "hoat_dong": [{
            "ten": "...", "mo_ta": "...",
            "linh_vuc": [3, 4], "tru_cot": [2],             # or "3, 4"
            "doi_tac": ["co_quan_dai_dien"],                # or words: "đại sứ quán, nhà đầu tư Nhật Bản"
            "chu_tri": "Sở Ngoại vụ",
            "bat_dau": "2024-03-01", "ket_thuc": "2024-06-30",
            "chi_so": [{"noi_dung": "...", "muc_tieu": 50, "don_vi": "nhà đầu tư", "han": "2024-06-30"}],
                                                            # or "50 nhà đầu tư ..., hạn 30/06/2024"
            "kinh_phi": 800_000_000,
            "ky_ket": True,                                 # or "có" / "không"
            "theo_doi": [{"viec": "...", "han": "2024-09-30"}],  # or "..., hạn 30/09/2024"
        }],
        "ghi_chu": "...",
    }

Both forms accept the same Vietnamese ways of writing values (:mod:`grader.vn_values`)
and give the same records. A "đặt hàng" proposal (exercise 4) is read the same way
(:func:`read_proposal`; labels "Gửi đến", "Thị trường", "Loại hỗ trợ", "Nội dung",
"Kết quả mong đợi", ...).

Reading is tolerant: :func:`read_plan` always returns a :class:`Plan` (fields it
cannot read become ``None`` and are listed in ``unreadable``) together with every
problem found, each once, in Vietnamese, naming the activity and (text form) the
line, so the checks can still give partial credit; :func:`parse_plan` is the
strict form that raises :class:`~grader.answer_form.AnswerError` listing every
problem at once. Only an answer that is not a plan at all (not text or a
dictionary, text with no label of the template, text over
:data:`~grader.vn_values.MAX_TEXT` characters, or activities that are neither a
list nor one activity) makes the tolerant reader raise, and only
:class:`~grader.answer_form.AnswerError`. Reading costs time linear in the answer.

Why one module of this size: the plan and proposal records, their tolerant reader and the reader's
messages share one set of field names, one problem list and one way of naming an activity and its line;
split in two, each half would import the other's private helpers. What could stand alone already does:
the text form (:mod:`grader.plan_text`), the Vietnamese value readers (:mod:`grader.vn_values`) and the
answer's plain form (:mod:`grader.answer_form`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grader.answer_form import AnswerError, to_data
from grader.knowledge import knowledge
from grader.messages import describe_value, has, t
from grader.plan_text import TextForm, parse_plan_text, parse_proposal_text, too_long
from grader.results import Finding
from grader.vn_values import (
    FOCUS_RULES,
    MAX_TEXT,
    MAX_VND,
    PILLAR_RULES,
    format_amount,
    is_non_finite,
    parse_amount,
    parse_date,
    parse_indicator,
    parse_number,
    parse_numbers,
    parse_partners,
    parse_period,
    parse_recipient,
    parse_support,
    parse_yes_no,
    short,
    split_deadline,
)

__all__ = [
    "MAX_VND", "Activity", "FollowUp", "Indicator", "Plan", "Proposal", "field_label", "parse_plan",
    "parse_proposal", "read_plan", "read_proposal", "to_data",
]

PLAN_KEYS = ("dia_phuong", "thoi_gian", "bat_dau", "ket_thuc", "tong_kinh_phi", "muc_tieu", "hoat_dong", "ghi_chu")
ACTIVITY_KEYS = (
    "ten", "mo_ta", "linh_vuc", "tru_cot", "doi_tac", "chu_tri", "thoi_gian", "bat_dau", "ket_thuc",
    "chi_so", "kinh_phi", "ky_ket", "theo_doi",
)
INDICATOR_KEYS = ("noi_dung", "muc_tieu", "don_vi", "han")
FOLLOW_UP_KEYS = ("viec", "han")
PROPOSAL_KEYS = (
    "dia_phuong", "gui_den", "thi_truong", "loai_ho_tro", "noi_dung", "ket_qua_mong_doi",
    "linh_vuc", "tru_cot", "thoi_gian", "bat_dau", "ket_thuc", "chi_so", "ghi_chu",
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
    line: int | None = None  # line of the activity's header in the text form; None for the data form
    unreadable: frozenset[str] = frozenset()  # fields written but unreadable (already in Plan.problems)

    @property
    def label(self) -> str:
        """How messages name the activity: its number and, when known, its title and the line of its header in
        the answer cell (so each message says which activity and which line to fix)."""
        if self.line is None:
            return f"{self.number} (“{self.title}”)" if self.title else str(self.number)
        if self.title:
            return t("plan.label.titled_line", number=self.number, title=self.title, line=self.line)
        return t("plan.label.line", number=self.number, line=self.line)


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
    unreadable: frozenset[str] = frozenset()  # plan fields written but unreadable (already in problems)


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
    unreadable: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- reading

_SINGLE_FIELDS = frozenset({
    "dia_phuong", "bat_dau", "ket_thuc", "thoi_gian", "tong_kinh_phi", "ghi_chu", "ten", "mo_ta", "chu_tri",
    "kinh_phi", "ky_ket", "gui_den", "thi_truong", "noi_dung", "ket_qua_mong_doi", "don_vi", "han", "viec",
})
MAX_ITEMS = 100  # activities read per plan, and items per list field (a plan needs a handful)
_MAX_UNKNOWN_KEYS = 10  # unknown fields reported per mapping (a dict of a thousand stray keys is one mistake)


def field_label(key: str, part: str | None = None) -> str:
    """A field's name as trainees see it (``"ky_ket"`` -> ``"Ký kết"``), from the catalogue (``field.<key>``).

    ``part`` is ``"indicator"`` or ``"follow_up"`` for the keys inside an indicator or a follow-up.
    """
    name = f"field.{part}.{key}" if part else f"field.{key}"
    return t(name) if has(name) else key


def _blank(value: Any) -> bool:
    """Not filled in: None, empty or blank text, or a container of only such values (one level deep)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set | frozenset | Mapping):
        items = value.values() if isinstance(value, Mapping) else value
        return all(
            x is None or (isinstance(x, str) and not x.strip())
            or (isinstance(x, list | tuple | set | frozenset | Mapping) and len(x) == 0)
            for x in items
        )
    return False


class _Reader:
    """Reads one mapping field by field, collecting Vietnamese findings instead of raising.

    ``lines`` (text form only) gives the line of each field, so messages can name it;
    ``unreadable`` collects the fields that were written but could not be read (already
    reported here, so the checks need not report them again as missing).
    """

    def __init__(self, data: Mapping[Any, Any], where: str, problems: list[Finding], known: tuple[str, ...],
                 lines: Any = None, part: str | None = None):
        self.data, self.where, self.problems, self.part = data, where, problems, part
        self.lines: Mapping[str, Any] = lines if isinstance(lines, Mapping) else {}
        self.unreadable: set[str] = set()
        self.capped: set[str] = set()  # list fields longer than MAX_ITEMS (reported once)
        self.rejected: dict[str, list[str]] = {}  # field -> values refused by kinds()
        reported = 0
        for key in data:
            if isinstance(key, str) and key in known:
                continue
            reported += 1
            if reported > _MAX_UNKNOWN_KEYS:
                break
            close = difflib.get_close_matches(key[:40], known, n=1, cutoff=0.6) if isinstance(key, str) else []
            if close:
                self.add("plan.unknown_field_hint", field=short(key), hint=close[0],
                         label=field_label(close[0], part))
            else:
                self.add("plan.unknown_field", field=short(key))

    def line(self, key: str, index: int | None = None) -> int | None:
        found = self.lines.get(key)
        if index is not None and isinstance(found, list):
            found = found[index] if 0 <= index < len(found) else None
        return found if isinstance(found, int) else None

    def add(self, message: str, key: str | None = None, line: int | None = None, *, unreadable: bool = True,
            **params: Any) -> None:
        """Report a problem of field ``key`` (which then counts as unreadable unless told otherwise)."""
        if line is None and key is not None:
            line = self.line(key)
        where = self.where if line is None else t("plan.where.line", where=self.where, line=line)
        if key is not None:
            params.setdefault("field", field_label(key, self.part))
            if unreadable:
                self.unreadable.add(key)
        self.problems.append(Finding(message, {"where": where, "line": line, **params}))

    def raw(self, key: str) -> Any:
        """The value of a field; a one-item list where one value is expected counts as that value."""
        value = self.data.get(key)
        single = key in _SINGLE_FIELDS or (self.part == "indicator" and key == "muc_tieu")  # the target number
        if isinstance(value, list | tuple) and len(value) == 1 and single:
            value = value[0]
        return value

    def missing(self, key: str) -> bool:
        return _blank(self.data.get(key))

    def _items(self, key: str) -> list[Any]:
        """The field as a list: a lone value counts as a one-item list; at most MAX_ITEMS items are read."""
        if self.missing(key):
            return []
        value = self.data[key]
        if not isinstance(value, list | tuple):
            return [value]
        if len(value) > MAX_ITEMS and key not in self.capped:
            self.capped.add(key)
            self.add("plan.too_many_items", key, count=format_amount(len(value)), limit=MAX_ITEMS, unreadable=False)
        return list(value[:MAX_ITEMS])

    def text(self, key: str) -> str | None:
        if self.missing(key):
            return None
        value = self.raw(key)
        if not isinstance(value, str):
            self.add("plan.not_text", key, value=short(value))
            return None
        return " ".join(value.split()) or None

    def texts(self, key: str) -> tuple[str, ...]:
        out: list[str] = []
        bad: list[Any] = []
        for item in self._items(key):
            if isinstance(item, str):
                if item.strip():
                    out.append(" ".join(item.split()))
            elif item is not None:
                bad.append(item)
        if bad:
            self.add("plan.not_text_item", key, value=_listing(bad))
        return tuple(out)

    def date(self, key: str, *, end: bool = False) -> dt.date | None:
        if self.missing(key):
            return None
        value = self.raw(key)
        parsed = parse_date(value, end=end)
        if parsed is None:
            self.add("plan.bad_date", key, value=short(value))
        return parsed

    def period(self, start_key: str = "bat_dau", end_key: str = "ket_thuc") -> tuple[dt.date | None, dt.date | None]:
        """Start and end: from "Bắt đầu"/"Kết thúc", or from "Thời gian: 01/03/2024 - 30/06/2024"."""
        start, end = self.date(start_key), self.date(end_key, end=True)
        if self.missing("thoi_gian") or not (self.missing(start_key) and self.missing(end_key)):
            return start, end
        value = self.raw("thoi_gian")
        period = parse_period(value) if isinstance(value, str) else None
        if period is None:
            self.add("plan.bad_period", "thoi_gian", value=short(value))
            self.unreadable.update((start_key, end_key))
            return None, None
        first, last, start, end = period
        for written, parsed, which in ((first, start, start_key), (last, end, end_key)):
            if parsed is None:
                self.add("plan.bad_date", which, line=self.line("thoi_gian"), value=short(written))
        return start, end

    def amount(self, key: str) -> int | None:
        if self.missing(key):
            return None
        value = self.raw(key)
        amount = parse_amount(value)
        if amount is None:
            self.add("plan.not_finite" if is_non_finite(value) else "plan.bad_amount", key, value=short(value))
        return amount

    def yes_no(self, key: str) -> bool:
        if self.missing(key):
            return False  # not filled in yet: the activity signs nothing
        value = self.raw(key)
        answer = parse_yes_no(value)
        if answer is None:
            self.add("plan.not_bool", key, value=short(value))
            return False
        return answer

    def numbers(self, key: str, top: int, message: str, rules: Any) -> tuple[int, ...]:
        if self.missing(key):
            return ()
        found, unknown = parse_numbers(self._items(key), rules)
        out: list[int] = []
        bad = [u for u in unknown if u is not None and not (isinstance(u, str) and not u.strip())]
        for number in found:
            if 1 <= number <= top:
                if number not in out:
                    out.append(number)
            else:
                bad.append(number)
        if bad:
            self.add(message, key, value=_listing(bad))
        return tuple(out)

    def kinds(self, key: str, found: tuple[str, ...], unknown: tuple[Any, ...], message: str,
              valid: str) -> tuple[str, ...]:
        bad = [u for u in unknown if u is not None]
        if bad:
            self.rejected[key] = [short(u) for u in bad[:20]]
            self.add(message, key, value=_listing(bad), valid=valid)
        return found

    def records(self, key: str) -> list[Any]:
        return [item for item in self._items(key) if not _blank(item)]


def _listing(values: list[Any], limit: int = 5) -> str:
    """The first few values, described safely (:func:`grader.vn_values.short`), and how many more there are."""
    shown = ", ".join(short(v) for v in values[:limit])
    return shown if len(values) <= limit else f"{shown}, … (+{len(values) - limit})"


def _partner_names() -> str:
    return "; ".join(p.label for p in knowledge().partner_kinds)


def _indicator(r: _Reader, index: int, raw: Any, where: str, problems: list[Finding],
               lines: Any) -> Indicator | None:
    line = r.line("chi_so", index)
    if isinstance(raw, str):
        metric, target, unit, deadline_text = parse_indicator(raw)
        deadline = None
        if deadline_text is not None:
            deadline = parse_date(deadline_text, end=True)
            if deadline is None:
                r.add("plan.bad_indicator_deadline", line=line, number=index + 1, value=short(deadline_text))
        return Indicator(metric=metric or None, target=target, unit=unit, deadline=deadline)
    if not isinstance(raw, Mapping):
        r.add("plan.indicator_not_dict", line=line, number=index + 1)
        return None
    place = t("plan.where.indicator", where=where, number=index + 1)
    ir = _Reader(raw, place, problems, INDICATOR_KEYS, {k: line for k in INDICATOR_KEYS}, part="indicator")
    target = None
    if not ir.missing("muc_tieu"):
        value = ir.raw("muc_tieu")
        target = parse_number(value)
        if target is None:
            ir.add("plan.not_finite" if is_non_finite(value) else "plan.indicator_target_not_number", "muc_tieu",
                   value=short(value))
    return Indicator(metric=ir.text("noi_dung"), target=target, unit=ir.text("don_vi"),
                     deadline=ir.date("han", end=True))


def _indicators(r: _Reader, where: str, problems: list[Finding]) -> tuple[Indicator, ...]:
    out = []
    for index, raw in enumerate(r.records("chi_so")):
        indicator = _indicator(r, index, raw, where, problems, r.lines)
        if indicator is not None:
            out.append(indicator)
    return tuple(out)


def _follow_ups(r: _Reader, where: str, problems: list[Finding]) -> tuple[FollowUp, ...]:
    out = []
    for index, raw in enumerate(r.records("theo_doi")):
        line = r.line("theo_doi", index)
        if isinstance(raw, str):
            action, deadline_text = split_deadline(raw)
            deadline = None
            if deadline_text is not None:
                deadline = parse_date(deadline_text, end=True)
                if deadline is None:
                    r.add("plan.bad_follow_up_deadline", line=line, number=index + 1, value=short(deadline_text))
            out.append(FollowUp(action=" ".join(action.split()) or None, deadline=deadline))
            continue
        if not isinstance(raw, Mapping):
            r.add("plan.follow_up_not_dict", line=line, number=index + 1)
            continue
        place = t("plan.where.follow_up", where=where, number=index + 1)
        fr = _Reader(raw, place, problems, FOLLOW_UP_KEYS, {k: line for k in FOLLOW_UP_KEYS}, part="follow_up")
        out.append(FollowUp(action=fr.text("viec"), deadline=fr.date("han", end=True)))
    return tuple(out)


def _clip(title: str, limit: int = 60) -> str:
    """A title cut to about ``limit`` characters at a word boundary."""
    if len(title) <= limit:
        return title
    cut = title[:limit].rsplit(" ", 1)[0] if " " in title[:limit] else title[:limit]
    return cut.rstrip(" ,;:-") + "…"


def _activity_where(number: int, raw: Mapping[Any, Any]) -> str:
    title = raw.get("ten")
    if isinstance(title, list | tuple) and len(title) == 1:
        title = title[0]
    if isinstance(title, str) and title.strip():
        return t("plan.where.activity_titled", number=number, title=_clip(" ".join(title[:200].split())))
    return t("plan.where.activity", number=number)


def _activity(number: int, raw: Mapping[Any, Any], problems: list[Finding], lines: Any) -> Activity:
    where = _activity_where(number, raw)
    r = _Reader(raw, where, problems, ACTIVITY_KEYS, lines)
    kb = knowledge()
    partner_ids = tuple(p.id for p in kb.partner_kinds)
    start, end = r.period()
    found, unknown = parse_partners(r._items("doi_tac"), partner_ids)
    partners = r.kinds("doi_tac", found, unknown, "plan.bad_partner", _partner_names())
    header = lines.get("") if isinstance(lines, Mapping) else None
    return Activity(
        number=number,
        title=r.text("ten"),
        description=r.text("mo_ta"),
        focus_areas=r.numbers("linh_vuc", len(kb.focus_areas), "plan.bad_focus_area", FOCUS_RULES),
        pillars=r.numbers("tru_cot", len(kb.pillars), "plan.bad_pillar", PILLAR_RULES),
        partners=partners,
        lead_unit=r.text("chu_tri"),
        start=start,
        end=end,
        indicators=_indicators(r, where, problems),
        budget=r.amount("kinh_phi"),
        signs_agreements=r.yes_no("ky_ket"),
        follow_ups=_follow_ups(r, where, problems),
        invalid_partners=tuple(r.rejected.get("doi_tac", ())),
        line=header if isinstance(header, int) else None,
        unreadable=frozenset(r.unreadable),
    )


def _text_form(text: str, proposal: bool) -> TextForm:
    if too_long(text):
        key = "plan.text.too_long_proposal" if proposal else "plan.text.too_long"
        raise AnswerError([Finding(key, {"length": format_amount(len(text)), "limit": format_amount(MAX_TEXT)})])
    form = parse_proposal_text(text) if proposal else parse_plan_text(text)
    if not form.labelled and text.strip():
        raise AnswerError([Finding("plan.text.no_labels_proposal" if proposal else "plan.text.no_labels", {})])
    return form


def _text_problems(form: TextForm | None, where_of: dict[int | None, str]) -> list[Finding]:
    out = []
    for problem in form.problems if form else ():
        where = where_of.get(problem.activity) or where_of[None]
        out.append(Finding(problem.key, {"where": t("plan.where.line", where=where, line=problem.line),
                                         "line": problem.line, **problem.params}))
    return out


def _by_line(problems: list[Finding]) -> tuple[Finding, ...]:
    """Problems in the order of the text (those without a line keep their order, after the others)."""
    numbered = sorted((p for p in problems if isinstance(p.params.get("line"), int)), key=lambda p: p.params["line"])
    return tuple(numbered + [p for p in problems if not isinstance(p.params.get("line"), int)])


def read_plan(data: Any) -> Plan:
    """Read a plan tolerantly: every readable field is kept, every problem is listed in ``Plan.problems``.

    ``data`` is the text form (a ``str`` of labelled lines, :mod:`grader.plan_text`) or the
    data form (a dict). Raises :class:`AnswerError` only when ``data`` is not a plan at all.
    """
    if isinstance(data, Plan):
        return data
    form = None
    lines: Mapping[str, Any] = {}
    if isinstance(data, str):
        form = _text_form(data, proposal=False)
        data, lines = form.data, form.lines
    if not isinstance(data, Mapping):
        raise AnswerError([Finding("plan.not_a_plan", {"kind": describe_value(data)})])
    problems: list[Finding] = []
    r = _Reader(data, t("plan.where.plan"), problems, PLAN_KEYS, lines)
    raw_activities = data.get("hoat_dong")
    activity_lines = lines.get("hoat_dong") if isinstance(lines.get("hoat_dong"), list) else []
    if raw_activities is None:
        raw_activities = []
    elif isinstance(raw_activities, Mapping):  # one activity written without the list around it
        raw_activities = [raw_activities]
    if not isinstance(raw_activities, list | tuple):
        raise AnswerError([Finding("plan.activities_not_list", {"kind": describe_value(raw_activities)})])
    if len(raw_activities) > MAX_ITEMS:
        count = format_amount(len(raw_activities))
        problems.append(Finding("plan.too_many_activities", {"count": count, "limit": MAX_ITEMS}))
        raw_activities = raw_activities[:MAX_ITEMS]
    activities: list[Activity] = []
    where_of: dict[int | None, str] = {None: t("plan.where.plan")}
    for index, raw in enumerate(raw_activities):
        if _blank(raw):
            continue
        number = len(activities) + 1
        if not isinstance(raw, Mapping):
            problems.append(Finding("plan.activity_not_dict", {"where": t("plan.where.activity", number=number)}))
            continue
        own_lines = activity_lines[index] if index < len(activity_lines) else None
        activity = _activity(number, raw, problems, own_lines)
        where_of[index] = _activity_where(number, raw)
        activities.append(activity)
    for index in range(len(raw_activities)):
        where_of.setdefault(index, t("plan.where.activity", number=index + 1))
    start, end = r.period()
    plan = Plan(
        locality=r.text("dia_phuong"),
        start=start,
        end=end,
        total_budget=r.amount("tong_kinh_phi"),
        objectives=r.texts("muc_tieu"),
        activities=tuple(activities),
        note=r.text("ghi_chu"),
        problems=(),
        unreadable=frozenset(r.unreadable),
    )
    return dataclasses.replace(plan, problems=_by_line(problems + _text_problems(form, where_of)))


def _strict(record: Any) -> Any:
    if record.problems:
        raise AnswerError(record.problems)
    return record


def parse_plan(data: Any) -> Plan:
    """Read a plan strictly: raise :class:`AnswerError` listing every problem at once."""
    return _strict(read_plan(data))


def read_proposal(data: Any) -> Proposal:
    """Read a "đặt hàng" proposal tolerantly (see :func:`read_plan`); text or dict."""
    if isinstance(data, Proposal):
        return data
    form = None
    lines: Mapping[str, Any] = {}
    if isinstance(data, str):
        form = _text_form(data, proposal=True)
        data, lines = form.data, form.lines
    if not isinstance(data, Mapping):
        raise AnswerError([Finding("plan.not_a_proposal", {"kind": describe_value(data)})])
    problems: list[Finding] = []
    where = t("plan.where.proposal")
    r = _Reader(data, where, problems, PROPOSAL_KEYS, lines)
    kb = knowledge()
    recipient = None
    if not r.missing("gui_den"):
        recipient = parse_recipient(r.raw("gui_den"))
        if recipient is None:
            r.add("plan.bad_recipient", "gui_den", value=short(r.raw("gui_den")))
    found, unknown = parse_support(r._items("loai_ho_tro"), SUPPORT_KINDS)
    support = r.kinds("loai_ho_tro", found, unknown, "plan.bad_support",
                      "; ".join(t(f"support.{kind}") for kind in SUPPORT_KINDS))
    start, end = r.period()
    proposal = Proposal(
        locality=r.text("dia_phuong"),
        recipient=recipient,
        market=r.text("thi_truong"),
        support=support,
        request=r.text("noi_dung"),
        expected_result=r.text("ket_qua_mong_doi"),
        focus_areas=r.numbers("linh_vuc", len(kb.focus_areas), "plan.bad_focus_area", FOCUS_RULES),
        pillars=r.numbers("tru_cot", len(kb.pillars), "plan.bad_pillar", PILLAR_RULES),
        start=start,
        end=end,
        indicators=_indicators(r, where, problems),
        note=r.text("ghi_chu"),
        problems=(),
        unreadable=frozenset(r.unreadable),
    )
    return dataclasses.replace(proposal, problems=_by_line(problems + _text_problems(form, {None: where})))


def parse_proposal(data: Any) -> Proposal:
    """Read a proposal strictly: raise :class:`AnswerError` listing every problem at once."""
    return _strict(read_proposal(data))
