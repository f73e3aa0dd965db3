"""The peer review API: the team's operations follow review.* roles; the reviewer's reach only their review."""

from __future__ import annotations

import pytest

from openpie.assessments.tests.api_operations import client_for_token
from openpie.organisations.permissions import roles_allowed
from openpie.reviews.models import PeerReview, ThreadReview
from openpie.reviews.tests.api_operations import REVIEWER_OPERATIONS, TEAM_OPERATIONS
from openpie.reviews.tests.factories import accepted, finished

pytestmark = pytest.mark.django_db

ROLE_OF = {"admin": "org_admin", "lead": "pie_lead", "manager": "manager", "staff": "staff", "reader": "read_only"}


def _ids(world, reviewer, *, finish: bool) -> dict:
    if finish:
        review = finished(
            world.round.round, reviewer, by=world.people.lead, proposals={world.round.thread.key: (9, "")}
        )
    else:
        review = accepted(world.round.round, reviewer, by=world.people.lead)
    return {"round": world.round.round.pk, "thread": world.round.thread.pk, "review_id": review.pk}


@pytest.mark.parametrize("persona", ["admin", "lead", "manager", "staff", "reader", "outsider"])
@pytest.mark.parametrize("operation", TEAM_OPERATIONS, ids=str)
def test_team_operations_follow_the_permission_table(operation, persona, world, reviewer):
    ids = _ids(world, reviewer, finish=True)
    response = operation.send(client_for_token(getattr(world.people, persona)), ids)
    if persona == "outsider":
        expected = 404
    elif ROLE_OF[persona] in roles_allowed(operation.role_action):
        expected = operation.success
    else:
        expected = 403
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("operation", REVIEWER_OPERATIONS, ids=str)
def test_reviewer_operations_work_for_the_reviewer_only(operation, world, reviewer, people):
    ids = _ids(world, reviewer, finish=False)
    if "{review_id}" in operation.path:
        ThreadReview.objects.filter(review_id=ids["review_id"], thread_id=ids["thread"]).update(comment="Written")
    assert operation.send(client_for_token(reviewer), ids).status_code == operation.success
    if "{" in operation.path:
        for someone in (people.lead, people.outsider, people.staff):
            assert operation.send(client_for_token(someone), ids).status_code == 404, someone


def test_the_whole_loop_through_the_api(world, reviewer):
    lead, reviewer_api = client_for_token(world.people.lead), client_for_token(reviewer)
    round_id, thread = world.round.round.pk, world.round.thread.pk
    created = lead.post(f"/rounds/{round_id}/peer-reviews", {"email": reviewer.email, "days": 5})
    assert created.status_code == 201
    assert created.json()["state"] == "invited"
    review = PeerReview.objects.get()
    from openpie.reviews import services

    services.review_accept(review=review, user=reviewer)
    assert reviewer_api.get("/reviewing").json()["items"][0]["id"] == review.pk
    read = reviewer_api.get(f"/reviewing/{review.pk}").json()
    assert read["threads"][0]["team_position"] == 7
    assert "Keyworkers meet each resident weekly" in read["threads"][0]["evidence"]
    saved = reviewer_api.request("PUT", f"/reviewing/{review.pk}/threads/{thread}", {"proposed_position": 9})
    assert saved.json()["proposed_position"] == 9
    early = lead.request("PUT", f"/peer-reviews/{review.pk}/threads/{thread}/response", {"response": "agree"})
    assert early.status_code == 409
    assert reviewer_api.post(f"/reviewing/{review.pk}/finish").json()["state"] == "submitted"
    assert reviewer_api.post(f"/reviewing/{review.pk}/finish").status_code == 409
    late = reviewer_api.request("PUT", f"/reviewing/{review.pk}/threads/{thread}", {"proposed_position": 3})
    assert late.status_code == 409
    agreed = lead.request("PUT", f"/peer-reviews/{review.pk}/threads/{thread}/response", {"response": "agree"})
    assert agreed.json()["agreed_position"] == 9
    summary = lead.get(f"/rounds/{round_id}/peer-review-summary").json()
    first = next(t for t in summary["threads"] if t["thread_id"] == thread)
    assert first["team_position"] == 7
    assert first["reviews"][0]["agreed_position"] == 9
    assert first["overall_agreement"] == 0.94
    assert lead.post(f"/peer-reviews/{review.pk}/revoke").json()["state"] == "revoked"
    assert lead.post(f"/peer-reviews/{review.pk}/revoke").status_code == 409
    assert reviewer_api.get(f"/reviewing/{review.pk}").status_code == 410


@pytest.mark.parametrize(
    "body",
    [
        {"email": "x@y.example", "days": True},
        {"email": "x@y.example", "days": "7"},
        {"email": "x@y.example", "days": 0},
        {"email": "x@y.example", "days": 365},
        {"email": "not an email"},
        {"email": "a\x00b@y.example"},
        {"email": "x@y.example", "message": "a\x00b"},
    ],
)
def test_a_bad_invitation_is_422_and_nothing_is_saved(world, body):
    response = client_for_token(world.people.lead).post(f"/rounds/{world.round.round.pk}/peer-reviews", body)
    assert response.status_code == 422, response.content
    assert not PeerReview.objects.exists()


@pytest.mark.parametrize(
    "body",
    [{"proposed_position": 0}, {"proposed_position": 21}, {"proposed_position": True}, {"comment": "a\x00b"}],
)
def test_a_bad_proposal_is_422_and_the_saved_one_is_kept(world, reviewer, body):
    ids = _ids(world, reviewer, finish=False)
    api = client_for_token(reviewer)
    url = f"/reviewing/{ids['review_id']}/threads/{ids['thread']}"
    assert api.request("PUT", url, {"proposed_position": 5, "comment": "Kept"}).status_code == 200
    assert api.request("PUT", url, body).status_code == 422
    tr = ThreadReview.objects.get(review_id=ids["review_id"], thread_id=ids["thread"])
    assert (tr.proposed_position, tr.comment) == (5, "Kept")


def test_a_bad_response_is_422(world, reviewer):
    ids = _ids(world, reviewer, finish=True)
    api = client_for_token(world.people.lead)
    url = f"/peer-reviews/{ids['review_id']}/threads/{ids['thread']}/response"
    assert api.request("PUT", url, {"response": "maybe"}).status_code == 422
    assert api.request("PUT", url, {"response": "other"}).status_code == 422
    assert api.request("PUT", url, raw="{not json").status_code == 400
    assert ThreadReview.objects.get(review_id=ids["review_id"], thread_id=ids["thread"]).response == ""
