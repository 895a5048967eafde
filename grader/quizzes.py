"""The lessons' quizzes, built from the knowledge base; their wording lives in messages/quizzes.yaml.

``quiz_linh_vuc()`` (lesson 02), ``quiz_tru_cot()`` (lesson 03, with the
look-alike lists), ``quiz_tinh_huong()`` (lesson 04). Options that name focus
areas, pillars, lists or figures come from the knowledge base; every question
cites the source passage that decides it.
"""

from __future__ import annotations

from grader.knowledge import knowledge
from grader.messages import t
from grader.widgets import Choice, Matching, Quiz


def _focus_options() -> tuple[str, ...]:
    return tuple(f"{f.number}. {f.title}" for f in knowledge().focus_areas)


def _pillar_options() -> tuple[str, ...]:
    return tuple(f"{p.number}. {p.title}" for p in knowledge().pillars)


def quiz_linh_vuc() -> Quiz:
    """Lesson 02: the 7 focus areas of local foreign affairs (article 001)."""
    kb = knowledge()
    fa = _focus_options()
    return Quiz(t("quiz.fa.title"), [
        Choice(t("quiz.fa.q1"), (t("quiz.fa.q1.a"), t("quiz.fa.q1.b"), t("quiz.fa.q1.c"), t("quiz.fa.q1.d")), 0,
               t("quiz.fa.q1.why"), kb.focus_areas_intro.citation),
        Choice(t("quiz.fa.q2"), fa, 2, t("quiz.fa.q2.why"), kb.focus_area(3).citation),
        Choice(t("quiz.fa.q3"), fa, 0, t("quiz.fa.q3.why"), kb.focus_area(1).citation),
        Choice(t("quiz.fa.q4"), fa, 4, t("quiz.fa.q4.why"), kb.focus_area(5).citation),
        Choice(t("quiz.fa.q5"), fa, 6, t("quiz.fa.q5.why"), kb.focus_area(7).citation),
        Matching(t("quiz.fa.q6"),
                 (t("quiz.fa.q6.i1"), t("quiz.fa.q6.i2"), t("quiz.fa.q6.i3"), t("quiz.fa.q6.i4")),
                 fa, (5, 3, 1, 2), t("quiz.fa.q6.why"), kb.focus_area(6).citation),
    ])


def quiz_tru_cot() -> Quiz:
    """Lesson 03: the 4 pillars, economic diplomacy as the centre, and the look-alike lists."""
    kb = knowledge()
    lists = {lst.id: lst for lst in kb.lookalike_lists}
    tasks = lists["bon_nhiem_vu_truong_co_quan_dai_dien"]
    sector = lists["bay_nhiem_vu_trong_tam_nganh_ngoai_giao"]
    support = lists["nam_trong_tam_ho_tro_dia_phuong"]
    solutions = lists["sau_giai_phap_xay_dung_nganh"]
    list_options = (
        t("quiz.pi.list.pillars"), tasks.name, t("quiz.pi.list.focus"), sector.name, support.name,
    )
    return Quiz(t("quiz.pi.title"), [
        Choice(t("quiz.pi.q1"), _pillar_options(), 1, t("quiz.pi.q1.why"), kb.centre.citation),
        Choice(t("quiz.pi.q2"), (t("quiz.pi.q2.a"), t("quiz.pi.q2.b"), t("quiz.pi.q2.c"), t("quiz.pi.q2.d")), 1,
               tasks.contrast, tasks.items[1].citation),
        Choice(t("quiz.pi.q3"), _pillar_options(), 3, t("quiz.pi.q3.why"), kb.pillars_intro.citation),
        Choice(t("quiz.pi.q4"), (t("quiz.pi.q4.a"), t("quiz.pi.q4.b"), t("quiz.pi.q4.c")), 2,
               sector.contrast, sector.citation),
        Choice(t("quiz.pi.q5"), (t("quiz.pi.q5.a"), t("quiz.pi.q5.b"), t("quiz.pi.q5.c")), 1,
               tasks.contrast, tasks.items[2].citation),
        Choice(t("quiz.pi.q6"), (t("quiz.pi.q6.a"), t("quiz.pi.q6.b"), t("quiz.pi.q6.c")), 0,
               solutions.contrast, solutions.citation),
        Matching(t("quiz.pi.q7"),
                 (kb.pillar(3).title, tasks.items[2].title, kb.focus_area(5).title, sector.items[4].title,
                  support.items[4].title),
                 list_options, (0, 1, 2, 3, 4), t("quiz.pi.q7.why"), support.citation),
    ])


def quiz_tinh_huong() -> Quiz:
    """Lesson 04: the case studies and their figures, read exactly as the sources state them."""
    kb = knowledge()
    hue = kb.case_study("thua_thien_hue")
    # cases that illustrate exactly one focus area, so the matching has one right answer per item
    cases = [kb.case_study(c) for c in ("thi_truong_moi", "cay_tre_viet_nam", "ha_tinh")]
    return Quiz(t("quiz.cs.title"), [
        Choice(t("quiz.cs.q1"), ("5", "7", "8", "9"), 1, t("quiz.cs.q1.why"), kb.figure("di_san_unesco_hue").citation),
        Choice(t("quiz.cs.q2"), ("50", "267", "300", "2.000"), 1, t("quiz.cs.q2.why"),
               kb.figure("de_xuat_kien_nghi_dia_phuong").citation),
        Choice(t("quiz.cs.q3"), (t("quiz.cs.q3.a"), t("quiz.cs.q3.b"), t("quiz.cs.q3.c")), 1, t("quiz.cs.q3.why"),
               kb.figure("luot_can_bo_boi_duong").citation),
        Choice(t("quiz.cs.q4"), (t("quiz.cs.q4.a"), t("quiz.cs.q4.b"), t("quiz.cs.q4.c")), 2, hue.lesson,
               hue.citations[3]),
        Choice(t("quiz.cs.q5"), (t("quiz.cs.q5.a"), t("quiz.cs.q5.b"), t("quiz.cs.q5.c")), 0, t("quiz.cs.q5.why"),
               kb.case_study("thi_truong_moi").citations[0]),
        Choice(t("quiz.cs.q6"), (t("quiz.cs.q6.a"), t("quiz.cs.q6.b"), t("quiz.cs.q6.c")), 1, t("quiz.cs.q6.why"),
               kb.case_study("ha_tinh").citations[0]),
        Matching(t("quiz.cs.q7"), tuple(c.title for c in cases), _focus_options(),
                 tuple(c.focus_areas[0] - 1 for c in cases), t("quiz.cs.q7.why"), cases[0].citations[0]),
    ])
