"""Two-step sign-in: an authenticator app (TOTP) and single-use recovery codes."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from openpie.accounts.models import RecoveryCode, RecoveryCodeDevice, User, hash_recovery_code

RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: easy to copy from paper.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
APP_DEVICE_NAME = "Authenticator app"
TOTP_PATTERN = re.compile(r"^\d{6}$")


def totp_device(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user: User) -> RecoveryCodeDevice | None:
    return RecoveryCodeDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def totp_setup_start(*, user: User, device_id: int | None = None) -> TOTPDevice:
    """The unconfirmed device being set up: the one already started (``device_id``) or a new one."""
    started = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first() if device_id else None
    if started is not None:
        return started
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_setup_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the app with a code it shows; returns a new set of recovery codes, or None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not TOTP_PATTERN.match(token) or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_replace(user=device.user)


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """A fresh set of recovery codes; every earlier code stops working. Only their hashes are kept."""
    RecoveryCodeDevice.objects.filter(user=user).delete()
    device = RecoveryCodeDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create([RecoveryCode(device=device, code_hash=hash_recovery_code(c)) for c in codes])
    return codes


@transaction.atomic
def mfa_remove(*, user: User) -> None:
    """Turn two-step sign-in off: the app and every recovery code."""
    TOTPDevice.objects.filter(user=user).delete()
    RecoveryCodeDevice.objects.filter(user=user).delete()


@dataclass(frozen=True)
class Verification:
    device: Device | None
    throttled: bool = False

    @property
    def used_recovery_code(self) -> bool:
        return isinstance(self.device, RecoveryCodeDevice)


@transaction.atomic
def mfa_verify(*, user: User, code: str) -> Verification:
    """Check a code from the app (6 digits) or a recovery code. Wrong codes slow further tries down."""
    code = code.strip().replace(" ", "")
    model: type[TOTPDevice] | type[RecoveryCodeDevice] = TOTPDevice if TOTP_PATTERN.match(code) else RecoveryCodeDevice
    device = model.objects.select_for_update().filter(user=user, confirmed=True).first()
    if device is None:
        return Verification(device=None)
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return Verification(device=None, throttled=True)
    return Verification(device=device if device.verify_token(code) else None)


@transaction.atomic
def totp_device_seed(*, user: User, key: str) -> TOTPDevice:
    """A confirmed authenticator app with a known key: for the demo only, whose key is published."""
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, confirmed=True, defaults={"name": APP_DEVICE_NAME, "key": key}
    )
    return device
