"""The invited person opens the emailed link, sets up an account and lands in their team."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper

from openpie.accounts.models import User
from openpie.organisations.models import Membership, Role
from openpie.organisations.services import invitation_create
from tests.browser.conftest import Demo, assert_accessible

NEWCOMER = "casey.newcomer@example.org"


def emailed_link() -> str:
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    body = str(mail.outbox[0].body)
    match = re.search(r"https?://\S+/invitations/\S+/", body)
    assert match, body
    return match.group(0)


@pytest.mark.browser
def test_invited_person_sets_up_an_account_and_lands_on_their_unit(
    page: Page, base_url: str, demo: Demo, settings: SettingsWrapper
) -> None:
    settings.OPENPIE_BASE_URL = base_url  # the emailed link points at this server
    harbour_house = demo.unit("Harbour House")
    invitation_create(
        unit=harbour_house,
        email=NEWCOMER,
        role=Role.STAFF,
        invited_by=User.objects.get(email="admin@openpie.example"),
    )
    assert mail.outbox[0].subject == "You are invited to join Harbour House on OpenPIE"
    link = emailed_link()

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Join Harbour House")
    expect(page.get_by_text("You have been invited as Staff member")).to_be_visible()
    expect(page.get_by_text(f"You will sign in with {NEWCOMER}.")).to_be_visible()
    assert_accessible(page)

    # A password that is too short is explained, and nothing is created.
    page.get_by_label("Your name").fill("Casey Newcomer")
    page.get_by_label("Choose a password").fill("short")
    page.get_by_role("button", name="Create account and join").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title("Error: Join Harbour House – OpenPIE")
    expect(summary).to_contain_text("too short")
    expect(page.get_by_label("Your name")).to_have_value("Casey Newcomer")
    assert_accessible(page)
    assert not User.objects.filter(email=NEWCOMER).exists()

    page.get_by_label("Choose a password").fill("kettle harbour lantern")
    page.get_by_role("button", name="Create account and join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour House")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Welcome to OpenPIE. You have joined Harbour House."
    )
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)
    membership = Membership.objects.get(user__email=NEWCOMER)
    assert (membership.unit, membership.role) == (harbour_house, Role.STAFF)

    # Their home page lists the team; the link cannot be used a second time.
    page.get_by_role("link", name="Home").click()
    expect(page.locator(".govuk-summary-card", has_text="Harbour House")).to_contain_text("Staff member")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenPIE")
    assert_accessible(page)
    response = page.goto(link)
    assert response is not None
    assert response.status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This invitation cannot be used")
    expect(page.get_by_text("It has already been accepted.")).to_be_visible()
    assert_accessible(page)
