"""The nbgrader exercises end to end, on a temporary copy of the course.

Every assignment under ``exercises/source/`` is validated, released and
autograded with nbgrader's own API: the instructor's solution earns every
autograded point, the blank release earns 0 without a grading error, and
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

from grader.assignments import evaluate, get
from grader.messages import t

pytestmark = pytest.mark.slow

SOURCE = Path(__file__).resolve().parent.parent / "exercises" / "source"
ASSIGNMENTS = sorted(p.name for p in SOURCE.iterdir() if (p / f"{p.name}.ipynb").is_file())


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
    """A realistic partial answer: the solution with some edits, its exact autograded score, its messages."""

    student: str
    edit: Callable[[str], str]
    score: float
    failed: tuple[str, ...]  # criteria that must fail (all others pass)
    messages: tuple[str, ...]  # rendered messages the feedback must show


PARTIALS: dict[str, tuple[Partial, ...]] = {
    "bt1_phan_loai": (
        # pillar of the heritage activity taken as politics; Resolution 34 filed under economic diplomacy
        Partial("nham_tru_cot", chain(
            replace('"di_san_hue": {"linh_vuc": 4, "tru_cot": 3}', '"di_san_hue": {"linh_vuc": 4, "tru_cot": 1}'),
            replace('"nghi_quyet_34": {"linh_vuc": 1, "tru_cot": 1}',
                    '"nghi_quyet_34": {"linh_vuc": 3, "tru_cot": 1}'),
        ), 7.0, ("di_san_hue", "nghi_quyet_34"), (
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
        ), 4.5, ("day_du", "gap_go", "danh_muc_du_an", "nghi_quyet_34"), (
            t("bt1.one_number", activity=t("bt1.activity.gap_go.short"), field=t("bt1.field.linh_vuc")),
            t("bt1.not_filled", activity=t("bt1.activity.nghi_quyet_34.short"), field=t("bt1.field.tru_cot")),
        )),
    ),
    "bt2_doc_nguon": (
        # "2.000" written the Vietnamese way (Python reads 2.0); the two Vice Ministers named Hằng confused
        Partial("hai_nghin_va_hai_ba_hang", chain(
            replace('"luot_can_bo_boi_duong": 2000', '"luot_can_bo_boi_duong": 2.000'),
            replace('"cau_7": {"nguoi": "B", "dip": 2}', '"cau_7": {"nguoi": "C", "dip": 2}'),
        ), 8.0, ("so_lieu_hoi_nghi_18", "nguoi_noi"), (
            t("bt2.thousands_hint", figure=t("bt2.figure.luot_can_bo_boi_duong"), value=2.0),
            t("bt2.speaker_wrong", question=t("bt2.question", number=7)),
        )),
        # look-alike lists mixed up, "lượt" read as people, one question left blank, an occasion wrong
        Partial("nham_danh_sach", chain(
            replace('"cau_6": "A"', '"cau_6": "F"'),
            replace('"cau_3": "E"', '"cau_3": None'),
            replace('"luot_la_so_nguoi_khac_nhau": False', '"luot_la_so_nguoi_khac_nhau": True'),
            replace('"cau_8": {"nguoi": "A", "dip": 3}', '"cau_8": {"nguoi": "A", "dip": 2}'),
        ), 5.0, ("day_du", "danh_sach_cau_1_3", "danh_sach_cau_4_6", "luot_can_bo", "dip_phat_bieu"), (
            t("bt2.list_wrong", question=t("bt2.question", number=6)),
            t("bt2.choice_missing", question=t("bt2.question", number=3), part=t("bt2.part.list")),
            t("bt2.luot_wrong"),
            t("bt2.occasion_wrong", question=t("bt2.question", number=8)),
        )),
    ),
    "bt3_thua_thien_hue": (
        # follow-up of the signed memoranda dated before the conference has even ended
        Partial("theo_doi_truoc_han", chain(
            replace('"han": "2024-12-31"},', '"han": "2024-06-30"},'),
            replace('"han": "2025-03-31"}', '"han": "2024-08-31"}'),
        ), 19.0, ("theo_doi_cam_ket", "cam_ket_co_theo_doi"), ()),
        # a target written as a word, and the province named by its short name
        Partial("chi_so_bang_chu", chain(
            replace('"muc_tieu": 6,', '"muc_tieu": "nhiều",'),
            replace('"dia_phuong": "Thừa Thiên Huế"', '"dia_phuong": "Huế"'),
        ), 17.0, ("chi_so_do_duoc", "dia_phuong", "hoat_dong_du_lich_di_san"), (
            t("checks.wrong_locality", expected="Thừa Thiên Huế"),
        )),
    ),
    "bt4_dat_hang": (
        # policy advice asked of a mission abroad, and a market that is no market
        Partial("hoi_sai_noi", chain(
            replace('"loai_ho_tro": ["thong_tin", "quang_ba_ket_noi"]', '"loai_ho_tro": ["tu_van_chinh_sach"]'),
            replace('"thi_truong": "Ấn Độ"', '"thi_truong": "nước ngoài"'),
        ), 6.0, ("ho_tro_phu_hop", "thi_truong_cu_the"), (t("checks.hidden_unmet", count=1),)),
        # the end date typed with the wrong year, a target in words, economic diplomacy left out
        Partial("sai_nam_ket_thuc", chain(
            replace('"muc_tieu": 10,', '"muc_tieu": "nhiều",'),
            replace('"linh_vuc": [3, 4],\n    "tru_cot": [2],', '"linh_vuc": [4],\n    "tru_cot": [3],'),
            replace('"ket_thuc": "2024-12-31",', '"ket_thuc": "2023-12-31",'),
        ), 5.0, ("ngay_hop_le_dat_hang", "chi_so_dat_hang", "kinh_te_trung_tam"), (t("checks.period_invalid"),)),
    ),
    "bt5_ke_hoach_tinh": (
        # staff training filed under focus area 5, so focus area 7 is left uncovered
        Partial("thieu_linh_vuc_7", replace('"linh_vuc": [7],', '"linh_vuc": [5],'), 18.0, ("bao_phu_linh_vuc",), (
            t("checks.missing_focus_areas", numbers="7"),
        )),
        # an activity copied from the one above, and a total budget that no longer adds up
        Partial("sao_chep_hoat_dong", chain(
            replace('"ten": "Hội nghị quán triệt vai trò tiên phong của đối ngoại",',
                    '"ten": "Chương trình hành động thực hiện Nghị quyết 34-NQ/TW",'),
            replace('"tong_kinh_phi": 3_000_000_000,', '"tong_kinh_phi": 3_500_000_000,'),
        ), 14.0, ("hoat_dong_khac_biet", "ngan_sach", "bao_phu_linh_vuc", "du_hoat_dong"), (
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
    for aid in ASSIGNMENTS:
        variable = get(aid).answer_variable
        release = course.release_notebook(aid)
        solution = solution_source(source_nb(aid), variable)
        course.submit("dap_an", aid, set_answer(release, variable, solution))
        course.submit("bo_trong", aid, release)
        for p in PARTIALS[aid]:
            course.submit(p.student, aid, set_answer(release, variable, p.edit(solution)))
        students = ["dap_an", "bo_trong", *(p.student for p in PARTIALS[aid])]
        course.autograde(aid, students)
        course.feedback(aid, students)
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
        assert len(errors) == 1 and errors[0].ename == "AssertionError", (cell.source, errors)
    answer = cell_by_id(nb, get(aid).answer_variable)
    assert not [o for o in answer.outputs if o.output_type == "error"], "the blank template must run"


@pytest.mark.parametrize(("aid", "partial"), [(a, p) for a in ASSIGNMENTS for p in PARTIALS[a]],
                         ids=lambda x: getattr(x, "student", x))
def test_partial_submission_earns_expected_score(aid: str, partial: Partial, graded: CourseCopy) -> None:
    scores = graded.auto_scores(aid)[partial.student]
    spec = get(aid)
    for c in spec.criteria:
        expected = 0.0 if c.key in partial.failed else c.points
        assert scores[f"test_{c.key}"] == expected, c.key
    assert graded.total_auto(aid, partial.student) == partial.score


@pytest.mark.parametrize(("aid", "partial"), [(a, p) for a in ASSIGNMENTS for p in PARTIALS[a]],
                         ids=lambda x: getattr(x, "student", x))
def test_feedback_shows_vietnamese_messages(aid: str, partial: Partial, graded: CourseCopy) -> None:
    text = feedback_text(graded.feedback_path(aid, partial.student))
    spec = get(aid)
    for key in partial.failed:
        assert t("nbtest.failed", criterion=t(spec.criterion(key).title_key)) in text
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
    assert t("nbtest.failed", criterion=t(get(aid).criteria[0].title_key)) in blank


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_solution_notebook_runs_without_error(aid: str, graded: CourseCopy) -> None:
    """Every cell of the instructor's solution runs (the self-check included); every test cell passes."""
    autograded = graded.course.folder("autograded") / "dap_an" / aid / f"{aid}.ipynb"
    nb = nbformat.read(str(autograded), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, (cell.source, errors)
