"""The general rules behind the task gates and concreteness (issue 19, deliverables 2 and 3), each on its own:
the plan's own locality names no partner; the direction of investment and tourism; what a request asks the
recipient to do; a plan relabelled for another province."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from grader.checks.gates import plan_gate, proposal_named
from grader.plan import Activity, Indicator, Proposal, read_plan
from grader.substance import places, profile

HERE = Path(__file__).resolve().parent
PLAN_SETS = ("calibration", "heldout", "heldout3")
HONEST = ("strong", "slip", "terse", "mediocre", "thin")


def _kind(path: Path) -> str:
    return "slip" if path.stem.startswith("slip_") else path.stem.split("_", 1)[0]


def _plans(*bts: str) -> list[Path]:
    return sorted(p for d in PLAN_SETS for bt in bts for p in (HERE / d / bt).glob("*.txt"))


def _activity(description: str, title: str = "Hoạt động", metric: str = "Các đối tác tham dự") -> Activity:
    return Activity(number=1, title=title, description=description, focus_areas=(3,), pillars=(2,),
                    partners=("doanh_nghiep_nuoc_ngoai",), lead_unit="Sở Ngoại vụ", start=dt.date(2027, 3, 1),
                    end=dt.date(2027, 6, 30), indicators=(Indicator(metric, None, None, None),),
                    budget=500_000_000, signs_agreements=False, follow_ups=())


# ------------------------------------------------------------------ the locality names no partner

def test_a_locality_is_one_with_its_old_and_new_names():
    assert {"hue", "thua thien hue"} <= places.home_names("Thành phố Huế")
    assert {"hue", "thua thien hue"} <= places.home_names("Tỉnh Thừa Thiên Huế")
    assert {"ben tre", "vinh long", "tra vinh"} <= places.home_names("Bến Tre")  # merged 1/7/2025
    assert places.home_names("Nghệ An") == {"nghe an"}
    assert places.home_names(None) == frozenset()


LONG_HOME_ONLY = ("Sở Du lịch mời các hãng lữ hành lớn ở nước ngoài đến Huế khảo sát Đại Nội, các lăng vua và làng "
                  "nghề để xây dựng sản phẩm tour di sản phù hợp với khách của họ")


def test_a_detailed_description_naming_only_its_locality_names_no_partner():
    p = profile(_activity(LONG_HOME_ONLY))
    assert p.describes_named  # "Huế" is a place ...
    assert not p.names_beyond("Thành phố Huế")  # ... but the plan's own
    assert not p.names_beyond("Thừa Thiên Huế")
    assert p.names_beyond("Đà Nẵng")  # for a Đà Nẵng plan, Huế is elsewhere


@pytest.mark.parametrize("named", ["của JETRO", "từ Osaka", "của Bộ Ngoại giao", "cho 12 hãng lữ hành",
                                   "cùng Đại sứ quán Việt Nam tại Hàn Quốc", "cùng tỉnh Quảng Trị"])
def test_a_partner_a_place_outside_or_a_count_still_names(named):
    p = profile(_activity(LONG_HOME_ONLY.replace("của họ", f"của họ, {named}")))
    assert p.names_beyond("Thành phố Huế"), named


def test_the_localitys_own_bodies_are_its_own():
    home = places.home_names("Bến Tre")
    assert places.local_body("uy ban nhan dan tinh ben tre", home)
    assert places.local_body("UBND", home)
    assert places.local_body("hang du lich hue", places.home_names("Huế"))
    assert not places.local_body("dai su quan viet nam tai nhat ban", home)
    assert not places.local_body("uy ban nhan dan tinh gyeongsangnam", home)


def test_a_one_line_draft_keeps_its_locality():
    p = profile(_activity("Quảng bá du lịch di sản Huế trên mạng xã hội cho du khách nước ngoài"))
    assert p.names_beyond("Thành phố Huế")


def test_a_request_naming_only_its_locality_is_generic():
    def proposal(request: str) -> Proposal:
        return Proposal(locality="Thành phố Huế", recipient="Bộ Ngoại giao", market=None, support=(),
                        request=request, expected_result=None, focus_areas=(3,), pillars=(2,), start=None, end=None,
                        indicators=())

    home_only = ("Đề nghị Bộ Ngoại giao kết nối Sở Du lịch Huế với những hãng lữ hành lớn quan tâm đến du lịch di "
                 "sản của Huế")
    assert not proposal_named(proposal(home_only))
    assert proposal_named(proposal(home_only.replace("hãng lữ hành lớn", "hãng lữ hành lớn của Osaka")))


@pytest.mark.parametrize("path", _plans("bt3", "bt5"), ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.stem}")
def test_the_locality_rule_touches_no_honest_plan(path: Path) -> None:
    """On every honest plan, the generic gate decides as it did when the locality still counted as a name."""
    if _kind(path) not in HONEST:
        return
    plan = read_plan(path.read_text(encoding="utf-8"))
    acts = plan.activities
    if acts:
        before = sum(profile(a).describes_named for a in acts) >= 0.5 * len(acts)
        now = sum(profile(a).names_beyond(plan.locality) for a in acts) >= 0.5 * len(acts)
        assert before == now


@pytest.mark.parametrize("name", ["bt3/generic_1_chi_ten_so_nganh_cua_hue", "bt5/generic_1_chi_ten_tinh_va_so"])
def test_plans_naming_only_their_locality_are_generic(name: str) -> None:
    plan = read_plan((HERE / "heldout3" / f"{name}.txt").read_text(encoding="utf-8"))
    assert "gate.plan_generic" in {f.key for f in plan_gate(plan).findings}


@pytest.mark.parametrize("aid", ["bt3_thua_thien_hue", "bt4_dat_hang", "bt5_ke_hoach_tinh"])
def test_the_locality_rule_is_stated(aid: str) -> None:
    from test_grading_stated import visible_text

    assert "sở, ngành của tỉnh" in visible_text(aid)


# ------------------------------------------------------------------ bt3: investment and tourism come TO Huế

def _bt3():
    from test_grading_stated import _criteria_module

    return _criteria_module("bt3_thua_thien_hue")


@pytest.mark.parametrize("description", [
    "Đưa 10 doanh nghiệp của Huế sang đầu tư nhà máy chế biến gỗ tại Savannakhet",
    "Giới thiệu cho doanh nghiệp của thành phố cơ hội đầu tư vào nông nghiệp và du lịch ở Siem Reap",
    "Doanh nghiệp Huế đầu tư vào Campuchia",
    "Mở 3 tour đưa người dân Huế sang tham quan cố đô Luang Prabang",
    "Tổ chức tour tham quan Angkor Wat cho người cao tuổi của thành phố Huế ở Campuchia",
])
def test_investing_or_touring_abroad_goes_out_of_hue(description):
    assert _bt3().outward(_activity(description), "Thành phố Huế")


@pytest.mark.parametrize("description", [
    "Đưa 10 doanh nghiệp Huế tham dự diễn đàn đầu tư tại Osaka, gặp nhà đầu tư Nhật Bản",
    "Giới thiệu 12 dự án đầu tư vào Huế cho doanh nghiệp của thành phố và nhà đầu tư tại Tokyo",
    "Doanh nghiệp Huế gặp nhà đầu tư Hàn Quốc tại Seoul để kêu gọi đầu tư vào khu công nghiệp ở Huế",
    "Đoàn doanh nghiệp của tỉnh sang Nhật Bản xúc tiến đầu tư tại Osaka",
    "Đón du khách Hàn Quốc đến tham quan Đại Nội, mở tour cho khách Seoul",
    "Giới thiệu 6 dự án khách sạn di sản của Huế và các tour Đại Nội với hãng lữ hành Indonesia tại Jakarta",
])
def test_bringing_investors_and_tourists_to_hue_comes_in(description):
    assert not _bt3().outward(_activity(description), "Thành phố Huế")


@pytest.mark.parametrize("path", _plans("bt3"), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_no_honest_bt3_plan_goes_out(path: Path) -> None:
    if _kind(path) in HONEST:
        plan = read_plan(path.read_text(encoding="utf-8"))
        assert not [a.number for a in plan.activities if _bt3().outward(a, plan.locality)]


def test_a_plan_sending_hue_abroad_does_not_answer_bt3():
    plan = read_plan((HERE / "heldout3" / "bt3" / "offtask_1_dua_nguoi_hue_ra_nuoc_ngoai.txt").read_text("utf-8"))
    gate = _bt3().task_gate(plan)
    assert gate.cap == _bt3().TASK_CAP
    assert [f.key for f in gate.findings] == ["hidden.bt3.gate_outward"]
    assert "đến Huế" in _bt3().MESSAGES["hidden.bt3.gate_outward"]["vi"]
    from test_grading_stated import visible_text

    assert "ra nước ngoài đầu tư, du lịch không được tính" in visible_text("bt3_thua_thien_hue")


# ------------------------------------------------------------------ bt4: what the request asks the recipient to do

def _bt4():
    from test_grading_stated import _criteria_module

    return _criteria_module("bt4_dat_hang")


@pytest.mark.parametrize("request_", [
    "Đề nghị Đại sứ quán Việt Nam tại Hàn Quốc trả tiền vé máy bay và khách sạn cho đoàn doanh nghiệp của tỉnh",
    "Đề nghị Đại sứ quán chịu toàn bộ chi phí đi lại của đoàn",
    "Đề nghị Thương vụ thanh toán khách sạn cho đoàn",
    "Đề nghị Đại sứ quán Việt Nam tại Hàn Quốc thay tỉnh ký hợp đồng với 30 hãng lữ hành Hàn Quốc",
    "Đề nghị cơ quan đại diện ký biên bản ghi nhớ thay mặt cho tỉnh",
    "Đề nghị Bộ Ngoại giao thay mặt tỉnh cam kết với nhà đầu tư",
    "De nghi Dai su quan tra tien ve may bay cho doan",  # typed without diacritics
])
def test_a_request_to_pay_or_to_act_for_the_province_cannot_be_granted(request_):
    assert _bt4().ungrantable(request_)


@pytest.mark.parametrize("request_", [
    "Đề nghị cung cấp thông tin về chi phí thuê đất tại Osaka; tỉnh tự chi trả chi phí của đoàn",
    "Đề nghị giới thiệu khách sạn có chi phí hợp lý và cung cấp vé mời hội chợ",
    "Đề nghị tư vấn về chi phí và thủ tục thành lập văn phòng đại diện",
    "Đề nghị kết nối tỉnh với 10 hãng lữ hành để tỉnh ký hợp đồng đưa khách đến Huế",
    "Đề nghị giới thiệu đối tác, doanh nghiệp sẽ chịu chi phí tham dự",
])
def test_information_introductions_advice_and_connecting_can(request_):
    assert _bt4().ungrantable(request_) is None


@pytest.mark.parametrize("path", _plans("bt4"), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_no_honest_bt4_request_is_read_as_ungrantable(path: Path) -> None:
    if _kind(path) in HONEST:
        from grader.plan import read_proposal

        assert _bt4().ungrantable(read_proposal(path.read_text(encoding="utf-8")).request) is None


def test_the_ungrantable_requests_are_stated():
    from test_grading_stated import visible_text

    assert "không trả hay chịu chi phí cho tỉnh" in visible_text("bt4_dat_hang")
    assert "không ký, cam kết thay tỉnh" in visible_text("bt4_dat_hang")
