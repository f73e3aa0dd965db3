"""The audit trail: who did what, when, to which record. Rows are only ever added.

Three layers keep it append-only (docs/adr/0011-audit-trail-and-data-rights.md):
database triggers reject UPDATE and DELETE (openpie/audit/migrations/0003_append_only.py),
the queryset refuses ``update()``/``delete()``, and the model refuses to save an existing
row or delete one. The actor and organisation are plain ids (no database foreign key, nothing
cascades or is set to null when a person or organisation goes), so nothing ever has to edit a
row; names are looked up from the live records when the trail is shown, so erasing a person's
account leaves no name behind in the trail.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class AppendOnlyError(Exception):
    """Audit events cannot be changed or deleted."""


def _refuse(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise AppendOnlyError("The audit trail is append-only: events cannot be changed or deleted.")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    update = _refuse
    delete = _refuse
    bulk_update = _refuse
    update_or_create = _refuse

    def for_organisation(self, organisation: models.Model) -> AuditEventQuerySet:
        return self.filter(organisation_id=organisation.pk)


class AuditEvent(models.Model):
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Plain ids: no database constraint and nothing done when the person or organisation goes.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    action = models.CharField(max_length=60, help_text=gettext_lazy('What was done, e.g. "contribution.void".'))
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True, help_text=gettext_lazy("Ids and non-personal labels only."))

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type} {self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()
