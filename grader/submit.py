"""Submitting an exercise without nbgrader's exchange: ``nop_bai()`` saves a copy named for e-mail.

Where an instructor runs the course offline (no Assignments tab), the trainee runs, in the
exercise notebook::

    from grader.submit import nop_bai
    nop_bai()            # asks for the trainee id (Vietnamese prompt)
    nop_bai("hv001")     # or gives it

It copies the exercise notebook as last saved to ``<trainee id>_<exercise>.ipynb`` beside it
(e.g. ``hv001_bt3_thua_thien_hue.ipynb``) and says, in Vietnamese, how to download it and send
it by e-mail; ``ngoaivu collect <exercise> <folder>`` recognises the trainee from that name.
It never raises for the trainee's mistakes: every problem is a message from
``grader/messages/submit.yaml``, and the function returns the saved path, or None.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from grader.messages import t
from grader.roster import STUDENT_ID

_MAX_ASKS = 3
_remembered: dict[str, str] = {}  # the id given in this kernel, asked only once


def _known_exercises() -> tuple[str, ...]:
    from grader.assignments import ASSIGNMENT_IDS

    return tuple(ASSIGNMENT_IDS)


def _say(text: str) -> None:
    print(text)


def _notebook_path(tep: str | os.PathLike[str] | None) -> Path | None:
    """The exercise notebook: ``tep``, else the notebook this kernel runs (JupyterLab tells the kernel)."""
    candidates: list[Path] = []
    if tep is not None:
        candidates.append(Path(tep).expanduser())
    else:
        session = os.environ.get("JPY_SESSION_NAME", "")
        if session:
            candidates += [Path(session), Path.cwd() / Path(session).name]
    for path in candidates:
        path = path if path.is_absolute() else Path.cwd() / path
        if path.is_file() and path.suffix == ".ipynb":
            return path
    return None


def _exercise_of(path: Path, bai: str | None) -> str | None:
    known = _known_exercises()
    if bai is not None:
        return bai if bai in known else None
    stem = path.stem
    if stem in known:
        return stem
    hits = [k for k in known if re.search(rf"(?<![A-Za-z0-9]){re.escape(k)}(?![A-Za-z0-9])", stem)]
    return hits[0] if len(hits) == 1 else None


def _ask_id(ask: Any) -> str | None:
    for _ in range(_MAX_ASKS):
        try:
            value = str(ask(t("submit.ask_id"))).strip()
        except (EOFError, KeyboardInterrupt, RuntimeError, OSError):  # no way to ask (no front end)
            return None
        if not value:
            return None
        if STUDENT_ID.match(value):
            return value
        _say(t("submit.bad_id", value=value))
    return None


def nop_bai(ma_hoc_vien: str | None = None, bai: str | None = None, tep: str | os.PathLike[str] | None = None,
            *, hoi: Any = input) -> Path | None:
    """Lưu bản nộp ``<mã học viên>_<bài>.ipynb`` để gửi qua thư điện tử.

    ``ma_hoc_vien``: the trainee id (asked when missing); ``bai``: the exercise id (from the file name
    when missing); ``tep``: the notebook file (the running notebook when missing); ``hoi``: how to ask.
    Returns the path of the saved copy, or None when nothing was saved (a message says why).
    """
    student = (ma_hoc_vien or "").strip() or _remembered.get("id")
    if student and not STUDENT_ID.match(student):
        _say(t("submit.bad_id", value=student))
        student = None
    if not student:
        student = _ask_id(hoi)
    if not student:
        _say(t("submit.no_id"))
        return None
    _remembered["id"] = student

    path = _notebook_path(tep)
    if path is None:
        _say(t("submit.no_notebook"))
        return None
    exercise = _exercise_of(path, bai)
    if exercise is None:
        _say(t("submit.unknown_exercise", name=bai or path.name, known=", ".join(_known_exercises())))
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
            raise ValueError("not a notebook")
    except (OSError, ValueError):
        _say(t("submit.not_a_notebook", name=path.name))
        return None

    target = path.with_name(f"{student}_{exercise}.ipynb")
    try:
        if target.resolve() != path.resolve():
            tmp = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(path, tmp)
            os.replace(tmp, target)
    except OSError as exc:
        _say(t("submit.write_failed", folder=str(path.parent), reason=exc.strerror or type(exc).__name__))
        return None
    saved_at = datetime.fromtimestamp(path.stat().st_mtime).strftime("%H:%M, %d/%m/%Y")
    _say(t("submit.saved", id=student, bai=exercise, name=target.name, folder=str(path.parent)))
    _say(t("submit.saved_at", time=saved_at))
    _say(t("submit.how_to_send", name=target.name))
    return target
