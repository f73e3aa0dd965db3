"""The reviewer persona: a staff member of another organisation who accepted a review of one round.

They reach that round's review pages and operations and nothing else: not the round's ordinary
pages, not another round of the same unit, not the team's review pages. Once the review expires
or is revoked, every reviewer page and operation answers 410 and shows nothing of the round.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from openpie.assessments import services as assessment_services
from openpie.assessments.tests.api_operations import ROUND_OPERATIONS, client_for_token, round_ids
from openpie.assessments.tests.factories import make_round
from openpie.assessments.tests.routes import ASSESSMENT_ROUTES
from openpie.audit.models import AuditEvent
from openpie.organisations.models import Membership
from openpie.organisations.tests.route import Route
from openpie.reviews import services
from openpie.reviews.models import PeerReview, ThreadReview
from openpie.reviews.tests.factories import accepted, invite
from openpie.reviews.tests.routes import REVIEW_ROUTES

pytestmark = pytest.mark.django_db

EVIDENCE = "Keyworkers meet each resident weekly"


def _reviewer_urls(review) -> list[tuple[str, str]]:
    thread = review.thread_reviews.first().thread_id
    return [
        ("GET", reverse("reviews:reviewer-round", args=[review.pk])),
        ("POST", reverse("reviews:reviewer-thread", args=[review.pk, thread])),
        ("POST", reverse("reviews:reviewer-finish", args=[review.pk])),
    ]


def test_the_reviewer_reads_the_round_without_files_overlay_or_service_users(world, review, reviewer, client_for):
    response = client_for(reviewer).get(reverse("reviews:reviewer-round", args=[review.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.tree.service.name in body
    assert EVIDENCE in body
    assert "No move-on flats in the borough" in body  # the team's barrier, beside its bead
    assert "minutes.pdf" not in body
    assert "1 attached file not shown to reviewers" in body
    assert "overlay" not in body.lower()
    assert AuditEvent.objects.filter(action="review.read", actor=reviewer).count() == 1


def test_the_reviewer_lists_their_reviews(world, review, reviewer, client_for, people):
    body = client_for(reviewer).get(reverse("reviews:mine")).content.decode()
    assert reverse("reviews:reviewer-round", args=[review.pk]) in body
    assert world.tree.service.name not in client_for(people.outsider).get(reverse("reviews:mine")).content.decode()


def test_the_reviewer_never_reaches_the_rounds_ordinary_pages(world, review, reviewer, client_for):
    client = client_for(reviewer)
    for name, route in ASSESSMENT_ROUTES.items():
        if isinstance(route, Route):
            assert client.get(route.url(world)).status_code == 404, name


def test_the_reviewer_never_reaches_the_teams_review_pages(world, review, reviewer, client_for):
    client = client_for(reviewer)
    for name, route in REVIEW_ROUTES.items():
        if isinstance(route, Route) and name != "reviews:ledger":
            assert client.get(route.url(world)).status_code == 404, name
    assert client.get(reverse("reviews:ledger", args=[world.tree.service.pk])).status_code == 404
    thread = world.round.thread.pk
    assert client.post(reverse("reviews:respond", args=[review.pk, thread]), {"response": "keep"}).status_code == 404
    assert client.post(reverse("reviews:revoke", args=[review.pk])).status_code == 404
    assert PeerReview.objects.get(pk=review.pk).state == "accepted"


def test_another_round_of_the_same_unit_is_a_404(world, review, reviewer, client_for, people):
    other = make_round(world.tree.service, world.framework, by=people.staff)
    assessment_services.round_open(round_=other)
    someone_else = accepted(other, people.outsider, by=people.lead)
    client = client_for(reviewer)
    for method, url in _reviewer_urls(someone_else):
        assert client.generic(method, url).status_code == 404, url
    assert client.get(reverse("assessments:round", args=[other.pk])).status_code == 404
    other_thread = other.threads.values_list("pk", flat=True)[0]
    assert client.post(reverse("reviews:reviewer-thread", args=[review.pk, other_thread])).status_code == 404


@pytest.mark.parametrize("ending", ["expired", "revoked"])
def test_an_ended_review_answers_410_and_shows_nothing_of_the_round(world, review, reviewer, client_for, ending):
    if ending == "expired":
        PeerReview.objects.filter(pk=review.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        services.review_revoke(review=review, by=world.people.lead)
    client = client_for(reviewer)
    for method, url in _reviewer_urls(review):
        response = client.generic(
            method, url, "position=3&comment=Late", content_type="application/x-www-form-urlencoded"
        )
        body = response.content.decode()
        assert response.status_code == 410, url
        assert "This peer review has ended" in body
        for secret in (world.tree.service.name, world.round.round.title, EVIDENCE, world.round.thread.name):
            assert secret not in body, (url, secret)
    assert not ThreadReview.objects.exclude(comment="").exists()
    listing = client.get(reverse("reviews:mine")).content.decode()
    assert reverse("reviews:reviewer-round", args=[review.pk]) not in listing


@pytest.mark.parametrize("ending", ["expired", "revoked"])
def test_an_ended_review_answers_410_in_the_api(world, review, reviewer, ending):
    if ending == "expired":
        PeerReview.objects.filter(pk=review.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    else:
        services.review_revoke(review=review, by=world.people.lead)
    api = client_for_token(reviewer)
    thread = world.round.thread.pk
    read = api.get(f"/reviewing/{review.pk}")
    assert read.status_code == 410
    assert EVIDENCE not in read.content.decode()
    assert api.request("PUT", f"/reviewing/{review.pk}/threads/{thread}", {"comment": "Late"}).status_code == 410
    assert api.post(f"/reviewing/{review.pk}/finish").status_code == 410


def test_the_reviewer_gets_404_from_every_round_operation_of_the_api(world, review, reviewer):
    ids = round_ids(world)
    api = client_for_token(reviewer)
    for operation in [op for op in ROUND_OPERATIONS if "{" in op.path]:  # not the person's own /me/...
        assert operation.send(api, ids).status_code == 404, str(operation)
    for path in (f"/rounds/{ids['round']}/peer-reviews", f"/rounds/{ids['round']}/peer-review-summary"):
        assert api.get(path).status_code == 404
    assert api.post(f"/peer-reviews/{review.pk}/revoke").status_code == 404
    body = {"response": "keep"}
    assert (
        api.request("PUT", f"/peer-reviews/{review.pk}/threads/{world.round.thread.pk}/response", body).status_code
        == 404
    )


def test_a_reviewer_with_no_account_sets_one_up_through_the_link_and_gets_no_membership(world, client):
    review, token = invite(world.round.round, "new.reviewer@elsewhere.example", by=world.people.lead)
    url = reverse("reviews:accept", args=[token])
    assert "Set up your account" in client.get(url).content.decode()
    response = client.post(url, {"full_name": "Nia New", "password": "a-long-enough-passphrase-42"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:reviewer-round", args=[review.pk])
    assert not Membership.objects.filter(user__email="new.reviewer@elsewhere.example").exists()
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("assessments:round", args=[world.round.round.pk])).status_code == 404
    assert client.get(url).status_code == 410  # the link is used


def test_a_signed_in_reviewer_accepts_for_their_own_service(world, reviewer, other_tree, client_for):
    review, token = invite(world.round.round, reviewer.email, by=world.people.lead)
    client = client_for(reviewer)
    page = client.get(reverse("reviews:accept", args=[token])).content.decode()
    assert other_tree.service.name in page
    response = client.post(reverse("reviews:accept", args=[token]), {"reviewer_unit": other_tree.service.pk})
    assert response.status_code == 302
    assert PeerReview.objects.get(pk=review.pk).reviewer_unit == other_tree.service


def test_the_wrong_person_cannot_accept_and_a_bad_token_is_404(world, reviewer, people, client_for):
    review, token = invite(world.round.round, reviewer.email, by=world.people.lead)
    client = client_for(people.outsider)
    assert "This invitation is for" in client.get(reverse("reviews:accept", args=[token])).content.decode()
    client.post(reverse("reviews:accept", args=[token]), {})
    assert PeerReview.objects.get(pk=review.pk).state == "invited"
    assert client.get(reverse("reviews:accept", args=["not-a-token"])).status_code == 404


def test_an_expired_invitation_link_says_so(world, reviewer, client_for):
    review, token = invite(world.round.round, reviewer.email, by=world.people.lead)
    PeerReview.objects.filter(pk=review.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client_for(reviewer).get(reverse("reviews:accept", args=[token]))
    assert response.status_code == 410
    assert world.round.round.title not in response.content.decode()


def test_reviewer_pages_refuse_the_wrong_method(review, reviewer, client_for):
    client = client_for(reviewer)
    assert client.post(reverse("reviews:reviewer-round", args=[review.pk])).status_code == 405
    assert client.get(reverse("reviews:reviewer-finish", args=[review.pk])).status_code == 405
    assert client.post(reverse("reviews:mine")).status_code == 405


def test_signed_out_visitors_are_sent_to_sign_in(review, client):
    for method, url in _reviewer_urls(review):
        response = client.generic(method, url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
