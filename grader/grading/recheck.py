"""The trusted re-check: judge every test cell in the grader's process, from the trainee's answer data.

Test cells hold only ``cham("<assignment>", "<criterion>", <answer_variable>)`` calls. After the
trainee's notebook has run, the answer variable is exported from the kernel as tagged JSON
(:func:`export_source`, :mod:`grader.grading.export`), read back here as data (never executed), and
every ``cham`` call is judged here with :func:`grader.nbtest.verdict`, with the hidden criteria the
grader loaded from the course's ``criteria`` folder. Each test cell's outputs are then replaced by
the trusted verdict, exactly what ``cham`` shows: the Vietnamese findings on stdout and the points
earned as the cell's result (nbgrader's partial credit). Whatever the trainee's code did to the
kernel (a redefined ``cham``, a monkeypatched ``grader``, input transformers, a silenced traceback,
rebound builtins), the grade depends only on the answer data.

When there is no answer to judge, every test cell says why in Vietnamese and earns 0: the answer
cell stopped with an error ("lỗi cú pháp ở dòng N"), the answer variable was never bound, or the
answer could not be carried out of the kernel (its reason); see :func:`answer_problem`.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any

from nbformat import NotebookNode

from grader.assignments import ASSIGNMENT_IDS, evaluate, evaluate_many, get, hidden_loaded
from grader.grading.export import EXPORT_MISSING, EXPORT_OK, Exported, read_payload
from grader.grading.review import review_line
from grader.grading.status import ANSWER_ERROR, ANSWER_MISSING, ANSWER_UNREADABLE
from grader.messages import t
from grader.nbtest import problem_lines, result_lines
from grader.results import CheckResult, Finding

SENTINEL = "@@NGOAIVU-ANSWER@@"
# Runs in the grading kernel after the notebook: prints the answer as one line of tagged JSON.
EXPORT_TEMPLATE = r'''
def __ngoaivu_export():
    import sys
    try:
        from grader.grading.export import export_payload
        text = export_payload(globals(), {variable!r})
    except Exception as exc:
        text = '{{"format": 1, "status": "unreadable", "code": "failed", "detail": %r}}' % type(exc).__name__[:60]
    sys.stdout.write({sentinel!r} + text + "\n")
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
    except (SyntaxError, ValueError, RecursionError, MemoryError):
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


def read_export(outputs: list[Any]) -> Exported | None:
    """The exported answer from the export cell's outputs, or None when the export printed nothing."""
    text = "".join(o.get("text", "") for o in outputs
                   if o.get("output_type") == "stream" and isinstance(o.get("text", ""), str))
    if SENTINEL not in text:
        return None
    return read_payload(text.rsplit(SENTINEL, 1)[1].strip())


# --------------------------------------------------------------------------- the answer cell


@dataclass(frozen=True)
class AnswerProblem:
    """Why there is no answer to judge: a status of grader.grading.status, for both audiences."""

    status: str  # ANSWER_ERROR, ANSWER_MISSING or ANSWER_UNREADABLE
    reason: Finding  # for the instructor (grading.reason.*), rendered in the reader's locale
    finding: Finding  # for the trainee, shown in every test cell


def answer_cell(nb: NotebookNode, variable: str) -> NotebookNode | None:
    """The solution cell that binds ``variable`` (its grade_id is the variable, or its source names it)."""
    solutions = [c for c in nb.cells if c.cell_type == "code" and c.get("metadata", {}).get("nbgrader", {})
                 .get("solution")]
    for cell in solutions:
        if cell.metadata.nbgrader.get("grade_id") == variable:
            return cell
    pattern = re.compile(rf"^\s*{re.escape(variable)}\s*[:=]", re.M)
    return next((c for c in solutions if pattern.search(c.source)), None)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_LINE = re.compile(r"line (\d+)")
_SYNTAX = ("SyntaxError", "IndentationError", "TabError")


def _syntax_line(source: str, traceback: list[str]) -> int | None:
    """The line of a syntax error in ``source`` (parsed, never run), else the one the traceback names."""
    try:
        ast.parse(source)
    except SyntaxError as exc:
        return exc.lineno
    except (ValueError, RecursionError, MemoryError):
        pass
    found = _LINE.findall(_ANSI.sub("", "\n".join(str(x) for x in traceback)))
    return int(found[-1]) if found else None


def _cell_error(cell: NotebookNode, parse: bool) -> AnswerProblem | None:
    """The error the answer cell stopped with, if any; with ``parse``, a syntax error found by parsing too.

    (Parsing covers a kernel that shows errors its own way; it is used only when the answer variable
    is unbound, since a cell using IPython syntax may not parse as plain Python yet run.)
    """
    error = next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)
    source = cell.source if isinstance(cell.source, str) else ""
    if error is None:
        if not parse:
            return None
        try:
            ast.parse(source)
            return None
        except SyntaxError:
            error = {"ename": "SyntaxError", "traceback": []}
        except (ValueError, RecursionError, MemoryError):
            return None
    ename = str(error.get("ename", "Error"))[:60]
    if ename in _SYNTAX:
        line = _syntax_line(source, list(error.get("traceback", [])))
        if line is not None:
            return AnswerProblem(ANSWER_ERROR, Finding("grading.reason.answer_syntax", {"error": ename, "line": line}),
                                 Finding("grading.answer_syntax_error", {"line": line}))
        return AnswerProblem(ANSWER_ERROR, Finding("grading.reason.answer_syntax_no_line", {"error": ename}),
                             Finding("grading.answer_syntax_error_no_line"))
    return AnswerProblem(ANSWER_ERROR, Finding("grading.reason.answer_failed", {"error": ename}),
                         Finding("grading.answer_cell_failed", {"error": ename}))


def answer_problem(nb: NotebookNode, variable: str, exported: Exported | None) -> AnswerProblem | None:
    """Why the answer cannot be judged (None when it can): the answer cell's error comes first."""
    cell = answer_cell(nb, variable)
    missing = exported is not None and exported.status == EXPORT_MISSING
    if cell is not None and (problem := _cell_error(cell, parse=missing)) is not None:
        return problem
    if exported is None:
        return AnswerProblem(ANSWER_UNREADABLE, Finding("grading.reason.no_export"), Finding("grading.no_answer"))
    if exported.status == EXPORT_MISSING:
        return AnswerProblem(ANSWER_MISSING, Finding("grading.reason.answer_missing", {"variable": variable}),
                             Finding("grading.answer_missing", {"variable": variable}))
    if exported.status != EXPORT_OK:
        return AnswerProblem(ANSWER_UNREADABLE, exported.reason or Finding("grading.reason.export_format"),
                             exported.finding or Finding("answer.export_malformed"))
    return None


# --------------------------------------------------------------------------- verdicts


def _number(points: float, count: int | None) -> NotebookNode:
    value = round(points, 2)
    return NotebookNode(output_type="execute_result", execution_count=count, metadata={},
                        data={"text/plain": repr(float(value))})


def _stdout(lines: list[str]) -> NotebookNode:
    return NotebookNode(output_type="stream", name="stdout", text="\n".join(lines) + "\n")


def _cell_points(cell: NotebookNode) -> float | None:
    try:
        return float(cell.metadata.nbgrader.get("points"))
    except (TypeError, ValueError, AttributeError):
        return None


def judge_cell(cell: NotebookNode, answers: dict[str, Any], problem: AnswerProblem | None = None,
               reason: str | None = None,
               results: dict[tuple[str, str, str], CheckResult] | None = None) -> list[NotebookNode] | None:
    """The trusted outputs of one test cell (None when it holds no ``cham`` call).

    ``answers`` maps answer variables to plain data; ``problem`` (no answer to judge) or ``reason``
    (Vietnamese: the notebook could not be run to the end) make every criterion earn 0 and say why.
    ``results`` may hold the results already computed, by (assignment, variable, criterion).
    """
    calls = cham_calls(cell.source)
    if not calls:
        return None
    lines: list[str] = [reason] if reason else []
    review: list[str] = []
    earned = possible = 0.0
    changed = not_loaded = False
    for call in calls:
        if call.assignment not in ASSIGNMENT_IDS:
            changed = True
            continue
        spec = get(call.assignment)
        try:
            criterion = spec.criterion(call.criterion)
        except KeyError:  # edited test cell, or the instructor's hidden criteria were not loaded
            not_loaded = not_loaded or not hidden_loaded(call.assignment)
            changed = changed or hidden_loaded(call.assignment)
            continue
        title = t(criterion.title_key)
        possible += criterion.points
        if reason:
            lines += problem_lines((), title, criterion.points)
        elif problem is not None:
            lines += problem_lines((problem.finding,), title, criterion.points)
        else:
            result = (results or {}).get((call.assignment, call.variable, call.criterion))
            if result is None:
                result = evaluate(call.assignment, answers.get(call.variable), call.criterion)
            lines += result_lines(title, result)
            review += [review_line(f.text()) for f in result.review]
            earned += result.earned
    if not_loaded:
        lines.append(t("grading.hidden_not_loaded"))
    if changed:
        lines.append(t("grading.unknown_check"))
    if changed or not_loaded:
        earned = 0.0
    lines += list(dict.fromkeys(review))
    cell_points = _cell_points(cell)
    scale = cell_points if cell_points is not None else possible
    points = min(earned / possible * scale, scale) if possible and scale > 0 else 0.0
    return [_stdout(lines), _number(max(points, 0.0), cell.get("execution_count"))]


def recheck(nb: NotebookNode, answers: dict[str, Any], reason: str | None = None,
            problem: AnswerProblem | None = None) -> None:
    """Replace every test cell's outputs with the trusted verdict for ``answers`` (variable -> plain data).

    ``reason`` (Vietnamese) is shown in every test cell, which earns 0, when the notebook could not be
    run to the end; ``problem`` likewise when there is no answer to judge (see :func:`answer_problem`).
    """
    tests = [cell for cell in nb.cells if is_test_cell(cell)]
    wanted: dict[tuple[str, str], set[str]] = {}
    for cell in tests:
        for call in cham_calls(cell.source):
            if call.assignment in ASSIGNMENT_IDS:
                known = {c.key for c in get(call.assignment).criteria}
                if call.criterion in known:
                    wanted.setdefault((call.assignment, call.variable), set()).add(call.criterion)
    results: dict[tuple[str, str, str], CheckResult] = {}
    if not reason and problem is None:
        for (assignment, variable), keys in wanted.items():  # the answer is read once per notebook
            for key, result in evaluate_many(assignment, answers.get(variable), sorted(keys)).items():
                results[(assignment, variable, key)] = result
    for cell in tests:
        outputs = judge_cell(cell, answers, problem, reason, results)
        if outputs is not None:
            cell.outputs = outputs


def expected_points(assignment_id: str, answer: Any) -> dict[str, CheckResult]:
    """Every loaded criterion's result for ``answer``, as the re-check judges it (for tests and tools)."""
    return {c.key: evaluate(assignment_id, answer, c.key) for c in get(assignment_id).criteria}
