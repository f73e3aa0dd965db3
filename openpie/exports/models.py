"""Export jobs: a file (CSV, XLSX, PDF or a zip) built for one person, in the background or inline.

The file is kept through Django's storage API and may be downloaded only by the person who asked
for it, until it expires.
"""

from __future__ import annotations

import datetime
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpie.organisations.models import Organisation

if TYPE_CHECKING:
    from openpie.accounts.models import User

KEEP_DAYS = 7


def default_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=KEEP_DAYS)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def export_upload_to(instance: ExportJob, filename: str) -> str:
    return f"exports/{timezone.now():%Y%m}/{instance.token}/{filename}"


class ExportJobQuerySet(models.QuerySet["ExportJob"]):
    def for_requester(self, user: User | Any) -> ExportJobQuerySet:
        return self.filter(requester=user)

    def downloadable(self) -> ExportJobQuerySet:
        return self.filter(state=ExportJob.State.DONE, expires_at__gt=timezone.now()).exclude(file="")


class ExportJob(models.Model):
    class Kind(models.TextChoices):
        ROUND = "round", _("A round")
        SUBTREE = "subtree", _("Every unit below a unit (latest rounds)")
        REGISTER = "register", _("The barriers register")
        OVERVIEW_PDF = "overview_pdf", _("Overview report (PDF)")
        RESEARCH = "research", _("Research extract")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", _("Excel (XLSX)")
        PDF = "pdf", "PDF"
        ZIP = "zip", _("Zip of CSV files")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="export_jobs"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    format = models.CharField(max_length=10, choices=Format.choices)
    target_id = models.PositiveIntegerField(null=True, blank=True, help_text=_("The round, unit or organisation."))
    title = models.CharField(max_length=300, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    file = models.FileField(upload_to=export_upload_to, blank=True, max_length=300)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=default_expiry)
    token = models.CharField(max_length=64, unique=True, default=new_token)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requester", "-created_at"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} ({self.format})"

    @property
    def is_running(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_downloadable(self) -> bool:
        return self.state == self.State.DONE and bool(self.file) and not self.is_expired

    @property
    def is_empty(self) -> bool:
        return self.state == self.State.DONE and self.rows == 0
