"""Consent grants: one organisation shares part of its tree with another.

A grant is asked for by the organisation that would receive it (the grantee) and
decided by the organisation that owns the data (the granter). Only an accepted
grant shares anything, and only the subtree below its unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpie.organisations.models import Organisation, Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


class GrantQuerySet(models.QuerySet["SharingGrant"]):
    def involving(self, organisation: Organisation) -> GrantQuerySet:
        """Grants the organisation has given or received."""
        return self.filter(Q(granter=organisation) | Q(grantee=organisation))

    def live(self) -> GrantQuerySet:
        return self.filter(state__in=SharingGrant.LIVE_STATES)

    def visible_to(self, user: User) -> GrantQuerySet:
        """Grants given or received by an organisation the person belongs to."""
        return self.filter(
            Q(granter__in=Organisation.objects.visible_to(user)) | Q(grantee__in=Organisation.objects.visible_to(user))
        )


class SharingGrant(models.Model):
    class Scope(models.TextChoices):
        OVERVIEW = "overview", _("Overview")
        BARRIERS = "barriers", _("Barriers")
        BOTH = "both", _("Overview and barriers")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    LIVE_STATES = (State.REQUESTED, State.ACCEPTED)

    granter = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="grants_given")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="sharing_grants")
    grantee = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="grants_received")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    state = models.CharField(max_length=20, choices=State.choices, default=State.REQUESTED)
    note = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "grantee"],
                condition=Q(state__in=["requested", "accepted"]),
                name="one_live_grant_per_unit_and_grantee",
            ),
            models.CheckConstraint(condition=~Q(granter=models.F("grantee")), name="grant_between_two_organisations"),
        ]

    def __str__(self) -> str:
        return f"{self.granter} → {self.grantee}: {self.get_scope_display()} ({self.get_state_display()})"

    @staticmethod
    def scopes_covering(scope: str) -> list[str]:
        """The grant scopes that cover a page's scope ("overview" or "barriers")."""
        return [scope, SharingGrant.Scope.BOTH]
