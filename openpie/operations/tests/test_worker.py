"""The task worker's heartbeat: written when it starts and every few seconds while it runs (idle or not),
removed when it stops."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.management import call_command

from openpie.operations import worker
from openpie.operations.models import WorkerHeartbeat
from openpie.operations.services import heartbeat_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_worker_beats_while_it_runs_and_is_forgotten_when_it_stops(settings, monkeypatch):
    settings.OPENPIE_WORKER_HEARTBEAT_SECONDS = 0.05
    beaten = threading.Event()
    seen = []

    def record(**kwargs):
        heartbeat_record(**kwargs)
        seen.append(WorkerHeartbeat.objects.get(worker_id="worker-a").seen_at)
        if len(seen) >= 3:
            beaten.set()

    monkeypatch.setattr(worker, "heartbeat_record", record)
    with worker.heartbeat(worker_id="worker-a"):
        assert beaten.wait(10)
    assert seen == sorted(seen)
    assert seen[-1] > seen[0]  # the row moves on with each beat
    assert not WorkerHeartbeat.objects.exists()


def test_the_task_worker_command_runs_the_queue_with_a_heartbeat(monkeypatch):
    rows = []
    monkeypatch.setattr(worker, "heartbeat_forget", lambda **kwargs: rows.append(list(WorkerHeartbeat.objects.all())))
    call_command("task_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "w1", stdout=StringIO())
    (before_forgetting,) = rows
    assert [row.worker_id for row in before_forgetting] == ["w1"]
