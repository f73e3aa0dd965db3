"""The first platform admin from the set-up page, with the one-time code."""

from __future__ import annotations

import logging

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from openpie.accounts.models import User
from openpie.audit.models import AuditEvent
from openpie.onboarding.models import SetupCode
from openpie.onboarding.services.setup import platform_admin_create, setup_code_ensure, setup_code_replace
from openpie.onboarding.tests.helpers import make_platform_admin

pytestmark = pytest.mark.django_db
URL = "/set-up/"
PASSWORD = "a long and unusual passphrase"


def _form(code: str, **extra: str) -> dict[str, str]:
    return {"code": code, "full_name": "Pat Operator", "email": "pat@example.org", "password": PASSWORD, **extra}


def test_the_code_is_made_once_printed_to_the_log_and_only_its_hash_kept(caplog):
    with caplog.at_level(logging.WARNING, logger="openpie.setup"):
        code = setup_code_ensure()
        assert setup_code_ensure() is None  # a second server (or request) does not make another
    assert code is not None
    assert code in caplog.text
    assert caplog.text.count(code) == 1
    stored = SetupCode.objects.get()
    assert code not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_the_page_makes_the_first_platform_admin_and_goes_on_to_two_step_set_up(caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="openpie.setup"):
        assert client.get(URL).status_code == 200
    code = caplog.text.split("set-up code: ")[1].split()[0]
    response = client.post(URL, _form(code.upper()))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa-setup"))
    user = User.objects.get(email="pat@example.org")
    assert user.is_staff
    assert user.is_superuser
    assert AuditEvent.objects.filter(action="platform.first_admin", actor_id=user.pk).exists()
    # Nothing else until two-step sign-in is set up; and the set-up page has gone.
    assert client.get(reverse("home:home"))["Location"].startswith(reverse("accounts:mfa-setup"))
    assert Client().get(URL).status_code == 404


def test_a_wrong_code_is_refused_with_a_clear_message_and_nobody_is_made():
    Client().get(URL)
    response = Client().post(URL, _form("abcd-abcd-abcd-abcd"))
    assert response.status_code == 200
    assert "The set-up code is not right" in response.content.decode()
    assert not User.objects.exists()


@override_settings(OPENPIE_SETUP_CODE="operator-chose-this")
def test_the_code_can_come_from_the_environment():
    assert setup_code_ensure() is None
    assert not SetupCode.objects.exists()
    assert Client().post(URL, _form("operator-chose-this")).status_code == 302
    assert User.objects.filter(is_superuser=True).count() == 1


def test_the_page_is_gone_once_a_platform_admin_exists():
    make_platform_admin()
    assert Client().get(URL).status_code == 404
    assert Client().post(URL, _form("anything")).status_code == 404
    with pytest.raises(ValidationError):
        platform_admin_create(code="x", email="b@example.org", full_name="B", password=PASSWORD)


def test_the_command_makes_a_new_code_and_the_old_one_stops_working(capsys):
    first = setup_code_replace()
    call_command("setup_code")
    second = capsys.readouterr().out.split("Set-up code: ")[1].split()[0]
    assert first != second
    assert Client().post(URL, _form(first)).status_code == 200
    assert Client().post(URL, _form(second)).status_code == 302


@override_settings(OPENPIE_RATE_SETUP_TRIES=2)
def test_guessing_the_code_is_slowed_down():
    Client().get(URL)
    for _ in range(2):
        assert Client().post(URL, _form("wrong-code")).status_code == 200
    response = Client().post(URL, _form("wrong-code"))
    assert response.status_code == 429
    assert "too many tries" in response.content.decode()


def test_a_weak_password_is_refused():
    code = setup_code_replace()
    response = Client().post(URL, _form(code, password="short"))
    assert response.status_code == 200
    assert not User.objects.exists()
    assert "govuk-error-summary" in response.content.decode()


def test_wrong_method_is_harmless():
    assert Client().put(URL).status_code in {200, 405}
