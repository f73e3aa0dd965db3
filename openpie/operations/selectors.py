"""Reads for the deep health check and the metrics: the database, workers, the task queue, scheduled jobs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from openpie.operations.models import JobRun, WorkerHeartbeat


@dataclass(frozen=True)
class QueueState:
    waiting: int
    oldest_enqueued_at: datetime.datetime | None


def database_answers() -> None:
    """One round trip to the database; raises if it cannot be reached."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def worker_last_seen() -> datetime.datetime | None:
    """When any task worker last wrote its heartbeat."""
    return WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]


def workers_seen_since(*, since: datetime.datetime) -> int:
    return WorkerHeartbeat.objects.filter(seen_at__gte=since).count()


def queue_state() -> QueueState:
    """Tasks ready to run now but not yet claimed by a worker, and when the oldest of them was queued."""
    found = DBTaskResult.objects.ready().aggregate(waiting=Count("id"), oldest=Min("enqueued_at"))
    return QueueState(waiting=found["waiting"], oldest_enqueued_at=found["oldest"])


def job_last_run(*, name: str) -> JobRun | None:
    return JobRun.objects.filter(name=name).first()


def age_seconds(moment: datetime.datetime | None) -> float | None:
    return None if moment is None else max(0.0, (timezone.now() - moment).total_seconds())
