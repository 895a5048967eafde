"""The grading status of a graded notebook: graded normally, graded with an answer problem, or not graded.

:class:`~grader.grading.execute.SafeExecute` writes it into the notebook's metadata under
``ngoaivu``; the CLI's summary, export and report read it with :func:`read_status`.

=====================  ===================================================================  ======
status                 meaning                                                              graded
=====================  ===================================================================  ======
``ok``                 the answer was read and every test cell judged it                    yes
``answer_error``       the answer cell stopped with an error (e.g. a syntax error at line   yes, 0
                       N); the reason says which and where
``answer_missing``     the answer variable was never bound (NameError) and the answer       yes, 0
                       cell shows no error (e.g. it was deleted or emptied)
``answer_unreadable``  the answer could not be carried out of the kernel as data (too       yes, 0
                       large, a value that raises when read, a malformed export); reason
``ungradable``         the notebook could not be run to the end (kernel died, time limit,   no
                       ...); reason
=====================  ===================================================================  ======

"graded, 0" statuses are the trainee's own doing and are graded deterministically (every criterion
earns 0 and every test cell says why, in Vietnamese); they are never reported as an empty answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEY = "ngoaivu"
OK = "ok"
ANSWER_ERROR = "answer_error"
ANSWER_MISSING = "answer_missing"
ANSWER_UNREADABLE = "answer_unreadable"
UNGRADABLE = "ungradable"
ANSWER_STATUSES: tuple[str, ...] = (ANSWER_ERROR, ANSWER_MISSING, ANSWER_UNREADABLE)
STATUSES: tuple[str, ...] = (OK, *ANSWER_STATUSES, UNGRADABLE)


@dataclass(frozen=True)
class GradingStatus:
    status: str  # one of STATUSES
    reason: str = ""  # English, for the instructor
    notes: tuple[str, ...] = ()  # e.g. a sandbox that could not drop privileges

    @property
    def ok(self) -> bool:
        """Graded normally from a readable answer."""
        return self.status == OK

    @property
    def graded(self) -> bool:
        """Graded deterministically (normally, or 0 for an answer problem); False only for ``ungradable``."""
        return self.status != UNGRADABLE


def write_status(nb: Any, status: GradingStatus) -> None:
    nb.metadata[KEY] = {"status": status.status, "reason": status.reason, "notes": list(status.notes)}


def _from_meta(meta: Any) -> GradingStatus | None:
    if not isinstance(meta, dict) or meta.get("status") not in STATUSES:
        return None
    notes = meta.get("notes", ())
    return GradingStatus(meta["status"], str(meta.get("reason", "")),
                         tuple(map(str, notes)) if isinstance(notes, list | tuple) else ())


def status_of(nb: Any) -> GradingStatus | None:
    return _from_meta(nb.metadata.get(KEY) if hasattr(nb, "metadata") else None)


def read_status(notebook_path: Path | str) -> GradingStatus | None:
    """The status recorded in a graded notebook file, or None when it holds none (or cannot be read)."""
    try:
        data = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return _from_meta(data.get("metadata", {}).get(KEY) if isinstance(data, dict) else None)


def recorded_ungradable(autograded: Path) -> str:
    """The reason the grading path recorded (:func:`read_status`) when a notebook could not be graded.

    An answer problem (an answer cell that failed, a missing or unreadable answer) is graded (0 for the
    answer's criteria), not "could not be graded": see :func:`recorded_status`.
    """
    for path in sorted(autograded.glob("*.ipynb")):
        status = read_status(path)
        if status is not None and not status.graded:
            return status.reason or "the grading path recorded the notebook as ungradable"
    return ""


def recorded_status(autograded: Path) -> tuple[str, str]:
    """(status, reason) the grading path recorded in a submission's autograded notebooks; ("", "") if none.

    The least favourable status of the notebooks wins (``ungradable`` over an answer problem over ``ok``).
    """
    worst: tuple[int, str, str] = (-1, "", "")
    for path in sorted(autograded.glob("*.ipynb")) if autograded.is_dir() else []:
        status = read_status(path)
        if status is None:
            continue
        rank = 2 if status.status == UNGRADABLE else 0 if status.status == OK else 1
        if rank > worst[0]:
            worst = (rank, status.status, status.reason)
    return worst[1], worst[2]
