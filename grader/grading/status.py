"""The grading status of a graded notebook: graded normally, or could not be graded (and why).

:class:`~grader.grading.execute.SafeExecute` writes it into the notebook's metadata under
``ngoaivu``; the CLI's summary, export and report read it with :func:`read_status`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEY = "ngoaivu"
OK = "ok"
UNGRADABLE = "ungradable"


@dataclass(frozen=True)
class GradingStatus:
    status: str  # OK or UNGRADABLE
    reason: str = ""  # English, for the instructor
    notes: tuple[str, ...] = ()  # e.g. a sandbox that could not drop privileges

    @property
    def ok(self) -> bool:
        return self.status == OK


def write_status(nb: Any, status: GradingStatus) -> None:
    nb.metadata[KEY] = {"status": status.status, "reason": status.reason, "notes": list(status.notes)}


def status_of(nb: Any) -> GradingStatus | None:
    data = nb.metadata.get(KEY) if hasattr(nb, "metadata") else None
    if not isinstance(data, dict) or data.get("status") not in (OK, UNGRADABLE):
        return None
    return GradingStatus(data["status"], str(data.get("reason", "")), tuple(map(str, data.get("notes", ()))))


def read_status(notebook_path: Path | str) -> GradingStatus | None:
    """The status recorded in a graded notebook file, or None when it holds none (or cannot be read)."""
    try:
        data = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    meta = data.get("metadata", {}).get(KEY) if isinstance(data, dict) else None
    if not isinstance(meta, dict) or meta.get("status") not in (OK, UNGRADABLE):
        return None
    return GradingStatus(meta["status"], str(meta.get("reason", "")), tuple(map(str, meta.get("notes", ()))))
