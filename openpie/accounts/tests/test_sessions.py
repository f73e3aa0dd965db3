"""Sessions end after idle time and after the absolute limit; signing out ends every session."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from openpie.accounts.policy import LAST_SEEN, SIGNED_IN_AT
from openpie.accounts.tests.factories import PASSWORD
from openpie.audit.models import AuditEvent


def age(client: Client, key: str, seconds: float) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


@pytest.mark.django_db
def test_after_30_minutes_idle_the_next_request_signs_out_and_says_why(client_for, people):
    client = client_for(people.staff)
    assert client.get("/").status_code == 200
    age(client, LAST_SEEN, 30 * 60 + 1)
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/account/")
    page = client.get(response["Location"])
    assert "You were signed out after 30 minutes without activity" in page.content.decode()
    event = AuditEvent.objects.get(action="auth.session_expired")
    assert event.actor == people.staff
    assert event.detail["reason"] == "idle"


@pytest.mark.django_db
def test_activity_keeps_the_session_alive(client_for, people):
    client = client_for(people.staff)
    age(client, LAST_SEEN, 29 * 60)
    assert client.get("/").status_code == 200
    age(client, LAST_SEEN, 29 * 60)
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_polling_and_asking_the_time_left_are_not_activity(client_for, people):
    client = client_for(people.staff)
    age(client, LAST_SEEN, 10 * 60)
    before = client.session[LAST_SEEN]
    status = client.get(reverse("accounts:session-status"))
    assert status.json()["signed_in"] is True
    assert 19 * 60 < status.json()["remaining"] <= 20 * 60
    client.get("/", headers={"x-openpie-background": "1"})
    assert client.session[LAST_SEEN] == before


@pytest.mark.django_db
def test_stay_signed_in_resets_the_idle_time(client_for, people):
    client = client_for(people.staff)
    age(client, LAST_SEEN, 29 * 60)
    response = client.post(reverse("accounts:session-extend"), headers={"accept": "application/json"})
    assert response.json()["remaining"] >= 29 * 60
    without_js = client.post(reverse("accounts:session-extend"), {"next": "/account/"})
    assert without_js["Location"] == "/account/"
    assert client.get(reverse("accounts:session-extend")).status_code == 405


@pytest.mark.django_db
def test_twelve_hours_after_signing_in_the_session_ends_even_when_busy(client_for, people):
    client = client_for(people.staff)
    age(client, SIGNED_IN_AT, 12 * 60 * 60 + 1)
    response = client.get("/", follow=True)
    assert "because you signed in 12 hours ago" in response.content.decode()
    assert client.get(reverse("accounts:session-status")).json()["signed_in"] is False


@pytest.mark.django_db
def test_near_the_absolute_limit_staying_signed_in_cannot_help(client_for, people):
    client = client_for(people.staff)
    age(client, SIGNED_IN_AT, 12 * 60 * 60 - 60)
    status = client.get(reverse("accounts:session-status")).json()
    assert status["remaining"] <= 60
    assert status["extendable"] is False


@pytest.mark.django_db
def test_signing_out_ends_every_session_of_that_person_only(client_for, people):
    laptop, phone, colleague = client_for(people.staff), client_for(people.staff), client_for(people.reader)
    laptop.post(reverse("accounts:sign-out"))
    response = phone.get("/", follow=True)
    assert "because you signed out on another device" in response.content.decode()
    assert colleague.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="auth.sign_out", actor=people.staff).count() == 1


@pytest.mark.django_db
def test_deactivating_a_person_ends_their_sessions(client_for, people):
    client = client_for(people.staff)
    people.staff.is_active = False
    people.staff.save(update_fields=["is_active"])
    assert client.get("/")["Location"].startswith("/sign-in/")


@pytest.mark.django_db
def test_changing_the_password_ends_the_other_sessions_only(client_for, people):
    here, elsewhere = client_for(people.staff), client_for(people.staff)
    new = "a-new-long-password-42"
    response = here.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert here.get("/").status_code == 200
    assert elsewhere.get("/")["Location"].startswith("/sign-in/")


@pytest.mark.django_db
def test_a_session_with_no_sign_in_stamp_is_ended(client_for, people):
    client = client_for(people.staff)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get("/")["Location"].startswith("/sign-in/")


@pytest.mark.django_db
def test_the_timeout_warning_is_on_signed_in_pages_only(client_for, people):
    page = client_for(people.staff).get("/").content.decode()
    assert 'role="alertdialog"' in page
    assert "Stay signed in" in page
    assert "js/session-timeout.js" in page
    assert 'role="alertdialog"' not in Client().get("/sign-in/").content.decode()
