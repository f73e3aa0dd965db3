"""Two-step sign-in on django-allauth's MFA: an authenticator app (TOTP) and single-use recovery codes.

Both live in allauth's ``Authenticator`` (one of each kind per person). The app's key is allauth's
``{"secret": base32}``, checked with allauth's TOTP functions. Recovery codes are kept only as
SHA-256 hashes, in allauth's ``migrated_codes`` list (the shape allauth reads for codes that came
from elsewhere), and are checked by the hash of what was typed. On top of allauth: a code from the
app is refused once its time step has been used (``last_counter``, in the database, so every app
server agrees), and wrong codes slow further tries down (``failures``), as django-otp's did.
"""

from __future__ import annotations

import base64
import re
import secrets
import time
from dataclasses import dataclass
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, generate_totp_secret, hotp_value
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from openpie.accounts.models import User, hash_recovery_code

RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: easy to copy from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOTP_PATTERN = re.compile(r"^\d{6}$")
TOTP = Authenticator.Type.TOTP
RECOVERY = Authenticator.Type.RECOVERY_CODES


def totp_device(user: User) -> Authenticator | None:
    """The person's authenticator app, if they have set one up."""
    return Authenticator.objects.filter(user=user, type=TOTP).first()


def recovery_device(user: User) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, type=RECOVERY).first()


def has_second_step(user: Any) -> bool:
    """An authenticator app or a passkey: either can be the second step."""
    return Authenticator.objects.filter(user_id=user.pk, type__in=[TOTP, Authenticator.Type.WEBAUTHN]).exists()


def recovery_codes_left(device: Authenticator | None) -> int:
    return len(device.data.get("migrated_codes", [])) if device else 0


def totp_secret_new() -> str:
    """A new key for an app being set up (base32, as the app is given it)."""
    return generate_totp_secret()


def totp_config_url(*, user: User, secret: str) -> str:
    from allauth.mfa.adapter import get_adapter

    return get_adapter().build_totp_url(user, secret)


def _matching_counter(secret: str, code: str, *, after: int) -> int | None:
    """The time step whose code this is (within the tolerance), if it is later than ``after``."""
    now = int(time.time()) // mfa_settings.TOTP_PERIOD
    tolerance = mfa_settings.TOTP_TOLERANCE
    for counter in range(now - tolerance, now + tolerance + 1):
        if counter > after and constant_time_compare(format_hotp_value(hotp_value(secret, counter)), code):
            return counter
    return None


@transaction.atomic
def totp_setup_confirm(*, user: User, secret: str, token: str) -> list[str] | None:
    """Turn the app on with a code it shows; returns a new set of recovery codes, or None if the code is wrong."""
    counter = _matching_counter(secret, token, after=-1) if TOTP_PATTERN.match(token) else None
    if counter is None:
        return None
    Authenticator.objects.filter(user=user, type=TOTP).delete()
    Authenticator.objects.create(user=user, type=TOTP, data={"secret": secret, "last_counter": counter})
    return recovery_codes_replace(user=user)


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """A fresh set of recovery codes; every earlier code stops working. Only their hashes are kept."""
    codes = [new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    Authenticator.objects.filter(user=user, type=RECOVERY).delete()
    data = {"migrated_codes": [hash_recovery_code(c) for c in codes], "used_mask": 0}
    Authenticator.objects.create(user=user, type=RECOVERY, data=data)
    return codes


@transaction.atomic
def mfa_remove(*, user: User) -> None:
    """Turn two-step sign-in off: the app and every recovery code (passkeys stay: they are a way in)."""
    Authenticator.objects.filter(user=user, type__in=[TOTP, RECOVERY]).delete()


@dataclass(frozen=True)
class Verification:
    device: Authenticator | None
    throttled: bool = False

    @property
    def used_recovery_code(self) -> bool:
        return self.device is not None and self.device.type == RECOVERY


def _throttled(device: Authenticator) -> bool:
    """After n wrong codes in a row, the next try waits 2^(n-1) seconds."""
    failures = int(device.data.get("failures", 0))
    return failures > 0 and time.time() < float(device.data.get("failed_at", 0)) + 2 ** (failures - 1)


def _record(device: Authenticator, *, ok: bool, **extra: Any) -> None:
    if ok:
        device.data.update(failures=0, **extra)
        device.last_used_at = timezone.now()
    else:
        device.data.update(failures=int(device.data.get("failures", 0)) + 1, failed_at=time.time())
    device.save(update_fields=["data", "last_used_at"])


def _check(device: Authenticator, code: str) -> bool:
    if device.type == TOTP:
        counter = _matching_counter(device.data["secret"], code, after=int(device.data.get("last_counter", -1)))
        _record(device, ok=counter is not None, last_counter=counter)
        return counter is not None
    ok = RecoveryCodes(device).validate_code(hash_recovery_code(code))  # removes the used code's hash
    device.refresh_from_db()
    _record(device, ok=ok)
    return ok


@transaction.atomic
def mfa_verify(*, user: User, code: str) -> Verification:
    """Check a code from the app (6 digits) or a recovery code. Wrong codes slow further tries down."""
    code = code.strip().replace(" ", "")
    kind = TOTP if TOTP_PATTERN.match(code) else RECOVERY
    device = Authenticator.objects.select_for_update().filter(user=user, type=kind).first()
    if device is None:
        return Verification(device=None)
    if _throttled(device):
        return Verification(device=None, throttled=True)
    return Verification(device=device if _check(device, code) else None)


def secret_from_hex_key(key: str) -> str:
    """A django-otp style hex key as the base32 secret an app is given."""
    return base64.b32encode(bytes.fromhex(key)).decode()


@transaction.atomic
def totp_device_seed(*, user: User, key: str) -> Authenticator:
    """An authenticator app with a known (hex) key: for the demo only, whose key is published."""
    device, _ = Authenticator.objects.update_or_create(
        user=user, type=TOTP, defaults={"data": {"secret": secret_from_hex_key(key)}}
    )
    return device
