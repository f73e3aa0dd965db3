"""Signing in with an organisation's own account through a real SAML 2.0 identity provider on loopback
(pysaml2's, tests/idp/saml): the demo organisation's admin sets it up on the pages with the identity
provider's entity id, sign-in address and certificate; a newcomer at the allowed domain joins with the
default role, an account at another domain is refused with a clear message, and someone invited from
another domain joins from their invitation's page with the invited role. Axe on each of our pages."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import Page, expect

from openpie.accounts.models import User
from openpie.organisations.models import Membership, Role
from openpie.organisations.services import invitation_create
from tests.browser.conftest import Demo, assert_accessible, sign_in
from tests.browser.idp import SamlIdentityProvider, saml_identity_provider

PROVIDER = "Riverside SAML account"


def set_up_provider(page: Page, base_url: str, demo: Demo, idp: SamlIdentityProvider) -> None:
    sign_in(page, base_url, "admin@openpie.example")
    page.get_by_role("link", name="Your account").click()
    page.get_by_role("link", name=f"Signing in with {demo.organisation.name}'s account").click()
    assert_accessible(page)
    page.get_by_label("SAML 2.0").check()
    page.get_by_label("Name on the sign-in page").fill(PROVIDER)
    page.get_by_label("Identity provider's entity ID").fill(idp.entity_id)
    page.get_by_label("Sign-in address (single sign-on URL)").fill(idp.sso_url)
    page.get_by_label("Signing certificate").fill(idp.certificate)
    page.get_by_label("Email domains that may join").fill("riverside.example")
    page.get_by_label("Role for someone who joins by their domain").select_option(label="Staff member")
    page.get_by_label("Where they join").select_option(label="Harbour House")
    page.get_by_role("button", name="Add provider").click()
    expect(page.get_by_text(f"{PROVIDER} has been added.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Change {PROVIDER}").click()
    expect(page.locator("[data-callback]")).to_contain_text("/sign-in/saml/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").first.click()


def through_identity_provider(page: Page, base_url: str, email: str, *, typed: str = "", invitation: str = "") -> None:
    """Found by the typed work address (or from an invitation's page), then the identity provider's page."""
    page.context.clear_cookies()
    if invitation:
        page.goto(invitation)
        assert_accessible(page)
        page.get_by_role("link", name="Or join with your organisation's account").click()
    else:
        page.goto(f"{base_url}/sign-in/")
        assert_accessible(page)
        page.get_by_label("Your work email address").fill(typed or email)
        page.get_by_role("button", name="Continue with your organisation's account").click()
    assert_accessible(page)
    page.get_by_role("button", name=f"Sign in with {PROVIDER}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Test identity provider")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("anything")
    page.get_by_role("button", name="Sign in to the identity provider").click()
    page.get_by_role("button", name="Continue to the service").click()  # the signed answer, posted back to us


@pytest.mark.browser
def test_sign_in_through_the_organisations_saml_identity_provider(page: Page, base_url: str, demo: Demo) -> None:
    _, link = invitation_create(
        unit=demo.unit("Harbour House"),
        email="guest@partner.example",
        role=Role.READ_ONLY,
        invited_by=User.objects.get(email="admin@openpie.example"),
    )
    with saml_identity_provider() as idp:
        set_up_provider(page, base_url, demo, idp)

        # At the allowed domain: joins Harbour House as staff, and is signed in.
        through_identity_provider(page, base_url, "new.person@riverside.example")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
        assert_accessible(page)
        newcomer = Membership.objects.get(user__email="new.person@riverside.example")
        assert (newcomer.unit.name, newcomer.role) == ("Harbour House", Role.STAFF)
        assert newcomer.user.full_name == "New Person"
        assert SocialAccount.objects.get(user=newcomer.user).uid == "new.person@riverside.example"

        # The identity provider's account is at another domain, not invited: refused, and told why.
        through_identity_provider(page, base_url, "someone@elsewhere.example", typed="someone@riverside.example")
        expect(page.get_by_role("heading", level=1)).to_have_text("You cannot sign in this way")
        expect(page.locator("[data-sso-refusal]")).to_contain_text("addresses at elsewhere.example")
        assert_accessible(page)
        assert not User.objects.filter(email="someone@elsewhere.example").exists()

        # Invited from another domain: joins from the invitation's page, with the invited role.
        through_identity_provider(page, base_url, "guest@partner.example", invitation=base_url + urlsplit(link).path)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")
        assert_accessible(page)
        assert Membership.objects.get(user__email="guest@partner.example").role == Role.READ_ONLY
