"""Writes of the operations app: a worker's heartbeat, a scheduled job's run."""

from __future__ import annotations

import datetime
import os
import socket
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from openpie.operations.models import JobRun, WorkerHeartbeat

RETENTION_JOB = "retention"


def heartbeat_record(*, worker_id: str, started_at: datetime.datetime) -> None:
    """Say that this worker is alive now (one upsert)."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": timezone.now(), "host": socket.gethostname()[:255], "pid": os.getpid()},
        create_defaults={
            "seen_at": timezone.now(),
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
        },
    )


def heartbeat_forget(*, worker_id: str) -> None:
    """A worker that stops cleanly takes its row away."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


@transaction.atomic
def _job_start(*, name: str) -> None:
    JobRun.objects.update_or_create(
        name=name,
        defaults={"started_at": timezone.now(), "finished_at": None, "outcome": JobRun.Outcome.RUNNING, "message": ""},
    )


def _job_finish(*, name: str, outcome: str, message: str) -> None:
    now = timezone.now()
    fields: dict[str, object] = {"finished_at": now, "outcome": outcome, "message": message[:4000]}
    if outcome == JobRun.Outcome.SUCCEEDED:
        fields["succeeded_at"] = now
    JobRun.objects.filter(name=name).update(**fields)


@contextmanager
def job_run(*, name: str) -> Iterator[list[str]]:
    """Record a scheduled job's run: started, then succeeded (with what it said) or failed (with the error).

    The caller appends lines to the yielded list; they become the run's message. The error is re-raised.
    """
    _job_start(name=name)
    said: list[str] = []
    try:
        yield said
    except BaseException as exc:
        _job_finish(name=name, outcome=JobRun.Outcome.FAILED, message="".join(traceback.format_exception_only(exc)))
        raise
    _job_finish(name=name, outcome=JobRun.Outcome.SUCCEEDED, message="\n".join(said))
