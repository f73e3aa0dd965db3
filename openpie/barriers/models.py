"""The barriers register's loop: responses to barriers, and in-app notifications.

A barrier is a Factor that hinders and is outside the service's control
(``openpie.assessments.models.Factor.is_barrier``). Managers and commissioners
respond to it; each response is kept, and the latest is the current one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpie.assessments.models import BarrierStatus, Factor
from openpie.organisations.models import Organisation, Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


class BarrierResponse(models.Model):
    class Status(models.TextChoices):
        NOTED = "noted", _("Noted")
        INVESTIGATING = "investigating", _("Looking into it")
        ACTION_AGREED = "action_agreed", _("Action agreed")
        BEYOND_OUR_REMIT = "beyond_our_remit", _("Beyond our remit")

    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="barrier_responses")
    responder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    responder_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="barrier_responses"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["factor", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.text[:50]}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User) -> NotificationQuerySet:
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something to tell one person inside OpenPIE, with a link to it."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text


class BarrierStatusChange(models.Model):
    """One dated step of a barrier's life (who, when, for which organisation), kept for the counts."""

    factor = models.ForeignKey(Factor, on_delete=models.CASCADE, related_name="status_changes")  # the origin
    status = models.CharField(max_length=20, choices=BarrierStatus.choices)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["factor", "status"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.changed_at:%Y-%m-%d}"


class LocalityCall(models.Model):
    """A commissioner's invitation to every service of a locality to share its round's barriers by a date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="locality_calls")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    message = models.TextField()
    rounds_from = models.DateField()
    answer_by = models.DateField()
    areas = models.ManyToManyField(Unit, related_name="+")  # what the commissioner chose
    services = models.ManyToManyField(Unit, related_name="locality_calls")  # everyone invited

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Call by {self.organisation_id} until {self.answer_by}"
