"""Round 5 of the reading rules (issue 19, third red team): general rules, each tested on texts of its own.

- a proposal that reads clearly as a whole is not refused because one of its texts, in words the training texts
  lack, falls just short of its own threshold;
- abbreviations reach every reader of a proposal (recipient, what is asked, of whom, the tags' cues) and the
  activity-kind reader;
- a verb must fit its object: a text most of whose verb-object pairs the corpora never pair is not read;
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
