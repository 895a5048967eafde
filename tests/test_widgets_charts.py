"""Quiz logic and widgets, charts, and the display helpers."""

from __future__ import annotations

import ipywidgets as w
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from grader import charts, display, examples
from grader.knowledge import knowledge, quote_in_article
from grader.quizzes import quiz_linh_vuc, quiz_tinh_huong, quiz_tru_cot
from grader.widgets import Choice, Matching

QUIZZES = (quiz_linh_vuc, quiz_tru_cot, quiz_tinh_huong)


@pytest.mark.parametrize("make", QUIZZES)
def test_each_lesson_quiz_has_at_least_five_questions_with_sourced_feedback(make):
    quiz = make()
    assert len(quiz.questions) >= 5
    for q in quiz.questions:
        assert q.citation is not None
        assert quote_in_article(q.citation.quote, knowledge().article(q.citation.article).text)


def test_the_lookalike_lists_are_quizzed():
    names = {lst.name for lst in knowledge().lookalike_lists}
    options = {o for q in quiz_tru_cot().questions if isinstance(q, Matching) for o in q.options}
    assert len(names & options) >= 3


def test_right_and_wrong_answers_give_vietnamese_feedback_and_score():
    quiz = quiz_tinh_huong()
    wrong = quiz.answer(2, 0)  # reading "lượt" as distinct officers
    assert not wrong.correct and "Chưa đúng" in wrong.message and "lượt" in wrong.message
    assert "2.000" in wrong.html and "Nguồn" in wrong.message
    assert quiz.score() == (0, len(quiz.questions))
    right = quiz.answer(2, 1)
    assert right.correct and right.message.startswith("Chính xác")
    assert quiz.score() == (1, len(quiz.questions))
    assert "đã làm 1 câu" in quiz.score_text()


def test_unanswered_and_partial_matching_ask_to_complete():
    quiz = quiz_linh_vuc()
    assert "chọn một phương án" in quiz.answer(0, None).message
    matching = next(i for i, q in enumerate(quiz.questions) if isinstance(q, Matching))
    assert "mọi dòng" in quiz.answer(matching, [None, 1, 2, 3]).message
    q = quiz.questions[matching]
    wrong = list(q.answers)
    wrong[0] = (wrong[0] + 1) % len(q.options)
    feedback = quiz.answer(matching, wrong)
    assert not feedback.correct and q.items[0] in feedback.message
    assert quiz.answer(matching, list(q.answers)).correct


def test_widget_buttons_drive_the_same_logic():
    quiz = quiz_linh_vuc()
    box = quiz.widget()
    assert "ngoaivu-quiz" in box._dom_classes
    first = box.children[1]
    radio = next(c for c in first.children if isinstance(c, w.RadioButtons))
    button = next(c for c in first.children if isinstance(c, w.Button))
    feedback = first.children[-1]
    radio.value = 1
    button.click()
    assert "Chưa đúng" in feedback.value
    radio.value = quiz.questions[0].answer
    button.click()
    assert "Chính xác" in feedback.value
    assert "1/6" in box.children[-1].value


def test_default_font_covers_vietnamese():
    path = font_manager.findfont(charts.FONT, fallback_to_default=False)
    charmap = FT2Font(path).get_charmap()
    letters = "ăâđêôơưắằẳẵặấầẩẫậếềểễệốồổỗộớờởỡợứừửữựỳỵỷỹĐƯƠ"
    assert [c for c in letters if ord(c) not in charmap] == []


def test_figures_chart_has_one_bar_per_figure_labelled_as_the_source():
    fig = charts.figures_chart()
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "khoảng 2.000 lượt cán bộ" in texts and "gần 300" in texts
    assert charts.png_bytes(fig).startswith(b"\x89PNG")


def test_timeline_places_only_dated_events_and_lists_the_others():
    fig = charts.timeline_chart()
    kb = knowledge()
    dated = [e for e in kb.events if e.year is not None]
    labels = " ".join(t.get_text() for t in fig.axes[0].texts)
    for e in dated:
        assert e.date_text in labels
    note = " ".join(t.get_text() for t in fig.texts)
    for e in kb.events:
        if e.year is None:
            assert e.name in note and e.name not in labels
    assert charts.png_bytes(fig).startswith(b"\x89PNG")


def test_coverage_heatmap_and_gantt_of_a_plan():
    plan = examples.ke_hoach_mau_thua_thien_hue()
    counts = charts.coverage_counts([plan])
    assert len(counts) == 7 and all(len(r) == 4 for r in counts)
    assert counts[2][1] == 1 and counts[5][3] == 1  # focus 3 x pillar 2; focus 6 x pillar 4
    heat = charts.coverage_heatmap(plan)
    assert [t.get_text() for t in heat.axes[0].get_yticklabels()][0].startswith("1. ")
    gantt = charts.gantt_chart(plan)
    assert len(gantt.axes[0].patches) == len(plan["hoat_dong"]) + 1  # one bar per activity + the period band
    assert "Thừa Thiên Huế" in gantt.axes[0].get_title()
    for fig in (heat, gantt):
        assert charts.png_bytes(fig).startswith(b"\x89PNG")


def test_quote_display_cites_article_and_outlet():
    shown = display.trich_dan("so_lieu", "luot_can_bo_boi_duong")
    assert "khoảng 2.000 lượt" in str(shown) and "TTXVN/VIETNAM+" in str(shown) and "bài 004" in str(shown)
    assert "ngoaivu-quote" in shown._repr_html_()
    assert "Thái Phúc Sơn" in str(display.tinh_huong("ha_tinh"))
    assert str(display.bang_linh_vuc()).count("\n") == 7
    with pytest.raises(ValueError):
        display.trich_dan("khong_co", 1)


def test_choice_dataclass_is_plain():
    q = Choice("?", ("a", "b"), 1, "vì")
    assert q.options[q.answer] == "b"
