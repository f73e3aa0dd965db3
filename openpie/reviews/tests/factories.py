"""Peer reviews made through the services, as a lead and a reviewer would."""

from __future__ import annotations

from typing import Any

from openpie.assessments.models import Round
from openpie.reviews import services
from openpie.reviews.models import PeerReview


def invite(round_: Round, email: str, *, by: Any, days: int = 28) -> tuple[PeerReview, str]:
    """An invitation and its token (the last part of the emailed link)."""
    review, link = services.review_invite(round_=round_, email=email, by=by, days=days)
    return review, link.rstrip("/").rsplit("/", 1)[-1]


def accepted(round_: Round, reviewer: Any, *, by: Any, unit: Any = None) -> PeerReview:
    review, _ = invite(round_, reviewer.email, by=by)
    return services.review_accept(review=review, user=reviewer, reviewer_unit=unit)


def finished(
    round_: Round, reviewer: Any, *, by: Any, proposals: dict[str, tuple[int | None, str]], unit: Any = None
) -> PeerReview:
    """A finished review: ``proposals`` maps a thread key to (proposed position, comment)."""
    review = accepted(round_, reviewer, by=by, unit=unit)
    for tr in review.thread_reviews.select_related("thread"):
        if tr.thread.key in proposals:
            position, comment = proposals[tr.thread.key]
            tr.review = review
            services.thread_review_save(thread_review=tr, by=reviewer, comment=comment, proposed_position=position)
    return services.review_finish(review=review, by=reviewer)
