"""Signing in safely: its rows of the page access table (test_access_matrix)."""

from __future__ import annotations

from openpie.organisations.tests.route import Route

ACCOUNT_ROUTES: dict[str, Route | str] = {
    "accounts:mfa-verify": "signed in: the second step for one's own account only (accounts test_mfa)",
    "accounts:mfa-setup": "signed in: one's own authenticator app only (accounts test_mfa)",
    "accounts:mfa-recovery-codes": "signed in, second step done: one's own recovery codes (accounts test_mfa)",
    "accounts:mfa-remove": "signed in, second step done, password again: one's own app (accounts test_mfa)",
    "accounts:passkey-add": "signed in, second step done: a passkey for one's own account (accounts test_passkeys)",
    "accounts:passkey-remove": "POST only; one's own passkeys only, others' 302 untouched (accounts test_passkeys)",
    "accounts:passkey-options": "public, POST only: a challenge for using a passkey (accounts test_passkeys)",
    "accounts:passkey-sign-in": "public, POST only: a passkey's signed answer, checked (accounts test_passkeys)",
    "accounts:session-status": "signed in: one's own session only (accounts test_sessions)",
    "accounts:session-extend": "signed in: one's own session only (accounts test_sessions)",
    "accounts:language": "public, POST only: the language of the pages for this device, and for a signed-in "
    "person their own account only (common test_translations)",
    "<unnamed admin/login/>": "public: sends the platform admin's sign-in to the one sign-in page (accounts tests)",
}
