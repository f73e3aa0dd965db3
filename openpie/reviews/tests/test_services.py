"""Peer review services: invite, accept, propose, finish, respond, revoke; the agreement and the ledger."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from openpie.assessments import services as assessment_services
from openpie.assessments.models import Placement
from openpie.assessments.tests.factories import make_round
from openpie.audit.models import AuditEvent
from openpie.organisations.models import Membership
from openpie.reviews import services
from openpie.reviews.models import PeerReview, ThreadReview
from openpie.reviews.selectors import review_ledger, round_peer_review
from openpie.reviews.tests.factories import accepted, finished, invite

pytestmark = pytest.mark.django_db


def test_an_invitation_is_emailed_and_only_its_hash_is_kept(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review, token = invite(world.round.round, "Someone@Eastgate.example", by=world.people.lead, days=10)
    assert review.email == "someone@eastgate.example"
    assert token not in review.token_hash
    assert len(review.token_hash) == 64
    assert services.review_for_token(token) == review
    assert timedelta(days=9, hours=23) < review.expires_at - timezone.now() <= timedelta(days=10)
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert world.tree.service.name in mail.outbox[0].subject
    assert AuditEvent.objects.filter(action="review.invite").count() == 1


@pytest.mark.parametrize("days", [0, 91, -3])
def test_the_access_window_is_bounded(world, days):
    with pytest.raises(ValidationError, match="between 1 and 90 days"):
        invite(world.round.round, "someone@eastgate.example", by=world.people.lead, days=days)
    assert not PeerReview.objects.exists()


def test_a_member_of_the_team_cannot_be_its_reviewer(world):
    with pytest.raises(ValidationError, match="on this team already"):
        invite(world.round.round, world.people.reader.email, by=world.people.lead)


def test_a_draft_round_cannot_be_reviewed_yet(world):
    draft = make_round(world.tree.service, world.framework, by=world.people.staff)
    with pytest.raises(ValidationError, match="Open the round"):
        invite(draft, "someone@eastgate.example", by=world.people.lead)


def test_the_same_person_is_not_invited_twice_while_the_first_is_live(world):
    invite(world.round.round, "someone@eastgate.example", by=world.people.lead)
    with pytest.raises(ValidationError, match="already invited"):
        invite(world.round.round, "someone@eastgate.example", by=world.people.lead)


def test_accepting_gives_no_membership_and_one_thread_review_per_thread(world, reviewer, other_tree):
    before = Membership.objects.filter(user=reviewer).count()
    review = accepted(world.round.round, reviewer, by=world.people.lead, unit=other_tree.service)
    assert review.state == "accepted"
    assert review.reviewer == reviewer
    assert review.reviewer_unit == other_tree.service
    assert review.reviewer_organisation_name == other_tree.organisation.name
    assert Membership.objects.filter(user=reviewer).count() == before
    assert review.thread_reviews.count() == world.round.round.threads.count()


def test_only_the_invited_address_may_accept_and_only_once(world, reviewer, people):
    review, _ = invite(world.round.round, reviewer.email, by=world.people.lead)
    with pytest.raises(ValidationError, match="This invitation is for"):
        services.review_accept(review=review, user=people.outsider)
    services.review_accept(review=review, user=reviewer)
    with pytest.raises(services.ReviewStateError):
        services.review_accept(review=review, user=reviewer)


def test_an_expired_invitation_cannot_be_accepted(world, reviewer):
    review, _ = invite(world.round.round, reviewer.email, by=world.people.lead)
    PeerReview.objects.filter(pk=review.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    review.refresh_from_db()
    with pytest.raises(services.ReviewStateError, match="expired"):
        services.review_accept(review=review, user=reviewer)


def test_a_reviewer_cannot_claim_someone_elses_unit(world, reviewer, tree):
    review, _ = invite(world.round.round, reviewer.email, by=world.people.lead)
    with pytest.raises(ValidationError, match="your own teams"):
        services.review_accept(review=review, user=reviewer, reviewer_unit=tree.team)


def _thread_review(review, key):
    tr = review.thread_reviews.select_related("thread").get(thread__key=key)
    tr.review = review
    return tr


def test_proposals_are_checked_and_end_when_the_reviewer_finishes(world, review, reviewer):
    key = world.round.thread.key
    with pytest.raises(ValidationError, match="from 1 to 20"):
        services.thread_review_save(
            thread_review=_thread_review(review, key), by=reviewer, comment="", proposed_position=21
        )
    with pytest.raises(ValidationError, match="at least one thread"):
        services.review_finish(review=review, by=reviewer)
    services.thread_review_save(
        thread_review=_thread_review(review, key), by=reviewer, comment="Strong weekly keywork", proposed_position=9
    )
    services.review_finish(review=review, by=reviewer)
    assert review.state == "submitted"
    assert review.submitted_at is not None
    with pytest.raises(services.ReviewStateError, match="finished"):
        services.thread_review_save(
            thread_review=_thread_review(review, key), by=reviewer, comment="x", proposed_position=3
        )
    assert ThreadReview.objects.get(review=review, thread__key=key).comment == "Strong weekly keywork"


def test_the_team_responds_and_its_own_bead_is_never_changed(world, reviewer):
    round_ = world.round.round
    key = world.round.thread.key
    review = finished(round_, reviewer, by=world.people.lead, proposals={key: (9, "Nearer progressing")})
    tr = _thread_review(review, key)

    services.thread_review_respond(thread_review=tr, by=world.people.staff, response="agree", note="Fair")
    assert (tr.agreed_position, tr.team_position) == (9, 7)
    services.thread_review_respond(thread_review=tr, by=world.people.staff, response="keep")
    assert tr.agreed_position == 7
    services.thread_review_respond(thread_review=tr, by=world.people.staff, response="other", position=8)
    assert tr.agreed_position == 8
    with pytest.raises(ValidationError, match="Choose the position"):
        services.thread_review_respond(thread_review=tr, by=world.people.staff, response="other")
    assert Placement.objects.get(pk=world.round.placement.pk).position == 7
    assert ThreadReview.objects.get(pk=tr.pk).agreed_position == 8


def test_the_teams_response_never_writes_the_reviewers_words(world, reviewer):
    """The response saves the team's fields only: the reviewer's comment and proposal stay as written."""
    key = world.round.thread.key
    review = finished(world.round.round, reviewer, by=world.people.lead, proposals={key: (9, "Nearer progressing")})
    tr = _thread_review(review, key)
    tr.comment, tr.proposed_position = "Changed by the team", 2  # whatever the object holds in memory
    services.thread_review_respond(thread_review=tr, by=world.people.staff, response="keep")
    stored = ThreadReview.objects.get(pk=tr.pk)
    assert (stored.comment, stored.proposed_position) == ("Nearer progressing", 9)
    assert stored.response == "keep"


def test_the_team_waits_for_the_reviewer_to_finish(world, review):
    tr = _thread_review(review, world.round.thread.key)
    with pytest.raises(services.ReviewStateError, match="not finished"):
        services.thread_review_respond(thread_review=tr, by=world.people.staff, response="keep")


def test_revoking_ends_access_once_and_keeps_what_was_written(world, reviewer):
    key = world.round.thread.key
    review = finished(world.round.round, reviewer, by=world.people.lead, proposals={key: (9, "")})
    services.review_revoke(review=review, by=world.people.lead)
    assert review.state == "revoked"
    assert not review.is_open_to_reviewer
    with pytest.raises(services.ReviewStateError, match="access ended"):
        services.review_revoke(review=review, by=world.people.lead)
    assert round_peer_review(world.round.round).reviewer_count == 1


def test_agreement_per_thread_uses_the_overlays_measure(world, reviewer, other_tree):
    from openpie.accounts.tests.factories import UserFactory
    from openpie.organisations.tests.factories import grant

    round_ = world.round.round
    key = world.round.thread.key
    second = UserFactory.create(email="second@eastgate.example")
    grant(second, other_tree.team)
    finished(round_, reviewer, by=world.people.lead, proposals={key: (7, "Same as the team")})
    finished(round_, second, by=world.people.lead, proposals={key: (19, "Much further on")})

    thread = next(t for t in round_peer_review(round_).threads if t.thread.key == key)
    assert thread.team_position == 7
    assert [v.agreement for v in thread.reviews] == [1.0, 0.0]  # 7 v 7; 7 v 19 is wider than chance
    assert thread.overall == 0.0
    assert thread.among_reviewers == 0.0
    assert thread.reviews[0].agreement_words == "Very strong agreement"


def test_the_ledger_counts_reviews_given_received_and_owed(world, reviewer, other_tree, tree):
    key = world.round.thread.key
    finished(world.round.round, reviewer, by=world.people.lead, proposals={key: (9, "")}, unit=other_tree.service)
    accepted_only = make_round(world.tree.service, world.framework, by=world.people.staff)
    assessment_services.round_open(round_=accepted_only)
    mine = {row.unit: row for row in review_ledger(tree.root)}
    assert (mine[tree.service].received, mine[tree.service].given, mine[tree.service].owed) == (1, 0, 1)
    assert mine[tree.service].owed_words == "Owes 1"
    theirs = {row.unit: row for row in review_ledger(other_tree.root)}
    assert (theirs[other_tree.service].given, theirs[other_tree.service].owed_words) == (1, "1 ahead")
    assert theirs[other_tree.root].owed_words == "Even"
