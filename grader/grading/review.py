"""Unsure verdicts go to a person: the formgrader lists them for the instructor's review.

The trusted re-check (:mod:`grader.grading.recheck`) writes, in a test cell whose result the grader is not
sure of (:attr:`grader.results.CheckResult.review`: a plan judged not to read, but only just; a task done
only in part), one line per reason starting with the catalogue's ``grading.review`` prefix. Test cells'
outputs are only ever the re-check's, so the line cannot come from the trainee. :class:`MarkForReview`,
placed after nbgrader's ``SaveAutoGrades`` (which resets the mark for every autograded cell), marks those
cells ``needs_manual_grade`` in the gradebook, so the formgrader shows the submission as needing grading
and the instructor sees the reason in the cell; ``ngoaivu report`` lists them (:func:`review_reasons`).
"""

from __future__ import annotations

import html
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.messages import t


def prefix(locale: str | None = None) -> str:
    """The start of a review line (the catalogue's ``grading.review`` without its reason)."""
    return t("grading.review", locale=locale, reason="").strip()


def review_line(reason: str) -> str:
    return t("grading.review", reason=reason)


def review_reasons(cell: NotebookNode) -> list[str]:
    """The review lines the re-check wrote in a test cell's outputs."""
    start = {prefix("vi"), prefix("en")}
    lines = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and isinstance(output.get("text"), str):
            lines += [line for line in output["text"].splitlines() if any(line.startswith(s) for s in start)]
    return lines


def _is_test_cell(cell: NotebookNode) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


class MarkForReview(NbGraderPreprocessor):
    """Mark the autograded cells whose verdict the grader was unsure of as needing manual grading."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        flagged = [c for c in nb.cells if _is_test_cell(c) and review_reasons(c)]
        if not flagged:
            return nb, resources
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            for cell in flagged:
                grade = gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], info["notebook"],
                                             info["assignment"], info["student"])
                grade.needs_manual_grade = True
            gradebook.db.commit()
        return nb, resources


def flagged_submissions(autograded: Path) -> list[tuple[str, str, list[str]]]:
    """(assignment, student, review lines) of every autograded notebook under ``autograded`` (nbgrader's
    ``autograded/<student>/<assignment>/*.ipynb``) whose test cells carry review reasons."""
    import nbformat

    out = []
    for path in sorted(autograded.glob("*/*/*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception:  # noqa: BLE001 (an unreadable graded notebook is reported elsewhere)
            continue
        lines = list(dict.fromkeys(line for c in nb.cells if _is_test_cell(c) for line in review_reasons(c)))
        if lines:
            out.append((path.parent.name, path.parent.parent.name, lines))
    return out


def report_section(autograded: Path) -> str:
    """The cohort report's section listing the submissions sent for the instructor's review, with the reasons."""
    rows = flagged_submissions(autograded)
    title, intro = html.escape(t("review.report_title")), html.escape(t("review.report_intro"))
    head = f"<h2>{title}</h2><p class='muted'>{intro}</p>"
    if not rows:
        return head + f"<p class='muted'>{html.escape(t('review.report_none'))}</p>"
    cells = "".join(
        f"<tr><td>{html.escape(a)}</td><td>{html.escape(s)}</td>"
        f"<td>{'<br>'.join(html.escape(x) for x in lines)}</td></tr>" for a, s, lines in rows)
    header = "".join(f"<th>{html.escape(t(k))}</th>" for k in ("review.col_assignment", "review.col_student",
                                                               "review.col_reasons"))
    return head + f"<table><tr>{header}</tr>{cells}</table>"
