"""Round 5 of the reading rules (issue 19, third red team): general rules, each tested on texts of its own.

- a proposal that reads clearly as a whole is not refused because one of its texts, in words the training texts
  lack, falls just short of its own threshold;
- abbreviations reach every reader of a proposal (recipient, what is asked, of whom, the tags' cues), the
  activity-kind reader, the exercises' word lists (activity_text) and the follow-up's owner;
- comma-separated items of the form verb + name(s) or number are the entries of a list.
"""

from __future__ import annotations

from grader.substance import reading

DUTCH_REQUEST = ("Kính đề nghị Đại sứ quán Việt Nam tại Hà Lan giới thiệu 10 công ty Hà Lan về nhà kính và xử lý "
                 "nước đang tìm dự án ở Đông Nam Á, cung cấp thông tin về chương trình hỗ trợ đầu tư của Cơ quan "
                 "Doanh nghiệp Hà Lan (RVO), và giúp tỉnh thiết lập quan hệ với tỉnh Zeeland về quản lý vùng đầm phá")
DUTCH_RESULT = ("Tỉnh đón 4 công ty Hà Lan sang khảo sát vùng phá Tam Giang, ký 1 biên bản ghi nhớ hợp tác với tỉnh "
                "Zeeland và có 1 dự án nhà kính được đăng ký đầu tư")


def _proposal_reads(request: str, result: str) -> bool:
    return reading.proposal_reads(reading.read_all((request, result)), request, result)


def test_a_clear_proposal_in_its_own_vocabulary_reads():
    # the expected result alone (unseen words: công ty, nhà kính, phá, Zeeland) is just under its own threshold
    alone = reading.read_all([DUTCH_RESULT])
    assert not alone.reads and alone.reads_with(-reading.EACH_SLACK)
    assert _proposal_reads(DUTCH_REQUEST, DUTCH_RESULT)


def test_the_slack_is_only_for_a_proposal_that_reads_clearly():
    shuffled_request = " ".join(reversed(DUTCH_REQUEST.split()))
    assert not _proposal_reads(shuffled_request, DUTCH_RESULT)
    assert not reading.read_each([DUTCH_RESULT])
    assert reading.read_each([DUTCH_RESULT], reading.EACH_SLACK)


def test_an_abbreviated_mission_is_a_recipient():
    from grader.vn_values import parse_recipient

    assert parse_recipient("ĐSQ VN tại Úc") == "co_quan_dai_dien"
    assert parse_recipient("TLSQ Việt Nam tại Osaka") == "co_quan_dai_dien"
    assert parse_recipient("ĐSQ Nhật Bản tại VN") is None  # a foreign embassy in Việt Nam is no mission of ours


def test_abbreviations_reach_what_is_asked_of_whom_and_the_tags():
    from grader.checks.proposal import check_proposal_tags, proposal_concreteness
    from grader.plan import read_proposal

    text = ("Địa phương: TP Huế\nGửi đến: ĐSQ VN tại Úc\nThị trường: Úc\nLoại hỗ trợ: (i); (v)\n"
            "Nội dung: Đề nghị ĐSQ VN tại Úc gửi DS 12 trường ĐH, DN giáo dục Úc muốn mở cơ sở tại miền Trung; "
            "bố trí 1 buổi gặp tại Canberra T9/2027\n"
            "Kết quả mong đợi: 6 trường, DN Úc gặp đoàn Huế; 1 DA giáo dục đăng ký tại Huế\n"
            "Nội dung trọng tâm: 3\nTrụ cột: 2\nThời gian: 01/03/2027 - 31/12/2027\n"
            "Chỉ số: 12 trường, DN Úc trong DS, hạn 30/06/2027\nChỉ số: 6 trường, DN Úc gặp đoàn, hạn 30/09/2027\n")
    p = read_proposal(text)
    assert p.recipient == "co_quan_dai_dien"
    score, findings = proposal_concreteness(p)
    keys = {f.key for f in findings}
    assert "substance.proposal_no_what" not in keys and "substance.proposal_no_whom" not in keys, keys
    assert check_proposal_tags(p).earned == 1


def test_a_promotion_held_somewhere_is_a_kind_of_event_and_dn_a_unit():
    from grader.substance import plausibility

    assert plausibility.activity_kind("XTĐT Huế tại Bangkok", "").id == "hoi_nghi"
    assert plausibility.activity_kind("Xúc tiến thương mại ở Osaka", "").id == "hoi_nghi"
    assert plausibility.activity_kind("Xúc tiến đầu tư", "") is None  # held nowhere: no event
    assert plausibility.activity_kind("Video xúc tiến đầu tư tại Tokyo", "").id == "an_pham"
    assert plausibility.known_unit("DN") == plausibility.known_unit("doanh nghiệp")


def test_a_verb_in_front_of_each_name_still_makes_a_list():
    assert reading.content_of("Gửi Cục Ngoại vụ, gửi 18 sở, gửi Ủy ban nhân dân tỉnh Bến Tre, gửi Ban Bí thư, "
                              "gửi Văn phòng tỉnh").list_of_names
    assert reading.content_of("Mời Cục Ngoại vụ, mời 9 huyện, mời thành phố Bến Tre, mời 250 xã, "
                              "mời Học viện Ngoại giao").list_of_names
    # clauses about work, comma-separated, are not entries of a list
    assert not reading.content_of("Phối hợp với JETRO tổ chức hội nghị tại Tokyo, giới thiệu 12 dự án của tỉnh, "
                                  "mời 50 doanh nghiệp Nhật Bản dự, ký 3 biên bản ghi nhớ với nhà đầu tư, "
                                  "đưa đoàn khảo sát khu kinh tế Chân Mây").list_of_names


def test_abbreviations_reach_the_exercises_word_lists_and_the_follow_up_owner():
    from grader.checks import names_any
    from grader.checks.blocks import activity_text
    from grader.checks.follow_up import names_owner
    from grader.plan import Activity

    a = Activity(number=1, title="XTĐT Huế tại Bangkok", description="SNgV giới thiệu 7 DA cảng cho 35 DN Thái",
                 focus_areas=(3,), pillars=(2,), partners=(), lead_unit="Sở Ngoại vụ", start=None, end=None,
                 indicators=(), budget=None, signs_agreements=False, follow_ups=())
    text = activity_text(a)
    assert names_any(text, ("dự án",)) and names_any(text, ("doanh nghiệp",)) and names_any(text, ("xúc tiến đầu tư",))
    assert names_owner("BQL KKT rà soát từng MoU đã ký tại Bangkok")
    assert not names_owner("rà soát từng biên bản đã ký")
