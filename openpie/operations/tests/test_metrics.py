"""/metrics: Prometheus' text format behind the monitoring token, with requests, latency by view name,
the task queue, workers and retention."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from openpie.operations.services import RETENTION_JOB, heartbeat_record, job_run

pytestmark = pytest.mark.django_db
URL = "/metrics"
TOKEN = "metrics-token-for-tests-0123456789"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def _token(settings):
    settings.OPENPIE_MONITORING_TOKEN = TOKEN


def _scrape(client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get(URL, **AUTH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def _value(samples, name, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def _wait(*, minutes: int) -> DBTaskResult:
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="openpie.exports.services.export_run",
        queue_name="default",
        backend_name="default",
        run_after=timezone.now() - datetime.timedelta(seconds=1),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=minutes))
    return task


def test_the_url():
    assert reverse("operations:metrics") == URL


def test_requests_are_counted_by_method_and_status_class(client):
    before = _scrape(client)
    client.get("/healthz")
    client.get("/healthz")
    client.post("/healthz")
    client.get("/no-such-page-anywhere/")
    after = _scrape(client)

    def grew(**labels):
        return _value(after, "openpie_http_requests_total", **labels) - _value(
            before, "openpie_http_requests_total", **labels
        )

    assert grew(method="GET", status="2xx") == 3  # two health checks and the first scrape
    assert grew(method="POST", status="4xx") == 1
    assert grew(method="GET", status="4xx") == 1


def test_latency_is_by_view_name_never_by_raw_path(client, world, client_for):
    signed_in = client_for(world.people.admin)
    assert signed_in.get(reverse("assessments:round", args=[world.round.round.pk])).status_code == 200
    samples = _scrape(client)
    views = {dict(labels).get("view") for name, labels in samples if name.startswith("openpie_http_request_duration")}
    assert "assessments:round" in views
    assert not any(view and "/" in view for view in views)
    assert _value(samples, "openpie_http_request_duration_seconds_count", view="assessments:round") >= 1


def test_the_task_queue_depth_and_oldest_waiting_age(client):
    samples = _scrape(client)
    assert _value(samples, "openpie_task_queue_depth") == 0
    assert _value(samples, "openpie_task_oldest_waiting_seconds") == 0
    _wait(minutes=10)
    _wait(minutes=2)
    samples = _scrape(client)
    assert _value(samples, "openpie_task_queue_depth") == 2
    assert 600 <= _value(samples, "openpie_task_oldest_waiting_seconds") < 660


def test_retention_and_workers(client):
    samples = _scrape(client)
    assert _value(samples, "openpie_retention_last_success_timestamp_seconds") == 0
    assert _value(samples, "openpie_worker_last_seen_timestamp_seconds") == 0
    heartbeat_record(worker_id="w", started_at=timezone.now())
    with job_run(name=RETENTION_JOB):
        pass
    samples = _scrape(client)
    now = timezone.now().timestamp()
    assert now - 60 < _value(samples, "openpie_retention_last_success_timestamp_seconds") <= now
    assert now - 60 < _value(samples, "openpie_worker_last_seen_timestamp_seconds") <= now
    assert _value(samples, "openpie_retention_last_run_failed") == 0
    assert _value(samples, "openpie_database_up") == 1


def test_a_failed_retention_run_shows(client):
    with pytest.raises(ValueError, match="broken"), job_run(name=RETENTION_JOB):
        raise ValueError("broken")
    assert _value(_scrape(client), "openpie_retention_last_run_failed") == 1


def test_a_scrape_reads_no_session_and_a_fixed_number_of_queries(client_for, people, django_assert_max_num_queries):
    client = client_for(people.admin)
    for minutes in range(5):
        _wait(minutes=minutes)
    with django_assert_max_num_queries(3):
        client.get(URL, **AUTH)


@pytest.mark.parametrize("header", [None, "Bearer wrong", TOKEN])
def test_without_the_token_it_does_not_exist(client, header):
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    assert client.get(URL, **extra).status_code == 404


def test_switched_off_without_a_token_setting(client, settings):
    settings.OPENPIE_MONITORING_TOKEN = ""
    assert client.get(URL, HTTP_AUTHORIZATION="Bearer ").status_code == 404
