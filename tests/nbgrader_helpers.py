"""Run nbgrader on a temporary copy of a course, in-process, through nbgrader's own API.

Typical use in a test::

    course = CourseCopy.of(tmp_path)             # copies exercises/ (sources + nbgrader_config.py)
    course.release("bt1_phan_loai")              # nbgrader generate_assignment
    nb = course.release_notebook("bt1_phan_loai")
    set_answer(nb, "phan_loai", 'phan_loai = {...}')
    course.submit("hv01", "bt1_phan_loai", nb)   # submitted/hv01/bt1_phan_loai/bt1_phan_loai.ipynb
    course.autograde("bt1_phan_loai", ["hv01"])  # every student in one call, one process
    course.auto_scores("bt1_phan_loai")          # {"hv01": {"test_day_du": 1.0, ...}}
    course.feedback("bt1_phan_loai", ["hv01"])   # {"hv01": Path(".../feedback/.../bt1_phan_loai.html")}

The course's ``nbgrader_config.py`` is loaded the way ``grader.course`` loads it
(``NbGraderAPI`` does not read it by itself), so the copy is graded exactly as
``nbgrader autograde`` run in that folder would grade it. Generated folders and
the gradebook of the source course are not copied.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from grader.course import Course, load_course, quiet_logger

REPO = Path(__file__).resolve().parent.parent
EXERCISES = REPO / "exercises"
_GENERATED = ("release", "submitted", "autograded", "feedback", "gradebook.db", "gradebook.db-journal",
              ".nbgrader.log", ".ngoaivu", "exchange", "roster.csv")


class NbgraderFailed(AssertionError):
    """An nbgrader step reported failure; the message holds nbgrader's error and log."""


@dataclass
class CourseCopy:
    course: Course

    @classmethod
    def of(cls, tmp: Path, source: Path = EXERCISES, assignments: Iterable[str] | None = None) -> CourseCopy:
        """Copy ``source`` (default: the repository's ``exercises/``) to ``tmp/course``.

        ``assignments`` limits the copy to those source folders.
        """
        root = tmp / "course"
        keep = set(assignments) if assignments is not None else None

        def ignore(folder: str, names: list[str]) -> set[str]:
            skipped = {n for n in names if Path(folder) == source and n in _GENERATED}
            if keep is not None and Path(folder) == source / "source":
                skipped |= {n for n in names if n not in keep}
            return skipped | {n for n in names if n in (".ipynb_checkpoints", "__pycache__")}

        shutil.copytree(source, root, ignore=ignore)
        return cls(load_course(root))

    # -- paths ---------------------------------------------------------------------------------
    @property
    def root(self) -> Path:
        return self.course.root

    def source_notebook(self, assignment_id: str) -> Path:
        return self.course.folder("source") / assignment_id / f"{assignment_id}.ipynb"

    def release_path(self, assignment_id: str) -> Path:
        return self.course.folder("release") / assignment_id / f"{assignment_id}.ipynb"

    def release_notebook(self, assignment_id: str) -> nbformat.NotebookNode:
        """A fresh copy of the released (trainee) notebook."""
        return nbformat.read(str(self.release_path(assignment_id)), as_version=4)

    def feedback_path(self, assignment_id: str, student: str) -> Path:
        return self.course.folder("feedback") / student / assignment_id / f"{assignment_id}.html"

    # -- nbgrader steps ----------------------------------------------------------------------------
    def _api(self) -> Any:
        return self.course.api(quiet_logger("ngoaivu.tests.nbgrader"))

    @staticmethod
    def _check(step: str, result: dict[str, Any]) -> dict[str, Any]:
        if not result.get("success"):
            raise NbgraderFailed(f"{step} failed: {result.get('error')}\n{result.get('log', '')}")
        return result

    def release(self, *assignment_ids: str) -> None:
        """``nbgrader generate_assignment`` for each assignment (all of ``source/`` when none is named)."""
        api = self._api()
        for aid in assignment_ids or tuple(self.course.source_assignments()):
            self._check(f"generate_assignment {aid}", api.generate_assignment(aid, force=True, create=True))

    def submit(self, student: str, assignment_id: str, notebook: nbformat.NotebookNode | str | Path,
               *, timestamp: dt.datetime | None = None) -> Path:
        """Place a submission as ``nbgrader collect`` would: ``submitted/<student>/<assignment>/``.

        ``notebook`` is a notebook object, or raw file text (for broken submissions), or a path to copy.
        """
        folder = self.course.folder("submitted") / student / assignment_id
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{assignment_id}.ipynb"
        if isinstance(notebook, Path):
            shutil.copyfile(notebook, target)
        elif isinstance(notebook, str):
            target.write_text(notebook, encoding="utf-8")
        else:
            nbformat.write(notebook, str(target))
        stamp = timestamp or dt.datetime.now(dt.UTC)
        (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
        return target

    def autograde(self, assignment_id: str, students: Iterable[str], *, check: bool = True) -> dict[str, Any]:
        """``nbgrader autograde`` for each student, in this process; returns nbgrader's result per student."""
        api = self._api()
        results = {}
        for student in students:
            result = api.autograde(assignment_id, student, force=True, create=True)
            results[student] = self._check(f"autograde {assignment_id} {student}", result) if check else result
        return results

    def autograde_batch(self, assignments: str | Iterable[str], students: Iterable[str], *, jobs: int = 2,
                        check: bool = True) -> None:
        """Grade these students' submissions of these assignments as ``ngoaivu autograde`` does: nbgrader's
        autograde in parallel workers on warm kernels, with the course's records
        (:func:`grader.cli.autograde.grade_submissions`), one warm pool for the whole batch. For tests that grade
        many plans; each student must have submitted at least one of the assignments and every submission found
        must have been graded, or :class:`NbgraderFailed` says which were not (``check=False``: submissions that
        could not be graded are left as the run recorded them, for tests of broken and hostile work)."""
        from grader.cli.autograde import find_tasks, grade_submissions

        aids = [assignments] if isinstance(assignments, str) else list(assignments)
        wanted = set(students)
        found = [f for f in find_tasks(self.course, aids, None) if f[0].student in wanted]
        try:
            run = grade_submissions(self.course, found, force=True, jobs=jobs, progress=False)
        finally:  # the run's warm pool is closed: later in-process gradings start their kernels cold
            self.course.config.SandboxKernelManager.warm_pool = ""
        failed = [f"{o.assignment}/{o.student}: {o.status} {o.reason}" for o in run.outcomes if o.status != "ok"]
        missing = wanted - {o.student for o in run.outcomes}
        if missing or (failed and check):
            raise NbgraderFailed(f"autograde {aids}: not graded: {failed + sorted(missing)}")

    def feedback(self, assignment_id: str, students: Iterable[str]) -> dict[str, Path]:
        """``nbgrader generate_feedback`` for each student; returns the feedback HTML files."""
        api = self._api()
        out = {}
        for student in students:
            self._check(f"generate_feedback {assignment_id} {student}",
                        api.generate_feedback(assignment_id, student, force=True))
            out[student] = self.feedback_path(assignment_id, student)
        return out

    # -- gradebook ---------------------------------------------------------------------------------
    def grades(self, assignment_id: str) -> dict[str, dict[str, tuple[float | None, float | None]]]:
        """``{student: {grade_id: (auto_score, manual_score)}}`` from the gradebook."""
        with self.course.gradebook() as gb:
            return {
                sub.student.id: {g.name: (g.auto_score, g.manual_score) for nb in sub.notebooks for g in nb.grades}
                for sub in gb.assignment_submissions(assignment_id)
            }

    def auto_scores(self, assignment_id: str) -> dict[str, dict[str, float]]:
        """``{student: {grade_id: auto_score}}`` for the autograded test cells (code grade cells)."""
        with self.course.gradebook() as gb:
            return {
                sub.student.id: {g.name: g.auto_score for nb in sub.notebooks for g in nb.grades
                                 if g.cell.cell_type == "code" and g.auto_score is not None}
                for sub in gb.assignment_submissions(assignment_id)
            }

    def total_auto(self, assignment_id: str, student: str) -> float:
        return round(sum(self.auto_scores(assignment_id)[student].values()), 2)

    def max_points(self, assignment_id: str) -> tuple[float, float]:
        """(autograded, manually graded) points of the assignment as the gradebook knows it."""
        with self.course.gradebook() as gb:
            assignment = gb.find_assignment(assignment_id)
            auto = sum(c.max_score for nb in assignment.notebooks for c in nb.grade_cells if c.cell_type == "code")
            manual = sum(c.max_score for nb in assignment.notebooks for c in nb.grade_cells
                         if c.cell_type == "markdown")
            return float(auto), float(manual)


# --- notebook editing ---------------------------------------------------------------------------------


def cell_by_id(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(f"no cell with grade_id {grade_id!r}")


def set_answer(nb: nbformat.NotebookNode, grade_id: str, source: str) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the source of cell ``grade_id`` replaced (a trainee's answer)."""
    out = copy.deepcopy(nb)
    cell_by_id(out, grade_id).source = source
    return out


def solution_regions(source: str, begin: str = "### BEGIN SOLUTION", end: str = "### END SOLUTION") -> list[str]:
    """The text between each begin/end delimiter pair of a cell source."""
    regions, current = [], None
    for line in source.splitlines():
        if begin in line:
            current = []
        elif end in line and current is not None:
            regions.append("\n".join(current))
            current = None
        elif current is not None:
            current.append(line)
    return regions


def hidden_regions(source: str) -> list[str]:
    return solution_regions(source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


def solution_source(nb: nbformat.NotebookNode, grade_id: str) -> str:
    """The solution block of an answer cell of a source notebook (what the instructor wrote as the answer)."""
    regions = solution_regions(cell_by_id(nb, grade_id).source)
    if len(regions) != 1:
        raise ValueError(f"cell {grade_id!r} has {len(regions)} solution regions, expected 1")
    return regions[0]


def feedback_text(path: Path) -> str:
    """The visible text of a feedback HTML file (tags stripped, entities decoded, whitespace collapsed)."""
    import html
    import re

    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", raw)))


def load_course_criteria(root: Path = EXERCISES) -> dict[str, int]:
    """Load the course's hidden criteria (``<root>/criteria``) into this process, as the grading path does."""
    from grader.assignments import load_hidden

    return load_hidden(root / "criteria")
