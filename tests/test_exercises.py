"""The nbgrader exercises end to end, on a temporary copy of the course.

Every assignment under ``exercises/source/`` is validated, released and
autograded as ``ngoaivu autograde`` grades (nbgrader's autograde in parallel
workers): the instructor's solution earns every autograded point, the blank release earns 0 without a grading error, and
realistic partial submissions earn exactly the expected partial score; the
feedback of each holds the Vietnamese messages. The release must not hold any
solution or hidden-test text, and every test cell must match its criterion in
the assignment's specification (one ``cham`` call, same points, hidden or not).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbgrader_helpers import (
    CourseCopy,
    cell_by_id,
    feedback_text,
    hidden_regions,
    set_answer,
    solution_regions,
    solution_source,
)

from grader.assignments import evaluate, get, load_hidden
from grader.messages import t
from grader.nbtest import format_points

pytestmark = pytest.mark.slow

SOURCE = Path(__file__).resolve().parent.parent / "exercises" / "source"
CRITERIA = SOURCE.parent / "criteria"
load_hidden(CRITERIA)  # the grading path's criteria, as the instructor's tests see them (the partials below)
ASSIGNMENTS = sorted(p.name for p in SOURCE.iterdir() if (p / f"{p.name}.ipynb").is_file())


@pytest.fixture(scope="module", autouse=True)
def _hidden_criteria():
    """Loaded again when the module's tests run: another module's end unloads them (tests/conftest.py), and the
    grading itself runs in worker processes, so nothing else loads them in this one."""
    load_hidden(CRITERIA)
    yield


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(source: str) -> str:
        assert old in source, f"the solution no longer holds {old!r}; update the partial submission"
        return source.replace(old, new)

    return edit


def chain(*edits: Callable[[str], str]) -> Callable[[str], str]:
    def edit(source: str) -> str:
        for e in edits:
            source = e(source)
        return source

    return edit


@dataclass(frozen=True)
class Partial:
    """A realistic partial answer: the solution with some edits, its exact autograded score, its messages.

    ``scores`` holds the criteria that do not earn full points, with the points they earn (nbgrader's
    partial credit); every other criterion earns its full points.
    """

    student: str
    edit: Callable[[str], str]
    score: float
    scores: dict[str, float]
    messages: tuple[str, ...]  # rendered messages the feedback must show

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(self.scores)


PARTIALS: dict[str, tuple[Partial, ...]] = {
    "bt1_phan_loai": (
        # pillar of the heritage activity taken as politics; Resolution 34 filed under economic diplomacy
        Partial("nham_tru_cot", chain(
            replace('"di_san_hue": {"linh_vuc": 4, "tru_cot": 3}', '"di_san_hue": {"linh_vuc": 4, "tru_cot": 1}'),
            replace('"nghi_quyet_34": {"linh_vuc": 1, "tru_cot": 1}',
                    '"nghi_quyet_34": {"linh_vuc": 3, "tru_cot": 1}'),
        ), 7.0, {"di_san_hue": 0.0, "nghi_quyet_34": 0.0}, (
            t("bt1.wrong_pillar", activity=t("bt1.activity.di_san_hue.short"), value=1),
            t("bt1.wrong_focus", activity=t("bt1.activity.nghi_quyet_34.short"), value=3),
        )),
        # stopped after three activities, and gave a list where one number was asked
        Partial("lam_do_dang", chain(
            replace('"gap_go": {"linh_vuc": 3, "tru_cot": 2}', '"gap_go": {"linh_vuc": [3, 4], "tru_cot": 2}'),
            replace('"danh_muc_du_an": {"linh_vuc": 5, "tru_cot": 2}',
                    '"danh_muc_du_an": {"linh_vuc": None, "tru_cot": None}'),
            replace('"nghi_quyet_34": {"linh_vuc": 1, "tru_cot": 1}',
                    '"nghi_quyet_34": {"linh_vuc": None, "tru_cot": None}'),
        ), 5.0, {"day_du": 0.5, "gap_go": 0.0, "danh_muc_du_an": 0.0, "nghi_quyet_34": 0.0}, (
            t("bt1.one_number", activity=t("bt1.activity.gap_go.short"), field=t("bt1.field.linh_vuc")),
            t("bt1.not_filled", activity=t("bt1.activity.nghi_quyet_34.short"), field=t("bt1.field.tru_cot")),
        )),
    ),
    "bt2_doc_nguon": (
        # "2.000" written the Vietnamese way (Python reads 2.0, read as the 2,000 meant, as the self-check
        # does: issue 20); the two Vice Ministers named Hằng confused
        Partial("hai_nghin_va_hai_ba_hang", chain(
            replace('"luot_can_bo_boi_duong": 2000', '"luot_can_bo_boi_duong": 2.000'),
            replace('"cau_7": {"nguoi": "B", "dip": 2}', '"cau_7": {"nguoi": "C", "dip": 2}'),
        ), 11.6, {"nguoi_noi": 1.6}, (
            t("bt2.speaker_wrong", question=t("bt2.question", number=7)),
        )),
        # look-alike lists mixed up, "lượt" read as people, one question left blank, an occasion wrong
        Partial("nham_danh_sach", chain(
            replace('"cau_6": "A"', '"cau_6": "F"'),
            replace('"cau_3": "E"', '"cau_3": None'),
            replace('"luot_la_so_nguoi_khac_nhau": False', '"luot_la_so_nguoi_khac_nhau": True'),
            replace('"cau_8": {"nguoi": "A", "dip": 3}', '"cau_8": {"nguoi": "A", "dip": 2}'),
        ), 9.41, {"day_du": 0.95, "danh_sach_cau_1_3": 1.33, "danh_sach_cau_4_6": 1.33, "luot_can_bo": 0.0,
                 "dip_phat_bieu": 0.8}, (
            t("bt2.list_wrong", question=t("bt2.question", number=6)),
            t("bt2.choice_missing", question=t("bt2.question", number=3), part=t("bt2.part.list")),
            t("bt2.luot_wrong"),
            t("bt2.occasion_wrong", question=t("bt2.question", number=8)),
        )),
    ),
    "bt3_thua_thien_hue": (
        # follow-up of the signed memoranda dated before the conference has even ended: one slip, its share
        Partial("theo_doi_truoc_han", chain(
            replace("báo cáo Ủy ban nhân dân tỉnh, hạn 31/12/2027", "báo cáo Ủy ban nhân dân tỉnh, hạn 30/06/2027"),
            replace("lập hồ sơ dự án, hạn 31/03/2028", "lập hồ sơ dự án, hạn 31/08/2027"),
        ), 25.25, {"theo_doi_cam_ket": 0.92, "cam_ket_co_theo_doi": 1.33}, ()),
        # a target with a decimal for people counted, and the province written by its short name (no cost)
        Partial("chi_so_le", chain(
            replace("Chỉ số: 50 nhà đầu tư Nhật Bản dự hội nghị tại Tokyo, hạn 30/09/2027",
                    "Chỉ số: 50,5 nhà đầu tư dự hội nghị, hạn 30/09/2027"),
            replace("Địa phương: Thành phố Huế", "Địa phương: Huế"),
        ), 25.94, {"chi_so_do_duoc": 1.94}, ()),
        # the heritage activity's description replaced by slogans: it earns nothing, the others keep theirs
        Partial("khau_hieu", replace(
            "Mô tả: Cùng Đại sứ quán Việt Nam tại Ấn Độ, Hàn Quốc và thành phố kết nghĩa Gyeongju tổ chức tuần văn "
            "hoá, triển lãm ảnh về quần thể di tích Cố đô Huế và Nhã nhạc cung đình, giới thiệu tour du lịch di sản "
            "cho các hãng lữ hành Ấn Độ, Hàn Quốc.",
            "Mô tả: Đẩy mạnh quảng bá hình ảnh, phát huy tiềm năng, thế mạnh của tỉnh, nâng cao chất lượng hiệu quả "
            "công tác đối ngoại toàn diện, thực chất."),
            22.54, {"ngay_hop_le": 0.8, "chi_so_do_duoc": 1.5, "linh_vuc_tru_cot_hop_le": 1.5,
                    "doi_tac_thuc_chat": 0.75, "hoat_dong_cu_the": 2.44, "chi_tiet": 2.25,
                    "hoat_dong_khac_biet": 0.75, "ngan_sach": 0.8, "theo_doi_cam_ket": 0.75},
            ()),
    ),
    "bt4_dat_hang": (
        # rules and standards asked of a mission (allowed: issue 20) that the request never describes, and a
        # market that is no market (so the mission is not asked about its own market either)
        Partial("hoi_sai_noi", chain(
            replace("Loại hỗ trợ: cung cấp thông tin; quảng bá, kết nối", "Loại hỗ trợ: quy tắc, tiêu chuẩn"),
            replace("Thị trường: Ấn Độ", "Thị trường: Các thị trường tiềm năng"),
        ), 9.67, {"ho_tro_phu_hop": 0.67, "thi_truong_cu_the": 0.0}, ()),
        # the end date typed with the wrong year, a target in words
        Partial("sai_nam_ket_thuc", chain(
            replace("Chỉ số: 10 doanh nghiệp Ấn Độ làm việc trực tiếp với tỉnh, hạn 31/12/2027",
                    "Chỉ số: nhiều doanh nghiệp Ấn Độ làm việc trực tiếp với tỉnh, hạn 31/12/2027"),
            replace("Thời gian: 01/01/2027 - 31/12/2027", "Thời gian: 01/01/2027 - 31/12/2026"),
        ), 10.0, {"ngay_hop_le_dat_hang": 0.0, "chi_so_dat_hang": 1.0}, (t("checks.period_invalid"),)),
    ),
    "bt5_ke_hoach_tinh": (
        # staff training filed under focus area 5, so focus area 7 is left uncovered
        Partial("thieu_linh_vuc_7", replace("Nội dung trọng tâm: 7\n", "Nội dung trọng tâm: 5\n"), 25.43,
                {"linh_vuc_tru_cot_hop_le": 1.86, "bao_phu_linh_vuc": 2.57},
                (t("checks.missing_focus_areas", numbers="7"),)),
        # an activity copied from the one above, and a total budget that no longer adds up
        Partial("sao_chep_hoat_dong", chain(
            replace("Hoạt động 2: Hội nghị về vai trò tiên phong của đối ngoại cho lãnh đạo sở, ngành, huyện",
                    "Hoạt động 2: Chương trình hành động thực hiện Nghị quyết 34-NQ/TW"),
            replace("Tổng kinh phí: 3.000.000.000 đồng", "Tổng kinh phí: 3.500.000.000 đồng"),
        ), 23.2, {"ngay_hop_le": 0.88, "chi_so_do_duoc": 1.71, "linh_vuc_tru_cot_hop_le": 1.71,
                  "doi_tac_thuc_chat": 0.86, "hoat_dong_cu_the": 2.57, "chi_tiet": 2.57, "hoat_dong_khac_biet": 0.86,
                  "ngan_sach": 0.75, "theo_doi_cam_ket": 0.86, "bao_phu_linh_vuc": 2.57, "du_hoat_dong": 0.86}, (
            t("checks.budget_mismatch", total="3.000.000.000", stated="3.500.000.000"),
        )),
    ),
}


def answer_value(source: str, variable: str) -> Any:
    """The value an answer cell binds (the cells hold plain data, so running them here is harmless)."""
    namespace: dict[str, Any] = {}
    exec(compile(source, "answer", "exec"), namespace)
    return namespace[variable]


def source_nb(aid: str) -> nbformat.NotebookNode:
    return nbformat.read(str(SOURCE / aid / f"{aid}.ipynb"), as_version=4)


def test_every_assignment_has_partials() -> None:
    assert set(PARTIALS) == set(ASSIGNMENTS)
    assert all(len(p) >= 2 for p in PARTIALS.values())


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> CourseCopy:
    """Every assignment released, and solution, blank and partial submissions autograded with feedback."""
    course = CourseCopy.of(tmp_path_factory.mktemp("exercises"))
    course.release()
    students: dict[str, list[str]] = {}
    for aid in ASSIGNMENTS:
        variable = get(aid).answer_variable
        release = course.release_notebook(aid)
        solution = solution_source(source_nb(aid), variable)
        course.submit("dap_an", aid, set_answer(release, variable, solution))
        course.submit("bo_trong", aid, release)
        for p in PARTIALS[aid]:
            course.submit(p.student, aid, set_answer(release, variable, p.edit(solution)))
        students[aid] = ["dap_an", "bo_trong", *(p.student for p in PARTIALS[aid])]
    course.autograde_batch(ASSIGNMENTS, {s for names in students.values() for s in names})
    for aid, names in students.items():
        course.feedback(aid, names)
    return course


# --- the source notebooks ----------------------------------------------------------------------------


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_source_notebook_validates(aid: str, graded: CourseCopy) -> None:
    """What ``nbgrader validate`` does on the source: every test passes with the solution in place."""
    from nbgrader.validator import Validator

    results = Validator(config=graded.course.config).validate(str(graded.source_notebook(aid)))
    assert results == {}, results


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_source_notebook_is_clean(aid: str) -> None:
    nb = source_nb(aid)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "commit notebooks without outputs"
        meta = cell.metadata.get("nbgrader")
        if meta:
            assert meta["schema_version"] == 3
            if meta.get("grade") or meta.get("solution"):
                assert meta.get("grade_id")


def outside_regions(source: str) -> str:
    """The lines of a cell source outside its solution and hidden-test regions."""
    kept, inside = [], False
    for line in source.splitlines():
        if "### BEGIN SOLUTION" in line or "### BEGIN HIDDEN TESTS" in line:
            inside = True
        elif "### END SOLUTION" in line or "### END HIDDEN TESTS" in line:
            inside = False
        elif not inside:
            kept.append(line)
    return "\n".join(kept)


def _test_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]


def _cham_calls(source: str) -> list[tuple[str, str, str]]:
    calls = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "cham":
            a, c, v = node.args
            assert isinstance(a, ast.Constant) and isinstance(c, ast.Constant) and isinstance(v, ast.Name)
            calls.append((a.value, c.value, v.id))
    return calls


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_each_criterion_has_one_test_cell_with_its_points(aid: str) -> None:
    spec = get(aid)
    seen: dict[str, float] = {}
    for cell in _test_cells(source_nb(aid)):
        tree = ast.parse(cell.source)
        statements = [ast.unparse(s) for s in tree.body]
        assert statements[0] == "from grader.nbtest import cham", cell.source
        calls = _cham_calls(cell.source)
        assert len(calls) == 1 and len(statements) == 2, f"one cham(...) per test cell: {cell.source}"
        bai, key, variable = calls[0]
        criterion = spec.criterion(key)
        assert (bai, variable) == (aid, spec.answer_variable)
        assert cell.metadata.nbgrader["points"] == criterion.points, key
        in_hidden = any(f'"{key}"' in region for region in hidden_regions(cell.source))
        assert in_hidden == criterion.hidden, f"{key}: hidden={criterion.hidden} but hidden block={in_hidden}"
        assert key not in seen, f"{key} has two test cells"
        seen[key] = criterion.points
    assert set(seen) == {c.key for c in spec.criteria}


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_manual_cells_state_their_rubric(aid: str) -> None:
    nb = source_nb(aid)
    manual = [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert manual, "every exercise has written questions"
    for cell in manual:
        i = nb.cells.index(cell)
        question = nb.cells[i - 1].source
        points = cell.metadata.nbgrader["points"]
        assert "Thang điểm" in question and f"({points:g} điểm)" in question, question
        assert question.count("- 1 điểm") + question.count("- 2 điểm") >= 1


# --- the release ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_release_holds_no_solution_and_no_hidden_test(aid: str, graded: CourseCopy) -> None:
    release = graded.release_path(aid).read_text(encoding="utf-8")
    released = nbformat.reads(release, as_version=4)
    text = "\n".join(c.source for c in released.cells)
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    source = source_nb(aid)
    secret_lines: set[str] = set()
    public: list[str] = []  # the source with every solution and hidden-test region removed
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("solution"):
            secret_lines |= {line.strip() for line in cell.source.splitlines() if len(line.strip()) > 20}
            continue
        regions = solution_regions(cell.source) + hidden_regions(cell.source)
        for region in regions:
            secret_lines |= {line.strip() for line in region.splitlines() if line.strip()}
        public.append(outside_regions(cell.source))
    public_text = "\n".join(public)
    checked = [line for line in secret_lines if line not in public_text]
    assert checked, "the source has solution text to look for"
    for line in checked:
        assert line not in text, f"the release shows solution or hidden-test text: {line!r}"
    # the released answer cell still runs: a readable template, no NotImplementedError
    answer = cell_by_id(released, get(aid).answer_variable).source
    assert "NotImplementedError" not in answer and get(aid).answer_variable in answer
    compile(answer, "answer", "exec")


# --- grading ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_points_in_gradebook_match_spec(aid: str, graded: CourseCopy) -> None:
    auto, manual = graded.max_points(aid)
    assert auto == get(aid).total_points
    assert manual > 0


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_solution_earns_full_autograded_marks(aid: str, graded: CourseCopy) -> None:
    assert graded.total_auto(aid, "dap_an") == get(aid).total_points


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_blank_release_earns_zero_without_grading_error(aid: str, graded: CourseCopy) -> None:
    assert graded.total_auto(aid, "bo_trong") == 0
    autograded = graded.course.folder("autograded") / "bo_trong" / aid / f"{aid}.ipynb"
    nb = nbformat.read(str(autograded), as_version=4)
    for cell in _test_cells(nb):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, (cell.source, errors)  # partial credit: a blank answer earns 0, it is no error
    answer = cell_by_id(nb, get(aid).answer_variable)
    assert not [o for o in answer.outputs if o.output_type == "error"], "the blank template must run"


@pytest.mark.parametrize(("aid", "partial"), [(a, p) for a in ASSIGNMENTS for p in PARTIALS[a]],
                         ids=lambda x: getattr(x, "student", x))
def test_partial_submission_earns_expected_score(aid: str, partial: Partial, graded: CourseCopy) -> None:
    scores = graded.auto_scores(aid)[partial.student]
    spec = get(aid)
    for c in spec.criteria:
        expected = partial.scores.get(c.key, c.points)
        assert scores[f"test_{c.key}"] == pytest.approx(expected, abs=0.005), c.key
    assert graded.total_auto(aid, partial.student) == pytest.approx(partial.score, abs=0.01)


@pytest.mark.parametrize(("aid", "partial"), [(a, p) for a in ASSIGNMENTS for p in PARTIALS[a]],
                         ids=lambda x: getattr(x, "student", x))
def test_feedback_shows_vietnamese_messages(aid: str, partial: Partial, graded: CourseCopy) -> None:
    text = feedback_text(graded.feedback_path(aid, partial.student))
    spec = get(aid)
    for key, earned in partial.scores.items():
        criterion = spec.criterion(key)
        head = t("nbtest.failed", criterion=t(criterion.title_key), earned=format_points(earned),
                 points=format_points(criterion.points))
        assert head in text, head
    for message in partial.messages:
        assert " ".join(message.split()) in text, message
    answer = answer_value(partial.edit(solution_source(source_nb(aid), spec.answer_variable)), spec.answer_variable)
    for key in partial.failed:
        for message in evaluate(aid, answer, key).messages():
            assert " ".join(message.split()) in text, message


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_feedback_exists_for_solution_and_blank(aid: str, graded: CourseCopy) -> None:
    assert "Chưa đạt tiêu chí" not in feedback_text(graded.feedback_path(aid, "dap_an"))
    blank = feedback_text(graded.feedback_path(aid, "bo_trong"))
    first = get(aid).criteria[0]
    assert t("nbtest.failed", criterion=t(first.title_key), earned=format_points(0),
             points=format_points(first.points)) in blank


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_solution_notebook_runs_without_error(aid: str, graded: CourseCopy) -> None:
    """Every cell of the instructor's solution runs (the self-check included); every test cell passes."""
    autograded = graded.course.folder("autograded") / "dap_an" / aid / f"{aid}.ipynb"
    nb = nbformat.read(str(autograded), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, (cell.source, errors)
