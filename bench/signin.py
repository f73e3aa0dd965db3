"""Bench people, and signing them in through the real pages: the password, then the code their
authenticator app would show (computed here from the device's known secret).

This is the one place the benchmarks (``bench/run.py``) and the load test (``bench/locustfile.py``)
sign in: if the sign-in pages change, only this module changes. Every step checks the answer it
expects and stops loudly (``SignInError``, naming the page) on anything else.

Each bench person has an authenticator app (a confirmed TOTP device) whose secret is derived from
their email address, so the second step is the real one, replay protection and all.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
import time
from typing import Any
from urllib.parse import urlsplit

from bench import generate

PERSON_EMAIL = "bench-person-{}@openpie.invalid"
STEP = 30  # seconds per code (an authenticator app's default)
SIGN_IN = "/sign-in/"
SECOND_STEP = "/sign-in/code/"


class SignInError(SystemExit):
    """A bench person could not sign in (or was found signed out): the run stops here."""


def device_key(email: str) -> str:
    """The hex secret of this bench person's authenticator app (20 bytes)."""
    return hashlib.sha1(f"openpie-bench:{email}".encode()).hexdigest()  # noqa: S324 (a test secret)


def totp(key_hex: str, *, at: float | None = None, steps_ahead: int = 0) -> str:
    """The 6-digit code (RFC 6238, SHA-1) the app shows at ``at``, or ``steps_ahead`` codes later."""
    counter = int((time.time() if at is None else at) // STEP) + steps_ahead
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def ensure_people(count: int) -> list[str]:
    """``count`` load-test people (each their own account, a PIE lead at the bench network's top, with
    an authenticator app), plus the bench admin's app. Returns their email addresses."""
    from django.contrib.auth.hashers import make_password

    from openpie.accounts.models import User
    from openpie.organisations.models import Membership, Role, Unit

    root = Unit.objects.get(organisation__slug=generate.BENCH_SLUG, parent=None)
    password = make_password(generate.BENCH_PASSWORD)
    emails = [PERSON_EMAIL.format(n) for n in range(count)]
    for number, email in enumerate(emails):
        person, made = User.objects.get_or_create(email=email, defaults={"full_name": f"Bench person {number}"})
        if made or not person.has_usable_password():  # (checking the password would cost a hash each)
            User.objects.filter(pk=person.pk).update(password=password)
        Membership.objects.get_or_create(user=person, unit=root, role=Role.PIE_LEAD)
    for email in [generate.BENCH_EMAIL, *emails]:
        ensure_device(User.objects.get(email=email))
    return emails


def ensure_device(user: Any) -> None:
    """The person's authenticator app with its known key (made again: no code of it used yet)."""
    from openpie.accounts.services.mfa import totp_device_seed

    totp_device_seed(user=user, key=device_key(user.email))


def _expect(response: Any, status: int, page: str, *, to: str | None = None) -> None:
    where = response.headers.get("Location", "")
    if response.status_code != status or (to is not None and urlsplit(where).path != to):
        shown = f" to {where}" if where else ""
        raise SignInError(f"Signing in: {page} answered {response.status_code}{shown}, expected {status} {to or ''}")


def sign_in(http: Any, base: str, email: str, *, password: str = generate.BENCH_PASSWORD, locust: bool = False) -> str:
    """Sign ``email`` in on ``http`` (a requests session, or locust's client, whose requests are then
    named "sign in: …") through the sign-in page and the second step. Returns the form token."""

    def call(method: str, path: str, label: str, **kwargs: Any) -> Any:
        options = {"name": f"sign in: {label}"} if locust else {}
        return http.request(method, f"{base}{path}", allow_redirects=False, timeout=120, **options, **kwargs)

    _expect(call("GET", SIGN_IN, "page"), 200, "the sign-in page")
    answer = call(
        "POST",
        SIGN_IN,
        "password",
        data={"username": email, "password": password, "csrfmiddlewaretoken": _csrf(http)},
        headers={"Referer": f"{base}{SIGN_IN}"},
    )
    _expect(answer, 302, f"the password for {email}")
    _second_step(call, http, base, email)
    _expect(call("GET", "/", "home"), 200, f"the home page after signing {email} in")
    return _csrf(http)


def _second_step(call: Any, http: Any, base: str, email: str) -> None:
    """The code the app shows now; if that code was used already (the same person signed in within
    the last 30 s), the next one, which django-otp also accepts."""
    _expect(call("GET", SECOND_STEP, "code page"), 200, "the second-step page")
    for ahead in (0, 1):
        answer = call(
            "POST",
            SECOND_STEP,
            "code",
            data={"code": totp(device_key(email), steps_ahead=ahead), "csrfmiddlewaretoken": _csrf(http)},
            headers={"Referer": f"{base}{SECOND_STEP}"},
        )
        if answer.status_code == 302:
            _expect(answer, 302, f"the second step for {email}", to="/")
            return
    raise SignInError(f"Signing in: the second step for {email} refused the app's code ({answer.status_code}).")


def _csrf(http: Any) -> str:
    token = http.cookies.get("csrftoken", "")
    if not token:
        raise SignInError("Signing in: the server set no form token (csrftoken cookie).")
    return str(token)


def signed_out(response: Any) -> bool:
    """Whether an answer says the person is no longer signed in (a 401 from an autosave, or a
    redirect to signing in or the second step)."""
    if response.status_code == 401:
        return True
    where = urlsplit(response.headers.get("Location", "")).path
    return response.status_code in (301, 302, 303, 307) and where in (SIGN_IN, SECOND_STEP, "/account/two-step/set-up/")
