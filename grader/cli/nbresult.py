"""Reading the outcome of an nbgrader API call (``{"success", "log", "error"}``) for the instructor."""

from __future__ import annotations

import re
from typing import Any

_FRIENDLY = (
    (re.compile(r"NotJSONError|does not appear to be JSON|JSONDecodeError"), "the notebook file is not valid JSON"),
    (re.compile(r"UnresponsiveKernelError|kernel became unresponsive"), "the kernel became unresponsive"),
    (re.compile(r"DeadKernelError"), "the kernel died while running the notebook (the code ended Python or crashed)"),
    (re.compile(r"error accessing the nbgrader database"), "the gradebook could not be written (see the run's log)"),
    (re.compile(r"No notebooks found"), "no notebook of the assignment was found (was it released?)"),
    (re.compile(r"No notebooks were matched"), "no submitted notebook was found"),
)
MAX_REASON = 240


def _last_exception_line(text: str) -> str:
    """The ``Type: message`` line closing the last traceback in ``text`` (or its last non-empty line)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    exc_lines = [ln for ln in lines if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b", ln)]
    exc_lines = [ln for ln in exc_lines if not ln.startswith("nbgrader.converters.base.NbGraderException")]
    if exc_lines:
        return exc_lines[-1]
    return lines[-1] if lines else ""


def failure_reason(result: dict[str, Any]) -> str:
    """A one-line reason for a failed nbgrader call, in plain English when the cause is a known one."""
    log = str(result.get("log") or "")
    error = str(result.get("error") or "")
    both = f"{log}\n{error}"
    for pattern, text in _FRIENDLY:
        if pattern.search(both):
            return text
    if "Traceback" in log:
        reason = _last_exception_line(log.split("Traceback")[-1])
    else:
        errors = [ln[len("[ERROR] "):] for ln in log.splitlines() if ln.startswith("[ERROR] ")]
        reason = errors[0] if errors else _last_exception_line(error)
    return (reason or "nbgrader reported a failure without a reason")[:MAX_REASON]


def warnings_of(result: dict[str, Any]) -> list[str]:
    """nbgrader's warning lines from a captured log."""
    return [ln[len("[WARNING] "):] for ln in str(result.get("log") or "").splitlines() if ln.startswith("[WARNING] ")]
