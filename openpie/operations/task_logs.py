"""A task's log lines carry its id and, when a request queued it, that request's id.

When a task is queued during a request (``task_enqueued``), its ``TaskOrigin`` row keeps the
request's id. A task worker (``manage.py task_worker``) sets both ids while it runs the task
(``task_started``) and clears them when it is done (``task_finished``). django-tasks' own
"Task ... RUNNING" line comes just before the ids are set; every line after it, the task's own and
the "finished" line included, carries them.
"""

from __future__ import annotations

from typing import Any

from openpie.operations.logs import request_id_var, task_id_var
from openpie.operations.models import TaskOrigin


def _stored(sender: Any) -> bool:
    """A task of the database backend: one a worker runs later, with an id of a stored task (an
    immediate backend's task runs at once, and its id is no stored task's). Queueing sends the
    backend's class; django-tasks-db's worker sends the backend itself."""
    from django_tasks_db.backend import DatabaseBackend

    kind = sender if isinstance(sender, type) else type(sender)
    return issubclass(kind, DatabaseBackend)


def remember_origin(*, sender: Any, task_result: Any, **kwargs: Any) -> None:
    request_id = request_id_var.get()
    if request_id and _stored(sender):
        TaskOrigin.objects.create(task_id=task_result.id, request_id=request_id)


def task_begins(*, sender: Any, task_result: Any, **kwargs: Any) -> None:
    if not _stored(sender):
        return
    origin = TaskOrigin.objects.filter(task_id=task_result.id).values_list("request_id", flat=True).first()
    task_id_var.set(str(task_result.id))
    request_id_var.set(origin or "")


def task_ends(**kwargs: Any) -> None:
    task_id_var.set("")
    request_id_var.set("")


def connect_worker_signals() -> None:
    """Called by ``task_worker`` only: web processes never run tasks."""
    from django_tasks_db.compat import task_finished, task_started

    task_started.connect(task_begins, dispatch_uid="openpie.operations.task_begins")
    task_finished.connect(task_ends, dispatch_uid="openpie.operations.task_ends")
