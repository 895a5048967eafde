"""Words given to their speaker only: reported speech, the writer's framing and unquoted paragraphs are no one's quote.

Article 000 reports Trần Công Phú ("ông Phú cho biết, việc...": indirect speech), calls the Ministry "người kết nối"
(the writer's framing and the title) and follows Thái Phúc Sơn's quoted assessment with a paragraph that opens no
quotation mark ("Trong các phiên thảo luận... Từ đó, đề xuất..."). None of these goes under a speaker's name.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from grader.knowledge import knowledge, normalize_text

ROOT = Path(__file__).resolve().parent.parent
INDIRECT = re.compile(r"(cho biết|nói|khẳng định|nhấn mạnh|cho rằng),?\s*$")


def _citations():
    kb = knowledge()
    for case in kb.case_studies:
        yield from case.citations
    for concept in kb.concepts:
        yield concept.citation


@pytest.mark.parametrize("citation", [c for c in _citations() if c.speaker], ids=lambda c: c.quote[:40])
def test_no_quote_under_a_name_is_indirect_speech(citation):
    """A verbatim quote under a speaker's name is not the rest of a sentence that reports what they said."""
    text = normalize_text(knowledge().article(citation.article).text)
    at = text.find(normalize_text(citation.quote))
    assert at >= 0
    before = text[max(0, at - 40):at]
    assert not INDIRECT.search(before), f"{citation.speaker}: “{citation.quote[:60]}…” is reported speech"


def test_the_paragraph_after_thai_phuc_sons_quote_is_not_his():
    for citation in _citations():
        if citation.quote.startswith("Từ đó, đề xuất"):
            assert citation.speaker is None
    son = next(s for a in knowledge().articles if a.id == "000" for s in a.speakers if s.name == "Thái Phúc Sơn")
    assert not any("Từ đó" in span.end or "Đại hội lần thứ XIII" in span.end for span in son.spans)


def test_nguoi_ket_noi_is_the_writers_framing():
    kb = knowledge()
    concept = next(c for c in kb.concepts if c.id == "nguoi_ket_noi")
    assert "người viết" in concept.explanation and not concept.explanation.startswith("Cách ông")
    case = next(c for c in kb.case_studies if c.id == "nguoi_ket_noi")
    assert "người viết" in case.summary
    lesson = nbformat.read(ROOT / "course" / "01_boi_canh.ipynb", as_version=4)
    section = next(c.source for c in lesson.cells if c.source.startswith("## Bộ Ngoại giao, “người kết nối”"))
    assert "**người viết**" in section and "thuật lại" in section


_SOURCES_SAY_SHOULD = re.compile(
    r"(theo (?:các )?(?:bài )?nguồn[^?.]*\bnên\b|\bnên\b[^?.]*theo (?:các )?(?:bài )?nguồn)", re.IGNORECASE)


def test_the_courses_advice_is_not_given_to_the_articles():
    """What a province should do is the course's advice built on the articles, never "what the sources say" (issue
    20: quiz cs.q5 once asked "Theo các bài nguồn, tỉnh nên đề nghị ai hỗ trợ trước hết?"; lesson 02 opened by
    calling the 7 focus areas the frame of each department's plan)."""
    import yaml

    catalogue = yaml.safe_load((ROOT / "grader" / "messages" / "quizzes.yaml").read_text(encoding="utf-8"))
    stems = {k: v["vi"] for k, v in catalogue.items() if re.fullmatch(r"quiz\.\w+\.q\d+", k)}
    assert len(stems) >= 28
    assert [k for k, stem in stems.items() if _SOURCES_SAY_SHOULD.search(stem)] == []
    assert "lời khuyên của khoá học" in catalogue["quiz.cs.q5.why"]["vi"]
    opening = normalize_text(nbformat.read(ROOT / "course" / "02_bay_noi_dung_trong_tam.ipynb", as_version=4)
                             .cells[0].source)
    assert "lời khuyên của khoá học" in opening and "Đây là khung để mỗi Sở Ngoại vụ" not in opening


def test_bt5_and_the_guide_do_not_teach_the_mistake_lesson_03_warns_of():
    """Lesson 03 teaches that the Ministry's lines of support are "một số trọng tâm", not "5 trọng tâm": bt5's
    rubric and the trainer's guide do not say "5 trọng tâm" (issue 20), and bt5 asks for a typed answer marked by
    hand, not a "viết tay" (handwritten) one."""
    bt5 = ROOT / "exercises" / "source" / "bt5_ke_hoach_tinh" / "bt5_ke_hoach_tinh.ipynb"
    rubric = "\n".join(c.source for c in nbformat.read(bt5, as_version=4).cells if c.cell_type == "markdown")
    guide = (ROOT / "docs" / "huong_dan_giang_vien.md").read_text(encoding="utf-8")
    for name, text in (("bt5", rubric), ("guide", guide)):
        flat = normalize_text(text).casefold()
        assert not re.search(r"\b(5|năm) trọng tâm\b", flat), name
    assert "viết tay" not in normalize_text(rubric).casefold()
