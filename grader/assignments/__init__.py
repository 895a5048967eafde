"""The exercises' specifications: for each assignment, how its answer is read and which criteria judge it.

Each assignment lives in its own module in this package (``bt1_phan_loai.py``,
...) and defines a module-level ``ASSIGNMENT`` (:class:`Assignment`). The same
specification drives the trainee's self-check (public criteria only), nbgrader's
test cells (:mod:`grader.nbtest`), the trusted re-check of the grading path and
the cohort report.

Hidden criteria are not in this package: they live in instructor-side files
``<course root>/criteria/<assignment id>.py`` (``CRITERIA`` and optional
``MESSAGES``), which only the grading path (and the instructor's tests) load,
with :func:`load_hidden`. Until then :func:`get` returns the public criteria
only; in the trainee's kernel nothing loads them.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from grader import messages, period
from grader.answer_form import AnswerError, plain_answer
from grader.results import OPEN, CheckResult, Finding, Gate

# Assignment ids, in course order; each names a module of this package.
ASSIGNMENT_IDS: tuple[str, ...] = (
    "bt1_phan_loai",
    "bt2_doc_nguon",
    "bt3_thua_thien_hue",
    "bt4_dat_hang",
    "bt5_ke_hoach_tinh",
)


@dataclass(frozen=True)
class Criterion:
    """One autograded criterion: its own test cell, its own points."""

    key: str  # used in test cells: cham("<assignment>", "<key>", answer)
    title_key: str  # catalogue key of its Vietnamese name
    points: float
    hidden: bool  # exercise-specific: in a hidden-test block, never named by the self-check
    check: Callable[[Any], CheckResult]  # parsed answer -> result (any scale; scaled to `points`)


@dataclass(frozen=True)
class Assignment:
    id: str
    title_key: str
    answer_variable: str  # the name of the variable the trainee fills in
    parse: Callable[[Any], Any]  # raw answer -> typed answer; raises AnswerError
    criteria: tuple[Criterion, ...]
    # True when instructor-side hidden criteria are applied at grading (the self-check says so
    # even where they are not loaded, without naming them).
    hidden_at_grading: bool = False
    # What the whole answer allows before any criterion counts (grader.checks.gates): every criterion's
    # result is capped by it. The exercise's task gate (hidden: ``GATE`` of its criteria file) is combined
    # with it where the hidden criteria are loaded.
    gate: Callable[[Any], Gate] | None = None

    def read(self, raw: Any) -> Any:
        """The typed answer, read from ``raw`` as the grading path sees it (see :func:`plain_answer`)."""
        return self.parse(plain_answer(raw))

    def criterion(self, key: str) -> Criterion:
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(f"assignment {self.id} has no criterion {key!r}")

    @property
    def public_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if not c.hidden)

    @property
    def hidden_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.hidden)

    @property
    def has_hidden_criteria(self) -> bool:
        """Whether further criteria are applied at grading (loaded here or not)."""
        return self.hidden_at_grading or bool(self.hidden_criteria)

    @property
    def total_points(self) -> float:
        return sum(c.points for c in self.criteria)


class HiddenCriteriaError(ValueError):
    """A hidden-criteria file is malformed (English, for the instructor)."""


_hidden: dict[str, tuple[Criterion, ...]] = {}  # assignment id -> hidden criteria loaded in this process
_hidden_gates: dict[str, Callable[[Any], Gate]] = {}  # assignment id -> its task gate (criteria file's GATE)
_MESSAGE_ORIGIN = "hidden criteria {}"


def _public(assignment_id: str) -> Assignment:
    if assignment_id not in ASSIGNMENT_IDS:
        raise KeyError(f"unknown assignment {assignment_id!r}; known: {', '.join(ASSIGNMENT_IDS)}")
    return importlib.import_module(f"{__name__}.{assignment_id}").ASSIGNMENT


def get(assignment_id: str) -> Assignment:
    """The specification of ``assignment_id`` (one of :data:`ASSIGNMENT_IDS`).

    Its criteria are the public ones of this package followed by the hidden ones registered with
    :func:`load_hidden` in this process (none in a trainee's kernel).
    """
    spec = _public(assignment_id)
    extra = _hidden.get(assignment_id)
    return replace(spec, criteria=spec.criteria + extra) if extra else spec


def _load_file(assignment_id: str, path: Path) -> tuple[tuple[Criterion, ...], dict[str, Any],
                                                       Callable[[Any], Gate] | None]:
    name = f"ngoaivu_hidden_criteria_{assignment_id}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise HiddenCriteriaError(f"{path}: cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and partials defined in the file look their module up
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise HiddenCriteriaError(f"{path}: {type(exc).__name__}: {exc}") from exc
    criteria = getattr(module, "CRITERIA", None)
    texts = getattr(module, "MESSAGES", {})
    gate = getattr(module, "GATE", None)
    if gate is not None and not callable(gate):
        raise HiddenCriteriaError(f"{path}: GATE must be a function of the answer returning a grader.results.Gate")
    if not isinstance(criteria, tuple) or not all(isinstance(c, Criterion) and c.hidden for c in criteria):
        raise HiddenCriteriaError(f"{path}: CRITERIA must be a tuple of hidden Criterion (plan_criteria.hidden)")
    if not isinstance(texts, Mapping) or not all(isinstance(k, str) and k.startswith("hidden.") for k in texts):
        raise HiddenCriteriaError(f"{path}: MESSAGES must map keys starting with 'hidden.' to {{'vi', 'en'}}")
    public = {c.key for c in _public(assignment_id).criteria}
    keys = [c.key for c in criteria]
    clashes = sorted(public.intersection(keys) | {k for k in keys if keys.count(k) > 1})
    if clashes:
        raise HiddenCriteriaError(f"{path}: criterion keys used twice: {', '.join(clashes)}")
    return criteria, dict(texts), gate


def load_hidden(criteria_dir: Path | str) -> dict[str, int]:
    """Register the hidden criteria of ``criteria_dir/<assignment id>.py`` for this process.

    Each file is imported by its path (never as part of this package) and defines ``CRITERIA``
    (a tuple of hidden :class:`Criterion`), optionally ``MESSAGES`` (catalogue entries whose keys
    start with ``hidden.``) and optionally ``GATE`` (the exercise's task gate: the typed answer in, a
    :class:`~grader.results.Gate` out). Loading again replaces what was loaded before; assignments without a file
    keep only their public criteria. The plan period of the course these criteria belong to (its
    ``course_settings.yaml``, beside the criteria folder: :func:`grader.period.course_period`) is put in force
    in this process, so that the grader judges with the trainer's setting.
    Returns ``{assignment id: number of hidden criteria}``.
    Raises :class:`HiddenCriteriaError` for a malformed file (then no hidden criterion stays loaded,
    unless the file could not even be imported, which changes nothing).
    """
    folder = Path(criteria_dir)
    _course_period(folder.parent)
    loaded = {aid: _load_file(aid, folder / f"{aid}.py") for aid in ASSIGNMENT_IDS
              if (folder / f"{aid}.py").is_file()}
    unload_hidden()
    try:
        for assignment_id, (criteria, texts, gate) in loaded.items():
            messages.register(texts, _MESSAGE_ORIGIN.format(assignment_id))
            untitled = [c.title_key for c in criteria if not messages.has(c.title_key)]
            if untitled:
                raise messages.MessageError(f"{assignment_id}.py: no message for the titles {', '.join(untitled)}")
            _hidden[assignment_id] = criteria
            if gate is not None:
                _hidden_gates[assignment_id] = gate
    except messages.MessageError as exc:
        unload_hidden()
        raise HiddenCriteriaError(f"{folder}: {exc}") from exc
    _copy_rule()
    return {aid: len(criteria) for aid, (criteria, _, _) in loaded.items()}


def _course_period(course_root: Path) -> None:
    period.activate(period.course_period(course_root))


def unload_hidden() -> None:
    """Forget every hidden criterion (and its messages) loaded in this process."""
    for assignment_id in list(_hidden) + list(ASSIGNMENT_IDS):
        messages.unregister(_MESSAGE_ORIGIN.format(assignment_id))
    _hidden.clear()
    _hidden_gates.clear()
    _copy_rule()


def _copy_rule() -> None:
    """Tell the substance rules whether copies of the course's texts are discounted: while hidden criteria
    are loaded (at grading), as :func:`grader.substance.copies.enforced` documents."""
    from grader.substance import copies

    copies.enforce(bool(_hidden))


def hidden_loaded(assignment_id: str) -> bool:
    """Whether hidden criteria of ``assignment_id`` are loaded in this process."""
    return assignment_id in _hidden


def evaluate(assignment_id: str, raw_answer: Any, criterion_key: str) -> CheckResult:
    """Judge one criterion. Never raises on a bad answer: an unreadable answer earns 0 with the reasons."""
    return evaluate_many(assignment_id, raw_answer, (criterion_key,))[criterion_key]


def evaluate_many(assignment_id: str, raw_answer: Any, criterion_keys: Iterable[str]) -> dict[str, CheckResult]:
    """Judge several criteria of one answer, reading it once (same results as :func:`evaluate` for each)."""
    assignment = get(assignment_id)
    criteria = [assignment.criterion(key) for key in criterion_keys]
    try:
        answer = assignment.read(raw_answer)
    except AnswerError as exc:
        return {c.key: CheckResult(c.key, 0.0, c.points, exc.findings) for c in criteria}
    return judge(assignment_id, answer, [c.key for c in criteria])


def answer_gate(assignment_id: str, answer: Any) -> Gate:
    """The gate of an answer already read: the assignment's public gate and, where the hidden criteria are
    loaded, its task gate (never raises: a failing gate asks the instructor to review)."""
    assignment = get(assignment_id)
    gate = OPEN
    for check in (assignment.gate, _hidden_gates.get(assignment_id)):
        if check is None:
            continue
        try:
            gate &= check(answer)
        except Exception as exc:  # noqa: BLE001 (a gate must not crash grading)
            gate &= Gate(1.0, (), (Finding("gate.failed", {"error": type(exc).__name__}),))
    return gate


def judge(assignment_id: str, answer: Any, criterion_keys: Iterable[str]) -> dict[str, CheckResult]:
    """Judge several criteria of an answer already read with ``Assignment.read`` (never raises on it).

    Each result is capped by the answer's gate (:func:`answer_gate`)."""
    assignment = get(assignment_id)
    criteria = [assignment.criterion(key) for key in criterion_keys]
    gate = answer_gate(assignment_id, answer)
    out = {}
    for criterion in criteria:
        try:
            result = criterion.check(answer)
        except Exception as exc:  # a check must not crash grading; report it as an unreadable answer
            out[criterion.key] = CheckResult(
                criterion.key, 0.0, criterion.points,
                (Finding("common.check_failed", {"error": type(exc).__name__}),),
            )
            continue
        out[criterion.key] = replace(result.scaled(criterion.points), criterion=criterion.key).capped(gate)
    return out


def evaluate_all(assignment_id: str, raw_answer: Any, *, include_hidden: bool) -> list[CheckResult]:
    """Judge every criterion (or only the public ones) of an assignment, reading the answer once."""
    assignment = get(assignment_id)
    criteria = assignment.criteria if include_hidden else assignment.public_criteria
    results = evaluate_many(assignment_id, raw_answer, [c.key for c in criteria])
    return [results[c.key] for c in criteria]
