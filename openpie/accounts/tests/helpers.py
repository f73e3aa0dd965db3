"""Two-step sign-in in tests: an authenticator app's code, and a session that has done the second step."""

from __future__ import annotations

import base64
import time
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client

from openpie.accounts.policy import MFA_REQUIRED_ROLES, VERIFIED
from openpie.organisations.models import Membership

STEP = 30


def code_for_secret(secret: str, *, after_step: int = -1) -> str:
    """What an authenticator app shows now for a base32 secret, as shown on the set-up page (in groups
    of four) or stored; if that time step was already used, the next step's code."""
    compact = "".join(secret.split()).upper()
    compact += "=" * (-len(compact) % 8)
    step = max(int(time.time()) // STEP, after_step + 1)
    return format_hotp_value(hotp_value(compact, step))


def code_for_key(key: bytes, *, after_step: int = -1) -> str:
    """The code for a raw key (bytes), as django-otp kept them."""
    return code_for_secret(base64.b32encode(key).decode(), after_step=after_step)


def app_code(device: Authenticator) -> str:
    device.refresh_from_db()
    return code_for_secret(device.data["secret"], after_step=int(device.data.get("last_counter", -1)))


def app_for(user: Any) -> Authenticator:
    """The person's authenticator app, set up if they have none."""
    device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return device or Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": generate_totp_secret()}
    )


def app_of(email: str) -> Authenticator:
    return Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)


def finish_second_step(client: Client, user: Any) -> Client:
    """After ``client.force_login(user)``: if their role needs two-step sign-in, mark it done."""
    if user.is_staff or Membership.objects.filter(user=user, role__in=MFA_REQUIRED_ROLES).exists():
        app_for(user)
        session = client.session
        session[VERIFIED] = user.pk
        session.save()
    return client


def signed_in_client(user: Any) -> Client:
    """A client signed in as ``user``; if their role needs two-step sign-in, with the second step done."""
    client = Client()
    client.force_login(user)
    return finish_second_step(client, user)
