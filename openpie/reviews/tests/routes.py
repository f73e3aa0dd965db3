"""Rows of the page access table (test_access_matrix) for the peer review pages.

``w`` is the ``world`` fixture. The team's pages follow the permission table (review.*). The
reviewer's pages are not a role's: who reaches them is tested with the ``reviewer`` persona in
``openpie/reviews/tests/test_access.py``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from openpie.accounts.tests.factories import UserFactory
from openpie.organisations.tests.route import Route
from openpie.reviews.tests.factories import finished


def _review_url(w: Any) -> str:
    reviewer = UserFactory.create(email="matrix-reviewer@elsewhere.example")
    review = finished(w.round.round, reviewer, by=w.people.lead, proposals={w.round.thread.key: (9, "")})
    return reverse("reviews:detail", args=[review.pk])


REVIEW_ROUTES: dict[str, Route | str] = {
    "reviews:round": Route("review.view", "service", lambda w: reverse("reviews:round", args=[w.round.round.pk])),
    "reviews:invite": Route("review.invite", "service", lambda w: reverse("reviews:invite", args=[w.round.round.pk])),
    "reviews:detail": Route("review.view", "service", _review_url),
    "reviews:ledger": Route("review.view", "service", lambda w: reverse("reviews:ledger", args=[w.tree.service.pk])),
    "reviews:respond": "POST only: review.respond at the round's unit (reviews test_views)",
    "reviews:revoke": "POST only: review.invite at the round's unit (reviews test_views)",
    "reviews:accept": "public: needs the secret token; no membership is ever given (reviews test_access)",
    "reviews:mine": "signed in: only the person's own reviews (reviews test_access)",
    "reviews:reviewer-round": "the reviewer of that review only, while open; 410 once ended (reviews test_access)",
    "reviews:reviewer-thread": "POST only: the reviewer of that review, while open (reviews test_access)",
    "reviews:reviewer-finish": "POST only: the reviewer of that review, while open (reviews test_access)",
}
