"""The task worker's heartbeat: written while it runs (idle or not), removed when it stops."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from openpie.operations.models import WorkerHeartbeat
from openpie.operations.worker import heartbeat

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_beats_while_it_runs_and_is_forgotten_when_it_stops(settings):
    settings.OPENPIE_WORKER_HEARTBEAT_SECONDS = 0.05
    with heartbeat(worker_id="worker-a"):
        for _ in range(200):
            rows = list(WorkerHeartbeat.objects.filter(worker_id="worker-a"))
            if rows and rows[0].seen_at > rows[0].started_at:
                break
            threading_wait(0.02)
        assert rows
        assert rows[0].seen_at > rows[0].started_at  # beaten more than once
    assert not WorkerHeartbeat.objects.exists()


def threading_wait(seconds: float) -> None:
    import threading

    threading.Event().wait(seconds)


def test_the_task_worker_command_runs_the_queue_with_a_heartbeat(settings):
    out = StringIO()
    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "w1", stdout=out)
    assert not WorkerHeartbeat.objects.exists()  # gone again once the batch is done
