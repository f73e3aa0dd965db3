"""Two-step sign-in and the session timeout in a browser: set up an authenticator app, sign out, sign in
with a code, sign in with a recovery code; the timeout warning appears, keeps the person signed in, and
signs them out when ignored. Axe on every page."""

from __future__ import annotations

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from openpie.accounts.tests.helpers import code_for_secret
from tests.browser.conftest import (
    DEMO_PASSWORD,
    PHONE,
    Demo,
    assert_accessible,
    assert_fits_width,
    second_step,
    sign_in,
)

STAFF = "staff@openpie.example"


def password_step(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/sign-in/")
    assert_accessible(page)
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenPIE")
    expect(page.get_by_role("main")).to_contain_text("You have signed out")
    assert_accessible(page)


@pytest.mark.browser
def test_set_up_an_app_then_sign_in_with_a_code_and_with_a_recovery_code(page: Page, base_url: str, demo: Demo):
    sign_in(page, base_url, STAFF)
    page.get_by_role("link", name="Your account").click()
    expect(page.get_by_role("heading", name="Two-step sign-in")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Set up two-step sign-in").click()
    expect(page.get_by_role("img", name="QR code to add OpenPIE to an authenticator app")).to_be_visible()
    assert_accessible(page)
    # A wrong code: the error summary, and the same key stays.
    page.get_by_label("Code from your app").fill("12")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter the 6-digit code from your authenticator app")
    assert_accessible(page)
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("[data-secret]").inner_text()
    page.get_by_label("Code from your app").fill(code_for_secret(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", name="Save your recovery codes")).to_be_visible()
    assert_accessible(page)
    codes = page.locator("[data-recovery-code]").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("button", name="I have saved my recovery codes").click()
    expect(page.get_by_role("main")).to_contain_text("10 unused")
    assert_accessible(page)
    sign_out(page)

    # With a code from the app.
    password_step(page, base_url, STAFF)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    second_step(page, STAFF)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert_accessible(page)
    sign_out(page)

    # With a recovery code, on a phone-sized screen.
    page.set_viewport_size(PHONE)
    password_step(page, base_url, STAFF)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    assert_fits_width(page, PHONE["width"])
    page.get_by_text("I do not have my phone").click()
    page.get_by_label("Code", exact=True).fill(codes[3])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("main")).to_contain_text("You signed in with a recovery code")
    expect(page.get_by_role("main")).to_contain_text("you have 9 left")
    assert_fits_width(page, PHONE["width"])
    assert_accessible(page)


@pytest.mark.browser
def test_the_timeout_warning_lets_you_stay_and_signs_you_out_when_ignored(page: Page, base_url: str, demo: Demo):
    with override_settings(OPENPIE_IDLE_MINUTES=0.25, OPENPIE_IDLE_WARNING_SECONDS=10):
        sign_in(page, base_url, STAFF)
        dialog = page.get_by_role("alertdialog", name="You are about to be signed out")
        expect(dialog).to_be_visible(timeout=15_000)
        stay = dialog.get_by_role("button", name="Stay signed in")
        expect(stay).to_be_focused()
        assert_accessible(page)
        page.keyboard.press("Enter")
        expect(dialog).to_be_hidden()
        # Still signed in: the warning comes again, counted from "Stay signed in".
        expect(dialog).to_be_visible(timeout=15_000)
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Sign in to OpenPIE")
        # Ignored this time: the person lands on the sign-in page, told why.
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenPIE", timeout=20_000)
        expect(page.get_by_role("main")).to_contain_text("You were signed out after 0.25 minutes without activity")
        assert_accessible(page)
