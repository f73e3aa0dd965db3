"""A task worker's heartbeat: the signal the deep check and the metrics read for "a worker seen recently".

``manage.py task_worker`` is django-tasks-db's ``db_worker`` with a thread beside it that writes the
worker's row (``WorkerHeartbeat``) every ``OPENPIE_WORKER_HEARTBEAT_SECONDS``, and removes it when the
worker stops cleanly. The task results' own timestamps would say only when a task last ran, so an
idle but healthy worker would look dead; the heartbeat says the process is alive and reaches the
database, whether or not there is work.
"""

from __future__ import annotations

import datetime
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from openpie.operations.services import heartbeat_forget, heartbeat_record

log = logging.getLogger(__name__)


def _beat(*, worker_id: str, started_at: datetime.datetime) -> None:
    try:
        heartbeat_record(worker_id=worker_id, started_at=started_at)
    except DatabaseError:
        log.warning("The worker's heartbeat could not be written", exc_info=True)


def _beat_until(stop: threading.Event, *, worker_id: str, started_at: datetime.datetime, interval: float) -> None:
    while not stop.wait(interval):
        try:
            _beat(worker_id=worker_id, started_at=started_at)
        finally:
            connection.close()  # this thread's own connection: never held between beats


@contextmanager
def heartbeat(*, worker_id: str) -> Iterator[None]:
    """Beat in a background thread while the block runs; forget the worker when it ends."""
    stop = threading.Event()
    started_at = timezone.now()
    _beat(worker_id=worker_id, started_at=started_at)  # seen from the start, before any task
    beats = {"stop": stop, "worker_id": worker_id, "started_at": started_at}
    interval = settings.OPENPIE_WORKER_HEARTBEAT_SECONDS
    thread = threading.Thread(target=_beat_until, kwargs={**beats, "interval": interval}, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        # Longer than a write can wait for a lock (SQLite's busy timeout): no beat lands after the row goes.
        thread.join(timeout=30)
        try:
            heartbeat_forget(worker_id=worker_id)
        except DatabaseError:
            log.warning("The worker's heartbeat could not be removed", exc_info=True)
