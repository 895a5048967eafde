"""Each trainee's FIRST answer to each quiz question, saved in the notebook and read back for the cohort report.

Where the answers live: the notebook's own metadata, under ``ngoaivu_quiz``::

    {"cs": {"cs.q2": {"answer": 0, "correct": true, "at": "2027-03-02T08:15:00+00:00"}, ...}, ...}

so they travel with the notebook file (a copy handed in by e-mail, a folder the trainer collects). The
kernel cannot write its own notebook's metadata, so the quiz publishes its first answers as a display output
of MIME type :data:`MIME` (one output per quiz, updated in place); the course's JupyterLab plugin
``jupyter/data/labextensions/ngoaivu-quiz-log`` copies that payload into the notebook's metadata, keeping an
answer already there (the first one stays first), and JupyterLab saves it with the notebook.

Re-running a quiz cell does not reset the first try: inside a kernel, the first answers of this session are
kept in :data:`_session`, and those saved earlier are read (read only) from the notebook file on disk
(``__session__`` or ``JPY_SESSION_NAME`` name it). Outside a kernel (tests, scripts) nothing is kept between
quizzes unless :func:`remember` is told so.

For the cohort report, :func:`first_tries` reads one notebook's answers, :func:`question_stats` the share
right at the first try per question over a cohort, and :func:`report_section` renders that section from the
notebooks found under a course folder (:func:`find_notebooks`). Its strings are in ``messages/report_quiz.yaml``.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from grader.messages import t

METADATA_KEY = "ngoaivu_quiz"
MIME = "application/vnd.ngoaivu.quiz-answers+json"
# Where the cohort report looks for trainees' notebooks, under the course folder: nbgrader's submissions and
# autograded copies, and a folder the trainer fills with lesson notebooks handed in (<student>/<lesson>.ipynb).
NOTEBOOK_FOLDERS = ("submitted", "autograded", "bai_hoc_nop")
MAX_NOTEBOOK_BYTES = 20_000_000  # a lesson with its outputs is well under this; larger files are skipped

Answer = int | list[int | None] | None


@dataclass(frozen=True)
class FirstTry:
    answer: Answer
    correct: bool
    at: str = ""

    def to_data(self) -> dict[str, Any]:
        return {"answer": self.answer, "correct": self.correct, "at": self.at}


# quiz id -> question id -> first try, for the quizzes of this kernel session
_session: dict[str, dict[str, FirstTry]] = {}


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _read_try(raw: Any) -> FirstTry | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("correct"), bool):
        return None
    answer = raw.get("answer")
    if isinstance(answer, list):
        answer = [a if isinstance(a, int) and not isinstance(a, bool) else None for a in answer]
    elif not isinstance(answer, int) or isinstance(answer, bool):
        answer = None
    at = raw.get("at")
    return FirstTry(answer, raw["correct"], at if isinstance(at, str) else "")


def first_tries(notebook: Mapping[str, Any]) -> dict[str, dict[str, FirstTry]]:
    """The first answers saved in a notebook (a parsed ``.ipynb``), by quiz id then question id."""
    metadata = notebook.get("metadata")
    saved = metadata.get(METADATA_KEY) if isinstance(metadata, Mapping) else None
    if not isinstance(saved, Mapping):
        return {}
    out: dict[str, dict[str, FirstTry]] = {}
    for quiz, questions in saved.items():
        if not isinstance(quiz, str) or not isinstance(questions, Mapping):
            continue
        tries = {q: ft for q, raw in questions.items() if isinstance(q, str) and (ft := _read_try(raw)) is not None}
        if tries:
            out[quiz] = tries
    return out


def _this_notebook() -> Path | None:
    """The notebook this kernel runs, when the server says (ipykernel's ``__session__``, ``JPY_SESSION_NAME``)."""
    candidates: list[Any] = []
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            candidates.append(shell.user_ns.get("__session__"))
    except ImportError:
        pass
    candidates.append(os.environ.get("JPY_SESSION_NAME"))
    for c in candidates:
        if isinstance(c, str) and c.endswith(".ipynb") and Path(c).is_file():
            return Path(c)
    return None


def _saved(quiz_id: str) -> dict[str, FirstTry]:
    path = _this_notebook()
    if path is None:
        return {}
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return {}
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return first_tries(notebook).get(quiz_id, {}) if isinstance(notebook, Mapping) else {}


def recorded(quiz_id: str) -> dict[str, FirstTry]:
    """The first answers already given to quiz ``quiz_id`` (saved in the notebook, then this session's)."""
    if not quiz_id or not _in_kernel():
        return {}
    return {**_saved(quiz_id), **_session.get(quiz_id, {})}


def remember(quiz_id: str, question_id: str, answer: Answer, correct: bool) -> bool:
    """Keep the first answer to a question for this session; False when one was kept already."""
    if not quiz_id or not question_id or not _in_kernel():
        return False
    mine = _session.setdefault(quiz_id, {})
    if question_id in mine:
        return False
    mine[question_id] = FirstTry(answer, correct, datetime.now(UTC).isoformat(timespec="seconds"))
    return True


def payload(quiz_id: str, tries: Mapping[str, FirstTry]) -> dict[str, Any]:
    """What the quiz publishes for the notebook's metadata: its id and its first answers."""
    return {"quiz": quiz_id, "answers": {q: ft.to_data() for q, ft in sorted(tries.items())}}


def publish(quiz_id: str, tries: Mapping[str, FirstTry], *, update: bool) -> None:
    """Show (or update in place) the quiz's hidden output that the lab plugin copies into the metadata."""
    if not quiz_id or not _in_kernel():
        return
    from IPython.display import display, update_display

    bundle = {MIME: payload(quiz_id, tries), "text/plain": ""}
    display_id = f"ngoaivu-quiz-{quiz_id}"
    if update:
        update_display(bundle, raw=True, display_id=display_id)
    else:
        display(bundle, raw=True, display_id=display_id)


def reset() -> None:
    """Forget this session's first answers (tests)."""
    _session.clear()


# --------------------------------------------------------------------------- the cohort report


@dataclass(frozen=True)
class QuestionStat:
    quiz: str
    question: str
    answered: int  # trainees with a first answer
    right: int  # ... that was right

    @property
    def share(self) -> float:
        return self.right / self.answered if self.answered else 0.0


def question_stats(notebooks: Iterable[tuple[str, Mapping[str, Any]]]) -> list[QuestionStat]:
    """Per question, how many trainees answered and how many were right at the first try.

    ``notebooks`` are ``(student, parsed notebook)`` pairs; a student counted once per question (the
    earliest saved first try wins when several of their notebooks hold the same quiz).
    """
    best: dict[tuple[str, str, str], FirstTry] = {}
    for student, nb in notebooks:
        for quiz, tries in first_tries(nb).items():
            for question, ft in tries.items():
                key = (quiz, question, student)
                if key not in best or (ft.at and (not best[key].at or ft.at < best[key].at)):
                    best[key] = ft
    counts: dict[tuple[str, str], list[int]] = {}
    for (quiz, question, _), ft in best.items():
        c = counts.setdefault((quiz, question), [0, 0])
        c[0] += 1
        c[1] += ft.correct
    return [QuestionStat(q, k, n, r) for (q, k), (n, r) in sorted(counts.items(), key=lambda i: _order(i[0]))]


def _order(key: tuple[str, str]) -> tuple[str, int, str]:
    quiz, question = key
    number = question.rsplit(".q", 1)[-1]
    return quiz, int(number) if number.isdecimal() else 0, question


def find_notebooks(course_root: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(student, notebook)`` for every readable notebook under the course's trainee folders.

    The student is the first folder below ``submitted/``, ``autograded/`` or ``bai_hoc_nop/``; files larger
    than :data:`MAX_NOTEBOOK_BYTES` or not JSON are skipped. The trainees' code is never run.
    """
    for folder in NOTEBOOK_FOLDERS:
        base = course_root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.glob("*/**/*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            try:
                if path.stat().st_size > MAX_NOTEBOOK_BYTES:
                    continue
                nb = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(nb, dict):
                yield path.relative_to(base).parts[0], nb


def question_label(quiz: str, question: str) -> str:
    """The question as the trainer reads it: lesson and number (``Bài 04, câu 2``)."""
    lesson = t(f"report_quiz.lesson.{quiz}") if quiz in QUIZ_LESSONS else quiz
    number = question.rsplit(".q", 1)[-1]
    return t("report_quiz.question", lesson=lesson, number=number)


QUIZ_LESSONS = ("bc", "fa", "pi", "cs")


def report_section(course_root: Path) -> str:
    """The cohort report's section: per question, the share of trainees right at the first try."""
    stats = question_stats(find_notebooks(course_root))
    head = f"<h2>{html.escape(t('report_quiz.title'))}</h2>"
    if not stats:
        return head + f"<p class='muted'>{html.escape(t('report_quiz.none', folders=', '.join(NOTEBOOK_FOLDERS)))}</p>"
    rows = "".join(
        f"<tr><td>{html.escape(question_label(s.quiz, s.question))}</td><td>{s.answered}</td><td>{s.right}</td>"
        f"<td>{round(100 * s.share)}%</td></tr>"
        for s in sorted(stats, key=lambda s: (s.share, _order((s.quiz, s.question))))
    )
    header = "".join(f"<th>{html.escape(t(k))}</th>" for k in
                     ("report_quiz.col.question", "report_quiz.col.answered", "report_quiz.col.right",
                      "report_quiz.col.share"))
    return (head + f"<p class='muted'>{html.escape(t('report_quiz.intro'))}</p>"
            f"<table><tr>{header}</tr>{rows}</table>")
