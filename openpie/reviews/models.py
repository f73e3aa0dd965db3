"""Peer review, the fifth stage at its best: a comparable service reads one round and proposes positions.

A round's lead invites a reviewer by email (only the token's hash is kept). The reviewer's access
is the review itself, to that one round, until ``expires_at`` or until the lead revokes it; they
never get a membership. Per thread the reviewer comments and proposes a position; the team
responds (agree, keep its own, or agree another position), and the agreed position is kept next
to the team's own bead, which is never changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openpie.assessments.models import Round, Thread
from openpie.organisations.models import Unit

if TYPE_CHECKING:
    from openpie.accounts.models import User


class PeerReviewQuerySet(models.QuerySet["PeerReview"]):
    def visible_to(self, user: User) -> PeerReviewQuerySet:
        """Reviews of rounds the person may see as a member of the round's unit (the team's side)."""
        return self.filter(round__in=Round.objects.visible_to(user))

    def for_reviewer(self, user: User) -> PeerReviewQuerySet:
        """Reviews the person accepted as the reviewer (whatever their state: access is checked apart)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(reviewer=user)

    def given(self) -> PeerReviewQuerySet:
        """Reviews the reviewer has finished: what the reciprocal ledger counts."""
        return self.exclude(submitted_at=None)


class PeerReview(models.Model):
    """One reviewer's review of one round, from the invitation on."""

    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Reviewing")
        SUBMITTED = "submitted", _("Finished")
        REVOKED = "revoked", _("Access ended")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="peer_reviews")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    message = models.TextField(blank=True, help_text=_("A note from the lead, sent with the invitation."))
    state = models.CharField(max_length=20, choices=State.choices, default=State.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(help_text=_("The reviewer's access ends then."))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="peer_reviews"
    )
    reviewer_unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="peer_reviews_given",
        help_text=_("The reviewer's own team or service, if they review on its behalf (the reciprocal ledger)."),
    )
    reviewer_organisation_name = models.CharField(max_length=200, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PeerReviewQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["reviewer", "state"])]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "email"],
                condition=Q(state__in=["invited", "accepted"]),
                name="one_live_review_per_round_and_email",
            )
        ]

    def __str__(self) -> str:
        return f"Peer review of {self.round} by {self.email}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_open_to_reviewer(self) -> bool:
        """The reviewer may read the round and write: accepted or finished, not revoked, not expired."""
        return self.state in {self.State.ACCEPTED, self.State.SUBMITTED} and not self.is_expired

    @property
    def reviewer_name(self) -> str:
        name = (self.reviewer.full_name if self.reviewer else "") or self.email
        where = self.reviewer_unit.name if self.reviewer_unit else self.reviewer_organisation_name
        return f"{name} ({where})" if where else name

    @property
    def state_words(self) -> str:
        if self.state in {self.State.INVITED, self.State.ACCEPTED} and self.is_expired:
            return str(_("Access ended (time ran out)"))
        return self.get_state_display()


class ThreadReview(models.Model):
    """The reviewer's comment and proposed position on one thread, and the team's response."""

    class Response(models.TextChoices):
        PENDING = "", _("Not answered yet")
        AGREE = "agree", _("Agree with the reviewer")
        KEEP = "keep", _("Keep our own position")
        OTHER = "other", _("Agree another position")

    review = models.ForeignKey(PeerReview, on_delete=models.CASCADE, related_name="thread_reviews")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="peer_reviews")
    comment = models.TextField(blank=True)
    proposed_position = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    response = models.CharField(max_length=10, choices=Response.choices, default=Response.PENDING, blank=True)
    team_position = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("The team's own bead when it responded (kept as it was).")
    )
    agreed_position = models.PositiveSmallIntegerField(null=True, blank=True)
    response_note = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["thread__position", "review_id"]
        constraints = [models.UniqueConstraint(fields=["review", "thread"], name="one_thread_review_per_thread")]

    def __str__(self) -> str:
        return f"{self.thread}: {self.proposed_position}"
