"""Settings from the environment or a .env file (the environment wins); .env.example lists every one;
Sentry only with a DSN and without personal data."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from config.envfile import env_file_load, env_file_read

ROOT = Path(__file__).resolve().parents[3]
READ = re.compile(r"""\benv(?:_bool|_list)?\(\s*["']([A-Z][A-Z0-9_]*)["']""")


def _listed() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_env_example_lists_every_variable_the_settings_read():
    read = set()
    for module in (ROOT / "config").glob("*.py"):
        read |= set(READ.findall(module.read_text(encoding="utf-8")))
    assert len(read) > 40
    assert sorted(read - _listed()) == []


def test_env_example_names_nothing_the_settings_do_not_read():
    read = set()
    for module in (ROOT / "config").glob("*.py"):
        read |= set(READ.findall(module.read_text(encoding="utf-8")))
    extra = {"OPENPIE_ENV_FILE", "GUNICORN_WORKERS", "GUNICORN_THREADS", "PROMETHEUS_MULTIPROC_DIR"}
    assert sorted(_listed() - read - extra) == []


def test_the_file_is_read_and_the_environment_wins(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# a comment\n\nOPENPIE_TEST_A=from-file\nexport OPENPIE_TEST_B = 'quoted value'\n"
        'OPENPIE_TEST_C="x=y # not a comment"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("OPENPIE_TEST_A", "from-environment")
    monkeypatch.delenv("OPENPIE_TEST_B", raising=False)
    monkeypatch.delenv("OPENPIE_TEST_C", raising=False)
    added = env_file_load(env_file)
    assert os.environ["OPENPIE_TEST_A"] == "from-environment"
    assert os.environ["OPENPIE_TEST_B"] == "quoted value"
    assert os.environ["OPENPIE_TEST_C"] == "x=y # not a comment"
    assert set(added) == {"OPENPIE_TEST_B", "OPENPIE_TEST_C"}
    for name in added:
        monkeypatch.delenv(name)


def test_a_line_that_is_not_a_setting_is_refused(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("OPENPIE_TEST_A=1\nthis is not a setting\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        env_file_read(env_file)


def test_no_file_is_nothing():
    assert env_file_read(ROOT / "no-such-file.env") == {}


def _settings_in_a_process(env: dict[str, str], code: str) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.strip()


def test_settings_come_from_the_file(tmp_path):
    env_file = tmp_path / "openpie.env"
    env_file.write_text("OPENPIE_INVITATION_DAYS=3\nOPENPIE_SESSION_HOURS=5\n", encoding="utf-8")
    code = "from django.conf import settings; print(settings.OPENPIE_INVITATION_DAYS, settings.OPENPIE_SESSION_HOURS)"
    out = _settings_in_a_process({"OPENPIE_ENV_FILE": str(env_file), "OPENPIE_SESSION_HOURS": "7"}, code)
    assert out == "3 7.0"


def test_sentry_starts_only_with_a_dsn_and_sends_no_personal_data():
    code = (
        "import json, sentry_sdk; c = sentry_sdk.get_client(); o = c.options; "
        "print(json.dumps([c.is_active(), o['send_default_pii'], o['max_request_body_size'], "
        "o['include_local_variables']]))"
    )
    on = json.loads(_settings_in_a_process({"SENTRY_DSN": "http://public@127.0.0.1:9/1"}, code))
    assert on == [True, False, "never", False]
    off = json.loads(_settings_in_a_process({"SENTRY_DSN": ""}, code))
    assert off[0] is False
