"""The trusted re-check: judge every test cell in the grader's process, from the trainee's answer data.

Test cells hold only ``cham("<assignment>", "<criterion>", <answer_variable>)`` calls. After the
trainee's notebook has run, the answer variable is exported from the kernel as a Python literal
(:data:`EXPORT_TEMPLATE`), read back with :func:`ast.literal_eval` (never executed), and every
``cham`` call is evaluated here with :func:`grader.assignments.evaluate`. The test cell's outputs
are then replaced by the trusted verdict: nothing on pass, an error carrying the Vietnamese
messages on fail. Whatever the trainee's code did to the kernel (a redefined ``cham``, a
monkeypatched ``grader``, input transformers, a silenced traceback, rebound builtins), the grade
depends only on the answer data.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from nbformat import NotebookNode

from grader.assignments import ASSIGNMENT_IDS, evaluate, get
from grader.messages import t

SENTINEL = "@@NGOAIVU-ANSWER@@"
MAX_EXPORT_CHARS = 5_000_000
# Runs in the trainee's kernel after the notebook: prints the answer as a Python literal.
EXPORT_TEMPLATE = r'''
def __ngoaivu_export():
    import datetime, sys
    def lit(v, depth=0):
        if depth > 50:
            return None
        if isinstance(v, (datetime.date, datetime.datetime)):
            return v.isoformat()[:10]
        if isinstance(v, (bool, int, float, str)) or v is None:
            return v
        if isinstance(v, dict):
            return {{lit(k, depth + 1): lit(x, depth + 1) for k, x in v.items()}}
        if isinstance(v, (list, tuple, set, frozenset)):
            return [lit(x, depth + 1) for x in v]
        if hasattr(v, "__dataclass_fields__"):
            from grader.plan import to_data
            return to_data(v)
        return None
    try:
        value = lit({variable})
    except NameError:
        value = None
    sys.stdout.write({sentinel!r} + repr(value) + "\n")
    sys.stdout.flush()
__ngoaivu_export()
'''


@dataclass(frozen=True)
class CellCall:
    assignment: str
    criterion: str
    variable: str


def cham_calls(source: str) -> list[CellCall]:
    """The ``cham("<assignment>", "<criterion>", <name>)`` calls of a test cell (empty if it has none)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) != 3:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        a, c, v = node.args
        if (name == "cham" and isinstance(a, ast.Constant) and isinstance(a.value, str)
                and isinstance(c, ast.Constant) and isinstance(c.value, str) and isinstance(v, ast.Name)):
            calls.append(CellCall(a.value, c.value, v.id))
    return calls


def is_test_cell(cell: NotebookNode) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def answer_variable(nb: NotebookNode) -> tuple[str, str] | None:
    """(assignment id, answer variable) named by the notebook's test cells, if any."""
    for cell in nb.cells:
        if is_test_cell(cell):
            for call in cham_calls(cell.source):
                if call.assignment in ASSIGNMENT_IDS:
                    return call.assignment, get(call.assignment).answer_variable
    return None


def export_source(variable: str) -> str:
    return EXPORT_TEMPLATE.format(variable=variable, sentinel=SENTINEL)


def read_export(outputs: list[Any]) -> tuple[bool, Any]:
    """(found, answer) from the export cell's outputs; the answer is parsed as a literal, never run."""
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    if SENTINEL not in text:
        return False, None
    payload = text.rsplit(SENTINEL, 1)[1].strip()
    if len(payload) > MAX_EXPORT_CHARS:
        return True, None
    try:
        return True, ast.literal_eval(payload)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return True, None


def _error_output(lines: list[str]) -> NotebookNode:
    return NotebookNode(output_type="error", ename="AssertionError", evalue="\n".join(lines), traceback=lines)


def recheck(nb: NotebookNode, answers: dict[str, Any], reason: str | None = None) -> None:
    """Replace every test cell's outputs with the trusted verdict for ``answers`` (variable -> data).

    ``reason`` (Vietnamese) is shown in every test cell when the notebook could not be run to the end.
    """
    for cell in nb.cells:
        if not is_test_cell(cell):
            continue
        calls = cham_calls(cell.source)
        if not calls:
            continue
        keep = [o for o in cell.get("outputs", []) if o.get("output_type") == "stream"]
        lines: list[str] = []
        if reason:
            lines.append(reason)
        for call in calls:
            if call.assignment not in ASSIGNMENT_IDS:
                lines.append(t("grading.unknown_check"))
                continue
            try:
                result = evaluate(call.assignment, answers.get(call.variable), call.criterion)
                title = t(get(call.assignment).criterion(call.criterion).title_key)
            except KeyError:
                lines.append(t("grading.unknown_check"))
                continue
            if not result.passed:
                lines.append(t("nbtest.failed", criterion=title))
                lines += [f"- {m}" for m in result.messages()]
        cell.outputs = keep + ([_error_output(lines)] if lines else [])
