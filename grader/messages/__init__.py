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
"""

from __future__ import annotations

import os
import string
from functools import lru_cache
from pathlib import Path

import yaml

LOCALES: tuple[str, ...] = ("vi", "en")
_DIR = Path(__file__).resolve().parent
_locale: str | None = None


class MessageError(KeyError):
    """A message key is unknown, or the catalogue is malformed."""


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """All messages: ``{key: {"vi": ..., "en": ...}}``, merged from every YAML file here."""
    merged: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise MessageError(f"{path.name}: top level must be a mapping of message keys")
        for key, value in data.items():
            if key in merged:
                raise MessageError(f"{path.name}: key {key!r} is already defined in {origin[key]}")
            if not isinstance(value, dict) or any(not isinstance(value.get(loc), str) for loc in LOCALES):
                raise MessageError(f"{path.name}: key {key!r} needs a string for each of {LOCALES}")
            merged[key] = {loc: value[loc] for loc in LOCALES}
            origin[key] = path.name
    return merged


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
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def t(key: str, /, locale: str | None = None, **params: object) -> str:
    """Render message ``key`` in ``locale`` (default: the current locale) with ``params``."""
    try:
        entry = catalogue()[key]
    except KeyError:
        raise MessageError(f"unknown message key {key!r}") from None
    return entry[locale or get_locale()].format(**params)


def has(key: str) -> bool:
    return key in catalogue()


def describe_value(value: object, locale: str | None = None) -> str:
    """What kind of value a trainee wrote, in words a non-programmer knows (“a number”, “a list”...)."""
    if value is None:
        kind = "none"
    elif isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, int | float):
        kind = "number"
    elif isinstance(value, str):
        kind = "text"
    elif isinstance(value, list | tuple | set):
        kind = "list"
    elif isinstance(value, dict):
        kind = "dict"
    else:
        kind = "other"
    return t(f"value.{kind}", locale=locale)
