"""The daily retention task: applies every organisation's rules, then queues itself for tomorrow.

``manage.py apply_retention --daily`` queues the first run (once); a task worker must be running.
Without workers, run ``manage.py apply_retention`` from cron instead (README).
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from openpie.privacy.services.retention import retention_apply

log = logging.getLogger(__name__)
TASK_PATH = "openpie.privacy.tasks.retention_daily"
DAY = datetime.timedelta(days=1)


def queue_next(*, after: datetime.timedelta = DAY, waiting: tuple[str, ...] = ("READY", "RUNNING")) -> bool:
    """Queue the next daily run unless one is already waiting (or running); True if one was queued."""
    if DBTaskResult.objects.filter(task_path=TASK_PATH, status__in=waiting).exists():
        return False
    retention_daily.using(run_after=timezone.now() + after).enqueue()
    return True


@task()
def retention_daily() -> None:
    try:
        for done in retention_apply():
            if done.changed:
                log.info("Retention: %s", done)
    finally:
        queue_next(waiting=("READY",))  # this run is RUNNING: queue tomorrow's unless one waits already
