"""Reading the outcome of an nbgrader API call (``{"success", "log", "error"}``) for the instructor."""

from __future__ import annotations

import re
from typing import Any

from grader.messages import t

_FRIENDLY = (  # known causes, and the catalogue key saying each one to the instructor
    (re.compile(r"NotJSONError|does not appear to be JSON|JSONDecodeError"), "cli.reason.not_json"),
    (re.compile(r"UnresponsiveKernelError|kernel became unresponsive"), "cli.reason.unresponsive"),
    (re.compile(r"DeadKernelError"), "cli.reason.kernel_died"),
    (re.compile(r"error accessing the nbgrader database"), "cli.reason.db_write"),
    (re.compile(r"No notebooks found"), "cli.reason.no_release"),
    (re.compile(r"No notebooks were matched"), "cli.reason.no_submitted"),
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
    """A one-line reason for a failed nbgrader call: in the catalogue's words when the cause is a known one,
    else the last error nbgrader logged (its own text)."""
    log = str(result.get("log") or "")
    error = str(result.get("error") or "")
    both = f"{log}\n{error}"
    for pattern, key in _FRIENDLY:
        if pattern.search(both):
            return t(key)
    if "Traceback" in log:
        reason = _last_exception_line(log.split("Traceback")[-1])
    else:
        errors = [ln[len("[ERROR] "):] for ln in log.splitlines() if ln.startswith("[ERROR] ")]
        reason = errors[0] if errors else _last_exception_line(error)
    return (reason or t("cli.reason.unknown"))[:MAX_REASON]


def warnings_of(result: dict[str, Any]) -> list[str]:
    """nbgrader's warning lines from a captured log."""
    return [ln[len("[WARNING] "):] for ln in str(result.get("log") or "").splitlines() if ln.startswith("[WARNING] ")]
