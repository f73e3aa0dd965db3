"""Run a task worker: django-tasks-db's ``db_worker`` with a heartbeat (openpie/operations/worker.py),
whose log lines for a task carry the task's id and the id of the request that queued it (task_logs.py)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands import db_worker

from openpie.operations.task_logs import connect_worker_signals
from openpie.operations.worker import heartbeat


class Command(db_worker.Command):
    help = "Run a background task worker (exports, reports) that records a heartbeat for the health check."

    def handle(self, *args: Any, **options: Any) -> None:
        connect_worker_signals()
        with heartbeat(worker_id=options["worker_id"]):
            super().handle(*args, **options)
