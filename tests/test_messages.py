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
