"""Exercise 1's answer key and the trainer's guide agree: one source of truth (issue 20, deliverable 3)."""

from __future__ import annotations

import re
from pathlib import Path

from exercise_keys import KEY1

from grader.assignments import bt1_phan_loai as bt1

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "huong_dan_giang_vien.md"


def _score(key: str, focus: int, pillar: int) -> float:
    answer = bt1.parse({a.key: {"linh_vuc": focus, "tru_cot": pillar} for a in bt1.ACTIVITIES})
    result = KEY1.check_activity(key)(answer)
    return result.earned / result.possible


def test_the_guide_shows_the_key_the_grader_applies():
    """Kind of defect: the guide gives 2/2 to an answer the autograder scores 0."""
    guide = GUIDE.read_text(encoding="utf-8")
    assert KEY1.guide_table() in guide, "run: python exercises/criteria/bt1_phan_loai.py docs/huong_dan_giang_vien.md"


def test_every_full_mark_choice_in_the_guide_is_accepted_by_the_key():
    guide = GUIDE.read_text(encoding="utf-8")
    section = guide.split("### bt1_phan_loai — Câu hỏi 1", 1)[1].split("**Bài đạt 1/2.**", 1)[0]
    pairs = re.findall(r"nội dung(?: trọng tâm)? (\d)(?:,| và) trụ cột (\d)", section)
    assert {(int(f), int(p)) for f, p in pairs} >= {(4, 3), (3, 2)}
    for focus, pillar in pairs:
        assert _score("di_san_hue", int(focus), int(pillar)) == 1.0, (focus, pillar)


def test_hue_heritage_as_economic_diplomacy_earns_the_activity():
    assert _score("di_san_hue", 3, 2) == 1.0
    assert _score("di_san_hue", 3, 3) == 1.0
    assert _score("di_san_hue", 1, 2) == 0.0


def test_resolution_34_accepts_every_pillar_but_only_its_focus_area():
    for pillar in range(1, 5):
        assert _score("nghi_quyet_34", 1, pillar) == 1.0, pillar
    assert _score("nghi_quyet_34", 3, 1) == 0.0
