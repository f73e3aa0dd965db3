"""Move two-step sign-in from django-otp into django-allauth's authenticators.

Each confirmed django-otp authenticator app becomes an allauth TOTP authenticator with the same key
(django-otp keeps it as hex, allauth as base32), so the person's app keeps working; its last used
time step comes along, so a code already used stays used. Each person's unused recovery codes move as
their SHA-256 hashes (allauth's ``migrated_codes``), so the codes on their paper keep working and no
code is ever stored in the clear. Reversing moves them back.
"""

import base64

from django.db import migrations


def forwards(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    Authenticator = apps.get_model("mfa", "Authenticator")
    for device in TOTPDevice.objects.filter(confirmed=True).order_by("user_id", "-id"):
        if Authenticator.objects.filter(user_id=device.user_id, type="totp").exists():
            continue  # a person with two apps keeps the newest
        secret = base64.b32encode(bytes.fromhex(device.key)).decode()
        data = {"secret": secret, "last_counter": device.last_t}
        Authenticator.objects.create(user_id=device.user_id, type="totp", data=data, last_used_at=device.last_used_at)
    hashes: dict[int, list[str]] = {}
    unused = RecoveryCode.objects.filter(used_at__isnull=True, device__confirmed=True).order_by("pk")
    for user_id, code_hash in unused.values_list("device__user_id", "code_hash"):
        hashes.setdefault(user_id, []).append(code_hash)
    for user_id, codes in hashes.items():
        Authenticator.objects.update_or_create(
            user_id=user_id, type="recovery_codes", defaults={"data": {"migrated_codes": codes, "used_mask": 0}}
        )


def backwards(apps, schema_editor):
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    RecoveryCodeDevice = apps.get_model("accounts", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    Authenticator = apps.get_model("mfa", "Authenticator")
    for app in Authenticator.objects.filter(type="totp"):
        secret = app.data["secret"]
        key = base64.b32decode(secret + "=" * (-len(secret) % 8)).hex()
        TOTPDevice.objects.create(
            user_id=app.user_id, name="Authenticator app", confirmed=True, key=key, last_t=app.data.get("last_counter", -1)
        )
    for codes in Authenticator.objects.filter(type="recovery_codes"):
        device = RecoveryCodeDevice.objects.create(user_id=codes.user_id, name="Recovery codes", confirmed=True)
        RecoveryCode.objects.bulk_create(
            [RecoveryCode(device=device, code_hash=h) for h in codes.data.get("migrated_codes", [])]
        )
    Authenticator.objects.filter(type__in=["totp", "recovery_codes"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_two_step_and_session_epoch"),
        ("mfa", "0003_authenticator_type_uniq"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
