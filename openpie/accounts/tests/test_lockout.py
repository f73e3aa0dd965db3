"""Lockout: wrong passwords lock out one email address from one address, never the real person elsewhere."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.utils import timezone

from openpie.accounts import signin
from openpie.accounts.tests.factories import PASSWORD
from openpie.audit.models import AuditEvent

ATTACKER, OWNER = "203.0.113.5", "198.51.100.7"
LOCKED = "You have entered a wrong password too many times. Wait 15 minutes"


def attempt(email: str, password: str, address: str, **headers: str):
    return Client(REMOTE_ADDR=address).post(
        "/sign-in/", {"username": email, "password": password}, headers=headers or None
    )


@pytest.mark.django_db
def test_five_wrong_passwords_lock_that_address_out_for_that_person_but_not_the_person(people):
    email = people.staff.email
    for _ in range(4):
        assert "Enter a correct email address and password" in attempt(email, "guess", ATTACKER).content.decode()
    fifth = attempt(email, "guess", ATTACKER)
    assert fifth.status_code == 429
    assert LOCKED in fifth.content.decode()
    # Even the right password from the attacker's address is refused now.
    assert LOCKED in attempt(email, PASSWORD, ATTACKER).content.decode()
    # The real person, from their own address, signs in.
    assert attempt(email, PASSWORD, OWNER).status_code == 302
    # And another person from the attacker's address is not affected.
    assert attempt(people.reader.email, PASSWORD, ATTACKER).status_code == 302
    recorded = AuditEvent.objects.filter(actor=people.staff).values_list("action", flat=True)
    assert "auth.locked_out" in recorded
    assert "auth.sign_in_failed" in recorded


@pytest.mark.django_db
def test_the_message_is_the_same_for_an_address_with_no_account(people):
    for _ in range(5):
        response = attempt("nobody@riverside.example", "guess", ATTACKER)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.locked_out", actor=None).exists()
    assert "nobody@" not in str(AuditEvent.objects.values_list("detail", flat=True))


@pytest.mark.django_db
def test_changing_the_case_of_the_email_does_not_escape_the_lockout(people):
    for n in range(5):
        attempt(people.staff.email.upper() if n % 2 else people.staff.email, "guess", ATTACKER)
    assert LOCKED in attempt(people.staff.email.title(), PASSWORD, ATTACKER).content.decode()


@override_settings(OPENPIE_BEHIND_PROXY=True)
@pytest.mark.django_db
def test_behind_a_proxy_the_address_is_the_last_forwarded_one(people):
    email = people.staff.email
    for n in range(5):
        # A made-up first address changes nothing: the proxy's last entry is what counts.
        attempt(email, "guess", "10.0.0.1", x_forwarded_for=f"192.0.2.{n}, {ATTACKER}")
    assert LOCKED in attempt(email, PASSWORD, "10.0.0.1", x_forwarded_for=ATTACKER).content.decode()
    assert attempt(email, PASSWORD, "10.0.0.1", x_forwarded_for=OWNER).status_code == 302


@override_settings(OPENPIE_SIGNIN_SLOW_AFTER=6, OPENPIE_SIGNIN_SLOWDOWN_SECONDS=30)
@pytest.mark.django_db
def test_a_much_guessed_email_gets_429_with_retry_after_and_no_worker_waits(people, monkeypatch):
    pauses: list[float] = []
    monkeypatch.setattr(time, "sleep", pauses.append)
    for n in range(5):
        attempt(people.staff.email, "guess", f"192.0.2.{n}")
    assert attempt(people.staff.email, "guess", "192.0.2.9").status_code == 200  # the sixth is still checked
    started = time.monotonic()
    response = attempt(people.staff.email, PASSWORD, OWNER)
    assert response.status_code == 429
    assert 25 <= int(response["Retry-After"]) <= 30
    assert "Wait" in response.content.decode()
    assert pauses == []  # nothing slept
    assert time.monotonic() - started < 5  # answered at once
    assert signin.recent_failures(people.staff.email) == 6  # a refused try is not checked, nor counted


@override_settings(OPENPIE_SIGNIN_SLOW_AFTER=6, OPENPIE_SIGNIN_SLOWDOWN_SECONDS=30)
@pytest.mark.django_db
def test_after_the_wait_the_right_password_works_nobody_is_locked_out(people):
    for n in range(6):
        attempt(people.staff.email, "guess", f"192.0.2.{n}")
    assert attempt(people.staff.email, PASSWORD, OWNER).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=31))
    assert signin.retry_after(people.staff.email) == 0
    assert attempt(people.staff.email, PASSWORD, OWNER).status_code == 302  # slowed, not locked out


@override_settings(OPENPIE_SIGNIN_SLOW_AFTER=1, OPENPIE_SIGNIN_SLOWDOWN_SECONDS=30)
@pytest.mark.django_db
def test_the_slowdown_answers_the_same_for_an_address_with_no_account(db):
    attempt("nobody@riverside.example", "guess", ATTACKER)
    response = attempt("nobody@riverside.example", "guess", OWNER)
    assert response.status_code == 429
    assert response["Retry-After"]


@pytest.mark.django_db
def test_a_wrong_method_on_sign_in_is_refused_and_an_empty_form_is_explained(db):
    assert Client().put("/sign-in/").status_code == 405
    body = Client().post("/sign-in/", {}).content.decode()
    assert "There is a problem" in body
