"""Passkeys in a browser, through Chromium's virtual authenticator (CDP ``WebAuthn``): a person adds a
passkey under Your account, signs out, and signs in with the passkey alone (both steps at once); then
signs in with their password and uses the passkey as the second step. WebAuthn needs a secure context
and a relying party that is a name, not an IP address: these pages are opened at ``localhost``. Axe on
every page. (A migrated authenticator app still working is tests/browser/test_mfa.py.)"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from playwright.sync_api import Page, expect

from tests.browser.conftest import DEMO_PASSWORD, Demo, assert_accessible, sign_in

ADMIN = "admin@openpie.example"  # an organisation admin: two-step sign-in is required, an app is set up


def virtual_authenticator(page: Page) -> str:
    """A platform authenticator that keeps discoverable passkeys and verifies its user by itself."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
        "automaticPresenceSimulation": True,
    }
    return str(cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})["authenticatorId"])


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to OpenPIE")
    assert_accessible(page)


@pytest.mark.browser
def test_add_a_passkey_and_sign_in_with_it(page: Page, base_url: str, demo: Demo) -> None:
    base = base_url.replace("127.0.0.1", "localhost")
    virtual_authenticator(page)
    sign_in(page, base, ADMIN)  # password and the app's code

    page.get_by_role("link", name="Your account").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a passkey")
    assert_accessible(page)
    page.get_by_label("Name for this passkey").fill("Work laptop")
    page.get_by_role("button", name="Create and save the passkey").click()
    expect(page.get_by_text("Your passkey has been added.")).to_be_visible()
    expect(page.locator("#passkeys ~ .govuk-summary-list").first).to_contain_text("Work laptop")
    assert_accessible(page)
    assert Authenticator.objects.filter(user__email=ADMIN, type=Authenticator.Type.WEBAUTHN).count() == 1

    # The passkey alone: both steps at once, no password and no code.
    sign_out(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert_accessible(page)

    # After the password, the passkey is the second step.
    sign_out(page)
    page.get_by_label("Email address", exact=True).fill(ADMIN)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the code from your authenticator app")
    assert_accessible(page)
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
    assert_accessible(page)
    passkey = Authenticator.objects.get(user__email=ADMIN, type=Authenticator.Type.WEBAUTHN)
    assert passkey.last_used_at is not None
