"""The deep health check: is the database reachable, has a task worker been seen, is retention on time?

Each part answers ``ok`` or ``failing`` with a sentence saying why, so a monitor's alert names what broke.
The thresholds are settings: ``OPENPIE_WORKER_STALE_SECONDS`` (a worker writes its heartbeat every
few seconds; none for this long means none is running) and ``OPENPIE_RETENTION_STALE_HOURS`` (the
retention job is run daily by cron or a systemd timer; no successful run for this long is overdue).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from openpie.operations import selectors
from openpie.operations.models import JobRun
from openpie.operations.services import RETENTION_JOB


@dataclass(frozen=True)
class Part:
    name: str
    ok: bool
    detail: str


def check_database() -> Part:
    selectors.database_answers()
    return Part("database", True, "answers")


def check_worker() -> Part:
    stale = datetime.timedelta(seconds=settings.OPENPIE_WORKER_STALE_SECONDS)
    seen = selectors.worker_last_seen()
    if seen is None:
        return Part("worker", False, "no task worker has ever been seen (run manage.py task_worker)")
    age = timezone.now() - seen
    if age > stale:
        return Part("worker", False, f"no task worker seen for {int(age.total_seconds())} s")
    return Part("worker", True, f"a task worker was seen {int(age.total_seconds())} s ago")


def check_retention() -> Part:
    stale = datetime.timedelta(hours=settings.OPENPIE_RETENTION_STALE_HOURS)
    run = selectors.job_last_run(name=RETENTION_JOB)
    if run is None:
        return Part("retention", False, "has never run (schedule manage.py apply_retention daily)")
    if run.outcome == JobRun.Outcome.FAILED:
        return Part("retention", False, f"the last run failed: {run.message.strip()[:200]}")
    if run.succeeded_at is None or timezone.now() - run.succeeded_at > stale:
        hours = settings.OPENPIE_RETENTION_STALE_HOURS
        return Part("retention", False, f"overdue: no successful run in the last {hours} h")
    return Part("retention", True, f"last succeeded at {run.succeeded_at.isoformat()}")


CHECKS: tuple[tuple[str, Callable[[], Part]], ...] = (
    ("database", check_database),
    ("worker", check_worker),
    ("retention", check_retention),
)


def _safely(name: str, check: Callable[[], Part]) -> Part:
    try:
        return check()
    except DatabaseError as exc:
        return Part(name, False, f"the database could not be read: {type(exc).__name__}")


def deep_check() -> list[Part]:
    """Every part, each checked on its own (one failing never hides another)."""
    return [_safely(name, check) for name, check in CHECKS]
