"""The tagged JSON that carries the trainee's answer, in its plain form, from the kernel to the grader.

The plain form itself (:func:`plain`, :class:`Opaque`, :class:`UnreadableAnswer`, the bounds) is
:mod:`grader.answer_form`'s, re-exported here.

:func:`encode` turns the plain form into JSON in which every value that JSON lacks is tagged
(``{"$float": "nan"}``, ``{"$int": "0x..."}``, ``{"$date": "2024-06-30"}``, ``{"$tuple": [...]}``,
``{"$dict": [[key, value], ...]}`` for non-text keys, ...); :func:`decode` reads it back, in the
grader's process, to the very same values, checking every tag and bound (the JSON comes from an
untrusted kernel). :func:`export_payload` is what the grading kernel prints; :func:`read_payload`
what the grader reads.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grader.answer_form import MAX_DEPTH, MAX_NODES, MAX_TEXT, Opaque, UnreadableAnswer, _Budget, plain
from grader.results import Finding

__all__ = [
    "EXPORT_MISSING", "EXPORT_OK", "EXPORT_UNREADABLE", "FORMAT", "MAX_DEPTH", "MAX_NODES", "MAX_PAYLOAD_CHARS",
    "MAX_TEXT", "ExportFormatError", "Exported", "Opaque", "UnreadableAnswer", "decode", "encode", "export_payload",
    "plain", "read_payload",
]

FORMAT = 1
MAX_PAYLOAD_CHARS = 20_000_000  # longest export line the grader reads

EXPORT_OK = "ok"
EXPORT_MISSING = "missing"  # the answer variable is not bound (NameError)
EXPORT_UNREADABLE = "unreadable"  # the answer cannot be turned into plain data (reason given)
_JSON_SAFE_INT = 2**53


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
    reason: Finding | None = None  # why, for the instructor (EXPORT_UNREADABLE; grading.reason.*)
    finding: Finding | None = None  # why, for the trainee (EXPORT_UNREADABLE)


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


def _unreadable(reason: Finding, finding: Finding) -> Exported:
    return Exported(EXPORT_UNREADABLE, None, reason, finding)


def _unreadable_answer(exc: UnreadableAnswer) -> Exported:
    """An answer the kernel could not turn into plain data, in the catalogue's words for both audiences."""
    key = "grading.reason.too_large" if exc.code == "too_large" else "grading.reason.unreadable"
    return _unreadable(Finding(key, {"detail": exc.detail}), exc.finding)


def read_payload(text: str) -> Exported:
    """The answer from one export line (untrusted: every bound and tag is checked, nothing is run)."""
    if len(text) > MAX_PAYLOAD_CHARS:
        return _unreadable(Finding("grading.reason.export_too_long", {"limit": MAX_PAYLOAD_CHARS}),
                           UnreadableAnswer("too_large").finding)
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        message = None
    if not isinstance(message, dict) or message.get("format") != FORMAT:
        return _unreadable(Finding("grading.reason.export_format"), Finding("answer.export_malformed"))
    status = message.get("status")
    if status == EXPORT_MISSING:
        return Exported(EXPORT_MISSING)
    if status == EXPORT_UNREADABLE:
        code = message.get("code") if message.get("code") in ("too_large", "failed") else "failed"
        detail = message.get("detail")
        return _unreadable_answer(UnreadableAnswer(code, detail[:80] if isinstance(detail, str) else ""))
    if status == EXPORT_OK and "data" in message:
        try:
            return Exported(EXPORT_OK, decode(message["data"]))
        except ExportFormatError as exc:
            return _unreadable(Finding("grading.reason.export_malformed", {"detail": str(exc)}),
                               Finding("answer.export_malformed"))
    return _unreadable(Finding("grading.reason.export_format"), Finding("answer.export_malformed"))
