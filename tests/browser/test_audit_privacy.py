"""An organisation admin reads and exports the audit trail, downloads their own data and sets how
long data is kept; the audit page also works on a small phone."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from openpie.organisations.access import organisation_root
from tests.browser.conftest import Demo, assert_accessible, assert_fits_width, screenshot, sign_in

ADMIN = "admin@openpie.example"


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def _downloaded(page: Page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


@pytest.mark.browser
def test_admin_filters_and_exports_the_audit_trail(page: Page, base_url: str, demo: Demo) -> None:
    sign_in(page, base_url, ADMIN)
    page.goto(f"{base_url}/units/{organisation_root(demo.organisation).pk}/")
    expect(h1(page)).to_have_text("Riverside Housing Trust")
    assert_accessible(page)
    page.get_by_role("link", name="Audit trail").click()
    expect(h1(page)).to_have_text("Audit trail")
    expect(page.locator("[data-audit-table] tbody tr").first).to_be_visible()
    assert_accessible(page)

    # Filter: only units added. The details box opens with the keyboard too.
    page.get_by_text("Filter the trail").click()
    page.get_by_label("What they did").select_option(label="Added a unit")
    page.get_by_role("button", name="Show events").click()
    expect(h1(page)).to_have_text("Audit trail")
    actions = page.locator("[data-audit-table] tbody tr td:nth-child(3)")
    expect(actions.first).to_have_text("Added a unit")
    assert set(actions.all_inner_texts()) == {"Added a unit"}
    shown = actions.count()
    assert_accessible(page)
    screenshot(page, "audit-trail")

    # The export holds exactly the filtered events.
    rows = list(csv.reader(_downloaded(page, "Export these events as CSV").decode("utf-8-sig").splitlines()))
    assert rows[0][3] == "What"
    assert [r[3] for r in rows[1:]] == ["Added a unit"] * shown

    # A wrong date is explained.
    page.get_by_label("Day", exact=True).first.fill("31")
    page.get_by_label("Month", exact=True).first.fill("2")
    page.get_by_label("Year", exact=True).first.fill("2026")
    page.get_by_role("button", name="Show events").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a real date")
    assert_accessible(page)


@pytest.mark.browser
def test_admin_downloads_their_data_and_sets_retention(page: Page, base_url: str, demo: Demo) -> None:
    sign_in(page, base_url, ADMIN)
    page.goto(f"{base_url}/account/")
    assert_accessible(page)
    page.get_by_role("link", name="Download everything OpenPIE holds about you").click()
    expect(h1(page)).to_have_text("Your data")
    assert_accessible(page)
    data = json.loads(_downloaded(page, "A JSON file, for another program"))
    assert data["account"]["email"] == ADMIN
    assert data["memberships"][0]["role"] == "Organisation admin"
    pdf = _downloaded(page, "A PDF document to read or print")
    assert pdf.startswith(b"%PDF")

    # Keeping data: the organisation's retention rules.
    page.goto(f"{base_url}/units/{organisation_root(demo.organisation).pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Keeping data").click()
    expect(h1(page)).to_have_text("Keeping data")
    assert_accessible(page)
    page.get_by_label("Keep the audit trail for this many years").fill("0")
    page.get_by_role("button", name="Save the rules").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Keep the audit trail for at least 1 year")
    assert_accessible(page)
    page.get_by_label("Remove service users' own words after this many months").fill("12")
    page.get_by_label("Keep the audit trail for this many years").fill("6")
    page.get_by_role("button", name="Save the rules").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The rules are saved")
    expect(page.get_by_label("Remove service users' own words after this many months")).to_have_value("12")
    assert_accessible(page)


@pytest.mark.browser
def test_the_audit_page_fits_a_small_phone(phone_page: Page, base_url: str, demo: Demo) -> None:
    sign_in(phone_page, base_url, ADMIN)
    phone_page.goto(f"{base_url}/organisations/{demo.organisation.pk}/audit/")
    expect(h1(phone_page)).to_have_text("Audit trail")
    assert_fits_width(phone_page, 360)
    assert_accessible(phone_page)
