"""Organisations' own sign-in: its rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

SIGNIN_PROVIDER_ROUTES: dict[str, Route | str] = {
    "signin_providers:list": Route(
        "organisation.change", "root", lambda w: reverse("signin_providers:list", args=[w.tree.organisation.pk])
    ),
    "signin_providers:provider": "an organisation admin of the provider's organisation, or a platform admin "
    "(signin_providers test_providers)",
    "signin_providers:remove": "POST only; as signin_providers:provider (signin_providers test_providers)",
    "signin_providers:find": "public, POST only: the provider for an email address's domain (test_providers)",
    "signin_providers:invitation": "public: the inviting organisation's providers, for a usable invitation's "
    "token only (test_providers)",
    "openid_connect_login": "public: starts signing in with an organisation's provider (allauth; test_providers)",
    "openid_connect_callback": "public: the provider's answer, checked by allauth's state (test_providers)",
    "saml_login": "public: starts signing in with an organisation's SAML provider (allauth; test_saml)",
    "saml_acs": "public, POST from the identity provider: its signed answer, checked by allauth (test_saml)",
    "saml_finish_acs": "public: the answer checked against the sign-in this browser started (allauth; test_saml)",
    "saml_sls": "public: the identity provider's sign-out, checked by allauth (test_saml)",
    "saml_metadata": "public: our SAML metadata for the identity provider (test_saml)",
}
