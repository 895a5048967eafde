"""The trainees' glossary: every quote is verbatim in its article, and the notebook shows the YAML."""

from __future__ import annotations

import dataclasses

import nbformat
import pytest

from grader import glossary as g
from grader.knowledge import Citation, knowledge, normalize_text


@pytest.fixture(scope="module")
def gl() -> g.Glossary:
    return g.load_glossary()


def test_every_glossary_quote_is_verbatim_in_its_article(gl):
    texts = {a.id: normalize_text(a.text) for a in knowledge().articles}
    quotes = [(e.id, c) for e in gl.entries for c in e.quotes]
    assert len(quotes) >= 40
    for entry_id, c in quotes:
        assert normalize_text(c.quote) in texts[c.article], f"{entry_id}: not in article {c.article}: {c.quote!r}"


def test_the_glossary_verification_finds_nothing_wrong(gl):
    assert g.verify_glossary(gl) == []


def test_a_quote_changed_by_one_word_or_moved_to_another_article_is_caught(gl):
    entry = gl.entry("luot")
    real = entry.quotes[0]
    altered = Citation(real.article, real.quote.replace("khoảng 2.000 lượt", "2.000"))
    moved = Citation("000", real.quote)
    for bad in (altered, moved):
        broken = dataclasses.replace(gl, entries=(dataclasses.replace(entry, quotes=(bad,)),))
        assert g.verify_glossary(broken) != []


def test_an_unsourced_number_or_quoted_phrase_in_an_explanation_is_caught(gl):
    entry = gl.entry("so_ngoai_vu")
    for text in ("Có 63 tỉnh có Sở Ngoại vụ.", "Sở Ngoại vụ là “cơ quan đầu mối duy nhất”."):
        broken = dataclasses.replace(gl, entries=(dataclasses.replace(entry, explanation=text),))
        assert g.verify_glossary(broken) != [], text


def test_the_terms_trainees_asked_about_are_explained(gl):
    terms = " | ".join(e.term for e in gl.entries).casefold()
    for needed in ("sở ngoại vụ", "cục ngoại vụ", "cơ quan đại diện", "kết nghĩa", "lượt", "follow up",
                   "đặt hàng", "ngoại giao kinh tế", "người kết nối", "phụng sự"):
        assert needed in terms, needed


def test_so_and_cuc_ngoai_vu_are_told_apart_from_what_the_sources_say(gl):
    so, cuc = gl.entry("so_ngoai_vu"), gl.entry("cuc_ngoai_vu")
    assert "Cục Ngoại vụ" in so.explanation and "Bộ Ngoại giao" in cuc.explanation
    assert any("Cục trưởng Cục Ngoại vụ, Bộ Ngoại giao" in c.quote for c in cuc.quotes)
    assert any("50 tỉnh, thành phố có Sở Ngoại vụ" in c.quote for c in so.quotes)


def test_the_two_dat_hang_occasions_are_not_merged(gl):
    entry = gl.entry("dat_hang")
    assert "267" in entry.explanation and "Không bài nào nói đặt hàng của Huế nằm trong số 267" in entry.explanation


def test_course_terms_have_no_quote_and_source_terms_have_one(gl):
    for e in gl.entries:
        assert bool(e.quotes) != e.course_term, e.id


def test_a_malformed_entry_is_reported_by_name(tmp_path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text("groups: [{id: a, title: A}]\nentries:\n  - {id: x, term: X, group: a, explanation: Y}\n",
                   encoding="utf-8")
    with pytest.raises(g.GlossaryError, match="entry x"):
        g.load_glossary(bad)


def test_the_committed_notebook_is_the_rendered_glossary():
    assert g.main(["--check"]) == 0, "run: .venv/bin/python -m grader.glossary"


def test_the_glossary_notebook_is_reading_only_and_shows_every_term(gl):
    nb = nbformat.read(g.NOTEBOOK, as_version=4)
    assert all(c.cell_type == "markdown" for c in nb.cells)
    text = "\n".join(c.source for c in nb.cells)
    for e in gl.entries:
        assert f"### {e.term}" in text
        for c in e.quotes:
            assert f"“{normalize_text(c.quote)}” (bài {c.article})" in text


def test_lessons_00_and_05_link_the_glossary():
    root = g.NOTEBOOK.parent
    for name in ("00_huong_dan.ipynb", "05_xay_dung_ke_hoach.ipynb"):
        nb = nbformat.read(root / name, as_version=4)
        assert any("(thuat_ngu.ipynb)" in c.source for c in nb.cells if c.cell_type == "markdown"), name
