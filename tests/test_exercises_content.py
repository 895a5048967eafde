"""The answer keys of exercises 1 and 2 are grounded in the knowledge base and the article text.

No Jupyter here: these tests read the specifications, the instructor-side keys
(``exercises/criteria/``, loaded as the grading path loads them), the knowledge
base, the catalogue and the source notebooks.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from exercise_keys import CRITERIA, KEY1, KEY2

from grader.assignments import AnswerError, evaluate_all, get, load_hidden, unload_hidden
from grader.assignments import bt1_phan_loai as bt1
from grader.assignments import bt2_doc_nguon as bt2
from grader.knowledge import knowledge, normalize_text, quote_in_article, speaker_span
from grader.messages import t

SOURCE = Path(__file__).resolve().parent.parent / "exercises" / "source"


@pytest.fixture(autouse=True)
def hidden_criteria():
    load_hidden(CRITERIA)
    yield
    unload_hidden()


def notebook_text(aid: str) -> str:
    nb = nbformat.read(str(SOURCE / aid / f"{aid}.ipynb"), as_version=4)
    return normalize_text("\n".join(c.source for c in nb.cells))


# --- exercise 1 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("activity", bt1.ACTIVITIES, ids=lambda a: a.key)
def test_bt1_activity_comes_from_its_article(activity: bt1.Activity) -> None:
    assert quote_in_article(activity.citation.quote, knowledge().article(activity.citation.article).text)


@pytest.mark.parametrize("activity", bt1.ACTIVITIES, ids=lambda a: a.key)
def test_bt1_answer_key_is_worded_in_the_knowledge_base(activity: bt1.Activity) -> None:
    key = KEY1.KEYS[activity.key]
    for number, words in key.focus_basis.items():
        assert normalize_text(words) in normalize_text(KEY1.basis_text("linh_vuc", number)), (number, words)
    for number, words in key.pillar_basis.items():
        assert normalize_text(words) in normalize_text(KEY1.basis_text("tru_cot", number)), (number, words)


def test_the_installed_exercise_modules_hold_no_answer_key() -> None:
    for module in (bt1, bt2):
        assert not [c for c in module.ASSIGNMENT.criteria if c.hidden]
        assert module.ASSIGNMENT.hidden_at_grading
    assert not hasattr(bt1.Activity, "focus_areas") and not hasattr(bt2, "STATEMENTS")


def test_bt1_notebook_shows_lists_and_activities() -> None:
    text = notebook_text("bt1_phan_loai")
    kb = knowledge()
    for record in (*kb.focus_areas, *kb.pillars):
        assert normalize_text(record.title) in text
    for a in bt1.ACTIVITIES:
        assert normalize_text(t(f"bt1.activity.{a.key}.text")) in text
        assert f'"{a.key}"' in text


def test_bt1_reads_answers_leniently() -> None:
    with pytest.raises(AnswerError):
        bt1.parse(["not", "a", "dict"])
    answer = bt1.parse({"dau_tu_hue": {"linh_vuc": "3", "tru_cot": 2.0}, "la": {}})
    assert answer.items["dau_tu_hue"] == bt1.Classification(3, 2)
    assert any(f.key == "bt1.unknown_key" for f in answer.problems)
    results = {r.criterion: r.earned for r in evaluate_all("bt1_phan_loai", [], include_hidden=True)}
    assert set(results.values()) == {0.0}


# --- exercise 2 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", list(KEY2.STATEMENTS))
def test_bt2_statements_are_verbatim_and_listed(question: str) -> None:
    list_id, _ = KEY2.STATEMENTS[question]
    assert list_id in bt2.LIST_OPTIONS.values() and question in bt2.STATEMENT_KEYS
    kb = knowledge()
    article = "001" if list_id in ("focus_areas", "pillars") else kb.lookalike(list_id).article
    assert quote_in_article(KEY2.statement(question)[1:], kb.article(article).text)
    assert normalize_text(KEY2.statement(question)) in notebook_text("bt2_doc_nguon")


@pytest.mark.parametrize("question", KEY2.who_questions(), ids=lambda q: q.key)
def test_bt2_speakers_and_occasions_match_the_articles(question) -> None:
    kb = knowledge()
    article = kb.article(question.article)
    assert quote_in_article(question.quote, article.text)
    assert question.speaker in {s.name for s in article.speakers}
    assert speaker_span(article, question.speaker, question.quote) is not None  # the article gives them these words
    assert question.speaker in bt2.SPEAKERS.values()
    assert question.occasion in bt2.OCCASIONS.values()
    kb.event(question.occasion)
    assert normalize_text(question.quote) in notebook_text("bt2_doc_nguon")


def test_bt2_every_speaker_option_is_a_source_speaker() -> None:
    names = {s.name for a in knowledge().articles for s in a.speakers}
    assert set(bt2.SPEAKERS.values()) <= names


def test_bt2_figures_come_from_the_knowledge_base() -> None:
    text = notebook_text("bt2_doc_nguon")
    assert set(KEY2.FIGURES_18 + KEY2.FIGURES_21) == set(bt2.FIGURES)
    for fid in bt2.FIGURES:
        knowledge().figure(fid)
        assert f'"{fid}"' in text


def test_bt2_thousands_written_with_a_dot_get_a_hint() -> None:
    answer = bt2.parse({"so_lieu": {"luot_can_bo_boi_duong": 2.000, "so_tinh_co_so_ngoai_vu": "50"}})
    assert answer.figures["luot_can_bo_boi_duong"] == 2000  # read as meant, with a note (issue 20)
    assert any(p.key == "bt2.thousands_hint" for p in answer.problems)
    assert answer.figures["so_tinh_co_so_ngoai_vu"] == 50
    assert answer.figure_hints["luot_can_bo_boi_duong"].key == "bt2.thousands_hint"


@pytest.mark.parametrize("aid", ["bt1_phan_loai", "bt2_doc_nguon"])
def test_public_and_hidden_criteria(aid: str) -> None:
    spec = get(aid)
    assert spec.public_criteria and spec.hidden_criteria
    for c in spec.criteria:
        assert t(c.title_key) and t(c.title_key, locale="en")
