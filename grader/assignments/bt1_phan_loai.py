"""Exercise 1: classify activities drawn from the case studies into focus areas and pillars.

The trainee fills in ``phan_loai``: for each activity, the number of one of the
7 focus areas of local foreign affairs (``linh_vuc``, 1-7) and of one of the
4 pillars of diplomacy (``tru_cot``, 1-4)::

    phan_loai = {
        "dau_tu_hue": {"linh_vuc": 3, "tru_cot": 2},
        ...
    }

Every activity is taken from a source article (its :attr:`Activity.citation`);
an activity drawn from a case study names it (:attr:`Activity.case`). This
module holds only what the trainee may see: reading the answer and the public
criterion (complete and valid). The answer key (which focus areas and pillars
each activity accepts, and the source words it rests on) is a hidden criterion
per activity in the instructor-side file ``exercises/criteria/bt1_phan_loai.py``,
applied at grading; the tests hold its keys to the sources, to the case tags
and to the lessons' quizzes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grader.assignments import AnswerError, Assignment, Criterion
from grader.knowledge import Citation, knowledge
from grader.messages import describe_value, short_value, t
from grader.results import CheckResult, Finding, fraction

ASSIGNMENT_ID = "bt1_phan_loai"
FIELDS = ("linh_vuc", "tru_cot")


@dataclass(frozen=True)
class Activity:
    key: str  # the trainee's dictionary key; catalogue key bt1.activity.<key>
    citation: Citation  # where the activity comes from
    case: str | None = None  # the case study the activity comes from


ACTIVITIES: tuple[Activity, ...] = (
    Activity("dau_tu_hue",
             Citation("001", "Đó là câu chuyện làm thế nào để Thừa Thiên Huế tận dụng được tiềm năng, thế mạnh nhằm "
                             "thu hút thêm được các nhà đầu tư quốc tế?"),
             "thua_thien_hue"),
    Activity("di_san_hue",
             Citation("001", "Làm sao để “vùng đất cố đô”, nơi đang sở hữu 7 di sản được UNESCO vinh danh có thể "
                             "hấp dẫn thêm nhiều du khách nước ngoài?"),
             "thua_thien_hue"),
    Activity("kieu_bao_hue",
             Citation("001", "những thông điệp về thu hút đầu tư, định hướng phát triển kinh tế - xã hội của Thừa "
                             "Thiên Huế đã được chuyển tải tới nhà đầu tư quốc tế, các kiều bào ta ở nước ngoài"),
             "thua_thien_hue"),
    Activity("gap_go",
             Citation("000", "chuỗi sự kiện “Gặp gỡ…” đã trở thành thương hiệu “hot” được các địa phương nhiệt tình "
                             "hưởng ứng và mong muốn phối hợp tổ chức"),
             "chuoi_su_kien_gap_go"),
    Activity("danh_muc_du_an", Citation("001", "danh mục các dự án/lĩnh vực kêu gọi hợp tác đầu tư nước ngoài")),
    Activity("nghi_quyet_34",
             Citation("001", "cụ thể hoá, thể chế hoá và tổ chức thực hiện đồng bộ, hiệu quả, toàn diện đường lối "
                             "đối ngoại, hội nhập quốc tế của Đại hội XIII của Đảng, đặc biệt là Nghị quyết số "
                             "34-NQ/TW")),
)


def activity(key: str) -> Activity:
    for a in ACTIVITIES:
        if a.key == key:
            return a
    raise KeyError(f"{ASSIGNMENT_ID} has no activity {key!r}")


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Classification:
    """One activity as the trainee classified it; ``None`` where the value is missing or invalid."""

    linh_vuc: int | None
    tru_cot: int | None


@dataclass(frozen=True)
class Answer:
    items: Mapping[str, Classification]
    problems: tuple[Finding, ...]  # incomplete or invalid entries (judged by the public criterion)


def _label(key: str) -> str:
    return t(f"bt1.activity.{key}.short")


def _number(raw: Any, key: str, field: str, top: int, problems: list[Finding]) -> int | None:
    name = "bt1.field.linh_vuc" if field == "linh_vuc" else "bt1.field.tru_cot"
    if isinstance(raw, list | tuple) and len(raw) == 1:  # [3]: the one number meant
        raw = raw[0]
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        problems.append(Finding("bt1.not_filled", {"activity": _label(key), "field": t(name)}))
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, str) and raw.strip().isdecimal() and len(raw.strip()) <= 9:
        raw = int(raw.strip())
    if isinstance(raw, (list, tuple, set)):
        problems.append(Finding("bt1.one_number", {"activity": _label(key), "field": t(name)}))
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= top:
        problems.append(Finding("bt1.bad_number", {"activity": _label(key), "field": t(name),
                                                   "value": short_value(raw), "top": top}))
        return None
    return raw


def parse(raw: Any) -> Answer:
    """Read ``phan_loai``; only a value that is not a dictionary at all is unreadable."""
    if not isinstance(raw, Mapping):
        raise AnswerError([Finding("bt1.not_dict", {"kind": describe_value(raw)})])
    problems: list[Finding] = []
    known = {a.key for a in ACTIVITIES}
    for key in raw:
        if key not in known:
            problems.append(Finding("bt1.unknown_key", {"key": short_value(key)}))
    items: dict[str, Classification] = {}
    for a in ACTIVITIES:
        entry = raw.get(a.key)
        if not isinstance(entry, Mapping):
            problems.append(Finding("bt1.entry_not_dict", {"activity": _label(a.key)}))
            items[a.key] = Classification(None, None)
            continue
        items[a.key] = Classification(
            _number(entry.get("linh_vuc"), a.key, "linh_vuc", len(knowledge().focus_areas), problems),
            _number(entry.get("tru_cot"), a.key, "tru_cot", len(knowledge().pillars), problems),
        )
    return Answer(items, tuple(problems))


# --------------------------------------------------------------------------- checks


def check_complete(answer: Answer) -> CheckResult:
    """Full marks only when every activity has a valid focus area and pillar and nothing else is there."""
    filled = sum(1 for c in answer.items.values() if c.linh_vuc is not None and c.tru_cot is not None)
    if answer.problems and filled == len(ACTIVITIES):  # e.g. an extra, unknown key
        filled -= 1
    return fraction("day_du", filled, len(ACTIVITIES), answer.problems)


ASSIGNMENT = Assignment(
    id=ASSIGNMENT_ID,
    title_key="bt1.title",
    answer_variable="phan_loai",
    parse=parse,
    criteria=(Criterion("day_du", "bt1.crit.day_du", 1.0, False, check_complete),),
    hidden_at_grading=True,  # one hidden criterion per activity (exercises/criteria/bt1_phan_loai.py)
)
