"""How an installation and its organisations start: the one-time set-up code, and requests to start one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openpie.organisations.models import Organisation


class SetupCode(models.Model):
    """The one-time code that lets the operator make the first platform admin. Only its hash is kept.

    At most one row: made on first need (and printed to the server's log), replaced by
    ``manage.py setup_code``, marked used once the first platform admin exists.
    """

    # Always 1: the unique slot means two app servers making the first code at once end up with one.
    slot = models.PositiveSmallIntegerField(default=1, unique=True, editable=False)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Set-up code made {self.created_at:%Y-%m-%d %H:%M}"


class OrganisationRequest(models.Model):
    """Someone asking to start an organisation (when ``OPENPIE_ALLOW_ORGANISATION_REQUESTS`` is on)."""

    class Status(models.TextChoices):
        WAITING = "waiting", gettext_lazy("Waiting")
        APPROVED = "approved", gettext_lazy("Approved")
        DECLINED = "declined", gettext_lazy("Declined")

    name = models.CharField(gettext_lazy("Organisation name"), max_length=200)
    kind = models.CharField(max_length=20, choices=Organisation.Kind.choices)
    requester_name = models.CharField(max_length=150)
    requester_email = models.EmailField()
    about = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    note = models.TextField(gettext_lazy("Note to the requester"), blank=True)
    # The language the request was made in: the answer is written in it.
    language = models.CharField(max_length=8, blank=True, default="")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Request to start %(name)s") % {"name": self.name}
