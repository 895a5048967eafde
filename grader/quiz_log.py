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

The exercises carry them too. Lessons are never handed in, so the trainee's self-check
(:func:`grader.selfcheck.kiem_tra`, run in every exercise before submitting) calls :func:`publish_workspace`: it
reads (read only) the first answers saved in the lessons of the trainee's workspace (:func:`workspace_root`: the
nearest folder above the exercise holding the lessons' ``course/``, as ``make start`` and the hub lay it out) and
publishes them, capped, as one output of the same MIME type (``{"quizzes": {quiz id: {question id: ...}}}``); the
plugin merges it into the exercise notebook's metadata the same way, so a submission (Assignments tab or
:func:`grader.submit.nop_bai`) brings them to ``submitted/``, where the report reads them.

For the cohort report, :func:`first_tries` reads one notebook's answers, :func:`question_stats` the share
right at the first try per question over a cohort (one answer per trainee and question, the earliest, whether
it comes from a lesson or from one or several exercises), and :func:`report_section` renders that section from the
notebooks found under a course folder (:func:`find_notebooks`). Its strings are in ``messages/report_quiz.yaml``.

Everything read from a notebook is hostile input (a trainee can edit its JSON): ids must have the course's
form (``cs`` and ``cs.q2``), counts, lists and strings are capped, a malformed entry is dropped, never raised.

Why one module of this size: the kernel's side (a lesson's quiz, an exercise's self-check) and the report's
side read and write one format (the metadata key, the MIME type, the ids and caps, the rule that the earliest
first try wins); split, the report would read with other rules than the kernel writes with, and a new module
would also need its own floor in the import contract.
"""

from __future__ import annotations

import html
import json
import os
import re
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
# Caps on what is read from (or published for) a notebook: the course has 4 quizzes of at most 9 questions.
MAX_QUIZZES = 16
MAX_QUESTIONS = 64  # per quiz
MAX_ITEMS = 32  # picks of a matching question
MAX_AT = 40  # characters of a timestamp
MAX_LESSONS = 32  # notebooks read in a workspace's course/ folder
MAX_OUTPUTS = 64  # quiz outputs read in one notebook
_QUIZ_ID = re.compile(r"[a-z]{1,12}")
_QUESTION_ID = re.compile(r"([a-z]{1,12})\.q([1-9][0-9]?)")

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


def _small_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1000 else None


def _read_try(raw: Any) -> FirstTry | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("correct"), bool):
        return None
    answer = raw.get("answer")
    if isinstance(answer, list):
        if len(answer) > MAX_ITEMS:
            return None
        answer = [_small_int(a) for a in answer]
    else:
        answer = _small_int(answer)
    at = raw.get("at")
    return FirstTry(answer, raw["correct"], at if isinstance(at, str) and len(at) <= MAX_AT else "")


def _read_quiz(quiz: Any, questions: Any) -> dict[str, FirstTry]:
    """One quiz's first answers, kept only when the ids have the course's form (``cs``, ``cs.q2``)."""
    if not isinstance(quiz, str) or not _QUIZ_ID.fullmatch(quiz) or not isinstance(questions, Mapping):
        return {}
    out: dict[str, FirstTry] = {}
    for question, raw in list(questions.items())[:MAX_QUESTIONS]:
        match = _QUESTION_ID.fullmatch(question) if isinstance(question, str) else None
        if match and match.group(1) == quiz and (ft := _read_try(raw)) is not None:
            out[question] = ft
    return out


def _at(ft: FirstTry) -> datetime | None:
    """When the first try was given, if its timestamp is a readable ISO time (naive times taken as UTC)."""
    try:
        when = datetime.fromisoformat(ft.at)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _earlier(new: FirstTry, old: FirstTry) -> bool:
    """Whether ``new`` was given before ``old`` (a try with no readable time never replaces one)."""
    a, b = _at(new), _at(old)
    return a is not None and (b is None or a < b)


def merge_tries(into: dict[str, dict[str, FirstTry]], more: Mapping[str, Mapping[str, FirstTry]]) -> None:
    """Add ``more`` to ``into``, quiz by quiz and question by question; the earliest first try wins."""
    for quiz, tries in more.items():
        if quiz not in into and len(into) >= MAX_QUIZZES:
            continue
        mine = into.setdefault(quiz, {})
        for question, ft in tries.items():
            if question not in mine or _earlier(ft, mine[question]):
                mine[question] = ft


def first_tries(notebook: Mapping[str, Any]) -> dict[str, dict[str, FirstTry]]:
    """The first answers saved in a notebook (a parsed ``.ipynb``), by quiz id then question id."""
    metadata = notebook.get("metadata")
    saved = metadata.get(METADATA_KEY) if isinstance(metadata, Mapping) else None
    if not isinstance(saved, Mapping):
        return {}
    out: dict[str, dict[str, FirstTry]] = {}
    for quiz, questions in list(saved.items())[:MAX_QUIZZES]:
        if tries := _read_quiz(quiz, questions):
            out[quiz] = tries
    return out


def _payload_tries(data: Any) -> dict[str, dict[str, FirstTry]]:
    """The first answers of one published payload: a lesson quiz's (``quiz``, ``answers``) or an exercise's
    (``quizzes``)."""
    if not isinstance(data, Mapping):
        return {}
    if isinstance(data.get("quizzes"), Mapping):
        return first_tries({"metadata": {METADATA_KEY: data["quizzes"]}})
    tries = _read_quiz(data.get("quiz"), data.get("answers"))
    return {data["quiz"]: tries} if tries else {}


def saved_tries(notebook: Mapping[str, Any]) -> dict[str, dict[str, FirstTry]]:
    """Every first answer a notebook holds: in its metadata (the lab plugin's copy) and in the quiz outputs
    saved with its cells (the same payloads, kept even where the plugin did not run); the earliest wins."""
    out = first_tries(notebook)
    cells = notebook.get("cells")
    seen = 0
    for cell in cells if isinstance(cells, list) else ():
        outputs = cell.get("outputs") if isinstance(cell, Mapping) else None
        for output in outputs if isinstance(outputs, list) else ():
            data = output.get("data") if isinstance(output, Mapping) else None
            if not isinstance(data, Mapping) or MIME not in data:
                continue
            seen += 1
            if seen > MAX_OUTPUTS:
                return out
            merge_tries(out, _payload_tries(data[MIME]))
    return out


def _read_notebook(path: Path, *, links: bool = True) -> dict[str, Any] | None:
    """A notebook file parsed, or None (too large, not JSON, nested too deep, not an object; a symlink unless
    ``links``)."""
    try:
        if (not links and path.is_symlink()) or not path.is_file() or path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return notebook if isinstance(notebook, dict) else None


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
    notebook = _read_notebook(path) if path is not None else None
    return saved_tries(notebook).get(quiz_id, {}) if notebook is not None else {}


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
    """Forget this session's first answers and the lessons read (tests)."""
    _session.clear()
    _lessons_read.clear()


# --------------------------------------------------------------------------- the lessons' answers, carried by exercises

LESSONS_FOLDER = "course"  # the workspace's copy of the lessons (grader.launch.prepare_workspace, the hub's home)
_REPOSITORY = Path(__file__).resolve().parent.parent  # its course/ holds the lessons as shipped, never a trainee's
_LEVELS_UP = 3  # <workspace>/bai_tap/<assignment>/ (make start), ~/<course id>/<assignment>/ (the hub)
# lesson path -> (mtime, size) when read, and its first answers: a self-check run again reads only what changed
_lessons_read: dict[Path, tuple[tuple[int, int], dict[str, dict[str, FirstTry]]]] = {}


def workspace_root(start: Path) -> Path | None:
    """The trainee's workspace an exercise folder lies in: the nearest folder at most three levels above
    ``start`` (itself included) that holds the lessons' ``course/`` folder; not the repository (its lessons are
    the shipped ones, for the instructor's workspace). None when there is none."""
    try:
        here = start.resolve()
    except (OSError, RuntimeError):
        return None
    for folder in [here, *here.parents][:_LEVELS_UP + 1]:
        if folder == _REPOSITORY:
            return None
        if (folder / LESSONS_FOLDER).is_dir():
            return folder
    return None


def _lesson_tries(path: Path) -> dict[str, dict[str, FirstTry]]:
    try:
        info = path.stat()
    except OSError:
        return {}
    stamp = (info.st_mtime_ns, info.st_size)
    known = _lessons_read.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    notebook = _read_notebook(path, links=False)
    tries = saved_tries(notebook) if notebook is not None else {}
    _lessons_read[path] = (stamp, tries)
    return tries


def workspace_answers(root: Path) -> dict[str, dict[str, FirstTry]]:
    """The first answers saved in the lessons of the workspace ``root`` (``course/*.ipynb``, read only, at
    most :data:`MAX_LESSONS` files); the earliest wins when two lessons hold the same question."""
    out: dict[str, dict[str, FirstTry]] = {}
    try:
        lessons = sorted((root / LESSONS_FOLDER).glob("*.ipynb"))[:MAX_LESSONS]
    except OSError:
        return out
    for path in lessons:
        merge_tries(out, _lesson_tries(path))
    return out


def workspace_payload(tries: Mapping[str, Mapping[str, FirstTry]]) -> dict[str, Any]:
    """What an exercise publishes for its notebook's metadata: the first answers of every lesson quiz."""
    return {"quizzes": {quiz: {q: ft.to_data() for q, ft in sorted(answers.items())}
                        for quiz, answers in sorted(tries.items()) if answers}}


def publish_workspace() -> int:
    """In a trainee's kernel, publish the first answers saved in the workspace's lessons as one output of
    :data:`MIME`, which the lab plugin merges into this (exercise) notebook's metadata; its text is one short
    line saying that the submission carries them. Returns how many answers were published (0: nothing shown).
    Never raises."""
    if not _in_kernel():
        return 0
    try:
        here = _this_notebook()
        start = (here.parent if here is not None else Path.cwd()).resolve()
        root = workspace_root(start)
        if root is None or start.is_relative_to(root / LESSONS_FOLDER):  # a lesson's self-check demo hands nothing in
            return 0
        tries = workspace_answers(root)
        count = sum(len(answers) for answers in tries.values())
        if not count:
            return 0
        from IPython.display import display

        display({MIME: workspace_payload(tries), "text/plain": t("quiz_log.carried", count=count)}, raw=True)
        return count
    except Exception:  # the self-check must never fail because of the lessons' files
        return 0


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

    ``notebooks`` are ``(student, parsed notebook)`` pairs: lessons and the exercises that carry their answers.
    A student is counted once per question: the earliest first try wins when several of their notebooks hold
    it (a lesson handed in, one or several exercises, their autograded copies). Only the lessons' quizzes
    (:data:`QUIZ_LESSONS`) are counted.
    """
    by_student: dict[str, dict[str, dict[str, FirstTry]]] = {}
    for student, nb in notebooks:
        tries = {quiz: answers for quiz, answers in saved_tries(nb).items() if quiz in QUIZ_LESSONS}
        merge_tries(by_student.setdefault(student, {}), tries)
    counts: dict[tuple[str, str], list[int]] = {}
    for answers in by_student.values():
        for quiz, tries in answers.items():
            for question, ft in tries.items():
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

    The student is the first folder below ``submitted/``, ``autograded/`` or ``bai_hoc_nop/``; symlinks, files
    larger than :data:`MAX_NOTEBOOK_BYTES` and files not JSON are skipped. The trainees' code is never run.
    """
    for folder in NOTEBOOK_FOLDERS:
        base = course_root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.glob("*/**/*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            nb = _read_notebook(path, links=False)
            if nb is not None:
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
