"""What accounts holds of a person: the account itself and their API tokens (openpie/common/personal_data.py)."""

from __future__ import annotations

from typing import Any

from openpie.accounts.models import ApiToken
from openpie.common.personal_data import Holding, Section, register


def account(person: Any) -> dict[str, Any]:
    return {
        "email": person.email,
        "full_name": person.full_name,
        "joined": person.date_joined,
        "last_signed_in": person.last_login,
        "active": person.is_active,
        "platform_admin": person.is_staff,
    }


def api_tokens(person: Any) -> list[dict[str, Any]]:
    rows = ApiToken.objects.filter(user=person).order_by("created_at")
    return [
        {"name": t.name, "created": t.created_at, "last_used": t.last_used_at, "revoked": t.revoked_at} for t in rows
    ]


def passkeys(person: Any) -> list[dict[str, Any]]:
    from openpie.accounts.services.passkeys import passkeys_of

    return [
        {"name": p.data.get("name", ""), "added": p.created_at, "last_used": p.last_used_at}
        for p in passkeys_of(person)
    ]


def erase(person: Any) -> None:
    """API tokens go; so do the sign-in's own records of the person (allauth's: authenticator apps with
    their recovery codes and passkeys, and the links to organisations' providers)."""
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    ApiToken.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    SocialAccount.objects.filter(user=person).delete()


register(
    Holding(
        app="accounts",
        links={
            "ApiToken.user": "api_tokens",
        },
        sections=(
            Section("account", None, account, order=0),
            Section("api_tokens", "Your API tokens (names only; the secrets are never kept)", api_tokens, order=30),
            Section("passkeys", "Your passkeys (names and dates; the keys stay on your devices)", passkeys, order=31),
        ),
        erase=erase,
        erase_order=40,
    )
)
