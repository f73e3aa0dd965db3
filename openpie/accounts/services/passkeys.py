"""Passkeys (WebAuthn) on django-allauth's MFA: each is an allauth ``Authenticator`` of type ``webauthn``.

Every passkey is made discoverable and with user verification (allauth's "passwordless" kind): it holds
the person's handle, so it can sign them in by itself (``MFA_PASSKEY_LOGIN_ENABLED``), and it counts as
the second step after a password or a provider's sign-in. allauth's WebAuthn functions (python-fido2)
check the challenge kept in the session, the origin and the signature; the relying party is the host
the page was served from (``localhost`` in development, never an IP address). The browser's side is
``static/js/passkeys.js`` with the browser's own WebAuthn JSON functions.
"""

from __future__ import annotations

import json
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.internal import auth
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.accounts.models import User

WEBAUTHN = Authenticator.Type.WEBAUTHN


def passkeys_of(user: Any) -> list[Authenticator]:
    return list(Authenticator.objects.filter(user_id=user.pk, type=WEBAUTHN).order_by("created_at"))


def has_passkey(user: Any) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=WEBAUTHN).exists()


def registration_options(user: User) -> dict[str, Any]:
    """What the browser needs to make a passkey (the challenge is kept in the session)."""
    return auth.begin_registration(user, passwordless=True)


def _parsed(value: str) -> dict[str, Any]:
    try:
        data = json.loads(value)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise ValidationError(_("That is not an answer from a passkey."), code="incorrect_code")
    return data


@transaction.atomic
def passkey_add(*, user: User, name: str, credential: str) -> Authenticator:
    """Keep the passkey the browser made, or ``ValidationError`` if its answer does not check out."""
    data = _parsed(credential)
    auth.parse_registration_response(data)
    auth.complete_registration(data)
    return auth.WebAuthn.add(user, name, data).instance


def authentication_options(user: User | None) -> dict[str, Any]:
    """What the browser needs to use a passkey: the person's own (second step), or any of this site's."""
    return auth.begin_authentication(user)


@transaction.atomic
def passkey_check(*, user: User | None, response: str) -> tuple[User, Authenticator]:
    """The person and passkey a browser's answer proves, or ``ValidationError``. With no ``user`` (signing
    in by passkey alone) the person is the one the passkey names."""
    data = _parsed(response)
    auth.parse_authentication_response(data)
    person = user if user is not None else auth.extract_user_from_response(data)
    authenticator = auth.complete_authentication(person, data)
    authenticator.last_used_at = timezone.now()
    authenticator.save(update_fields=["last_used_at"])
    return person, authenticator


@transaction.atomic
def passkey_remove(*, user: User, pk: int) -> bool:
    deleted, _by_kind = Authenticator.objects.filter(user=user, type=WEBAUTHN, pk=pk).delete()
    return bool(deleted)
