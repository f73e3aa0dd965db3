"""The first platform admin, made from a page with the operator's one-time set-up code.

The code is set by the environment (``OPENPIE_SETUP_CODE``) or made on first need and written
to the server's log once; ``manage.py setup_code`` makes a new one (the old stops working).
Only the code's hash is stored, in the database, so every app server agrees on it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openpie.accounts.models import User
from openpie.audit.services import audit_record
from openpie.onboarding.access import platform_admin_exists
from openpie.onboarding.models import SetupCode

logger = logging.getLogger("openpie.setup")

# Easy to read off a console and type: no 0/o, 1/l/i.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _hash(code: str) -> str:
    return hashlib.sha256(_normal(code).encode()).hexdigest()


def _normal(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _announce(code: str) -> None:
    logger.warning("OpenPIE has no platform admin yet. Open /set-up/ and enter this one-time set-up code: %s", code)


def setup_code_ensure() -> str | None:
    """Make the set-up code if none is waiting (and write it to the log); the new code, or None."""
    if settings.OPENPIE_SETUP_CODE or platform_admin_exists():
        return None
    if SetupCode.objects.filter(used_at__isnull=True).exists():
        return None
    code = _new_code()
    try:
        with transaction.atomic():
            SetupCode.objects.filter(used_at__isnull=False).delete()
            SetupCode.objects.create(code_hash=_hash(code))
    except IntegrityError:  # another app server made it first: theirs is in their log
        return None
    _announce(code)
    return code


@transaction.atomic
def setup_code_replace() -> str:
    """A new set-up code for the operator (the old one stops working)."""
    if platform_admin_exists():
        raise ValidationError(_("This installation already has a platform admin: no set-up code is needed."))
    if settings.OPENPIE_SETUP_CODE:
        raise ValidationError(_("The set-up code is set by OPENPIE_SETUP_CODE in the environment."))
    code = _new_code()
    SetupCode.objects.all().delete()
    SetupCode.objects.create(code_hash=_hash(code))
    return code


def setup_code_matches(code: str) -> bool:
    if settings.OPENPIE_SETUP_CODE:
        return hmac.compare_digest(_hash(code), _hash(settings.OPENPIE_SETUP_CODE))
    stored = SetupCode.objects.filter(used_at__isnull=True).first()
    return stored is not None and hmac.compare_digest(stored.code_hash, _hash(code))


@transaction.atomic
def platform_admin_create(*, code: str, email: str, full_name: str, password: str) -> User:
    """The first platform admin; refused once one exists or with a wrong code."""
    SetupCode.objects.select_for_update().filter(used_at__isnull=True).first()  # one at a time
    if platform_admin_exists():
        raise ValidationError(_("This installation already has a platform admin."))
    if not setup_code_matches(code):
        raise ValidationError({"code": _("The set-up code is not right. Check it in the server's log")})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email address already exists")})
    user = User.objects.create_superuser(email, password, full_name=full_name)
    SetupCode.objects.filter(used_at__isnull=True).update(used_at=timezone.now())
    audit_record(actor=user, action="platform.first_admin", target=user)
    return user
