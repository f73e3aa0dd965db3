"""Prometheus metrics, read at ``/metrics`` with the monitoring token.

Two kinds:

- **Counted in the app servers**: requests by method and status class, and how long they took by
  view name (the URL pattern's name, never the raw path: paths hold ids and link tokens). Under
  gunicorn each worker process counts for itself; with ``PROMETHEUS_MULTIPROC_DIR`` set (``make
  serve`` sets it) the counts go to files in that folder and a scrape of any worker adds them all up
  (prometheus-client's multiprocess mode; the folder is emptied when the server starts).
- **Read from the database when scraped**, so every server answers alike: the task queue's depth and
  its oldest waiting task's age, when a task worker was last seen, and the retention job's last run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from django.db import DatabaseError
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric

from openpie.operations import selectors
from openpie.operations.models import JobRun
from openpie.operations.services import RETENTION_JOB

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter("openpie_http_requests", "Requests answered, by method and status class.", ["method", "status"])
LATENCY = Histogram(
    "openpie_http_request_duration_seconds",
    "Time to answer a request, by view name.",
    ["view"],
    buckets=LATENCY_BUCKETS,
)


def request_observe(*, method: str, status: int, view: str, seconds: float) -> None:
    REQUESTS.labels(method=method if method in METHODS else "other", status=f"{status // 100}xx").inc()
    LATENCY.labels(view=view).observe(seconds)


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def _retention_metrics() -> Iterator[Metric]:
    run = selectors.job_last_run(name=RETENTION_JOB)
    succeeded = run.succeeded_at.timestamp() if run and run.succeeded_at else 0
    yield _gauge(
        "openpie_retention_last_success_timestamp_seconds",
        "When the retention job last succeeded (Unix time; 0: never).",
        succeeded,
    )
    yield _gauge(
        "openpie_retention_last_run_failed",
        "1 if the retention job's last run failed.",
        1 if run and run.outcome == JobRun.Outcome.FAILED else 0,
    )


def _database_metrics() -> Iterator[Metric]:
    queue = selectors.queue_state()
    yield _gauge("openpie_task_queue_depth", "Tasks ready to run, not yet claimed by a worker.", queue.waiting)
    yield _gauge(
        "openpie_task_oldest_waiting_seconds",
        "How long the oldest task ready to run has waited (0: none waiting).",
        selectors.age_seconds(queue.oldest_enqueued_at) or 0,
    )
    seen = selectors.worker_last_seen()
    yield _gauge(
        "openpie_worker_last_seen_timestamp_seconds",
        "When a task worker last wrote its heartbeat (Unix time; 0: never).",
        seen.timestamp() if seen else 0,
    )
    yield from _retention_metrics()


class DatabaseCollector:
    """The gauges read from the database at each scrape; ``openpie_database_up`` 0 if it cannot be read."""

    def describe(self) -> list[Metric]:
        return []

    def collect(self) -> Iterator[Metric]:
        try:
            found = list(_database_metrics())
        except DatabaseError:
            found = []
        yield _gauge("openpie_database_up", "1 if the database answered this scrape.", 1 if found else 0)
        yield from found


def exposition() -> bytes:
    """The metrics in Prometheus' text format: this process's (or all processes') counts, then the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        counted = CollectorRegistry()
        multiprocess.MultiProcessCollector(counted)
    else:
        counted = REGISTRY
    from_database = CollectorRegistry()
    from_database.register(DatabaseCollector())
    return generate_latest(counted) + generate_latest(from_database)
