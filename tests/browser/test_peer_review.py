"""Peer review end to end: a lead invites a reviewer from another organisation; the reviewer comments
and proposes positions; the team agrees; the report shows both; after expiry the reviewer sees nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper

from openpie.accounts.models import User
from openpie.assessments.models import Round
from openpie.demo.rounds import seed_demo_rounds
from openpie.organisations import services as organisation_services
from openpie.organisations.models import Membership, Organisation, Role
from openpie.reviews.models import PeerReview, ThreadReview
from tests.browser.conftest import DEMO_PASSWORD, PHONE, Demo, assert_accessible, assert_fits_width, sign_in

REVIEWER = "rowan.reviewer@eastgate.example"
THREAD = "psychological-awareness"


def _reviewer_elsewhere() -> None:
    """A staff member of a hostel in another organisation."""
    organisation = organisation_services.organisation_create(name="Eastgate Homes", kind=Organisation.Kind.AGENCY)
    root = organisation.units.get(parent__isnull=True)
    hostel = organisation_services.unit_create(
        parent=root, name="Eastgate Hostel", kind="service", client_group="homelessness", service_type="hostel"
    )
    user = User.objects.create_user(REVIEWER, DEMO_PASSWORD, full_name="Rowan Reviewer")
    Membership.objects.create(user=user, unit=hostel, role=Role.STAFF)


def _emailed_link() -> str:
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    match = re.search(r"https?://\S+/peer-review/accept/\S+/", str(mail.outbox[0].body))
    assert match, mail.outbox[0].body
    return match.group(0)


@pytest.mark.browser
def test_a_lead_invites_a_reviewer_who_proposes_the_team_agrees_and_access_ends(
    page: Page, open_page, base_url: str, demo: Demo, settings: SettingsWrapper
) -> None:
    settings.OPENPIE_BASE_URL = base_url
    seed_demo_rounds(organisation=demo.organisation, by=User.objects.get(email="staff@openpie.example"))
    round_ = Round.objects.get(unit__name="Harbour House", state=Round.State.OPEN)
    _reviewer_elsewhere()

    # The lead invites the reviewer from the round's overview (stage 5).
    sign_in(page, base_url, "lead@openpie.example")
    page.goto(f"{base_url}/rounds/{round_.pk}/")
    page.get_by_role("link", name="Peer review by a comparable service").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peer review")
    assert_accessible(page)
    page.get_by_role("link", name="Invite a peer reviewer").click()
    assert_accessible(page)
    page.get_by_label("Reviewer's email address").fill(REVIEWER)
    page.get_by_label("Days of access").fill("14")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(f"{REVIEWER} has been invited")
    assert_accessible(page)
    link = _emailed_link()

    # The reviewer signs in, opens the link and begins for their own hostel.
    reviewer = open_page()
    sign_in(reviewer, base_url, REVIEWER)
    reviewer.goto(link)
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Peer review Harbour House")
    assert_accessible(reviewer)
    reviewer.get_by_label("Eastgate Hostel (Eastgate Homes)").check()
    reviewer.get_by_role("button", name="Begin the review").click()
    expect(reviewer.get_by_role("heading", level=1)).to_contain_text("Harbour House")
    assert_accessible(reviewer)

    # They propose a position with a comment on one thread, then finish.
    section = reviewer.locator(f"#thread-{THREAD}")
    expect(section).to_contain_text("Where the team placed it")
    section.get_by_label("Basic, position 3 of 5").check()
    section.get_by_label("Your comment").fill("Handovers show real curiosity about behaviour.")
    section.get_by_role("button", name="Save").click()
    expect(reviewer.locator(".govuk-notification-banner--success")).to_contain_text("are saved")
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Finish and send to the team").click()
    expect(reviewer.locator(".govuk-notification-banner--success")).to_contain_text("sent to the team")
    assert_accessible(reviewer)
    reviewer.goto(f"{base_url}/reviewing/")
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Your peer reviews")
    assert_accessible(reviewer)
    review = PeerReview.objects.get()
    assert Membership.objects.filter(user__email=REVIEWER).count() == 1  # only their own hostel

    # On a phone, the reviewer's page fits 360 px.
    phone = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    sign_in(phone, base_url, REVIEWER)
    phone.goto(f"{base_url}/reviewing/{review.pk}/")
    assert_accessible(phone)
    assert_fits_width(phone, 360)

    # The team agrees with the proposal; the report shows both positions.
    page.goto(f"{base_url}/peer-reviews/{review.pk}/")
    assert_accessible(page)
    answer = page.locator(f"#thread-{THREAD}")
    expect(answer).to_contain_text("Handovers show real curiosity")
    answer.get_by_label("Agree with the reviewer").check()
    answer.get_by_label("Note (optional)").fill("Agreed at the team meeting.")
    answer.get_by_role("button", name="Save the response").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("response is saved")
    assert_accessible(page)
    agreed = ThreadReview.objects.get(review=review, thread__key=THREAD)
    assert (agreed.team_position, agreed.agreed_position) == (9, 8)

    page.goto(f"{base_url}/rounds/{round_.pk}/report/")
    report = page.locator("section", has=page.locator("#report-peer-review"))
    expect(report).to_contain_text("Self-assessed: Basic 4")
    expect(report).to_contain_text("Rowan Reviewer (Eastgate Hostel)")
    expect(report.locator("tbody tr").first).to_contain_text("Basic 3")
    expect(report).to_contain_text("Agree with the reviewer")
    assert_accessible(page)

    # Time runs out: the reviewer's page says so and shows nothing of the round.
    PeerReview.objects.filter(pk=review.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = reviewer.goto(f"{base_url}/reviewing/{review.pk}/")
    assert response is not None
    assert response.status == 410
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("This peer review has ended")
    expect(reviewer.locator("main")).not_to_contain_text("Harbour House")
    expect(reviewer.locator("main")).not_to_contain_text("curiosity")
    assert_accessible(reviewer)
    missing = reviewer.goto(f"{base_url}/rounds/{round_.pk}/")
    assert missing is not None
    assert missing.status == 404
    assert_accessible(reviewer)
