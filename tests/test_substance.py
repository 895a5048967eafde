"""Each substance rule on its own (grader.substance): words, places, slogans, cue words, plausibility."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grader.knowledge import knowledge, normalize_text
from grader.messages import has
from grader.plan import Activity, Indicator
from grader.substance import boilerplate, copies, cues, lexicon, places, plausibility, profile, related
from grader.substance.text import fold, is_syllable, jaccard, real_words, shingles

# ------------------------------------------------------------------ words


@pytest.mark.parametrize("word", ["nghiêng", "khuya", "quyết", "giữa", "gì", "đầu", "tư", "Huế", "ngoằn", "khuỷu"])
def test_vietnamese_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["abc", "xyz", "test", "asdf", "qwe", "aaa", "Tokyo", "x1", "12"])
def test_not_vietnamese_syllables(word):
    assert not is_syllable(word)


def test_digits_letters_repeats_and_filler_are_not_words():
    assert real_words("1 2 3 4 5 6 7 8") == []
    assert real_words("a b c d e f g h x y z") == []
    assert real_words("đẩy mạnh đẩy mạnh đẩy mạnh") == ["đẩy", "mạnh"]
    assert real_words("abc xyz lorem ipsum test asdf") == []


def test_names_abbreviations_and_counted_numbers_are_words():
    words = real_words("Hội nghị với JETRO tại Tokyo giới thiệu 7 di sản UNESCO theo Nghị quyết 34-NQ/TW")
    for expected in ("JETRO", "Tokyo", "7", "UNESCO", "34-NQ/TW", "hội", "nghị"):
        assert expected in words


def test_capitalised_gibberish_counts_only_a_few_times():
    assert len(real_words("Abcd Bcde Cdef Defg Efgh Fghi Ghij")) <= 3


def test_similarity_is_bounded_and_linear():
    long_text = "hội nghị xúc tiến đầu tư " * 10_000
    assert len(shingles(long_text)) <= 400
    assert jaccard(shingles("hội nghị xúc tiến đầu tư tại Tokyo"), shingles("hội nghị xúc tiến đầu tư tại Osaka")) > 0.6
    assert jaccard(shingles("lớp bồi dưỡng tiếng Anh"), shingles("đoàn công tác tới Seoul")) == 0


# ------------------------------------------------------------------ places


@pytest.mark.parametrize("market", ["Ấn Độ", "Nhật Bản", "Hàn Quốc", "Hoa Kỳ", "Thái Lan", "Indonesia", "Singapore",
                                    "Trung Đông", "Tokyo", "Osaka", "Busan", "Seoul", "Pháp"])
def test_real_markets(market):
    assert places.is_market(market)


@pytest.mark.parametrize("vague", ["Các thị trường tiềm năng", "nước ngoài", "quốc tế", "thế giới", "x", ""])
def test_vague_markets(vague):
    assert not places.is_market(vague)


@pytest.mark.parametrize("province", ["Thừa Thiên Huế", "Thừa Thiên-Huế", "Hà Tĩnh", "tỉnh Bình Định", "Kiên Giang",
                                      "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "Đà Nẵng", "Thành phố Huế"])
def test_provinces_old_and_new(province):
    assert places.is_province(province)


@pytest.mark.parametrize("name", ["Tỉnh ABC", "Tokyo", "Các tỉnh miền Trung", "Nhật Bản", ""])
def test_not_provinces(name):
    assert not places.is_province(name)


def test_named_organisations_need_a_name():
    found = places.organisations_in("Phối hợp Đại sứ quán Việt Nam tại Nhật Bản, JETRO và doanh nghiệp Hàn Quốc")
    assert "JETRO" in found and any("dai su quan" in f for f in found) and any("han quoc" in f for f in found)
    assert places.organisations_in("Tổ chức hội nghị mời các nhà đầu tư nước ngoài tham dự") == []
    assert "hoc vien ngoai giao" in places.organisations_in("Mời Học viện Ngoại giao giảng dạy")


# ------------------------------------------------------------------ slogans


def _corpus() -> str:
    kb = knowledge()
    texts = [normalize_text(a.text) for a in kb.articles]
    from pathlib import Path

    course = Path(__file__).resolve().parent.parent / "course"
    texts += [p.read_text(encoding="utf-8") for p in sorted(course.glob("*.ipynb"))]
    return fold(" ".join(texts))


def test_every_slogan_comes_from_the_sources_or_the_lessons():
    corpus = f" {_corpus()} "
    missing = [s for s in boilerplate.SLOGANS if f" {fold(s)} " not in corpus]
    assert not missing, missing


def test_slogan_share():
    assert boilerplate.analyse("Đẩy mạnh ngoại giao kinh tế toàn diện, hiệu quả, thực chất, phát huy tiềm năng, "
                               "thế mạnh").share == 1.0
    concrete = boilerplate.analyse("Phối hợp với Đại sứ quán Việt Nam tại Nhật Bản tổ chức hội nghị giới thiệu 12 "
                                   "dự án du lịch cho doanh nghiệp Nhật Bản tại Tokyo")
    assert concrete.share < 0.2


def test_copied_source_sentences_count_as_slogans():
    copied = ("Đẩy mạnh công tác đào tạo, bồi dưỡng cán bộ đối ngoại địa phương, nâng cao hơn nữa phong cách "
              "chuyên nghiệp, hiện đại")
    assert boilerplate.analyse(copied).share > 0.9


# ------------------------------------------------------------------ cue words


def test_cues_come_from_the_knowledge_base():
    kb = knowledge()
    for fa in kb.focus_areas:
        text = fold(f"{fa.title} {fa.summary} {fa.citation.quote}")
        assert cues.hits(text, tuple(fold(c) for c in cues.FOCUS_AREA_CUES[fa.number])), fa.number
    for p in kb.pillars:
        text = fold(f"{p.title} {p.summary}")
        assert cues.hits(text, tuple(fold(c) for c in cues.PILLAR_CUES[p.number])), p.number
    assert set(cues.PARTNER_CUES) == {pk.id for pk in kb.partner_kinds}


def test_cues_are_not_found_in_slogans():
    text = boilerplate.without_slogans("Đẩy mạnh ngoại giao kinh tế toàn diện, hiệu quả, thực chất")
    assert not cues.focus_area_supported(3, text)
    assert cues.focus_area_supported(3, boilerplate.without_slogans("Hội nghị giới thiệu dự án cho nhà đầu tư"))


# ------------------------------------------------------------------ plausibility


@pytest.mark.parametrize(("target", "unit", "problem"), [
    (10, "nhà đầu tư", None), (10.5, "nhà đầu tư", "substance.target_not_whole"),
    (0.001, "x", None), (0, "doanh nghiệp", "substance.target_not_positive"),
    (150, "%", "substance.target_too_large"), (2.5, "tỷ đồng", None), (10**9, "người", "substance.target_too_large"),
])
def test_targets(target, unit, problem):
    assert plausibility.target_problem(target, unit) == problem


def test_units_come_from_the_vocabulary():
    assert plausibility.known_unit("lượt khách")
    assert plausibility.known_unit("doanh nghiệp Nhật Bản") == "doanh nghiep"
    assert plausibility.known_unit("x") is None
    assert plausibility.unit_in_phrase("3 cơ quan đại diện dùng cẩm nang") == "co quan dai dien"


def test_activity_kinds_and_budgets():
    kind = plausibility.activity_kind("Lớp bồi dưỡng tiếng Anh cho cán bộ", None)
    assert kind is not None and kind.id == "dao_tao"
    low, high = plausibility.budget_bounds(kind)
    assert low <= 300_000_000 <= high and not low <= 1 <= high
    assert plausibility.activity_kind("Hội nghị xúc tiến đầu tư tại Tokyo", None).id == "hoi_nghi"
    assert plausibility.activity_kind("x", "y") is None


# ------------------------------------------------------------------ fluency and the activity profile


def test_salads_of_words_are_not_sentences():
    sentence = "Tổ chức hội nghị giới thiệu các dự án của tỉnh cho nhà đầu tư nước ngoài"
    salad = "Bàn ghế cây lá mây trời sông núi nhà cửa gió mưa"
    assert lexicon.fluency(sentence) > 0.8 and lexicon.fluency(salad) < 0.2
    assert lexicon.longest_unknown_run(salad) >= 5 and lexicon.longest_unknown_run(sentence) <= 1


def test_lexicon_holds_the_words_of_the_sources():
    pairs = lexicon.pairs()
    for word in ("hoi nghi", "doanh nghiep", "dau tu", "ngoai giao", "kieu bao", "di san"):
        assert word in pairs


def _activity(title: str, description: str, metric: str = "10 nhà đầu tư Nhật Bản đến khảo sát") -> Activity:
    return Activity(number=1, title=title, description=description, focus_areas=(3,), pillars=(2,),
                    partners=("doanh_nghiep_nuoc_ngoai",), lead_unit="Sở Ngoại vụ", start=dt.date(2024, 3, 1),
                    end=dt.date(2024, 6, 30), indicators=(Indicator(metric, 10, "nhà đầu tư", None),),
                    budget=800_000_000, signs_agreements=False, follow_ups=())


def test_profile_counts_real_activities_only():
    real = _activity("Hội nghị xúc tiến đầu tư tại Tokyo",
                     "Phối hợp với Đại sứ quán Việt Nam tại Nhật Bản tổ chức hội nghị giới thiệu 12 dự án cho "
                     "doanh nghiệp Nhật Bản")
    slogan = _activity("Đẩy mạnh ngoại giao kinh tế", "Đẩy mạnh ngoại giao kinh tế toàn diện, hiệu quả, thực chất, "
                       "phát huy tiềm năng, thế mạnh, tăng cường thu hút nguồn lực")
    nonsense = _activity("x", "1 2 3 4 5 6 7 8")
    assert profile(real).counts and not profile(slogan).counts and not profile(nonsense).counts
    assert profile(real).kind.id == "hoi_nghi" and "nhat ban" in profile(real).places


def test_indicator_related_to_its_activity():
    a = _activity("Lớp bồi dưỡng tiếng Nhật", "Mở lớp bồi dưỡng tiếng Nhật cho 30 cán bộ tại Huế")
    assert related("30 cán bộ hoàn thành lớp bồi dưỡng", a)
    assert not related("30 bài viết về ẩm thực đường phố", a)


def test_every_substance_message_exists():
    import re
    from pathlib import Path

    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(__file__).resolve().parent.parent / "grader")
                       .rglob("*.py"))
    for key in set(re.findall(r'"(substance\.[a-z_]+)"', source)):
        assert has(key), key


def test_gazetteer_file_is_up_to_date():
    """grader/substance/places.json is what `python -m grader.substance.places` builds from the data packages."""
    import json

    built = places.gazetteer_data(places.build_gazetteer())
    assert json.loads(places.GAZETTEER.read_text(encoding="utf-8")) == json.loads(json.dumps(built))


def test_lexicon_file_covers_the_sources_words():
    """The shipped word list holds every two-syllable word of the articles (rebuild it with
    `python -m grader.substance.lexicon` when the course's texts change)."""
    kb = knowledge()
    known = lexicon.pairs()
    missing = set()
    for article in kb.articles:
        for line in article.text.splitlines():
            words = lexicon.words_of(line, True)
            missing |= {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
                        if a.isalpha() and b.isalpha()} - known
    assert not missing, sorted(missing)[:20]



def test_verbs_of_the_work_are_vietnamese_words():
    for verb in cues.ACTION_VERBS:
        assert all(is_syllable(w) for w in verb.split()), verb
    assert cues.has_action("Phối hợp Đại sứ quán tổ chức hội nghị") and cues.has_action("to chuc hoi nghi")
    assert not cues.has_action("Hội chợ bàn ghế") and not cues.has_action("cụ thể di sản mới")


# --------------------------------------------------------------------------- copies of the course's own examples

CALIBRATION = Path(__file__).resolve().parent / "calibration"
CRITERIA_DIR = Path(__file__).resolve().parent.parent / "exercises" / "criteria"


def _renamed(text: str) -> str:
    for old, new in (("Hà Tĩnh", "Thừa Thiên Huế"), ("Thái Lan", "Nhật Bản"), ("Bangkok", "Tokyo"),
                     ("Indonesia", "Hàn Quốc"), ("Jakarta", "Seoul"), ("40", "35"), ("20", "25")):
        text = text.replace(old, new)
    return text


def test_copies_of_the_course_examples_are_found_with_places_and_numbers_changed():
    from grader import examples
    from grader.plan import read_plan, read_proposal

    for text in (examples.ke_hoach_mau_van_ban(), _renamed(examples.ke_hoach_mau_van_ban())):
        plan = read_plan(text)
        for a in plan.activities:
            assert copies.is_course_copy(f"{a.title}. {a.description}"), a.title
        assert all(copies.is_course_copy(o) for o in plan.objectives)
    p = read_proposal(_renamed(examples.dat_hang_mau_van_ban()))
    assert copies.is_course_copy(f"{p.request} {p.expected_result}")


def test_honest_plans_are_not_copies():
    from grader.plan import read_plan, read_proposal

    for path in sorted(CALIBRATION.glob("*/strong_*.txt")) + sorted(CALIBRATION.glob("*/thin_*.txt")):
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "bt4":
            p = read_proposal(text)
            assert copies.copied_share(f"{p.request} {p.expected_result}") < copies.COPY_SHARE - 0.2, path.name
            continue
        for a in read_plan(text).activities:
            assert copies.copied_share(f"{a.title}. {a.description}") < copies.COPY_SHARE - 0.1, (path.name, a.title)
    # the exercise's own format example, elaborated in the trainee's words, is the trainee's work
    own = ("Hội nghị xúc tiến đầu tư Thừa Thiên Huế tại Tokyo. Phối hợp với Đại sứ quán Việt Nam tại Nhật Bản tổ "
           "chức hội nghị tại Tokyo giới thiệu 12 dự án du lịch nghỉ dưỡng ven biển Lăng Cô và khu công nghệ cao "
           "Chân Mây cho 40 doanh nghiệp Nhật Bản, mời JETRO giới thiệu nhà đầu tư quan tâm.")
    assert not copies.is_course_copy(own)


def test_copies_count_only_at_grading_where_the_instructor_criteria_are_loaded():
    from grader import assignments, examples
    from grader.plan import read_plan

    assignments.unload_hidden()  # the trainee's side: whatever an earlier test left loaded
    activity = read_plan(_renamed(examples.ke_hoach_mau_van_ban())).activities[0]
    assert profile(activity).course_copy and profile(activity).counts  # the self-check: no oracle, lesson 05 clean
    assignments.load_hidden(CRITERIA_DIR)
    try:
        assert copies.enforced() and not profile(activity).counts
    finally:
        assignments.unload_hidden()
    assert not copies.enforced()


def test_course_texts_file_is_up_to_date():
    """grader/substance/course_texts.txt holds what `python -m grader.substance.copies` collects (rebuild it when
    the examples, lesson 05 or the exercises' instructions change; a few edited lines are tolerated)."""
    shipped = set(copies.COURSE_TEXTS.read_text(encoding="utf-8").splitlines())
    built = copies.build(copies.shown_texts())
    assert sum(line in shipped for line in built) >= 0.95 * len(built)


def test_course_copy_check_is_linear():
    import time

    copies.course_shingles()
    text = "Hội nghị xúc tiến đầu tư tại Tokyo với doanh nghiệp Nhật Bản " * 200
    start = time.perf_counter()
    copies.copied_share(text)
    assert time.perf_counter() - start < 0.5


def test_article_texts_file_is_up_to_date():
    """grader/substance/article_texts.txt holds the source articles' passages as `python -m
    grader.substance.copies` collects them (the articles do not change; the file must follow if they do)."""
    shipped = copies.ARTICLE_TEXTS.read_text(encoding="utf-8").splitlines()
    assert shipped == copies.build(copies.article_texts())


# --- the articles retold in other words (grader.checks.gates RETOLD_*) ----------------------------------------

HELDOUT = Path(__file__).resolve().parent / "heldout"
CALIBRATION = Path(__file__).resolve().parent / "calibration"
RETOLD = [HELDOUT / "bt3" / "copy_1_cau_bai_bao_dien_dat_lai.txt",
          HELDOUT / "bt5" / "copy_1_bay_noi_dung_dien_dat_lai.txt"]


def _gate_keys(path: Path) -> tuple[set[str], set[str]]:
    from grader.checks.gates import plan_gate
    from grader.plan import read_plan

    copies.enforce(True)
    try:
        gate = plan_gate(read_plan(path.read_text(encoding="utf-8")))
    finally:
        copies.enforce(False)
    return {f.key for f in gate.findings}, {f.key for f in gate.review}


@pytest.mark.parametrize("path", RETOLD, ids=lambda p: p.parent.name)
def test_the_articles_retold_in_other_words_are_capped_and_go_to_the_instructor(path: Path) -> None:
    findings, review = _gate_keys(path)
    assert "gate.plan_retold" in findings and "review.plan_retold" in review


@pytest.mark.parametrize("path", RETOLD, ids=lambda p: p.parent.name)
def test_the_self_check_warns_of_a_retelling_before_submission(path: Path) -> None:
    from grader.checks.gates import copy_notices
    from grader.plan import read_plan

    notices = copy_notices(read_plan(path.read_text(encoding="utf-8")))
    assert "gate.notice_retold_activities" in {f.key for f in notices}


def test_no_honest_plan_is_taken_for_a_retelling() -> None:
    """Strong, terse, mediocre and thin plans (short lines sharing a case's words are thin, not retold), in the
    calibration and held-out sets."""
    honest = [p for folder in (CALIBRATION, HELDOUT) for p in folder.glob("bt[35]/*.txt")
              if p.stem.split("_", 1)[0] in {"strong", "slip", "terse", "mediocre", "thin"}]
    assert len(honest) >= 20
    taken = [p.stem for p in honest if "gate.plan_retold" in _gate_keys(p)[0]]
    assert not taken


def test_a_retelling_is_judged_by_its_words_not_their_order() -> None:
    """A retold activity with its clauses in another order, and its places changed, keeps its share (a paraphrase
    reorders phrases and keeps a case's own words); a plan's own activity in the trade's words does not reach it."""
    text = ("Ngay bên lề hội nghị ở Hà Nội, Giám đốc Sở Ngoại vụ tranh thủ gặp nhanh một số Đại sứ, Trưởng Cơ quan "
            "đại diện ta tại Nhật Bản và Hàn Quốc để trao đổi về việc xúc tiến đầu tư và quảng bá du lịch của Huế, "
            "gửi gắm các kỳ vọng, đề xuất của tỉnh")
    clauses = [c.strip() for c in text.split(",")]
    reordered = ", ".join(clauses[2:] + clauses[:2]).replace("Hà Nội", "Đà Nẵng").replace("Nhật Bản", "Úc")
    assert copies.retold_share(text) >= 0.4
    assert copies.retold_share(", ".join(reversed(clauses))) >= 0.4
    assert copies.retold_share(reordered) >= 0.4
    own = ("Sở Ngoại vụ phối hợp với Đại sứ quán Việt Nam tại Nhật Bản và JETRO tổ chức hội nghị giới thiệu 12 dự án "
           "chế biến nông sản của tỉnh cho 40 doanh nghiệp Osaka, kèm chuyến khảo sát khu công nghiệp Phú Bài")
    assert copies.retold_share(own) < 0.4
    assert copies.retold_share("Gặp Đại sứ bên lề hội nghị để gửi gắm kỳ vọng của tỉnh") == 0.0  # too short to judge


# --- a proposal restating the course's worked examples in other words (gates.proposal_retold) ------------------

HELDOUT3 = Path(__file__).resolve().parent / "heldout3"


def test_example_texts_file_is_up_to_date():
    """grader/substance/example_texts.txt holds the worked examples as `python -m grader.substance.copies` builds
    them (one unit per line: a worked proposal's request and result, a worked activity's title and description)."""
    shipped = copies.EXAMPLE_TEXTS.read_text(encoding="utf-8").splitlines()
    assert shipped == copies.example_lines()
    assert all("\t" in line and line.split("\t")[0] for line in shipped)  # words, then the example's numbers


def _reworded_worked_proposal(market: str, city: str) -> str:
    """The worked proposal with a synonym every few words and another market: no five words in a row are left."""
    from grader import examples

    text = examples.dat_hang_mau_van_ban().replace("Thái Lan", market).replace("Bangkok", city)
    for old, new in (("Đề nghị", "Kính đề nghị"), ("cung cấp", "gửi"), ("nông sản, thủy sản", "thực phẩm, hải sản"),
                     (" ở ", " tại "), ("quan tâm đến", "có quan tâm tới"), ("sản phẩm", "hàng hoá"),
                     (", và giới thiệu", ", đồng thời giới thiệu"), ("tham gia", "dự"), ("vào tháng", "trong tháng"),
                     ("làm việc trực tiếp với", "gặp trực tiếp"), ("để xuất khẩu", "nhằm bán"),
                     ("kêu gọi", "mời"), ("của tỉnh.", "tại tỉnh.")):
        text = text.replace(old, new, 1)
    return text.replace("Hà Tĩnh", "Quảng Trị")


@pytest.mark.parametrize("market,city", [("Malaysia", "Kuala Lumpur"), ("Indonesia", "Jakarta"),
                                         ("Hàn Quốc", "Seoul")])
def test_the_worked_proposal_reworded_is_capped_and_the_self_check_warns(market: str, city: str) -> None:
    from grader.checks.gates import RETOLD_CAP, copy_notices, proposal_gate
    from grader.plan import read_proposal

    p = read_proposal(_reworded_worked_proposal(market, city))
    assert copies.copied_share(f"{p.request} {p.expected_result}") < copies.COPY_SHARE  # the 5-grams are broken
    assert not proposal_gate(p).findings  # the rule applies at grading only ...
    assert "gate.notice_retold_proposal" in {f.key for f in copy_notices(p)}  # ... and the self-check says so
    copies.enforce(True)
    try:
        gate = proposal_gate(p)
    finally:
        copies.enforce(False)
    assert gate.cap <= RETOLD_CAP and "gate.proposal_retold" in {f.key for f in gate.findings}
    assert "review.proposal_retold" in {f.key for f in gate.review}


REWORDED_COURSE_PROPOSALS = [HELDOUT / "bt4" / "copy_1_de_xuat_mau_dien_dat_lai.txt",
                              HELDOUT3 / "bt4" / "copy_1_de_xuat_mau_dien_dat_khac.txt"]


@pytest.mark.parametrize("path", REWORDED_COURSE_PROPOSALS, ids=lambda p: p.parent.parent.name)
def test_the_red_teams_reworded_course_proposals_are_retold(path: Path) -> None:
    from grader.checks.gates import proposal_retold
    from grader.plan import read_proposal

    assert proposal_retold(read_proposal(path.read_text(encoding="utf-8")))


def test_no_honest_proposal_is_taken_for_the_worked_example_restated() -> None:
    """Strong, terse, mediocre and thin proposals of the calibration and held-out sets, including one that follows
    the worked proposal's frame with its own trade ("danh sách 20 hãng lữ hành ... hội chợ du lịch ...")."""
    from grader.checks.gates import proposal_retold
    from grader.plan import read_proposal

    honest = [p for folder in (CALIBRATION, HELDOUT, HELDOUT3) for p in folder.glob("bt4/*.txt")
              if p.stem.split("_", 1)[0] in {"strong", "slip", "terse", "mediocre", "thin"}]
    assert len(honest) >= 15
    proposals = {p.stem: read_proposal(p.read_text(encoding="utf-8")) for p in honest}
    assert not [stem for stem, p in proposals.items() if proposal_retold(p)]
    frame = proposals["strong_1_an_do_lu_hanh"]
    assert copies.example_share(f"{frame.request} {frame.expected_result}") < copies.EXAMPLE_SHARE - 0.05


def test_an_example_restated_is_judged_both_ways() -> None:
    """A short text made of the worked proposal's words does not restate it (it holds little of the example), nor
    does the worked proposal buried in a long request of the trainee's own (little of the text is the example)."""
    from grader import examples

    worked = examples.dat_hang_mau()
    text = f"{worked['noi_dung']} {worked['ket_qua_mong_doi']}"
    assert copies.example_share(text) > 0.95
    assert copies.example_share("Đề nghị cung cấp danh sách nhà nhập khẩu nông sản, thủy sản ở Bangkok quan tâm "
                                "đến sản phẩm của tỉnh") < copies.EXAMPLE_SHARE
    assert copies.example_share("Gửi danh sách nhà nhập khẩu") == 0.0  # too short to judge


# --- one activity reworded in every slot (checks._common.echo) -----------------------------------------------

HONEST_KINDS = {"strong", "slip", "terse", "mediocre", "thin"}


def _full_activity(title: str, description: str, metric: str, follow_up: str, partners: tuple[str, ...],
              budget: int, target: int) -> Activity:
    from grader.plan import FollowUp

    return Activity(number=1, title=title, description=description, focus_areas=(3, 4), pillars=(2,),
                    partners=partners, lead_unit="Sở Ngoại vụ", start=dt.date(2027, 4, 1), end=dt.date(2027, 6, 30),
                    indicators=(Indicator(metric, target, "doanh nghiệp", dt.date(2027, 6, 30)),), budget=budget,
                    signs_agreements=True, follow_ups=(FollowUp(follow_up, dt.date(2028, 3, 31)),))


def test_one_activity_reworded_and_reordered_is_the_same_activity() -> None:
    """Word order, the partner kinds, the budget, the numbers and the places changed: still one activity. Two
    honest missions to two markets about other products, partners and purposes stay apart."""
    from grader.checks._common import ECHO_LIMIT, _similar, echo

    one = _full_activity("Hội nghị đầu tư và du lịch di sản Huế tại Bangkok",
                    "Sở Ngoại vụ cùng Đại sứ quán Việt Nam tại Thái Lan tổ chức hội nghị giới thiệu 8 dự án khách sạn "
                    "di sản và tour Đại Nội cho 40 doanh nghiệp Thái Lan tại Bangkok",
                    "40 doanh nghiệp Thái Lan dự hội nghị",
                    "Sở Kế hoạch và Đầu tư làm việc lại với từng nhà đầu tư Thái Lan đã ký biên bản ghi nhớ",
                    ("co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai"), 600_000_000, 40)
    reworded = _full_activity("Giới thiệu dự án khách sạn di sản và tour Đại Nội ở Kuala Lumpur",
                         "Cùng Đại sứ quán Việt Nam tại Malaysia, Sở Ngoại vụ mời 35 công ty Malaysia dự buổi giới "
                         "thiệu tại Kuala Lumpur về 7 dự án khách sạn trong vùng di sản và các tour tham quan Đại Nội",
                         "35 công ty Malaysia tham dự buổi giới thiệu",
                         "Sở Kế hoạch và Đầu tư làm việc lại với từng nhà đầu tư Malaysia đã ký biên bản ghi nhớ",
                         ("co_quan_dai_dien", "hiep_hoi_doanh_nghiep"), 550_000_000, 35)
    other = _full_activity("Đoàn xúc tiến thương mại nông sản của tỉnh tại Tokyo",
                      "Sở Công Thương phối hợp Thương vụ Việt Nam tại Nhật Bản đưa 12 doanh nghiệp chế biến tôm và "
                      "cà phê sang Tokyo gặp các nhà phân phối, chuỗi siêu thị AEON để ký đơn hàng xuất khẩu",
                      "12 đơn hàng xuất khẩu tôm, cà phê được ký với nhà phân phối Nhật Bản",
                      "Sở Công Thương theo dõi việc giao hàng theo các đơn hàng đã ký và báo cáo UBND tỉnh",
                      ("co_quan_dai_dien", "doanh_nghiep_nuoc_ngoai"), 600_000_000, 12)
    assert echo(one, reworded) >= ECHO_LIMIT and _similar(reworded, one)
    assert echo(one, other) < ECHO_LIMIT - 0.2 and not _similar(other, one)


def test_the_red_teams_reworded_clone_counts_once() -> None:
    from grader.checks._common import substantive_activities
    from grader.checks.gates import plan_gate
    from grader.plan import read_plan

    plan = read_plan((HELDOUT3 / "bt3" / "clone_1_mot_hoi_nghi_bon_thu_do.txt").read_text(encoding="utf-8"))
    assert len(substantive_activities(plan)) == 1
    assert "gate.plan_cloned" in {f.key for f in plan_gate(plan).findings}


def test_no_two_activities_of_an_honest_plan_echo_each_other() -> None:
    """Every honest plan of the calibration and held-out sets: no pair of activities reaches the limit (the
    closest pairs of strong, slip, terse and mediocre plans are at 0.36, far under it)."""
    from grader.checks._common import ECHO_LIMIT, echo
    from grader.plan import read_plan

    honest = [p for folder in (CALIBRATION, HELDOUT, HELDOUT3) for p in folder.glob("bt[35]/*.txt")
              if p.stem.split("_", 1)[0] in HONEST_KINDS]
    assert len(honest) >= 40
    merged = []
    for path in honest:
        acts = read_plan(path.read_text(encoding="utf-8")).activities
        merged += [(path.stem, a.number, b.number) for i, a in enumerate(acts) for b in acts[i + 1:]
                   if echo(a, b) >= ECHO_LIMIT]
    assert not merged


def test_a_request_in_the_worked_examples_frame_with_its_own_numbers_goes_to_the_instructor_uncapped() -> None:
    """A Lào Cai request written in the worked proposal's frame ("danh sách 20 doanh nghiệp ... giới thiệu tỉnh tham
    gia hội chợ ... tháng 9") with its own market, products and numbers shares as many words with the example as a
    reworded copy does (0.64 against 0.66); what tells them apart is the example's own numbers (20, 15, tháng 5),
    which the copies keep. It is not capped and not warned about; the instructor reads it."""
    from test_neighbour_places import YUNNAN

    from grader.checks.gates import copy_notices, proposal_gate
    from grader.plan import read_proposal

    p = read_proposal(YUNNAN)
    assert copies.restates_examples(f"{p.request} {p.expected_result}")
    assert not copy_notices(p)
    copies.enforce(True)
    try:
        gate = proposal_gate(p)
    finally:
        copies.enforce(False)
    assert gate.cap == 1.0 and not gate.findings
    assert [f.key for f in gate.review] == ["review.proposal_like_example"]
