"""The demo organisation's admin sets up a team, invites someone and puts the framework in their own words."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from openpie.organisations.models import Invitation, Unit
from tests.browser.conftest import Demo, assert_accessible, screenshot, sign_in

ADMIN = "admin@openpie.example"
NEW_TEAM = "Harbour House weekend team"
NEWCOMER = "new.worker@example.org"


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def banner(page: Page):
    return page.locator(".govuk-notification-banner--success")


@pytest.mark.browser
def test_admin_adds_a_team_invites_someone_and_rewords_an_element(page: Page, base_url: str, demo: Demo) -> None:
    sign_in(page, base_url, ADMIN)
    expect(h1(page)).to_have_text("Hello, Ada")
    card = page.locator(".govuk-summary-card", has_text="Riverside Housing Trust")
    expect(card).to_contain_text("Organisation admin")
    screenshot(page, "home")

    # Organisations → the tree → Harbour House.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Organisations").click()
    expect(h1(page)).to_have_text("Organisations")
    assert_accessible(page)
    page.get_by_role("link", name="Harbour House", exact=True).click()
    expect(h1(page)).to_have_text("Harbour House")
    below = page.locator("h2:has-text('Below Harbour House') + ul")
    expect(below.get_by_role("link")).to_have_text(["Harbour House day team", "Harbour House night team"])
    assert_accessible(page)
    screenshot(page, "unit")

    # Add a team under it.
    page.get_by_role("link", name="Add a team or service below Harbour House").click()
    expect(h1(page)).to_have_text("Add a team or service")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill(NEW_TEAM)
    page.get_by_role("radio", name="Team").check()
    page.get_by_label("Who does it mainly work with?").select_option(label="Homelessness")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(h1(page)).to_have_text(NEW_TEAM)
    expect(banner(page)).to_contain_text(f"{NEW_TEAM} has been added under Harbour House.")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Homelessness")
    assert_accessible(page)

    # Back up to Harbour House: the new team is listed below it.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Harbour House").click()
    expect(h1(page)).to_have_text("Harbour House")
    expect(below.get_by_role("link", name=NEW_TEAM)).to_be_visible()
    assert_accessible(page)

    # Invite a staff member to the new team.
    below.get_by_role("link", name=NEW_TEAM).click()
    expect(h1(page)).to_have_text(NEW_TEAM)
    assert_accessible(page)
    page.get_by_role("link", name=f"Invite someone to {NEW_TEAM}").click()
    expect(h1(page)).to_have_text("Invite someone")
    assert_accessible(page)
    page.get_by_label("Email address").fill(NEWCOMER)
    page.get_by_role("radio", name="Staff member").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(h1(page)).to_have_text(NEW_TEAM)
    expect(banner(page)).to_contain_text(f"An invitation has been emailed to {NEWCOMER}.")
    waiting = page.locator("h3:has-text('Invitations waiting for a reply') + ul")
    expect(waiting).to_contain_text(f"{NEWCOMER} as Staff member")
    expect(waiting.get_by_role("button", name=f"Cancel the invitation for {NEWCOMER}")).to_be_visible()
    assert_accessible(page)
    assert [message.to for message in mail.outbox] == [[NEWCOMER]]

    # The organisation's framework wording: rename an element.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Riverside Housing Trust").click()
    expect(h1(page)).to_have_text("Riverside Housing Trust")
    assert_accessible(page)
    page.get_by_role("link", name="Framework wording").click()
    expect(h1(page)).to_contain_text("Your wording")
    expect(page.get_by_role("heading", level=2, name="Staff training and support")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change Staff support", exact=True).click()
    expect(h1(page)).to_have_text("Change the wording of Staff support")
    assert_accessible(page)
    page.get_by_label("Name (optional)", exact=True).fill("Looking after our staff")
    page.get_by_role("button", name="Save wording").click()
    expect(h1(page)).to_contain_text("Your wording")
    expect(banner(page)).to_contain_text("The wording for “Looking after our staff” has been saved.")
    row = page.locator(".govuk-summary-list__row", has_text="Looking after our staff")
    expect(row.locator(".govuk-tag")).to_have_text("Your wording")
    expect(row).to_contain_text("In the framework: Staff support")
    expect(page.locator(".govuk-summary-list__key", has_text=re.compile(r"^\s*Staff support\s*$"))).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "framework-wording")


@pytest.mark.browser
def test_adding_a_team_with_nothing_filled_in_says_what_to_fix(page: Page, base_url: str, demo: Demo) -> None:
    harbour_house = demo.unit("Harbour House")
    children_before = Unit.objects.filter(parent=harbour_house).count()
    sign_in(page, base_url, ADMIN)
    page.goto(f"{base_url}/units/{harbour_house.pk}/add/")
    expect(h1(page)).to_have_text("Add a team or service")
    expect(page).to_have_title("Add below Harbour House – OpenPIE")
    assert_accessible(page)

    page.get_by_role("button", name="Add", exact=True).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(page).to_have_title("Error: Add below Harbour House – OpenPIE")  # the first thing a screen reader says
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary, so screen readers hear it
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter a name", "Select what it is: a region, locality, service or team"]
    )
    expect(page.locator("#id_name-error")).to_contain_text("Enter a name")
    expect(page.get_by_label("Name", exact=True)).to_have_attribute("aria-describedby", re.compile("id_name-error"))
    assert_accessible(page)

    summary.get_by_role("link", name="Enter a name").click()
    expect(page.get_by_label("Name", exact=True)).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Select what it is")).click()
    expect(page.get_by_role("radio", name="Region")).to_be_focused()

    assert Unit.objects.filter(parent=harbour_house).count() == children_before
    assert not Invitation.objects.exists()
