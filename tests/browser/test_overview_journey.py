"""From an empty installation to the overview, regions first, through pages alone.

The platform admin starts an organisation; its first admin adds a region with two services by CSV,
starts, fills and closes a round in each from the pages, then opens the organisation's overview:
the region is a row with its two services' spread and barriers, and drilling down shows each
service's own agreed bead (no "too few units" for a small agency). Axe on every page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import assert_accessible, page_watch
from tests.browser.journeys import (
    accept_invitation,
    first_platform_admin,
    flag_barrier,
    go_to_stage,
    heading,
    import_csv,
    open_down,
    place_team_bead,
    round_state,
    start_and_open_round,
    start_organisation,
)

OPERATOR = "operator@platform.example"
ADMIN = "alex@harbour.example"
TOP = "Harbour Trust"
UNITS_CSV = (
    "parent,name,level,client group,service type\n"
    ",North,,,\n"
    "North,Harbour House,,Homelessness,Hostel or supported housing\n"
    "North,Quay Court,,Homelessness,Hostel or supported housing\n"
)
AWARENESS = "psychological-awareness"


def _a_closed_round(page: Page, service: str, bead: str, *, barrier: bool) -> None:
    page.get_by_role("link", name=TOP).first.click()
    heading(page)(TOP)
    open_down(page, "North", service)
    start_and_open_round(page)
    go_to_stage(page, "1. Where are we now?")
    place_team_bead(page, AWARENESS, bead)
    if barrier:
        go_to_stage(page, "3. What helps, what hinders?")
        flag_barrier(page, "Psychological awareness", "No move-on flats in the borough", "Contract or funding rules")
    go_to_stage(page, "Overview")
    round_state(page, "Send for review", "In review")
    round_state(page, "Close the round", "Closed")


@pytest.mark.browser
def test_from_nothing_to_the_overview_regions_first(
    open_page: Callable[..., Page], base_url: str, empty_installation: None
) -> None:
    operator = open_page()
    first_platform_admin(operator, base_url, OPERATOR)
    start_organisation(operator, TOP, "Service provider", ADMIN)

    page = open_page()
    page_watch(page).expected |= {(400, "/factors/add/")}  # autosave tries the half-filled barrier form
    accept_invitation(page, ADMIN, "Alex Harbour")
    page.get_by_role("link", name="Set up your organisation").click()
    assert_accessible(page)
    import_csv(page, "Add units from a CSV file", UNITS_CSV, "Check the units before adding them", "Add these units")
    expect(page.get_by_role("main")).to_contain_text("3 units have been added")

    _a_closed_round(page, "Harbour House", "Basic, position 2 of 5", barrier=True)
    _a_closed_round(page, "Quay Court", "Progressing, position 3 of 5", barrier=False)

    # The organisation's overview: the level below first, North as one row with its two services.
    page.get_by_role("link", name=TOP).first.click()
    heading(page)(TOP)
    page.get_by_role("link", name=f"Overview of everything below {TOP}").click()
    heading(page)("Overview of everything below")
    assert_accessible(page)
    regions = page.get_by_role("table", name="The level below: each part's units")
    north = regions.get_by_role("row", name="North")
    expect(north).to_contain_text("2")  # units with a round
    expect(north).to_contain_text("Basic 2 to Progressing 3")  # the range of the two teams' beads
    expect(north.get_by_role("cell").last).to_have_text("1")  # the barrier outside their control
    expect(page.get_by_role("main")).not_to_contain_text("Too few units to show")
    expect(
        page.get_by_role("img", name="Box chart of the teams' positions across units for each theme")
    ).to_be_visible()

    # Drill down: North's own overview, each service a row, and each unit's own agreed bead.
    north.get_by_role("link").click()
    heading(page)("Overview of everything below")
    expect(page.locator(".govuk-caption-l")).to_have_text("North")
    assert_accessible(page)
    below = page.get_by_role("table", name="The level below: each part's units")
    expect(below.get_by_role("row", name="Harbour House")).to_contain_text("Basic 2")
    expect(below.get_by_role("row", name="Quay Court")).to_contain_text("Progressing 3")
    units = page.get_by_role("table", name="Each unit's position")
    expect(units).to_contain_text("Harbour House")
    expect(units).to_contain_text("Quay Court")
    below.get_by_role("row", name="Quay Court").get_by_role("link").click()
    heading(page)("Overview of everything below")
    expect(page.locator(".govuk-caption-l")).to_have_text("Quay Court")
    assert_accessible(page)
