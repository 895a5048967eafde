"""The feedback page returned to trainees: no hidden test, no traceback, small, in Vietnamese.

``GetGradesPending`` and the template ``templates/feedback`` (issue 21): the page's texts come from the message
catalogue, scores are written the Vietnamese way, and a written answer not marked yet reads "chờ giảng viên chấm",
never a score of 0.

``HideHiddenTests``: the feedback returned to trainees shows no hidden test, no traceback, and stays small.

Besides hiding the hidden tests, the preprocessor bounds what a feedback page can hold, so a
submission of tens of megabytes is never sent back as a page of the same size: every cell's source
and every output are cut at ``max_cell_chars`` / ``max_output_chars`` with a Vietnamese note, large
attachments and images are left out with a note, and once the page holds ``max_total_chars``
characters the remaining cells show only a note. The autograded notebook itself is untouched: the
instructor still sees everything in the formgrader.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from nbformat import NotebookNode
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor
from traitlets import Integer

from grader.grading.recheck import is_test_cell
from grader.messages import t

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.M | re.S)
TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json", "image/svg+xml")


def _size(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(_size(v) for v in value)
    try:
        return len(json.dumps(value))
    except (TypeError, ValueError):
        return 0


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


class HideHiddenTests(NbGraderPreprocessor):
    """Remove hidden-test blocks and tracebacks from test cells; bound the size of the whole feedback page."""

    max_cell_chars = Integer(100_000, help="characters of one cell's source shown in feedback").tag(config=True)
    max_output_chars = Integer(100_000, help="characters of one output shown in feedback").tag(config=True)
    max_total_chars = Integer(2_000_000, help="characters of the whole feedback page (sources and outputs)"
                              ).tag(config=True)
    _used = 0  # characters of the page so far (reset for every notebook)

    def preprocess(self, nb: NotebookNode, resources: Any) -> tuple[NotebookNode, Any]:
        self._used = 0
        nb, resources = super().preprocess(nb, resources)
        widgets = nb.get("metadata", {}).get("widgets")
        if widgets is not None and _size(widgets) > self.max_output_chars:
            del nb.metadata["widgets"]  # nbconvert would embed the widgets' state in the page
        return nb, resources

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        if cell.cell_type == "code" and is_test_cell(cell):
            source, count = HIDDEN.subn("", cell.source)
            if count:
                cell.source = source.rstrip() + "\n# " + t("grading.hidden_removed")
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    message = output.get("evalue", "") if output.get("ename") == "AssertionError" else ""
                    message = message or t("grading.error_hidden", ename=output.get("ename", "Error"))
                    output.traceback = message.split("\n")
        self._bound(cell)
        return cell, resources

    # --- size --------------------------------------------------------------------------------------

    def _note(self, size: int) -> str:
        return t("feedback.cut", size=f"{size:,}".replace(",", "."), limit=f"{self.max_cell_chars:,}".replace(",", "."))

    def _bound(self, cell: NotebookNode) -> None:
        comment = "# " if cell.cell_type == "code" else ""
        left = max(0, self.max_total_chars - self._used)
        source = _text(cell.get("source", ""))
        if left == 0:
            cell.source = comment + t("feedback.page_full", limit=f"{self.max_total_chars:,}".replace(",", "."))
            if cell.cell_type == "code":
                cell.outputs = []
            cell.pop("attachments", None)
            return
        if len(source) > min(self.max_cell_chars, left):
            cell.source = source[: min(self.max_cell_chars, left)] + "\n" + comment + self._note(len(source))
        self._used = self._used + len(cell.source)
        attachments = cell.get("attachments")
        if attachments and _size(attachments) > self.max_output_chars:
            del cell["attachments"]
            cell.source += "\n\n" + t("feedback.attachment_removed")
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                self._bound_output(output)

    def _bound_output(self, output: NotebookNode) -> None:
        left = max(0, self.max_total_chars - self._used)
        limit = min(self.max_output_chars, left)
        if output.get("output_type") == "stream":
            text = _text(output.get("text", ""))
            if len(text) > limit:
                output.text = text[:limit] + "\n" + self._note(len(text)) + "\n"
            self._used += len(output.text)
            return
        if output.get("output_type") == "error":
            lines = [_text(line) for line in output.get("traceback", [])]
            size = sum(len(line) for line in lines)
            if size > limit:
                output.traceback = ["".join(lines)[:limit], self._note(size)]
                output.evalue = _text(output.get("evalue", ""))[:limit]
            self._used += min(size, limit)
            return
        data = output.get("data")
        if not isinstance(data, dict):
            return
        for mime in list(data):
            size = _size(data[mime])
            if size <= limit:
                self._used += size
                limit = min(self.max_output_chars, max(0, self.max_total_chars - self._used))
                continue
            if mime in TEXT_TYPES and mime != "image/svg+xml":
                data[mime] = _text(data[mime])[:limit] + "\n" + self._note(size)
                self._used += len(data[mime])
            else:  # an image or other binary data too large to show: left out, with a note
                del data[mime]
                data["text/plain"] = t("feedback.output_removed", size=f"{size:,}".replace(",", "."))
            limit = min(self.max_output_chars, max(0, self.max_total_chars - self._used))


# --- the Vietnamese feedback page ------------------------------------------------------------------

# nbconvert template folder of the course's feedback page: ``templates/feedback``, the page nbgrader's
# generate_feedback writes, in Vietnamese, every text from the catalogue (grader/messages/feedback_page.yaml). The
# course's nbgrader_config.py puts this folder in the place of nbgrader's own templates
# (HTMLExporter.extra_template_basedirs) with the filters ``t`` and ``diem``; the template keeps nbgrader's name
# ``feedback`` because nbgrader's API forces that name whatever the configuration says.
TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "feedback"


def points_text(value: Any) -> str:
    """A score as Vietnamese writes it: ``2`` for 2.0, ``2,5`` for 2.5 (at most two decimals)."""
    try:
        number = round(float(value), 2)
    except (TypeError, ValueError):
        return "0"
    if number != number or number in (float("inf"), float("-inf")):
        return "0"
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


NBGRADER_NO_RESPONSE = "No response."  # nbgrader's automatic comment (and score 0) on an answer left unchanged


class GetGradesPending(GetGrades):
    """nbgrader's GetGrades, and for each graded cell whether it still waits for the instructor.

    A written answer the instructor has not marked yet has no score (nbgrader's ``Grade.score`` then reads 0):
    its cell gets ``nbgrader.pending = True`` and the page says "chờ giảng viên chấm" instead of a score (an answer
    left as released is scored 0 by nbgrader, rightly, with its comment "No response." said in Vietnamese). A cell
    that was autograded but flagged for review keeps its provisional score with ``pending`` too.
    ``resources["ngoaivu"]`` holds ``pending_points`` (the points of the cells with no score yet) and
    ``pending_cells``.
    """

    def preprocess(self, nb: NotebookNode, resources: Any) -> tuple[NotebookNode, Any]:
        resources.setdefault("ngoaivu", {})
        resources["ngoaivu"].update(pending_points=0.0, pending_cells=0)
        return super().preprocess(nb, resources)

    def _get_comment(self, cell: NotebookNode, resources: Any) -> None:
        super()._get_comment(cell, resources)
        if cell.metadata.nbgrader.get("comment") == NBGRADER_NO_RESPONSE:  # an answer left as released
            cell.metadata.nbgrader["comment"] = t("feedback_page.no_response")

    def _get_score(self, cell: NotebookNode, resources: Any) -> None:
        super()._get_score(cell, resources)
        grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], self.notebook_id,
                                          self.assignment_id, self.student_id)
        pending = bool(grade.needs_manual_grade) and grade.manual_score is None
        cell.metadata.nbgrader["pending"] = pending
        cell.metadata.nbgrader["unscored"] = pending and grade.auto_score is None
        if cell.metadata.nbgrader["unscored"]:
            resources["ngoaivu"]["pending_points"] += float(grade.max_score or 0)
            resources["ngoaivu"]["pending_cells"] += 1
