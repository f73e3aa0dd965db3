"""An organisation's own sign-in: the pages that set it up, who a first sign-in lets in, passwords turned
off, and a provider's second factor counting when the setting says so. (Signing in through a real
provider is in tests/browser/test_sso.py.)"""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialApp
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse

from openpie.accounts.models import User
from openpie.accounts.policy import VERIFIED
from openpie.accounts.tests.factories import PASSWORD
from openpie.organisations.models import Membership, Role
from openpie.organisations.services import invitation_create
from openpie.signin_providers.adapter import SocialAccountAdapter, _after_sso_sign_in
from openpie.signin_providers.models import SignInProvider
from openpie.signin_providers.services import ProviderDetails, SignInRefusedError, provider_save, sso_admit

FORM = {
    "kind": "openid_connect",
    "name": "Riverside account",
    "issuer": "https://login.riverside.example/v2.0",
    "client_id": "client-1",
    "secret": "very-secret-value",
    "email_domains": "riverside.example, @Team.Riverside.example",
    "default_role": Role.STAFF,
    "password_allowed": "on",
}


def provider_for(tree, admin, **changes) -> SignInProvider:
    details = {
        "name": "Riverside account",
        "issuer": "https://login.riverside.example",
        "client_id": "client-1",
        "secret": "s3cret",
        "email_domains": ["riverside.example"],
        "password_allowed": True,
        "default_role": Role.STAFF,
        "default_unit": tree.service,
        **changes,
    }
    return provider_save(organisation=tree.organisation, details=ProviderDetails(**details), by=admin)


@pytest.mark.django_db
def test_the_organisation_admin_adds_a_provider_and_its_secret_is_kept_encrypted(client_for, people, tree):
    client = client_for(people.admin)
    url = reverse("signin_providers:list", args=[tree.organisation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**FORM, "default_unit": tree.service.pk})
    assert response.status_code == 302
    provider = SignInProvider.objects.get()
    assert provider.email_domains == ["riverside.example", "team.riverside.example"]
    assert (provider.default_role, provider.default_unit) == (Role.STAFF, tree.service)
    assert provider.app.secret.startswith("fernet:")
    assert "very-secret-value" not in provider.app.secret
    [app] = SocialAccountAdapter().list_apps(None, provider=provider.app.provider_id)
    assert app.secret == "very-secret-value"
    # The public sign-in page does not list providers: a work email address finds its organisation's.
    assert "Riverside account" not in Client().get(reverse("accounts:sign-in")).content.decode()
    found = Client().post(reverse("signin_providers:find"), {"email": "someone@Riverside.example"})
    assert "Sign in with Riverside account" in found.content.decode()
    assert "https://login.riverside.example" in found.headers["Content-Security-Policy"]
    none = Client().post(reverse("signin_providers:find"), {"email": "someone@elsewhere.example"})
    assert "Riverside" not in none.content.decode()
    assert "No organisation has set up its own sign-in for someone@elsewhere.example" in none.content.decode()


@pytest.mark.django_db
def test_changing_a_provider_keeps_the_secret_when_left_empty(client_for, people, tree):
    provider = provider_for(tree, people.admin)
    client = client_for(people.admin)
    url = reverse("signin_providers:provider", args=[provider.pk])
    page = client.get(url).content.decode()
    assert "/sign-in/oidc/" in page
    assert "/login/callback/" in page
    client.post(url, {**FORM, "secret": "", "default_unit": tree.service.pk, "name": "Renamed"})
    app = SocialApp.objects.get()
    assert app.name == "Renamed"
    assert SocialAccountAdapter().list_apps(None, provider=app.provider_id)[0].secret == "s3cret"


@pytest.mark.django_db
def test_invalid_input_is_a_clear_error(client_for, people, tree):
    client = client_for(people.admin)
    url = reverse("signin_providers:list", args=[tree.organisation.pk])
    body = client.post(url, {**FORM, "email_domains": "not a domain", "secret": ""}).content.decode()
    assert "Enter domains like riverside.example" in body
    assert "Enter the client secret from your provider" in body
    assert not SignInProvider.objects.exists()


@pytest.mark.django_db
def test_outsiders_get_404_and_read_only_members_403(client_for, people, tree):
    provider = provider_for(tree, people.admin)
    for url in [
        reverse("signin_providers:list", args=[tree.organisation.pk]),
        reverse("signin_providers:provider", args=[provider.pk]),
    ]:
        assert client_for(people.outsider).get(url).status_code == 404
        assert client_for(people.reader).get(url).status_code == 403
    remove = reverse("signin_providers:remove", args=[provider.pk])
    assert client_for(people.admin).get(remove).status_code == 405
    assert client_for(people.outsider).post(remove).status_code == 404
    assert client_for(people.admin).post(remove).status_code == 302
    assert not SocialApp.objects.exists()


@pytest.mark.django_db
def test_a_platform_admin_may_set_up_any_organisations_provider(client_for, tree):
    platform = User.objects.create_superuser("platform@example.org", PASSWORD, is_staff=True)
    url = reverse("signin_providers:list", args=[tree.organisation.pk])
    assert client_for(platform).get(url).status_code == 200


@pytest.mark.django_db
def test_an_allowed_domain_joins_with_the_default_role_and_unit(people, tree):
    provider = provider_for(tree, people.admin)
    user = sso_admit(provider=provider, email="New.Person@Riverside.example", name="New Person")
    membership = Membership.objects.get(user=user)
    assert (user.email, membership.unit, membership.role) == ("new.person@riverside.example", tree.service, Role.STAFF)
    assert not user.has_usable_password()


@pytest.mark.django_db
def test_another_domain_is_refused_unless_invited(people, tree):
    provider = provider_for(tree, people.admin)
    with pytest.raises(SignInRefusedError, match=r"addresses at elsewhere\.example"):
        sso_admit(provider=provider, email="someone@elsewhere.example")
    assert not User.objects.filter(email="someone@elsewhere.example").exists()
    invitation_create(unit=tree.locality, email="someone@elsewhere.example", role=Role.MANAGER, invited_by=people.admin)
    user = sso_admit(provider=provider, email="someone@elsewhere.example")
    assert Membership.objects.get(user=user).role == Role.MANAGER


@pytest.mark.django_db
def test_a_domain_without_a_default_role_joins_only_by_invitation(people, tree):
    provider = provider_for(tree, people.admin, default_role="", default_unit=None)
    with pytest.raises(SignInRefusedError):
        sso_admit(provider=provider, email="new@riverside.example")


@pytest.mark.django_db
def test_an_existing_member_signs_in_without_joining_again(people, tree):
    provider = provider_for(tree, people.admin, email_domains=[])
    assert sso_admit(provider=provider, email=people.staff.email) == people.staff
    assert Membership.objects.filter(user=people.staff).count() == 1
    with pytest.raises(SignInRefusedError):
        sso_admit(provider=provider, email=people.outsider.email)  # another organisation's person


@pytest.mark.django_db
def test_an_organisation_can_turn_passwords_off_for_its_people(people, tree):
    provider_for(tree, people.admin, password_allowed=False)
    response = Client().post(reverse("accounts:sign-in"), {"username": people.staff.email, "password": PASSWORD})
    assert response.status_code == 200
    assert f"{tree.organisation.name} signs in with its own account" in response.content.decode()
    ok = Client().post(reverse("accounts:sign-in"), {"username": people.outsider.email, "password": PASSWORD})
    assert ok.status_code == 302  # another organisation's people are not affected


def _request(user):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = user
    return request


@pytest.mark.django_db
def test_a_providers_second_factor_counts_only_when_the_setting_says_so(people, tree, settings):
    provider = provider_for(tree, people.admin)
    claims = {"amr": ["pwd", "mfa"]}
    request = _request(people.admin)
    _after_sso_sign_in(request, people.admin, provider, claims)
    assert VERIFIED not in request.session  # off by default
    settings.OPENPIE_SSO_MFA_COUNTS = True
    _after_sso_sign_in(request, people.admin, provider, {"amr": ["pwd"]})
    assert VERIFIED not in request.session  # the provider did not use a second factor
    _after_sso_sign_in(request, people.admin, provider, claims)
    assert request.session[VERIFIED] == people.admin.pk


@pytest.mark.django_db
def test_an_invitation_offers_the_inviting_organisations_providers(people, tree):
    provider_for(tree, people.admin, email_domains=[])
    _, link = invitation_create(
        unit=tree.locality, email="guest@partner.example", role=Role.STAFF, invited_by=people.admin
    )
    token = link.rstrip("/").rsplit("/", 1)[1]  # the plain token, known only to the emailed link
    page = Client().get(reverse("organisations:invitation-accept", args=[token])).content.decode()
    offer_url = reverse("signin_providers:invitation", args=[token])
    assert offer_url in page
    offer = Client().get(offer_url).content.decode()
    assert "Sign in with Riverside account" in offer
    assert Client().get(reverse("signin_providers:invitation", args=["not-a-token"])).status_code == 404


@pytest.mark.django_db
def test_the_device_remembers_the_provider_it_signed_in_with(people, tree):
    from openpie.signin_providers.selectors import REMEMBERED, remember_value

    provider = provider_for(tree, people.admin)
    client = Client()
    client.cookies[REMEMBERED] = remember_value(provider)
    page = client.get(reverse("accounts:sign-in"))
    assert "Sign in with Riverside account" in page.content.decode()
    assert "https://login.riverside.example" in page.headers["Content-Security-Policy"]
    client.cookies[REMEMBERED] = "forged"
    assert "Sign in with Riverside account" not in client.get(reverse("accounts:sign-in")).content.decode()
