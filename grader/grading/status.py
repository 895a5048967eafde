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

The reason and the notes (e.g. a sandbox that could not drop privileges) are stored as catalogue keys with
their parameters (``"message": {"key": ..., "params": ...}``), so that each reader (the autograde summary,
``ngoaivu feedback``, the export, the report) shows them in its own locale; ``reason`` also holds the English
text, for maintainers reading the notebook and for older readers. Metadata written before the keys (an English
``reason`` only) is still read, its text shown as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.messages import has, t
from grader.results import Finding

KEY = "ngoaivu"
OK = "ok"
ANSWER_ERROR = "answer_error"
ANSWER_MISSING = "answer_missing"
ANSWER_UNREADABLE = "answer_unreadable"
UNGRADABLE = "ungradable"
ANSWER_STATUSES: tuple[str, ...] = (ANSWER_ERROR, ANSWER_MISSING, ANSWER_UNREADABLE)
STATUSES: tuple[str, ...] = (OK, *ANSWER_STATUSES, UNGRADABLE)


# A message for the instructor: a catalogue key with its parameters (a parameter may itself be a Finding), or,
# read from metadata written before the keys, a text to show as it is.
Message = Finding | str


def message_text(message: Message, locale: str | None = None) -> str:
    """A message in ``locale`` (the current one by default); a parameter that is a Finding is rendered too."""
    if isinstance(message, str):
        return message
    params = {k: message_text(v, locale) if isinstance(v, Finding) else v for k, v in message.params.items()}
    return t(message.key, locale=locale, **params)


def _to_json(message: Message) -> Any:
    if isinstance(message, str):
        return message
    params = {}
    for k, v in message.params.items():
        params[str(k)] = _to_json(v) if isinstance(v, Finding) else v if isinstance(v, int | float) else str(v)
    return {"key": message.key, "params": params}


def _from_json(data: Any) -> Message | None:
    if isinstance(data, str):
        return data
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not has(data["key"]):
        return None
    params = data.get("params") if isinstance(data.get("params"), dict) else {}
    out: dict[str, Any] = {}
    for k, v in params.items():
        inner = _from_json(v) if isinstance(v, dict) else None
        out[str(k)] = inner if isinstance(inner, Finding) else v if isinstance(v, int | float) else str(v)
    return Finding(data["key"], out)


@dataclass(frozen=True)
class GradingStatus:
    status: str  # one of STATUSES
    message: Message = ""  # why (not ``ok``), for the instructor
    notes: tuple[Message, ...] = ()  # e.g. a sandbox that could not drop privileges

    @property
    def reason(self) -> str:
        """Why, in the current locale ('' for none)."""
        return message_text(self.message)

    def note_texts(self, locale: str | None = None) -> list[str]:
        return [message_text(n, locale) for n in self.notes]

    @property
    def ok(self) -> bool:
        """Graded normally from a readable answer."""
        return self.status == OK

    @property
    def graded(self) -> bool:
        """Graded deterministically (normally, or 0 for an answer problem); False only for ``ungradable``."""
        return self.status != UNGRADABLE


def write_status(nb: Any, status: GradingStatus) -> None:
    meta: dict[str, Any] = {"status": status.status, "reason": message_text(status.message, "en"),
                            "notes": [_to_json(n) for n in status.notes]}
    if isinstance(status.message, Finding):
        meta["message"] = _to_json(status.message)
    nb.metadata[KEY] = meta


def _from_meta(meta: Any) -> GradingStatus | None:
    if not isinstance(meta, dict) or meta.get("status") not in STATUSES:
        return None
    notes = meta.get("notes", ())
    read = [_from_json(n) for n in notes] if isinstance(notes, list | tuple) else []
    message = _from_json(meta.get("message")) or str(meta.get("reason", ""))  # older metadata: the English reason
    return GradingStatus(meta["status"], message, tuple(n for n in read if n is not None))


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
            return status.reason or t("grading.reason.recorded_ungradable")
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
