"""The knowledge base: shape, counts, order, and every citation against its article."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.cli import main as cli_main
from grader.knowledge import (
    SOURCE_DATA,
    KnowledgeError,
    load,
    normalize_text,
    quote_in_article,
    verify_citations,
)


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
        assert lst.article in {"002", "003"}
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
    assert "FAILED" in capsys.readouterr().out


def test_cli_check_sources_prints_one_line_summary(capsys):
    assert cli_main(["check-sources"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("check-sources: OK:") and "quotes verified" in out[0]
