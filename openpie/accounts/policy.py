"""Who must use two-step sign-in, and the session keys that say how a sign-in is going."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest

# Roles that see across services or change who sees what: they must sign in with a second step.
# The values of ``organisations.models.Role`` (organisations sits above accounts and so is not
# imported here; openpie/organisations/tests/test_roles_mfa.py checks the names are its roles).
MFA_REQUIRED_ROLES = frozenset({"org_admin", "manager", "commissioner", "researcher"})

# Kept in the session at sign-in (see services.sessions.session_start).
SIGNED_IN_AT = "openpie_signed_in_at"
LAST_SEEN = "openpie_last_seen"
EPOCH = "openpie_session_epoch"
HAS_DEVICE = "openpie_has_mfa_device"
# The person (their id) who finished the second step in this session.
VERIFIED = "openpie_mfa_verified"
# A set-up started but not yet confirmed: the key being set up.
SETUP_SECRET = "openpie_mfa_setup_secret"  # noqa: S105 - a session key, not a secret

# Requests that do not count as activity: a page polling by itself, and the timeout script asking.
BACKGROUND_HEADER = "HTTP_X_OPENPIE_BACKGROUND"


def _roles_by_query(user: Any) -> Iterable[str]:
    return user.memberships.values_list("role", flat=True)


class RoleSource:
    """Where a person's roles come from. Organisations, which sits above accounts, puts its
    once-per-request memberships here in its ``AppConfig.ready()``, so the check below costs no query
    of its own on a page that reads the memberships anyway."""

    roles_of: Callable[[Any], Iterable[str]] = staticmethod(_roles_by_query)


ROLES = RoleSource()


def mfa_required(user: Any) -> bool:
    """Platform admins and anyone holding a role in ``MFA_REQUIRED_ROLES`` at any unit."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(role in MFA_REQUIRED_ROLES for role in ROLES.roles_of(user))


def second_step_due(request: HttpRequest) -> str | None:
    """The page a signed-in person must finish before anything else (its URL name), or None."""
    user = request.user
    if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]
        return None
    if request.session.get(HAS_DEVICE):
        return "accounts:mfa-verify"
    if mfa_required(user):
        return "accounts:mfa-setup"
    return None
