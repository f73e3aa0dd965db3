"""A demo peer review: Anchor House, a hostel of another organisation, reviewed Harbour House's closed round.

Its reviewer (reviewer@openpie.example) belongs to Northgate Housing Association only: they reach
Harbour House's round through the review, never a membership. The review is finished and the team
has responded on two threads, so the round's report, its peer review page and the ledger show it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from openpie.accounts.models import User
from openpie.assessments.models import Round
from openpie.organisations import services as organisation_services
from openpie.organisations.models import Membership, Organisation, Role, Unit
from openpie.reviews import services
from openpie.reviews.models import PeerReview, ThreadReview

PEER_SLUG = "northgate-housing-association"
PEER_NAME = "Northgate Housing Association"
REVIEWER_EMAIL = "reviewer@openpie.example"
# (thread key, proposed position, the reviewer's comment, the team's response, its note)
PROPOSALS = [
    (
        "psychological-awareness",
        8,
        "Handovers already talk about what lies behind behaviour: that is Basic at its best, close to Progressing.",
        ThreadReview.Response.AGREE,
        "Fair: we undersold our handovers.",
    ),
    (
        "staff-training-and-support",
        4,
        "Agree with where you are. Night staff missing the training is the gap to close.",
        ThreadReview.Response.AGREE,
        "",
    ),
    (
        "spaces-of-opportunity",
        5,
        "The garden project residents mentioned counts for more than the lounge suggests.",
        ThreadReview.Response.KEEP,
        "The garden is a pilot for now; we keep our own position until it is open to everyone.",
    ),
]


def _peer_organisation(password: str) -> tuple[User, Unit]:
    organisation = Organisation.objects.filter(slug=PEER_SLUG).first()
    if organisation is None:
        organisation = organisation_services.organisation_create(name=PEER_NAME, kind=Organisation.Kind.AGENCY)
        Organisation.objects.filter(pk=organisation.pk).update(slug=PEER_SLUG)
    root = Unit.objects.get(organisation=organisation, parent__isnull=True)
    hostel = Unit.objects.filter(parent=root, name="Anchor House").first() or organisation_services.unit_create(
        parent=root, name="Anchor House", kind="service", client_group="homelessness", service_type="hostel"
    )
    reviewer = User.objects.filter(email=REVIEWER_EMAIL).first() or User.objects.create_user(
        REVIEWER_EMAIL, password, full_name="Noor Haddad"
    )
    Membership.objects.get_or_create(user=reviewer, unit=hostel, defaults={"role": Role.STAFF})
    return reviewer, hostel


@transaction.atomic
def seed_demo_reviews(*, lead: Any, password: str) -> bool:
    """The finished peer review of Harbour House's closed round, if there is none yet."""
    round_ = Round.objects.filter(unit__name="Harbour House", state=Round.State.CLOSED).first()
    if round_ is None or lead is None or PeerReview.objects.filter(round=round_).exists():
        return False
    reviewer, hostel = _peer_organisation(password)
    review, _ = services.review_invite(round_=round_, email=REVIEWER_EMAIL, by=lead, days=28)
    review = services.review_accept(review=review, user=reviewer, reviewer_unit=hostel)
    rows = {tr.thread.key: tr for tr in review.thread_reviews.select_related("thread")}
    for key, position, comment, _, _ in PROPOSALS:
        if key in rows:
            rows[key].review = review
            services.thread_review_save(
                thread_review=rows[key], by=reviewer, comment=comment, proposed_position=position
            )
    services.review_finish(review=review, by=reviewer)
    for key, _, _, response, note in PROPOSALS:
        if key in rows:
            services.thread_review_respond(thread_review=rows[key], by=lead, response=response, note=note)
    PeerReview.objects.filter(pk=review.pk).update(expires_at=timezone.now() + timedelta(days=21))
    return True
