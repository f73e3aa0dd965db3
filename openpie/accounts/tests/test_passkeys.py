"""Passkeys: adding one (the server's real WebAuthn checks, on a software passkey), signing in with it
alone or as the second step, and what is refused."""

from __future__ import annotations

import json
import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from openpie.accounts.tests.factories import PASSWORD
from openpie.accounts.tests.helpers import signed_in_client
from openpie.accounts.tests.webauthn import SoftPasskey
from openpie.audit.models import AuditEvent

OPTIONS = re.compile(r'<script id="passkey-creation-options" type="application/json">(.*?)</script>', re.S)


def localhost_client(user) -> Client:
    client = signed_in_client(user)
    client.defaults["HTTP_HOST"] = "localhost"
    return client


def add_passkey(client: Client, passkey: SoftPasskey, name: str = "Work laptop"):
    page = client.get(reverse("accounts:passkey-add")).content.decode()
    found = OPTIONS.search(page)
    assert found, page
    options = json.loads(found.group(1))
    return client.post(reverse("accounts:passkey-add"), {"name": name, "credential": passkey.create(options)})


def use_passkey(client: Client, passkey: SoftPasskey, next_url: str = "/account/"):
    options = client.post(reverse("accounts:passkey-options")).json()
    return client.post(reverse("accounts:passkey-sign-in"), {"credential": passkey.get(options), "next": next_url})


@pytest.mark.django_db
def test_a_passkey_added_signs_in_by_itself_with_both_steps(people):
    passkey = SoftPasskey()
    client = localhost_client(people.staff)
    assert add_passkey(client, passkey).status_code == 302
    stored = Authenticator.objects.get(user=people.staff, type=Authenticator.Type.WEBAUTHN)
    assert stored.data["name"] == "Work laptop"

    fresh = Client(HTTP_HOST="localhost")
    response = use_passkey(fresh, passkey)
    assert (response.status_code, response["Location"]) == (302, "/account/")
    assert fresh.get("/account/").status_code == 200  # no code asked for
    assert AuditEvent.objects.filter(actor=people.staff, action="auth.sign_in", detail__method="passkey").exists()
    stored.refresh_from_db()
    assert stored.last_used_at is not None


@pytest.mark.django_db
def test_a_passkey_is_the_second_step_after_the_password(people):
    passkey = SoftPasskey()
    add_passkey(localhost_client(people.admin), passkey)
    client = Client(HTTP_HOST="localhost")
    client.post(reverse("accounts:sign-in"), {"username": people.admin.email, "password": PASSWORD})
    assert client.get("/account/").status_code == 302  # the second step first
    page = client.get(reverse("accounts:mfa-verify")).content.decode()
    assert "Use a passkey" in page
    assert 'name="code"' in page  # the admin's authenticator app works too
    use_passkey(client, passkey)
    assert client.get("/account/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_or_replayed_answer_signs_nobody_in(people):
    passkey = SoftPasskey()
    add_passkey(localhost_client(people.staff), passkey)
    client = Client(HTTP_HOST="localhost")
    options = client.post(reverse("accounts:passkey-options")).json()
    answer = passkey.get(options)
    assert client.post(reverse("accounts:passkey-sign-in"), {"credential": "{}"}).status_code == 302
    assert client.get("/account/").status_code == 302
    client.post(reverse("accounts:passkey-options"))  # a new challenge: the old answer no longer fits
    client.post(reverse("accounts:passkey-sign-in"), {"credential": answer})
    assert client.get("/account/").status_code == 302
    other = SoftPasskey(user_handle=passkey.user_handle)  # a key the server never saw
    use_passkey(client, other)
    assert client.get("/account/").status_code == 302
    assert AuditEvent.objects.filter(action="auth.passkey_failed").count() == 3


@pytest.mark.django_db
def test_an_organisation_without_passwords_refuses_passkey_sign_in(people, tree):
    from openpie.signin_providers.tests.test_providers import provider_for

    passkey = SoftPasskey()
    add_passkey(localhost_client(people.staff), passkey)
    provider_for(tree, people.admin, password_allowed=False)
    client = Client(HTTP_HOST="localhost")
    response = use_passkey(client, passkey)
    assert response["Location"] == reverse("accounts:sign-in")
    assert client.get("/account/").status_code == 302


@pytest.mark.django_db
def test_only_ones_own_passkeys_can_be_removed(people):
    owner = localhost_client(people.staff)  # the second step is done: adding the passkey did it
    add_passkey(owner, SoftPasskey())
    stored = Authenticator.objects.get(user=people.staff, type=Authenticator.Type.WEBAUTHN)
    remove = reverse("accounts:passkey-remove", args=[stored.pk])
    assert signed_in_client(people.reader).post(remove).status_code == 302
    assert Authenticator.objects.filter(pk=stored.pk).exists()
    assert owner.get(remove).status_code == 405
    owner.post(remove)
    assert not Authenticator.objects.filter(pk=stored.pk).exists()


@pytest.mark.django_db
def test_the_passkey_options_are_post_only():
    assert Client(HTTP_HOST="localhost").get(reverse("accounts:passkey-options")).status_code == 405
    options = Client(HTTP_HOST="localhost").post(reverse("accounts:passkey-options")).json()
    assert options["publicKey"]["rpId"] == "localhost"
    assert options["publicKey"]["userVerification"] == "required"
