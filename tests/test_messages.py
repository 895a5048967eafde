"""The message catalogue: every key in both languages, same placeholders."""

from __future__ import annotations

import pytest

from grader import messages
from grader.messages import MessageError, catalogue, placeholders, t


def test_every_key_has_both_languages_with_the_same_placeholders():
    for key, entry in catalogue().items():
        assert entry["vi"].strip() and entry["en"].strip(), key
        assert placeholders(entry["vi"]) == placeholders(entry["en"]), key


def test_locale_switch(monkeypatch):
    assert t("common.yes") == "Có"
    assert t("common.yes", locale="en") == "Yes"
    messages.set_locale("en")
    try:
        assert t("common.yes") == "Yes"
    finally:
        messages._locale = None
    monkeypatch.setenv("NGOAIVU_LOCALE", "en")
    assert t("common.no") == "No"


def test_unknown_key_is_a_clear_error():
    with pytest.raises(MessageError, match="unknown message key 'nope'"):
        t("nope")


class _Hostile:
    """An object whose repr, str, format and comparisons all raise."""

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        raise RuntimeError("format")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    __hash__ = None  # type: ignore[assignment]


def _deep(levels: int) -> list:
    root: list = []
    node = root
    for _ in range(levels):
        node.append([])
        node = node[0]
    return root


HOSTILE_VALUES = [
    10**5000, -(10**5000), _deep(10_000), _Hostile(), float("nan"), float("inf"), "{ ... } {0} {x} }{",
    "x" * 100_000, {"{": "}", (1, 2): [3, {4}]}, [_Hostile()] * 3, b"\xff", object(), None, True,
]


@pytest.mark.parametrize("locale", messages.LOCALES)
def test_every_message_renders_whatever_its_parameters_hold(locale):
    for key, entry in catalogue().items():
        names = placeholders(entry[locale])
        for value in HOSTILE_VALUES:
            text = t(key, locale=locale, **dict.fromkeys(names, value))
            slots = sum(1 for m in messages._TOKEN.finditer(entry[locale]) if m.group(1))
            assert isinstance(text, str) and len(text) <= len(entry[locale]) + slots * 2_100, key
        filled = t(key, locale=locale, **dict.fromkeys(names, "§"))
        assert filled.count("§") == len(messages._TOKEN.findall(entry[locale])) - entry[locale].count("{{") \
            - entry[locale].count("}}"), key


def test_braces_in_texts_are_literal_and_missing_parameters_do_not_raise():
    assert messages.render("một từ điển { ... } {{x}} {n}", {"n": 3}) == "một từ điển { ... } {x} 3"
    assert messages.render("{missing} và {n}", {"n": "{n}"}) == "… và {n}"
    assert t("value.dict") == "một từ điển { ... }"


def test_short_value_is_bounded_and_never_raises():
    for value in HOSTILE_VALUES:
        text = messages.short_value(value)
        assert isinstance(text, str) and len(text) <= messages.SHORT_VALUE_CHARS + 40
    assert messages.short_value(10**5000) == t("value.huge_number", digits=5001)
    assert messages.short_value({"a": [1, "b"]}) == "{“a”: [1, “b”]}"  # text in the quotes trainees read
    assert messages.short_value(_Hostile()) == t("value.other")
    assert messages.short_value("x" * 100).endswith("…")


def test_registered_messages_join_the_catalogue_and_cannot_replace_it():
    messages.register({"hidden.test_only": {"vi": "Thiếu {what}.", "en": "Missing {what}."}}, "test-origin")
    try:
        assert t("hidden.test_only", what="x") == "Thiếu x."
        assert "hidden.test_only" in catalogue()
        with pytest.raises(MessageError, match="already defined"):
            messages.register({"common.yes": {"vi": "a", "en": "b"}}, "test-origin")
        with pytest.raises(MessageError, match="already registered"):
            messages.register({"hidden.test_only": {"vi": "a", "en": "b"}}, "another-origin")
        with pytest.raises(MessageError, match="needs a string"):
            messages.register({"hidden.bad": {"vi": "a"}}, "test-origin")
    finally:
        messages.unregister("test-origin")
    assert not messages.has("hidden.test_only")


def test_a_file_path_parameter_reads_as_the_path() -> None:
    """A path from the course's code shows as the path (the trainee's welcome names the file to delete), never as
    'a value not in the expected form'."""
    from pathlib import Path

    from grader.messages import param_text

    path = Path("/srv/hoc_vien/.hoc_vien.json")
    assert param_text(path) == "/srv/hoc_vien/.hoc_vien.json"
    assert str(path) in t("launch.hello", name="Trần Thị Mai", id="hv021", file=path)
