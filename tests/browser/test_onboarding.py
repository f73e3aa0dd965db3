"""A real organisation starts from pages alone, on an empty installation (migrations and the framework only).

The operator makes the first platform admin with the set-up code (and sets up two-step sign-in),
who starts a service provider and a commissioner; each first admin accepts the emailed invitation;
the provider's admin names the levels, adds the structure and invites a person from CSV files,
and the task list shows what is done. Axe on every page; the import page at 360 px.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings as SettingsWrapper

from openpie.organisations.models import Invitation, Organisation, Unit
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_width, screenshot, second_step
from tests.browser.journeys import PASSWORD, accept_invitation, emailed_link, heading, start_organisation, task_status

OPERATOR = "operator@platform.example"
PROVIDER_ADMIN = "alex@harbour.example"
COMMISSIONER_ADMIN = "chris@county.example"
UNITS_CSV = (
    "parent,name,level,client group,service type\n"
    ",North,,,\n"
    "North,Harbour House,,Homelessness,Hostel or supported housing\n"
    "Harbour House,Night team,,Homelessness,Hostel or supported housing\n"
)


@pytest.mark.browser
def test_a_real_organisation_starts_from_pages_alone(
    open_page: Callable[..., Page], base_url: str, empty_installation: None, settings: SettingsWrapper
) -> None:
    settings.OPENPIE_SETUP_CODE = ""  # no code in the environment: the server makes one for the operator
    assert not Organisation.objects.exists()
    out = io.StringIO()
    call_command("setup_code", stdout=out)  # what the operator reads on the server
    code = out.getvalue().split("Set-up code: ")[1].split()[0]

    # The first platform admin, then two-step sign-in.
    page = open_page()
    page.goto(f"{base_url}/set-up/")
    heading(page)("Set up OpenPIE")
    assert_accessible(page)
    page.get_by_label("Set-up code").fill("wrong-code")
    page.get_by_label("Your name").fill("Pat Operator")
    page.get_by_label("Email address").fill(OPERATOR)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Make the platform admin").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The set-up code is not right")
    assert_accessible(page)
    page.get_by_label("Set-up code").fill(code)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_role("button", name="Make the platform admin").click()
    second_step(page, OPERATOR)
    heading(page)("Organisations")
    assert_accessible(page)

    # Two organisations, each with its first admin invited.
    start_organisation(page, "Harbour Trust", "Service provider", PROVIDER_ADMIN)
    start_organisation(page, "County Commissioning", "Commissioner or funder", COMMISSIONER_ADMIN)
    expect(page.get_by_role("row", name=re.compile("Harbour Trust"))).to_contain_text("Invited, not joined yet")
    gone = page.goto(f"{base_url}/set-up/")  # set up once only
    assert gone is not None
    assert gone.status == 404
    assert_accessible(page)

    # The provider's admin joins and names the levels.
    provider = open_page()
    accept_invitation(provider, PROVIDER_ADMIN, "Alex Harbour")
    heading(provider)("Harbour Trust")
    assert_accessible(provider)
    provider.get_by_role("link", name="Set up your organisation").click()
    heading(provider)("Set up your organisation")
    assert_accessible(provider)
    assert task_status(provider, "levels") == "Incomplete"
    provider.get_by_role("link", name="Name the levels").click()
    assert_accessible(provider)
    for n, word in enumerate(["Region", "Service", "Team"], start=1):
        provider.get_by_label(re.compile(f"^Level {n}")).fill(word)
    provider.get_by_role("button", name="Save the levels").click()
    heading(provider)("Set up your organisation")
    assert_accessible(provider)
    assert task_status(provider, "levels") == "Completed"

    # The structure from a CSV file: a bad row first, then the good file, checked, then added.
    provider.get_by_role("link", name="Add units from a CSV file").click()
    assert_accessible(provider)
    provider.get_by_label("Or paste the rows").fill("parent,name\nNorth,Harbour House\n")
    provider.get_by_role("button", name="Check the rows").click()
    summary = provider.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 2: there is no unit called “North” above “Harbour House”")
    assert_accessible(provider)
    provider.get_by_label("Or paste the rows").fill(UNITS_CSV)
    provider.get_by_role("button", name="Check the rows").click()
    heading(provider)("Check the units before adding them")
    expect(provider.get_by_role("table")).to_contain_text("Night team")
    assert_accessible(provider)
    screenshot(provider, "units-import-check")
    assert not Unit.objects.filter(name="North").exists()
    provider.get_by_role("button", name="Add these units").click()
    expect(provider.get_by_role("main")).to_contain_text("3 units have been added")
    assert_accessible(provider)
    assert task_status(provider, "units") == "Completed"

    # A person invited from a CSV file.
    provider.get_by_role("link", name="Invite people from a CSV file").click()
    assert_accessible(provider)
    provider.get_by_label("Or paste the rows").fill("email,unit,role\nsam@harbour.example,Night team,Staff member\n")
    provider.get_by_role("button", name="Check the rows").click()
    heading(provider)("Check the invitations before sending them")
    assert_accessible(provider)
    provider.get_by_role("button", name="Send these invitations").click()
    expect(provider.get_by_role("main")).to_contain_text("1 invitation has been emailed")
    assert_accessible(provider)
    assert task_status(provider, "people") == "Completed"
    assert task_status(provider, "round") == "Incomplete"
    screenshot(provider, "first-hour-tasks")
    expect(provider.get_by_role("link", name="Start a round for Night team")).to_be_visible()
    assert Invitation.objects.get(email="sam@harbour.example").unit.name == "Night team"
    assert emailed_link("sam@harbour.example")

    # The structure shows in the organisation's own words.
    provider.get_by_role("link", name="Harbour Trust").first.click()
    expect(provider.get_by_role("main")).to_contain_text("Region")
    assert_accessible(provider)

    # The commissioner's admin joins, on a small phone; its tasks ask for sharing, not a round.
    phone = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    accept_invitation(phone, COMMISSIONER_ADMIN, "Chris County")
    heading(phone)("County Commissioning")
    assert_accessible(phone)
    phone.get_by_role("link", name="Set up your organisation").click()
    expect(phone.get_by_role("main")).to_contain_text("Ask an organisation to share with you")
    assert_accessible(phone)
    assert_fits_width(phone, PHONE["width"])
    phone.get_by_role("link", name="Add units from a CSV file").click()
    assert_accessible(phone)
    assert_fits_width(phone, PHONE["width"])
    screenshot(phone, "units-import-phone")

    # The platform admin sees both first admins joined.
    page.goto(f"{base_url}/platform/organisations/")
    expect(page.get_by_role("row", name=re.compile("Harbour Trust"))).to_contain_text("Joined")
    expect(page.get_by_role("row", name=re.compile("County Commissioning"))).to_contain_text("Joined")
    assert_accessible(page)
    screenshot(page, "platform-organisations")
    assert base_url == settings.OPENPIE_BASE_URL
