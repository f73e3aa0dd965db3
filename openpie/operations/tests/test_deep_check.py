"""The deep health check: each part (database, worker, retention) ok or failing by name; 503 when any fails."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from openpie.operations.models import JobRun, WorkerHeartbeat
from openpie.operations.services import RETENTION_JOB, heartbeat_record, job_run

URL = "/healthz/deep"
TOKEN = "monitor-token-for-tests-0123456789"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _token(settings):
    settings.OPENPIE_MONITORING_TOKEN = TOKEN


@pytest.fixture
def healthy(db):
    heartbeat_record(worker_id="worker-1", started_at=timezone.now())
    with job_run(name=RETENTION_JOB) as said:
        said.append("nothing to do")


def _checks(response) -> dict[str, str]:
    return {name: part["status"] for name, part in response.json()["checks"].items()}


def test_the_url():
    assert reverse("operations:healthz-deep") == URL


def test_all_parts_ok(client, healthy, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get(URL, **AUTH)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert _checks(response) == {"database": "ok", "worker": "ok", "retention": "ok"}


def test_a_signed_in_session_is_not_read(client_for, people, healthy, django_assert_max_num_queries):
    client = client_for(people.admin)
    with django_assert_max_num_queries(3):
        assert client.get(URL, **AUTH).status_code == 200


def test_an_unreachable_database_is_named(client, healthy):
    with mock.patch("openpie.operations.selectors.database_answers", side_effect=OperationalError("gone")):
        response = client.get(URL, **AUTH)
    assert response.status_code == 503
    assert _checks(response) == {"database": "failing", "worker": "ok", "retention": "ok"}
    assert "OperationalError" in response.json()["checks"]["database"]["detail"]


def test_no_worker_ever_seen_is_named(client, healthy):
    WorkerHeartbeat.objects.all().delete()
    response = client.get(URL, **AUTH)
    assert response.status_code == 503
    assert _checks(response) == {"database": "ok", "worker": "failing", "retention": "ok"}


def test_a_worker_not_seen_recently_is_named(client, healthy, settings):
    WorkerHeartbeat.objects.update(seen_at=timezone.now() - datetime.timedelta(seconds=121))
    response = client.get(URL, **AUTH)
    assert response.status_code == 503
    assert _checks(response)["worker"] == "failing"
    assert "121 s" in response.json()["checks"]["worker"]["detail"]


def test_retention_never_run_is_named(client, healthy):
    JobRun.objects.all().delete()
    response = client.get(URL, **AUTH)
    assert response.status_code == 503
    assert _checks(response) == {"database": "ok", "worker": "ok", "retention": "failing"}
    assert "never run" in response.json()["checks"]["retention"]["detail"]


def test_retention_overdue_is_named(client, healthy):
    JobRun.objects.update(succeeded_at=timezone.now() - datetime.timedelta(hours=27))
    response = client.get(URL, **AUTH)
    assert response.status_code == 503
    assert "overdue" in response.json()["checks"]["retention"]["detail"]


def test_retention_whose_last_run_failed_is_named(client, healthy):
    with pytest.raises(RuntimeError), job_run(name=RETENTION_JOB):
        raise RuntimeError("disk full")
    response = client.get(URL, **AUTH)
    assert response.status_code == 503
    assert _checks(response)["retention"] == "failing"
    assert "disk full" in response.json()["checks"]["retention"]["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_without_the_token_it_does_not_exist(client, healthy, header):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    assert client.get(URL, **extra).status_code == 404


def test_switched_off_without_a_token_setting(client, healthy, settings):
    settings.OPENPIE_MONITORING_TOKEN = ""
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_writing_is_refused(client, healthy):
    assert client.post(URL, **AUTH).status_code == 405
