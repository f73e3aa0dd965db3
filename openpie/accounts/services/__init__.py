"""Writes for people and their API tokens."""

from __future__ import annotations

import hmac

from django.db import transaction
from django.utils import timezone

from openpie.accounts.models import TOKEN_PREFIX, ApiToken, User, hash_token_secret, new_token_parts
from openpie.audit.services import audit_record


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; returns it and the plain value, which is never stored."""
    key, secret = new_token_parts()
    token = ApiToken.objects.create(user=user, name=name, key=key, secret_hash=hash_token_secret(secret))
    audit_record(actor=user, action="token.create", target=token)
    return token, f"{TOKEN_PREFIX}_{key}_{secret}"


@transaction.atomic
def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=token.user, action="token.revoke", target=token)
    return token


def api_token_authenticate(*, value: str) -> User | None:
    """The active user behind a presented token, or None. Records when it was used."""
    prefix, _, rest = value.partition("_")
    key, _, secret = rest.partition("_")
    if prefix != TOKEN_PREFIX or not key or not secret:
        return None
    token = ApiToken.objects.select_related("user").filter(key=key, revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_token_secret(secret)):
        return None
    if not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
