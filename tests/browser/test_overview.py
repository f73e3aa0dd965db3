"""The overview at a unit, on a desktop and on a 360px phone: axe passes, nothing scrolls sideways
but the tables, and each table can be read (a caption, headers, figures in words)."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from openpie.insights.tests.factories import Beads, bulk_rounds, bulk_units
from tests.browser.conftest import DESKTOP, PHONE, Demo, assert_accessible, assert_fits_width, sign_in

TOP = "Riverside Housing Trust"


def _teams(demo: Demo) -> None:
    """Six teams with two rounds each, so the overview has figures to show."""
    units = bulk_units(demo.unit(TOP), 6, name="Outreach team", client_group="homelessness", service_type="outreach")
    beads = Beads(position=9, target=12, previous=7, staff=[8], service_users=[11], barriers=1)
    bulk_rounds(units, demo.framework, held_on=datetime.date(2024, 6, 1), beads=beads)
    bulk_rounds(units, demo.framework, held_on=datetime.date(2025, 6, 1), beads=beads)


def _open_overview(page: Page, base_url: str, demo: Demo) -> None:
    _teams(demo)
    page.goto(f"{base_url}/units/{demo.unit(TOP).pk}/")
    page.get_by_role("link", name=f"Overview of everything below {TOP}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overview of everything below")


def _check_tables(page: Page) -> None:
    table = page.get_by_role("table", name="Themes (short form): figures")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Median")).to_be_visible()
    expect(table.get_by_role("rowheader").first).to_be_visible()
    expect(table).to_contain_text("Basic 4")
    expect(
        page.get_by_role("img", name="Box chart of the teams' positions across units for each theme")
    ).to_be_visible()


@pytest.mark.browser
def test_the_overview_on_a_desktop(page: Page, base_url: str, demo: Demo) -> None:
    sign_in(page, base_url, "admin@openpie.example")
    _open_overview(page, base_url, demo)
    assert_accessible(page)
    assert_fits_width(page, DESKTOP["width"])
    _check_tables(page)

    page.get_by_text("Choose which units and rounds").click()
    page.get_by_label("From (for example 2025-01-31)").fill("next Tuesday")
    page.get_by_role("button", name="Show the overview").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the start date as a year, month and day")
    assert_accessible(page)


@pytest.mark.browser
def test_the_overview_on_a_phone(phone_page: Page, base_url: str, demo: Demo) -> None:
    def check(page: Page) -> None:
        assert_fits_width(page, PHONE["width"])
        assert_accessible(page)

    sign_in(phone_page, base_url, "admin@openpie.example", check=check)
    _open_overview(phone_page, base_url, demo)
    check(phone_page)
    _check_tables(phone_page)
