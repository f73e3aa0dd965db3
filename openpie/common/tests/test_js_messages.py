"""The scripts hold no words: every ``t("key")`` in static/js names a message in js_messages, each
one is translated, and the page carries them in its language."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from openpie.common.js_messages import MESSAGES, messages_for_scripts

SCRIPTS = Path(__file__).resolve().parents[3] / "static" / "js"
_KEY = re.compile(r"""\bt\(\s*(?:[^()"]*\?\s*)?"(\w+)"(?:\s*:\s*"(\w+)")?""")


def keys_used() -> set[str]:
    found: set[str] = set()
    for script in SCRIPTS.glob("*.js"):
        if script.name == "messages.js":  # t() itself, with an example in its comment
            continue
        for match in _KEY.finditer(script.read_text(encoding="utf-8")):
            found.update(key for key in match.groups() if key)
    return found


def test_every_key_a_script_asks_for_is_a_message():
    used = keys_used()
    assert {"saving", "autosave_conflict", "bead_saved", "minutes", "listen"} <= used
    assert used <= set(MESSAGES), sorted(used - set(MESSAGES))


def test_every_script_message_has_its_welsh():
    with translation.override("cy"):
        welsh = messages_for_scripts()
    with translation.override("en-gb"):
        english = messages_for_scripts()
    same = sorted(key for key in MESSAGES if welsh[key] == english[key])
    assert not same, same
    assert welsh["autosave_saved_at"] == "Wedi cadw am %(time)s"


def test_placeholders_survive_translation():
    with translation.override("cy"):
        welsh = messages_for_scripts()
    for key, text in MESSAGES.items():
        assert sorted(re.findall(r"%\(\w+\)s", str(text))) == sorted(re.findall(r"%\(\w+\)s", welsh[key])), key
