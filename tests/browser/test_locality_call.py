"""A locality call from nothing: on an empty installation, a provider and a commissioner start from pages
alone; the provider adds its services from a CSV file and a round flags a barrier; the provider agrees to
share its barriers; the commissioner calls on every service to share its barriers by a date; the tracker
shows who has answered, a service that had not answers, and the tracker shows it. Axe on every page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, page_watch
from tests.browser.journeys import (
    accept_invitation,
    agree_to_share,
    ask_for_sharing,
    fill_date,
    first_platform_admin,
    flag_barrier,
    go_to_stage,
    heading,
    import_csv,
    open_from_home,
    start_and_open_round,
    start_organisation,
)

OPERATOR = "operator@platform.example"
PROVIDER_ADMIN = "alex@harbour.example"
COMMISSIONER_ADMIN = "chris@county.example"
UNITS_CSV = (
    "parent,name,level,client group,service type\n"
    ",North,,,\n"
    "North,Harbour House,,Homelessness,Hostel or supported housing\n"
    "North,Quay House,,Homelessness,Hostel or supported housing\n"
)
THREAD = "Psychological awareness"


@pytest.mark.browser
def test_a_locality_call_from_invitation_to_tracker(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    page = open_page()
    first_platform_admin(page, base_url, OPERATOR)
    start_organisation(page, "Harbour Trust", "Service provider", PROVIDER_ADMIN)
    start_organisation(page, "County Commissioning", "Commissioner or funder", COMMISSIONER_ADMIN)

    # The provider joins, adds its services, and a round flags a barrier.
    provider = open_page()
    page_watch(provider).expected |= {(400, "/factors/add/")}  # the autosave of a half-filled form
    accept_invitation(provider, PROVIDER_ADMIN, "Alex Harbour")
    heading(provider)("Harbour Trust")
    provider.get_by_role("link", name="Set up your organisation").click()
    import_csv(
        provider, "Add units from a CSV file", UNITS_CSV, "Check the units before adding them", "Add these units"
    )
    expect(provider.get_by_role("main")).to_contain_text("3 units have been added")
    open_from_home(provider, base_url, "Harbour Trust", "North", "Harbour House")
    start_and_open_round(provider)
    go_to_stage(provider, "What helps")
    flag_barrier(provider, THREAD, "No move-on flats in the borough.", "Move-on accommodation")

    # The commissioner joins and asks to see the provider's barriers; the provider agrees.
    county = open_page()
    accept_invitation(county, COMMISSIONER_ADMIN, "Chris County")
    heading(county)("County Commissioning")
    county.get_by_role("link", name="Set up your organisation").click()
    ask_for_sharing(county, "Harbour Trust", "Barriers", link="Ask for sharing")
    agree_to_share(provider, PROVIDER_ADMIN, "County Commissioning")

    # The commissioner starts a call: a mistake first, then every service of the provider.
    county.goto(f"{base_url}/")
    county.get_by_role("link", name="Locality calls").click()
    heading(county)("Locality calls")
    assert_accessible(county)
    today = timezone.localdate()
    county.get_by_label("Your message to the services").fill("Please share what holds you back by the budget round.")
    fill_date(county, "Barriers from rounds held on or after", today - datetime.timedelta(days=90))
    fill_date(county, "Answer by", today + datetime.timedelta(days=30))
    county.get_by_role("button", name="Send the call").click()
    expect(county.locator(".govuk-error-summary")).to_contain_text("Choose at least one area")
    assert_accessible(county)
    county.get_by_label("Harbour Trust", exact=True).check()
    fill_date(county, "Barriers from rounds held on or after", today - datetime.timedelta(days=90))
    fill_date(county, "Answer by", today + datetime.timedelta(days=30))
    county.get_by_role("button", name="Send the call").click()
    expect(county.get_by_role("main")).to_contain_text("The call has gone to 2 services")
    expect(county.locator("#call-answered")).to_have_text("1 of 2")
    expect(county.get_by_role("row", name="Harbour House")).to_contain_text("Answered")
    expect(county.get_by_role("row", name="Quay House")).to_contain_text("Not yet")
    assert_accessible(county)
    tracker = county.url

    # The service that had not answered sees the call, holds a round and flags its barrier.
    provider.goto(f"{base_url}/")
    expect(provider.locator("#locality-calls")).to_contain_text("County Commissioning asks for barriers")
    assert_accessible(provider)
    open_from_home(provider, base_url, "Harbour Trust", "North", "Quay House")
    start_and_open_round(provider)
    provider.get_by_role("navigation", name="Stages of this round").get_by_role("link", name="What helps").click()
    expect(provider.locator("#locality-calls")).to_contain_text("County Commissioning")
    go_to_stage(provider, "What helps")
    flag_barrier(provider, THREAD, "The council's referral route is closed.", "Referral thresholds and eligibility")

    # The tracker shows it.
    county.goto(tracker)
    expect(county.locator("#call-answered")).to_have_text("2 of 2")
    expect(county.get_by_role("row", name="Quay House")).to_contain_text("Answered")
    assert_accessible(county)

    # The commissioner answers a barrier and agrees a change; the register counts the answer.
    county.get_by_role("link", name="See the barriers in the register").click()
    heading(county)("Barriers register")
    county.get_by_role("link", name="Move-on accommodation").first.click()
    assert_accessible(county)
    county.get_by_role("link", name="Open the barrier from Harbour House").click()
    county.get_by_label("Looking into it").check()
    county.get_by_label("Your response to the service").fill("We are talking to the council's housing team.")
    county.get_by_role("button", name="Send the response").click()
    expect(county.locator("#status + p")).to_contain_text("Answered")
    assert_accessible(county)
    county.get_by_role("button", name="Save where it has got to").click()  # nothing chosen
    expect(county.locator(".govuk-error-summary")).to_contain_text("Choose where this barrier has got to")
    assert_accessible(county)
    county.get_by_label("Change agreed").check()
    county.get_by_role("button", name="Save where it has got to").click()
    expect(county.locator("#status + p")).to_contain_text("Change agreed")
    barrier = county.url.split("#")[0]
    county.goto(f"{base_url}/barriers/")
    answers = county.locator(".openpie-answer-rates", has_text="County Commissioning")
    expect(answers.get_by_role("row", name="Every kind")).to_contain_text("50% (1 of 2)")
    assert_accessible(county)

    # The service sees how its responder answers, and marks the barrier resolved.
    provider.goto(barrier)
    expect(provider.locator("#responder-rates")).to_contain_text("County Commissioning: answered 1 of 2")
    expect(provider.get_by_label("Resolved")).to_be_visible()
    provider.get_by_label("Resolved").check()
    provider.get_by_role("button", name="Save where it has got to").click()
    expect(provider.locator("#status + p")).to_contain_text("Resolved")
    assert_accessible(provider)
