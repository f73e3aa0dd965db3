"""Two-step sign-in: set-up, the second step, recovery codes, turning it off, and who must use it."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from openpie.accounts.services import mfa
from openpie.accounts.tests.factories import PASSWORD, UserFactory
from openpie.accounts.tests.helpers import app_code, app_for, code_for_secret
from openpie.audit.models import AuditEvent

SIGN_IN = "/sign-in/"


def password_step(client: Client, user, next_url: str = ""):
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def actions(user) -> list[str]:
    return list(AuditEvent.objects.filter(actor=user).order_by("at", "pk").values_list("action", flat=True))


@pytest.mark.django_db
def test_with_an_app_the_password_alone_signs_nobody_in(people):
    app_for(people.admin)
    client = Client()
    response = password_step(client, people.admin, "/account/")
    assert response.status_code == 302
    # Every page now leads to the second step, and keeps where the person was going.
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"].startswith(reverse("accounts:mfa-verify") + "?next=")
    assert client.get("/account/").status_code == 302
    page = client.get(reverse("accounts:mfa-verify"), {"next": "/account/"})
    assert "Enter the code from your authenticator app" in page.content.decode()
    assert 'aria-label="Menu"' not in page.content.decode()  # no way round it from the menu


@pytest.mark.django_db
def test_the_right_app_code_finishes_signing_in(people):
    device = app_for(people.admin)
    client = Client()
    password_step(client, people.admin)
    response = client.post(reverse("accounts:mfa-verify"), {"code": app_code(device), "next": "/account/"})
    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.get("/account/").status_code == 200
    assert actions(people.admin) == ["auth.sign_in", "auth.mfa_verified"]


@pytest.mark.django_db
def test_a_code_cannot_be_used_twice(people):
    device = app_for(people.admin)
    first, second = Client(), Client()
    password_step(first, people.admin)
    password_step(second, people.admin)
    code = app_code(device)
    first.post(reverse("accounts:mfa-verify"), {"code": code})
    replay = second.post(reverse("accounts:mfa-verify"), {"code": code})
    assert "The code is not right" in replay.content.decode()
    assert second.get("/").status_code == 302


@pytest.mark.django_db
def test_a_wrong_code_says_so_and_wrong_codes_slow_down_further_tries(people):
    app_for(people.admin)
    client = Client()
    password_step(client, people.admin)
    wrong = client.post(reverse("accounts:mfa-verify"), {"code": "000000"})
    body = wrong.content.decode()
    assert "There is a problem" in body
    assert "The code is not right" in body
    again = client.post(reverse("accounts:mfa-verify"), {"code": "000000"})
    assert "too many wrong codes" in again.content.decode()
    assert client.get("/").status_code == 302
    assert actions(people.admin)[-2:] == ["auth.mfa_failed", "auth.mfa_failed"]


@pytest.mark.django_db
def test_an_empty_code_is_a_clear_error(people):
    app_for(people.admin)
    client = Client()
    password_step(client, people.admin)
    response = client.post(reverse("accounts:mfa-verify"), {"code": ""})
    assert "Enter the code from your authenticator app, or a recovery code" in response.content.decode()


@pytest.mark.django_db
def test_a_recovery_code_works_once_and_says_how_many_are_left(people):
    codes = mfa.recovery_codes_replace(user=people.admin)
    app_for(people.admin)
    client = Client()
    password_step(client, people.admin)
    response = client.post(reverse("accounts:mfa-verify"), {"code": codes[0].upper()}, follow=True)
    assert "you have 9 left" in response.content.decode()
    assert "auth.recovery_code_used" in actions(people.admin)
    other = Client()
    password_step(other, people.admin)
    reused = other.post(reverse("accounts:mfa-verify"), {"code": codes[0]})
    assert "The code is not right" in reused.content.decode()


@pytest.mark.django_db
def test_recovery_codes_are_kept_only_as_hashes(people):
    codes = mfa.recovery_codes_replace(user=people.staff)
    stored = Authenticator.objects.get(user=people.staff, type="recovery_codes").data["migrated_codes"]
    assert len(codes) == len(set(codes)) == 10
    assert len(stored) == 10
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)


@pytest.mark.parametrize("persona", ["admin", "manager"])
@pytest.mark.django_db
def test_a_role_that_needs_it_must_set_it_up_before_anything_else(people, persona):
    user = getattr(people, persona)
    client = Client()
    password_step(client, user)
    response = client.get("/organisations/")
    assert response["Location"].startswith(reverse("accounts:mfa-setup"))
    # Signing out is still possible.
    assert client.post(reverse("accounts:sign-out")).status_code == 302


@pytest.mark.django_db
def test_staff_are_offered_it_but_not_made_to(people):
    client = Client()
    password_step(client, people.staff)
    assert client.get("/").status_code == 200
    assert "Set up two-step sign-in" in client.get("/account/").content.decode()


@pytest.mark.django_db
def test_platform_admins_need_it_for_the_admin_site_too():
    platform = UserFactory.create(is_staff=True, is_superuser=True)
    client = Client()
    password_step(client, platform)
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("accounts:mfa-setup"))


@pytest.mark.django_db
def test_setting_up_shows_a_qr_code_and_the_key_then_recovery_codes_once(people):
    client = Client()
    password_step(client, people.admin)
    page = client.get(reverse("accounts:mfa-setup"))
    body = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in body
    assert "Your role lets you see or change information about many people" in body
    secret = page.context["secret"]
    assert client.get(reverse("accounts:mfa-setup")).context["secret"] == secret  # a reload keeps the same key
    wrong = client.post(reverse("accounts:mfa-setup"), {"code": "12345"})
    assert "Enter the 6-digit code from your authenticator app" in wrong.content.decode()
    done = client.post(reverse("accounts:mfa-setup"), {"code": code_for_secret(secret)})
    assert "Save your recovery codes" in done.content.decode()
    assert len(done.context["codes"]) == 10
    assert client.get("/organisations/").status_code == 200  # verified by setting it up
    assert Authenticator.objects.filter(user=people.admin, type="totp").count() == 1
    assert "auth.mfa_added" in actions(people.admin)
    assert client.get(reverse("accounts:mfa-setup")).status_code == 302  # already set up


@pytest.mark.django_db
def test_setting_up_with_a_wrong_code_keeps_the_key_and_turns_nothing_on(client_for, people):
    client = client_for(people.staff)
    secret = client.get(reverse("accounts:mfa-setup")).context["secret"]
    response = client.post(reverse("accounts:mfa-setup"), {"code": "000000"})
    assert "The code is not right" in response.content.decode()
    assert response.context["secret"] == secret
    assert not Authenticator.objects.filter(user=people.staff, type="totp").exists()


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(client_for, people):
    old = mfa.recovery_codes_replace(user=people.admin)
    client = client_for(people.admin)
    assert client.get(reverse("accounts:mfa-recovery-codes")).status_code == 200
    response = client.post(reverse("accounts:mfa-recovery-codes"))
    new = response.context["codes"]
    assert "Your old recovery codes no longer work" in response.content.decode()
    assert mfa.mfa_verify(user=people.admin, code=new[1]).device is not None
    assert mfa.mfa_verify(user=people.admin, code=old[1]).device is None


@pytest.mark.django_db
def test_turning_it_off_needs_the_password(people):
    client = Client()
    client.force_login(people.staff)
    device = app_for(people.staff)
    client.post(reverse("accounts:mfa-verify"), {"code": app_code(device)})
    wrong = client.post(reverse("accounts:mfa-remove"), {"password": "not-it"})
    assert "The password is not right" in wrong.content.decode()
    assert Authenticator.objects.filter(user=people.staff).exists()
    done = client.post(reverse("accounts:mfa-remove"), {"password": PASSWORD}, follow=True)
    assert "Two-step sign-in is off" in done.content.decode()
    assert not Authenticator.objects.filter(user=people.staff).exists()
    assert "auth.mfa_removed" in actions(people.staff)


@pytest.mark.django_db
def test_a_role_that_needs_it_replaces_rather_than_turns_off(client_for, people):
    client = client_for(people.admin)
    page = client.get(reverse("accounts:mfa-remove"))
    assert "you cannot turn it off" in page.content.decode()
    response = client.post(reverse("accounts:mfa-remove"), {"password": PASSWORD})
    assert response["Location"] == reverse("accounts:mfa-setup")
    assert client.get("/").status_code == 302  # nothing else until the new app is set up


@pytest.mark.django_db
def test_second_step_pages_refuse_the_wrong_method(client_for, people):
    client = client_for(people.staff)
    assert client.put(reverse("accounts:mfa-verify")).status_code in {302, 405}
    assert client.get(reverse("accounts:sign-out")).status_code == 405


@pytest.mark.django_db
def test_the_api_treats_a_half_signed_in_session_as_signed_out_but_tokens_still_work(people):
    from openpie.accounts.services import api_token_create

    app_for(people.admin)
    client = Client()
    password_step(client, people.admin)
    assert client.get("/api/v1/me").status_code == 401
    _, value = api_token_create(user=people.admin, name="script")
    assert Client().get("/api/v1/me", headers={"authorization": f"Bearer {value}"}).status_code == 200


@pytest.mark.django_db
def test_a_verified_session_reaches_the_api(client_for, people):
    assert client_for(people.admin).get("/api/v1/me").json()["email"] == people.admin.email


@pytest.mark.django_db
def test_the_admin_sign_in_page_is_ours():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/admin/"
