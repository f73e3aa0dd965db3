"""SAML 2.0 providers: setting one up on the pages, what allauth is given, and our metadata. (Signing in
through a real identity provider is in tests/browser/test_saml.py.)"""

from __future__ import annotations

import datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client
from django.urls import reverse

from openpie.organisations.models import Role
from openpie.signin_providers.models import SignInProvider


def certificate_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.riverside.example")])
    now = datetime.datetime.now(datetime.UTC)
    builder = x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
    builder = builder.serial_number(1).not_valid_before(now).not_valid_after(now + datetime.timedelta(days=1))
    return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()


def saml_form(tree, **changes):
    return {
        "kind": "saml",
        "name": "Riverside SAML",
        "entity_id": "https://idp.riverside.example/metadata",
        "sso_url": "https://idp.riverside.example/sso",
        "x509cert": certificate_pem(),
        "email_domains": "riverside.example",
        "default_role": Role.STAFF,
        "default_unit": tree.service.pk,
        "password_allowed": "on",
        **changes,
    }


@pytest.mark.django_db
def test_the_admin_adds_a_saml_provider_with_a_certificate(client_for, people, tree):
    client = client_for(people.admin)
    url = reverse("signin_providers:list", args=[tree.organisation.pk])
    assert client.post(url, saml_form(tree)).status_code == 302
    provider = SignInProvider.objects.select_related("app").get()
    assert provider.is_saml
    assert provider.app.client_id == provider.app.provider_id  # the SAML pages' addresses carry it
    idp = provider.app.settings["idp"]
    assert idp["sso_url"] == "https://idp.riverside.example/sso"
    assert "BEGIN" not in idp["x509cert"]  # one base64 line, as python3-saml takes it
    assert provider.app.settings["advanced"]["want_assertion_signed"] is True
    page = client.get(reverse("signin_providers:provider", args=[provider.pk])).content.decode()
    assert reverse("saml_acs", args=[provider.app.client_id]) in page
    # Changing it keeps its kind: no OpenID Connect fields.
    assert 'name="issuer"' not in page
    assert 'name="entity_id"' in page
    # (python3-saml takes addresses with a dot or an IP, not the test client's "testserver".)
    metadata = Client(HTTP_HOST="127.0.0.1").get(reverse("saml_metadata", args=[provider.app.client_id]))
    assert metadata.status_code == 200
    assert b"AssertionConsumerService" in metadata.content
    found = Client().post(reverse("signin_providers:find"), {"email": "a@riverside.example"})
    assert "https://idp.riverside.example" in found.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_metadata_address_is_enough(client_for, people, tree):
    form = saml_form(tree, sso_url="", x509cert="", metadata_url="https://idp.riverside.example/federationmetadata")
    assert (
        client_for(people.admin).post(reverse("signin_providers:list", args=[tree.organisation.pk]), form).status_code
        == 302
    )
    idp = SignInProvider.objects.get().app.settings["idp"]
    assert idp == {"entity_id": "https://idp.riverside.example/metadata", "metadata_url": form["metadata_url"]}


@pytest.mark.django_db
def test_missing_or_wrong_saml_details_are_clear_errors(client_for, people, tree):
    url = reverse("signin_providers:list", args=[tree.organisation.pk])
    client = client_for(people.admin)
    body = client.post(url, saml_form(tree, entity_id="", sso_url="", x509cert="")).content.decode()
    assert "Enter the identity provider&#x27;s entity ID" in body
    assert "Enter the sign-in address, or the metadata address above" in body
    assert "Paste the signing certificate, or give the metadata address above" in body
    body = client.post(url, saml_form(tree, x509cert="not a certificate")).content.decode()
    assert "Paste the identity provider&#x27;s signing certificate" in body
    assert not SignInProvider.objects.exists()
