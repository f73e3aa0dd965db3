"""Log lines: JSON in production, each carrying its request's id, which the response returns."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from openpie.operations.logs import HEADER, JsonFormatter, RequestIdFilter, log_context, request_id_from

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def json_lines():
    """What the root logger writes while the test runs, through the production handler's filter and formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.INFO)
    for name in ("openpie.test", "openpie.test.task"):  # as a new logger, whatever an earlier test did to it
        logger = logging.getLogger(name)
        logger.disabled, logger.propagate = False, True
        logger.setLevel(logging.NOTSET)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.mark.django_db
def test_every_line_of_a_request_is_json_and_carries_its_id(client, json_lines):
    response = client.get("/no-such-page-anywhere/")  # Django logs "Not Found", the middleware its own line
    request_id = response[HEADER]
    lines = json_lines()
    assert {line["logger"] for line in lines} >= {"django.request", "openpie.requests"}
    assert {line.get("request_id") for line in lines} == {request_id}
    summary = next(line for line in lines if line["logger"] == "openpie.requests")
    assert summary["status"] == 404
    assert summary["method"] == "GET"
    assert summary["level"] == "INFO"
    logging.getLogger("openpie.test").warning("after the response")
    assert "request_id" not in json_lines()[-1]  # the id ends with its request


@pytest.mark.django_db
def test_a_signed_in_page_logs_its_url_pattern_not_its_path(world, client_for, json_lines):
    client = client_for(world.people.admin)
    response = client.get(f"/rounds/{world.round.round.pk}/")
    summary = next(line for line in json_lines() if line["logger"] == "openpie.requests")
    assert summary["route"] == "/rounds/<int:pk>/"
    assert summary["view"] == "assessments:round"
    assert summary["request_id"] == response[HEADER]


@pytest.mark.django_db
def test_a_well_formed_incoming_id_is_kept(client, json_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")
    assert response[HEADER] == "lb-7f3a9c2e-0001"


@pytest.mark.django_db
@pytest.mark.parametrize("incoming", ["short", "has spaces in it", "x" * 200, "<script>alert(1)</script>", ""])
def test_a_malformed_incoming_id_is_replaced(client, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert response[HEADER] != incoming
    assert len(response[HEADER]) == 32


def test_two_requests_get_different_ids():
    assert request_id_from(None) != request_id_from(None)


def test_extras_and_tracebacks_are_kept(json_lines):
    with log_context(request_id="req-12345678", task_id="task-1"):
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("openpie.test").exception("failed", extra={"export": 7})
    (line,) = json_lines()
    assert line["request_id"] == "req-12345678"
    assert line["task_id"] == "task-1"
    assert line["export"] == 7
    assert "ValueError: boom" in line["exception"]


def _log_from_settings(**env: str) -> str:
    command = "import logging; logging.getLogger('openpie.test').warning('hello')"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", command],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stderr.strip().splitlines()[-1]


def test_production_logs_json_and_development_plain_text():
    production = {"OPENPIE_ENV": "production", "DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "example.org"}
    line = json.loads(_log_from_settings(**production, OPENPIE_LOG_FORMAT=""))
    assert line["message"] == "hello"
    assert line["level"] == "WARNING"
    text = _log_from_settings(OPENPIE_ENV="development", OPENPIE_LOG_FORMAT="")
    assert text.endswith("WARNING openpie.test [-] hello")
    assert json.loads(_log_from_settings(OPENPIE_ENV="development", OPENPIE_LOG_FORMAT="json"))["message"] == "hello"
