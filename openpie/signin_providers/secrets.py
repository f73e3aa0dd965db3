"""Providers' client secrets are stored encrypted (Fernet), never in the clear.

The key is ``OPENPIE_SSO_KEY`` (urlsafe base64 of 32 bytes) or, unset, derived from ``SECRET_KEY``.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "fernet:"


def _fernet() -> Fernet:
    if settings.OPENPIE_SSO_KEY:
        return Fernet(settings.OPENPIE_SSO_KEY.encode())
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"openpie-sso-secrets", info=b"v1").derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def secret_seal(value: str) -> str:
    return PREFIX + _fernet().encrypt(value.encode()).decode()


def secret_open(stored: str) -> str:
    """The plain secret; an empty string if it cannot be read (the key changed)."""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        return ""
