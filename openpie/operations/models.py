"""What the operations checks read: task workers' heartbeats and scheduled jobs' last runs."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy


class WorkerHeartbeat(models.Model):
    """A task worker (``manage.py task_worker``) writes its row every few seconds while it runs."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} (seen {self.seen_at:%Y-%m-%d %H:%M:%S})"


class JobRun(models.Model):
    """The last run of a job started by cron or a systemd timer (``apply_retention``): when, and how it went."""

    class Outcome(models.TextChoices):
        RUNNING = "running", gettext_lazy("Running")
        SUCCEEDED = "succeeded", gettext_lazy("Succeeded")
        FAILED = "failed", gettext_lazy("Failed")

    name = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    message = models.TextField(blank=True)
    # The last run that finished without an error (what "not overdue" is measured from).
    succeeded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.outcome} at {self.started_at:%Y-%m-%d %H:%M:%S}"


class TaskOrigin(models.Model):
    """The request that queued a task, so the worker's log lines for that task carry the request's id."""

    task = models.OneToOneField(
        "django_tasks_database.DBTaskResult", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    request_id = models.CharField(max_length=128)

    def __str__(self) -> str:
        return f"{self.task_id} from request {self.request_id}"
