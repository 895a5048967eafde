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
