"""Stamp every new sign-in, however it happened (sign-in form, invitation, a provider, tests' force_login)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest

from openpie.accounts.services.sessions import session_is_verified, session_start


def on_signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        session_start(request=request, user=user)
        # The rest of this request sees the person just signed in (as TwoStepMiddleware gives every request).
        user.is_verified = partial(session_is_verified, request=request, user=user)
