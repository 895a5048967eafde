"""The catalogue of every trainee-facing string, Vietnamese first, English beside it.

Strings live in YAML files in this folder, one per domain (``plan.yaml``,
``checks.yaml``, ``widgets.yaml``, ...). Each file maps a message key to its
translations::

    plan.missing_field:
      vi: "Hoạt động {activity}: thiếu trường “{field}”."
      en: "Activity {activity}: the field “{field}” is missing."

Keys are unique across all files (the loader refuses duplicates) and every key
has both ``vi`` and ``en``. ``t(key, **params)`` renders a message in the
current locale (``vi`` by default; ``set_locale("en")`` or the environment
variable ``NGOAIVU_LOCALE`` switch it).

Rendering never raises for any parameter value: placeholders are ``{name}``
only (``{{`` and ``}}`` are literal braces, and so is any other brace, e.g.
"{ ... }"), and every value is turned into bounded text by
:func:`param_text` (huge integers, deep nesting, NaN and objects whose
``repr``/``str`` raise included). :func:`short_value` is the one helper for
showing a trainee's value inside a message.

Messages of instructor-side files (hidden criteria, see
:func:`grader.assignments.load_hidden`) are added for this process with
:func:`register`.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path, PurePath

import yaml

LOCALES: tuple[str, ...] = ("vi", "en")
_DIR = Path(__file__).resolve().parent
_locale: str | None = None
_registered: dict[str, dict[str, str]] = {}  # key -> translations, from register()
_registered_origin: dict[str, str] = {}

# ``{name}`` is a placeholder; ``{{`` and ``}}`` are literal braces; any other brace is literal too.
_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
MAX_PARAM_CHARS = 2_000  # longest text a parameter may put into a message
SHORT_VALUE_CHARS = 40  # default length of a value shown in a message (short_value)
_MAX_DEPTH = 12  # nesting shown by short_value before "…"


class MessageError(KeyError):
    """A message key is unknown, or the catalogue is malformed."""


def _check_entry(key: object, value: object, where: str) -> dict[str, str]:
    if not isinstance(key, str) or not key:
        raise MessageError(f"{where}: message keys must be non-empty strings, not {key!r}")
    if not isinstance(value, dict) or any(not isinstance(value.get(loc), str) for loc in LOCALES):
        raise MessageError(f"{where}: key {key!r} needs a string for each of {LOCALES}")
    return {loc: value[loc] for loc in LOCALES}


@lru_cache(maxsize=1)
def _files() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise MessageError(f"{path.name}: top level must be a mapping of message keys")
        for key, value in data.items():
            if key in merged:
                raise MessageError(f"{path.name}: key {key!r} is already defined in {origin[key]}")
            merged[key] = _check_entry(key, value, path.name)
            origin[key] = path.name
    return merged


def catalogue() -> dict[str, dict[str, str]]:
    """All messages: ``{key: {"vi": ..., "en": ...}}``, from every YAML file here and from :func:`register`."""
    return {**_files(), **_registered}


def register(entries: Mapping[str, Mapping[str, str]], origin: str) -> None:
    """Add messages for this process (e.g. those of a hidden-criteria file); ``origin`` names their source.

    Registering again from the same origin replaces its messages; a key of the YAML catalogue or of
    another origin is refused.
    """
    checked = {}
    for key, value in entries.items():
        entry = _check_entry(key, dict(value) if isinstance(value, Mapping) else value, origin)
        if key in _files():
            raise MessageError(f"{origin}: key {key!r} is already defined in the message catalogue")
        if _registered_origin.get(key, origin) != origin:
            raise MessageError(f"{origin}: key {key!r} is already registered by {_registered_origin[key]}")
        checked[key] = entry
    for key in [k for k, o in _registered_origin.items() if o == origin]:
        del _registered[key], _registered_origin[key]
    for key, entry in checked.items():
        _registered[key], _registered_origin[key] = entry, origin


def unregister(origin: str) -> None:
    """Remove the messages registered from ``origin``."""
    for key in [k for k, o in _registered_origin.items() if o == origin]:
        del _registered[key], _registered_origin[key]


def get_locale() -> str:
    loc = _locale or os.environ.get("NGOAIVU_LOCALE", "vi")
    return loc if loc in LOCALES else "vi"


def set_locale(locale: str) -> None:
    """Choose the language of messages for this process (``"vi"`` or ``"en"``)."""
    global _locale
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; choose one of {LOCALES}")
    _locale = locale


def placeholders(template: str) -> set[str]:
    """The ``{name}`` placeholders of a template."""
    return {m.group(1) for m in _TOKEN.finditer(template) if m.group(1)}


def render(template: str, params: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders with bounded text of ``params``; never raises.

    A placeholder without a parameter is shown as "…".
    """
    def fill(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        return param_text(params[name]) if name in params else "…"

    return _TOKEN.sub(fill, template)


def t(key: str, /, locale: str | None = None, **params: object) -> str:
    """Render message ``key`` in ``locale`` (default: the current locale) with ``params``."""
    entry = _files().get(key) or _registered.get(key)
    if entry is None:
        raise MessageError(f"unknown message key {key!r}")
    return render(entry[locale or get_locale()], params)


def has(key: str) -> bool:
    return key in _files() or key in _registered


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def _int_text(value: int, limit: int) -> str:
    """Digits of an integer, or how many digits it has when there are more than ``limit``."""
    digits = int(abs(value).bit_length() * math.log10(2)) + 1
    if digits > limit:
        return t("value.huge_number", digits=digits)
    return str(value)


def param_text(value: object) -> str:
    """A parameter as text for a message: strings, numbers and file paths as they are (bounded), anything else
    shortened."""
    try:
        if isinstance(value, str):
            return _clip(str.__str__(value), MAX_PARAM_CHARS)
        if isinstance(value, bool):
            return "True" if value else "False"
        if isinstance(value, int):
            return _int_text(int.__index__(value), MAX_PARAM_CHARS)
        if isinstance(value, float):
            return float.__repr__(value)
        if isinstance(value, PurePath) and type(value).__module__ == "pathlib":  # our paths, not a trainee's subclass
            return _clip(str(value), MAX_PARAM_CHARS)
        return short_value(value, limit=200)
    except Exception:
        return t("value.other")


def short_value(value: object, limit: int = SHORT_VALUE_CHARS) -> str:
    """A trainee's value as short text for a message (a literal-like form, at most about ``limit`` characters).

    Bounded in time and length whatever the value: long texts and lists are cut with "…", huge integers
    say how many digits they have, deep nesting stops, and an object that is not plain data (or whose
    ``repr`` would raise) is named in words. Never raises.
    """
    parts: list[str] = []
    room = [max(limit, 4)]

    def put(text: str) -> bool:
        if room[0] <= 0:
            return False
        if len(text) > room[0]:
            parts.append(text[: room[0]] + "…")
            room[0] = 0
            return False
        parts.append(text)
        room[0] -= len(text)
        return True

    def walk(v: object, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return put("…")
        if v is None or isinstance(v, bool):
            return put(repr(v))
        if isinstance(v, int):
            return put(_int_text(int.__index__(v), limit))
        if isinstance(v, float):
            return put(float.__repr__(v))
        if isinstance(v, str):
            return put("“" + " ".join(str.__str__(v)[: room[0] * 4 + 1].split())[: room[0] + 1] + "”")
        if isinstance(v, dt.datetime | dt.date):
            return put(f"{v.day:02d}/{v.month:02d}/{v.year:04d}")
        if isinstance(v, Mapping):
            opening, closing, items = "{", "}", list(_first(v.items(), room[0]))
        elif isinstance(v, list):
            opening, closing, items = "[", "]", list(_first(v, room[0]))
        elif isinstance(v, tuple):
            opening, closing, items = "(", ")", list(_first(v, room[0]))
        elif isinstance(v, set | frozenset):
            opening, closing, items = "{", "}", list(_first(v, room[0]))
        elif type(v).__module__ == "numpy" and getattr(v, "ndim", None) == 0 and hasattr(v, "item"):
            return walk(v.item(), depth + 1)
        else:
            return put(describe_value(v))
        if not put(opening):
            return False
        for i, item in enumerate(items):
            if i and not put(", "):
                return False
            if isinstance(v, Mapping):
                key, item = item
                if not walk(key, depth + 1) or not put(": "):
                    return False
            if not walk(item, depth + 1):
                return False
        return put(closing)

    try:
        walk(value, 0)
    except Exception:
        return describe_value(value)
    return "".join(parts)


def _first(items: object, count: int) -> list[object]:
    """At most ``count`` items of an iterable (a cut list is followed by the "…" of the caller's budget)."""
    out = []
    for item in items:  # type: ignore[attr-defined]
        if len(out) >= count:
            break
        out.append(item)
    return out


def describe_value(value: object, locale: str | None = None) -> str:
    """What kind of value a trainee wrote, in words a non-programmer knows (“a number”, “a list”...)."""
    try:
        if value is None:
            kind = "none"
        elif isinstance(value, bool):
            kind = "bool"
        elif isinstance(value, int | float):
            kind = "number"
        elif isinstance(value, str):
            kind = "text"
        elif isinstance(value, list | tuple | set | frozenset):
            kind = "list"
        elif isinstance(value, Mapping):
            kind = "dict"
        else:
            kind = "other"
    except Exception:
        kind = "other"
    return t(f"value.{kind}", locale=locale)
