"""Every operation of the peer review API (listed in the coverage test, openpie/api/tests/test_api.py).

Each is exercised in openpie/reviews/tests/test_api.py: the team's by role, the reviewer's with
the ``reviewer`` persona.
"""

from __future__ import annotations

from openpie.assessments.tests.api_operations import RoundOperation

TEAM_OPERATIONS = [
    RoundOperation("GET", "/rounds/{round}/peer-reviews", None, "review.view"),
    RoundOperation(
        "POST", "/rounds/{round}/peer-reviews", {"email": "peer@elsewhere.example", "days": 7}, "review.invite"
    ),
    RoundOperation("POST", "/peer-reviews/{review_id}/revoke", None, "review.invite", 200),
    RoundOperation(
        "PUT",
        "/peer-reviews/{review_id}/threads/{thread}/response",
        {"response": "keep", "note": "Ours"},
        "review.respond",
    ),
    RoundOperation("GET", "/rounds/{round}/peer-review-summary", None, "review.view"),
]
REVIEWER_OPERATIONS = [
    RoundOperation("GET", "/reviewing"),
    RoundOperation("GET", "/reviewing/{review_id}"),
    RoundOperation("PUT", "/reviewing/{review_id}/threads/{thread}", {"comment": "Good", "proposed_position": 9}),
    RoundOperation("POST", "/reviewing/{review_id}/finish", None, status=200),
]
REVIEW_OPERATIONS = TEAM_OPERATIONS + REVIEWER_OPERATIONS
