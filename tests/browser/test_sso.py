"""Signing in with an organisation's own account, through a real OpenID Connect provider on loopback.

The demo organisation's admin sets the provider up on the pages; then a newcomer at the allowed domain
(who types their work email address on the sign-in page: providers are not listed there) joins with the
default role, someone at another domain is refused with a clear message, and someone invited from
another domain joins from their invitation's page. Axe on each of our pages.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from openpie.accounts.models import User
from openpie.organisations.models import Membership, Role
from openpie.organisations.services import invitation_create
from tests.browser.conftest import Demo, assert_accessible, sign_in
from tests.browser.idp import oidc_provider

PROVIDER = "Riverside staff account"


def set_up_provider(page: Page, base_url: str, demo: Demo) -> str:
    """The admin adds the provider on the organisation's page; returns the address to send people back to."""
    sign_in(page, base_url, "admin@openpie.example")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name=f"Signing in with {demo.organisation.name}'s account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Signing in with {demo.organisation.name}'s account")
    assert_accessible(page)
    page.get_by_label("Name on the sign-in page").fill(PROVIDER)
    page.get_by_label("OpenID Connect (Microsoft Entra, Google Workspace and most others)").check()
    page.get_by_label("Issuer address").fill("http://127.0.0.1:8122")
    page.get_by_label("Client ID").fill("openpie-test")
    page.get_by_label("Client secret").fill("openpie-test-secret-not-for-production")
    page.get_by_label("Email domains that may join").fill("riverside.example")
    page.get_by_label("Role for someone who joins by their domain").select_option(label="Staff member")
    page.get_by_label("Where they join").select_option(label="Harbour House")
    page.get_by_role("button", name="Add provider").click()
    expect(page.get_by_text(f"{PROVIDER} has been added.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Change {PROVIDER}").click()
    assert_accessible(page)
    callback = page.locator("[data-callback]").inner_text()
    page.get_by_role("button", name="Sign out").first.click()
    return callback


def find_provider(page: Page, base_url: str, email: str) -> None:
    """On the sign-in page, fresh each time: the work email address finds the organisation's provider."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/sign-in/")
    expect(page.get_by_role("heading", name="Sign in with your organisation's account")).to_be_visible()
    expect(page.get_by_role("button", name=f"Sign in with {PROVIDER}")).to_have_count(0)  # not listed to anyone
    assert_accessible(page)
    page.get_by_label("Your work email address").fill(email)
    page.get_by_role("button", name="Continue with your organisation's account").click()


def through_provider(page: Page, base_url: str, email: str, *, invitation: str = "", typed: str = "") -> None:
    """Sign in on the provider's own page (any password): found by the address, or from an invitation."""
    if invitation:
        page.context.clear_cookies()
        page.goto(invitation)
        assert_accessible(page)
        page.get_by_role("link", name="Or join with your organisation's account").click()
    else:
        find_provider(page, base_url, typed or email)
    assert_accessible(page)
    page.get_by_role("button", name=f"Sign in with {PROVIDER}").click()
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("anything")
    page.get_by_role("button", name="Sign-in").click()


@pytest.mark.browser
def test_sign_in_through_the_organisations_provider(page: Page, base_url: str, demo: Demo) -> None:
    callback = set_up_provider(page, base_url, demo)
    _, link = invitation_create(
        unit=demo.unit("Harbour House"),
        email="guest@partner.example",
        role=Role.READ_ONLY,
        invited_by=User.objects.get(email="admin@openpie.example"),
    )
    with oidc_provider(callback):
        # At the allowed domain: joins Harbour House as staff, and is signed in.
        through_provider(page, base_url, "new.person@riverside.example")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
        assert_accessible(page)
        newcomer = Membership.objects.get(user__email="new.person@riverside.example")
        assert (newcomer.unit.name, newcomer.role) == ("Harbour House", Role.STAFF)

        # Another domain finds no provider on the sign-in page.
        find_provider(page, base_url, "someone@elsewhere.example")
        expect(page.locator("[data-none-found]")).to_contain_text("No organisation has set up its own sign-in")
        assert_accessible(page)

        # At another domain, not invited, through the provider all the same: refused, and told why.
        # (The provider's account has an address at another domain than the one typed.)
        through_provider(page, base_url, "someone@elsewhere.example", typed="someone@riverside.example")
        expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in this way")
        expect(page.locator("[data-sso-refusal]")).to_contain_text("addresses at elsewhere.example")
        assert_accessible(page)
        assert not User.objects.filter(email="someone@elsewhere.example").exists()

        # Invited from another domain: joins from the invitation's page, with the invited role.
        through_provider(page, base_url, "guest@partner.example", invitation=base_url + urlsplit(link).path)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
        assert_accessible(page)  # ours; the provider's own sign-in page is not ours to check
        guest = Membership.objects.get(user__email="guest@partner.example")
        assert guest.role == Role.READ_ONLY
