"""Data rights: each organisation's retention rules (the copy of a person's data and erasure keep
nothing of their own: see services)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpie.organisations.models import Organisation

AUDIT_YEARS_DEFAULT = 6
AUDIT_YEARS_MIN = 1


class RetentionPolicy(models.Model):
    """How long an organisation keeps what could identify people. Empty: kept until someone removes it."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="retention_policy")
    service_user_text_months = models.PositiveSmallIntegerField(
        _("Remove service users' own words after this many months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "Their comments and any first name or role they gave; their beads still count. "
            "Counted from when they sent their answers."
        ),
    )
    closed_link_names_months = models.PositiveSmallIntegerField(
        _("Remove names given through closed participation links after this many months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("The first names or roles people gave, once the link has closed or expired this long ago."),
    )
    audit_years = models.PositiveSmallIntegerField(
        _("Keep the audit trail for this many years"),
        default=AUDIT_YEARS_DEFAULT,
        validators=[MinValueValidator(AUDIT_YEARS_MIN), MaxValueValidator(50)],
        help_text=_("Older events are deleted by the daily retention task, and by nothing else."),
    )
    updated_at = models.DateTimeField(default=timezone.now)
    last_applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return f"Retention rules of {self.organisation}"
