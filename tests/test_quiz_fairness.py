"""The lessons' quizzes measure judgement, not test-taking (issue 20, deliverable 4): options of similar
length, no key word of the right option in the stem, explanations quoting the articles word for word, every
question with a stable id, and at least half of them situations a provincial officer meets."""

from __future__ import annotations

import re

import pytest

from grader.knowledge import knowledge, quote_in_article
from grader.quizzes import LESSON_QUIZZES, giveaways, length_problems
from grader.widgets import Choice

QUESTIONS = [(make.__name__, q) for make in LESSON_QUIZZES for q in make().questions]


@pytest.mark.parametrize(("quiz", "q"), QUESTIONS, ids=[q.id for _, q in QUESTIONS])
def test_the_stem_does_not_give_the_answer_away(quiz, q):
    assert giveaways(q) == {}


@pytest.mark.parametrize(("quiz", "q"), QUESTIONS, ids=[q.id for _, q in QUESTIONS])
def test_the_options_are_of_similar_length(quiz, q):
    assert length_problems(q) == []


@pytest.mark.parametrize(("quiz", "q"), QUESTIONS, ids=[q.id for _, q in QUESTIONS])
def test_every_quote_in_an_explanation_is_in_an_article(quiz, q):
    articles = knowledge().articles
    for span in re.findall(r"“([^”]+)”", q.explanation):
        assert any(quote_in_article(span, a.text) for a in articles), span


def test_the_checks_catch_the_old_unbalanced_and_leading_questions():
    """The kind of defect found in issue 20: the right option the only long one; the stem's key word in it."""
    long_right = Choice("Tình huống: Đoàn của tỉnh sang nước ngoài. Cơ quan đại diện làm gì?",
                        ("Thu xếp chương trình, hỗ trợ giúp đỡ đoàn theo tinh thần phục vụ của giải pháp “Năm là”",
                         "Không làm gì", "Ký thay tỉnh"), 0, "")
    assert length_problems(long_right)
    leading = Choice("Tình huống: Gia đình một công dân gặp nạn ở nước ngoài nhờ Sở giúp. Trụ cột nào?",
                     ("Ngoại giao chính trị", "Ngoại giao kinh tế", "Ngoại giao văn hoá",
                      "Công tác người Việt Nam ở nước ngoài, bảo hộ công dân"), 3, "")
    assert giveaways(leading)


def test_every_question_has_a_unique_stable_id_and_half_are_situations():
    ids = [q.id for _, q in QUESTIONS]
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"(bc|fa|pi|cs)\.q\d+", i) for i in ids)
    assert sum(q.scenario for _, q in QUESTIONS) * 2 >= len(QUESTIONS)
    assert {make().id for make in LESSON_QUIZZES} == {"bc", "fa", "pi", "cs"}


def test_the_right_answer_is_not_always_in_the_same_place():
    """Across the quizzes the right option is spread over positions (not always the first)."""
    positions = {x.answer for _, x in QUESTIONS if isinstance(x, Choice)}
    assert len(positions) >= 3
