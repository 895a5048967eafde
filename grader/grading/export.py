"""The trainee's answer as plain data, and the tagged JSON that carries it from the kernel to the grader.

Three places judge an answer: the trainee's self-check and ``cham`` (in the trainee's kernel) and
the trusted re-check (in the grader's process, from data exported out of the grading kernel). They
agree because all three judge the same **plain form** of the answer, :func:`plain`:

* ``None``, ``bool``, ``int``, ``float`` (NaN and infinities included), ``str``, ``datetime.date``
  and naive ``datetime.datetime``, ``list``, ``tuple``, ``set``, ``frozenset`` and ``dict`` (any
  hashable plain keys), as exact built-in types (subclasses such as ``OrderedDict`` or a NumPy
  ``float64`` become the built-in type; NumPy scalars become their ``.item()``);
* the records of :mod:`grader.plan` become the data they were read from (:func:`grader.plan.to_data`);
* anything else, and anything nested deeper than :data:`MAX_DEPTH`, becomes :class:`Opaque`, which no
  reader accepts (as it would not have accepted the original);
* an answer of more than :data:`MAX_NODES` values or :data:`MAX_TEXT` characters, or one whose
  objects raise while being read, is unreadable: :class:`UnreadableAnswer`, with its reason.

:func:`encode` turns the plain form into JSON in which every value that JSON lacks is tagged
(``{"$float": "nan"}``, ``{"$int": "0x..."}``, ``{"$date": "2024-06-30"}``, ``{"$tuple": [...]}``,
``{"$dict": [[key, value], ...]}`` for non-text keys, ...); :func:`decode` reads it back, in the
grader's process, to the very same values, checking every tag and bound (the JSON comes from an
untrusted kernel). :func:`export_payload` is what the grading kernel prints; :func:`read_payload`
what the grader reads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grader.results import Finding

FORMAT = 1
MAX_DEPTH = 32  # deeper values are Opaque (no reader looks deeper than a handful of levels)
MAX_NODES = 100_000  # values in one answer
MAX_TEXT = 1_000_000  # characters of text (and hex digits of huge integers) in one answer
MAX_PAYLOAD_CHARS = 20_000_000  # longest export line the grader reads

EXPORT_OK = "ok"
EXPORT_MISSING = "missing"  # the answer variable is not bound (NameError)
EXPORT_UNREADABLE = "unreadable"  # the answer cannot be turned into plain data (reason given)
_JSON_SAFE_INT = 2**53


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
        from grader.plan import to_data

        return _plain(to_data(v), depth + 1, budget)
    budget.node()
    return Opaque(_type_name(v))


# --------------------------------------------------------------------------- tagged JSON


def encode(value: Any) -> Any:
    """Plain form -> JSON-compatible data with tags for what JSON lacks."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if -_JSON_SAFE_INT < value < _JSON_SAFE_INT else {"$int": hex(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"$float": "nan"}
        if math.isinf(value):
            return {"$float": "inf" if value > 0 else "-inf"}
        return value
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [encode(x) for x in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(x) for x in value]}
    if isinstance(value, frozenset):
        return {"$frozenset": [encode(x) for x in value]}
    if isinstance(value, set):
        return {"$set": [encode(x) for x in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: encode(x) for k, x in value.items()}
        return {"$dict": [[encode(k), encode(x)] for k, x in value.items()]}
    if isinstance(value, Opaque):
        return {"$opaque": value.type_name}
    raise TypeError(f"not a plain value: {type(value).__name__}")


class ExportFormatError(ValueError):
    """The exported JSON does not follow this format (English, for the instructor)."""


_HEX = re.compile(r"-?0x[0-9a-f]+")
_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def decode(data: Any) -> Any:
    """Tagged JSON -> the plain form it was encoded from. Raises :class:`ExportFormatError`."""
    try:
        return _decode(data, 0, _Budget())
    except ExportFormatError:
        raise
    except UnreadableAnswer as exc:
        raise ExportFormatError(exc.reason) from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise ExportFormatError(f"bad value ({type(exc).__name__})") from None


def _decode(v: Any, depth: int, budget: _Budget) -> Any:
    if depth > MAX_DEPTH + 2:
        raise ExportFormatError("nested deeper than the export allows")
    if v is None or isinstance(v, bool | float):
        budget.node()
        return v
    if isinstance(v, str):
        budget.node(len(v))
        return v
    if isinstance(v, int):
        budget.node()
        return v
    if isinstance(v, list):
        budget.node()
        return [_decode(x, depth + 1, budget) for x in v]
    if not isinstance(v, dict):
        raise ExportFormatError(f"unexpected JSON value {type(v).__name__}")
    if len(v) == 1:
        tag, body = next(iter(v.items()))
        if tag.startswith("$"):
            return _tagged(tag, body, depth, budget)
    budget.node()
    if any(k.startswith("$") for k in v):
        raise ExportFormatError("a plain object may not have keys starting with '$'")
    return {k: _decode(x, depth + 1, budget) for k, x in v.items()}


def _tagged(tag: str, body: Any, depth: int, budget: _Budget) -> Any:
    if tag == "$int" and isinstance(body, str) and _HEX.fullmatch(body):
        budget.node(len(body) // 4)
        return int(body, 16)
    if tag == "$float" and body in _FLOATS:
        budget.node()
        return _FLOATS[body]
    if tag == "$date" and isinstance(body, str) and len(body) == 10:
        budget.node()
        return dt.date.fromisoformat(body)
    if tag == "$datetime" and isinstance(body, str) and len(body) <= 32:
        budget.node()
        value = dt.datetime.fromisoformat(body)
        if value.tzinfo is not None:
            raise ExportFormatError("datetimes are exported without a time zone")
        return value
    if tag == "$opaque" and isinstance(body, str) and len(body) <= 60:
        budget.node()
        return Opaque(body)
    if tag in ("$tuple", "$set", "$frozenset") and isinstance(body, list):
        budget.node()
        items = [_decode(x, depth + 1, budget) for x in body]
        return {"$tuple": tuple, "$set": set, "$frozenset": frozenset}[tag](items)
    if tag == "$dict" and isinstance(body, list):
        budget.node()
        out = {}
        for pair in body:
            if not isinstance(pair, list) or len(pair) != 2:
                raise ExportFormatError("$dict holds [key, value] pairs")
            out[_decode(pair[0], depth + 1, budget)] = _decode(pair[1], depth + 1, budget)
        return out
    raise ExportFormatError(f"unknown or malformed tag {tag[:20]!r}")


# --------------------------------------------------------------------------- kernel <-> grader


@dataclass(frozen=True)
class Exported:
    """What the grading kernel exported for the answer variable."""

    status: str  # EXPORT_OK, EXPORT_MISSING or EXPORT_UNREADABLE
    value: Any = None  # the plain form (EXPORT_OK only)
    reason: str = ""  # English, for the instructor (EXPORT_UNREADABLE)
    finding: Finding | None = None  # the reason in the catalogue's words (EXPORT_UNREADABLE)


def export_payload(namespace: Mapping[str, Any], variable: str) -> str:
    """One line of JSON describing ``namespace[variable]`` (run in the grading kernel)."""
    if variable not in namespace:
        return json.dumps({"format": FORMAT, "status": EXPORT_MISSING})
    try:
        data = encode(plain(namespace[variable]))
    except UnreadableAnswer as exc:
        return json.dumps({"format": FORMAT, "status": EXPORT_UNREADABLE, "code": exc.code,
                           "detail": exc.detail})
    return json.dumps({"format": FORMAT, "status": EXPORT_OK, "data": data}, allow_nan=False,
                      separators=(",", ":"))


def _unreadable(reason: str, finding: Finding) -> Exported:
    return Exported(EXPORT_UNREADABLE, None, reason, finding)


def read_payload(text: str) -> Exported:
    """The answer from one export line (untrusted: every bound and tag is checked, nothing is run)."""
    if len(text) > MAX_PAYLOAD_CHARS:
        too_large = UnreadableAnswer("too_large", f"export longer than {MAX_PAYLOAD_CHARS} characters")
        return _unreadable(too_large.reason, too_large.finding)
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        message = None
    if not isinstance(message, dict) or message.get("format") != FORMAT:
        return _unreadable("the export is not in the expected format", Finding("answer.export_malformed"))
    status = message.get("status")
    if status == EXPORT_MISSING:
        return Exported(EXPORT_MISSING)
    if status == EXPORT_UNREADABLE:
        code = message.get("code") if message.get("code") in ("too_large", "failed") else "failed"
        detail = message.get("detail")
        exc = UnreadableAnswer(code, detail[:80] if isinstance(detail, str) else "")
        return _unreadable(exc.reason, exc.finding)
    if status == EXPORT_OK and "data" in message:
        try:
            return Exported(EXPORT_OK, decode(message["data"]))
        except ExportFormatError as exc:
            return _unreadable(f"the export is malformed ({exc})", Finding("answer.export_malformed"))
    return _unreadable("the export is not in the expected format", Finding("answer.export_malformed"))
