"""Moving two-step sign-in from django-otp into allauth: a person's app and paper codes keep working."""

from __future__ import annotations

import secrets

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from openpie.accounts.models import hash_recovery_code
from openpie.accounts.tests.factories import PASSWORD, UserFactory
from openpie.accounts.tests.helpers import code_for_key

BEFORE = [("accounts", "0002_two_step_and_session_epoch")]
OTP = ("otp_totp", "0003_add_timestamps")


def migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([*targets, OTP]).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()  # every app: some depend on accounts


def signed_in_with(email: str, code: str) -> Client:
    client = Client()
    client.post(reverse("accounts:sign-in"), {"username": email, "password": PASSWORD})
    client.post(reverse("accounts:mfa-verify"), {"code": code})
    return client


@pytest.mark.django_db(transaction=True)
def test_an_old_app_and_old_recovery_codes_still_sign_in_after_the_move():
    user = UserFactory.create(is_staff=True, is_superuser=True)
    key = secrets.token_bytes(20)
    codes = ["abcde-fghjk", "mnpqr-stuvw", "xyz23-45678"]
    target = latest()
    try:
        old = migrate(BEFORE)
        old.get_model("otp_totp", "TOTPDevice").objects.create(
            user_id=user.pk, name="Authenticator app", confirmed=True, key=key.hex()
        )
        device = old.get_model("accounts", "RecoveryCodeDevice").objects.create(
            user_id=user.pk, name="Recovery codes", confirmed=True
        )
        code_model = old.get_model("accounts", "RecoveryCode")
        for code in codes:
            code_model.objects.create(device=device, code_hash=hash_recovery_code(code))
        code_model.objects.filter(code_hash=hash_recovery_code(codes[2])).update(used_at="2026-01-01T00:00Z")
    finally:
        migrate(target)

    stored = Authenticator.objects.get(user=user, type="recovery_codes").data
    assert all(code not in str(stored) for code in codes)  # still only hashes
    assert signed_in_with(user.email, code_for_key(key)).get("/admin/").status_code == 200
    assert signed_in_with(user.email, codes[0].upper()).get("/admin/").status_code == 200
    assert signed_in_with(user.email, codes[0]).get("/admin/").status_code == 302  # used once, now spent
    assert signed_in_with(user.email, codes[2]).get("/admin/").status_code == 302  # was used before the move
