"""Who is a platform admin: the one check every platform page and service uses.

A platform admin is ``is_staff`` and ``is_superuser`` and has done the second step of signing
in this session. Anyone else gets 404 from the platform pages, so nothing about them is shown.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _


def is_platform_admin(user: Any) -> bool:
    """Signed in as a platform admin, with the second step done."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.is_superuser
        and user.is_verified()
    )


def require_platform_admin(user: Any) -> None:
    if not is_platform_admin(user):
        raise Http404(_("No such page."))


def platform_admin_exists() -> bool:
    from openpie.accounts.models import User

    return User.objects.filter(is_staff=True, is_superuser=True, is_active=True).exists()
