"""API: peer reviews and reviewer invitations (the same services and access helpers as the pages).

The team's operations name the round or the review and need review.* roles at its unit. The
reviewer's operations (under ``/reviewing``) reach only the person's own review: another round
is 404, an ended review 410.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field, StringConstraints

from openpie.common.api_schemas import ERRORS, READ_ERRORS, BodyIn, ErrorOut, PageQuery, ValidationErrorOut, page
from openpie.common.api_types import NoNul
from openpie.reviews import services
from openpie.reviews.access import (
    ReviewGoneError,
    get_review_for_team,
    get_round_for_team,
    get_thread_review_for_reviewer,
    get_thread_review_for_team,
)
from openpie.reviews.access import get_review_for_reviewer as _reviewer_review
from openpie.reviews.models import PeerReview, ThreadReview
from openpie.reviews.selectors import reviewer_round, reviews_for_reviewer, round_peer_review, round_reviews

router = Router(tags=["Peer review"])

STATE_ERRORS: dict[int, Any] = {**ERRORS, 409: ErrorOut}
REVIEWER_READ: dict[int, Any] = {**READ_ERRORS, 410: ErrorOut}
REVIEWER_WRITE: dict[int, Any] = {**STATE_ERRORS, 410: ErrorOut}
Text = Annotated[str, StringConstraints(max_length=5000), NoNul]
Position = Annotated[int, Field(strict=True, ge=1, le=100)]


class ReviewOut(Schema):
    id: int
    round_id: int
    email: str
    state: str
    state_words: str
    reviewer_name: str
    reviewer_unit_id: int | None
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None
    submitted_at: datetime | None
    revoked_at: datetime | None


class InviteIn(BodyIn):
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=254), NoNul]
    days: Annotated[int, Field(strict=True, ge=1)] = settings.OPENPIE_PEER_REVIEW_DAYS
    message: Annotated[str, StringConstraints(max_length=3000), NoNul] = ""


class ThreadReviewOut(Schema):
    thread_id: int
    thread_name: str
    comment: str
    proposed_position: int | None
    response: str
    team_position: int | None
    agreed_position: int | None
    response_note: str


class ProposalIn(BodyIn):
    comment: Text = ""
    proposed_position: Position | None = None


class ReviewResponseIn(BodyIn):
    response: Literal["agree", "keep", "other"]
    position: Position | None = None
    note: Annotated[str, StringConstraints(max_length=3000), NoNul] = ""


class ReviewerThreadOut(Schema):
    thread_id: int
    name: str
    team_position: int | None
    team_target: int | None
    evidence: list[str]
    factors: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    comment: str
    proposed_position: int | None


class ReviewerRoundOut(Schema):
    review: ReviewOut
    unit_name: str
    organisation_name: str
    round_title: str
    threads: list[ReviewerThreadOut]


class AgreementOut(Schema):
    review_id: int
    reviewer_name: str
    proposed_position: int | None
    agreement: float | None
    comment: str
    response: str
    agreed_position: int | None
    response_note: str


class PeerThreadOut(Schema):
    thread_id: int
    name: str
    team_position: int | None
    overall_agreement: float | None
    among_reviewers: float | None
    reviews: list[AgreementOut]


class SummaryOut(Schema):
    round_id: int
    reviewer_count: int
    threads: list[PeerThreadOut]


def _review(review: PeerReview) -> dict[str, Any]:
    fields = ("id", "round_id", "email", "state", "state_words", "reviewer_name", "reviewer_unit_id")
    times = ("created_at", "expires_at", "accepted_at", "submitted_at", "revoked_at")
    return {name: getattr(review, name) for name in fields + times}


def _thread_review(tr: ThreadReview) -> dict[str, Any]:
    fields = ("thread_id", "comment", "proposed_position", "response", "team_position", "agreed_position")
    return {**{n: getattr(tr, n) for n in fields}, "thread_name": tr.thread.name, "response_note": tr.response_note}


def _reviewer(user: Any, pk: int) -> PeerReview | Status[dict[str, str]]:
    try:
        return _reviewer_review(user, pk)
    except ReviewGoneError as gone:
        return Status(410, {"detail": f"{gone} {gone.reason}"})


def _changed(change: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return change(**kwargs)
    except services.ReviewStateError as error:
        return Status(409, {"detail": " ".join(error.messages)})


# The team's side ---------------------------------------------------------------------------------


class ReviewPage(Schema):
    count: int
    items: list[ReviewOut]


@router.get("/rounds/{round_id}/peer-reviews", response={200: ReviewPage, **READ_ERRORS, 403: ErrorOut})
def review_list(request: HttpRequest, round_id: int, query: Query[PageQuery]) -> dict[str, Any]:
    """The round's reviewer invitations and reviews, in every state."""
    round_ = get_round_for_team(request.user, round_id)
    return page(list(round_reviews(round_)), query, _review)


@router.post("/rounds/{round_id}/peer-reviews", response={201: ReviewOut, **ERRORS})
def review_invite(request: HttpRequest, round_id: int, data: InviteIn) -> Status[dict[str, Any]]:
    """Invite a peer reviewer by email to this one round for a number of days (PIE leads, organisation admins)."""
    round_ = get_round_for_team(request.user, round_id, action="review.invite")
    review, _ = services.review_invite(
        round_=round_, email=data.email, days=data.days, message=data.message, by=request.user
    )
    return Status(201, _review(review))


@router.post("/peer-reviews/{review_id}/revoke", response={200: ReviewOut, **STATE_ERRORS})
def review_revoke(request: HttpRequest, review_id: int) -> Any:
    """End the reviewer's access now (what they wrote is kept)."""
    review = get_review_for_team(request.user, review_id, action="review.invite")
    changed = _changed(services.review_revoke, review=review, by=request.user)
    return _review(changed) if isinstance(changed, PeerReview) else changed


@router.put("/peer-reviews/{review_id}/threads/{thread_id}/response", response={200: ThreadReviewOut, **STATE_ERRORS})
def thread_respond(request: HttpRequest, review_id: int, thread_id: int, data: ReviewResponseIn) -> Any:
    """The team's response on one thread: agree, keep its own position, or agree another one."""
    tr = get_thread_review_for_team(request.user, review_id, thread_id, action="review.respond")
    changed = _changed(
        services.thread_review_respond,
        thread_review=tr,
        by=request.user,
        response=data.response,
        note=data.note,
        position=data.position,
    )
    return _thread_review(changed) if isinstance(changed, ThreadReview) else changed


@router.get("/rounds/{round_id}/peer-review-summary", response={200: SummaryOut, **READ_ERRORS, 403: ErrorOut})
def review_summary(request: HttpRequest, round_id: int) -> dict[str, Any]:
    """Finished reviews thread by thread: the team's bead, each proposal, what was agreed, agreement (r_wg)."""
    peer = round_peer_review(get_round_for_team(request.user, round_id))
    threads = [
        {
            "thread_id": t.thread.pk,
            "name": t.thread.name,
            "team_position": t.team_position,
            "overall_agreement": t.overall,
            "among_reviewers": t.among_reviewers,
            "reviews": [
                {
                    "review_id": v.review.pk,
                    "reviewer_name": v.review.reviewer_name,
                    "agreement": v.agreement,
                    **{
                        n: getattr(v.thread_review, n)
                        for n in ("proposed_position", "comment", "response", "agreed_position", "response_note")
                    },
                }
                for v in t.reviews
            ],
        }
        for t in peer.threads
    ]
    return {"round_id": round_id, "reviewer_count": peer.reviewer_count, "threads": threads}


# The reviewer's side ------------------------------------------------------------------------------


@router.get("/reviewing", response={200: ReviewPage, 401: ErrorOut, 422: ValidationErrorOut})
def my_reviews(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The reviews you accepted as a peer reviewer, in every state."""
    return page(list(reviews_for_reviewer(request.user)), query, _review)


@router.get("/reviewing/{review_id}", response={200: ReviewerRoundOut, **REVIEWER_READ})
def reviewer_round_read(request: HttpRequest, review_id: int) -> Any:
    """The one round you review: the team's positions, evidence text, factors and actions, and your own."""
    review = _reviewer(request.user, review_id)
    if not isinstance(review, PeerReview):
        return review
    services.review_read(review=review, by=request.user)
    threads = []
    for item in reviewer_round(review):
        placement = item.summary.placement
        threads.append(
            {
                "thread_id": item.thread.pk,
                "name": item.thread.name,
                "team_position": placement.position if placement else None,
                "team_target": placement.target if placement else None,
                "evidence": item.evidence_texts,
                "factors": [
                    {"effect": f.effect, "control": f.control, "text": f.text, "barrier": f.is_barrier}
                    for f in item.summary.factors
                ],
                "actions": [
                    {"what": a.what, "status": a.status, "due_on": a.due_on.isoformat() if a.due_on else None}
                    for a in item.summary.actions
                ],
                "comment": item.mine.comment if item.mine else "",
                "proposed_position": item.mine.proposed_position if item.mine else None,
            }
        )
    round_ = review.round
    return {
        "review": _review(review),
        "unit_name": round_.unit.name,
        "organisation_name": round_.unit.organisation.name,
        "round_title": round_.title,
        "threads": threads,
    }


@router.put("/reviewing/{review_id}/threads/{thread_id}", response={200: ThreadReviewOut, **REVIEWER_WRITE})
def reviewer_thread_save(request: HttpRequest, review_id: int, thread_id: int, data: ProposalIn) -> Any:
    """Your comment and proposed position on one thread (until you finish)."""
    try:
        tr = get_thread_review_for_reviewer(request.user, review_id, thread_id)
    except ReviewGoneError as gone:
        return Status(410, {"detail": f"{gone} {gone.reason}"})
    changed = _changed(
        services.thread_review_save,
        thread_review=tr,
        by=request.user,
        comment=data.comment,
        proposed_position=data.proposed_position,
    )
    return _thread_review(changed) if isinstance(changed, ThreadReview) else changed


@router.post("/reviewing/{review_id}/finish", response={200: ReviewOut, **REVIEWER_WRITE})
def reviewer_finish(request: HttpRequest, review_id: int) -> Any:
    """Send your review to the team (it cannot change afterwards)."""
    review = _reviewer(request.user, review_id)
    if not isinstance(review, PeerReview):
        return review
    changed = _changed(services.review_finish, review=review, by=request.user)
    return _review(changed) if isinstance(changed, PeerReview) else changed
