"""Keyboard only: skip link, signing in, choosing radios with arrow keys, and a focus you can see."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from openpie.accounts.tests.helpers import app_code, app_of
from openpie.organisations.models import Unit
from tests.browser.conftest import DEMO_PASSWORD, Demo, assert_accessible, press, tab_until


def sign_in_with_keyboard(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/sign-in/")
    assert_accessible(page)
    tab_until(page, "#id_username")
    page.keyboard.type(email)
    press(page)
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    # The second step, by keyboard too: the demo admin's authenticator app shows this code.
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    assert_accessible(page)
    tab_until(page, "#id_code")
    page.keyboard.type(app_code(app_of(email)))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada")
    assert_accessible(page)


@pytest.mark.browser
def test_skip_link_comes_first_and_moves_focus_to_the_main_content(page: Page, base_url: str, demo: Demo) -> None:
    page.goto(f"{base_url}/sign-in/")
    assert_accessible(page)
    focused = press(page)
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert focused["tag"] == "a"
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    # The next Tab continues inside the main content, not back in the header.
    press(page)
    assert page.evaluate("() => document.getElementById('main-content').contains(document.activeElement)")


@pytest.mark.browser
def test_sign_in_with_the_keyboard_alone(page: Page, base_url: str, demo: Demo) -> None:
    sign_in_with_keyboard(page, base_url, "admin@openpie.example")
    expect(page.locator(".govuk-summary-card")).to_contain_text("Riverside Housing Trust")


@pytest.mark.browser
def test_add_a_team_with_arrow_keys_and_enter(page: Page, base_url: str, demo: Demo) -> None:
    harbour_house = demo.unit("Harbour House")
    sign_in_with_keyboard(page, base_url, "admin@openpie.example")
    page.goto(f"{base_url}/units/{harbour_house.pk}/add/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a team or service")
    assert_accessible(page)

    tab_until(page, "#id_name")
    page.keyboard.type("Harbour House keyboard team")
    press(page)  # into the radio group: the first option has focus, nothing is chosen yet
    region = page.get_by_role("radio", name="Region")
    expect(region).to_be_focused()
    expect(region).not_to_be_checked()
    for _ in range(3):
        press(page, "ArrowDown")
    team = page.get_by_role("radio", name="Team")
    expect(team).to_be_focused()
    expect(team).to_be_checked()
    press(page, "ArrowUp")
    expect(page.get_by_role("radio", name="Service")).to_be_checked()
    press(page, "ArrowDown")
    expect(team).to_be_checked()

    tab_until(page, "button.govuk-button[type=submit]:has-text('Add')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour House keyboard team")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("has been added under Harbour House")
    assert_accessible(page)
    assert Unit.objects.get(name="Harbour House keyboard team").kind == Unit.Kind.TEAM
