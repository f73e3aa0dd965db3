"""The team's pages: inviting, the round's reviews, responding, ending access, the ledger and the report."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from openpie.assessments.models import Placement
from openpie.assessments.tests.test_reports import pdf_text
from openpie.reviews.models import PeerReview, ThreadReview
from openpie.reviews.tests.factories import finished

pytestmark = pytest.mark.django_db


def _invite_url(world) -> str:
    return reverse("reviews:invite", args=[world.round.round.pk])


def test_the_lead_invites_a_reviewer(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.people.lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_invite_url(world), {"email": "peer@eastgate.example", "days": "14", "message": "Hi"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "peer@eastgate.example has been invited" in page
    assert PeerReview.objects.get().state == "invited"
    assert len(mail.outbox) == 1
    assert "Hi" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "days": "14"}, "Enter the reviewer&#x27;s email address"),
        ({"email": "not-an-email", "days": "14"}, "Enter an email address in the correct format"),
        ({"email": "peer@eastgate.example", "days": "400"}, "Choose between 1 and 90 days"),
        ({"email": "reader@riverside.example", "days": "14"}, "is on this team already"),
    ],
)
def test_a_bad_invitation_says_why_and_keeps_what_was_typed(world, client_for, data, message):
    response = client_for(world.people.lead).post(_invite_url(world), {**data, "message": "Kept note"})
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "govuk-error-summary" in body
    assert "Kept note" in body
    assert not PeerReview.objects.exists()


def test_inviting_needs_the_lead(world, client_for):
    assert client_for(world.people.staff).get(_invite_url(world)).status_code == 403
    assert (
        client_for(world.people.reader).post(_invite_url(world), {"email": "a@b.example", "days": "3"}).status_code
        == 403
    )
    assert client_for(world.people.outsider).get(_invite_url(world)).status_code == 404
    assert client_for(world.people.lead).put(_invite_url(world)).status_code == 405
    assert not PeerReview.objects.exists()


def _finished(world, reviewer):
    return finished(
        world.round.round, reviewer, by=world.people.lead, proposals={world.round.thread.key: (9, "Nearer progressing")}
    )


def _respond_url(review, world) -> str:
    return reverse("reviews:respond", args=[review.pk, world.round.thread.pk])


def test_the_team_agrees_and_both_positions_show(world, reviewer, client_for):
    review = _finished(world, reviewer)
    client = client_for(world.people.staff)
    response = client.post(_respond_url(review, world), {"response": "agree", "note": "We talked it over"})
    assert response.status_code == 302
    tr = ThreadReview.objects.get(review=review, thread=world.round.thread)
    assert (tr.response, tr.agreed_position, tr.team_position) == ("agree", 9, 7)
    assert Placement.objects.get(pk=world.round.placement.pk).position == 7
    page = client.get(reverse("reviews:round", args=[world.round.round.pk])).content.decode()
    assert "Basic 2" in page
    assert "Basic 4" in page
    assert "We talked it over" in page
    assert "Nearer progressing" in page


def test_agreeing_another_position_needs_one(world, reviewer, client_for):
    review = _finished(world, reviewer)
    response = client_for(world.people.lead).post(_respond_url(review, world), {"response": "other", "note": "Kept"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Choose the position the team agrees" in body
    assert "Kept" in body
    assert ThreadReview.objects.get(review=review, thread=world.round.thread).response == ""


def test_responding_needs_round_record_roles(world, reviewer, client_for):
    review = _finished(world, reviewer)
    assert client_for(world.people.reader).post(_respond_url(review, world), {"response": "keep"}).status_code == 403
    assert client_for(world.people.manager).post(_respond_url(review, world), {"response": "keep"}).status_code == 403
    assert client_for(world.people.outsider).post(_respond_url(review, world), {"response": "keep"}).status_code == 404
    assert client_for(world.people.staff).get(_respond_url(review, world)).status_code == 405
    assert ThreadReview.objects.get(review=review, thread=world.round.thread).response == ""


def test_ending_access(world, review, client_for):
    url = reverse("reviews:revoke", args=[review.pk])
    assert client_for(world.people.staff).post(url).status_code == 403
    assert client_for(world.people.outsider).post(url).status_code == 404
    assert client_for(world.people.lead).get(url).status_code == 405
    assert client_for(world.people.lead).post(url).status_code == 302
    assert PeerReview.objects.get(pk=review.pk).state == "revoked"
    again = client_for(world.people.lead).post(url, follow=True).content.decode()
    assert "cannot be ended" in again


def test_the_round_page_shows_peer_review_in_stage_five_and_the_invite_link_for_leads(world, review, client_for):
    url = reverse("assessments:round", args=[world.round.round.pk])
    lead_page = client_for(world.people.lead).get(url).content.decode()
    assert "Peer review by a comparable service" in lead_page
    assert "Rita Reviewer" in lead_page
    staff_page = client_for(world.people.staff).get(reverse("reviews:round", args=[world.round.round.pk]))
    assert "Invite a peer reviewer" not in staff_page.content.decode()


def test_the_ledger_lists_units_below(world, reviewer, client_for, other_tree):
    _finished(world, reviewer)
    page = client_for(world.people.admin).get(reverse("reviews:ledger", args=[world.tree.root.pk])).content.decode()
    assert world.tree.service.name in page
    assert "Owes 1" in page
    unit_page = client_for(world.people.staff).get(reverse("organisations:unit", args=[world.tree.service.pk]))
    assert reverse("reviews:ledger", args=[world.tree.service.pk]) in unit_page.content.decode()


def _many_reviews(world, n: int, start: int = 0) -> None:
    from openpie.accounts.tests.factories import UserFactory

    for i in range(start, start + n):
        _finished(world, UserFactory.create(email=f"peer{i}@elsewhere.example"))


def test_query_counts_do_not_grow_with_reviews(world, client_for, django_assert_max_num_queries):
    client = client_for(world.people.lead)
    pages = [
        reverse("reviews:round", args=[world.round.round.pk]),
        reverse("reviews:ledger", args=[world.tree.root.pk]),
        reverse("assessments:report", args=[world.round.round.pk]),
    ]
    _many_reviews(world, 1)
    counts = []
    for url in pages:
        with django_assert_max_num_queries(60) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    _many_reviews(world, 3, start=1)
    for url, before in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(before):
            assert client.get(url).status_code == 200


def test_the_report_pdf_shows_the_self_assessed_and_the_agreed_position(world, reviewer, client_for, tmp_path):
    review = _finished(world, reviewer)
    client_for(world.people.staff).post(_respond_url(review, world), {"response": "other", "position": "8"})
    html = client_for(world.people.reader).get(reverse("assessments:report", args=[world.round.round.pk]))
    assert "Peer review" in html.content.decode()
    assert "Rita Reviewer" in html.content.decode()
    pdf = client_for(world.people.reader).get(reverse("assessments:report-pdf", args=[world.round.round.pk]))
    text = pdf_text(pdf.content, tmp_path)
    section = text[text.rindex("Peer review 1 reviewer") :]
    for words in (
        "Self-assessed: Basic 2",
        "Basic 4",
        "Basic 3",
        "Agree another position",
        "Nearer progressing",
        "Rita",
    ):
        assert words in section, words
