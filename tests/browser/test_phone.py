"""The core pages on a small phone (360×740): nothing scrolls sideways, the menu opens, axe passes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE, Demo, assert_accessible, assert_fits_width, sign_in


def check(page: Page) -> None:
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)


@pytest.mark.browser
def test_core_pages_fit_a_small_phone(phone_page: Page, base_url: str, demo: Demo) -> None:
    page = phone_page
    sign_in(page, base_url, "admin@openpie.example", check=check)

    # The service navigation collapses behind a Menu button.
    menu = page.get_by_role("button", name="Menu")
    links = page.locator("#navigation")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(links).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(links).to_be_visible()
    check(page)  # the open menu fits too
    menu.click()
    expect(links).to_be_hidden()
    menu.click()
    links.get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    check(page)

    page.get_by_role("link", name="Harbour House", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour House")
    check(page)

    page.get_by_role("link", name="Add a team or service below Harbour House").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a team or service")
    check(page)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page)  # the error state fits too

    page.goto(f"{base_url}/units/{demo.unit('Riverside Housing Trust').pk}/")
    check(page)
    page.get_by_role("link", name="Framework wording").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your wording")
    check(page)
    page.get_by_role("link", name="Change Staff support", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the wording of Staff support")
    check(page)
