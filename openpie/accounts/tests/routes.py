"""Signing in safely: its rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from django.urls import reverse

from openpie.organisations.tests.route import Route

ACCOUNT_ROUTES: dict[str, Route | str] = {
    "accounts:mfa-verify": "signed in: the second step for one's own account only (accounts test_mfa)",
    "accounts:mfa-setup": "signed in: one's own authenticator app only (accounts test_mfa)",
    "accounts:mfa-recovery-codes": "signed in, second step done: one's own recovery codes (accounts test_mfa)",
    "accounts:mfa-remove": "signed in, second step done, password again: one's own app (accounts test_mfa)",
    "accounts:session-status": "signed in: one's own session only (accounts test_sessions)",
    "accounts:session-extend": "signed in: one's own session only (accounts test_sessions)",
    "accounts:sso-providers": Route(
        "organisation.change", "root", lambda w: reverse("accounts:sso-providers", args=[w.tree.organisation.pk])
    ),
    "accounts:sso-provider": "an organisation admin of the provider's organisation, or a platform admin "
    "(accounts test_sso)",
    "accounts:sso-provider-remove": "POST only; as accounts:sso-provider (accounts test_sso)",
    "openid_connect_login": "public: starts signing in with an organisation's provider (allauth; accounts test_sso)",
    "openid_connect_callback": "public: the provider's answer, checked by allauth's state (accounts test_sso)",
    "accounts:language": "public, POST only: the language of the pages for this device, and for a signed-in "
    "person their own account only (common test_translations)",
    "<unnamed admin/login/>": "public: sends the platform admin's sign-in to the one sign-in page (accounts tests)",
}
