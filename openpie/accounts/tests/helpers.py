"""Two-step sign-in in tests: an authenticator app's code, and a session that has done the second step."""

from __future__ import annotations

import base64
import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from openpie.accounts.policy import MFA_REQUIRED_ROLES
from openpie.organisations.models import Membership


def code_for_key(key: bytes, *, after_step: int = -1) -> str:
    """What an authenticator app shows now for ``key`` (or, if that step was used, the next one's code)."""
    totp = TOTP(key)
    totp.time = time.time()
    if totp.t() <= after_step:
        totp.time += (after_step + 1 - totp.t()) * totp.step
    return f"{totp.token():06d}"


def code_for_secret(secret: str) -> str:
    """The code for a secret as shown on the set-up page (base32, in groups of four)."""
    compact = "".join(secret.split())
    return code_for_key(base64.b32decode(compact + "=" * (-len(compact) % 8)))


def app_code(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return code_for_key(device.bin_key, after_step=device.last_t)


def app_for(user: Any) -> TOTPDevice:
    """The person's authenticator app, set up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def finish_second_step(client: Client, user: Any) -> Client:
    """After ``client.force_login(user)``: if their role needs two-step sign-in, mark it done."""
    if user.is_staff or Membership.objects.filter(user=user, role__in=MFA_REQUIRED_ROLES).exists():
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = app_for(user).persistent_id
        session.save()
    return client


def signed_in_client(user: Any) -> Client:
    """A client signed in as ``user``; if their role needs two-step sign-in, with the second step done."""
    client = Client()
    client.force_login(user)
    return finish_second_step(client, user)
