"""Exercise 1: classify activities drawn from the case studies into focus areas and pillars.

The trainee fills in ``phan_loai``: for each activity, the number of one of the
7 focus areas of local foreign affairs (``linh_vuc``, 1-7) and of one of the
4 pillars of diplomacy (``tru_cot``, 1-4)::

    phan_loai = {
        "dau_tu_hue": {"linh_vuc": 3, "tru_cot": 2},
        ...
    }

Every activity is taken from a source article (its :attr:`Activity.citation`).
The answer key accepts, for each activity, the focus areas whose source wording
decides it (:attr:`Activity.focus_basis`: number -> words of that focus area's
passage in article 001) and the pillars whose course explanation decides it
(:attr:`Activity.pillar_basis`; article 002 gives the pillars' names only). An
activity drawn from a case study (:attr:`Activity.case`) is keyed within the
course's tagging of that case, the same tagging the lessons show; the tests
hold every key to the sources, to the case tags and to the lessons' quizzes
(:func:`keyed_statements`). One public criterion
checks that the answer is complete and valid; one hidden criterion per activity
checks its classification.
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
    key: str  # the trainee's dictionary key; catalogue keys bt1.activity.<key> and bt1.crit.<key>
    citation: Citation  # where the activity comes from
    focus_basis: Mapping[int, str]  # accepted focus area -> words of it (knowledge base) that decide it
    pillar_basis: Mapping[int, str]  # accepted pillar -> words of its course explanation that decide it
    case: str | None = None  # the case study the activity comes from (its tags bound the key)

    @property
    def focus_areas(self) -> frozenset[int]:
        return frozenset(self.focus_basis)

    @property
    def pillars(self) -> frozenset[int]:
        return frozenset(self.pillar_basis)


ACTIVITIES: tuple[Activity, ...] = (
    Activity(
        "dau_tu_hue",
        Citation("001", "Đó là câu chuyện làm thế nào để Thừa Thiên Huế tận dụng được tiềm năng, thế mạnh nhằm "
                        "thu hút thêm được các nhà đầu tư quốc tế?"),
        {3: "ngoại giao kinh tế", 4: "tận dụng hiệu quả quan hệ kinh tế"},
        {2: "Ngoại giao kinh tế"},
        "thua_thien_hue",
    ),
    Activity(
        "di_san_hue",
        Citation("001", "Làm sao để “vùng đất cố đô”, nơi đang sở hữu 7 di sản được UNESCO vinh danh có thể "
                        "hấp dẫn thêm nhiều du khách nước ngoài?"),
        {4: "hoạt động quảng bá, kết nối", 6: "ngoại giao văn hoá"},
        {3: "di sản", 2: "du lịch"},
        "thua_thien_hue",
    ),
    Activity(
        "kieu_bao_hue",
        Citation("001", "những thông điệp về thu hút đầu tư, định hướng phát triển kinh tế - xã hội của Thừa Thiên "
                        "Huế đã được chuyển tải tới nhà đầu tư quốc tế, các kiều bào ta ở nước ngoài"),
        {6: "kết nối kiều bào với địa phương"},
        {4: "kiều bào"},
        "thua_thien_hue",
    ),
    Activity(
        "gap_go",
        Citation("000", "chuỗi sự kiện “Gặp gỡ…” đã trở thành thương hiệu “hot” được các địa phương nhiệt tình "
                        "hưởng ứng và mong muốn phối hợp tổ chức"),
        {3: "ngoại giao kinh tế", 4: "hoạt động quảng bá, kết nối"},
        {2: "đầu tư, thương mại"},
        "chuoi_su_kien_gap_go",
    ),
    Activity(
        "danh_muc_du_an",
        Citation("001", "danh mục các dự án/lĩnh vực kêu gọi hợp tác đầu tư nước ngoài"),
        {5: "danh mục các dự án/lĩnh vực kêu gọi hợp tác đầu tư nước ngoài"},
        {2: "đầu tư"},
    ),
    Activity(
        "nghi_quyet_34",
        Citation("001", "cụ thể hoá, thể chế hoá và tổ chức thực hiện đồng bộ, hiệu quả, toàn diện đường lối đối "
                        "ngoại, hội nhập quốc tế của Đại hội XIII của Đảng, đặc biệt là Nghị quyết số 34-NQ/TW"),
        {1: "Nghị quyết số 34-NQ/TW"},
        {1: "quan hệ chính trị"},
    ),
)


def keyed_statements() -> tuple[Any, ...]:
    """The answer key as keyed statements (grader.quizzes.KeyedStatement), for the cross-checks."""
    from grader.quizzes import KeyedStatement

    out = []
    for a in ACTIVITIES:
        text = t(f"bt1.activity.{a.key}.text")
        out.append(KeyedStatement(f"bt1 {a.key}", text, "focus_area", frozenset(a.focus_areas),
                                  basis=tuple(a.focus_basis.items()), case=a.case))
        out.append(KeyedStatement(f"bt1 {a.key}", text, "pillar", frozenset(a.pillars), case=a.case))
    return tuple(out)


def activity(key: str) -> Activity:
    for a in ACTIVITIES:
        if a.key == key:
            return a
    raise KeyError(f"{ASSIGNMENT_ID} has no activity {key!r}")


def basis_text(kind: str, number: int) -> str:
    """The knowledge-base wording a basis phrase must be found in (title, summary and quote)."""
    kb = knowledge()
    record = kb.focus_area(number) if kind == "linh_vuc" else kb.pillar(number)
    return " ".join((record.title, record.summary, record.citation.quote))


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


def check_activity(key: str) -> Any:
    act = activity(key)

    def check(answer: Answer) -> CheckResult:
        got = answer.items[key]
        findings: list[Finding] = []
        if got.linh_vuc is None or got.tru_cot is None:
            findings.append(Finding("bt1.activity_incomplete", {"activity": _label(key)}))
            return fraction(key, 0, 1, findings)
        if got.linh_vuc not in act.focus_areas:
            findings.append(Finding("bt1.wrong_focus", {"activity": _label(key), "value": got.linh_vuc}))
        if got.tru_cot not in act.pillars:
            findings.append(Finding("bt1.wrong_pillar", {"activity": _label(key), "value": got.tru_cot}))
        return fraction(key, 0 if findings else 1, 1, findings)

    return check


ASSIGNMENT = Assignment(
    id=ASSIGNMENT_ID,
    title_key="bt1.title",
    answer_variable="phan_loai",
    parse=parse,
    criteria=(
        Criterion("day_du", "bt1.crit.day_du", 1.0, False, check_complete),
        *(Criterion(a.key, f"bt1.crit.{a.key}", 1.5, True, check_activity(a.key)) for a in ACTIVITIES),
    ),
)
