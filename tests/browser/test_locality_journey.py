"""A locality from an empty installation, through pages alone (migrations and the framework only).

The platform admin starts a service provider and a commissioner. The provider's admin sets up its
structure and people from CSV files; the commissioner's admin adds a locality and invites a
commissioner. The PIE lead puts a theme in the organisation's own words, keeps two elements for
the team and opens a drill-down round; a service user takes part by a link on a phone, with no
account; a staff member flags a barrier to managers and the funder. The commissioner asks for
sharing, the provider's admin grants it, and the commissioner finds the barrier through the shared
overview and the barriers register and answers it; the team sees the answer beside its barrier.
Axe on every page; the service user's pages at 360 px.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from openpie.assessments.models import Contribution
from openpie.barriers.models import BarrierResponse
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_width, page_watch
from tests.browser.journeys import (
    accept_invitation,
    ask_for_sharing,
    change_theme_wording,
    choose_elements,
    first_platform_admin,
    flag_barrier,
    go_home,
    go_to_stage,
    grant_sharing,
    heading,
    import_csv,
    make_participation_link,
    open_below,
    open_unit,
    respond_to_barrier,
    start_drill_down_round,
    start_organisation,
    take_part,
)

PROVIDER, COMMISSIONER = "Harbour Trust", "County Commissioning"
PROVIDER_ADMIN, COMMISSIONER_ADMIN = "alex@harbour.example", "chris@county.example"
LEAD, STAFF, FUNDER = "lee@harbour.example", "sam@harbour.example", "cam@county.example"
UNITS = (
    "parent,name,level,client group,service type\n"
    ",Harbour House,,Homelessness,Hostel or supported housing\n"
    "Harbour House,Night team,,Homelessness,Hostel or supported housing\n"
)
PEOPLE = f"email,unit,role\n{LEAD},,PIE lead\n{STAFF},Night team,Staff member\n"
# The team keeps one element of each theme it opens.
THEMES = ["Psychological awareness", "Staff training and support"]
ELEMENTS = ["Emotional awareness and empathy", "Staff training"]
OUR_WORDS = "Looking after our staff"
BARRIER = "The contract pays for no training days."
ANSWER = "We are putting two training days back in the contract."


def on_a_phone(page: Page) -> None:
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)


@pytest.mark.browser
def test_a_locality_from_an_empty_installation(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    # 1. The platform admin is made at /set-up/ and starts the two organisations.
    operator = open_page()
    first_platform_admin(operator, base_url, "operator@platform.example")
    start_organisation(operator, PROVIDER, "Service provider", PROVIDER_ADMIN)
    start_organisation(operator, COMMISSIONER, "Commissioner or funder", COMMISSIONER_ADMIN)

    # 2a. The provider's admin joins and adds its structure and people from CSV files.
    provider = open_page()
    accept_invitation(provider, PROVIDER_ADMIN, "Alex Harbour")
    heading(provider)(PROVIDER)
    provider.get_by_role("link", name="Set up your organisation").click()
    assert_accessible(provider)
    import_csv(provider, "Add units from a CSV file", UNITS, "Check the units before adding them", "Add these units")
    expect(provider.get_by_role("main")).to_contain_text("2 units have been added")
    import_csv(
        provider,
        "Invite people from a CSV file",
        PEOPLE,
        "Check the invitations before sending them",
        "Send these invitations",
    )
    expect(provider.get_by_role("main")).to_contain_text("2 invitations have been emailed")

    # 2b. The commissioner's admin joins, adds its locality and invites a commissioner.
    county = open_page()
    accept_invitation(county, COMMISSIONER_ADMIN, "Chris County")
    heading(county)(COMMISSIONER)
    county.get_by_role("link", name="Set up your organisation").click()
    assert_accessible(county)
    import_csv(
        county,
        "Add units from a CSV file",
        "parent,name\n,Harbour locality\n",
        "Check the units before adding them",
        "Add these units",
    )
    import_csv(
        county,
        "Invite people from a CSV file",
        f"email,unit,role\n{FUNDER},,Commissioner\n",
        "Check the invitations before sending them",
        "Send these invitations",
    )

    # 3. The PIE lead joins, puts a theme in the organisation's words, keeps two elements for the
    #    team and opens a drill-down round; the round's pages use the organisation's words.
    lead = open_page()
    accept_invitation(lead, LEAD, "Lee Lead")
    go_home(lead)
    open_unit(lead, PROVIDER)
    change_theme_wording(lead, "Staff training and support", OUR_WORDS)
    go_home(lead)
    open_unit(lead, PROVIDER)
    open_below(lead, "Harbour House")
    open_below(lead, "Night team")
    choose_elements(lead, ELEMENTS)
    start_drill_down_round(lead, ["Psychological awareness", OUR_WORDS], "Night team in spring")
    themes_row = lead.locator(".govuk-summary-list__row").filter(has_text="Themes opened up")
    expect(themes_row).to_contain_text(f"Psychological awareness, {OUR_WORDS}")
    go_to_stage(lead, "1. Where are we now?")
    expect(lead.get_by_role("main")).to_contain_text(OUR_WORDS)
    expect(lead.get_by_role("main")).to_contain_text("Staff training")
    expect(lead.get_by_role("main")).not_to_contain_text("Staff support")
    expect(lead.get_by_role("main")).not_to_contain_text("Psychological model(s)")

    # 4. The lead makes a participation link; a service user takes part on a phone with no account.
    go_to_stage(lead, "Overview")
    link = make_participation_link(lead, "Poster in the lounge")
    service_user = open_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    code = take_part(service_user, link, "Getting better", check=on_a_phone)
    assert len(code) == 14
    assert (
        Contribution.objects.filter(kind=Contribution.Kind.SERVICE_USER, state=Contribution.State.SUBMITTED).count()
        == 1
    )

    # 5. The staff member joins and flags a barrier to managers and the funder, words shareable.
    staff = open_page()
    page_watch(staff).expected |= {(400, "/factors/add/")}  # the autosave of a half-filled form
    accept_invitation(staff, STAFF, "Sam Staff")
    go_home(staff)
    open_unit(staff, "Night team")
    staff.get_by_role("link", name="Night team in spring").click()
    assert_accessible(staff)
    go_to_stage(staff, "3. What helps, what hinders?")
    expect(staff.locator(".govuk-caption-m").filter(has_text=OUR_WORDS)).to_be_visible()
    flag_barrier(staff, "Staff training", BARRIER, "Contract or funding rules", funder=COMMISSIONER, shareable=True)

    # 6. The commissioner joins and asks for sharing; the provider's admin grants it; the
    #    commissioner opens the shared overview and the barriers register from home, and answers.
    funder = open_page()
    accept_invitation(funder, FUNDER, "Cam Reed")
    go_home(funder)
    open_unit(funder, COMMISSIONER)
    funder.get_by_role("link", name="Sharing with other organisations").click()
    assert_accessible(funder)
    ask_for_sharing(funder, PROVIDER, "Overview and barriers", note="For the locality's review.")

    go_home(provider)
    provider.get_by_role("link", name=re.compile(f"{COMMISSIONER} asks")).click()
    heading(provider)("Sharing with other organisations")
    assert_accessible(provider)
    grant_sharing(provider, COMMISSIONER)

    go_home(funder)
    shared = funder.locator(".openpie-shared-with-you")
    expect(shared).to_contain_text(PROVIDER)
    shared.get_by_role("link", name=re.compile("^overview")).click()
    heading(funder)("Overview of everything below")
    expect(funder.get_by_role("main")).to_contain_text(f"{PROVIDER} shares its overview with {COMMISSIONER}.")
    assert_accessible(funder)
    go_home(funder)
    funder.locator(".openpie-shared-with-you").get_by_role("link", name=re.compile("^barriers")).click()
    heading(funder)("Barriers register")
    expect(funder.locator("#total-barriers")).to_have_text("1")
    assert_accessible(funder)
    funder.get_by_role("link", name="Contract or funding rules").click()
    expect(funder.get_by_role("table")).to_contain_text(BARRIER)
    assert_accessible(funder)
    respond_to_barrier(funder, "Night team", "Action agreed", ANSWER)
    assert BarrierResponse.objects.count() == 1

    # 7. The team sees the answer beside its barrier, and a notification.
    staff.reload()
    region = staff.get_by_role("region", name="Staff training", exact=True)
    expect(region).to_contain_text(ANSWER)
    expect(region).to_contain_text("Action agreed")
    assert_accessible(staff)
    go_home(staff)
    expect(staff.get_by_role("link", name="Notifications")).to_contain_text("1 new")
    staff.get_by_role("link", name="Notifications").click()
    expect(staff.locator(".openpie-notifications")).to_contain_text("responded to a barrier Night team raised")
    assert_accessible(staff)
