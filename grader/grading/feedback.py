"""``HideHiddenTests``: the feedback returned to trainees shows no hidden test and no traceback."""

from __future__ import annotations

import re
from typing import Any

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from grader.grading.recheck import is_test_cell
from grader.messages import t

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.M | re.S)


class HideHiddenTests(NbGraderPreprocessor):
    """Remove hidden-test blocks from test cells and replace error tracebacks by their message only."""

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        if cell.cell_type != "code":
            return cell, resources
        if not is_test_cell(cell):
            return cell, resources  # the trainee's own code: nothing hidden in it
        source, count = HIDDEN.subn("", cell.source)
        if count:
            cell.source = source.rstrip() + "\n# " + t("grading.hidden_removed")
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                message = output.get("evalue", "") if output.get("ename") == "AssertionError" else ""
                message = message or t("grading.error_hidden", ename=output.get("ename", "Error"))
                output.traceback = message.split("\n")
        return cell, resources
