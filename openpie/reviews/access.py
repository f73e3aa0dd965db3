"""Who reaches a peer review, checked on every request.

- The team's side (the lead, staff, managers, read-only members of the round's unit) reaches
  reviews through ``Round.objects.visible_to`` and the permission table (review.*): another
  organisation → 404, a role without the action → 403.
- The reviewer's side is not a role. It is the review itself: the person who accepted it, to
  that one round, while it is neither revoked nor past ``expires_at``. Anything else they ask
  for is a 404 (another round, even of the same unit, is simply not theirs); their own review
  once ended raises ``ReviewGoneError`` (the page answers 410 and shows nothing of the round).
  Rounds' ``visible_to`` is never widened for reviewers.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from openpie.assessments.access import get_round_for_user
from openpie.assessments.models import Round
from openpie.organisations.access import require
from openpie.reviews.models import PeerReview, ThreadReview

_RELATED = ("round", "round__unit", "round__unit__organisation", "round__framework", "reviewer", "reviewer_unit")


class ReviewGoneError(Exception):
    """The reviewer's access to this review has ended (revoked or expired)."""

    def __init__(self, review: PeerReview) -> None:
        super().__init__(_("Your access to this peer review has ended."))
        self.review = review

    @property
    def reason(self) -> str:
        if self.review.state == PeerReview.State.REVOKED:
            return _("The team that invited you has ended your access to this review.")
        return _("The time set for this review has run out.")


def get_review_for_reviewer(user: Any, pk: int) -> PeerReview:
    """The person's own accepted review, while it is open to them."""
    review = PeerReview.objects.for_reviewer(user).select_related(*_RELATED).filter(pk=pk).first()
    if review is None or review.state == PeerReview.State.INVITED:
        raise Http404(_("No such review."))
    if not review.is_open_to_reviewer:
        raise ReviewGoneError(review)
    return review


def get_thread_review_for_reviewer(user: Any, review_pk: int, thread_pk: int) -> ThreadReview:
    review = get_review_for_reviewer(user, review_pk)
    thread_review = ThreadReview.objects.select_related("thread").filter(review=review, thread_id=thread_pk).first()
    if thread_review is None:
        raise Http404(_("No such thread in this review."))
    thread_review.review = review
    return thread_review


def get_round_for_team(user: Any, pk: int, *, action: str = "review.view") -> Round:
    return get_round_for_user(user, pk, action=action)


def get_review_for_team(user: Any, pk: int, *, action: str = "review.view") -> PeerReview:
    """A review of a round the person sees as a member, with the action's role at its unit."""
    review = PeerReview.objects.visible_to(user).select_related(*_RELATED, "invited_by").filter(pk=pk).first()
    if review is None:
        raise Http404(_("No such review."))
    require(user, action, review.round.unit)
    return review


def get_thread_review_for_team(user: Any, review_pk: int, thread_pk: int, *, action: str) -> ThreadReview:
    review = get_review_for_team(user, review_pk, action=action)
    thread_review = ThreadReview.objects.select_related("thread").filter(review=review, thread_id=thread_pk).first()
    if thread_review is None:
        raise Http404(_("No such thread in this review."))
    thread_review.review = review
    return thread_review
