"""What peer review holds of a person: the reviews they gave or asked for, and the team's responses
they recorded (openpie/common/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from openpie.common.personal_data import KEPT, Holding, Section, erased_email, register, where
from openpie.reviews.models import PeerReview, ThreadReview


def peer_reviews(person: Any) -> list[dict[str, Any]]:
    rows = (
        PeerReview.objects.filter(Q(reviewer=person) | Q(email__iexact=person.email) | Q(invited_by=person))
        .select_related("round__unit__organisation")
        .prefetch_related("thread_reviews__thread")
        .order_by("created_at")
    )
    return [
        {
            **where(r.round),
            "you_reviewed": r.reviewer_id == person.pk or r.email.lower() == person.email.lower(),
            "state": r.get_state_display(),
            "invited": r.created_at,
            "comments": "; ".join(f"{t.thread.name}: {t.comment}" for t in r.thread_reviews.all() if t.comment),
        }
        for r in rows
    ]


def review_responses(person: Any) -> list[dict[str, Any]]:
    rows = ThreadReview.objects.filter(responded_by=person)
    rows = rows.select_related("review__round__unit__organisation", "thread")
    return [
        {**where(t.review.round), "thread": t.thread.name, "response": t.get_response_display()}
        for t in rows.order_by("pk")
    ]


def erase(person: Any) -> None:
    PeerReview.objects.filter(email__iexact=person.email).update(email=erased_email(person))


register(
    Holding(
        app="reviews",
        links={
            "PeerReview.invited_by": "peer_reviews",
            "PeerReview.reviewer": "peer_reviews",
            "PeerReview.revoked_by": f"{KEPT}: a lead ending a review, shown in the audit trail",
            "ThreadReview.responded_by": "review_responses",
        },
        sections=(
            Section("peer_reviews", "Peer reviews you gave or asked for", peer_reviews, order=120),
            Section("review_responses", "Responses to peer reviews you recorded", review_responses, order=122),
        ),
        erase=erase,
        erase_order=50,
    )
)
