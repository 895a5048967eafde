"""Hidden criteria of exercise 1 (classify activities): instructor side only, loaded by the grading path.

The answer key: for each activity, the focus areas it accepts with the words of that focus area's passage in
article 001 that decide it, and the pillars it accepts with the words of the course's explanation of that
pillar that decide it (article 002 gives the pillars' names only). An activity drawn from a case study is keyed
within the course's tagging of that case, the same tagging the lessons show (issue 14 items 4 and 8): Huế's
heritage tourism accepts pillar 3 or 2, as lesson 04 and exercises 3 and 4 do, and focus area 3 beside 4 and 6
(tourism as economic diplomacy, the reading the trainer's guide gives full marks; issue 20); Huế's
overseas-Vietnamese activity is focus area 6 and pillar 4, inside the Huế case's tags. Resolution 34-NQ/TW
institutionalises the whole foreign-affairs line, which the four pillars together carry out (task two of
article 002), so no pillar is more right than another: every pillar is accepted. Each activity is worth
1.5 points: right focus area and right pillar, or nothing (one slip is one activity).

This file is the one source of truth of the key: the trainer's guide shows the table :func:`guide_table`
renders (between :data:`GUIDE_BEGIN` and :data:`GUIDE_END`), and a test holds the guide to it;
``python exercises/criteria/bt1_phan_loai.py docs/huong_dan_giang_vien.md`` rewrites that table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from grader.assignments import bt1_phan_loai as bt1
from grader.assignments.plan_criteria import hidden
from grader.knowledge import knowledge
from grader.messages import t
from grader.results import CheckResult, Finding, fraction


@dataclass(frozen=True)
class Key:
    focus_basis: Mapping[int, str]  # accepted focus area -> words of its source passage that decide it
    pillar_basis: Mapping[int, str]  # accepted pillar -> words of its course explanation that decide it

    @property
    def focus_areas(self) -> frozenset[int]:
        return frozenset(self.focus_basis)

    @property
    def pillars(self) -> frozenset[int]:
        return frozenset(self.pillar_basis)


KEYS: dict[str, Key] = {
    "dau_tu_hue": Key({3: "ngoại giao kinh tế", 4: "tận dụng hiệu quả quan hệ kinh tế"}, {2: "Ngoại giao kinh tế"}),
    "di_san_hue": Key({3: "ngoại giao kinh tế", 4: "hoạt động quảng bá, kết nối", 6: "ngoại giao văn hoá"},
                      {3: "di sản", 2: "du lịch"}),
    "kieu_bao_hue": Key({6: "kết nối kiều bào với địa phương"}, {4: "kiều bào"}),
    "gap_go": Key({3: "ngoại giao kinh tế", 4: "hoạt động quảng bá, kết nối"}, {2: "đầu tư, thương mại"}),
    "danh_muc_du_an": Key({5: "danh mục các dự án/lĩnh vực kêu gọi hợp tác đầu tư nước ngoài"}, {2: "đầu tư"}),
    "nghi_quyet_34": Key({1: "Nghị quyết số 34-NQ/TW"},
                         {1: "Ngoại giao chính trị", 2: "Ngoại giao kinh tế", 3: "Ngoại giao văn hoá",
                          4: "Công tác người Việt Nam ở nước ngoài, bảo hộ công dân"}),
}


def basis_text(kind: str, number: int) -> str:
    """The knowledge-base wording a basis phrase must be found in (title, summary and quote)."""
    kb = knowledge()
    record = kb.focus_area(number) if kind == "linh_vuc" else kb.pillar(number)
    return " ".join((record.title, record.summary, record.citation.quote))


def check_activity(key: str) -> Callable[[Any], CheckResult]:
    accepted = KEYS[key]

    def check(answer: bt1.Answer) -> CheckResult:
        got = answer.items[key]
        label = t(f"bt1.activity.{key}.short")
        findings: list[Finding] = []
        if got.linh_vuc is None or got.tru_cot is None:
            findings.append(Finding("bt1.activity_incomplete", {"activity": label}))
            return fraction(key, 0, 1, findings)
        if got.linh_vuc not in accepted.focus_areas:
            findings.append(Finding("bt1.wrong_focus", {"activity": label, "value": got.linh_vuc}))
        if got.tru_cot not in accepted.pillars:
            findings.append(Finding("bt1.wrong_pillar", {"activity": label, "value": got.tru_cot}))
        return fraction(key, 0 if findings else 1, 1, findings)

    return check


def keyed_statements() -> tuple[Any, ...]:
    """The answer key as keyed statements (grader.quizzes.KeyedStatement), for the tests' cross-checks."""
    from grader.quizzes import KeyedStatement

    out = []
    for a in bt1.ACTIVITIES:
        key, text = KEYS[a.key], t(f"bt1.activity.{a.key}.text")
        out.append(KeyedStatement(f"bt1 {a.key}", text, "focus_area", key.focus_areas,
                                  basis=tuple(key.focus_basis.items()), case=a.case))
        out.append(KeyedStatement(f"bt1 {a.key}", text, "pillar", key.pillars, case=a.case))
    return tuple(out)


CRITERIA = tuple(hidden(a.key, check_activity(a.key), 1.5, title_key=f"hidden.bt1.crit.{a.key}")
                 for a in bt1.ACTIVITIES)

_TITLES = {
    "dau_tu_hue": ("Huế thu hút nhà đầu tư quốc tế", "Huế attracting international investors"),
    "di_san_hue": ("quảng bá 7 di sản UNESCO của Huế", "promoting Huế's 7 UNESCO heritages"),
    "kieu_bao_hue": ("kết nối kiều bào với Huế", "connecting overseas Vietnamese with Huế"),
    "gap_go": ("sự kiện “Gặp gỡ…”", "a “Gặp gỡ…” event"),
    "danh_muc_du_an": ("danh mục dự án kêu gọi đầu tư", "list of projects open to foreign investment"),
    "nghi_quyet_34": ("thể chế hoá Nghị quyết 34-NQ/TW", "institutionalising Resolution 34-NQ/TW"),
}
MESSAGES = {
    f"hidden.bt1.crit.{a.key}": {
        "vi": f"Phân loại đúng hoạt động {n} ({_TITLES[a.key][0]})",
        "en": f"Activity {n} classified correctly ({_TITLES[a.key][1]})",
    }
    for n, a in enumerate(bt1.ACTIVITIES, start=1)
}

# --------------------------------------------------------------------------- the key in the trainer's guide

GUIDE_BEGIN = "<!-- bt1-key:begin (sinh từ exercises/criteria/bt1_phan_loai.py, không sửa tay) -->"
GUIDE_END = "<!-- bt1-key:end -->"
_GUIDE_HEAD = (
    "| Hoạt động | Nội dung trọng tâm được chấp nhận | Trụ cột được chấp nhận |\n"
    "|---|---|---|"
)


def _numbers(basis: Mapping[int, str]) -> str:
    return "; ".join(f"{n} (“{words}”)" for n, words in sorted(basis.items()))


def guide_table() -> str:
    """The answer key as the Markdown table the trainer's guide shows, markers included."""
    rows = [f"| {t(f'bt1.activity.{a.key}.short')} | {_numbers(KEYS[a.key].focus_basis)} | "
            f"{_numbers(KEYS[a.key].pillar_basis)} |" for a in bt1.ACTIVITIES]
    return "\n".join((GUIDE_BEGIN, _GUIDE_HEAD, *rows, GUIDE_END))


def write_guide(path: str) -> bool:
    """Replace the key table between the markers of the guide at ``path``; True when the file changed."""
    from pathlib import Path

    guide = Path(path)
    text = guide.read_text(encoding="utf-8")
    start, end = text.index(GUIDE_BEGIN), text.index(GUIDE_END) + len(GUIDE_END)
    new = text[:start] + guide_table() + text[end:]
    if new != text:
        guide.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    import sys

    print("rewritten" if write_guide(sys.argv[1]) else "up to date")
