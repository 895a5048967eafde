"""The knowledge base: shape, counts, order, and every citation against its article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.cli import main as cli_main
from grader.knowledge import (
    SOURCE_DATA,
    KnowledgeError,
    fold,
    load,
    normalize_text,
    quote_in_article,
    speaker_span,
    verify_citations,
)
from grader.messages import t


@pytest.fixture(scope="module")
def kb():
    return load()


def test_every_quote_is_verbatim_in_its_article(kb):
    texts = {a.id: a.text for a in kb.articles}
    missing = [(label, c.quote) for label, c in kb.citations() if not quote_in_article(c.quote, texts[c.article])]
    assert missing == []


def test_verification_report_is_clean(kb):
    report = verify_citations(kb)
    assert report.ok, report.failures
    assert report.quotes == sum(1 for _ in kb.citations())
    assert report.quotes >= 100


def test_articles_are_verbatim_copies_of_the_seeds(kb):
    seeds = SOURCE_DATA.parent.parent / "shared" / "seeds"
    for article in kb.articles:
        copy = (SOURCE_DATA / "articles" / article.file).read_bytes()
        copy.decode("utf-8")  # must be UTF-8
        seed = seeds / article.file
        if seed.exists():  # the seeds sit beside the checkout in development, not in CI
            assert copy == seed.read_bytes()


def test_exactly_seven_focus_areas_in_source_order(kb):
    assert [f.number for f in kb.focus_areas] == [1, 2, 3, 4, 5, 6, 7]
    ordinals = ["Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Cuối cùng"]
    text = normalize_text(kb.article("001").text)
    positions = []
    for fa, ordinal in zip(kb.focus_areas, ordinals, strict=True):
        assert fa.citation.article == "001"
        assert fa.citation.quote.startswith(ordinal), fa.number
        positions.append(text.index(normalize_text(fa.citation.quote)))
    assert positions == sorted(positions)
    assert "7 nội dung trọng tâm" in kb.focus_areas_intro.citation.quote


def test_exactly_four_pillars_in_source_order_with_economic_centre(kb):
    assert [p.number for p in kb.pillars] == [1, 2, 3, 4]
    intro = normalize_text(kb.pillars_intro.citation.quote)
    assert "4 trụ cột" in intro
    positions = [intro.index(normalize_text(p.citation.quote)) for p in kb.pillars]
    assert positions == sorted(positions)
    assert kb.pillar(kb.centre.pillar).title == "Ngoại giao kinh tế"
    assert "ngoại giao kinh tế là trung tâm" in kb.centre.citation.quote


def test_focus_area_instruments_are_named_in_the_source(kb):
    assert any("34-NQ/TW" in i for i in kb.focus_area(1).instruments)
    assert any("15-CT/TW" in i for i in kb.focus_area(3).instruments)
    for fa in kb.focus_areas:
        for instrument in fa.instruments:
            code = instrument.split()[2] if instrument.startswith(("Nghị quyết số", "Chỉ thị")) else None
            if code:
                assert code.strip(",") in normalize_text(kb.article("001").text)


def test_lookalike_lists_are_distinct_from_the_real_lists(kb):
    assert len(kb.lookalike_lists) >= 5
    for lst in kb.lookalike_lists:
        assert lst.count == len(lst.items)
        assert lst.article in {"001", "002", "003"}
        assert all(item.citation.article == lst.article for item in lst.items)
        speakers = {s.name for s in kb.article(lst.article).speakers}
        assert lst.speaker in speakers
    counts = {(lst.article, lst.count) for lst in kb.lookalike_lists}
    assert ("002", 4) in counts  # the 4 tasks, not the 4 pillars
    assert ("003", 7) in counts  # the sector's 7 key tasks, not the 7 focus areas


def test_case_study_links_point_to_existing_entries(kb):
    ids = {c.id for c in kb.case_studies}
    assert {
        "thua_thien_hue",
        "ha_tinh",
        "chuoi_su_kien_gap_go",
        "dat_hang_267",
        "thi_truong_moi",
        "hoi_nghi_ngoai_vu_18",
    } <= ids
    for cs in kb.case_studies:
        assert cs.focus_areas or cs.pillars, cs.id
        for n in cs.focus_areas:
            kb.focus_area(n)
        for n in cs.pillars:
            kb.pillar(n)


def test_every_figure_value_appears_in_its_quote(kb):
    for fig in kb.figures:
        assert fig.value_text in fig.citation.quote
        assert int(fig.value_text.replace(".", "")) == fig.value
    assert kb.figure("luot_can_bo_boi_duong").display == "khoảng 2.000 lượt cán bộ"
    assert kb.figure("de_xuat_kien_nghi_dia_phuong").value == 267


def test_no_invented_years(kb):
    """Articles 002 and 004 print a day and month but no year: the events must not invent one."""
    assert kb.event("hoi_nghi_ngoai_vu_18").year is None
    assert kb.event("giao_nhiem_vu_truong_co_quan_dai_dien").year is None
    for ev in kb.events:
        if ev.year is not None:
            assert str(ev.year) in ev.citation.quote, ev.id


def test_records_are_immutable(kb):
    with pytest.raises(AttributeError):
        kb.focus_areas[0].title = "x"  # type: ignore[misc]


def _broken_copy(tmp_path: Path, old: str, new: str, file: str = "knowledge.yaml") -> Path:
    root = tmp_path / "source_data"
    shutil.copytree(SOURCE_DATA, root)
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root


def test_broken_fixture_names_file_and_entry(tmp_path):
    root = _broken_copy(
        tmp_path, '    - number: 3\n      title: "Ngoại giao kinh tế toàn diện', '    - number: 9\n      title: "X'
    )
    with pytest.raises(KnowledgeError, match=r"knowledge\.yaml: focus area 9: numbered 9 but is item 3"):
        load(root)


def test_missing_field_names_file_and_entry(tmp_path):
    root = _broken_copy(tmp_path, "  - id: ha_tinh\n    title:", "  - id: ha_tinh\n    heading:")
    with pytest.raises(KnowledgeError, match=r"knowledge\.yaml: case study ha_tinh: missing field 'title'"):
        load(root)


def test_bad_link_is_rejected(tmp_path):
    root = _broken_copy(
        tmp_path,
        'focus_areas: [3]\n    pillars: [2]\n    citations:\n      - article: "000"\n'
        '        quote: "Bộ Ngoại giao đẩy mạnh',
        "focus_areas: [8]\n    pillars: [2]\n    citations:\n"
        '      - article: "000"\n        quote: "Bộ Ngoại giao đẩy mạnh',
    )
    with pytest.raises(KnowledgeError, match=r"case study thi_truong_moi: focus_areas contains 8"):
        load(root)


def test_altered_quote_fails_verification_and_cli(tmp_path, capsys):
    root = _broken_copy(tmp_path, 'quote: "nơi đang sở hữu 7 di sản', 'quote: "nơi đang sở hữu 8 di sản')
    report = verify_citations(load(root))
    assert not report.ok
    assert any("figure di_san_unesco_hue" in f for f in report.failures)
    assert cli_main(["check-sources", "--source-data", str(root)]) == 1
    verified = report.quotes - len(report.failures)
    assert t("cli.check-sources.failed", problems=len(report.failures), entries=report.entries, verified=verified,
             quotes=report.quotes) in capsys.readouterr().out


def test_cli_check_sources_prints_one_line_summary(capsys):
    assert cli_main(["check-sources"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    report = verify_citations(load())
    assert out == [t("cli.check-sources.ok", entries=report.entries, verified=report.quotes, quotes=report.quotes)]


# --- who said it -------------------------------------------------------------------------------------------


def test_every_quote_with_a_speaker_lies_in_that_speakers_words(kb):
    """A quote carries the speaker the article gives it, or none (kind of defect: quote under the wrong name)."""
    attributed = [(label, c) for label, c in kb.citations() if c.speaker is not None]
    assert len(attributed) >= 40
    wrong = [(label, c.speaker, c.quote) for label, c in attributed
             if speaker_span(kb.article(c.article), c.speaker, c.quote) is None]
    assert wrong == []


def test_every_speaker_span_is_verbatim(kb):
    for a in kb.articles:
        for s in a.speakers:
            for span in s.spans:
                assert quote_in_article(span.start, a.text) and quote_in_article(span.end, a.text), (a.id, s.name)


def test_the_writers_words_do_not_go_under_the_ministers_name(kb):
    writer = kb.concept("phung_su_nen_tang").citation
    assert writer.speaker is None
    assert speaker_span(kb.article("000"), "Bùi Thanh Sơn", writer.quote) is None
    hieu = kb.case_study("nguoi_ket_noi").citations[1]
    assert hieu.speaker == "Nguyễn Như Hiếu"


def test_a_quote_under_the_wrong_speaker_fails_verification(tmp_path, capsys):
    root = _broken_copy(
        tmp_path,
        '    citation:\n      article: "000"\n      quote: "Hơn lúc nào hết',
        '    citation:\n      article: "000"\n      speaker: "Bùi Thanh Sơn"\n      quote: "Hơn lúc nào hết',
    )
    report = verify_citations(load(root))
    assert any("does not give these words to Bùi Thanh Sơn" in f for f in report.failures)
    assert cli_main(["check-sources", "--source-data", str(root)]) == 1
    capsys.readouterr()


def test_no_quote_is_wrapped_in_its_own_quotation_marks(kb):
    """The display adds “…” around a quote: a quote that starts with a quotation mark would show doubled marks."""
    shown = [c for label, c in kb.citations() if not label.endswith(" span")]  # spans are bounds, never shown
    assert [c.quote for c in shown if c.quote.startswith(("“", '"'))] == []


# --- the missing pieces and the lists -----------------------------------------------------------------------


def test_solution_five_serves_delegations_from_localities(kb):
    item = kb.lookalike("sau_giai_phap_xay_dung_nganh").items[4]
    assert item.citation.quote.startswith("Năm là")
    for words in ("thu xếp chương trình", "đoàn công tác trong nước", "địa phương", "đến nước sở tại"):
        assert words in item.citation.quote


def test_three_impressions_of_the_21st_conference(kb):
    lst = kb.lookalike("ba_an_tuong_hoi_nghi_ngoai_vu_21")
    assert (lst.article, lst.speaker, lst.count) == ("001", "Nguyễn Minh Hằng", 3)
    assert [i.citation.quote.split(",")[0] for i in lst.items] == ["Ấn tượng thứ nhất", "Ấn tượng thứ hai",
                                                                  "Ấn tượng thứ ba"]


def test_four_channels_are_in_the_lookalike_table(kb):
    lst = kb.lookalike("bon_kenh_doi_ngoai")
    assert lst.confused_with == "pillars" and lst.count == 4
    assert [i.citation.quote for i in lst.items] == ["đối ngoại đảng", "đối ngoại nhà nước", "ngoại giao nghị viện",
                                                     "đối ngoại nhân dân"]
    assert all(i.citation.quote in lst.citation.quote for i in lst.items)


def test_the_ministrys_support_list_is_not_a_clean_split_from_the_focus_areas(kb):
    support = kb.lookalike("nam_trong_tam_ho_tro_dia_phuong")
    assert "5 trọng tâm" not in support.name and "một số trọng tâm" in support.citation.quote
    assert "việc của Bộ" not in support.contrast.replace("“việc của Bộ, việc của địa phương” không tuyệt đối", "")
    assert "đồng hành hỗ trợ các địa phương" in kb.focus_area(4).citation.quote
    assert "cán bộ biệt phái của Bộ Ngoại giao" in kb.focus_area(7).citation.quote


def test_list_membership_is_computed_from_the_sources(kb):
    assert kb.lists_containing("Các cơ quan đại diện cần tăng cường công tác nghiên cứu") == {
        ("bon_nhiem_vu_truong_co_quan_dai_dien", 3)}
    both = {key for key, _ in kb.lists_containing("đào tạo, bồi dưỡng cán bộ đối ngoại địa phương")}
    assert both == {"focus_areas", "nam_trong_tam_ho_tro_dia_phuong"}
    assert ("focus_areas", 6) in kb.lists_containing("ngoại giao văn hóa")  # "hoá" and "hóa" fold alike
    assert fold("Văn hoá") == fold("văn hóa")


# --- case studies, figures -----------------------------------------------------------------------------------


def test_every_focus_area_is_illustrated_or_says_the_sources_give_none(kb):
    for fa in kb.focus_areas:
        cases = [c for c in kb.case_studies if fa.number in c.focus_areas]
        assert cases or fa.example_note, fa.number
    for c in kb.case_studies:
        for number, index in c.illustrates.items():
            assert number in c.focus_areas and 0 <= index < len(c.citations)


def test_hue_is_tagged_with_everything_its_activities_are_keyed_to(kb):
    hue = kb.case_study("thua_thien_hue")
    assert {3, 4, 6} <= set(hue.focus_areas) and {2, 3, 4} <= set(hue.pillars)
    assert "Bài học" not in hue.summary  # the box prints its own "Bài học" line


def test_the_267_proposals_and_hues_order_are_kept_apart(kb):
    case = kb.case_study("dat_hang_267")
    assert "là một ví dụ" not in case.summary and "không bài nào tính nó vào con số 267" in case.summary


def test_every_figure_names_its_event_and_when(kb):
    """A figure is never shown without its event and date (kind of defect: figures from different events mixed)."""
    for fig in kb.figures:
        event = kb.event(fig.event)
        assert event.name in fig.when, fig.id
        assert any(ch.isdigit() for ch in fig.when), fig.id


def test_articles_state_only_what_the_text_states(kb):
    assert kb.article("000").outlet is None  # the text shows "An Sinh 08:15 | 11/02/2024", not an outlet


_NEW_STYLE_TONE = ("óa", "òa", "ỏa", "õa", "ọa", "óe", "òe", "úy", "ùy", "ủy", "ũy", "ụy")


def test_the_courses_own_words_use_one_spelling(kb):
    """The course writes "hoá", "hoà" (as article 001 and lesson 00); verbatim quotes keep their own spelling."""
    own = [f.title + " " + f.summary + " " + (f.example_note or "") for f in kb.focus_areas]
    own += [p.title + " " + p.summary for p in kb.pillars]
    own += [c.title + " " + c.summary + " " + c.lesson for c in kb.case_studies]
    own += [lst.name + " " + lst.contrast + " " + " ".join(i.title for i in lst.items) for lst in kb.lookalike_lists]
    own += [c.term + " " + c.explanation for c in kb.concepts]
    import re

    text = re.sub(r"“[^”]*”", " ", " ".join(own)).casefold()
    assert [form for form in _NEW_STYLE_TONE if form in text] == []
