"""Copies between trainees (issue 22, deliverable 6): ``grader.similarity`` names pairs of one exercise whose
plans share most of their text once names and numbers are masked, with the shared passages side by side;
60 trainees x 5 exercises in seconds; both notebooks flagged for the formgrader."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from types import SimpleNamespace

from grader import similarity
from grader.messages import t

WORDS = ("tổ chức hội nghị xúc tiến đầu tư thu hút doanh nghiệp nước ngoài vào khu công nghiệp của tỉnh "
         "ký kết biên bản ghi nhớ hợp tác với địa phương đối tác về du lịch văn hóa giáo dục đào tạo nhân lực "
         "chuyển đổi số nông nghiệp công nghệ cao kết nối thị trường xuất khẩu nông sản thủy sản hàng thủ công "
         "mỹ nghệ quảng bá hình ảnh di sản lễ hội ẩm thực theo dõi thực hiện cam kết đã ký báo cáo định kỳ "
         "hằng quý sở ngoại vụ chủ trì phối hợp sở kế hoạch sở công thương hiệp hội doanh nghiệp trường đại học "
         "đoàn công tác trao đổi kinh nghiệm quản lý đô thị bảo vệ môi trường ứng phó biến đổi khí hậu").split()
PLACES = ["Thừa Thiên Huế", "Hà Tĩnh", "Quảng Nam", "Nhật Bản", "Hàn Quốc", "Lào", "Ấn Độ", "Pháp"]


def plan(rng: random.Random, activities: int = 4) -> str:
    lines = [f"Địa phương: {rng.choice(PLACES)}"]
    for n in range(1, activities + 1):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(28, 40)))
        lines.append(f"Hoạt động {n}: {body} với {rng.choice(PLACES)}, kinh phí {rng.randint(1, 900)}.000.000 đồng, "
                     f"hạn {rng.randint(1, 28)}/{rng.randint(1, 12)}/2025")
    return "\n".join(lines)


def disguise(text: str, rng: random.Random) -> str:
    """A copy with the names and numbers changed and a line of its own added."""
    for place in PLACES:
        text = text.replace(place, rng.choice(PLACES))
    text = "".join(str(rng.randint(0, 9)) if ch.isdigit() else ch for ch in text)
    return text + "\nGhi chú: " + " ".join(rng.choice(WORDS) for _ in range(10))


def test_a_copy_with_other_names_and_numbers_is_found_with_its_passages() -> None:
    rng = random.Random(7)
    original = plan(rng)
    texts = {"hv001": original, "hv002": disguise(original, rng), "hv003": plan(rng), "hv004": plan(rng)}
    [pair] = similarity.find_copies("bt3_thua_thien_hue", texts)
    assert (pair.first, pair.second) == ("hv001", "hv002") and pair.share >= 0.9
    assert pair.passages and all(len(left.split()) >= similarity.MIN_PASSAGE for left, _ in pair.passages)
    left, right = pair.passages[0]
    assert left in original.replace("\n", " ") or left.split()[0] in original  # the first trainee's own words
    html = similarity.section_html([pair])
    assert "hv001" in html and "hv002" in html and t("similarity.title") in html


def test_different_plans_short_answers_and_the_template_are_not_copies() -> None:
    rng = random.Random(11)
    texts = {f"hv{n:03d}": plan(rng) for n in range(1, 9)}
    texts["hv090"] = texts["hv091"] = "ke_hoach = 3"  # short identical answers (a quiz): not compared
    assert similarity.find_copies("bt3_thua_thien_hue", texts) == []
    template = {"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"solution": True}},
                           "source": 'ke_hoach = """\nĐịa phương:\nHoạt động 1:\n"""'}]}
    answer = {"cells": [{"cell_type": "code", "metadata": {"nbgrader": {"solution": True}},
                         "source": 'ke_hoach = """\nĐịa phương:\nHoạt động 1: tổ chức hội nghị\n"""'}]}
    assert similarity.answer_text(answer, similarity.template_lines(template)) == "Hoạt động 1: tổ chức hội nghị"


def test_sixty_trainees_times_five_exercises_in_seconds(tmp_path: Path) -> None:
    rng = random.Random(3)
    submitted = tmp_path / "submitted"
    planted = set()
    for exercise in range(5):
        assignment = f"bt{exercise + 1}"
        texts = {f"hv{n:03d}": plan(rng, activities=6) for n in range(1, 61)}
        for a, b in ((1, 2), (10 + exercise, 40)):
            texts[f"hv{b:03d}"] = disguise(texts[f"hv{a:03d}"], rng)
            planted.add((assignment, f"hv{a:03d}", f"hv{b:03d}"))
        for student, text in texts.items():
            folder = submitted / student / assignment
            folder.mkdir(parents=True)
            cell = {"cell_type": "code", "metadata": {"nbgrader": {"solution": True}}, "source": text}
            (folder / f"{assignment}.ipynb").write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    course = SimpleNamespace(folder=lambda kind: tmp_path / kind)
    started = time.process_time()
    pairs = similarity.cohort_copies(course)
    seconds = time.process_time() - started
    print(f"60 trainees x 5 exercises compared in {seconds:.2f} s CPU")
    assert {(p.assignment, p.first, p.second) for p in pairs} == planted
    assert seconds < 10


def test_pairs_are_flagged_for_the_formgrader(tmp_path: Path) -> None:
    from nbgrader.api import Gradebook

    from grader.course import ensure_tools_on_path

    ensure_tools_on_path()  # nbgrader runs alembic from PATH
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(url, "demo_course") as gb:
        gb.add_assignment("bt3")
        gb.add_notebook("bt3", "bt3")
        for student in ("hv001", "hv002", "hv003"):
            gb.add_student(student)
            gb.add_submission("bt3", student)
    course = SimpleNamespace(gradebook=lambda: Gradebook(url, "demo_course"))
    pair = similarity.Pair("bt3", "hv001", "hv002", 0.95, [])
    assert similarity.flag_in_gradebook(course, [pair]) == 2
    with Gradebook(url, "demo_course") as gb:
        flags = {s: gb.find_submission_notebook("bt3", "bt3", s).flagged for s in ("hv001", "hv002", "hv003")}
    assert flags == {"hv001": True, "hv002": True, "hv003": False}


def test_the_report_section_names_the_pair_even_when_the_gradebook_cannot_be_written(tmp_path: Path) -> None:
    rng = random.Random(5)
    original = plan(rng)
    for student, text in (("hv001", original), ("hv002", disguise(original, rng)), ("hv003", plan(rng))):
        folder = tmp_path / "submitted" / student / "bt3"
        folder.mkdir(parents=True)
        cell = {"cell_type": "code", "metadata": {"nbgrader": {"solution": True}}, "source": text}
        (folder / "bt3.ipynb").write_text(json.dumps({"cells": [cell]}), encoding="utf-8")

    def no_gradebook() -> None:
        raise OSError("gradebook unavailable")

    course = SimpleNamespace(folder=lambda kind: tmp_path / kind, gradebook=no_gradebook)
    section = similarity.report_section(course)
    assert t("similarity.pair", assignment="bt3", first="hv001", second="hv002", share=100)[:20] in section
    assert "hv003" not in section
