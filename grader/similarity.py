"""Copies between trainees: pairs of submissions of one exercise whose answers share most of their text.

What is compared is what the trainee wrote: the answer cells (nbgrader ``solution`` cells, code and
written) of each submitted notebook, less every line of the released template. Names and numbers are
masked first (a word starting with a capital letter becomes ``@``, one with a digit ``#``), so a plan
copied with another province, partner, date or budget is still the same plan, and texts are compared
as sets of shingles (runs of :data:`SHINGLE` masked words).

A pair is named when the shingles they share cover at least :data:`MIN_SHARE` of the smaller answer
(containment, so copying a plan and adding to it is still caught) and both answers hold at least
:data:`MIN_WORDS` words of their own. Phrases most of a large cohort share (the course's own wording)
do not count. The shared passages are then found word by word (``difflib``, Python's standard
library) and shown side by side, each in its own writer's words.

Why exact shingles and not MinHash: a cohort is at most a few hundred answers per exercise, and exact
set intersections through an inverted index take milliseconds there (60 trainees x 5 exercises: well
under a second), with no estimate to tune and nothing to install.

:func:`report_section` is the cohort report's section; it also flags both notebooks of each pair in
the gradebook, so the formgrader's list of submissions shows them flagged for review.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.messages import t

SHINGLE = 6  # masked words per shingle
MIN_SHARE = 0.6  # share of the smaller answer's shingles found in the other
MIN_WORDS = 40  # own words (not masked names or numbers) an answer needs to be compared
MIN_PASSAGE = 8  # words of a passage shown side by side
MAX_PASSAGES = 5
MAX_CHARS = 400  # characters of one passage shown
COMMON_SHARE = 0.5  # a shingle in more than this share of a cohort of at least COMMON_MIN answers is common wording
COMMON_MIN = 10
MAX_ANSWER_CHARS = 200_000  # characters of one answer read (a bigger one is cut)

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Word:
    masked: str
    original: str


@dataclass
class Answer:
    student: str
    words: list[Word]
    shingles: set[int] = field(default_factory=set)

    @property
    def own_words(self) -> int:
        return sum(w.masked not in ("@", "#") for w in self.words)


@dataclass
class Pair:
    assignment: str
    first: str
    second: str
    share: float  # shared shingles / shingles of the smaller answer
    passages: list[tuple[str, str]]  # (first's words, second's words) for each shared passage


def mask(word: str) -> str:
    if any(ch.isdigit() for ch in word):
        return "#"
    if word[:1].isupper():
        return "@"
    return word.lower()


def words_of(text: str) -> list[Word]:
    return [Word(mask(w), w) for w in _WORD.findall(text[:MAX_ANSWER_CHARS])]


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _is_answer(cell: dict[str, Any]) -> bool:
    meta = cell.get("metadata", {})
    return isinstance(meta, dict) and bool(meta.get("nbgrader", {}).get("solution"))


def answer_text(notebook: dict[str, Any], template: set[str] | frozenset[str] = frozenset()) -> str:
    """The trainee's own text in a notebook: its answer cells, less the template's lines."""
    lines = []
    for cell in notebook.get("cells", []) if isinstance(notebook, dict) else []:
        if isinstance(cell, dict) and _is_answer(cell):
            lines.extend(line for line in _source(cell).splitlines() if line.strip() not in template)
    return "\n".join(lines)


def template_lines(notebook: dict[str, Any]) -> set[str]:
    """Every non-blank line of the released notebook's cells (the template and the task's wording)."""
    found = set()
    for cell in notebook.get("cells", []) if isinstance(notebook, dict) else []:
        if isinstance(cell, dict):
            found.update(line.strip() for line in _source(cell).splitlines() if line.strip())
    return found


def _shingles(words: list[Word]) -> set[int]:
    masked = [w.masked for w in words]
    return {hash(tuple(masked[i:i + SHINGLE])) for i in range(len(masked) - SHINGLE + 1)}


def _passages(a: Answer, b: Answer) -> list[tuple[str, str]]:
    matcher = difflib.SequenceMatcher(None, [w.masked for w in a.words], [w.masked for w in b.words], autojunk=False)
    blocks = sorted((m for m in matcher.get_matching_blocks() if m.size >= MIN_PASSAGE), key=lambda m: -m.size)
    out = []
    for m in sorted(blocks[:MAX_PASSAGES], key=lambda m: m.a):
        left = " ".join(w.original for w in a.words[m.a:m.a + m.size])
        right = " ".join(w.original for w in b.words[m.b:m.b + m.size])
        out.append((left[:MAX_CHARS] + ("…" if len(left) > MAX_CHARS else ""),
                    right[:MAX_CHARS] + ("…" if len(right) > MAX_CHARS else "")))
    return out


def find_copies(assignment: str, texts: dict[str, str], min_share: float = MIN_SHARE) -> list[Pair]:
    """The pairs of ``texts`` (student -> the trainee's own text) that share most of their text."""
    answers = []
    for student, text in sorted(texts.items()):
        answer = Answer(student, words_of(text))
        if answer.own_words >= MIN_WORDS:
            answer.shingles = _shingles(answer.words)
            answers.append(answer)
    if len(answers) >= COMMON_MIN:
        counts = Counter(s for a in answers for s in a.shingles)
        common = {s for s, n in counts.items() if n > COMMON_SHARE * len(answers)}
        for a in answers:
            a.shingles -= common
    index: dict[int, list[int]] = defaultdict(list)
    for i, a in enumerate(answers):
        for s in a.shingles:
            index[s].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in index.values():
        if 1 < len(holders) <= 50:  # a shingle in more answers than this is wording, not a copy
            for x in range(len(holders)):
                for y in range(x + 1, len(holders)):
                    shared[(holders[x], holders[y])] += 1
    pairs = []
    for (i, j), n in shared.items():
        a, b = answers[i], answers[j]
        smaller = min(len(a.shingles), len(b.shingles))
        if smaller and n / smaller >= min_share:
            pairs.append(Pair(assignment, a.student, b.student, round(n / smaller, 3), _passages(a, b)))
    return sorted(pairs, key=lambda p: (-p.share, p.first, p.second))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def cohort_copies(course: Any, assignments: Iterable[str] | None = None) -> list[Pair]:
    """Every pair of copies in the course's submitted notebooks, exercise by exercise."""
    submitted, release = course.folder("submitted"), course.folder("release")
    names = sorted(assignments) if assignments is not None else sorted(
        {p.name for p in submitted.glob("*/*") if p.is_dir()}) if submitted.is_dir() else []
    pairs: list[Pair] = []
    for assignment in names:
        notebooks = sorted(release.glob(f"{assignment}/*.ipynb"))
        template = set().union(*(template_lines(_read_json(p)) for p in notebooks)) if notebooks else set()
        texts: dict[str, str] = {}
        for folder in sorted(submitted.glob(f"*/{assignment}")):
            parts = [answer_text(_read_json(p), template) for p in sorted(folder.glob("*.ipynb"))]
            texts[folder.parent.name] = "\n".join(parts)
        pairs.extend(find_copies(assignment, texts))
    return pairs


def flag_in_gradebook(course: Any, pairs: list[Pair]) -> int:
    """Flag both submitted notebooks of every pair in the gradebook (the formgrader shows the flag)."""
    if not pairs:
        return 0
    from grader.course import gradebook

    flagged = 0
    with gradebook(course) as gb:
        for pair in pairs:
            for student in (pair.first, pair.second):
                try:
                    submission = gb.find_submission(pair.assignment, student)
                except Exception:  # not in the gradebook (collected, not autograded): nothing to flag
                    continue
                for notebook in submission.notebooks:
                    if not notebook.flagged:
                        notebook.flagged = True
                        flagged += 1
        gb.db.commit()
    return flagged


def section_html(pairs: list[Pair]) -> str:
    """The report's section: one table per pair, the shared passages side by side."""
    parts = [f"<h2>{html.escape(t('similarity.title'))}</h2>",
             f"<p class='muted'>{html.escape(t('similarity.explain', share=round(100 * MIN_SHARE)))}</p>"]
    if not pairs:
        parts.append(f"<p class='muted'>{html.escape(t('similarity.none'))}</p>")
        return "\n".join(parts)
    for pair in pairs:
        parts.append("<h3>" + html.escape(t("similarity.pair", assignment=pair.assignment, first=pair.first,
                                                 second=pair.second, share=round(100 * pair.share))) + "</h3>")
        rows = "".join(f"<tr><td>{html.escape(left)}</td><td>{html.escape(right)}</td></tr>"
                       for left, right in pair.passages)
        parts.append(f"<table><tr><th>{html.escape(pair.first)}</th><th>{html.escape(pair.second)}</th></tr>"
                     f"{rows}</table>")
    return "\n".join(parts)


def report_section(course: Any) -> str:
    """The cohort report's section on copies; flags the pairs in the gradebook for the formgrader."""
    pairs = cohort_copies(course)
    try:
        flag_in_gradebook(course, pairs)
    except Exception:  # the report is still worth having when the gradebook cannot be written
        pass
    return section_html(pairs)
