"""Service users' parallel assessment: participation links, who joined how, and rate limits.

A person joins through a link with no account, consents, places beads in easy words and
gets a withdrawal code. Their beads are a ``Contribution`` of kind service user; what is
particular to taking part (how they joined, consent to share their words, the code) is here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpie.assessments.models import Contribution, Round


class ParticipationLink(models.Model):
    """A public link (and QR code) to a round's easy-read assessment, with an expiry; the lead can close it.

    Besides the long token in the QR code, a link has a short code to type at /go/ (``codes.short``).
    """

    class Scale(models.TextChoices):
        SIMPLE = "simple", _("Simple: four choices, each with a face")
        FINE = "fine", _("Fine: every position on the scale (for staff)")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participation_links")
    token = models.CharField(max_length=40, unique=True)
    short_code = models.CharField(
        max_length=8, unique=True, null=True, blank=True, help_text=_("Typed at /go/: 8 characters, no look-alikes.")
    )
    scale = models.CharField(max_length=10, choices=Scale.choices, default=Scale.SIMPLE)
    label = models.CharField(max_length=100, blank=True, help_text=_('Where it is used, e.g. "Poster in the lounge".'))
    # The language the link's pages open in for someone who has not chosen one on their device ("": their
    # browser's); the poster is printed in it. A code from settings.LANGUAGES (no choices here: adding a
    # language needs no migration).
    language = models.CharField(max_length=10, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or f"Link for {self.round}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_live(self) -> bool:
        return self.closed_at is None and not self.is_expired

    @property
    def short_code_shown(self) -> str:
        """The short code grouped for reading aloud: "ACDE-FH34"."""
        code = self.short_code or ""
        return f"{code[:4]}-{code[4:]}" if code else ""


class Participation(models.Model):
    """How a service user's contribution came in: by link or by proxy, consent, and the withdrawal code."""

    class Via(models.TextChoices):
        LINK = "link", _("By themselves, through a link")
        PROXY = "proxy", _("Entered for them by a keyworker or advocate")

    contribution = models.OneToOneField(Contribution, on_delete=models.CASCADE, related_name="participation")
    link = models.ForeignKey(
        ParticipationLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="participations"
    )
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.LINK)
    proxy_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    proxy_consent_confirmed = models.BooleanField(default=False)
    consented_at = models.DateTimeField(default=timezone.now)
    shares_comments = models.BooleanField(
        default=False, help_text=_("The person agreed that staff may read their comments.")
    )
    withdrawal_code_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, help_text=_("Set when the person finishes.")
    )
    start_key = models.CharField(
        max_length=40, unique=True, help_text=_("The consent form's one-time key: sending it twice starts one.")
    )

    def __str__(self) -> str:
        return f"{self.get_via_display()} — {self.contribution}"


class RateEvent(models.Model):
    """One counted attempt (starting, or trying a withdrawal code) for rate limits kept in the database.

    ``key`` is a keyed hash (of a link or an address): no address is stored.
    """

    scope = models.CharField(max_length=20)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.at:%H:%M:%S}"


class SharedAction(models.Model):
    """An action the lead chose to tell service users about ("you said, we did"), on the round's links' pages."""

    action = models.OneToOneField("assessments.Action", on_delete=models.CASCADE, related_name="shared_with_voices")
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Shared: {self.action}"
