"""The plain form of a trainee's answer, and the error that says an answer cannot be read.

Three places judge an answer: the trainee's self-check and ``cham`` (in the trainee's kernel) and
the trusted re-check (in the grader's process, from data exported out of the grading kernel). They
agree because all three judge the same **plain form** of the answer, :func:`plain`:

* ``None``, ``bool``, ``int``, ``float`` (NaN and infinities included), ``str``, ``datetime.date``
  and naive ``datetime.datetime``, ``list``, ``tuple``, ``set``, ``frozenset`` and ``dict`` (any
  hashable plain keys), as exact built-in types (subclasses such as ``OrderedDict`` or a NumPy
  ``float64`` become the built-in type; NumPy scalars become their ``.item()``);
* the records of :mod:`grader.plan` become the data they were read from (:func:`to_data`);
* anything else, and anything nested deeper than :data:`MAX_DEPTH`, becomes :class:`Opaque`, which no
  reader accepts (as it would not have accepted the original);
* an answer of more than :data:`MAX_NODES` values or :data:`MAX_TEXT` characters, or one whose
  objects raise while being read, is unreadable: :class:`UnreadableAnswer`, with its reason.

This module is on the ground floor (it imports only :mod:`grader.results`): the plan model
(:class:`AnswerError`), the assignments (:func:`plain_answer`), the self-check and the grading path's
export (:mod:`grader.grading.export`, which carries the plain form out of the kernel as tagged JSON)
all import it downward.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grader.results import Finding

MAX_DEPTH = 32  # deeper values are Opaque (no reader looks deeper than a handful of levels)
MAX_NODES = 100_000  # values in one answer
MAX_TEXT = 1_000_000  # characters of text (and hex digits of huge integers) in one answer


class AnswerError(ValueError):
    """The trainee's answer cannot be read. ``findings`` lists every problem, in the catalogue's words."""

    def __init__(self, findings: list[Finding] | tuple[Finding, ...]):
        self.findings = tuple(findings)
        super().__init__("; ".join(f.text() for f in self.findings))


@dataclass(frozen=True)
class Opaque:
    """A value that is not plain data (named by its type only); no reader accepts it."""

    type_name: str


class UnreadableAnswer(Exception):
    """The answer cannot be read as plain data. ``code`` is one of ``too_large``, ``failed``."""

    def __init__(self, code: str, detail: str = ""):
        self.code, self.detail = code, detail
        super().__init__(f"{code}: {detail}" if detail else code)

    @property
    def finding(self) -> Finding:
        """The reason in the catalogue's words (for the trainee)."""
        if self.code == "too_large":
            return Finding("answer.too_large", {"limit": MAX_NODES})
        return Finding("answer.unreadable", {"error": self.detail[:80]})

    @property
    def reason(self) -> str:
        """The reason in English (for the instructor)."""
        if self.code == "too_large":
            return f"the answer is too large to read ({self.detail})"
        return f"the answer could not be read as data ({self.detail})"


class _Budget:
    def __init__(self) -> None:
        self.nodes = 0
        self.text = 0

    def node(self, text: int = 0) -> None:
        self.nodes += 1
        self.text += text
        if self.nodes > MAX_NODES:
            raise UnreadableAnswer("too_large", f"more than {MAX_NODES} values")
        if self.text > MAX_TEXT:
            raise UnreadableAnswer("too_large", f"more than {MAX_TEXT} characters")


def _type_name(value: Any) -> str:
    return str(type(value).__name__)[:60]


def plain(value: Any) -> Any:
    """The plain form of an answer (see the module's docstring). Raises :class:`UnreadableAnswer`."""
    try:
        return _plain(value, 0, _Budget())
    except UnreadableAnswer:
        raise
    except RecursionError:
        raise UnreadableAnswer("too_large", "nested too deeply") from None
    except Exception as exc:  # an object of the answer raised while being read
        raise UnreadableAnswer("failed", _type_name(exc)) from None


def _plain(v: Any, depth: int, budget: _Budget) -> Any:
    kind = type(v)
    if v is None or kind is bool:
        budget.node()
        return v
    if kind is str:
        budget.node(len(v))
        return v
    if kind is int:
        budget.node(v.bit_length() // 4 if v.bit_length() > 64 else 0)
        return v
    if kind is float:
        budget.node()
        return v
    if depth >= MAX_DEPTH:
        budget.node()
        return Opaque("nested")
    if isinstance(v, str):
        return _plain(str.__str__(v), depth, budget)
    if isinstance(v, int):
        return _plain(int.__index__(v), depth, budget)
    if isinstance(v, float):
        return _plain(float.__float__(v), depth, budget)
    if isinstance(v, dt.datetime):
        budget.node()
        return dt.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second, v.microsecond)
    if isinstance(v, dt.date):
        budget.node()
        return dt.date(v.year, v.month, v.day)
    if isinstance(v, Mapping):
        budget.node()
        items = dict.items(v) if isinstance(v, dict) else v.items()
        out: dict[Any, Any] = {}
        for key, item in items:
            out[_plain(key, depth + 1, budget)] = _plain(item, depth + 1, budget)
        return out
    if isinstance(v, list):
        budget.node()
        return [_plain(x, depth + 1, budget) for x in list.__iter__(v)]
    if isinstance(v, tuple):
        budget.node()
        return tuple(_plain(x, depth + 1, budget) for x in tuple.__iter__(v))
    if isinstance(v, set | frozenset):
        budget.node()
        members = [_plain(x, depth + 1, budget) for x in (set.__iter__(v) if isinstance(v, set)
                                                         else frozenset.__iter__(v))]
        return set(members) if isinstance(v, set) else frozenset(members)
    if kind.__module__ == "numpy" and getattr(v, "ndim", None) == 0 and hasattr(v, "item"):
        return _plain(v.item(), depth + 1, budget)
    if kind.__module__ == "grader.plan" and dataclasses.is_dataclass(v):
        return _plain(to_data(v), depth + 1, budget)
    budget.node()
    return Opaque(_type_name(v))


def plain_answer(raw: Any) -> Any:
    """``raw`` as plain data, exactly as the grading path's export carries it (:mod:`grader.grading.export`).

    The self-check, ``cham`` and the trusted re-check all judge this form, so they agree.
    """
    try:
        return plain(raw)
    except UnreadableAnswer as exc:
        raise AnswerError([exc.finding]) from None


# --------------------------------------------------------------------------- back to data

_PLAN_NAMES = {
    "locality": "dia_phuong", "start": "bat_dau", "end": "ket_thuc", "total_budget": "tong_kinh_phi",
    "objectives": "muc_tieu", "activities": "hoat_dong", "note": "ghi_chu",
    "title": "ten", "description": "mo_ta", "focus_areas": "linh_vuc", "pillars": "tru_cot",
    "partners": "doi_tac", "lead_unit": "chu_tri", "indicators": "chi_so", "budget": "kinh_phi",
    "signs_agreements": "ky_ket", "follow_ups": "theo_doi", "metric": "noi_dung", "target": "muc_tieu",
    "unit": "don_vi", "deadline": "han", "action": "viec", "recipient": "gui_den", "market": "thi_truong",
    "support": "loai_ho_tro", "request": "noi_dung", "expected_result": "ket_qua_mong_doi",
}
# Derived by the reader, not written by trainees.
_SKIP = {"number", "problems", "invalid_partners", "line", "unreadable"}


def to_data(obj: Any) -> Any:
    """Records or plain data -> JSON-serialisable plain data with the trainee's keys (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            _PLAN_NAMES.get(f.name, f.name): to_data(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if f.name not in _SKIP and getattr(obj, f.name) is not None
        }
    if isinstance(obj, dt.datetime):
        return obj.date().isoformat()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_data(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if obj is None or isinstance(obj, str | int | float | bool):
        return obj
    return repr(obj)
