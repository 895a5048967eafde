"""Malformed answers and the three-way judge behind tests/test_fuzz.py and benchmarks/fuzz_benchmark.py.

:func:`judge` runs one answer through everything that reads it — the plan reader, the trainee's
self-check (:func:`grader.selfcheck.kiem_tra`), ``cham`` in this process for every criterion (hidden
ones loaded, as in the instructor's tests), and the grading path (export from a "kernel" namespace,
read back as data, trusted re-check of a test cell, nbgrader's own :func:`determine_grade`) — and
lists every **defect**: an exception other than the documented ``AnswerError``, a check that crashed
(``common.check_failed``), a message that cannot be rendered, or points that differ between ``cham``
and the grading path, or between the self-check's verdict and ``cham``.

:class:`Mutator` builds malformed answers from a seeded :class:`random.Random`: hostile values (wrong
types, NaN and infinities, huge numbers, deep nesting, Unicode oddities, very long texts, objects whose
``repr`` raises), the bt3/bt4/bt5 solutions with one field changed, and text-form plans with one line
changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import math
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

import nbformat
from nbgrader.utils import determine_grade
from nbgrader_helpers import EXERCISES, load_course_criteria, solution_source

from grader.assignments import ASSIGNMENT_IDS, AnswerError, get
from grader.grading.export import export_payload, read_payload
from grader.grading.recheck import answer_problem, recheck
from grader.messages import short_value
from grader.nbtest import verdict
from grader.plan import read_plan, read_proposal
from grader.selfcheck import kiem_tra

PLAN_IDS = ("bt3_thua_thien_hue", "bt5_ke_hoach_tinh")
TEXT_IDS = ("bt3_thua_thien_hue", "bt4_dat_hang", "bt5_ke_hoach_tinh")


# --------------------------------------------------------------------------- the solutions, in both forms


@cache
def solution(assignment_id: str) -> Any:
    """The answer of the source notebook's solution (whatever form it is written in)."""
    nb = nbformat.read(str(EXERCISES / "source" / assignment_id / f"{assignment_id}.ipynb"), as_version=4)
    variable = get(assignment_id).answer_variable
    namespace: dict[str, Any] = {}
    exec(solution_source(nb, variable), namespace)
    return namespace[variable]


@cache
def solution_forms(assignment_id: str) -> tuple[Any, ...]:
    """The solution as data (a dict) and, for plans and proposals, as text."""
    raw = solution(assignment_id)
    if assignment_id not in TEXT_IDS:
        return (raw,)
    from grader import plan_text

    proposal = assignment_id == "bt4_dat_hang"
    if isinstance(raw, str):
        form = plan_text.parse_proposal_text(raw) if proposal else plan_text.parse_plan_text(raw)
        return form.data, raw
    writer = getattr(plan_text, "write_proposal" if proposal else "write_plan", None)
    if writer is None:
        return (raw,)
    return raw, writer(read_proposal(raw) if proposal else read_plan(raw))


def load_hidden_criteria() -> None:
    load_course_criteria()


# --------------------------------------------------------------------------- hostile values


class RaisingRepr:
    """An object whose repr, str and comparisons raise."""

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        return 1


ODD_TEXTS = (
    "", " ", "\t\n", "\x00", "\ud800", "\u202e Huế", "Hue\u0301", "H\u200bu\u200bế", "🇻🇳🏯", "Ｈｕｅ", "ǅ", "ß" * 50,
    "None", "nan", "inf", "-1", "1e309", "0x10", "²", "٣", "1" * 5000, "9" * 20, "30/02/2024", "2024-13-45",
    "31/12/99999", "-5 tỷ đồng", "3,2 tỷ đồng", "7.450.000.000", "800_000_000", "có", "không", "{ ... }", "{0}",
    "{x}", "%s", "'; DROP TABLE", "a" * 200, "đẩy mạnh toàn diện, thực chất, hiệu quả " * 30,
)


class Mutator:
    """Builds malformed answers from a seeded random generator (reproducible: same seed, same answers)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def text(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.rng.choice(ODD_TEXTS)
        if r < 0.7:
            return "".join(chr(self.rng.choice((self.rng.randrange(32, 0x2FF), self.rng.randrange(0x1EA0, 0x1EFF),
                                                 self.rng.randrange(0x300, 0x36F), self.rng.randrange(0x10000,
                                                                                                      0x10FFF))))
                           for _ in range(self.rng.randrange(1, 40)))
        if r < 0.9:
            words = ("hội nghị", "xúc tiến", "đầu tư", "Nhật Bản", "di sản", "du lịch", "1", "x", "a b c", "Huế")
            return " ".join(self.rng.choice(words) for _ in range(self.rng.randrange(1, 3000)))
        return self.rng.choice("xyz\n ") * self.rng.randrange(10_000, 200_000)

    def number(self) -> Any:
        return self.rng.choice((
            0, -1, 1, 7, 2**31, 2**63, 10**18, 10**400, -(10**5000), 10**5000, 0.001, -0.0, 1e308, 5e-324,
            math.nan, math.inf, -math.inf, 2.5, 1 / 3, True, False, complex(1, 1), Decimal("1.5"), Fraction(1, 3),
        ))

    def number_text(self) -> str:
        """A number as a trainee might type it, including absurd ones (digits of huge integers included)."""
        number = self.number()
        if isinstance(number, int) and abs(number) > 10**100:
            return ("-" if number < 0 else "") + "1" + "0" * self.rng.choice((400, 5000))
        return str(number)

    def date(self) -> Any:
        return self.rng.choice((dt.date(2024, 6, 30), dt.date(1, 1, 1), dt.date(9999, 12, 31),
                                dt.datetime(2024, 6, 30, 23, 59, tzinfo=dt.UTC), dt.datetime(2025, 1, 1), dt.time(1),
                                dt.timedelta(days=3)))

    def deep(self) -> Any:
        value: Any = self.rng.choice(([], {}, "x", 1))
        for _ in range(self.rng.choice((40, 500, 3000, 6000))):
            value = [value] if self.rng.random() < 0.5 else {"a": value}
        return value

    def odd_object(self) -> Any:
        choices: list[Any] = [RaisingRepr(), object(), b"\xff\xfe", bytearray(b"x"), range(5), print, type,
                              Ellipsis, NotImplemented, iter([1]), memoryview(b"ab")]
        try:
            import numpy as np

            choices += [np.int64(3), np.float64("nan"), np.float32(2.5), np.bool_(True), np.array([1, 2]),
                        np.str_("Huế"), np.datetime64("2024-06-30")]
        except ImportError:
            pass
        return self.rng.choice(choices)

    def value(self, depth: int = 0) -> Any:
        """Any hostile value, of any type, possibly nested."""
        r = self.rng.random()
        if depth > 3 or r < 0.25:
            return self.rng.choice((None, self.text(), self.number()))
        if r < 0.35:
            return self.date()
        if r < 0.45:
            return self.odd_object()
        if r < 0.5:
            return self.deep()
        if r < 0.7:
            return [self.value(depth + 1) for _ in range(self.rng.randrange(0, 6))]
        if r < 0.75:
            return tuple(self.value(depth + 1) for _ in range(self.rng.randrange(0, 4)))
        if r < 0.8:
            return {self.rng.choice((1, 2, "A", "x", None))}
        keys = ("ten", "mo_ta", "linh_vuc", "tru_cot", "hoat_dong", "x", 1, None, (1, 2), "muc_tieu", "han")
        return {self.rng.choice(keys): self.value(depth + 1) for _ in range(self.rng.randrange(0, 6))}

    # -- one change to a solution ------------------------------------------------------------------------

    def _paths(self, value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        out = [prefix]
        if isinstance(value, dict):
            for key, item in value.items():
                out += self._paths(item, (*prefix, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                out += self._paths(item, (*prefix, i))
        return out

    def mutate_data(self, answer: Any) -> Any:
        """A deep copy of ``answer`` with one value (anywhere) changed, removed, wrapped or duplicated."""
        import copy

        answer = copy.deepcopy(answer)
        path = self.rng.choice(self._paths(answer))
        if not path:
            return self.value()
        parent = answer
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        current = parent[key]
        op = self.rng.random()
        if op < 0.45:
            parent[key] = self.value()
        elif op < 0.55 and isinstance(parent, dict):
            del parent[key]
        elif op < 0.65:
            parent[key] = [current]
        elif op < 0.7 and isinstance(current, list) and current:
            parent[key] = current[0]
        elif op < 0.75 and isinstance(current, list):
            parent[key] = current * self.rng.choice((2, 50, 400))
        elif op < 0.8:
            parent[key] = short_value(current, limit=500)
        elif op < 0.85 and isinstance(parent, dict):
            parent[self.rng.choice(("ki_ket", "Ten", "mo ta", "hoat_dong ", 3, None))] = current
        elif op < 0.9:
            parent[key] = self.rng.choice(ODD_TEXTS)
        else:
            parent[key] = self.number()
        if self.rng.random() < 0.05 and isinstance(answer, dict) and isinstance(answer.get("hoat_dong"), list) \
                and answer["hoat_dong"]:
            answer["hoat_dong"] = answer["hoat_dong"][0]  # one activity written without the list
        return answer

    def mutate_text(self, text: str) -> str:
        """``text`` with one line (or the whole text) changed the ways people and accidents change it."""
        lines = text.split("\n")
        i = self.rng.randrange(len(lines))
        op = self.rng.random()
        if op < 0.15:
            del lines[i]
        elif op < 0.25:
            lines.insert(i, lines[i])
        elif op < 0.45 and ":" in lines[i]:
            label, _, _ = lines[i].partition(":")
            lines[i] = f"{label}: {self.text() if self.rng.random() < 0.7 else self.number_text()}"
        elif op < 0.55 and ":" in lines[i]:
            label, _, value = lines[i].partition(":")
            import unicodedata

            folded = "".join(c for c in unicodedata.normalize("NFD", label) if not unicodedata.combining(c))
            lines[i] = self.rng.choice((folded, label[:-1], label.upper(), label + label[-1:])) + ":" + value
        elif op < 0.6:
            lines.insert(i, self.text())
        elif op < 0.65:
            lines = lines[: self.rng.randrange(len(lines) + 1)]
        elif op < 0.7:
            j = self.rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op < 0.75:
            lines[i] = lines[i].replace(":", "", 1)
        elif op < 0.8:
            block = [line for line in lines if line.strip()]
            lines += block * self.rng.choice((5, 40))
        elif op < 0.85:
            lines[i] = lines[i] + " " + self.rng.choice(ODD_TEXTS) * self.rng.choice((1, 100))
        elif op < 0.9:
            return self.text()
        else:
            lines[i] = lines[i].replace("/", self.rng.choice(("-", ".", "//", "/ "))).replace(".", ",")
        return "\n".join(lines)

    def answer(self, assignment_id: str) -> Any:
        """One malformed answer for ``assignment_id``."""
        forms = solution_forms(assignment_id)
        r = self.rng.random()
        if r < 0.1:
            return self.value()
        base = self.rng.choice(forms)
        if isinstance(base, str):
            return self.mutate_text(base)
        return self.mutate_data(base)


# --------------------------------------------------------------------------- the three-way judge


@dataclass
class Outcome:
    assignment: str
    selfcheck_seconds: float  # wall-clock time of kiem_tra
    calls: int  # functions called (reader, self-check, cham per criterion, re-check per criterion)
    defects: list[str] = field(default_factory=list)
    selfcheck_cpu_seconds: float = 0.0  # CPU time of kiem_tra (what other processes cannot inflate)


def _test_cell(assignment_id: str, key: str, points: float) -> nbformat.NotebookNode:
    variable = get(assignment_id).answer_variable
    return nbformat.NotebookNode(  # built directly: nbformat's validation would dominate the fuzzing time
        cell_type="code", execution_count=None, outputs=[],
        source=f'from grader.nbtest import cham\ncham("{assignment_id}", "{key}", {variable})',
        metadata=nbformat.NotebookNode(nbgrader=nbformat.NotebookNode(
            grade=True, grade_id=f"test_{key}", points=points, solution=False, locked=True)))


def _crashed(result_lines: tuple[str, ...] | list[str]) -> bool:
    from grader.messages import t

    marker = t("common.check_failed", error="")[:40]
    return any(marker in line for line in result_lines)


def judge(assignment_id: str, answer: Any) -> Outcome:
    """Run ``answer`` through every reader and judge; list the defects (see the module's docstring)."""
    spec = get(assignment_id)
    variable = spec.answer_variable
    out = Outcome(assignment_id, 0.0, 0)

    def defect(where: str, exc: BaseException | str) -> None:
        what = exc if isinstance(exc, str) else f"{type(exc).__name__}: {str(exc)[:200]}"
        out.defects.append(f"{assignment_id} {where}: {what}")

    if assignment_id in TEXT_IDS:
        out.calls += 1
        try:
            (read_proposal if assignment_id == "bt4_dat_hang" else read_plan)(answer)
        except AnswerError:
            pass
        except Exception as exc:
            defect("reader", exc)

    out.calls += 1
    start, cpu = time.perf_counter(), time.thread_time()
    try:
        report = kiem_tra(answer, bai=assignment_id)
        str(report)
        report._repr_html_()
    except Exception as exc:
        report = None
        defect("kiem_tra", exc)
    out.selfcheck_seconds = time.perf_counter() - start
    out.selfcheck_cpu_seconds = time.thread_time() - cpu

    cham_points: dict[str, float | None] = {}
    for criterion in spec.criteria:
        out.calls += 1
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                found = verdict(assignment_id, criterion.key, answer)
            cham_points[criterion.key] = found.earned
            if _crashed(found.lines):
                defect(f"cham {criterion.key}", "a check crashed: " + " / ".join(found.lines)[:300])
        except Exception as exc:
            defect(f"cham {criterion.key}", exc)

    try:
        exported = read_payload(export_payload({variable: answer}, variable))
        nb = nbformat.NotebookNode(cells=[_test_cell(assignment_id, c.key, c.points) for c in spec.criteria],
                                   metadata=nbformat.NotebookNode())
        problem = answer_problem(nb, variable, exported)
        recheck(nb, {variable: exported.value} if problem is None else {}, None, problem)
    except Exception as exc:
        defect("export and re-check", exc)
        return out
    for criterion, cell in zip(spec.criteria, nb.cells, strict=True):
        out.calls += 1
        try:
            graded, _ = determine_grade(cell)
        except Exception as exc:
            defect(f"re-check {criterion.key}", exc)
            continue
        mine = cham_points.get(criterion.key)
        if mine is not None and graded is not None and abs(graded - mine) > 1e-9:
            defect(f"divergence {criterion.key}", f"cham {mine} but graded {graded}")

    if report is not None:
        public = spec.public_criteria
        if report.problems:
            earned = {c.key: cham_points.get(c.key) for c in public}
            if any(v not in (None, 0.0) for v in earned.values()):
                defect("divergence self-check", f"self-check could not read the answer but cham gave {earned}")
        else:
            for line, criterion in zip(report.lines, public, strict=False):
                mine = cham_points.get(criterion.key)
                full = mine is not None and mine >= criterion.points
                if line.passed != full:
                    defect(f"divergence self-check {criterion.key}", f"self-check passed={line.passed}, cham {mine}")
    return out


def assignments_to_fuzz() -> tuple[str, ...]:
    return ASSIGNMENT_IDS
