"""Withdrawal codes: 12 characters from an alphabet with no look-alikes, shown as XXXX-XXXX-XXXX.

Only a keyed hash of the code is stored (HMAC-SHA256 keyed from ``SECRET_KEY``), so the
database alone cannot tell anyone's code.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L: easy to read out, copy by hand and type on a phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
GROUP = 4


def _key(purpose: str) -> bytes:
    return hashlib.sha256(f"openpie.participation.{purpose}:{settings.SECRET_KEY}".encode()).digest()


def keyed_hash(value: str, *, purpose: str) -> str:
    """A hex HMAC-SHA256 of ``value`` under a key for one purpose (64 characters)."""
    return hmac.new(_key(purpose), value.encode(), hashlib.sha256).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str | None) -> str:
    """What the person typed, without spaces or dashes, in capitals; "" if it cannot be a code."""
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(text) != LENGTH or any(ch not in ALPHABET for ch in text):
        return ""
    return text


def shown(code: str) -> str:
    """ "ABCD-EFGH-JKMN"."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_hash(code: str) -> str:
    return keyed_hash(code, purpose="withdrawal-code")


# A link's short code, typed at /go/ by someone with no QR scanner: 8 characters, case-insensitive.
# Stricter than the withdrawal codes' alphabet: no 0/O/Q, 1/I/L, 5/S, 2/Z, 8/B, 6/G, U/V either.
# 20 symbols, 8 long: about 2.6 × 10^10 codes, and guessing is rate limited (ratelimit.check_go).
SHORT_ALPHABET = "ACDEFHJKMNPRTWXY3479"
SHORT_LENGTH = 8


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_ALPHABET) for _ in range(SHORT_LENGTH))


def normalise_short(code: str | None) -> str:
    """A typed short code in capitals without spaces or dashes; "" if it cannot be one."""
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(text) != SHORT_LENGTH or any(ch not in SHORT_ALPHABET for ch in text):
        return ""
    return text
